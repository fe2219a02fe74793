package model

import (
	"fmt"
	"time"
)

// ReminderKind says what a reminder asks for.
type ReminderKind int

// The reminders Keel sends while it runs (docs/product.md item 9).
const (
	RemindCheckIn ReminderKind = iota
	RemindQuestionnaire
	RemindFollowUp
	RemindPrepare
)

// Reminder is one notification to send. Key identifies it, so that each is sent once.
type Reminder struct {
	Kind      ReminderKind
	Key       string
	Title     string
	Body      string
	SessionID uint64 // the session to prepare for, or whose follow-up it is
}

// ReminderSettings choose which reminders are sent and when. Times are local.
type ReminderSettings struct {
	CheckIn        bool
	CheckInHour    int
	CheckInMinute  int
	Questionnaires bool
	FollowUps      bool
	Prepare        bool
	PrepareHour    int // on the evening before a planned session
}

// DefaultReminderSettings sends every reminder: the check-in at 20:00, the checklist
// at 19:00 the evening before a session.
func DefaultReminderSettings() ReminderSettings {
	return ReminderSettings{CheckIn: true, CheckInHour: 20, Questionnaires: true, FollowUps: true, Prepare: true, PrepareHour: 19}
}

// questionnaireHour is the hour from which a due questionnaire is mentioned, so the
// reminder does not arrive at midnight.
const questionnaireHour = 10

// Reminders lists the reminders due at now, given what is due (see DueInputs) and the
// next planned session (nil when none). Each carries a Key; the caller sends each key
// once. It is a pure function of its inputs.
func Reminders(now time.Time, in DueInputs, next *Session, rs ReminderSettings) []Reminder {
	var out []Reminder
	day := now.Format(time.DateOnly)
	today := Midnight(now)
	for _, it := range Due(now, in) {
		switch it.Kind {
		case DueFollowUp:
			if rs.FollowUps && !it.Late {
				f := it.FollowUp
				out = append(out, Reminder{Kind: RemindFollowUp, Key: fmt.Sprintf("followup/%d", f.ID), SessionID: f.SessionID,
					Title: "A short check-in: " + f.Label(),
					Body:  "How are you since your session? A few answers take a minute."})
			}
		case DueQuestionnaire:
			if rs.Questionnaires && now.Hour() >= questionnaireHour {
				out = append(out, Reminder{Kind: RemindQuestionnaire, Key: "questionnaire/" + it.Instrument.ID + "/" + day,
					Title: "Time for the " + it.Instrument.Name,
					Body:  "A few questions, to see how things are going week by week."})
			}
		case DueCheckIn:
			at := today.Add(time.Duration(rs.CheckInHour)*time.Hour + time.Duration(rs.CheckInMinute)*time.Minute)
			if rs.CheckIn && !now.Before(at) {
				out = append(out, Reminder{Kind: RemindCheckIn, Key: "checkin/" + day,
					Title: "Today's check-in",
					Body:  "How was today? Mood, sleep and stress take a few seconds."})
			}
		}
	}
	if rs.Prepare && next != nil && !next.Done() && CalendarDays(now, next.At) == 1 && now.Hour() >= rs.PrepareHour {
		out = append(out, Reminder{Kind: RemindPrepare, Key: fmt.Sprintf("prepare/%d", next.ID), SessionID: next.ID,
			Title: "Your session is tomorrow",
			Body:  "Take a look at your checklist tonight: ride home, intention, a quiet evening."})
	}
	return out
}
