package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/insights"
	"keel/model/store"
)

// helpsScreen is "What helps": the field notes' claims (preparation, the 72 hours
// after, integration, setting, intensity; sleep, stress and tags on ordinary days)
// tested on the person's own records, in plain words, with the numbers behind each
// sentence. The statistics are model/insights'; this screen only draws them.
type helpsScreen struct {
	st  *store.Store
	win fyne.Window
	nav navigator

	intro    *widget.Label
	sources  *widget.Label
	summary  *widget.Label
	sessions *fyne.Container
	days     *fyne.Container
	footer   *widget.Label
	content  fyne.CanvasObject
	// computing is true while a computation runs, so a reload does not start a
	// second one.
	computing bool
}

func newHelpsScreen(st *store.Store, win fyne.Window, nav navigator) *helpsScreen {
	h := &helpsScreen{st: st, win: win, nav: nav}
	h.intro = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true},
		Text: "Working it out from your records…"}
	h.sources = &widget.Label{Wrapping: fyne.TextWrapWord}
	h.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	h.sessions = container.NewVBox()
	h.days = container.NewVBox()
	h.footer = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	body := container.NewVBox(
		h.intro, h.sources,
		heading("Your sessions"), h.summary, h.sessions,
		heading("Your days"), h.days,
		widget.NewSeparator(), h.footer,
		hintText("Keel never says what dose to take or how often to have sessions. What you find here is for you and your care team to talk about."),
	)
	h.content = newBorder(container.NewPadded(heading("What helps you")), nil, nil, nil,
		container.NewVScroll(container.NewPadded(body)))
	h.reload()
	return h
}

// reload computes the findings again, off the window's goroutine (about 60 ms of
// work on ten years of records), and draws them when they are ready.
func (h *helpsScreen) reload() {
	if h.computing {
		return
	}
	h.computing = true
	var rep insights.Report
	h.nav.InBackground(func() error {
		hist, err := h.st.Snapshot()
		if err != nil {
			return err
		}
		rep = insights.Compute(insights.RecordsOf(&hist), insights.Options{Now: h.st.Now(), Loc: time.Local})
		return nil
	}, func(err error) {
		h.computing = false
		if err != nil {
			h.intro.SetText(model.Message(err))
			return
		}
		h.draw(rep)
	})
}

func (h *helpsScreen) draw(rep insights.Report) {
	h.intro.SetText(rep.Association)
	h.sources.SetText(rep.Sources.Text)
	h.summary.SetText(rep.Summary.Text)
	h.sessions.Objects = findingCards(rep.SessionFindings)
	h.days.Objects = findingCards(rep.DayFindings)
	h.footer.SetText(rep.Comparisons)
	h.sessions.Refresh()
	h.days.Refresh()
	h.content.Refresh()
}

// findingCards draws each finding: its title and what it comes to, the sentence
// with the numbers, and for a linked one the line about the care team.
func findingCards(fs []insights.Finding) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, f := range fs {
		verdict := &widget.Label{Text: verdictText(f), Importance: verdictImportance(f.Verdict)}
		title := &widget.Label{Text: f.Title, TextStyle: fyne.TextStyle{Bold: true}}
		objs := []fyne.CanvasObject{
			newBorder(nil, nil, title, verdict),
			&widget.Label{Text: f.Headline, Wrapping: fyne.TextWrapWord},
		}
		if f.Detail != "" {
			objs = append(objs, hintText(f.Detail))
		}
		if f.Care != "" {
			objs = append(objs, &widget.Label{Text: f.Care, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}})
		}
		out = append(out, container.NewVBox(objs...), widget.NewSeparator())
	}
	return out
}

// verdictText is what a finding comes to, in a few words.
func verdictText(f insights.Finding) string {
	what := "weeks"
	if f.Kind == insights.DayKind {
		what = "days"
	}
	switch f.Verdict {
	case insights.LinkedBetter:
		return "Linked to better " + what
	case insights.LinkedWorse:
		return "Linked to harder " + what
	case insights.NoClearDifference:
		return "No clear difference so far"
	}
	return "Not enough data yet"
}

func verdictImportance(v insights.Verdict) widget.Importance {
	if v.Linked() {
		return widget.HighImportance
	}
	return widget.MediumImportance
}
