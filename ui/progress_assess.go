package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/progress"
)

// drawVerdict fills "Is it working?" from the assessment (progress.Assess, the one
// the report and keel progress show): the verdict's lines, each naming its two
// scores and dates; the other questionnaires' baseline and latest; the
// deterioration flags; what people notice, only when reassurance may be shown; and
// every PHQ-9 of the course whose item 9 was above 0, with its date. Never a word
// about doses.
func (p *progressScreen) drawVerdict() {
	a := &p.assessment
	var objs []fyne.CanvasObject
	for i, line := range a.Verdict.Lines() {
		l := &widget.Label{Text: screenText(line), Wrapping: fyne.TextWrapWord}
		if i == 0 {
			l.TextStyle.Bold = true
		}
		objs = append(objs, l)
	}
	for _, t := range a.Tracks {
		if line := trackLine(t); line != "" && t.Instrument != model.PHQ9 {
			objs = append(objs, &widget.Label{Text: line, Wrapping: fyne.TextWrapWord})
		}
	}
	objs = append(objs, flagRows(a.Flags)...)
	if e := a.ExpectationsText(); e != "" {
		objs = append(objs, hintText(e))
	}
	if line := item9Line(a); line != "" {
		objs = append(objs, &widget.Label{Text: line, Wrapping: fyne.TextWrapWord})
	}
	p.verdict.Objects = objs
	p.verdict.Refresh()
}

// screenText is a line of the model's as the window can draw it: Fyne's bundled
// font draws "→" with a missing glyph after it, so the arrow is said in words.
func screenText(s string) string { return strings.ReplaceAll(s, " → ", " to ") }

// trackLine is a questionnaire's baseline and latest over the course, with their
// dates: "GAD-7: 14 on 2 Feb 2026 before treatment; latest 9 on 10 Mar 2026." ""
// when it has no score in the course.
func trackLine(t progress.Track) string {
	if t.Latest == nil {
		return ""
	}
	name := t.Instrument.Name
	latest := fmt.Sprintf("%d on %s", t.Latest.Total, t.Latest.Date())
	switch {
	case t.Baseline != nil && t.Baseline.ID != t.Latest.ID:
		return fmt.Sprintf("%s: %d on %s before treatment; latest %s.", name, t.Baseline.Total, t.Baseline.Date(), latest)
	case t.Baseline != nil:
		return fmt.Sprintf("%s: %d on %s before treatment; none since.", name, t.Baseline.Total, t.Baseline.Date())
	}
	return fmt.Sprintf("%s: latest %s; no score from before treatment to compare with.", name, latest)
}

// flagRows are the deterioration flags, said plainly and calmly (flag.Text ends
// with "Please tell your care team."), without reassurance beside them.
func flagRows(flags []progress.Flag) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, f := range flags {
		out = append(out, &widget.Label{Text: f.Text(), Wrapping: fyne.TextWrapWord})
	}
	return out
}

// item9Line says every PHQ-9 of the course whose question 9 was answered above
// “Not at all”, with its date and answer, whatever period the charts show; or that
// none was; "" when the course has no PHQ-9.
func item9Line(a *progress.Assessment) string {
	switch {
	case a.Item9Answered == 0:
		return ""
	case len(a.Item9) == 0:
		return fmt.Sprintf("PHQ-9 question 9 (thoughts of being better off dead or of hurting yourself): “Not at all” in %s of this course.", countOf(a.Item9Answered, "PHQ-9"))
	}
	var when []string
	for _, it := range a.Item9 {
		w := it.At.Format("2 Jan 2006") + " (" + strings.ToLower(it.Label) + ")"
		if it.Source == model.SourceClinicForm {
			w += ", from a clinic form"
		}
		when = append(when, w)
	}
	return fmt.Sprintf("PHQ-9 question 9 (thoughts of being better off dead or of hurting yourself) was answered above “Not at all” on %s. "+
		"It is worth telling your care team; “Need help now?” is always there.", strings.Join(when, ", "))
}

// countOf is "1 PHQ-9", "all 5 PHQ-9s".
func countOf(n int, noun string) string {
	if n == 1 {
		return "your 1 " + noun
	}
	return fmt.Sprintf("all %d %ss", n, noun)
}

// showPCL5Tab shows the PCL-5's chart once there is a PCL-5 score, or while the
// PCL-5 is offered.
func (p *progressScreen) showPCL5Tab() {
	want := false
	if t := p.assessment.Track(model.PCL5); t != nil && t.N > 0 {
		want = true
	}
	for _, r := range p.responses {
		want = want || r.Instrument == model.PCL5.ID
	}
	if s, err := p.st.Settings(); err == nil && s.PCL5 {
		want = true
	}
	shown := false
	for _, it := range p.tabs.Items {
		shown = shown || it == p.pclTab
	}
	switch {
	case want && !shown:
		sel := p.tabs.Selected()
		items := append([]*container.TabItem{}, p.tabs.Items[:2]...) // after the PHQ-9 and GAD-7
		p.tabs.SetItems(append(append(items, p.pclTab), p.tabs.Items[2:]...))
		if sel != nil {
			p.tabs.Select(sel)
		}
	case !want && shown:
		p.tabs.Remove(p.pclTab)
	}
}

// tabName is the name of the chart on tab it, for its file.
func (p *progressScreen) tabName(it *container.TabItem) string {
	for in, v := range p.scoreViews {
		if it != nil && it.Content == v {
			return chartName(in)
		}
	}
	if it != nil && it.Content == p.aligned {
		return "around-sessions"
	}
	return "check-ins"
}
