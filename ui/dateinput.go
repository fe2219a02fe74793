package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// dateInput is a date typed year first (2026-03-12), with a calendar to pick from and
// the date spelled out beside it, so nobody has to wonder which number is the month.
type dateInput struct {
	entry *textEntry
	echo  *widget.RichText
	pop   *widget.PopUp
	win   fyne.Window
	// onChanged, when set, runs after each change of the text.
	onChanged func()
}

func newDateInput(win fyne.Window) *dateInput {
	d := &dateInput{win: win, entry: newEntry(), echo: hintText("")}
	d.entry.SetPlaceHolder("YYYY-MM-DD")
	d.entry.ActionItem = widget.NewButtonWithIcon("", theme.CalendarIcon(), d.openCalendar)
	d.entry.OnChanged = func(string) {
		d.updateEcho()
		if d.onChanged != nil {
			d.onChanged()
		}
	}
	return d
}

func (d *dateInput) object() fyne.CanvasObject {
	return container.NewGridWithColumns(2, d.entry, d.echo)
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
	selected, err := model.ParseDate(d.entry.Text, time.Local)
	if err != nil {
		selected = time.Time{}
	}
	cal := newCalendar(selected, time.Now(), func(t time.Time) {
		d.setDate(t)
		if d.pop != nil {
			d.pop.Hide()
		}
	})
	d.pop = widget.NewPopUp(cal.content, d.win.Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.entry)
	d.pop.ShowAtPosition(pos.Add(fyne.NewPos(0, d.entry.Size().Height)))
}

// calendar is one month of day buttons to pick a date from, weeks starting on
// Monday. The date in the field is marked (Fyne's own calendar marks none), and
// today stands out from the other days.
type calendar struct {
	month           time.Time // the first of the month shown
	selected, today time.Time // selected is zero when none
	onPick          func(time.Time)

	title   *widget.Label
	days    *fyne.Container
	content fyne.CanvasObject
}

func newCalendar(selected, today time.Time, onPick func(time.Time)) *calendar {
	c := &calendar{today: today, selected: selected, onPick: onPick}
	shown := today
	if !selected.IsZero() {
		shown = selected
	}
	c.month = time.Date(shown.Year(), shown.Month(), 1, 0, 0, 0, 0, shown.Location())
	c.title = &widget.Label{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}}
	prev := &widget.Button{Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: func() { c.turn(-1) }}
	next := &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance, OnTapped: func() { c.turn(1) }}
	c.days = container.NewGridWithColumns(7)
	c.content = container.NewBorder(container.NewBorder(nil, nil, prev, next, c.title), nil, nil, nil, c.days)
	c.draw()
	return c
}

// turn shows the month by months away.
func (c *calendar) turn(by int) {
	c.month = c.month.AddDate(0, by, 0)
	c.draw()
}

func (c *calendar) draw() {
	c.title.SetText(c.month.Format("January 2006"))
	var objs []fyne.CanvasObject
	for _, name := range []string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"} {
		objs = append(objs, &widget.Label{Text: name, Alignment: fyne.TextAlignCenter})
	}
	for range (int(c.month.Weekday()) + 6) % 7 { // Monday is column 0
		objs = append(objs, layout.NewSpacer())
	}
	for day := c.month; day.Month() == c.month.Month(); day = day.AddDate(0, 0, 1) {
		b := &widget.Button{Text: strconv.Itoa(day.Day()), Importance: widget.LowImportance, OnTapped: func() { c.onPick(day) }}
		switch {
		case sameDate(day, c.selected):
			b.Importance = widget.HighImportance
		case sameDate(day, c.today):
			b.Importance = widget.MediumImportance
		}
		objs = append(objs, b)
	}
	c.days.Objects = objs
	c.days.Refresh()
}

// sameDate reports whether a and b fall on the same calendar day.
func sameDate(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}
