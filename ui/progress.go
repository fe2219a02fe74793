package ui

import (
	"errors"
	"fmt"
	"image"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/atomicfile"
	"keel/model/chart"
	"keel/model/progress"
	"keel/model/store"
)

// ranges are the periods the Progress screen offers, in weeks (0: everything).
var ranges = []struct {
	label string
	weeks int
}{{"12 weeks", 12}, {"6 months", 26}, {"1 year", 52}, {"All", 0}}

// progressScreen shows the weekly charts, the session-aligned view, the treatment
// course with its pace notes and verdict, and cost. It draws only what model/progress
// computed.
type progressScreen struct {
	st  *store.Store
	win fyne.Window
	nav navigator

	sessions []model.Session
	checkIns []model.CheckIn
	// checkInsFrom is the earliest day checkIns holds, zero when it holds them all:
	// the first visit reads only what the chosen range shows (over years of daily
	// check-ins, reading them all is most of the wait), the rest when a longer range
	// is picked.
	checkInsFrom time.Time
	responses    []model.Response
	course       *model.Course
	// assessment is progress.Assess at the last reload: the verdict, the flags and
	// item 9, as the report and keel progress say them.
	assessment progress.Assessment

	rangePick *widget.Select
	tabs      *container.AppTabs
	// scoreViews are the charts of the questionnaires, one per instrument with its
	// own bands (chart.ScoreChart); pclTab is the PCL-5's, shown once it has a score.
	scoreViews map[*model.Instrument]*chartView
	pclTab     *container.TabItem
	daily      *chartView
	aligned    *chartView
	dip        *widget.Label
	courseBox  *fyne.Container
	verdict    *fyne.Container
	helps      *progressHelps
	cost       *fyne.Container
	charts     map[string]func() chartDrawer
	content    fyne.CanvasObject
}

// chartDrawer is a chart.TimeChart or chart.AlignedChart.
type chartDrawer interface {
	Draw(dst *image.RGBA, scale float64, p chart.Palette) error
	Render(w, h int, scale float64, p chart.Palette) (*image.RGBA, error)
}

func newProgressScreen(st *store.Store, win fyne.Window, nav navigator) *progressScreen {
	p := &progressScreen{st: st, win: win, nav: nav}
	var labels []string
	for _, r := range ranges {
		labels = append(labels, r.label)
	}
	p.rangePick = widget.NewSelect(labels, func(string) { p.draw() })
	p.daily, p.aligned = newChartView(380), newChartView(380)
	p.scoreViews = map[*model.Instrument]*chartView{}
	var items []*container.TabItem
	for _, in := range model.Instruments {
		p.scoreViews[in] = newChartView(380)
		item := container.NewTabItem(in.Name, p.scoreViews[in])
		if in == model.PCL5 {
			p.pclTab = item
			continue // added once there is a PCL-5 to show
		}
		items = append(items, item)
	}
	items = append(items, container.NewTabItem("Daily check-ins", p.daily), container.NewTabItem("Around sessions", p.aligned))
	p.tabs = container.NewAppTabs(items...)
	p.dip = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	p.dip.Hide()
	p.courseBox, p.verdict, p.cost = container.NewVBox(), container.NewVBox(), container.NewVBox()
	export := &widget.Button{Text: "Export PNG…", Icon: theme.DocumentSaveIcon(), OnTapped: p.onExport}
	header := container.NewBorder(nil, nil, nil, container.NewHBox(p.rangePick, export), heading("Progress"))
	p.helps = newProgressHelps(st, win, nav, func(name, path string) { p.exportPNG(name, path) }, func() {
		if p.content != nil {
			p.content.Refresh()
		}
	})
	var scroll *container.Scroll
	lower := newReflow(0.5,
		container.NewVBox(heading("Treatment course"), p.courseBox, widget.NewSeparator(), heading("What helps, so far"), p.helps.highlights),
		container.NewVBox(heading("Is it working?"), p.verdict, widget.NewSeparator(), heading("Cost"), p.cost),
		func() { scroll.Refresh() })
	body := container.NewVBox(p.tabs, p.dip, widget.NewSeparator(), lower, widget.NewSeparator(), p.helps.calendar)
	scroll = container.NewVScroll(container.NewPadded(body))
	p.rangePick.SetSelectedIndex(0) // before the content, so that the charts are drawn once, by reload
	p.content = container.NewBorder(container.NewPadded(header), nil, nil, nil, scroll)
	p.reload() // draws
	return p
}

// reload reads the records and redraws everything.
func (p *progressScreen) reload() {
	st := p.st
	var err error
	if p.sessions, err = st.SessionsBetween(time.Time{}, time.Time{}); err == nil {
		if err = p.loadCheckIns(p.checkInsNeeded(), true); err == nil {
			p.responses, err = st.ResponsesBetween(time.Time{}, time.Time{})
		}
	}
	if err != nil {
		showError(p.win, err)
		return
	}
	courses, err := st.Courses()
	if err != nil {
		showError(p.win, err)
		return
	}
	p.assessment = progress.Assess(courses, p.sessions, p.responses, st.Now())
	p.course = p.assessment.Course
	if p.course == nil && len(courses) > 0 {
		p.course = &courses[0]
	}
	p.showPCL5Tab()
	p.draw()
	p.drawCourse()
	p.helps.reload()
}

// checkInsNeeded is the earliest day the chosen range needs check-ins from (the
// days before its first session included), zero for everything.
func (p *progressScreen) checkInsNeeded() time.Time {
	weeks := ranges[max(p.rangePick.SelectedIndex(), 0)].weeks
	if weeks == 0 {
		return time.Time{}
	}
	// A week more than the range, for the Monday it starts on, and the days the
	// session-aligned view looks back.
	return model.Midnight(p.st.Now()).AddDate(0, 0, -7*weeks+progress.FirstOffset)
}

// loadCheckIns reads the check-ins from the day from on (zero: all of them), unless
// those are held already; again forces a new read.
func (p *progressScreen) loadCheckIns(from time.Time, again bool) error {
	held := p.checkIns != nil && (p.checkInsFrom.IsZero() || !from.IsZero() && !from.Before(p.checkInsFrom))
	if held && !again {
		return nil
	}
	cs, err := p.st.CheckInsBetween(from, time.Time{})
	if err != nil {
		return err
	}
	if cs == nil {
		cs = []model.CheckIn{}
	}
	p.checkIns, p.checkInsFrom = cs, from
	return nil
}

// span is the weeks the charts show.
func (p *progressScreen) span() progress.Span {
	now := p.st.Now()
	weeks := ranges[max(p.rangePick.SelectedIndex(), 0)].weeks
	from := now.AddDate(0, 0, -7*(weeks-1))
	if weeks == 0 {
		from = now
		for _, s := range p.sessions {
			from = minTime(from, s.At)
		}
		if len(p.checkIns) > 0 {
			from = minTime(from, p.checkIns[0].At)
		}
		if len(p.responses) > 0 {
			from = minTime(from, p.responses[0].At)
		}
	}
	return progress.SpanOf(from, now, time.Local)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// draw rebuilds the three charts for the chosen range.
func (p *progressScreen) draw() {
	if p.content == nil || p.rangePick.SelectedIndex() < 0 {
		return
	}
	if err := p.loadCheckIns(p.checkInsNeeded(), false); err != nil {
		showError(p.win, err)
		return
	}
	span := p.span()
	weeks := progress.Weekly(span, p.checkIns, p.responses, p.sessions)
	dips := progress.Dips(weeks)
	note := ""
	if len(dips) > 0 {
		d := dips[len(dips)-1]
		when := "The week of " + d.First.Short()
		if d.Last != d.First {
			when = "The weeks of " + d.First.Short() + " to " + d.Last.Short()
		}
		p.dip.SetText(when + ": " + progress.DipMessage)
		note = "A dip after better weeks is common between sessions; it is not a sign of failure."
	}
	// "Dips are common" is reassurance: never beside a deterioration flag or a
	// latest score worse than the baseline (docs/clinical.md, Deterioration).
	if len(dips) > 0 && p.assessment.Reassure() {
		p.dip.Show()
	} else {
		p.dip.Hide()
		note = ""
	}
	markers, names := sessionMarkers(p.sessions, span)
	daily := dailyChart(weeks, span, markers, names, note)
	aligned := alignedChart(progress.AlignedMood(inSpan(p.sessions, span), p.checkIns, time.Local))
	p.charts = map[string]func() chartDrawer{
		"check-ins":       func() chartDrawer { return daily },
		"around-sessions": func() chartDrawer { return aligned },
	}
	for in, v := range p.scoreViews {
		c := scoreChart(in, weeks, span, markers, names, note, p.assessment.Track(in))
		p.charts[chartName(in)] = func() chartDrawer { return c }
		v.set(c.Draw)
	}
	p.daily.set(daily.Draw)
	p.aligned.set(aligned.Draw)
	p.content.Refresh() // the dip note may have appeared or gone: lay out again
}

func inSpan(ss []model.Session, span progress.Span) []model.Session {
	var out []model.Session
	for _, s := range ss {
		if !s.At.Before(span.Start()) && s.At.Before(span.End()) {
			out = append(out, s)
		}
	}
	return out
}

// midweek places a week's value on Thursday noon, the middle of the ISO week.
func midweek(w progress.Week) time.Time {
	return w.Monday(time.Local).Add(3*24*time.Hour + 12*time.Hour)
}

func series(name string, weeks []progress.WeekSummary, get func(progress.WeekSummary) progress.Mean, dashed bool) chart.Series {
	s := chart.Series{Name: name, Dashed: dashed}
	for _, w := range weeks {
		m := get(w)
		s.Points = append(s.Points, chart.Point{T: midweek(w.Week), V: m.Value, Valid: m.Valid()})
	}
	return s
}

// sessionMarkers puts every session in the span on the time axis, its kind the route.
func sessionMarkers(ss []model.Session, span progress.Span) ([]chart.Marker, []string) {
	var ms []chart.Marker
	for _, s := range inSpan(ss, span) {
		ms = append(ms, chart.Marker{T: s.At, Kind: slices.Index(model.Routes, s.Route)})
	}
	return ms, labels(model.Routes)
}

// scoreChart is one instrument's weekly totals over its own bands (chart.ScoreChart);
// for an instrument without bands, the baseline and the change lines of
// docs/clinical.md around it when the course has a baseline (t; nil: no track).
func scoreChart(in *model.Instrument, weeks []progress.WeekSummary, span progress.Span, ms []chart.Marker, names []string, note string, t *progress.Track) chart.TimeChart {
	c := chart.ScoreChart(in)
	c.Title = in.Title + ", week by week"
	c.From, c.To = span.Start(), span.End()
	get := map[*model.Instrument]func(progress.WeekSummary) progress.Mean{
		model.PHQ9: func(w progress.WeekSummary) progress.Mean { return w.PHQ9 },
		model.GAD7: func(w progress.WeekSummary) progress.Mean { return w.GAD7 },
		model.PCL5: func(w progress.WeekSummary) progress.Mean { return w.PCL5 },
	}[in]
	c.Series = []chart.Series{series(in.Name, weeks, get, false)}
	// The PCL-5 has no bands: its baseline and change lines (5 reliable, 10
	// meaningful: docs/clinical.md, PCL-5) say what a change means instead.
	if t != nil && t.Baseline != nil && len(in.Bands) == 0 {
		c.Lines = chart.ChangeLines(in, t.Baseline.Total)
	}
	c.Markers, c.MarkerNames, c.Note = ms, names, note
	c.Empty = "No " + in.Name + " in this period yet."
	return c
}

// chartName is the name of in's chart in exported files: "phq-9".
func chartName(in *model.Instrument) string { return strings.ToLower(in.Name) }

func dailyChart(weeks []progress.WeekSummary, span progress.Span, ms []chart.Marker, names []string, note string) chart.TimeChart {
	top := 10.0
	for _, w := range weeks {
		if w.SleepHours.Valid() {
			top = max(top, w.SleepHours.Value)
		}
	}
	return chart.TimeChart{
		Title: "Daily check-ins, weekly averages", YLabel: "0-10 (sleep in hours)", YMin: 0, YMax: top,
		From: span.Start(), To: span.End(),
		Series: []chart.Series{
			series("Mood", weeks, func(w progress.WeekSummary) progress.Mean { return w.Mood }, false),
			series("Anxiety", weeks, func(w progress.WeekSummary) progress.Mean { return w.Anxiety }, true),
			series("Stress", weeks, func(w progress.WeekSummary) progress.Mean { return w.Stress }, true),
			series("Sleep (hours)", weeks, func(w progress.WeekSummary) progress.Mean { return w.SleepHours }, false),
		},
		Markers: ms, MarkerNames: names, Note: note,
		Empty: "No check-ins in this period yet.",
	}
}

func alignedChart(a progress.Aligned) chart.AlignedChart {
	day := func(ms [progress.Offsets]progress.Mean) []chart.DayValue {
		out := make([]chart.DayValue, len(ms))
		for i, m := range ms {
			out[i] = chart.DayValue{Day: progress.OffsetAt(i), V: m.Value, Valid: m.Valid()}
		}
		return out
	}
	c := chart.AlignedChart{
		Title: "Mood around each session", YLabel: "mood (0-10)", YMin: 0, YMax: 10,
		FirstDay: progress.FirstOffset, LastDay: progress.LastOffset,
		Average: day(a.Average), ZeroLabel: "session day",
		Note:  "Each thin line is one session, the bold line their average: do the days after sessions get better?",
		Empty: "No completed sessions with check-ins around them in this period yet.",
	}
	for _, cv := range a.Curves {
		c.Sessions = append(c.Sessions, day(cv.Mood))
	}
	return c
}

// drawCourse fills the course, verdict and cost panels.
func (p *progressScreen) drawCourse() {
	now := p.st.Now()
	plan := &widget.Button{Text: "Plan a course…", Icon: theme.ContentAddIcon(), OnTapped: func() { p.editCourse(nil) }}
	var objs []fyne.CanvasObject
	if p.course == nil {
		objs = append(objs, &widget.Label{Wrapping: fyne.TextWrapWord,
			Text: "No course planned. A course (for example 6 IV infusions over 2-3 weeks) lets Keel show your progress against the plan and, after the induction series, an honest verdict."},
			container.NewHBox(plan))
		p.courseBox.Objects = objs
		p.courseBox.Refresh()
		p.drawVerdict()
		p.drawCost(nil, now)
		return
	}
	c := *p.course
	pr := progress.CourseProgress(c, p.sessions, now)
	objs = append(objs,
		&widget.Label{Text: c.Name + " · since " + c.Start.Format("2 January 2006"), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: c.Induction().Name + ": " + pr.InductionText(), Wrapping: fyne.TextWrapWord})
	bar := widget.NewProgressBar()
	if n := c.Induction().Sessions; n > 0 {
		bar.SetValue(float64(pr.InductionDone) / float64(n))
	}
	bar.TextFormatter = func() string { return "" } // the label above says it: no colour reads on both parts of the bar
	objs = append(objs, bar)
	if pr.Phase >= 0 && pr.PhaseName != c.Induction().Name {
		objs = append(objs, &widget.Label{Text: "Now: " + pr.PhaseName, Wrapping: fyne.TextWrapWord})
	}
	if pr.Next != nil {
		objs = append(objs, &widget.Label{Text: "Next session, by the plan: " + pr.Next.String(), Wrapping: fyne.TextWrapWord})
	}
	for _, w := range pr.Warnings {
		objs = append(objs, &widget.Label{Text: w.Text, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	edit := &widget.Button{Text: "Edit the course…", Icon: theme.DocumentCreateIcon(), OnTapped: func() { p.editCourse(&c) }}
	objs = append(objs, container.NewHBox(edit, plan))
	p.courseBox.Objects = objs
	p.courseBox.Refresh()

	p.drawVerdict()
	p.drawCost(&c, now)
}

func (p *progressScreen) drawCost(c *model.Course, now time.Time) {
	var objs []fyne.CanvasObject
	months := progress.Monthly(p.sessions, time.Local)
	if len(months) == 0 {
		p.cost.Objects = []fyne.CanvasObject{hintText("Costs appear here once sessions have one.")}
		p.cost.Refresh()
		return
	}
	if c != nil {
		t := progress.CourseCost(*c, p.sessions, now)
		text := fmt.Sprintf("This course: %s for %s, %s reimbursed, %s to you.", t.Cost, model.Count(t.Sessions, "session"), t.Reimbursed, t.Net())
		if t.Priced == 0 && t.Reimbursed == 0 {
			text = "This course: " + model.Count(t.Sessions, "session") + ", no cost recorded."
		}
		objs = append(objs, &widget.Label{Wrapping: fyne.TextWrapWord, Text: text})
		if rc, ok := progress.CostPerWeekInResponse(*c, p.sessions, p.responses, now); ok {
			objs = append(objs, &widget.Label{Text: rc.String(), Wrapping: fyne.TextWrapWord})
		}
	}
	var lines []string
	for _, m := range months[max(0, len(months)-6):] {
		if m.Priced == 0 && m.Reimbursed == 0 {
			lines = append(lines, m.Label()+": —") // no cost recorded, which is not a cost of 0
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: %s (%s after reimbursement)", m.Label(), m.Cost, m.Net()))
	}
	slices.Reverse(lines)
	objs = append(objs, &widget.Label{Text: "By month:\n" + strings.Join(lines, "\n"), Wrapping: fyne.TextWrapWord})
	p.cost.Objects = objs
	p.cost.Refresh()
}

// exported is chart name as a PNG shows it: light whatever the window's theme (it is
// printed, mailed, shown to a care team), titled with the weeks it covers.
func (p *progressScreen) exported(name string) (chartDrawer, chart.Palette, bool) {
	c := p.charts[name]
	if cal, ok := p.helps.calendarChart(); ok && name == calendarName {
		c = func() chartDrawer { return cal }
	}
	if c == nil {
		return nil, chart.Palette{}, false
	}
	span := p.span()
	last := span.End().AddDate(0, 0, -1)
	if now := p.st.Now(); now.Before(last) {
		last = now
	}
	dates := span.Start().Format("2 Jan 2006") + " to " + last.Format("2 Jan 2006")
	d := c()
	switch t := d.(type) {
	case chart.TimeChart:
		t.Title = "Keel · " + t.Title + " · " + dates
		d = t
	case chart.AlignedChart:
		t.Title = "Keel · " + t.Title + " · sessions from " + dates
		d = t
	case chart.MoodCalendar:
		t.Title = "Keel · A year at a glance, mood day by day"
		d = t
	}
	return d, chart.LightPalette(), true
}

// onExport writes the chart on the current tab as a PNG, 1600 pixels wide.
func (p *progressScreen) onExport() {
	name := p.tabName(p.tabs.Selected())
	savePath(p.win, "keel-"+name+"-"+p.st.Now().Format("2006-01-02")+".png", func(path string) { p.exportPNG(name, path) })
}

// exportPNG draws chart name at 1600x800 (the calendar as tall as its years), light
// and titled (exported), and writes it to path.
func (p *progressScreen) exportPNG(name, path string) {
	drawer, pal, ok := p.exported(name)
	if !ok {
		showError(p.win, errors.New("there is no chart to export"))
		return
	}
	height := 800
	if cal, ok := drawer.(chart.MoodCalendar); ok {
		height = max(240, cal.Height(1600, 1.6)) // every year, at the width of the others
	}
	p.nav.Busy("Exporting the chart", func() error {
		img, err := drawer.Render(1600, height, 1.6, pal)
		if err != nil {
			return err
		}
		return atomicfile.Write(path, func(w io.Writer) error { return chart.WritePNG(w, img) })
	}, func(err error) {
		if err != nil {
			showError(p.win, fmt.Errorf("the chart was not exported: %w", err))
			return
		}
		dialog.ShowInformation("Chart exported", "Saved to "+path+".", p.win)
	})
}
