package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// dateInput is a date typed year first (2026-03-12), with a calendar to pick from and
// the date spelled out beside it, so nobody has to wonder which number is the month.
type dateInput struct {
	entry *widget.Entry
	echo  *widget.RichText
	pop   *widget.PopUp
	win   fyne.Window
}

func newDateInput(win fyne.Window) *dateInput {
	d := &dateInput{win: win, entry: widget.NewEntry(), echo: hintText("")}
	d.entry.SetPlaceHolder("YYYY-MM-DD")
	d.entry.ActionItem = widget.NewButtonWithIcon("", theme.CalendarIcon(), d.openCalendar)
	d.entry.OnChanged = func(string) { d.updateEcho() }
	return d
}

func (d *dateInput) object() fyne.CanvasObject {
	// The entry keeps its own height when the spelled-out date wraps beside it.
	return container.NewGridWithColumns(2, container.NewVBox(d.entry), d.echo)
}

func (d *dateInput) text() string { return d.entry.Text }

func (d *dateInput) setDate(t time.Time) { d.entry.SetText(t.Format(time.DateOnly)) }

func (d *dateInput) updateEcho() {
	t, err := model.ParseDate(d.entry.Text, time.Local)
	if err != nil {
		setHint(d.echo, "")
		return
	}
	setHint(d.echo, t.Format("Monday 2 January 2006"))
}

func (d *dateInput) openCalendar() {
	start, err := model.ParseDate(d.entry.Text, time.Local)
	if err != nil {
		start = time.Now()
	}
	cal := widget.NewCalendar(start, func(t time.Time) {
		d.setDate(t)
		if d.pop != nil {
			d.pop.Hide()
		}
	})
	d.pop = widget.NewPopUp(cal, d.win.Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.entry)
	d.pop.ShowAtPosition(pos.Add(fyne.NewPos(0, d.entry.Size().Height)))
}
