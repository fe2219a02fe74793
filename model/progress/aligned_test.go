package progress

import (
	"testing"

	"keel/model"
)

func TestAlignedMood(t *testing.T) {
	// Session A on Tuesday 10 Feb at 10:00, session B on Friday 13 Feb at 10:00, and
	// a planned session that must not get a curve.
	a := done(at(2026, 2, 10, 10, 0), model.RouteIV)
	a.ID = 1
	b := done(at(2026, 2, 13, 10, 0), model.RouteIV)
	b.ID = 2
	planned := done(at(2026, 2, 20, 10, 0), model.RouteIV)
	planned.Status = model.StatusPlanned
	checkIns := []model.CheckIn{
		mood(at(2026, 2, 6, 21, 0), 1),                  // outside the view
		mood(at(2026, 2, 7, 21, 0), 4),
		mood(at(2026, 2, 9, 8, 0), 3),                   // two check-ins, 4.5
		mood(at(2026, 2, 9, 23, 30), 6),                 // A-1 late evening (the next day in UTC)
		mood(at(2026, 2, 10, 20, 0), 7),                 // A 0
		mood(at(2026, 2, 13, 20, 0), 8),                 // A+3, B 0
		mood(at(2026, 2, 24, 21, 0), 8),                 // A+14, B+11
		mood(at(2026, 2, 25, 21, 0), 10),                // A+15: outside A's view; B+12
		{At: at(2026, 2, 11, 20, 0), SleepHours: fp(7)}, // no mood: A+1 stays a gap
	}
	got := AlignedMood([]model.Session{b, planned, a}, checkIns, testLoc)
	if len(got.Curves) != 2 || got.Curves[0].Session.ID != 1 || got.Curves[1].Session.ID != 2 {
		t.Fatalf("AlignedMood curves = %v, want sessions 1 then 2 (done only, in time order)", got.Curves)
	}
	wantA := map[int]Mean{-3: m(4, 1), -1: m(4.5, 2), 0: m(7, 1), 3: m(8, 1), 14: m(8, 1)}
	wantB := map[int]Mean{-3: m(7, 1), 0: m(8, 1), 11: m(8, 1), 12: m(10, 1)}
	wantAvg := map[int]Mean{-3: m(5.5, 2), -1: m(4.5, 1), 0: m(7.5, 2), 3: m(8, 1), 11: m(8, 1), 12: m(10, 1), 14: m(8, 1)}
	for _, c := range []struct {
		name string
		got  [Offsets]Mean
		want map[int]Mean
	}{{"session A", got.Curves[0].Mood, wantA}, {"session B", got.Curves[1].Mood, wantB}, {"average", got.Average, wantAvg}} {
		t.Run(c.name, func(t *testing.T) {
			for i := range Offsets {
				off := OffsetAt(i)
				w, ok := c.want[off]
				if !ok {
					w = gap
				}
				if !sameMean(c.got[i], w) {
					t.Errorf("AlignedMood %s day %+d = %+v, want %+v", c.name, off, c.got[i], w)
				}
			}
		})
	}
}

func TestAlignedMoodEmpty(t *testing.T) {
	tests := []struct {
		name     string
		sessions []model.Session
		checkIns []model.CheckIn
		curves   int
	}{
		{"no sessions", nil, []model.CheckIn{mood(testNow, 5)}, 0},
		{"no check-ins", []model.Session{done(testNow, model.RouteIV)}, nil, 1},
		{"check-ins far away", []model.Session{done(testNow, model.RouteIV)}, []model.CheckIn{mood(testNow.AddDate(0, 0, -30), 5)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AlignedMood(tt.sessions, tt.checkIns, testLoc)
			if len(got.Curves) != tt.curves {
				t.Fatalf("AlignedMood = %d curves, want %d", len(got.Curves), tt.curves)
			}
			for i := range Offsets {
				if !sameMean(got.Average[i], gap) {
					t.Errorf("AlignedMood average day %+d = %+v, want a gap", OffsetAt(i), got.Average[i])
				}
				for _, c := range got.Curves {
					if !sameMean(c.Mood[i], gap) {
						t.Errorf("AlignedMood curve day %+d = %+v, want a gap", OffsetAt(i), c.Mood[i])
					}
				}
			}
		})
	}
}

func TestOffsets(t *testing.T) {
	if Offsets != 18 || OffsetAt(0) != -3 || OffsetAt(Offsets-1) != 14 {
		t.Errorf("Offsets = %d from %d to %d, want 18 from -3 to +14", Offsets, OffsetAt(0), OffsetAt(Offsets-1))
	}
}
