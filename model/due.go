package model

import (
	"fmt"
	"sort"
	"time"
)

// DueKind says what a due item asks the user to do.
type DueKind int

// The kinds of things Keel reminds about on the Today screen.
const (
	DueFollowUp DueKind = iota
	DueQuestionnaire
	DueCheckIn
)

// DueItem is one thing to do today.
type DueItem struct {
	Kind  DueKind
	Title string
	Due   time.Time
	// Late is set for a follow-up whose window has passed; it can still be filled in.
	Late       bool
	FollowUp   *FollowUp   // for DueFollowUp
	Instrument *Instrument // for DueQuestionnaire
}

// DueInputs is what the due-date rules look at; the store gathers it with only short
// range scans (see Store.DueInputs).
type DueInputs struct {
	// OpenFollowUps are unanswered follow-ups due up to a day ahead and at most
	// LookBack in the past.
	OpenFollowUps []FollowUp
	// LastResponse is the time of the newest response per instrument ID, within the
	// last year.
	LastResponse map[string]time.Time
	// CheckedInToday reports whether there is a check-in since local midnight.
	CheckedInToday bool
	// DoneToday reports whether anything was recorded since local midnight: a
	// check-in, a questionnaire, a follow-up answered.
	DoneToday bool
	Settings  Settings
}

// LookBack is how far back an unanswered follow-up is still listed as due.
const LookBack = 7 * 24 * time.Hour

// Due lists what is due at now, most pressing first: follow-ups that have come due
// (late ones marked), questionnaires whose interval has passed (or with no answer in
// the last year: a baseline), and the daily check-in if there is none today.
func Due(now time.Time, in DueInputs) []DueItem {
	var out []DueItem
	for i := range in.OpenFollowUps {
		f := in.OpenFollowUps[i]
		if !f.Open() || f.Due.After(now) || now.Sub(f.Due) > LookBack {
			continue
		}
		out = append(out, DueItem{Kind: DueFollowUp, Title: "Follow-up: " + f.Label(), Due: f.Due, Late: f.Late(now), FollowUp: &f})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	for _, inst := range in.Settings.Enabled() {
		days := in.Settings.IntervalDays(inst)
		last, ok := in.LastResponse[inst.ID]
		switch {
		case !ok:
			out = append(out, DueItem{Kind: DueQuestionnaire, Title: inst.Title + ": a score to compare with later", Due: now, Instrument: inst})
		case !now.Before(last.AddDate(0, 0, days)):
			out = append(out, DueItem{Kind: DueQuestionnaire, Title: fmt.Sprintf("%s: %s since the last one", inst.Title, Count(CalendarDays(last.In(now.Location()), now), "day")), Due: last.AddDate(0, 0, days), Instrument: inst})
		}
	}
	if !in.CheckedInToday {
		out = append(out, DueItem{Kind: DueCheckIn, Title: "Today's check-in", Due: now})
	}
	return out
}

// Count is n of unit in words, singular for one: "1 minute", "2 minutes", "0 days".
// unit is the singular, whose plural takes an s.
func Count(n int, unit string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// CalendarDays counts the midnights from a to b, in a's location: 1 for tomorrow,
// whatever the hour.
func CalendarDays(a, b time.Time) int {
	b = b.In(a.Location())
	da := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// Midnight is the start of t's calendar day, in t's location (see StartOfDay for a
// day whose midnight is skipped).
func Midnight(t time.Time) time.Time {
	return StartOfDay(t.Year(), t.Month(), t.Day(), t.Location())
}

// NextMidnight is the start of the calendar day after t's, in t's location: the end
// of t's day, 23, 24 or 25 hours after Midnight(t).
func NextMidnight(t time.Time) time.Time {
	return StartOfDay(t.Year(), t.Month(), t.Day()+1, t.Location())
}

// CivilDay is the number of days from 1970-01-01 to the given date of the proleptic
// Gregorian calendar (H. Hinnant's days_from_civil): the same day number wherever
// and whenever it is asked, with no clock or time zone involved.
func CivilDay(y int, m time.Month, d int) int {
	if m <= time.February {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (int(m) + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// DayNumber is the day number (CivilDay) of t's date on the calendar of loc.
func DayNumber(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	return CivilDay(y, m, d)
}

// DateOfDay is midnight (or the first instant of the day, where a clock change skips
// midnight) of day number d in loc.
func DateOfDay(d int, loc *time.Location) time.Time {
	return StartOfDay(1970, time.January, 1+d, loc)
}
