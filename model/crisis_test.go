package model

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// clinicalTable reads the crisis-line table of docs/clinical.md: one row per country,
// the cells of each row in order (country, line, number, how, emergency, source).
func clinicalTable(t *testing.T) [][]string {
	t.Helper()
	data, err := os.ReadFile("../docs/clinical.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	in := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "| country |") {
			in = true
			continue
		}
		if !in || strings.HasPrefix(line, "| ---") {
			continue
		}
		if !strings.HasPrefix(line, "|") {
			break
		}
		var cells []string
		for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
			cells = append(cells, strings.TrimSpace(c))
		}
		rows = append(rows, cells)
	}
	if len(rows) < 20 {
		t.Fatalf("read %d rows of the crisis table from docs/clinical.md, want the whole table", len(rows))
	}
	return rows
}

// fold writes letters with accents as docs/clinical.md's table does, without them.
var fold = strings.NewReplacer("é", "e", "í", "i", "ã", "a", "ä", "a", "ç", "c")

var digits = regexp.MustCompile(`\d+`)

// TestCrisisTableIsClinicalMd checks the built-in table against docs/clinical.md,
// "Crisis resources", row by row: the same countries, line names, numbers and
// emergency numbers.
func TestCrisisTableIsClinicalMd(t *testing.T) {
	rows := clinicalTable(t)
	if len(rows) != len(CrisisTable) {
		t.Errorf("docs/clinical.md lists %d countries, CrisisTable %d", len(rows), len(CrisisTable))
	}
	for _, row := range rows {
		country, names, numbers, emergency := row[0], row[1], row[2], row[4]
		i := slices.IndexFunc(CrisisTable, func(c CrisisCountry) bool { return c.Name == country })
		if i < 0 {
			t.Errorf("%s (docs/clinical.md) is not in CrisisTable", country)
			continue
		}
		c := CrisisTable[i]
		var gotNames []string
		details := ""
		for _, l := range c.Lines {
			gotNames = append(gotNames, fold.Replace(l.Name))
			details += strings.ToLower(l.Detail) + "\n"
		}
		if want := strings.Split(names, "; "); !slices.Equal(gotNames, want) {
			t.Errorf("%s: lines %q, docs/clinical.md %q", country, gotNames, want)
		}
		for _, n := range strings.Split(numbers, "; ") {
			if !strings.Contains(details, strings.ToLower(n)) {
				t.Errorf("%s: %q of docs/clinical.md is not in %q", country, n, details)
			}
		}
		if got, want := digits.FindAllString(c.Emergency, -1), digits.FindAllString(emergency, -1); !slices.Equal(got, want) {
			t.Errorf("%s: emergency %q, docs/clinical.md %q", country, c.Emergency, emergency)
		}
	}
	for _, code := range []string{"DK", "AR", "ZA"} { // "not verified well enough to ship"
		if _, ok := CrisisCountryByCode(code); ok {
			t.Errorf("%s is in the table; docs/clinical.md says to use the fallback until checked", code)
		}
	}
	seen := map[string]bool{}
	for _, c := range CrisisTable {
		if seen[c.Code] || !validCountry(c.Code) || c.Code == CountryElsewhere {
			t.Errorf("code %q is repeated or not an ISO code", c.Code)
		}
		seen[c.Code] = true
	}
}

// TestCanadaIs988 checks docs/clinical.md: "988 is also Canada's" (Canada moved to 988).
func TestCanadaIs988(t *testing.T) {
	for _, code := range []string{"US", "CA"} {
		card := CrisisCardFor(&Settings{Country: code}, "", OpenedByPerson)
		if !strings.Contains(card.Lines[0].Detail, "988") || !strings.Contains(card.Closing, "911") {
			t.Errorf("card for %s = %+v, want 988 first and 911 to close", code, card)
		}
	}
}

func TestCountryFromLocale(t *testing.T) {
	tests := []struct{ locale, want string }{
		{"en_CA.UTF-8", "CA"},
		{"de-AT", "AT"},
		{"pt_BR", "BR"},
		{"en_US.UTF-8", "US"},
		{"fr_BE@euro", "BE"},
		{"sr_RS@latin", "RS"}, // a country not in the table still reads: the card falls back
		{"zh-Hant-TW", "TW"},
		{"zh_Hans_SG", "SG"},
		{"en-GB-oxendict", "GB"},
		{"en_UK", "GB"},
		{"nl-nl", "NL"},
		{" it_IT.utf8 ", "IT"},
		{"es-419", ""}, // Latin America is not a country
		{"en", ""},
		{"de", ""}, // German is spoken in several countries of the table
		{"ja", "JP"},
		{"ko_KR.EUC-KR", "KR"},
		{"nb", "NO"},
		{"C", ""},
		{"C.UTF-8", ""},
		{"POSIX", ""},
		{"", ""},
		{"_US", ""},
		{"12_US", ""},
		{"en_1", ""},
	}
	for _, tt := range tests {
		if got := CountryFromLocale(tt.locale); got != tt.want {
			t.Errorf("CountryFromLocale(%q) = %q, want %q", tt.locale, got, tt.want)
		}
	}
}

// FuzzCountryFromLocale feeds any string as a locale: the guess is "" or a valid code,
// and a guess read back from a locale made of it is the same.
func FuzzCountryFromLocale(f *testing.F) {
	for _, s := range []string{"en_CA.UTF-8", "de-AT", "pt_BR", "zh-Hant-TW", "es-419", "C", "ja", "", "x_y_z@a.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, locale string) {
		got := CountryFromLocale(locale)
		if got == "" {
			return
		}
		if !validCountry(got) || got == CountryElsewhere {
			t.Fatalf("CountryFromLocale(%q) = %q, not a country code", locale, got)
		}
		if again := CountryFromLocale("en_" + got); again != got {
			t.Fatalf("CountryFromLocale(en_%s) = %q, want %q", got, again, got)
		}
	})
}

func TestCrisisCardFor(t *testing.T) {
	own := CrisisLine{Name: "My sister", Detail: "Call 555 0100."}
	tests := []struct {
		name      string
		settings  Settings
		locale    string
		how       CardOpening
		country   string
		has       []string
		hasNot    []string
		ownLines  int
		lineCount int
	}{
		{"chosen country wins over the locale", Settings{Country: "GB"}, "en_US.UTF-8", OpenedByPerson, "GB",
			[]string{"116 123", "SHOUT to 85258", "Call 999.", "call 999 now"}, []string{"988", "this answer"}, 0, 3},
		{"no choice: guessed from the locale", Settings{}, "de_AT.UTF-8", OpenedByPerson, "AT",
			[]string{"Call 142", "112 (144 for an ambulance)"}, []string{"988"}, 0, 2},
		{"a country not in the table gets the fallback", Settings{}, "da_DK.UTF-8", OpenedByPerson, "",
			[]string{"local emergency number", "112 works in every EU country", "findahelpline.com"}, []string{"988", "http"}, 0, 2},
		{"another country, as chosen", Settings{Country: CountryElsewhere}, "en_US", OpenedByPerson, "",
			[]string{"findahelpline.com"}, []string{"988"}, 0, 2},
		{"no locale and no choice", Settings{}, "C", OpenedByPerson, "", []string{"local emergency number"}, nil, 0, 2},
		{"opened by an answer", Settings{Country: "US", Crisis: []CrisisLine{own}}, "", OpenedByAnswer, "US",
			[]string{"this answer", "988", "741741", "Call 911.", "tell your care team about this answer"}, nil, 1, 3},
		{"opened by the person: nothing about an answer", Settings{Country: "US"}, "", OpenedByPerson, "US",
			nil, []string{"this answer", "answer"}, 0, 3},
		{"old settings: the old built-in lines are not the person's own", Settings{Country: "CA", Crisis: append(slices.Clone(DefaultCrisisLines), own)}, "", OpenedByPerson, "CA",
			[]string{"My sister"}, []string{"741741", "Outside the US"}, 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			card := CrisisCardFor(&tt.settings, tt.locale, tt.how)
			var all []string
			all = append(all, card.Title, card.Intro)
			for _, l := range append(slices.Clone(card.Lines), card.Own...) {
				all = append(all, l.Name, l.Detail)
			}
			all = append(all, card.Closing, card.Note)
			text := strings.Join(all, "\n")
			if card.Country != tt.country || len(card.Own) != tt.ownLines || len(card.Lines) != tt.lineCount {
				t.Errorf("card = %+v, want country %q, %d lines and %d own", card, tt.country, tt.lineCount, tt.ownLines)
			}
			if !strings.HasPrefix(card.Intro, "Nobody is monitoring") {
				t.Errorf("card starts %q, want it to say first that nobody is monitoring", card.Intro)
			}
			for _, h := range tt.has {
				if !strings.Contains(text, h) {
					t.Errorf("card lacks %q:\n%s", h, text)
				}
			}
			for _, h := range tt.hasNot {
				if strings.Contains(text, h) {
					t.Errorf("card has %q:\n%s", h, text)
				}
			}
		})
	}
}

func TestCountryChoices(t *testing.T) {
	cs := CountryChoices()
	if len(cs) != len(CrisisTable)+1 || cs[len(cs)-1].Code != CountryElsewhere {
		t.Fatalf("CountryChoices() = %v, want the table and then another country", cs)
	}
	if got := ChoiceFor("ca"); got.Code != "CA" || got.Name != "Canada" {
		t.Errorf("ChoiceFor(ca) = %v", got)
	}
	if got := ChoiceFor("DK"); got.Code != CountryElsewhere {
		t.Errorf("ChoiceFor(DK) = %v, want another country", got)
	}
}

// TestOldSettingsDecode reads settings as an older Keel stored them: they decode
// without a migration, keep the person's edits as their own lines, and validate.
func TestOldSettingsDecode(t *testing.T) {
	old := `{"questionnaire_days":14,"pcl5":true,"report_name":"A. Person","crisis":[` +
		`{"name":"988 Suicide & Crisis Lifeline (US)","detail":"Call or text 988, any time."},` +
		`{"name":"Crisis Text Line (US)","detail":"Text HOME to 741741."},` +
		`{"name":"Emergency","detail":"Call 911 in the US, or your local emergency number."},` +
		`{"name":"Outside the US","detail":"Call your local emergency number. Your doctor, a pharmacist or your local health service can tell you the crisis line where you live."},` +
		`{"name":"Samaritans (UK)","detail":"Call 116 123"}]}`
	var s Settings
	if err := DecodeStrict([]byte(old), &s); err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(testNow); err != nil {
		t.Errorf("old settings do not validate: %v", err)
	}
	if own := s.OwnCrisisLines(); len(own) != 1 || own[0].Name != "Samaritans (UK)" {
		t.Errorf("OwnCrisisLines() = %v, want only the line the person added", own)
	}
	if s.Country != "" || s.CrisisCountry("en_GB.UTF-8") != "GB" {
		t.Errorf("old settings: country %q, guessed %q; want none chosen and GB guessed", s.Country, s.CrisisCountry("en_GB.UTF-8"))
	}
	if s.IntervalDays(PCL5) != DefaultPCL5Days || s.IntervalDays(PHQ9) != 14 {
		t.Errorf("old settings: PCL-5 every %d days, PHQ-9 every %d; want monthly and 14", s.IntervalDays(PCL5), s.IntervalDays(PHQ9))
	}
	// The new fields round-trip, and stay out of the JSON at their zero values.
	s.Country, s.PCL5Days = "CA", 7
	data, _ := json.Marshal(s)
	var back Settings
	if err := DecodeStrict(data, &back); err != nil || back.Country != "CA" || back.PCL5Days != 7 {
		t.Errorf("round trip = %+v, %v", back, err)
	}
	if data, _ := json.Marshal(DefaultSettings()); strings.Contains(string(data), "country") || strings.Contains(string(data), "pcl5_days") {
		t.Errorf("default settings = %s, want no new fields written", data)
	}
}

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Settings)
		field string // "" for valid
	}{
		{"defaults", func(*Settings) {}, ""},
		{"no own crisis lines is fine: the country's are shown", func(s *Settings) { s.Crisis = nil }, ""},
		{"a country of the table", func(s *Settings) { s.Country = "NZ" }, ""},
		{"another country", func(s *Settings) { s.Country = CountryElsewhere }, ""},
		{"a code not in the table reads as another country", func(s *Settings) { s.Country = "DK" }, ""},
		{"lower case code", func(s *Settings) { s.Country = "us" }, FieldCountry},
		{"not a code", func(s *Settings) { s.Country = "USA" }, FieldCountry},
		{"PCL-5 weekly", func(s *Settings) { s.PCL5Days = 7 }, ""},
		{"PCL-5 interval too long", func(s *Settings) { s.PCL5Days = 61 }, FieldPCL5Days},
		{"PCL-5 interval negative", func(s *Settings) { s.PCL5Days = -1 }, FieldPCL5Days},
		{"an own line without a name", func(s *Settings) { s.Crisis = []CrisisLine{{Detail: "Call 1"}} }, FieldCrisis},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.edit(&s)
			err := s.Validate(testNow)
			got := ""
			if ve, ok := err.(*ValidationError); ok && len(ve.Problems) > 0 {
				got = ve.Problems[0].Field
			}
			if got != tt.field || (tt.field == "") != (err == nil) {
				t.Errorf("Validate() = %v, want a problem with %q", err, tt.field)
			}
		})
	}
}

// TestDefaultSettingsCard checks a new database's card: its stored lines are Keel's,
// not the person's, so the card shows only the country's (here, guessed).
func TestDefaultSettingsCard(t *testing.T) {
	s := DefaultSettings()
	if own := s.OwnCrisisLines(); len(own) != 0 {
		t.Errorf("a new database has own lines %v, want none", own)
	}
	card := CrisisCardFor(&s, "en_AU.UTF-8", OpenedByPerson)
	if card.Country != "AU" || len(card.Own) != 0 || !strings.Contains(card.Lines[0].Detail, "13 11 14") {
		t.Errorf("card = %+v, want Australia's lines only", card)
	}
	if err := s.Validate(testNow); err != nil {
		t.Errorf("default settings: %v", err)
	}
}
