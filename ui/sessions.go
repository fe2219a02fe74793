package ui

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// sessionsScreen lists every session, newest first, beside the selected session's
// details or the form that adds or edits one.
type sessionsScreen struct {
	// split holds the list and the details (or the form) beside or below it.
	split *container.Split
	st    *store.Store
	win   fyne.Window
	nav   navigator

	items    []model.Session
	prep     map[uint64]model.Checklist
	drafts   map[uint64]bool // the sessions with a draft of the form kept
	list     *widget.List
	empty    *widget.Label
	detail   *sessionDetail
	form     *sessionForm
	right    *fyne.Container
	logBtn   *widget.Button
	planBtn  *widget.Button
	selected uint64
	content  fyne.CanvasObject
}

func newSessionsScreen(st *store.Store, win fyne.Window, nav navigator) *sessionsScreen {
	s := &sessionsScreen{st: st, win: win, nav: nav}
	s.list = widget.NewList(func() int { return len(s.items) }, newSessionRow, s.updateRow)
	s.list.OnSelected = s.onSelect
	s.empty = &widget.Label{
		Text:      "No sessions yet.\n\nUse “Log a session” for one that has happened, or “Plan a session” for one that is coming up.",
		Wrapping:  fyne.TextWrapWord,
		Alignment: fyne.TextAlignCenter,
	}
	s.detail = newSessionDetail(st.Now)
	s.detail.extra = s.aftermath
	s.detail.onEdit = func(sess model.Session) { s.openForm(sess, "Edit session") }
	s.detail.onComplete = func(sess model.Session) {
		sess.Status = model.StatusDone
		s.openForm(sess, "Record how the session went")
	}
	s.detail.onDelete = s.confirmDelete
	s.form = newSessionForm(st, win)
	s.form.onSaved = s.onSaved
	s.form.onClose = s.closeForm
	s.form.onKept = s.loadDrafts
	s.form.delete.OnTapped = func() { s.confirmDelete(model.Session{ID: s.form.id}) }

	s.logBtn = &widget.Button{Text: "Log a session", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.onNew}
	s.planBtn = &widget.Button{Text: "Plan a session", Icon: theme.CalendarIcon(), OnTapped: s.onPlan}
	top := container.NewVBox(heading("Sessions"), container.NewGridWithColumns(2, s.logBtn, s.planBtn))
	left := newBorder(container.NewPadded(top), nil, nil, nil, container.NewStack(s.list, container.NewPadded(s.empty)))
	s.right = container.NewStack(s.detail.content)
	split := container.NewHSplit(left, s.right)
	split.SetOffset(0.42)
	s.split = split
	s.content = container.New(&reflowSplit{split: split, solo: s.formOpen}, split)
	s.reload()
	s.showDetail(nil)
	if i := s.defaultIndex(); i >= 0 {
		s.list.Select(i)
		// Select scrolls before the list has a size; the row is near the top anyway
		// (only sessions planned further ahead come before it).
		s.list.ScrollToTop()
	}
	s.resumeDraft()
	return s
}

// loadDrafts reads which sessions have a draft of the form kept, for the list's
// marks. A failure only leaves the marks out.
func (s *sessionsScreen) loadDrafts() {
	list, err := s.st.Drafts(model.PlaceSession + "/")
	if err != nil {
		return
	}
	marks := map[uint64]bool{}
	for _, d := range list {
		marks[d.Place.ID()] = true
	}
	if !maps.Equal(marks, s.drafts) {
		s.drafts = marks
		s.list.Refresh()
	}
}

// resumeDraft opens the form on the session draft kept last, if there is one: what
// was being typed when the window closed (or Keel stopped) is back, marked as a draft.
func (s *sessionsScreen) resumeDraft() {
	drafts, err := s.st.Drafts(model.PlaceSession + "/")
	if err != nil || len(drafts) == 0 {
		return
	}
	last := drafts[0]
	for _, d := range drafts[1:] {
		if d.Saved.After(last.Saved) {
			last = d
		}
	}
	if last.Place.ID() == 0 {
		s.onNew() // the form fills from the draft
		return
	}
	if sess, err := s.st.Session(last.Place.ID()); err == nil {
		s.selected = sess.ID
		s.openForm(sess, "Edit session")
	}
}

// defaultIndex is the session to show first: the next planned one, else the newest;
// -1 when there are none.
func (s *sessionsScreen) defaultIndex() int {
	now := s.st.Now()
	best := -1
	for i, it := range s.items {
		if !it.Done() && it.At.After(now) {
			best = i // items are newest first, so the last match is the soonest
		}
	}
	if best < 0 && len(s.items) > 0 {
		best = 0
	}
	return best
}

// reload copies the sessions out of the store and redraws the list.
func (s *sessionsScreen) reload() {
	items, err := s.st.Sessions()
	if err != nil {
		dialog.ShowError(errors.New(model.Message(err)), s.win)
		return
	}
	s.items = items
	if s.prep, err = s.st.Checklists(); err != nil {
		dialog.ShowError(errors.New(model.Message(err)), s.win)
	}
	s.loadDrafts()
	if len(items) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.list.Refresh()
}

// sessionRow is one line of the list: when and status on top, what and how below.
func newSessionRow() fyne.CanvasObject {
	when := widget.NewLabelWithStyle("Wed 25 Nov 2026, 10:00", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	flag := &widget.Label{Text: "⚠ BP", Importance: widget.WarningImportance}
	status := &widget.Label{Text: "Planned"}
	what := &widget.Label{Text: "IV infusion · 0.5 mg/kg · mood 3 to 6", Truncation: fyne.TextTruncateEllipsis}
	return container.NewVBox(
		newBorder(nil, nil, nil, container.NewHBox(flag, status), when),
		what,
	)
}

func (s *sessionsScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	sess := s.items[id]
	rows := o.(*fyne.Container).Objects
	top := rows[0].(*fyne.Container).Objects
	when := sess.At.Format("Mon 2 Jan 2006, 15:04")
	if s.drafts[sess.ID] {
		when = "Draft · " + when
	}
	top[0].(*widget.Label).SetText(when)
	marks := top[1].(*fyne.Container).Objects
	flag, status := marks[0].(*widget.Label), marks[1].(*widget.Label)
	if sess.HighBP() {
		flag.Show()
	} else {
		flag.Hide()
	}
	status.SetText(sess.Status.Label())
	status.Importance = widget.SuccessImportance
	if !sess.Done() {
		status.Importance = widget.HighImportance
	}
	status.Refresh()
	summary := sessionSummary(sess)
	if c, ok := s.prep[sess.ID]; ok {
		p := c.Score(sess)
		summary += fmt.Sprintf(" · prepared %d/%d", p.Done, p.Total)
	}
	rows[1].(*widget.Label).SetText(summary)
}

// sessionSummary is the one-line "what and how" of a session.
func sessionSummary(s model.Session) string {
	parts := []string{s.Route.Label()}
	if s.Dose != nil {
		parts = append(parts, s.Dose.String())
	}
	switch {
	case s.MoodBefore != nil && s.MoodAfter != nil:
		parts = append(parts, fmt.Sprintf("mood %d to %d", *s.MoodBefore, *s.MoodAfter))
	case s.MoodBefore != nil:
		parts = append(parts, fmt.Sprintf("mood before %d", *s.MoodBefore))
	case s.MoodAfter != nil:
		parts = append(parts, fmt.Sprintf("mood after %d", *s.MoodAfter))
	}
	return strings.Join(parts, " · ")
}

func (s *sessionsScreen) onSelect(id widget.ListItemID) {
	if id < 0 || id >= len(s.items) {
		return
	}
	sess := s.items[id]
	s.selected = sess.ID
	chosen := chosenFromList(s.win, s.list)
	s.showDetail(&sess)
	if chosen {
		revealDetail(s.win, s.split)
	}
}

func (s *sessionsScreen) showDetail(sess *model.Session) {
	s.detail.show(sess)
	s.right.Objects = []fyne.CanvasObject{s.detail.content}
	s.right.Refresh()
	if s.content != nil {
		s.content.Refresh() // a narrow window shows the list again
	}
}

func (s *sessionsScreen) openForm(sess model.Session, title string) {
	s.form.edit(sess, title)
	s.right.Objects = []fyne.CanvasObject{s.form.content}
	s.right.Refresh()
	s.content.Refresh() // the split gives the form the width it needs
	s.win.Canvas().Focus(s.form.clock)
}

// onNew opens the form for a session that has just happened: today, now, done.
func (s *sessionsScreen) onNew() {
	s.list.UnselectAll()
	now := s.st.Now().Truncate(time.Minute)
	s.openForm(model.Session{At: now, Status: model.StatusDone, Route: s.lastRoute()}, "Log a session")
}

// onPlan opens the form for a session to come: a week from today at 10:00, planned.
func (s *sessionsScreen) onPlan() {
	s.list.UnselectAll()
	d := s.st.Now().AddDate(0, 0, 7)
	at := time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, time.Local)
	s.openForm(model.Session{At: at, Status: model.StatusPlanned, Route: s.lastRoute()}, "Plan a session")
}

// lastRoute is the route of the newest session, the likeliest for the next one.
func (s *sessionsScreen) lastRoute() model.Route {
	if len(s.items) == 0 {
		return ""
	}
	return s.items[0].Route
}

func (s *sessionsScreen) onSaved(sess model.Session) {
	s.reload()
	s.selected = sess.ID
	for i, it := range s.items {
		if it.ID == sess.ID {
			s.list.Select(i)
			s.list.ScrollTo(i)
		}
	}
	s.showDetail(&sess)
}

func (s *sessionsScreen) closeForm() {
	for i, it := range s.items {
		if it.ID == s.selected {
			sess := s.items[i]
			s.showDetail(&sess)
			return
		}
	}
	s.showDetail(nil)
}

// confirmDelete asks before removing a session; nothing is deleted without a yes.
func (s *sessionsScreen) confirmDelete(sess model.Session) {
	stored, err := s.st.Session(sess.ID)
	if err != nil {
		dialog.ShowError(errors.New(model.Message(err)), s.win)
		return
	}
	msg := fmt.Sprintf("Delete the session of %s (%s)?\nThis cannot be undone.", stored.At.Format("Monday 2 January 2006"), stored.Route.Label())
	d := dialog.NewConfirm("Delete session", msg, func(yes bool) {
		if !yes {
			return
		}
		if err := s.st.DeleteSession(stored.ID); err != nil {
			dialog.ShowError(errors.New(model.Message(err)), s.win)
			return
		}
		s.selected = 0
		s.list.UnselectAll()
		s.reload()
		s.showDetail(nil)
	}, s.win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Keep it")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// sessionDetail shows one session read-only, with what can be done to it.
type sessionDetail struct {
	onEdit, onComplete, onDelete func(model.Session)
	now                          func() time.Time
	// extra builds what is shown under the session's own fields: its preparation,
	// follow-ups and journal entries.
	extra func(model.Session) []fyne.CanvasObject

	sess     model.Session
	title    *widget.Label
	body     *fyne.Container
	edit     *widget.Button
	complete *widget.Button
	delete   *widget.Button
	buttons  *fyne.Container
	more     *fyne.Container
	scroll   *container.Scroll
	content  fyne.CanvasObject
}

func newSessionDetail(now func() time.Time) *sessionDetail {
	d := &sessionDetail{title: heading(""), now: now}
	d.body = container.New(layout.NewFormLayout())
	d.edit = &widget.Button{Text: "Edit", Icon: theme.DocumentCreateIcon(), OnTapped: func() { d.onEdit(d.sess) }}
	d.complete = &widget.Button{Text: "Record how it went", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: func() { d.onComplete(d.sess) }}
	d.delete = &widget.Button{Text: "Delete…", Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: func() { d.onDelete(d.sess) }}
	d.buttons = container.NewHBox(d.complete, d.edit, layout.NewSpacer(), d.delete)
	d.more = container.NewVBox()
	d.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(d.body, d.more)))
	d.content = newBorder(container.NewPadded(d.title), container.NewPadded(d.buttons), nil, nil, d.scroll)
	return d
}

// show shows sess (nil: none), from the top when it is another session than the one
// shown; the same session redrawn, after an edit, keeps its place.
func (d *sessionDetail) show(sess *model.Session) {
	if sess == nil || sess.ID != d.sess.ID {
		d.scroll.ScrollToTop()
	}
	if sess == nil {
		d.sess = model.Session{}
		d.title.SetText("Select a session to see it here")
		d.body.Objects = nil
		d.body.Refresh()
		d.more.Objects = nil
		d.more.Refresh()
		d.buttons.Hide()
		return
	}
	d.sess = *sess
	d.title.SetText(sess.At.Format("Monday 2 January 2006, 15:04"))
	d.buttons.Show()
	// "Record how it went" once the planned time has come; before that, only Edit.
	if sess.Done() || sess.At.After(d.now()) {
		d.complete.Hide()
	} else {
		d.complete.Show()
	}
	var objs []fyne.CanvasObject
	add := func(label, value string, imp widget.Importance) {
		if value == "" {
			return
		}
		objs = append(objs,
			widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
			&widget.Label{Text: value, Wrapping: fyne.TextWrapWord, Importance: imp})
	}
	status := "Done"
	if !sess.Done() {
		status = "Planned, " + untilText(d.now(), sess.At)
		if sess.At.Before(d.now()) {
			status = "Planned, and its time has passed: record how it went, or edit the date"
		}
	}
	add("Status", status, widget.MediumImportance)
	add("Route", sess.Route.Label(), widget.MediumImportance)
	if sess.Dose != nil {
		add("Dose", sess.Dose.String(), widget.MediumImportance)
	}
	add("Provider", sess.Provider, widget.MediumImportance)
	if sess.Setting != "" {
		add("Setting", sess.Setting.Label(), widget.MediumImportance)
	}
	add("Intention", sess.Intention, widget.MediumImportance)
	add("Mood before", scaleValue(sess.MoodBefore), widget.MediumImportance)
	add("Mood after", scaleValue(sess.MoodAfter), widget.MediumImportance)
	add("Intensity", scaleValue(sess.Intensity), widget.MediumImportance)
	add("What it was like", strings.Join(sess.Character, ", "), widget.MediumImportance)
	add("Dissociation", scaleValue(sess.Dissociation), widget.MediumImportance)
	add("Side effects", strings.Join(sess.SideEffects, ", "), widget.MediumImportance)
	for _, r := range sess.BloodPressures() {
		if r.Reading == nil {
			continue
		}
		if r.Reading.High() {
			add("BP "+strings.ToLower(r.Label), r.Reading.String()+"  ⚠ above 140/90: tell your care team", widget.WarningImportance)
			continue
		}
		add("BP "+strings.ToLower(r.Label), r.Reading.String(), widget.MediumImportance)
	}
	add("Who drove home", sess.DroveHome, widget.MediumImportance)
	if sess.Cost != nil {
		add("Cost", sess.Cost.String(), widget.MediumImportance)
	}
	if sess.Reimbursed != nil {
		add("Reimbursed", sess.Reimbursed.String(), widget.MediumImportance)
	}
	add("Notes", sess.Notes, widget.MediumImportance)
	d.body.Objects = objs
	d.body.Refresh()
	d.more.Objects = nil
	if d.extra != nil {
		d.more.Objects = d.extra(*sess)
	}
	d.more.Refresh()
}

func scaleValue(v *int) string {
	if v == nil {
		return ""
	}
	return fmt.Sprintf("%d of 10", *v)
}

// formOpen reports whether the form is on screen.
func (s *sessionsScreen) formOpen() bool {
	return len(s.right.Objects) == 1 && s.right.Objects[0] == s.form.content
}

// untilText says how far away a future moment is, counting calendar days as people
// do: "today at 10:00", "tomorrow at 10:00", "in 6 days".
func untilText(now, at time.Time) string {
	days := model.CalendarDays(now, at)
	switch {
	case days <= 0:
		return "today at " + at.Format("15:04")
	case days == 1:
		return "tomorrow at " + at.Format("15:04")
	}
	return "in " + model.Count(days, "day")
}
