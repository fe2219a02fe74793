package report

import (
	"testing"
	"time"

	"keel/model"
)

// TestReportPeriodIsTheTypedDays: a report asked for 2026-01-01..2026-03-31 covers
// exactly those days where the person is: in New York it used to cover 31 December to
// 30 March (the days were read as midnight UTC). The periods cross the start of
// daylight saving in the US (8 March) and its end in Auckland (5 April).
func TestReportPeriodIsTheTypedDays(t *testing.T) {
	periods := []struct{ from, to string }{{"2026-01-01", "2026-03-31"}, {"2026-04-01", "2026-04-30"}}
	for _, zone := range []string{"America/Los_Angeles", "America/New_York", "Pacific/Auckland", "Asia/Kolkata", "UTC"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range periods {
			from, err1 := model.ParseDate(p.from, loc)
			to, err2 := model.ParseDate(p.to, loc)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			first, last := from, to
			day := func(t time.Time, d int, h, m int) time.Time {
				return time.Date(t.Year(), t.Month(), t.Day()+d, h, m, 0, 0, loc)
			}
			session := func(id uint64, at time.Time) model.Session {
				return model.Session{ID: id, At: at, Status: model.StatusDone, Route: model.RouteIV}
			}
			e := Records{Sessions: []model.Session{
				session(1, day(first, -1, 23, 30)), // the evening before: out
				session(2, day(first, 0, 0, 30)),   // just after the first midnight: in
				session(3, day(last, 0, 23, 30)),   // the last evening: in
				session(4, day(last, 1, 0, 30)),    // just after the period: out
			}}
			d := Build(e, Options{Now: day(last, 40, 12, 0), From: from, To: to, Loc: loc})
			if got := d.From.In(loc).Format(time.DateOnly); got != p.from {
				t.Errorf("%s: period starts %s, want %s", zone, got, p.from)
			}
			if got := d.To.In(loc).Format(time.DateOnly); got != p.to {
				t.Errorf("%s: period ends %s, want %s", zone, got, p.to)
			}
			wantDays := model.CalendarDays(from, to) + 1
			if d.Days != wantDays {
				t.Errorf("%s: %s..%s is %d days, want %d", zone, p.from, p.to, d.Days, wantDays)
			}
			if len(d.Sessions) != 2 || !d.Sessions[0].At.Equal(e.Sessions[1].At) || !d.Sessions[1].At.Equal(e.Sessions[2].At) {
				t.Errorf("%s: %s..%s holds %+v, want the sessions just after its first midnight and on its last evening", zone, p.from, p.to, d.Sessions)
			}
		}
	}
}
