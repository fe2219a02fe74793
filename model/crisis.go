package model

import (
	"strings"
)

// CrisisCountry is one country of the crisis-line table: its lines, shown on the
// crisis card and never dialled, and its emergency number.
type CrisisCountry struct {
	// Code is the ISO 3166-1 alpha-2 code: "US", "CA".
	Code string
	Name string
	// Lines are the country's crisis lines, in the order the card shows them.
	Lines []CrisisLine
	// Emergency is the emergency number as the card says it: "911", "112 or 999".
	Emergency string
}

// CrisisTable is every country whose crisis lines Keel knows: the table of
// docs/clinical.md, "Crisis resources", the one place in the code it is kept. Each
// entry names the published page it was checked against, as the table does. Numbers
// change (Canada moved to 988, South Korea from 1393 to 109, Brazil from 141 to
// 188): re-check the sources before each release, and change an entry here. A
// country not in the table gets FallbackCrisisLines; Denmark, Argentina and South
// Africa are left out on purpose until their lines are checked (docs/clinical.md).
var CrisisTable = []CrisisCountry{
	// Source: mhn.com 988 introduction; sfisd.net.
	{Code: "US", Name: "United States", Emergency: "911", Lines: []CrisisLine{
		{Name: "988 Suicide & Crisis Lifeline", Detail: "Call or text 988, 24/7."},
		{Name: "Crisis Text Line", Detail: "Text HOME to 741741, 24/7."},
	}},
	// Source: mentalhealthcommission.ca "988 launches in Canada" (since 30 Nov 2023).
	{Code: "CA", Name: "Canada", Emergency: "911", Lines: []CrisisLine{
		{Name: "988 Suicide Crisis Helpline", Detail: "Call or text 988, 24/7, in English or French."},
	}},
	// Source: civilsociety.co.uk; giveusashout.org FAQ.
	{Code: "GB", Name: "United Kingdom", Emergency: "999", Lines: []CrisisLine{
		{Name: "Samaritans", Detail: "Call 116 123, 24/7, free."},
		{Name: "Shout", Detail: "Text SHOUT to 85258, 24/7."},
	}},
	// Source: samaritans.org; todayfm.com; hse.ie.
	{Code: "IE", Name: "Ireland", Emergency: "112 or 999", Lines: []CrisisLine{
		{Name: "Samaritans", Detail: "Call 116 123, 24/7, free."},
		{Name: "50808", Detail: "Text TALK to 50808, 24/7."},
	}},
	// Source: lifeline.org.au.
	{Code: "AU", Name: "Australia", Emergency: "000", Lines: []CrisisLine{
		{Name: "Lifeline", Detail: "Call 13 11 14 or text 0477 13 11 14, 24/7."},
	}},
	// Source: scoop.co.nz (Ministry of Health release, 2017).
	{Code: "NZ", Name: "New Zealand", Emergency: "111", Lines: []CrisisLine{
		{Name: "Need to talk?", Detail: "Call or text 1737, 24/7, free."},
	}},
	// Source: domradio.de.
	{Code: "DE", Name: "Germany", Emergency: "112", Lines: []CrisisLine{
		{Name: "TelefonSeelsorge", Detail: "Call 0800 111 0 111 or 0800 111 0 222, 24/7, free."},
	}},
	// Source: ots.at (2023).
	{Code: "AT", Name: "Austria", Emergency: "112 (144 for an ambulance)", Lines: []CrisisLine{
		{Name: "TelefonSeelsorge", Detail: "Call 142, 24/7, free."},
	}},
	// Source: srf.ch.
	{Code: "CH", Name: "Switzerland", Emergency: "112 (144 for an ambulance)", Lines: []CrisisLine{
		{Name: "Die Dargebotene Hand / La Main Tendue", Detail: "Call 143, 24/7."},
	}},
	// Source: mayotte.ars.sante.fr (since October 2021).
	{Code: "FR", Name: "France", Emergency: "112 (15 for the SAMU)", Lines: []CrisisLine{
		{Name: "Numéro national de prévention du suicide", Detail: "Call 3114, 24/7, free."},
	}},
	// Source: bx1.be; hbvl.be.
	{Code: "BE", Name: "Belgium", Emergency: "112", Lines: []CrisisLine{
		{Name: "Centre de Prévention du Suicide", Detail: "Call 0800 32 123, 24/7, free."},
		{Name: "Zelfmoordlijn", Detail: "Call 1813, 24/7, free."},
	}},
	// Source: nu.nl; 113.nl.
	{Code: "NL", Name: "Netherlands", Emergency: "112", Lines: []CrisisLine{
		{Name: "113 Zelfmoordpreventie", Detail: "Call 113 or 0800-0113, 24/7, free."},
	}},
	// Source: rtve.es (since May 2022).
	{Code: "ES", Name: "Spain", Emergency: "112", Lines: []CrisisLine{
		{Name: "Línea 024", Detail: "Call 024, 24/7, free."},
	}},
	// Source: 24noticias.sapo.pt (new, September 2025).
	{Code: "PT", Name: "Portugal", Emergency: "112", Lines: []CrisisLine{
		{Name: "Linha de Prevenção do Suicídio", Detail: "Call 1411, 24/7."},
	}},
	// Source: fanpage.it.
	{Code: "IT", Name: "Italy", Emergency: "112", Lines: []CrisisLine{
		{Name: "Telefono Amico Italia", Detail: "Call 02 2327 2327, 10:00-24:00 (Italy has no national line open 24/7)."},
	}},
	// Source: vimmerbytidning.se.
	{Code: "SE", Name: "Sweden", Emergency: "112", Lines: []CrisisLine{
		{Name: "Mind Självmordslinjen", Detail: "Call 90101 or chat, 24/7."},
	}},
	// Source: nrk.no.
	{Code: "NO", Name: "Norway", Emergency: "113 (medical) or 112", Lines: []CrisisLine{
		{Name: "Mental Helse Hjelpetelefonen", Detail: "Call 116 123, 24/7."},
	}},
	// Source: mieli.fi.
	{Code: "FI", Name: "Finland", Emergency: "112", Lines: []CrisisLine{
		{Name: "MIELI Kriisipuhelin", Detail: "Call 09 2525 0111, 24/7, in Finnish."},
	}},
	// Source: zdrowie.pap.pl.
	{Code: "PL", Name: "Poland", Emergency: "112", Lines: []CrisisLine{
		{Name: "Centrum Wsparcia", Detail: "Call 800 70 2222, 24/7."},
	}},
	// Source: eluniversal.com.mx (2025).
	{Code: "MX", Name: "Mexico", Emergency: "911", Lines: []CrisisLine{
		{Name: "Línea de la Vida", Detail: "Call 800 911 2000, 24/7, free."},
	}},
	// Source: claudia.abril.com.br.
	{Code: "BR", Name: "Brazil", Emergency: "192 (SAMU)", Lines: []CrisisLine{
		{Name: "CVV", Detail: "Call 188, 24/7, free."},
	}},
	// Source: livemint.com.
	{Code: "IN", Name: "India", Emergency: "112", Lines: []CrisisLine{
		{Name: "Tele-MANAS", Detail: "Call 14416 or 1-800-891-4416, 24/7, free, in about 20 languages."},
	}},
	// Source: hurights.or.jp (2015: re-check before each release).
	{Code: "JP", Name: "Japan", Emergency: "119 (ambulance)", Lines: []CrisisLine{
		{Name: "Yorisoi Hotline", Detail: "Call 0120-279-338, 24 hours."},
	}},
	// Source: newspim.com (2024; 109 since 1 January 2024).
	{Code: "KR", Name: "South Korea", Emergency: "119", Lines: []CrisisLine{
		{Name: "Suicide prevention line", Detail: "Call 109, 24/7."},
	}},
	// Source: channelnewsasia.com.
	{Code: "SG", Name: "Singapore", Emergency: "995 (ambulance)", Lines: []CrisisLine{
		{Name: "Samaritans of Singapore", Detail: "Call 1767 or WhatsApp 9151 1767, 24/7."},
	}},
	// Source: israel21c.org.
	{Code: "IL", Name: "Israel", Emergency: "101 (ambulance)", Lines: []CrisisLine{
		{Name: "ERAN", Detail: "Call 1201, 24/7, in several languages."},
	}},
}

// CountryElsewhere is the Settings.Country of a person who says their country is not
// in the list: the card shows FallbackCrisisLines.
const CountryElsewhere = "other"

// FallbackCrisisLines are the card's lines for a country not in CrisisTable
// (docs/clinical.md, "Countries not in the table"): the local emergency number and a
// plain note on finding a crisis line, as text, not a link.
var FallbackCrisisLines = []CrisisLine{
	{Name: "Emergency", Detail: "Call your local emergency number. 112 works in every EU country and on most mobile phones."},
	{Name: "A crisis line where you live", Detail: "A doctor, your clinic, or findahelpline.com can tell you the crisis line for your country."},
}

// CrisisCountryByCode returns the table's entry for an ISO code (any case).
func CrisisCountryByCode(code string) (CrisisCountry, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	for _, c := range CrisisTable {
		if c.Code == code {
			return c, true
		}
	}
	return CrisisCountry{}, false
}

// CountryChoice is one entry of the country list of the first-run screen and Settings.
type CountryChoice struct {
	Code, Name string
}

// CountryChoices lists the countries of CrisisTable, then "Another country"
// (CountryElsewhere): what the first-run screen and Settings offer.
func CountryChoices() []CountryChoice {
	out := make([]CountryChoice, 0, len(CrisisTable)+1)
	for _, c := range CrisisTable {
		out = append(out, CountryChoice{c.Code, c.Name})
	}
	return append(out, CountryChoice{CountryElsewhere, "Another country"})
}

// ChoiceFor is the entry of CountryChoices to preselect for code (a chosen or guessed
// country): the country itself when it is in the table, "Another country" otherwise.
func ChoiceFor(code string) CountryChoice {
	if c, ok := CrisisCountryByCode(code); ok {
		return CountryChoice{c.Code, c.Name}
	}
	return CountryChoice{CountryElsewhere, "Another country"}
}

// validCountry accepts no choice, CountryElsewhere, or a two-letter code (one not in
// the table gets the fallback, so a newer Keel's choice still reads).
func validCountry(c string) bool {
	if c == "" || c == CountryElsewhere {
		return true
	}
	return len(c) == 2 && isUpper(c[0]) && isUpper(c[1])
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
func isAlpha(b byte) bool { return isUpper(b) || (b >= 'a' && b <= 'z') }
func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// languageCountry guesses the country from a language alone, only for languages
// spoken as a first language mainly in one country of the table.
var languageCountry = map[string]string{
	"ja": "JP", "ko": "KR", "he": "IL", "iw": "IL", "pl": "PL", "fi": "FI", "nb": "NO", "nn": "NO", "no": "NO",
}

// CountryFromLocale guesses the country from a locale name as systems give it:
// POSIX ("en_CA.UTF-8", "sr_RS@latin"), BCP 47 ("de-AT", "zh-Hant-TW") or bare
// ("pt_BR"). It returns the ISO 3166-1 alpha-2 code in capitals, or "" when the
// locale names no country ("C", "POSIX", "en", "es-419" for Latin America), apart
// from a language spoken mainly in one country of the table ("ja" is Japan). "UK" is
// read as "GB". It is a guess to preselect; the person always confirms or changes it.
func CountryFromLocale(locale string) string {
	s := strings.TrimSpace(locale)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '-' })
	if len(parts) == 0 {
		return ""
	}
	lang := strings.ToLower(parts[0])
	if len(lang) < 2 || len(lang) > 3 || !isAlpha(lang[0]) || !isAlpha(lang[1]) || (len(lang) == 3 && !isAlpha(lang[2])) {
		return "" // "C", "POSIX", or not a locale at all
	}
	for _, p := range parts[1:] {
		switch {
		case len(p) == 2 && isAlpha(p[0]) && isAlpha(p[1]):
			code := strings.ToUpper(p)
			if code == "UK" {
				code = "GB"
			}
			return code
		case len(p) == 3 && isDigit(p[0]) && isDigit(p[1]) && isDigit(p[2]):
			return "" // a region of several countries, such as 419, Latin America
		}
		// A script ("Hant") or a variant: read on.
	}
	return languageCountry[lang]
}

// CrisisCountry is the country the card shows lines for: the one chosen in Settings,
// or, while none is chosen, the guess from the system locale (CountryFromLocale).
// "" means unknown: the card shows the fallback.
func (s *Settings) CrisisCountry(locale string) string {
	if s.Country != "" {
		return s.Country
	}
	return CountryFromLocale(locale)
}

// CardOpening says how the crisis card was opened, which decides its words.
type CardOpening int

// How the crisis card can be opened.
const (
	// OpenedByPerson: from "Need help now?", the lock or welcome screen, the tray menu
	// or the shortcut. Nothing was answered, so the card says nothing about an answer.
	OpenedByPerson CardOpening = iota
	// OpenedByAnswer: an answer above 0 to PHQ-9 item 9 opened it (docs/clinical.md).
	OpenedByAnswer
)

// CrisisCard is everything the crisis card says, top to bottom: Title, Intro, the
// Lines (the country's, or the fallback, then the emergency number), the person's
// Own lines, and Closing. Keel shows it and never dials.
type CrisisCard struct {
	Title string
	// Intro says first, plainly, that nobody monitors Keel (docs/product.md item 4).
	Intro string
	// Country is the country the Lines are for: its code and name, both "" when the
	// card shows the fallback (a country not in the table, or none known).
	Country, CountryName string
	Lines                []CrisisLine
	// Own are the person's own lines (Settings.OwnCrisisLines), under "Your own lines".
	Own []CrisisLine
	// Closing is the last line: what to do in immediate danger.
	Closing string
	// Note says how to change the country and that Keel never calls anyone.
	Note string
}

// The card's wording for each way it is opened.
const (
	CrisisTitle = "You don't have to carry this alone"
	// crisisIntroAnswer is said when an answer opened the card.
	crisisIntroAnswer = "Nobody is monitoring what you write in Keel, so nobody will see this answer and reach out. " +
		"If you are thinking about ending your life or hurting yourself, please reach out to someone now:"
	// crisisIntroPerson is said when the person opened it.
	crisisIntroPerson = "Nobody is monitoring what you write in Keel, so nobody will see what you write here and reach out. " +
		"If you are thinking about ending your life or hurting yourself, or you need to talk to someone now, you can reach people here:"
	crisisNote = "Keel shows these numbers and never calls anyone. Change the country, or add your own lines, in Settings."
)

// CrisisCardFor is the crisis card for the settings, the system locale (used only
// while no country is chosen) and the way it was opened.
func CrisisCardFor(s *Settings, locale string, how CardOpening) CrisisCard {
	card := CrisisCard{Title: CrisisTitle, Intro: crisisIntroPerson, Own: s.OwnCrisisLines(), Note: crisisNote}
	if how == OpenedByAnswer {
		card.Intro = crisisIntroAnswer
	}
	emergency := "your local emergency number"
	if c, ok := CrisisCountryByCode(s.CrisisCountry(locale)); ok {
		card.Country, card.CountryName = c.Code, c.Name
		card.Lines = append(append(card.Lines, c.Lines...), CrisisLine{Name: "Emergency", Detail: "Call " + c.Emergency + "."})
		emergency = c.Emergency
	} else {
		card.Lines = append(card.Lines, FallbackCrisisLines...)
	}
	card.Closing = "If you are in immediate danger, call " + emergency + " now. You deserve support."
	if how == OpenedByAnswer {
		card.Closing += " It helps to tell your care team about this answer too."
	}
	return card
}
