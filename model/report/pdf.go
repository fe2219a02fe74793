package report

import (
	"bytes"
	"fmt"
	"image"
	stddraw "image/draw"
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
const SelfReported = "Self-reported by the patient in Keel, a private journal app; questionnaires are the standard " +
	"PHQ-9, GAD-7 and PCL-5, scored as published; not a diagnosis."

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
	}
	p.verdict()
	p.measuresTable()
	if !d.Empty() {
		if err := p.trends(); err != nil {
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

// nothing says that the period is empty, in place of the charts and the sessions.
func (p *page) nothing() {
	more := run{fmt.Sprintf("No sessions, questionnaires or daily check-ins from %s to %s. The verdict and the measures "+
		"below cover the whole course up to the end of the period.", longDate(p.d.From), longDate(p.d.To)), "", body, muted}
	x, w := margin+4, p.width-8
	h := 5 + p.para(x, 0, w, 4.2, false, more) + 4
	p.fill(tint)
	p.pdf.Rect(margin, p.y, p.width, h, "F")
	p.font("B", 10, ink)
	p.cell(x, p.y+2, w, 5, "Nothing was recorded in this period.", "L")
	p.para(x, p.y+7, w, 4.2, true, more)
	p.y += h + 3
}

// verdict is the evaluation of docs/clinical.md in a tinted box: what was judged, the
// verdict's lines, the deterioration flags and the history of PHQ-9 item 9.
func (p *page) verdict() {
	d := p.d
	v, a := d.Verdict, &d.Assessment
	about := "No course entered: all sessions count as one course, without an induction series."
	if v.Course != "" {
		about = fmt.Sprintf("%s, started %s", v.Course, longDate(v.CourseStart))
		if ind := a.Course.Induction(); ind.Sessions > 0 {
			about += fmt.Sprintf("; induction %d of %d sessions", a.Verdict.InductionDone, ind.Sessions)
		}
		about += fmt.Sprintf("; %s in the course.", plural(len(a.Sessions), "session"))
	}
	about += " Judged on " + longDate(v.At) + "."
	x, w := margin+4, p.width-7
	const lh = 4.2
	var blocks [][]run
	blocks = append(blocks, []run{{"PHQ-9 verdict ", "B", 10, ink}, {about, "", small, muted}})
	for i, l := range v.Lines {
		style := ""
		if i == 0 {
			style = "B"
		}
		blocks = append(blocks, []run{{l, style, body, ink}})
	}
	for _, f := range a.Flags {
		blocks = append(blocks, []run{{"Deterioration: ", "B", body, flag}, {f.ClinicianText(), "", body, flag}})
	}
	blocks = append(blocks, p.item9Runs())
	measure := func(draw bool, y float64) float64 {
		h := 0.0
		for i, b := range blocks {
			bl := lh
			if i == 0 {
				bl = 5
			}
			h += p.para(x, y+h, w, bl, draw, b...)
			if i == 0 {
				h += 0.6
			}
		}
		return h
	}
	h := measure(false, p.y) + 4
	p.need(h)
	p.fill(wash)
	p.pdf.Rect(margin, p.y, p.width, h, "F")
	bar := accent
	if len(a.Flags) > 0 || len(a.Item9) > 0 {
		bar = flag
	}
	p.fill(bar)
	p.pdf.Rect(margin, p.y, 1.2, h, "F")
	measure(true, p.y+2)
	p.y += h + 3
}

// maxItem9Dates is the most dates of a positive item 9 listed by name; the rest are
// counted.
const maxItem9Dates = 8

// item9Runs is the line about PHQ-9 item 9 over the course: every answer above 0,
// with its date and answer, whatever the period.
func (p *page) item9Runs() []run {
	a := &p.d.Assessment
	label := run{"PHQ-9 item 9 ", "B", body, ink}
	what := run{"(thoughts of being better off dead or of self-harm), over the course: ", "", body, muted}
	switch {
	case a.Item9Answered == 0:
		return []run{label, what, {"no PHQ-9 yet.", "", body, ink}}
	case len(a.Item9) == 0:
		return []run{label, what, {fmt.Sprintf("“not at all” in %s.", allOf(a.Item9Answered, "PHQ-9")), "", body, ink}}
	}
	label.color = flag
	var dates []string
	list := a.Item9
	if len(list) > maxItem9Dates {
		list = list[len(list)-maxItem9Dates:]
	}
	for _, it := range list {
		dates = append(dates, fmt.Sprintf("%s (%s)", longDate(it.At), strings.ToLower(it.Label)))
	}
	s := strings.Join(dates, ", ")
	if n := len(a.Item9) - len(list); n > 0 {
		s = fmt.Sprintf("%d earlier, then %s", n, s)
	}
	return []run{label, what,
		{fmt.Sprintf("above 0 in %d of %s: ", len(a.Item9), plural(a.Item9Answered, "PHQ-9")), "B", body, flag},
		{s + ". Keel showed crisis resources each time; nobody monitors the entries.", "", body, ink}}
}

// measuresTable is the baseline, end point and latest of each questionnaire of the
// course, with the change from the baseline.
func (p *page) measuresTable() {
	d := p.d
	if len(d.Measures) == 0 {
		return
	}
	const headH, rowH2 = 5.0, 8.2
	p.need(6 + headH + float64(len(d.Measures))*rowH2 + 3)
	p.heading(margin, p.width, "Measures over the course")
	p.y += 6
	cols := []float64{22, 40, 44, 40, 0}
	used := 0.0
	for _, c := range cols {
		used += c
	}
	cols[len(cols)-1] = p.width - used
	heads := []string{"", "Baseline (before session 1)", "Induction end point", "Latest", "Change from baseline"}
	p.fill(tint)
	p.pdf.Rect(margin, p.y, p.width, headH, "F")
	p.font("B", 7.5, muted)
	x := margin
	for i, h := range heads {
		p.cell(x+1, p.y, cols[i]-2, headH, h, "L")
		x += cols[i]
	}
	p.y += headH
	for i, m := range d.Measures {
		if i%2 == 1 {
			p.fill(stripe)
			p.pdf.Rect(margin, p.y, p.width, rowH2, "F")
		}
		x := margin
		p.font("B", body, ink)
		p.cell(x+1, p.y+0.4, cols[0]-2, 4, m.Instrument.Name, "L")
		p.font("", small, muted)
		p.cell(x+1, p.y+4.1, cols[0]-2, 3.5, fmt.Sprintf("0-%d, n=%d", m.Instrument.MaxTotal(), m.N), "L")
		x += cols[0]
		base, baseSub := "–", "none in the 14 days before"
		switch {
		case len(d.Assessment.Sessions) == 0:
			baseSub = "no session yet"
		case m.Instrument == model.PCL5:
			baseSub = "none in the month before"
		}
		if m.Baseline != nil {
			base, baseSub = scoreText(m.Instrument, m.Baseline), scoreDate(m.Baseline)
		} else if m.TooOld != nil {
			baseSub = fmt.Sprintf("%d on %s: too old", m.TooOld.Total, longDate(m.TooOld.At))
		}
		p.scoreCell(x, cols[1], base, baseSub, ink)
		x += cols[1]
		end, endSub := "n/a", "PHQ-9 only"
		if m.Instrument == model.PHQ9 {
			end, endSub = "–", "none yet"
			v := d.Assessment.Verdict
			switch {
			case m.EndPoint != nil:
				end = scoreText(m.Instrument, m.EndPoint)
				endSub = fmt.Sprintf("%s, day %d", longDate(m.EndPoint.At), model.CalendarDays(v.InductionEnd, m.EndPoint.At))
			case v.InductionComplete && d.Assessment.At.After(v.EndTo.AddDate(0, 0, 1)):
				endSub = "none in days 14-31"
			case v.InductionComplete:
				endSub = "due " + v.EndFrom.Format("2 Jan") + "–" + longDate(v.EndTo)
			case v.InductionSessions == 0:
				endSub = "no induction series"
			}
		}
		p.scoreCell(x, cols[2], end, endSub, ink)
		x += cols[2]
		latest, latestSub := "–", "none"
		if m.Latest != nil {
			latest, latestSub = scoreText(m.Instrument, m.Latest), scoreDate(m.Latest)
		}
		p.scoreCell(x, cols[3], latest, latestSub, ink)
		x += cols[3]
		change, changeSub := "–", ""
		if m.Baseline != nil && m.Latest != nil && m.Latest.At.After(m.Baseline.At) {
			change = signedChange(m.Baseline.Total, m.Latest.Total)
			changeSub = changeMeaning(m.Instrument, m.Baseline.Total, m.Latest.Total)
		}
		valueC, subC := ink, muted
		if f := m.Flag; f != nil {
			subC = flag
			if f.FromBaseline != nil {
				valueC = flag
				changeSub = fmt.Sprintf("deterioration (≥%d from baseline)", m.Instrument.Deterioration)
			} else {
				changeSub = fmt.Sprintf("but +%d since %s: deterioration", f.FromPrevious.Points, f.FromPrevious.From.At.Format("2 Jan"))
			}
		}
		p.scoreCell2(x, cols[4], change, changeSub, valueC, subC)
		p.y += rowH2
	}
	p.draw(rule)
	p.pdf.SetLineWidth(0.2)
	p.pdf.Line(margin, p.y, margin+p.width, p.y)
	p.y += 3.5
}

// scoreCell writes a value in bold and a line under it in small muted type.
func (p *page) scoreCell(x, w float64, value, sub string, c rgb) {
	p.scoreCell2(x, w, value, sub, c, muted)
}

// scoreCell2 is scoreCell with the colours of the value and of the line under it.
func (p *page) scoreCell2(x, w float64, value, sub string, vc, sc rgb) {
	p.font("B", body, vc)
	p.cell(x+1, p.y+0.4, w-2, 4, value, "L")
	p.font("", small, sc)
	p.cell(x+1, p.y+4.1, w-2, 3.5, sub, "L")
}

// scoreText is a total with its published band: "18 moderately severe", "44".
func scoreText(in *model.Instrument, s *progress.Score) string {
	if b := model.BandOf(in, s.Total); b != "" {
		return fmt.Sprintf("%d %s", s.Total, b)
	}
	return strconv.Itoa(s.Total)
}

// scoreDate is a score's date, with where it was taken when not in Keel.
func scoreDate(s *progress.Score) string {
	out := longDate(s.At)
	if s.FromClinicForm() {
		out += ", clinic form"
	}
	return out
}

// signedChange is "−10 (−56%)", "+3", "no change".
func signedChange(b, s int) string {
	d := s - b
	switch {
	case d == 0:
		return "no change"
	case b == 0:
		return fmt.Sprintf("+%d", d)
	}
	sign := "+"
	if d < 0 {
		sign = "−"
	}
	pct := int(math.Round(math.Abs(100 * float64(d) / float64(b))))
	return fmt.Sprintf("%s%d (%s%d%%)", sign, abs(d), sign, pct)
}

// changeMeaning is what a change means on the instrument's published thresholds.
func changeMeaning(in *model.Instrument, b, s int) string {
	d := b - s
	switch in {
	case model.PHQ9:
		switch {
		case b <= 9:
			return "response n/a (baseline ≤9)"
		case s < 5:
			return "remission range (<5)"
		case 2*s <= b:
			return "≥50% fall"
		}
		return "<50% fall"
	case model.PCL5:
		switch {
		case d >= 10:
			return "clinically meaningful (≥10)"
		case d >= 5:
			return "reliable change (5-10)"
		}
		return "below reliable change (<5)"
	}
	return ""
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// The charts: a row of panels, one per questionnaire, about 300 dpi.
const (
	chartPxPerMM = 10.0
	chartScale   = 1.75
	panelH       = 44.0
)

// trends draws a chart per questionnaire of the measures, side by side.
func (p *page) trends() error {
	d := p.d
	if len(d.Trends) == 0 {
		return nil
	}
	const gap = 4.0
	n := float64(len(d.Trends))
	w := (p.width - gap*(n-1)) / n
	ch := panelH
	// When everything below fits with room to spare, the charts take some of it.
	below := 6 + 9 + float64(len(d.Sessions))*rowH + 3 + p.notesHeight()
	if spare := p.bottom - (p.y + 6 + ch + 3 + below); spare > 0 {
		ch += min(spare, maxChartGrowth)
	}
	p.need(6 + ch + 3)
	// One image for the whole row, the panels at their places: fpdf writes the
	// images of a page in the order of a map, so two images would make two runs of
	// the same report differ byte for byte.
	pw, ph := int(w*chartPxPerMM), int(ch*chartPxPerMM)
	row := image.NewRGBA(image.Rect(0, 0, int(p.width*chartPxPerMM), ph))
	stddraw.Draw(row, row.Bounds(), image.NewUniform(chartPalette().Background), image.Point{}, stddraw.Src)
	for i, t := range d.Trends {
		x := margin + float64(i)*(w+gap)
		title := fmt.Sprintf("%s, each answer in the period", t.Instrument.Name)
		if t.Instrument == model.PCL5 {
			title = "PCL-5, with change lines"
		}
		p.heading(x, w, title)
		img, err := trendChart(d, t).Render(pw, ph, chartScale, chartPalette())
		if err != nil {
			return fmt.Errorf("draw the report's %s chart: %w", t.Instrument.Name, err)
		}
		at := image.Pt(int(float64(i)*(w+gap)*chartPxPerMM), 0)
		stddraw.Draw(row, img.Bounds().Add(at), img, image.Point{}, stddraw.Src)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, row); err != nil {
		return fmt.Errorf("encode the report's charts: %w", err)
	}
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	p.pdf.RegisterImageOptionsReader("trends", opt, &buf)
	p.pdf.ImageOptions("trends", margin, p.y+6, p.width, ch, false, opt, 0, "")
	p.y += 6 + ch + 3
	return nil
}

// maxChartGrowth is how much taller than panelH the charts grow into space the page
// would leave empty.
const maxChartGrowth = 22.0

// sessionsTable lists the sessions of the period.
func (p *page) sessionsTable() {
	d := p.d
	rows := d.Sessions
	// Keep to one page when the latest minFitRows or more fit with the notes below.
	if n := int((p.bottom - p.y - 6 - 9 - 3 - p.notesHeight()) / rowH); n < len(rows) && n >= minFitRows {
		rows = rows[len(rows)-n:]
	}
	title := plural(d.SessionCount, "session") + " in this period"
	if d.SessionCount > len(rows) {
		title += fmt.Sprintf(" (latest %d of %d)", len(rows), d.SessionCount)
	}
	p.need(6 + 9 + rowH)
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
		{"#", 7, "R"}, {"Date", 21, "L"}, {"Route", 15, "L"}, {"Dose, as recorded", 27, "L"},
		{"BP pre-dose", 22, "L"}, {"BP ~40 min", 18, "L"}, {"BP discharge", 19, "L"}, {"Dissoc.", 13, "R"},
		{"Sleep h", 14, "R"}, {"Stress", 0, "R"}, {"Mood", 0, "R"},
	}
	used := 0.0
	for _, c := range cols {
		used += c.w
	}
	rest := (p.width - used) / 2
	cols[9].w, cols[10].w = rest, rest
	const pad = 1.0
	headRow := func() {
		// The group caption over the follow-up means.
		gx := margin
		for _, c := range cols[:8] {
			gx += c.w
		}
		p.font("", 6.8, muted)
		p.cell(gx, p.y, p.width-(gx-margin)-pad, 4, "72 h after: follow-up means", "R")
		p.draw(rule)
		p.pdf.SetLineWidth(0.2)
		p.pdf.Line(gx+2, p.y+3.8, margin+p.width, p.y+3.8)
		p.y += 4
		p.fill(tint)
		p.pdf.Rect(margin, p.y, p.width, 5, "F")
		p.font("B", 7.5, muted)
		x := margin
		for _, c := range cols {
			p.cell(x+pad, p.y, c.w-2*pad, 5, c.head, c.align)
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
		num := "–"
		if s.Number > 0 {
			num = strconv.Itoa(s.Number)
		}
		p.cell(cx, p.y, cw, rowH, num, "R")
		cx, cw = next(1)
		p.cell(cx, p.y, cw, rowH, longDate(s.At), "L")
		cx, cw = next(2)
		p.cell(cx, p.y, cw, rowH, routeShort(s.Route), "L")
		cx, cw = next(3)
		p.cell(cx, p.y, cw, rowH, orDash(s.Dose), "L")
		cx, cw = next(4)
		switch {
		case s.BPBefore == nil:
			p.cell(cx, p.y, cw, rowH, "–", "L")
		case s.PreDoseHigh:
			p.font("B", body, flag)
			v := s.BPBefore.String()
			vw := p.pdf.GetStringWidth(v)
			p.cell(cx, p.y, vw+0.3, rowH, v, "L")
			p.font("", body, flag)
			p.cell(cx+vw+1.2, p.y, cw-vw-1.2, rowH, "high", "L")
			p.font("", body, ink)
		default:
			p.cell(cx, p.y, cw, rowH, s.BPBefore.String(), "L")
		}
		cx, cw = next(5)
		p.cell(cx, p.y, cw, rowH, bpText(s.BPAfter40), "L")
		cx, cw = next(6)
		p.cell(cx, p.y, cw, rowH, bpText(s.BPDischarge), "L")
		cx, cw = next(7)
		p.cell(cx, p.y, cw, rowH, scale(s.Dissociation), "R")
		for k, m := range []progress.Mean{s.Sleep, s.Stress, s.Mood} {
			cx, cw = next(8 + k)
			p.cell(cx, p.y, cw, rowH, meanText(m), "R")
		}
		p.y += rowH
	}
	p.draw(rule)
	p.pdf.SetLineWidth(0.2)
	p.pdf.Line(margin, p.y, margin+p.width, p.y)
	p.y += 3
}

func bpText(bp *model.BloodPressure) string {
	if bp == nil {
		return "–"
	}
	return bp.String()
}

// meanText is a mean to one decimal, "–" without values.
func meanText(m progress.Mean) string {
	if !m.Valid() {
		return "–"
	}
	return strconv.FormatFloat(math.Round(m.Value*10)/10, 'f', 1, 64)
}

// notes are the figures behind the page and how to read it.
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

// notesText is the notes: the figures behind the page, and how to read it.
func (p *page) notesText() (facts, read string) {
	d := p.d
	var fs []string
	if d.BPRecorded > 0 {
		s := fmt.Sprintf("Blood pressure: before dosing above 140/90 at %d of %s with a reading", d.PreDoseHigh, plural(d.BPRecorded, "session"))
		if d.AfterHigh > 0 {
			s += fmt.Sprintf("; after dosing above 140/90 at %d", d.AfterHigh)
		}
		fs = append(fs, s+".")
	}
	if pr := d.Preparation; pr.Sessions > 0 {
		s := fmt.Sprintf("Preparation: on average %d%% of checklist items done before %s with a checklist, %d fully",
			int(math.Round(100*pr.Mean)), plural(pr.Sessions, "session"), pr.Full)
		if pr.Without > 0 {
			s += fmt.Sprintf("; %d without one", pr.Without)
		}
		fs = append(fs, s+".")
	}
	if f := d.FollowUps; f.Due > 0 {
		s := fmt.Sprintf("Follow-ups (about 4, 24, 48 and 72 hours after a session): %d of %d answered", f.Answered, f.Due)
		if f.Late > 0 {
			s += fmt.Sprintf(", %d late", f.Late)
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
	if len(recs) > 0 {
		fs = append(fs, "In this period: "+strings.Join(recs, ", ")+".")
	}
	if np := d.NextPlanned; np != nil {
		fs = append(fs, fmt.Sprintf("Next planned session: %s, %s.", longDate(np.At), routeLabel(np.Route)))
	}
	read = "Definitions (as published). Baseline: the last score within 14 days before the first session of the course " +
		"(PCL-5: a month). Response: PHQ-9 ≥50% below a baseline above 9; remission: below 5; neither applies to a " +
		"baseline of 9 or less. Induction end point: the PHQ-9 closest to day 21, within days 14-31, after the last " +
		"induction session. Deterioration: PHQ-9 ≥5, GAD-7 ≥4, PCL-5 ≥10 points above the baseline or the previous score. " +
		"Bands: PHQ-9 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe; GAD-7 0-4 minimal, " +
		"5-9 mild, 10-14 moderate, 15-21 severe; PCL-5 has none (31-33 or more suggests probable PTSD; 5-10 points is " +
		"reliable change, 10-20 clinically meaningful). Clinic-form and in-app scores are not interchangeable. BP: " +
		"readings before, about 40 minutes after and at discharge; the 140/90 guide is for the pre-dose reading, and a " +
		"rise after dosing is expected. Dissociation and 72-hour ratings are 0-10 self-ratings. Doses exactly as " +
		"recorded; this report recommends no dose or frequency."
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
