package model

import (
	"testing"
	"time"
)

func TestDue(t *testing.T) {
	now := time.Date(2026, 3, 12, 15, 0, 0, 0, time.UTC)
	session := Session{ID: 3, At: now.Add(-26 * time.Hour)} // yesterday 13:00
	fs := NewFollowUps(session)                             // due -22 h, -2 h, +22 h, +46 h
	settings := DefaultSettings()
	kinds := func(items []DueItem) (out []string) {
		for _, it := range items {
			switch it.Kind {
			case DueFollowUp:
				s := "followup" + string(rune('0'+it.FollowUp.Step))
				if it.Late {
					s += " late"
				}
				out = append(out, s)
			case DueQuestionnaire:
				out = append(out, it.Instrument.ID)
			case DueCheckIn:
				out = append(out, "checkin")
			}
		}
		return out
	}
	tests := []struct {
		name string
		in   DueInputs
		want []string
	}{
		{"nothing recorded yet: baselines and a check-in",
			DueInputs{Settings: settings},
			[]string{"phq9", "gad7", "checkin"}},
		{"follow-ups due so far, questionnaires answered 3 days ago, checked in",
			DueInputs{OpenFollowUps: fs, Settings: settings, CheckedInToday: true,
				LastResponse: map[string]time.Time{"phq9": now.AddDate(0, 0, -3), "gad7": now.AddDate(0, 0, -3)}},
			[]string{"followup0 late", "followup1"}}, // the +4 h one closed when the +24 h one came due
		{"questionnaire exactly 7 days ago is due, 6 days is not",
			DueInputs{Settings: settings, CheckedInToday: true,
				LastResponse: map[string]time.Time{"phq9": now.AddDate(0, 0, -7), "gad7": now.AddDate(0, 0, -6)}},
			[]string{"phq9"}},
		{"a 14-day interval",
			DueInputs{Settings: Settings{QuestionnaireDays: 14}, CheckedInToday: true,
				LastResponse: map[string]time.Time{"phq9": now.AddDate(0, 0, -10), "gad7": now.AddDate(0, 0, -14)}},
			[]string{"gad7"}},
		{"PCL-5 switched on and never answered",
			DueInputs{Settings: Settings{QuestionnaireDays: 7, PCL5: true}, CheckedInToday: true,
				LastResponse: map[string]time.Time{"phq9": now, "gad7": now}},
			[]string{"pcl5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kinds(Due(now, tt.in)); !sameJSON(t, got, tt.want) {
				t.Errorf("Due() = %q, want %q", got, tt.want)
			}
		})
	}

	// 49 hours later the first three have closed, the last is due.
	later := now.Add(49 * time.Hour)
	in := DueInputs{OpenFollowUps: fs, Settings: settings, CheckedInToday: true,
		LastResponse: map[string]time.Time{"phq9": later, "gad7": later}}
	if got, want := kinds(Due(later, in)), []string{"followup0 late", "followup1 late", "followup2 late", "followup3"}; !sameJSON(t, got, want) {
		t.Errorf("Due(+49 h) = %q, want %q", got, want)
	}
	// After LookBack the missed ones stop being listed; answered ones never are.
	filled := now
	fs[2].Filled = &filled
	in.OpenFollowUps = fs
	if got := kinds(Due(now.Add(LookBack+23*time.Hour), in)); !sameJSON(t, got, []string{"followup3 late"}) {
		t.Errorf("Due(a week later) = %q, want only the last, late", got)
	}
}

// TestPCL5DueMonthly checks docs/clinical.md PCL-5: "Monthly is the default cadence",
// whatever the interval of the PHQ-9 and GAD-7.
func TestPCL5DueMonthly(t *testing.T) {
	now := time.Date(2026, 3, 12, 15, 0, 0, 0, time.UTC)
	due := func(s Settings, daysAgo int) bool {
		last := map[string]time.Time{"phq9": now, "gad7": now, "pcl5": now.AddDate(0, 0, -daysAgo)}
		for _, it := range Due(now, DueInputs{Settings: s, LastResponse: last, CheckedInToday: true}) {
			if it.Instrument == PCL5 {
				return true
			}
		}
		return false
	}
	on := Settings{QuestionnaireDays: 7, PCL5: true}
	if due(on, 7) || due(on, 29) || !due(on, 30) {
		t.Errorf("PCL-5 by default: due after 7 days %v, 29 %v, 30 %v; want only after 30", due(on, 7), due(on, 29), due(on, 30))
	}
	on.PCL5Days = 7
	if !due(on, 7) || due(on, 6) {
		t.Errorf("PCL-5 weekly: due after 6 days %v, 7 %v", due(on, 6), due(on, 7))
	}
}

func TestCountSaysOneInTheSingular(t *testing.T) {
	for n, want := range map[int]string{0: "0 minutes", 1: "1 minute", 2: "2 minutes", 15: "15 minutes"} {
		if got := Count(n, "minute"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
