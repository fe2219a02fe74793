package progress

import (
	"fmt"
	"testing"
	"time"

	"keel/model"
)

// priced is a done IV session with a cost and a reimbursement (nil when 0).
func priced(t time.Time, cost, back model.Money) model.Session {
	s := done(t, model.RouteIV)
	if cost > 0 {
		s.Cost = mp(cost)
	}
	if back > 0 {
		s.Reimbursed = mp(back)
	}
	return s
}

func TestMonthly(t *testing.T) {
	planned := priced(at(2026, 2, 20, 10, 0), 550_00, 0)
	planned.Status = model.StatusPlanned
	sessions := []model.Session{
		priced(at(2026, 3, 2, 10, 0), 495_00, 120_00),
		planned,
		done(at(2026, 2, 10, 10, 0), model.RouteIV), // no cost recorded
		priced(at(2026, 1, 31, 23, 30), 550_00, 0),  // 1 February in UTC, January for the user
		priced(at(2026, 1, 12, 10, 0), 550_00, 120_00),
	}
	got := Monthly(sessions, testLoc)
	want := []MonthTotals{
		{2026, time.January, Totals{Sessions: 2, Priced: 2, Cost: 1100_00, Reimbursed: 120_00}},
		{2026, time.February, Totals{Sessions: 1}},
		{2026, time.March, Totals{Sessions: 1, Priced: 1, Cost: 495_00, Reimbursed: 120_00}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Monthly(...) = %v, want %v", got, want)
	}
	if n := got[0].Net(); n != 980_00 {
		t.Errorf("Monthly(...)[0].Net() = %v, want 980.00", n)
	}
	if l := got[0].Label(); l != "Jan 2026" {
		t.Errorf("Monthly(...)[0].Label() = %q, want %q", l, "Jan 2026")
	}
}

func TestCourseCost(t *testing.T) {
	sessions := []model.Session{
		priced(at(2026, 1, 20, 10, 0), 400_00, 0), // before the course
		priced(at(2026, 2, 2, 10, 0), 550_00, 120_00),
		priced(at(2026, 2, 4, 10, 0), 550_00, 0),
		{At: at(2026, 2, 6, 10, 0), Status: model.StatusDone, Route: model.RouteNasal, Cost: mp(890_00)}, // other route
		priced(at(2026, 2, 6, 10, 0), 0, 0),
	}
	got := CourseCost(ivCourse(), sessions, testNow)
	want := Totals{Sessions: 3, Priced: 2, Cost: 1100_00, Reimbursed: 120_00}
	if got != want || got.Net() != 980_00 {
		t.Errorf("CourseCost(...) = %+v (net %v), want %+v (net 980.00)", got, got.Net(), want)
	}
}

func TestCostPerWeekInResponse(t *testing.T) {
	// Six induction sessions at 550.00, every other one reimbursed 120.00: net 2940.00.
	var sessions []model.Session
	for i, d := range []int{2, 4, 6, 9, 11, 16} {
		back := model.Money(0)
		if i%2 == 1 {
			back = 120_00
		}
		sessions = append(sessions, priced(at(2026, 2, d, 10, 0), 550_00, back))
	}
	base := phq(at(2026, 2, 1, 19, 0), 20)
	tests := []struct {
		name      string
		responses []model.Response
		ok        bool
		since     time.Time
		weeks     int
		perWeek   model.Money
	}{
		{"response first reached 20 days ago: 3 weeks", []model.Response{
			base, phq(at(2026, 2, 13, 19, 0), 12), phq(at(2026, 2, 20, 19, 0), 10), phq(at(2026, 3, 10, 19, 0), 9),
		}, true, at(2026, 2, 20, 19, 0), 3, 980_00},
		{"the first response counts even after a wobble", []model.Response{
			base, phq(at(2026, 2, 20, 19, 0), 10), phq(at(2026, 2, 27, 19, 0), 13), phq(at(2026, 3, 10, 19, 0), 8),
		}, true, at(2026, 2, 20, 19, 0), 3, 980_00},
		{"exactly 7 days is 1 week", []model.Response{base, phq(at(2026, 3, 5, 9, 0), 10)}, true, at(2026, 3, 5, 9, 0), 1, 2940_00},
		{"8 days is 2 weeks", []model.Response{base, phq(at(2026, 3, 4, 9, 0), 10)}, true, at(2026, 3, 4, 9, 0), 2, 1470_00},
		{"reached today: 1 week", []model.Response{base, phq(at(2026, 3, 12, 9, 0), 10)}, true, at(2026, 3, 12, 9, 0), 1, 2940_00},
		{"no response now", []model.Response{base, phq(at(2026, 2, 20, 19, 0), 10), phq(at(2026, 3, 10, 19, 0), 11)}, false, time.Time{}, 0, 0},
		{"not enough data", []model.Response{phq(at(2026, 3, 10, 19, 0), 5)}, false, time.Time{}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := CostPerWeekInResponse(ivCourse(), sessions, tt.responses, testNow)
			if ok != tt.ok {
				t.Fatalf("CostPerWeekInResponse(%s) = %+v, %v, want ok %v", tt.name, got, ok, tt.ok)
			}
			if !ok {
				return
			}
			if !got.Since.Equal(tt.since) || got.Weeks != tt.weeks || got.Net != 2940_00 || got.PerWeek != tt.perWeek {
				t.Errorf("CostPerWeekInResponse(%s) = since %v, %d weeks, net %v, %v a week; want since %v, %d weeks, net 2940.00, %v a week",
					tt.name, got.Since, got.Weeks, got.Net, got.PerWeek, tt.since, tt.weeks, tt.perWeek)
			}
		})
	}
}

func TestResponseCostString(t *testing.T) {
	r := ResponseCost{Since: at(2026, 2, 20, 19, 0), Weeks: 3, Net: 1000_00, PerWeek: divRound(1000_00, 3)}
	if want := "333.33 per week over 3 weeks since response was first reached (20 Feb 2026)"; r.String() != want {
		t.Errorf("ResponseCost.String() = %q, want %q", r.String(), want)
	}
}

func TestDivRound(t *testing.T) {
	tests := []struct {
		m    model.Money
		n    int
		want model.Money
	}{
		{1000_00, 3, 333_33}, {2000_00, 3, 666_67}, {1, 2, 1}, {-1, 2, -1}, {3, 4, 1}, {-3, 4, -1}, {5, 1, 5}, {0, 7, 0},
	}
	for _, tt := range tests {
		if got := divRound(tt.m, tt.n); got != tt.want {
			t.Errorf("divRound(%d, %d) = %d, want %d", tt.m, tt.n, got, tt.want)
		}
	}
}
