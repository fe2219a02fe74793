package ui

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// todayScreen is the first screen once there is data: today's check-in, what is due
// (follow-ups after a session, questionnaires), the next planned session and the
// latest scores.
type todayScreen struct {
	st  *store.Store
	win fyne.Window
	nav navigator

	date    *widget.Label
	checkin *checkInForm
	done    *widget.Label
	due     *fyne.Container
	next    *fyne.Container
	scores  *fyne.Container
	// cols holds the check-in and the panel beside it, or above it in a narrow window.
	cols    *fyne.Container
	flags   *todayFlags
	content fyne.CanvasObject
}

func newTodayScreen(st *store.Store, win fyne.Window, nav navigator) *todayScreen {
	t := &todayScreen{st: st, win: win, nav: nav}
	t.date = heading("")
	t.checkin = newCheckInForm(st, win, nav, t.refresh)
	t.done = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	t.due = container.NewVBox()
	t.next = container.NewVBox()
	t.scores = container.NewVBox()
	left := container.NewVBox(
		heading("How are you today?"),
		t.done,
		t.checkin.content,
	)
	t.flags = newTodayFlags(st, nav, func() {
		if t.content != nil {
			t.content.Refresh()
		}
	})
	right := container.NewVBox(
		t.flags.box,
		heading("Due"),
		t.due,
		widget.NewSeparator(),
		heading("Next session"),
		t.next,
		widget.NewSeparator(),
		heading("Latest scores"),
		t.scores,
	)
	// The check-in takes the larger share, so that its sliders are long enough to drag.
	// In a narrow window (a small screen, a large scale) the panel goes below it.
	var scroll *container.Scroll
	cols := newReflow(0.58, container.NewPadded(left), container.NewPadded(right), func() { scroll.Refresh() })
	scroll = container.NewVScroll(cols)
	t.cols = cols
	t.content = newBorder(container.NewPadded(t.date), nil, nil, nil, scroll)
	t.refresh()
	return t
}

// refresh reads what Today shows from the store and redraws it.
func (t *todayScreen) refresh() {
	now := t.st.Now()
	t.date.SetText(now.Format("Monday 2 January"))
	in, err := t.st.DueInputs(now)
	if err != nil {
		showError(t.win, err)
		return
	}
	today, _ := t.st.CheckInsBetween(midnightOf(now), midnightOf(now).AddDate(0, 0, 1))
	if len(today) > 0 {
		last := today[len(today)-1]
		t.done.SetText(fmt.Sprintf("✓ Checked in at %s. Change it below and save again.", last.At.Format("15:04")))
		t.done.Show()
	} else {
		t.done.Hide()
	}
	t.checkin.showToday(today)
	if t.content != nil {
		t.content.Refresh() // the done line may have come or gone: lay out again
	}

	var rows []fyne.CanvasObject
	for _, it := range model.Due(now, in) {
		if it.Kind == model.DueCheckIn {
			continue // the form on the left is the check-in
		}
		rows = append(rows, t.dueRow(it, now))
	}
	if len(rows) == 0 {
		// The praise is for something done: before anything is, only the plain fact.
		text := "Nothing else is due today."
		if in.DoneToday {
			text = "Nothing else is due. Well done for showing up today."
		}
		rows = append(rows, &widget.Label{Text: text, Wrapping: fyne.TextWrapWord})
	}
	t.due.Objects = rows
	t.due.Refresh()
	t.refreshNext(now)
	t.refreshScores(in.Settings)
	t.flags.reload()
}

// dueRow is one due item with the button that does it.
func (t *todayScreen) dueRow(it model.DueItem, now time.Time) fyne.CanvasObject {
	title := &widget.Label{Text: it.Title, Wrapping: fyne.TextWrapWord}
	var detail string
	var btn *widget.Button
	switch it.Kind {
	case model.DueFollowUp:
		f := *it.FollowUp
		sess, err := t.st.Session(f.SessionID)
		if err == nil {
			detail = "After your session of " + sess.At.Format("Monday 2 January")
		}
		if it.Late {
			detail += " · late, but still worth filling in"
		}
		btn = &widget.Button{Text: "Answer", Importance: widget.HighImportance, OnTapped: func() {
			t.nav.AnswerFollowUp(f, t.refresh)
		}}
	case model.DueQuestionnaire:
		inst := it.Instrument
		detail = model.Count(len(inst.Items), "question") + ", about " + model.Count(max(1, len(inst.Items)/5), "minute")
		btn = &widget.Button{Text: "Start", Importance: widget.HighImportance, OnTapped: func() {
			t.nav.StartQuestionnaire(inst)
		}}
	}
	return newBorder(nil, nil, nil, container.NewCenter(btn),
		container.NewVBox(title, hintText(detail)))
}

func (t *todayScreen) refreshNext(now time.Time) {
	sess, ok, err := t.st.NextPlanned(now.Add(-12 * time.Hour))
	if err != nil || !ok {
		plan := &widget.Button{Text: "Plan a session", Icon: theme.CalendarIcon(), OnTapped: func() {
			t.nav.NewSession(true)
		}}
		t.next.Objects = []fyne.CanvasObject{&widget.Label{Text: "No session planned."}, container.NewHBox(plan)}
		t.next.Refresh()
		return
	}
	when := sess.At.Format("Monday 2 January, 15:04") + " · " + sess.Route.Label()
	objs := []fyne.CanvasObject{
		&widget.Label{Text: when, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: untilText(now, sess.At)},
	}
	if c, ok, _ := t.st.Checklist(sess.ID); ok {
		p := c.Score(sess)
		bar := quietBar()
		bar.SetValue(p.Fraction())
		objs = append(objs, newBorder(nil, nil, &widget.Label{Text: "Prepared: " + p.String()}, nil, bar))
	}
	open := &widget.Button{Text: "Open the checklist", Icon: theme.ListIcon(), OnTapped: func() {
		t.nav.PrepareSession(sess.ID)
	}}
	t.next.Objects = append(objs, container.NewHBox(open))
	t.next.Refresh()
}

func (t *todayScreen) refreshScores(settings model.Settings) {
	var ids []string
	for _, in := range settings.Enabled() {
		ids = append(ids, in.ID)
	}
	last, err := t.st.LastResponses(time.Time{}, ids...)
	if err != nil {
		showError(t.win, err)
		return
	}
	var objs []fyne.CanvasObject
	for _, in := range settings.Enabled() {
		r, ok := last[in.ID]
		text := in.Name + ": no score yet"
		if ok {
			text = fmt.Sprintf("%s: %d", in.Name, r.Total())
			if b := r.Band(); b != "" {
				text += " · " + b
			}
			text += " · " + r.At.Format("2 Jan")
		}
		start := &widget.Button{Text: "Answer now", OnTapped: func() {
			t.nav.StartQuestionnaire(in)
		}}
		objs = append(objs, newBorder(nil, nil, nil, start, &widget.Label{Text: text}))
	}
	t.scores.Objects = objs
	t.scores.Refresh()
}

func midnightOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// checkInForm is the quick daily check-in.
type checkInForm struct {
	st      *store.Store
	win     fyne.Window
	nav     navigator
	onSaved func()

	mood, anxiety, quality, stress *scaleInput
	hours                          *textEntry
	note                           *textEntry
	rows                           map[string]*fieldRow
	save, another                  *widget.Button
	content                        fyne.CanvasObject
	checkInKeeping

	// current is the check-in the form shows and saving updates (ID 0: a new one),
	// and shown what the form held when it was shown, to tell an edit from it.
	current model.CheckIn
	shown   model.CheckInDraft
}

func newCheckInForm(st *store.Store, win fyne.Window, nav navigator, onSaved func()) *checkInForm {
	f := &checkInForm{st: st, win: win, nav: nav, onSaved: onSaved}
	f.mood = newScaleInput("low", "good")
	f.anxiety = newScaleInput("calm", "very anxious")
	f.quality = newScaleInput("poor", "restful")
	f.stress = newScaleInput("light", "heavy")
	f.hours = newEntry()
	f.hours.SetPlaceHolder("e.g. 7.5")
	f.note = multiline("Anything about today (optional)")
	f.note.SetMinRowsVisible(2)
	f.rows = map[string]*fieldRow{
		model.FieldMood:         newFieldRow("Mood", f.mood.object(), "0 = as low as it gets, 10 = very good."),
		model.FieldAnxiety:      newFieldRow("Anxiety", f.anxiety.object(), ""),
		model.FieldSleepHours:   newFieldRow("Hours slept", container.NewGridWithColumns(2, f.hours, layout.NewSpacer()), ""),
		model.FieldSleepQuality: newFieldRow("Sleep quality", f.quality.object(), ""),
		model.FieldStress:       newFieldRow("Stress load", f.stress.object(), "How much life is asking of you today."),
		model.FieldNote:         newFieldRow("Note", f.note, ""),
	}
	r := f.rows
	alsoOnChanged(f.revalidate, f.mood.entry, f.anxiety.entry, f.quality.entry, f.stress.entry, f.hours, f.note)
	f.save = &widget.Button{Text: "Save check-in", Importance: widget.HighImportance, OnTapped: f.onSave}
	f.another = &widget.Button{Text: "Add another", Icon: theme.ContentAddIcon(), OnTapped: f.onAnother}
	f.another.Hide()
	for _, e := range []*textEntry{f.mood.entry, f.anxiety.entry, f.hours, f.quality.entry, f.stress.entry} {
		e.OnSubmitted = func(string) { tap(f.save) }
	}
	draftRow := f.newDraftRow()
	f.content = container.NewVBox(
		draftRow,
		formGrid(r[model.FieldMood], r[model.FieldAnxiety], r[model.FieldSleepHours], r[model.FieldSleepQuality], r[model.FieldStress], r[model.FieldNote]),
		container.NewHBox(layout.NewSpacer(), f.discard, f.another, f.save),
	)
	return f
}

// revalidate clears the message of each field whose value is now valid (new
// messages wait for Save); the message's line stays, so the form does not move.
func (f *checkInForm) revalidate() {
	now := f.st.Now()
	_, err := f.typed().Parse(now.Truncate(time.Minute), now)
	var v *model.ValidationError
	if err != nil && !errors.As(err, &v) {
		return
	}
	for key, row := range f.rows {
		if row.hasMessage() && v.For(key) == "" {
			row.clearMessage()
		}
	}
}

func (f *checkInForm) onSave() {
	d := f.typed()
	now := f.st.Now()
	c, err := d.Parse(now.Truncate(time.Minute), now)
	if f.current.ID != 0 && model.CalendarDays(f.current.At, now) == 0 {
		c, err = d.Update(f.current, now) // today's, as shown
	}
	f.saveCheckIn(c, err)
}

// saveCheckIn stores c, parsed from the form with err, and shows it as saved.
func (f *checkInForm) saveCheckIn(c model.CheckIn, err error) {
	saved := c
	if err == nil {
		saved, err = f.st.SaveCheckIn(c)
	}
	var v *model.ValidationError
	if errors.As(err, &v) || err == nil {
		for key, row := range f.rows {
			row.setMessage(v.For(key))
		}
		f.content.Refresh()
	}
	switch {
	case model.ErrorCode(err) == model.EConflict:
		f.resolve(err, c)
		return
	case err != nil:
		if v == nil {
			showError(f.win, err)
		}
		return
	}
	f.draftSaved()
	f.show(saved)
	if f.onSaved != nil {
		f.onSaved()
	}
}
