package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/chart"
	"keel/model/insights"
	"keel/model/store"
)

// calendarName is the year at a glance's name among the Progress charts and in its
// file name.
const calendarName = "year-at-a-glance"

// progressHelps is what Progress shows of model/insights: the What helps
// highlights in the summary, and the year at a glance (a calendar of daily mood,
// sessions marked). Both are computed off the window's goroutine, as the What helps
// screen does, so the first visit to Progress is not held up by them.
type progressHelps struct {
	st  *store.Store
	nav navigator

	highlights *fyne.Container
	calendar   *fyne.Container
	view       *chartView
	cal        chart.MoodCalendar
	ready      bool
	// relayout lays the screen out again, for the calendar's new height.
	relayout func()
	// computing is true while a computation runs; again asks for one more after it.
	computing, again bool
}

func newProgressHelps(st *store.Store, win fyne.Window, nav navigator, export func(name, path string), relayout func()) *progressHelps {
	h := &progressHelps{st: st, nav: nav, relayout: relayout}
	h.highlights = container.NewVBox(hintText("Working it out from your records…"))
	h.view = newChartView(200)
	exp := &widget.Button{Text: "Export PNG…", Icon: theme.DocumentSaveIcon(), OnTapped: func() {
		savePath(win, "keel-"+calendarName+"-"+st.Now().Format("2006-01-02")+".png", func(path string) { export(calendarName, path) })
	}}
	h.calendar = container.NewVBox(container.NewBorder(nil, nil, nil, exp, heading("A year at a glance")), h.view)
	return h
}

// reload computes the highlights and the calendar again, in the background.
func (h *progressHelps) reload() {
	if h.computing {
		h.again = true
		return
	}
	h.computing = true
	var rep insights.Report
	var cal chart.MoodCalendar
	h.nav.InBackground(func() error {
		hist, err := h.st.Snapshot()
		if err != nil {
			return err
		}
		recs, opt := insights.RecordsOf(&hist), insights.Options{Now: h.st.Now(), Loc: time.Local}
		rep = insights.Compute(recs, opt)
		cal = insights.Calendar(recs, opt)
		return nil
	}, func(err error) {
		h.computing = false
		if h.again {
			h.again = false
			h.reload()
			return
		}
		if err != nil {
			h.highlights.Objects = []fyne.CanvasObject{hintText(model.Message(err))}
			h.highlights.Refresh()
			return
		}
		h.draw(rep, cal)
	})
}

func (h *progressHelps) draw(rep insights.Report, cal chart.MoodCalendar) {
	var objs []fyne.CanvasObject
	for i, line := range rep.Highlights(3) {
		l := &widget.Label{Text: line, Wrapping: fyne.TextWrapWord}
		if i > 0 && line == insights.AssociationLine {
			l.TextStyle.Italic = true
		}
		objs = append(objs, l)
	}
	more := &widget.Button{Text: "See what helps", Icon: theme.SearchIcon(), OnTapped: func() { h.nav.Show(ScreenWhatHelps) }}
	h.highlights.Objects = append(objs, container.NewHBox(more))
	h.highlights.Refresh()

	h.cal, h.ready = cal, true
	// As tall as every year needs at the width it is given.
	h.view.heightFor = func(w float32) float32 { return float32(max(160, cal.Height(int(w), 1))) }
	h.view.height = h.view.heightFor(760)
	h.view.set(cal.Draw)
	h.relayout()
}

// calendarChart is the year at a glance, once computed.
func (h *progressHelps) calendarChart() (chart.MoodCalendar, bool) { return h.cal, h.ready }
