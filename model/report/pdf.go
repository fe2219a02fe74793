package report

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"keel/model"
	"keel/model/progress"
)

// SelfReported is the line at the foot of every page.
const SelfReported = "Self-reported by the patient in Keel, a private journal app; scores are the standard " +
	"PHQ-9/GAD-7 scored as published; not a diagnosis."

// The page's colours, from the app's light theme (model/chart.LightPalette).
type rgb struct{ r, g, b int }

var (
	ink    = rgb{0x1d, 0x23, 0x27}
	muted  = rgb{0x5c, 0x66, 0x6e}
	accent = rgb{0x1f, 0x7a, 0x78}
	flag   = rgb{0xa8, 0x32, 0x2d} // high blood pressure, PHQ-9 item 9
	rule   = rgb{0xd3, 0xd9, 0xdd}
	tint   = rgb{0xf3, 0xf5, 0xf6} // tiles, table headers
	wash   = rgb{0xea, 0xf4, 0xf3} // the verdict
	stripe = rgb{0xf8, 0xf9, 0xfa} // every other table row
)

// Lengths in millimetres, sizes in points.
const (
	margin    = 13.0
	topMargin = 11.0
	footerH   = 13.0 // from the foot of the page to the top of the footer rule
	body      = 9.0
	small     = 7.6
	rowH      = 4.2 // a table row at body size
)

// font is the family name of the embedded Liberation Sans.
const font = "Sans"

// pagesAlias stands for the number of pages until the document is closed.
const pagesAlias = "{keel:pages}"

// Write lays out d as a PDF, one page or two, and writes it to w. Text uses the
// embedded Liberation Sans, so accented, Greek and Cyrillic letters print as typed;
// a character the font lacks prints as "?".
func Write(w io.Writer, d Data) error {
	size := fpdf.SizeType{Wd: 215.9, Ht: 279.4}
	if d.Paper == A4 {
		size = fpdf.SizeType{Wd: 210, Ht: 297}
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: size})
	pdf.SetMargins(margin, topMargin, margin)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	pdf.AddUTF8FontFromBytes(font, "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes(font, "B", liberationsansbold.TTF)
	pdf.AliasNbPages(pagesAlias)
	pdf.SetCreationDate(d.Generated)
	pdf.SetModificationDate(d.Generated)
	pdf.SetCatalogSort(true)
	title := "Ketamine treatment report"
	if d.Name != "" {
		title += ": " + d.Name
	}
	pdf.SetTitle(title, true)
	pdf.SetCreator("Keel", true)
	pdf.SetProducer("Keel", true)
	pdf.SetLang("en")

	p := &page{pdf: pdf, d: &d, pageH: size.Ht}
	p.width = size.Wd - 2*margin
	p.bottom = size.Ht - footerH - 2
	pdf.SetFooterFunc(p.footer)
	pdf.AddPage()
	p.y = topMargin

	p.header()
	if d.Empty() {
		p.nothing()
		p.verdict()
	} else {
		p.tiles()
		p.verdict()
		p.item9()
		if err := p.trend(); err != nil {
			return err
		}
		p.sessionsTable()
		p.whatHelps()
	}
	p.notes()

	if err := pdf.Error(); err != nil {
		return fmt.Errorf("lay out the report: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	return nil
}

// page is the report being laid out: y is the top of what comes next.
type page struct {
	pdf    *fpdf.Fpdf
	d      *Data
	pageH  float64
	width  float64 // between the margins
	bottom float64 // the lowest y content may reach
	y      float64
}

// need starts a new page unless h millimetres fit below y.
func (p *page) need(h float64) {
	if p.y+h > p.bottom {
		p.pdf.AddPage()
		p.y = topMargin
	}
}

func (p *page) font(style string, size float64, c rgb) {
	p.pdf.SetFont(font, style, size)
	p.pdf.SetTextColor(c.r, c.g, c.b)
}

func (p *page) fill(c rgb) { p.pdf.SetFillColor(c.r, c.g, c.b) }
func (p *page) draw(c rgb) { p.pdf.SetDrawColor(c.r, c.g, c.b) }

// cell writes s in a box of w x h at x, y, clipped with "…" to fit the width.
func (p *page) cell(x, y, w, h float64, s, align string) {
	p.pdf.SetXY(x, y)
	p.pdf.CellFormat(w, h, p.fit(s, w), "", 0, align, false, 0, "")
}

// fit shortens s with "…" until it is at most w wide in the current font.
func (p *page) fit(s string, w float64) string {
	s = printable(s)
	if p.pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && p.pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,;") + "…"
}

// run is a piece of text in one style.
type run struct {
	text  string
	style string
	size  float64
	color rgb
}

// para wraps runs into lines of at most w, writes them from x, y with lines lh
// apart, and returns the height used. With draw false it only measures.
func (p *page) para(x, y, w, lh float64, draw bool, runs ...run) float64 {
	type word struct {
		run   int
		text  string
		width float64
		space float64 // width of the space before it, 0 at a line start
	}
	var lines [][]word
	var line []word
	lineW := 0.0
	gap := false // white space ends the previous run
	for i, r := range runs {
		p.font(r.style, r.size, r.color)
		spaceW := p.pdf.GetStringWidth(" ")
		text := printable(r.text)
		lead := gap || strings.HasPrefix(text, " ")
		gap = strings.HasSuffix(text, " ")
		for j, f := range strings.Fields(text) {
			fw := p.pdf.GetStringWidth(f)
			sp := 0.0
			if len(line) > 0 && (j > 0 || lead) {
				sp = spaceW
			}
			if len(line) > 0 && lineW+sp+fw > w {
				lines = append(lines, line)
				line, lineW, sp = nil, 0, 0
			}
			line = append(line, word{run: i, text: f, width: fw, space: sp})
			lineW += sp + fw
		}
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	if draw {
		for k, l := range lines {
			cx := x
			for _, wd := range l {
				r := runs[wd.run]
				p.font(r.style, r.size, r.color)
				cx += wd.space
				p.pdf.SetXY(cx, y+float64(k)*lh)
				p.pdf.CellFormat(wd.width+0.01, lh, wd.text, "", 0, "L", false, 0, "")
				cx += wd.width
			}
		}
	}
	return float64(len(lines)) * lh
}

// heading writes a section heading at x, p.y.
func (p *page) heading(x, w float64, s string) {
	p.font("B", 10, accent)
	p.cell(x, p.y, w, 5, s, "L")
}

// header is the title, the name and the period.
func (p *page) header() {
	d := p.d
	x := margin
	p.font("B", 16, ink)
	p.cell(x, p.y, p.width*0.7, 7, "Ketamine treatment report", "L")
	p.font("", 8.5, muted)
	p.cell(x+p.width*0.5, p.y+1, p.width*0.5, 5, "Generated "+longDate(d.Generated), "R")
	p.y += 8
	period := longDate(d.From) + " – " + longDate(d.To) + " (" + plural(d.Days, "day") + ")"
	if d.Name != "" {
		p.font("B", 12, ink)
		name := p.fit(d.Name, p.width*0.6)
		nw := p.pdf.GetStringWidth(name)
		p.cell(x, p.y, nw+0.5, 6, name, "L")
		x += nw + 4
	}
	p.font("", 10, muted)
	p.cell(x, p.y+0.4, margin+p.width-x, 6, "Period "+period, "L")
	p.y += 7.5
	p.draw(accent)
	p.pdf.SetLineWidth(0.5)
	p.pdf.Line(margin, p.y, margin+p.width, p.y)
	p.y += 3.5
}

// tile is one box of the row of key figures: a label, a value with its unit, and
// two short lines under them.
type tile struct {
	label, value, unit string
	sub                [2]string
	alert              bool
}

// tiles is the row of key figures: the latest scores, sessions, blood pressure,
// preparation and follow-ups.
func (p *page) tiles() {
	d := p.d
	score := func(in *model.Instrument, l *Latest) tile {
		t := tile{label: fmt.Sprintf("%s · 0-%d", in.Name, in.MaxTotal()), value: "–", sub: [2]string{"none in this period"}}
		if l != nil {
			t.value, t.unit = strconv.Itoa(l.Total), l.Band
			t.sub[0] = "latest, " + p.tileDate(l.At)
			if l.First != nil {
				t.sub[1] = fmt.Sprintf("first %d, %s", *l.First, p.tileDate(l.FirstAt))
			}
		}
		return t
	}
	sessions := tile{label: "Sessions", value: strconv.Itoa(d.SessionCount), sub: [2]string{"none in this period"}}
	if len(d.Routes) > 0 {
		var parts []string
		for _, r := range d.Routes {
			parts = append(parts, fmt.Sprintf("%s %d", routeShort(r.Route), r.N))
		}
		sessions.sub[0] = strings.Join(parts, " · ")
		if len(d.Routes) == 1 {
			sessions.sub[0] = routeLabel(d.Routes[0].Route)
		}
		if np := d.NextPlanned; np != nil {
			sessions.sub[1] = "next planned " + p.tileDate(np.At)
		}
	}
	bp := tile{label: "Blood pressure", value: strconv.Itoa(d.HighBP), alert: d.HighBP > 0}
	switch {
	case d.BPRecorded == 0:
		bp.value, bp.sub[0] = "–", "no readings recorded"
	default:
		bp.unit = "of " + strconv.Itoa(d.BPRecorded)
		bp.sub = [2]string{"sessions with BP", "above 140/90"}
		if d.BPRecorded == 1 {
			bp.sub[0] = "session with BP"
		}
	}
	prep := tile{label: "Preparation", value: "–", sub: [2]string{"no checklists"}}
	if pr := d.Preparation; pr.Sessions > 0 {
		prep.value = strconv.Itoa(int(math.Round(100*pr.Mean))) + "%"
		prep.sub = [2]string{"checklist items done", "average, " + plural(pr.Sessions, "session")}
	}
	fu := tile{label: "Follow-ups", value: "–", sub: [2]string{"none due"}}
	if f := d.FollowUps; f.Due > 0 {
		fu.value = fmt.Sprintf("%d/%d", f.Answered, f.Due)
		fu.sub[0] = "answered"
		if f.Late > 0 {
			fu.sub[0] += fmt.Sprintf(", %d late", f.Late)
		}
		fu.sub[1] = "4, 24, 48, 72 h after"
	}
	ts := []tile{score(model.PHQ9, d.PHQ9), score(model.GAD7, d.GAD7), sessions, bp, prep, fu}

	const gap, h = 2.5, 19.0
	w := (p.width - gap*float64(len(ts)-1)) / float64(len(ts))
	for i, t := range ts {
		x := margin + float64(i)*(w+gap)
		p.fill(tint)
		p.pdf.Rect(x, p.y, w, h, "F")
		if t.alert {
			p.fill(flag)
			p.pdf.Rect(x, p.y, 0.9, h, "F")
		}
		in := x + 2.5
		iw := w - 4
		p.font("B", 7, muted)
		p.cell(in, p.y+1.6, iw, 3.5, strings.ToUpper(t.label), "L")
		vc := ink
		if t.alert {
			vc = flag
		}
		p.font("B", 15, vc)
		v := p.fit(t.value, iw)
		vw := p.pdf.GetStringWidth(v)
		p.cell(in, p.y+5.4, vw+0.5, 7, v, "L")
		if t.unit != "" {
			p.font("", 8.5, vc)
			p.cell(in+vw+1.2, p.y+7.2, iw-vw-1.2, 4.5, t.unit, "L")
		}
		p.font("", 7, muted)
		p.cell(in, p.y+12.0, iw, 3.2, t.sub[0], "L")
		p.cell(in, p.y+14.9, iw, 3.2, t.sub[1], "L")
	}
	p.y += h + 3.5
}

// nothing says that the period is empty, in place of the figures, chart and tables.
func (p *page) nothing() {
	more := run{fmt.Sprintf("There are no sessions, questionnaires or daily check-ins from %s to %s. The verdict below "+
		"looks at the whole history up to the end of the period.", longDate(p.d.From), longDate(p.d.To)), "", body, muted}
	x, w := margin+4, p.width-8
	h := 5 + p.para(x, 0, w, 4.2, false, more) + 4
	p.fill(tint)
	p.pdf.Rect(margin, p.y, p.width, h, "F")
	p.font("B", 10, ink)
	p.cell(x, p.y+2, w, 5, "Nothing was recorded in this period.", "L")
	p.para(x, p.y+7, w, 4.2, true, more)
	p.y += h + 3
}

// verdict is the evaluation of docs/clinical.md, in a tinted box.
func (p *page) verdict() {
	v := p.d.Verdict
	about := "PHQ-9 against baseline. No course entered: all sessions count as one course."
	if v.Course != "" {
		about = fmt.Sprintf("PHQ-9 against baseline. %s, started %s.", v.Course, longDate(v.CourseStart))
	}
	about += " Judged on " + longDate(v.At) + "."
	x, w := margin+4, p.width-7
	const lh = 4.2
	measure := func(draw bool, y float64) float64 {
		h := p.para(x, y, w, 5, draw, run{"Verdict ", "B", 10, ink}, run{about, "", small, muted}) + 0.6
		for i, l := range v.Lines {
			style, c := "", ink
			switch {
			case i == 0:
				style = "B"
			case l == progress.NotADiagnosis:
				c = muted
			}
			h += p.para(x, y+h, w, lh, draw, run{l, style, body, c})
		}
		return h
	}
	h := measure(false, p.y) + 4
	p.need(h)
	p.fill(wash)
	p.pdf.Rect(margin, p.y, p.width, h, "F")
	p.fill(accent)
	p.pdf.Rect(margin, p.y, 1.2, h, "F")
	measure(true, p.y+2)
	p.y += h + 2.5
}

// item9 is the line about PHQ-9 item 9, which a clinician needs to see.
func (p *page) item9() {
	it := p.d.Item9
	if it.Answered == 0 {
		return
	}
	label := run{"PHQ-9 item 9 ", "B", body, ink}
	what := run{"(thoughts of being better off dead or of self-harm): ", "", body, muted}
	var rest []run
	if it.Positive == 0 {
		rest = []run{{fmt.Sprintf("“not at all” in %s in this period.", allOf(it.Answered, "PHQ-9")), "", body, ink}}
	} else {
		label.color = flag
		rest = []run{
			{fmt.Sprintf("above 0 in %d of %s in this period", it.Positive, plural(it.Answered, "PHQ-9")), "B", body, flag},
			{fmt.Sprintf(", latest %s (“%s”). Keel then shows crisis resources; nobody monitors the entries.",
				longDate(it.Latest), strings.ToLower(model.PHQ9.Answers[it.LatestAnswer])), "", body, ink},
		}
	}
	runs := append([]run{label, what}, rest...)
	h := p.para(margin, p.y, p.width, 4.2, false, runs...)
	p.need(h)
	p.para(margin, p.y, p.width, 4.2, true, runs...)
	p.y += h + 3
}

// trend is the chart with the scores table beside it.
func (p *page) trend() error {
	d := p.d
	const gap, tw = 5.0, 76.0
	cw := p.width - tw - gap
	ch := max(54, p.scoresHeight())
	// When everything below fits with room to spare, the chart takes some of it.
	below := 6 + 5 + float64(len(d.Sessions))*rowH + 3 + p.notesHeight()
	if spare := p.bottom - (p.y + 6 + ch + 4 + below); spare > 0 {
		ch += min(spare, maxChartGrowth)
	}
	p.need(6 + ch)
	p.heading(margin, cw, "PHQ-9 and GAD-7, week by week")
	what := "Weekly scores"
	if d.Scores.Monthly {
		what = "Monthly scores"
	}
	p.heading(margin+cw+gap, tw, what)
	p.y += 6

	img, err := trendChart(d).Render(int(cw*chartPxPerMM), int(ch*chartPxPerMM), chartScale, chartPalette())
	if err != nil {
		return fmt.Errorf("draw the report's chart: %w", err)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return fmt.Errorf("encode the report's chart: %w", err)
	}
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	p.pdf.RegisterImageOptionsReader("trend", opt, &buf)
	p.pdf.ImageOptions("trend", margin, p.y, cw, ch, false, opt, 0, "")

	p.scoresTable(margin+cw+gap, tw)
	p.y += ch + 4
	return nil
}

// maxChartGrowth is how much taller than the scores table the chart grows into
// space the page would leave empty.
const maxChartGrowth = 16.0

// Rows of the scores table.
const (
	scoreHeadH = 5.0
	scoreRowH  = 3.7
)

// scoresHeight is the height of the scores table with its note.
func (p *page) scoresHeight() float64 {
	return scoreHeadH + float64(max(1, len(p.d.Scores.Rows)))*scoreRowH + 4.5
}

// scoresTable is the weekly or monthly PHQ-9 and GAD-7 table at x, p.y, w wide.
func (p *page) scoresTable(x, w float64) {
	d := p.d
	cols := []float64{15, 26, 22, w - 63}
	y := p.y
	p.fill(tint)
	p.pdf.Rect(x, y, w, scoreHeadH, "F")
	p.font("B", 7.5, muted)
	first := "Week of"
	if d.Scores.Monthly {
		first = "Month"
	}
	heads := []string{first, "PHQ-9", "GAD-7", "Sessions"}
	cx := x
	for i, h := range heads {
		switch i {
		case 0:
			p.cell(cx+0.8, y, cols[i]-0.8, scoreHeadH, h, "L")
		case 3:
			p.cell(cx, y, cols[i]-0.8, scoreHeadH, h, "R")
		default:
			p.cell(cx+scoreNumW+1.2, y, cols[i]-scoreNumW-1.2, scoreHeadH, h, "L")
		}
		cx += cols[i]
	}
	y += scoreHeadH
	if len(d.Scores.Rows) == 0 {
		p.font("", small, muted)
		p.cell(x+0.8, y, w, scoreRowH, "No weeks in this period.", "L")
		return
	}
	several := false
	for i, r := range d.Scores.Rows {
		if i%2 == 1 {
			p.fill(stripe)
			p.pdf.Rect(x, y, w, scoreRowH, "F")
		}
		label := r.Start.Format("2 Jan")
		if d.Scores.Monthly {
			label = r.Start.Format("Jan 2006")
		}
		p.font("", 8, ink)
		p.cell(x+0.8, y, cols[0], scoreRowH, label, "L")
		p.scoreCell(x+cols[0], y, cols[1], scoreRowH, r.PHQ9)
		p.scoreCell(x+cols[0]+cols[1], y, cols[2], scoreRowH, r.GAD7)
		if r.Sessions > 0 {
			p.font("", 8, ink)
			p.cell(x+w-cols[3], y, cols[3]-0.8, scoreRowH, strconv.Itoa(r.Sessions), "R")
		}
		several = several || r.PHQ9.N > 1 || r.GAD7.N > 1
		y += scoreRowH
	}
	p.draw(rule)
	p.pdf.SetLineWidth(0.2)
	p.pdf.Line(x, y, x+w, y)
	var note []string
	if several {
		note = append(note, "Several answers: mean (lowest–highest).")
	}
	if d.Scores.Hidden > 0 {
		note = append(note, fmt.Sprintf("Latest %d months shown.", len(d.Scores.Rows)))
	}
	if len(note) > 0 {
		p.font("", 7, muted)
		p.cell(x+0.8, y+0.6, w-0.8, 3.5, strings.Join(note, " "), "L")
	}
}

// scoreNumW is the width of the number in a score cell.
const scoreNumW = 6.5

// scoreCell writes a total and its band, or the mean and range of several answers.
func (p *page) scoreCell(x, y, w, h float64, c Cell) {
	rest := w - scoreNumW - 1.2
	switch {
	case c.N == 0:
		p.font("", 8, muted)
		p.cell(x, y, scoreNumW, h, "–", "R")
	case c.N == 1:
		p.font("B", 8, ink)
		p.cell(x, y, scoreNumW, h, strconv.Itoa(c.Min), "R")
		p.font("", 7.5, muted)
		band := c.Band
		if p.pdf.GetStringWidth(band) > rest {
			band = strings.Replace(band, "moderately", "mod.", 1)
		}
		p.cell(x+scoreNumW+1.2, y, rest, h, band, "L")
	default:
		p.font("B", 8, ink)
		p.cell(x, y, scoreNumW, h, trimFloat(c.Mean), "R")
		p.font("", 7.5, muted)
		p.cell(x+scoreNumW+1.2, y, rest, h, fmt.Sprintf("(%d–%d)", c.Min, c.Max), "L")
	}
}

// The chart is drawn at about 300 dpi, its text at about 7 pt.
const (
	chartPxPerMM = 12.0
	chartScale   = 2.25
)

// sessionsTable lists the sessions of the period.
func (p *page) sessionsTable() {
	d := p.d
	rows := d.Sessions
	// Keep to one page when the latest minFitRows or more fit with the notes below.
	if n := int((p.bottom - p.y - 6 - 5 - 3 - p.notesHeight()) / rowH); n < len(rows) && n >= minFitRows {
		rows = rows[len(rows)-n:]
	}
	title := plural(d.SessionCount, "session") + " in this period"
	if d.SessionCount > len(rows) {
		title += fmt.Sprintf(" (latest %d of %d)", len(rows), d.SessionCount)
	}
	p.need(6 + 5 + rowH)
	p.heading(margin, p.width, title)
	p.y += 6
	if d.SessionCount == 0 {
		p.font("", body, muted)
		p.cell(margin, p.y, p.width, rowH, "No session was marked done in this period.", "L")
		p.y += rowH + 3
		return
	}
	type col struct {
		head  string
		w     float64
		align string
	}
	cols := []col{
		{"Date", 21, "L"}, {"Route", 23, "L"}, {"Dose, as recorded", 25, "L"}, {"Mood 0-10", 17, "L"},
		{"Highest BP", 24, "L"}, {"Preparation", 17, "R"}, {"Follow-ups", 16, "R"}, {"Side effects", 0, "L"},
	}
	used := 0.0
	for _, c := range cols {
		used += c.w
	}
	cols[len(cols)-1].w = p.width - used
	const pad = 1.0
	headRow := func() {
		p.fill(tint)
		p.pdf.Rect(margin, p.y, p.width, 5, "F")
		p.font("B", 7.5, muted)
		x := margin
		for i, c := range cols {
			xx := x + pad
			if i == len(cols)-1 {
				xx += 2
			}
			p.cell(xx, p.y, c.w-2*pad, 5, c.head, c.align)
			x += c.w
		}
		p.y += 5
	}
	headRow()
	for i, s := range rows {
		if p.y+rowH > p.bottom {
			p.pdf.AddPage()
			p.y = topMargin
			headRow()
		}
		if i%2 == 1 {
			p.fill(stripe)
			p.pdf.Rect(margin, p.y, p.width, rowH, "F")
		}
		x := margin
		next := func(k int) (float64, float64) {
			cx := x + pad
			x += cols[k].w
			return cx, cols[k].w - 2*pad
		}
		p.font("", body, ink)
		cx, cw := next(0)
		p.cell(cx, p.y, cw, rowH, longDate(s.At), "L")
		cx, cw = next(1)
		p.cell(cx, p.y, cw, rowH, routeLabel(s.Route), "L")
		cx, cw = next(2)
		p.cell(cx, p.y, cw, rowH, orDash(s.Dose), "L")
		cx, cw = next(3)
		mood := "–"
		if s.MoodBefore != nil || s.MoodAfter != nil {
			mood = scale(s.MoodBefore) + " → " + scale(s.MoodAfter)
		}
		p.cell(cx, p.y, cw, rowH, mood, "L")
		cx, cw = next(4)
		switch {
		case s.BP == nil:
			p.cell(cx, p.y, cw, rowH, "–", "L")
		case s.High > 0:
			p.font("B", body, flag)
			v := s.BP.String()
			vw := p.pdf.GetStringWidth(v)
			p.cell(cx, p.y, vw+0.3, rowH, v, "L")
			p.font("", body, flag)
			more := "high"
			if s.High > 1 {
				more = fmt.Sprintf("high ×%d", s.High)
			}
			p.cell(cx+vw+1.2, p.y, cw-vw-1.2, rowH, more, "L")
			p.font("", body, ink)
		default:
			p.cell(cx, p.y, cw, rowH, s.BP.String(), "L")
		}
		cx, cw = next(5)
		prep := "–"
		if s.Prep != nil {
			prep = fmt.Sprintf("%d/%d", s.Prep.Done, s.Prep.Total)
		}
		p.cell(cx, p.y, cw, rowH, prep, "R")
		cx, cw = next(6)
		fu := "–"
		if s.FollowUps.Due > 0 {
			fu = fmt.Sprintf("%d/%d", s.FollowUps.Answered, s.FollowUps.Due)
		}
		p.cell(cx, p.y, cw, rowH, fu, "R")
		cx, cw = next(7)
		se := orDash(sideEffects(s.SideEffects))
		p.font("", 8, muted)
		if p.pdf.GetStringWidth(se) > cw-2 {
			p.font("", 7, muted)
		}
		p.cell(cx+2, p.y, cw-2, rowH, se, "L")
		p.y += rowH
	}
	p.draw(rule)
	p.pdf.SetLineWidth(0.2)
	p.pdf.Line(margin, p.y, margin+p.width, p.y)
	p.y += 3
}

// sideEffects lists side effects in few words: "raised blood pressure" is the
// column's "raised BP".
func sideEffects(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.TrimSpace(s)
		if strings.EqualFold(out[i], "Raised blood pressure") {
			out[i] = "Raised BP"
		}
	}
	return strings.Join(out, ", ")
}

// notes are the figures behind the tiles and how to read the page.
func (p *page) notes() {
	facts, read := p.notesText()
	if facts != "" {
		runs := []run{{facts, "", body, ink}}
		h := p.para(margin, p.y, p.width, factsLH, false, runs...)
		p.need(h)
		p.y += p.para(margin, p.y, p.width, factsLH, true, runs...) + factsGap
	}
	h := p.para(margin, p.y, p.width, readLH, false, run{read, "", small, muted})
	p.need(h)
	p.y += p.para(margin, p.y, p.width, readLH, true, run{read, "", small, muted})
}

// Line heights of the notes.
const (
	factsLH  = 4.1
	factsGap = 1.5
	readLH   = 3.3
)

// minFitRows is the fewest sessions the table shows to keep the report to one page;
// when fewer would fit, it shows them all and goes on to a second page.
const minFitRows = 10

// notesHeight is the height the notes take.
func (p *page) notesHeight() float64 {
	facts, read := p.notesText()
	h := p.para(margin, 0, p.width, readLH, false, run{read, "", small, muted})
	if facts != "" {
		h += p.para(margin, 0, p.width, factsLH, false, run{facts, "", body, ink}) + factsGap
	}
	return h
}

// notesText is the notes: the figures behind the tiles, and how to read the page.
func (p *page) notesText() (facts, read string) {
	d := p.d
	var fs []string
	if pr := d.Preparation; pr.Sessions > 0 {
		s := fmt.Sprintf("Preparation: on average %d%% of checklist items done before %s with a checklist, %d of them fully prepared",
			int(math.Round(100*pr.Mean)), plural(pr.Sessions, "session"), pr.Full)
		if pr.Without > 0 {
			s += fmt.Sprintf("; %d without one", pr.Without)
		}
		fs = append(fs, s+".")
	}
	if f := d.FollowUps; f.Due > 0 {
		s := fmt.Sprintf("Follow-ups (short check-ins about 4, 24, 48 and 72 hours after a session): %d of %d answered", f.Answered, f.Due)
		if f.Late > 0 {
			s += fmt.Sprintf(", %d of them late", f.Late)
		}
		if f.Missed > 0 {
			s += fmt.Sprintf("; %d not answered", f.Missed)
		}
		if f.Pending > 0 {
			s += fmt.Sprintf("; %d still open", f.Pending)
		}
		fs = append(fs, s+".")
	}
	var recs []string
	if d.CheckIns > 0 {
		recs = append(recs, fmt.Sprintf("daily check-ins on %d of %d days", d.CheckInDays, d.Elapsed))
	}
	for _, in := range model.Instruments {
		if n := d.Questionnaires[in.ID]; n > 0 {
			recs = append(recs, plural(n, in.Name))
		}
	}
	if d.PCL5 != nil {
		recs = append(recs, fmt.Sprintf("latest PCL-5 %d of 80 on %s (no official bands; 31-33 or more suggests probable PTSD)", d.PCL5.Total, longDate(d.PCL5.At)))
	}
	if len(recs) > 0 {
		fs = append(fs, "Recorded: "+strings.Join(recs, ", ")+".")
	}
	if np := d.NextPlanned; np != nil {
		fs = append(fs, fmt.Sprintf("Next planned session: %s, %s.", longDate(np.At), routeLabel(np.Route)))
	}
	read = "Bands are the published severity bands. PHQ-9: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, " +
		"20-27 severe. GAD-7: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe. Highest BP: the reading furthest above 140/90 " +
		"of those before, about 40 minutes after and at discharge; “high” is above 140/90. Mood before → after the session, 0-10. " +
		"Doses are exactly as recorded; this report recommends no dose or frequency."
	return strings.Join(fs, " "), read
}

// footer is the self-reported line, the date and the page number.
func (p *page) footer() {
	y := p.pageH - footerH
	p.draw(rule)
	p.pdf.SetLineWidth(0.2)
	p.pdf.Line(margin, y, margin+p.width, y)
	p.font("", 7, muted)
	h := p.para(margin, y+1.2, p.width, 3.2, true, run{SelfReported, "", 7, muted})
	// The alias is replaced by the page count when the document closes: place the
	// text by its width with a one-digit count, not with the alias.
	p.font("", 7, muted)
	right := fmt.Sprintf("Generated %s · Page %d of ", longDate(p.d.Generated), p.pdf.PageNo())
	rw := p.pdf.GetStringWidth(right + "9")
	p.pdf.SetXY(margin+p.width-rw, y+1.2+h)
	p.pdf.CellFormat(rw, 3.2, right+pagesAlias, "", 0, "L", false, 0, "")
}

func longDate(t time.Time) string { return t.Format("2 Jan 2006") }

// tileDate is a date without its year when it is in the year the period ends.
func (p *page) tileDate(t time.Time) string {
	if t.Year() == p.d.To.Year() {
		return shortDate(t)
	}
	return longDate(t)
}
func shortDate(t time.Time) string { return t.Format("2 Jan") }

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// allOf is "the 1 PHQ-9" or "all 13 PHQ-9s".
func allOf(n int, unit string) string {
	if n == 1 {
		return "the 1 " + unit
	}
	return fmt.Sprintf("all %d %ss", n, unit)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

func scale(v *int) string {
	if v == nil {
		return "–"
	}
	return strconv.Itoa(*v)
}

func trimFloat(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// routeLabels are the routes as the report names them: shorter than the form's.
var routeLabels = map[model.Route]string{
	model.RouteIV:      "IV infusion",
	model.RouteIM:      "IM injection",
	model.RouteNasal:   "Nasal spray",
	model.RouteLozenge: "Sublingual lozenge",
	model.RouteOther:   "Other",
}

func routeLabel(r model.Route) string {
	if l, ok := routeLabels[r]; ok {
		return l
	}
	return string(r)
}

// routeShort is the route in a word or two, for the sessions tile.
func routeShort(r model.Route) string {
	switch r {
	case model.RouteIV:
		return "IV"
	case model.RouteIM:
		return "IM"
	case model.RouteNasal:
		return "Nasal"
	case model.RouteLozenge:
		return "Lozenge"
	}
	return routeLabel(r)
}

// covered reports whether the embedded font has a glyph for r.
var covered = sync.OnceValue(func() func(r rune) bool {
	f, err := sfnt.Parse(liberationsansregular.TTF)
	if err != nil { // cannot happen with the embedded font; print Latin-1 only
		return func(r rune) bool { return r <= unicode.MaxLatin1 }
	}
	var mu sync.Mutex
	var buf sfnt.Buffer
	cache := map[rune]bool{}
	return func(r rune) bool {
		mu.Lock()
		defer mu.Unlock()
		ok, seen := cache[r]
		if !seen {
			i, err := f.GlyphIndex(&buf, r)
			ok = err == nil && i != 0
			cache[r] = ok
		}
		return ok
	}
})

// printable replaces what the font cannot print: control characters by a space, and
// characters without a glyph (emoji, scripts beyond Latin, Greek and Cyrillic) by "?".
func printable(s string) string {
	clean := true
	for _, r := range s {
		if r > unicode.MaxLatin1 || unicode.IsControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	has := covered()
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r):
			return ' '
		case unicode.Is(unicode.Mn, r) && !has(r):
			return -1 // a combining mark the font lacks: keep the letter, drop the mark
		case !has(r):
			return '?'
		}
		return r
	}, norm.NFC.String(s))
}
