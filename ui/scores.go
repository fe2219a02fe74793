package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// scoresScreen starts questionnaires and lists every response, newest first, with its
// total, band and date; the selected one shows its answers.
type scoresScreen struct {
	// split holds the list and the answers beside or below it.
	split *container.Split
	st    *store.Store
	win   fyne.Window
	nav   navigator

	items   []model.Response
	list    *widget.List
	empty   *widget.Label
	starts  *fyne.Container
	detail  *fyne.Container
	content fyne.CanvasObject
}

func newScoresScreen(st *store.Store, win fyne.Window, nav navigator) *scoresScreen {
	s := &scoresScreen{st: st, win: win, nav: nav}
	s.list = widget.NewList(func() int { return len(s.items) },
		func() fyne.CanvasObject {
			return newBorder(nil, nil, nil, &widget.Label{Text: "moderately severe"}, widget.NewLabelWithStyle("PHQ-9 · Wed 25 Nov 2026", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := s.items[id]
			objs := o.(*fyne.Container).Objects
			objs[0].(*widget.Label).SetText(r.InstrumentOf().Name + " · " + r.At.Format("Mon 2 Jan 2006"))
			objs[1].(*widget.Label).SetText(scoreText(r))
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(s.items) {
			chosen := chosenFromList(s.win, s.list)
			s.showDetail(s.items[id])
			if chosen {
				revealDetail(s.win, s.split)
			}
		}
	}
	s.empty = &widget.Label{Text: "No questionnaires answered yet. A first score now gives you something to compare with later.", Wrapping: fyne.TextWrapWord}
	// One per line: with the plain names three buttons do not fit side by side.
	s.starts = container.NewVBox()
	s.detail = container.NewVBox()
	left := newBorder(container.NewPadded(container.NewVBox(heading("Questionnaires"), s.starts)), nil, nil, nil,
		container.NewStack(s.list, container.NewPadded(s.empty)))
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(s.detail)))
	split.SetOffset(0.42)
	s.split = split
	s.content = newReflowSplit(split)
	s.reload()
	return s
}

func scoreText(r model.Response) string {
	if b := r.Band(); b != "" {
		return fmt.Sprintf("%d · %s", r.Total(), b)
	}
	return fmt.Sprintf("%d", r.Total())
}

// reload lists the responses and the questionnaires that can be started.
func (s *scoresScreen) reload() {
	items, err := s.st.Responses()
	if err != nil {
		showError(s.win, err)
		return
	}
	s.items = items
	if len(items) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.list.UnselectAll()
	s.list.Refresh()
	settings, _ := s.st.Settings()
	var btns []fyne.CanvasObject
	for _, in := range settings.Enabled() {
		btns = append(btns, &widget.Button{Text: in.Label(), Importance: widget.HighImportance, OnTapped: func() {
			s.nav.StartQuestionnaire(in)
		}})
	}
	s.starts.Objects = btns
	s.starts.Refresh()
	s.detail.Objects = []fyne.CanvasObject{hintText("Choose a score to see its answers.")}
	s.detail.Refresh()
}

func (s *scoresScreen) showDetail(r model.Response) {
	in := r.InstrumentOf()
	objs := []fyne.CanvasObject{resultView(r), widget.NewSeparator()}
	for i, a := range r.Answers {
		objs = append(objs, &widget.Label{Text: fmt.Sprintf("%d. %s", i+1, in.Items[i]), Wrapping: fyne.TextWrapWord},
			&widget.Label{Text: "    " + in.Answers[a], TextStyle: fyne.TextStyle{Italic: true}})
	}
	if r.Extra != nil && in.Extra != nil {
		objs = append(objs, &widget.Label{Text: in.Extra.Text, Wrapping: fyne.TextWrapWord},
			&widget.Label{Text: "    " + in.Extra.Answers[*r.Extra], TextStyle: fyne.TextStyle{Italic: true}})
	}
	del := &widget.Button{Text: "Delete…", Importance: widget.DangerImportance, OnTapped: func() {
		d := dialog.NewConfirm("Delete score", "Delete this "+in.Name+" of "+r.At.Format("2 January 2006")+"? This cannot be undone.", func(yes bool) {
			if !yes {
				return
			}
			if err := s.st.DeleteResponse(r.ID); err != nil {
				showError(s.win, err)
				return
			}
			s.nav.ScoresChanged()
		}, s.win)
		d.SetConfirmText("Delete")
		d.SetDismissText("Keep it")
		d.Show()
	}}
	s.detail.Objects = append(objs, container.NewHBox(del))
	s.detail.Refresh()
}
