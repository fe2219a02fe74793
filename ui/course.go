package ui

import (
	"errors"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// courseForm plans or edits a treatment course: a template (IV induction, esketamine,
// lozenges, custom), its name and start, and the induction series (how many sessions,
// how many days apart). The plan is the user's: Keel never enforces it.
type courseForm struct {
	p      *progressScreen
	course model.Course

	template *widget.Select
	name     *widget.Entry
	start    *dateInput
	sessions *widget.Entry
	minDays  *widget.Entry
	maxDays  *widget.Entry
	rows     map[string]*fieldRow
	dlg      *dialog.CustomDialog
	save     *widget.Button
}

// editCourse opens the course form for c, or for a new course when c is nil.
func (p *progressScreen) editCourse(c *model.Course) *courseForm {
	f := &courseForm{p: p}
	f.template = widget.NewSelect(labels(model.CourseTemplates), func(label string) { f.fromTemplate(fromLabel(model.CourseTemplates, label)) })
	f.name = widget.NewEntry()
	f.start = newDateInput(p.win)
	f.sessions, f.minDays, f.maxDays = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.rows = map[string]*fieldRow{
		"template":        newFieldRow("Plan", f.template, "Typical schedules from clinics and the Spravato label; change anything to match yours."),
		model.FieldName:   newFieldRow("Name", f.name, ""),
		model.FieldStart:  newFieldRow("Starts", f.start.object(), ""),
		model.FieldPhases: newFieldRow("Induction", container.NewGridWithColumns(3, f.sessions, f.minDays, f.maxDays), "Sessions in the first series, and the usual days between them (fewest, most)."),
	}
	r := f.rows
	content := container.NewVBox(formGrid(r["template"], r[model.FieldName], r[model.FieldStart], r[model.FieldPhases]))
	f.save = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: "Cancel"}
	title := "Plan a course"
	var buttons []fyne.CanvasObject
	if c != nil {
		title = "Edit the course"
		del := &widget.Button{Text: "Delete…", Importance: widget.DangerImportance, OnTapped: f.onDelete}
		buttons = append(buttons, del)
	}
	f.dlg = dialog.NewCustomWithoutButtons(title, content, p.win)
	cancel.OnTapped = f.dlg.Hide
	f.dlg.SetButtons(append(buttons, cancel, f.save))
	f.dlg.Resize(fyne.NewSize(720, 420))
	if c != nil {
		f.course = *c
		f.template.OnChanged = nil
		f.template.SetSelected(c.Template.Label())
		f.template.OnChanged = func(label string) { f.fromTemplate(fromLabel(model.CourseTemplates, label)) }
		f.fill()
	} else {
		f.template.SetSelected(model.CourseIV.Label()) // fills the rest
	}
	f.dlg.Show()
	return f
}

// fromTemplate starts over from a built-in plan, keeping the start date.
func (f *courseForm) fromTemplate(t model.CourseTemplate) {
	start := f.p.st.Now()
	if d, err := model.ParseDate(f.start.text(), time.Local); err == nil {
		start = d
	}
	id, created := f.course.ID, f.course.Created
	f.course = model.NewCourse(t, start)
	f.course.ID, f.course.Created = id, created
	f.fill()
}

func (f *courseForm) fill() {
	c := f.course
	f.name.SetText(c.Name)
	f.start.setDate(c.Start)
	ind := c.Induction()
	f.sessions.SetText(strconv.Itoa(ind.Sessions))
	f.minDays.SetText(strconv.Itoa(ind.MinDays))
	f.maxDays.SetText(strconv.Itoa(ind.MaxDays))
}

func (f *courseForm) onSave() {
	c := f.course
	v := &model.ValidationError{}
	c.Name = f.name.Text
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
	saved, err := f.p.st.SaveCourse(c)
	if !errors.As(err, &v) {
		v = nil
	}
	for key, row := range f.rows {
		row.setMessage(v.For(key))
	}
	switch {
	case v != nil:
		return
	case err != nil:
		showError(f.p.win, err)
		return
	}
	f.course = saved
	f.dlg.Hide()
	f.p.reload()
}

func (f *courseForm) onDelete() {
	d := dialog.NewConfirm("Delete course", "Delete the course “"+f.course.Name+"”? Its sessions stay; only the plan goes.", func(yes bool) {
		if !yes {
			return
		}
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
