package model

import (
	"testing"
	"time"
)

func TestReminders(t *testing.T) {
	day := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	session := Session{ID: 5, At: at(9, 0).Add(-24 * time.Hour), Status: StatusDone} // yesterday 09:00
	fs := NewFollowUps(session)                                                      // due yesterday 13:00 (late by now), today 09:00, ...
	tomorrow := &Session{ID: 9, At: at(10, 0).AddDate(0, 0, 1), Status: StatusPlanned}
	settings := DefaultSettings()
	answered := map[string]time.Time{"phq9": day.AddDate(0, 0, -2), "gad7": day.AddDate(0, 0, -2)}
	keys := func(rs []Reminder) (out []string) {
		for _, r := range rs {
			out = append(out, r.Key)
		}
		return out
	}
	tests := []struct {
		name string
		now  time.Time
		in   DueInputs
		next *Session
		rs   ReminderSettings
		want []string
	}{
		{"morning: the day-1 follow-up only (the +4 h one is late)", at(9, 30),
			DueInputs{OpenFollowUps: fs, Settings: settings, LastResponse: answered}, nil, DefaultReminderSettings(),
			[]string{"followup/21"}},
		{"20:00 without a check-in", at(20, 0),
			DueInputs{Settings: settings, LastResponse: answered}, nil, DefaultReminderSettings(),
			[]string{"checkin/2026-03-12"}},
		{"19:59 without a check-in: not yet", at(19, 59),
			DueInputs{Settings: settings, LastResponse: answered}, nil, DefaultReminderSettings(),
			nil},
		{"20:30, already checked in", at(20, 30),
			DueInputs{Settings: settings, LastResponse: answered, CheckedInToday: true}, nil, DefaultReminderSettings(),
			nil},
		{"questionnaires due, from 10:00", at(10, 0),
			DueInputs{Settings: settings, CheckedInToday: true}, nil, DefaultReminderSettings(),
			[]string{"questionnaire/phq9/2026-03-12", "questionnaire/gad7/2026-03-12"}},
		{"questionnaires due, at 08:00: not yet", at(8, 0),
			DueInputs{Settings: settings, CheckedInToday: true}, nil, DefaultReminderSettings(),
			nil},
		{"the evening before a session", at(19, 0),
			DueInputs{Settings: settings, LastResponse: answered, CheckedInToday: true}, tomorrow, DefaultReminderSettings(),
			[]string{"prepare/9"}},
		{"the afternoon before: not yet", at(15, 0),
			DueInputs{Settings: settings, LastResponse: answered, CheckedInToday: true}, tomorrow, DefaultReminderSettings(),
			nil},
		{"everything switched off", at(21, 0),
			DueInputs{OpenFollowUps: fs, Settings: settings, LastResponse: nil}, tomorrow, ReminderSettings{},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys(Reminders(tt.now, tt.in, tt.next, tt.rs)); !sameJSON(t, got, tt.want) {
				t.Errorf("Reminders(%v) = %q, want %q", tt.now.Format("15:04"), got, tt.want)
			}
		})
	}
}
