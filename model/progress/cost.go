package progress

import (
	"fmt"
	"slices"
	"time"

	"keel/model"
)

// Totals adds up the cost of sessions (docs/product.md item 7). Only sessions marked done
// are added: a planned session's cost has not been paid yet.
type Totals struct {
	Sessions int // done sessions added
	Priced   int // of those, how many have a cost recorded
	Cost     model.Money
	// Reimbursed is what insurance or others paid back.
	Reimbursed model.Money
}

// Net is what the user paid in the end: Cost less Reimbursed.
func (t Totals) Net() model.Money { return t.Cost - t.Reimbursed }

func (t *Totals) add(s *model.Session) {
	t.Sessions++
	if s.Cost != nil {
		t.Priced++
		t.Cost += *s.Cost
	}
	if s.Reimbursed != nil {
		t.Reimbursed += *s.Reimbursed
	}
}

// MonthTotals is the cost of one calendar month's done sessions.
type MonthTotals struct {
	Year  int
	Month time.Month
	Totals
}

// Label is the month in words, as "Feb 2026".
func (m MonthTotals) Label() string {
	return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC).Format("Jan 2006")
}

// Monthly adds up the done sessions per calendar month in loc (nil means UTC),
// earliest month first. Months without a done session are left out.
func Monthly(sessions []model.Session, loc *time.Location) []MonthTotals {
	loc = orUTC(loc)
	var out []MonthTotals
	idx := map[int]int{} // year*12+month to index in out
	for i := range sessions {
		s := &sessions[i]
		if !s.Done() {
			continue
		}
		y, m, _ := s.At.In(loc).Date()
		key := y*12 + int(m)
		j, ok := idx[key]
		if !ok {
			j = len(out)
			idx[key] = j
			out = append(out, MonthTotals{Year: y, Month: m})
		}
		out[j].add(s)
	}
	slices.SortFunc(out, func(a, b MonthTotals) int { return (a.Year*12 + int(a.Month)) - (b.Year*12 + int(b.Month)) })
	return out
}

// CourseCost adds up the sessions that count for course c at now (see CourseSessions).
func CourseCost(c model.Course, sessions []model.Session, now time.Time) Totals {
	var t Totals
	for _, s := range courseSessions(c, sessions, now) {
		t.add(s)
	}
	return t
}

// ResponseCost is the plain "cost per week in response" of a course.
type ResponseCost struct {
	// Since is when response was first reached: the first PHQ-9 after the first
	// session that was 50% or more below the baseline (see Verdict).
	Since time.Time
	// Weeks is the number of weeks from Since to now, counting a started week as a
	// whole one: ceil(calendar days / 7), at least 1.
	Weeks int
	// Net is the course's net cost (CourseCost(...).Net()): every session that
	// counts, before and after Since, since the sessions that led to the response
	// and those that keep it are both its price.
	Net model.Money
	// PerWeek is Net / Weeks, rounded to the nearest cent (halves away from zero).
	PerWeek model.Money
}

// String is the cost in words, as "74.38 per week over 8 weeks since response was
// first reached (3 Mar 2026)". Amounts carry no currency symbol, as model.Money.
func (r ResponseCost) String() string {
	return fmt.Sprintf("%s per week over %s since response was first reached (%s)",
		r.PerWeek, plural(r.Weeks, "week"), r.Since.Format("2 Jan 2006"))
}

// CostPerWeekInResponse returns the course's net cost per week since response was
// first reached (see ResponseCost), and true, but only while the verdict at now
// (Evaluate) is a response or a remission: with no response, or not enough data to
// say, there is no such figure and it returns false. Weeks are counted in calendar
// days of now's location.
func CostPerWeekInResponse(c model.Course, sessions []model.Session, responses []model.Response, now time.Time) (ResponseCost, bool) {
	counted := courseSessions(c, sessions, now)
	scores := scoresOf(model.PHQ9, responses, now)
	v := evaluate(c, counted, scores, now)
	if !v.Responded() {
		return ResponseCost{}, false
	}
	var r ResponseCost
	for _, s := range scores {
		if !s.before(v.FirstSession) && responded(v.Baseline.Total, s.Total) {
			r.Since = s.At
			break
		}
	}
	days := model.CalendarDays(r.Since.In(now.Location()), now)
	r.Weeks = max(1, (days+6)/7)
	var t Totals
	for _, s := range counted {
		t.add(s)
	}
	r.Net = t.Net()
	r.PerWeek = divRound(r.Net, r.Weeks)
	return r, true
}

// divRound is m/n rounded to the nearest cent, halves away from zero (n > 0).
func divRound(m model.Money, n int) model.Money {
	d := model.Money(n)
	if m < 0 {
		return -((-m*2 + d) / (2 * d))
	}
	return (m*2 + d) / (2 * d)
}
