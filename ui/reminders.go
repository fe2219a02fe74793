package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"keel/model"
)

// Preference keys of the reminders and the tray.
const (
	prefRemindCheckIn   = "remind_checkin"
	prefRemindCheckInAt = "remind_checkin_at" // "20:00"
	prefRemindScores    = "remind_questionnaires"
	prefRemindFollowUps = "remind_followups"
	prefRemindPrepare   = "remind_prepare"
	prefStayInTray      = "stay_in_tray"
	// prefSentReminders is where an older Keel kept the reminders it sent (now in the
	// database: store.SentReminders).
	prefSentReminders = "sent_reminders"
)

// reminderSettings reads the reminder choices from the preferences.
func reminderSettings(p *prefs) model.ReminderSettings {
	rs := model.DefaultReminderSettings()
	rs.CheckIn = p.BoolWithFallback(prefRemindCheckIn, rs.CheckIn)
	rs.Questionnaires = p.BoolWithFallback(prefRemindScores, rs.Questionnaires)
	rs.FollowUps = p.BoolWithFallback(prefRemindFollowUps, rs.FollowUps)
	rs.Prepare = p.BoolWithFallback(prefRemindPrepare, rs.Prepare)
	if h, m, err := model.ParseClock(p.StringWithFallback(prefRemindCheckInAt, "20:00")); err == nil {
		rs.CheckInHour, rs.CheckInMinute = h, m
	}
	return rs
}

// remind sends the reminders due now that have not been sent yet, as desktop
// notifications, and lists them in the tray menu. Nothing is sent for demo data or
// while the data is locked. It returns what it sent.
func (u *UI) remind() []model.Reminder {
	if u.store.IsDemo() || u.store.Locked() || u.needsWelcome() {
		return nil // nothing before the first-run welcome is answered
	}
	now := u.store.Now()
	in, err := u.store.DueInputs(now)
	if err != nil {
		return nil
	}
	var next *model.Session
	if s, ok, err := u.store.NextPlanned(now); err == nil && ok {
		next = &s
	}
	due := model.Reminders(now, in, next, reminderSettings(u.prefs))
	// Which reminders were sent is kept in the database (sealed when encrypted), not
	// in the preferences anyone can read; an older Keel's list moves there once.
	if old := u.prefs.StringList(prefSentReminders); len(old) > 0 {
		if u.store.MarkRemindersSent(old...) == nil {
			u.prefs.SetStringList(prefSentReminders, nil)
		}
	}
	sent, err := u.store.SentReminders()
	if err != nil {
		return nil
	}
	var fresh []model.Reminder
	var keys []string
	for _, r := range due {
		if !slices.Contains(sent, r.Key) {
			fresh = append(fresh, r)
			keys = append(keys, r.Key)
		}
	}
	// Remembered before they are sent: a failed write sends nothing, rather than the
	// same reminder every minute.
	if len(keys) > 0 {
		if err := u.store.MarkRemindersSent(keys...); err != nil {
			return nil
		}
		for _, r := range fresh {
			u.notify(r)
		}
	}
	u.pending = due
	u.updateTray()
	return fresh
}

// screenFor is the screen that answers a reminder.
func screenFor(k model.ReminderKind) ScreenID {
	switch k {
	case model.RemindQuestionnaire:
		return ScreenQuestionnaires
	case model.RemindPrepare:
		return ScreenPrepare
	}
	return ScreenToday
}

// openReminder brings the window forward on the screen a reminder is about.
func (u *UI) openReminder(r model.Reminder) {
	u.win.Show()
	u.win.RequestFocus()
	if u.store.Locked() {
		return
	}
	if r.Kind == model.RemindPrepare {
		u.PrepareSession(r.SessionID)
		return
	}
	u.Show(screenFor(r.Kind))
}

// firstRemindDelay is how long after the start the first reminders are looked for,
// so they never slow the first screen down.
var firstRemindDelay = 5 * time.Second

// watchReminders checks for due reminders every minute while Keel runs, and keeps
// Keel in the tray when the window is closed if the user chose so.
func (u *UI) watchReminders() {
	// What is being typed is kept as a draft first (drafts.go); the window still
	// closes at once, and the draft is back when Keel starts again.
	u.win.SetCloseIntercept(u.closeRequested)
	if background {
		time.AfterFunc(firstRemindDelay, func() { fyne.Do(func() { u.remind() }) })
	}
	u.every(time.Minute, func() { u.remind() })
}
