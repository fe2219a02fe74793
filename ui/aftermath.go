package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// aftermath is what a session's detail shows under its fields: how it was prepared
// (read-only once done), the follow-ups of the 72 hours after it, and the journal
// entries written about it.
func (s *sessionsScreen) aftermath(sess model.Session) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	if c, ok, err := s.st.Checklist(sess.ID); err == nil && ok {
		objs = append(objs, widget.NewSeparator(), heading("Preparation: "+c.Score(sess).String()))
		for _, it := range c.Items {
			mark := "○ "
			if it.Done(sess) {
				mark = "✓ "
			}
			objs = append(objs, &widget.Label{Text: mark + it.Text, Wrapping: fyne.TextWrapWord})
		}
		if !sess.Done() {
			objs = append(objs, container.NewHBox(&widget.Button{Text: "Open in Prepare", Icon: theme.ListIcon(), OnTapped: func() {
				s.nav.PrepareSession(sess.ID)
			}}))
		}
	}
	if fs, err := s.st.FollowUpsOf(sess.ID); err == nil && len(fs) > 0 {
		objs = append(objs, widget.NewSeparator(), heading("The 72 hours after"))
		now := s.st.Now()
		for _, f := range fs {
			objs = append(objs, s.followUpRow(f, now))
		}
	}
	if sess.Done() {
		entries, _ := s.st.JournalOf(sess)
		objs = append(objs, widget.NewSeparator(), heading("Journal"))
		for _, e := range entries {
			head := e.At.Format("Mon 2 Jan, 15:04")
			if e.Prompt != "" {
				head += " · " + e.Prompt
			}
			objs = append(objs, &widget.Label{Text: head, TextStyle: fyne.TextStyle{Bold: true}},
				&widget.Label{Text: e.Text, Wrapping: fyne.TextWrapWord})
		}
		objs = append(objs, container.NewHBox(&widget.Button{Text: "Write about this session", Icon: theme.DocumentCreateIcon(), OnTapped: func() {
			s.nav.WriteJournal(sess.ID, model.IntegrationPrompts[0])
		}}))
	}
	return objs
}

// followUpRow is one follow-up: when, its answers or its state, and a button to
// answer or change it.
func (s *sessionsScreen) followUpRow(f model.FollowUp, now time.Time) fyne.CanvasObject {
	var state string
	switch {
	case !f.Open():
		state = "Answered " + f.Filled.Format("Mon 2 Jan, 15:04") + ": " + followUpSummary(f)
		if f.Late(now) {
			state += " (late)"
		}
	case f.Due.After(now):
		state = "Due " + f.Due.Format("Mon 2 Jan, 15:04")
	case f.Late(now):
		state = "Not answered (its time has passed; you can still fill it in)"
	default:
		state = "Due now"
	}
	label := "Answer"
	if !f.Open() {
		label = "Change"
	}
	btn := &widget.Button{Text: label, OnTapped: func() {
		s.nav.AnswerFollowUp(f, func() { s.reloadDetail(f.SessionID) })
	}}
	if f.Open() && f.Due.After(now) {
		btn.Disable()
	}
	return newBorder(nil, nil, nil, container.NewCenter(btn), container.NewVBox(
		&widget.Label{Text: f.Label(), TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: state, Wrapping: fyne.TextWrapWord},
	))
}

// followUpSummary lists a follow-up's answers: "mood 7 · slept 7.5 h · less sticky 8".
func followUpSummary(f model.FollowUp) string {
	var parts []string
	add := func(name string, v *int) {
		if v != nil {
			parts = append(parts, fmt.Sprintf("%s %d", name, *v))
		}
	}
	add("mood", f.Mood)
	if f.SleepHours != nil {
		parts = append(parts, fmt.Sprintf("slept %g h", *f.SleepHours))
	}
	add("sleep quality", f.SleepQuality)
	add("stress", f.Stress)
	add("rumination", f.Rumination)
	add("less sticky", f.LessSticky)
	if len(parts) == 0 {
		return "a note"
	}
	return strings.Join(parts, " · ")
}

// reloadDetail shows the session with the given ID again, as stored now.
func (s *sessionsScreen) reloadDetail(id uint64) {
	if sess, err := s.st.Session(id); err == nil && !s.formOpen() {
		s.showDetail(&sess)
	}
}
