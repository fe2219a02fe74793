package ui

import (
	"errors"
	"maps"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// courseForm plans or edits a treatment course: a template (IV induction, esketamine,
// lozenges, custom), its name and start, the induction series (how many sessions, how
// many days apart) and notes. The plan is the user's: Keel never enforces it. What is
// typed is kept as a draft (model.CoursePlace) about once a second and when the
// window locks or closes; the form opens on it again until it is saved or discarded.
type courseForm struct {
	p      *progressScreen
	course model.Course
	// opened is the course as the form opened it (stored, or the template's).
	opened model.Course

	template *widget.Select
	name     *textEntry
	start    *dateInput
	sessions *textEntry
	minDays  *textEntry
	maxDays  *textEntry
	notes    *textEntry
	rows     map[string]*fieldRow
	dlg      *dialog.CustomDialog
	save     *widget.Button
	draftMark

	draft      drafting
	loading    bool
	unregister func()
}

// The course form's fields as a draft keeps them.
const (
	courseTemplate = "template"
	courseSessions = "sessions"
	courseMinDays  = "min_days"
	courseMaxDays  = "max_days"
)

// editCourse opens the course form for c, or for a new course when c is nil.
func (p *progressScreen) editCourse(c *model.Course) *courseForm {
	f := &courseForm{p: p, loading: true}
	f.draft.keep = f.keepDraft
	f.template = widget.NewSelect(labels(model.CourseTemplates), func(label string) { f.fromTemplate(fromLabel(model.CourseTemplates, label)) })
	f.name = newEntry()
	f.start = newDateInput(p.win)
	f.sessions, f.minDays, f.maxDays = newEntry(), newEntry(), newEntry()
	f.notes = multiline("Anything about the plan: what your clinician said, what to ask next time.")
	alsoOnChanged(f.onTyped, f.name, f.start.entry, f.sessions, f.minDays, f.maxDays, f.notes)
	f.rows = map[string]*fieldRow{
		"template":        newFieldRow("Plan", f.template, "Typical schedules from clinics and the Spravato label; change anything to match yours."),
		model.FieldName:   newFieldRow("Name", f.name, ""),
		model.FieldStart:  newFieldRow("Starts", f.start.object(), ""),
		model.FieldPhases: newFieldRow("Induction", container.NewGridWithColumns(3, f.sessions, f.minDays, f.maxDays), "Sessions in the first series, and the usual days between them (fewest, most)."),
		model.FieldNotes:  newFieldRow("Notes", f.notes, ""),
	}
	r := f.rows
	f.draftMark = newDraftMark()
	content := container.NewVBox(f.markRow, formGrid(r["template"], r[model.FieldName], r[model.FieldStart], r[model.FieldPhases], r[model.FieldNotes]))
	f.save = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: f.onSave}
	submitOnEnter(content, f.save)
	cancel := &widget.Button{Text: "Cancel", OnTapped: f.onCancel}
	title := "Plan a course"
	var buttons []fyne.CanvasObject
	if c != nil {
		title = "Edit the course"
		del := &widget.Button{Text: "Delete…", Importance: widget.DangerImportance, OnTapped: f.onDelete}
		buttons = append(buttons, del)
	}
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewVScroll(content), p.win)
	f.dlg.SetButtons(append(buttons, cancel, f.save))
	f.dlg.Resize(dialogSize(p.win, fyne.NewSize(720, 560)))
	if c != nil {
		f.course = *c
		f.template.OnChanged = nil
		f.template.SetSelected(c.Template.Label())
		f.template.OnChanged = func(label string) { f.fromTemplate(fromLabel(model.CourseTemplates, label)) }
		f.fill()
	} else {
		f.template.SetSelected(model.CourseIV.Label()) // fills the rest
	}
	f.opened = f.course
	f.restoreDraft()
	f.loading = false
	f.unregister = onFlush(p.st, f.draft.flush)
	f.dlg.SetOnClosed(func() {
		f.draft.flush()
		f.unregister()
	})
	f.dlg.Show()
	return f
}

func (f *courseForm) place() model.Place { return model.CoursePlace(f.opened.ID) }

// fromTemplate starts over from a built-in plan, keeping the start date and the notes.
func (f *courseForm) fromTemplate(t model.CourseTemplate) {
	start := f.p.st.Now()
	if d, err := model.ParseDate(f.start.text(), time.Local); err == nil {
		start = d
	}
	old := f.course
	f.course = model.NewCourse(t, start)
	f.course.ID, f.course.Created, f.course.Updated, f.course.Notes = old.ID, old.Created, old.Updated, f.notes.Text
	f.fill()
	f.onTyped()
}

func (f *courseForm) fill() {
	was := f.loading
	f.loading = true
	defer func() { f.loading = was }()
	c := f.course
	f.name.SetText(c.Name)
	f.start.setDate(c.Start)
	ind := c.Induction()
	f.sessions.SetText(strconv.Itoa(ind.Sessions))
	f.minDays.SetText(strconv.Itoa(ind.MinDays))
	f.maxDays.SetText(strconv.Itoa(ind.MaxDays))
	f.notes.SetText(c.Notes)
}

// fields are the form's fields as typed.
func (f *courseForm) fields() map[string]string {
	return map[string]string{
		courseTemplate: f.template.Selected, model.FieldName: f.name.Text, model.FieldStart: f.start.text(),
		courseSessions: f.sessions.Text, courseMinDays: f.minDays.Text, courseMaxDays: f.maxDays.Text, model.FieldNotes: f.notes.Text,
	}
}

// openedFields are the fields of the course as the form opened it.
func (f *courseForm) openedFields() map[string]string {
	c := f.opened
	ind := c.Induction()
	return map[string]string{
		courseTemplate: c.Template.Label(), model.FieldName: c.Name, model.FieldStart: c.Start.Format(time.DateOnly),
		courseSessions: strconv.Itoa(ind.Sessions), courseMinDays: strconv.Itoa(ind.MinDays), courseMaxDays: strconv.Itoa(ind.MaxDays), model.FieldNotes: c.Notes,
	}
}

func (f *courseForm) changed() bool { return !maps.Equal(f.fields(), f.openedFields()) }

// restoreDraft fills the form from the draft kept for it, if there is one.
func (f *courseForm) restoreDraft() {
	d, ok, err := f.p.st.Draft(f.place())
	if err != nil || !ok {
		f.keptErr = err
		f.drawNote()
		return
	}
	f.kept = d
	if t := d.Get(courseTemplate); t != "" {
		f.template.OnChanged = nil
		f.template.SetSelected(t)
		f.template.OnChanged = func(label string) { f.fromTemplate(fromLabel(model.CourseTemplates, label)) }
		f.course.Template = fromLabel(model.CourseTemplates, t)
	}
	f.name.SetText(d.Get(model.FieldName))
	f.start.entry.SetText(d.Get(model.FieldStart))
	f.sessions.SetText(d.Get(courseSessions))
	f.minDays.SetText(d.Get(courseMinDays))
	f.maxDays.SetText(d.Get(courseMaxDays))
	f.notes.SetText(d.Get(model.FieldNotes))
	if f.opened.ID != 0 && !d.Base.IsZero() {
		f.course.Updated = d.Base // the save asks if the course changed under the draft
	}
	f.drawNote()
}

func (f *courseForm) onTyped() {
	if f.loading {
		return
	}
	f.draft.changed()
	f.drawNote()
}

// keepDraft keeps the form as a draft, or drops it when nothing differs from the
// course as opened.
func (f *courseForm) keepDraft() {
	f.kept, f.keptErr = keepOrDrop(f.p.st, f.kept, f.changed(), model.Draft{Place: f.place(), Fields: f.fields(), Base: f.course.Updated})
	f.drawNote()
}

func (f *courseForm) drawNote() {
	f.drawMark(f.changed())
}

// onCancel closes the form; changes typed in it are thrown away after asking.
func (f *courseForm) onCancel() {
	if !f.changed() {
		f.draft.cancel()
		discardDraft(f.p.st, f.place())
		f.dlg.Hide()
		return
	}
	d := dialog.NewConfirm("Discard changes", "Discard what you typed in the course form?", func(yes bool) {
		if !yes {
			return
		}
		f.draft.cancel()
		if err := f.p.st.DiscardDraft(f.place()); err != nil {
			showError(f.p.win, err)
			return
		}
		f.kept = model.Draft{}
		f.dlg.Hide()
	}, f.p.win)
	d.SetConfirmText("Discard")
	d.SetDismissText("Keep editing")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (f *courseForm) onSave() {
	c := f.course
	c.Name = f.name.Text
	c.Notes = f.notes.Text
	if d, err := model.ParseDate(f.start.text(), time.Local); err == nil {
		c.Start = d
	} else {
		c.Start = time.Time{} // refused with the start's message
	}
	if len(c.Phases) == 0 {
		c.Phases = []model.Phase{{Name: "Series"}}
	}
	c.Phases = append([]model.Phase{}, c.Phases...)
	n, e1 := strconv.Atoi(f.sessions.Text)
	lo, e2 := strconv.Atoi(f.minDays.Text)
	hi, e3 := strconv.Atoi(f.maxDays.Text)
	if e1 != nil || e2 != nil || e3 != nil {
		n, lo, hi = 0, 0, 0 // refused below with the phases' message
	}
	c.Phases[0].Sessions, c.Phases[0].MinDays, c.Phases[0].MaxDays = n, lo, hi
	f.draft.cancel()
	f.saveCourse(c)
}

// saveCourse saves c; on success the draft goes and the form closes.
func (f *courseForm) saveCourse(c model.Course) {
	saved, err := f.p.st.SaveCourse(c)
	v := &model.ValidationError{}
	if !errors.As(err, &v) {
		v = nil
	}
	for key, row := range f.rows {
		row.setMessage(v.For(key))
	}
	switch {
	case v != nil:
		f.keepDraft()
		return
	case model.ErrorCode(err) == model.EConflict:
		f.keepDraft()
		f.resolve(err, c)
		return
	case err != nil:
		f.keepDraft()
		showError(f.p.win, err)
		return
	}
	discardDraft(f.p.st, f.place())
	f.kept = model.Draft{}
	f.course, f.opened = saved, saved
	f.dlg.Hide()
	f.p.reload()
}

// resolve asks what to do with a course changed or deleted since the form opened.
func (f *courseForm) resolve(err error, mine model.Course) {
	c, _ := model.ConflictOf(err)
	if c.Deleted() {
		mine.ID, mine.Created, mine.Updated = 0, time.Time{}, time.Time{}
		d := dialog.NewConfirm("Course deleted", model.Message(err), func(keep bool) {
			if keep {
				f.saveCourse(mine)
			}
		}, f.p.win)
		d.SetConfirmText("Save as a new course")
		d.SetDismissText("Not now")
		d.Show()
		return
	}
	theirs := *c.Theirs.(*model.Course)
	describe := func(c model.Course) string {
		ind := c.Induction()
		return c.Name + "\nStarts " + c.Start.Format("2 January 2006") + "\n" +
			model.Count(ind.Sessions, "session") + ", every " + strconv.Itoa(ind.MinDays) + " to " + strconv.Itoa(ind.MaxDays) + " days\n\n" + c.Notes
	}
	showConflict(f.p.win, err, describe(mine), describe(theirs),
		func() { f.saveCourse(model.Rebase(mine, theirs)) },
		func() {
			f.draft.cancel()
			discardDraft(f.p.st, f.place())
			f.kept = model.Draft{}
			f.dlg.Hide()
			f.p.reload()
		})
}

func (f *courseForm) onDelete() {
	d := dialog.NewConfirm("Delete course", "Delete the course “"+f.course.Name+"”? Its sessions stay; only the plan goes.", func(yes bool) {
		if !yes {
			return
		}
		f.draft.cancel()
		if err := f.p.st.DeleteCourse(f.course.ID); err != nil {
			showError(f.p.win, err)
			return
		}
		f.dlg.Hide()
		f.p.reload()
	}, f.p.win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Keep it")
	d.Show()
}
