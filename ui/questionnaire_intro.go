package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// questionnaireIntro is what a questionnaire says and asks before its first item:
// the published instruction in the wording the settings choose (the PCL-5's
// past-week version when it is due more often than monthly: Settings.WordingFor),
// the event the items refer to when the instrument asks for one, and where the
// questionnaire is taken (in Keel, or entered from a clinic form: paper and app
// scores are not interchangeable, docs/clinical.md).
type questionnaireIntro struct {
	wording model.Wording
	box     *fyne.Container
	event   *textEntry
	source  *widget.RadioGroup
}

func newQuestionnaireIntro(st *store.Store, in *model.Instrument) *questionnaireIntro {
	settings, err := st.Settings()
	if err != nil {
		settings = model.DefaultSettings()
	}
	q := &questionnaireIntro{wording: settings.WordingFor(in), box: container.NewVBox()}
	if q.wording.Instruction != "" {
		q.box.Add(&widget.Label{Text: q.wording.Instruction, Wrapping: fyne.TextWrapWord})
	}
	if q.wording.EventPrompt != "" {
		q.event = newEntry()
		q.event.SetPlaceHolder("Optional: a few words, kept with this questionnaire")
		q.box.Add(&widget.Label{Text: q.wording.EventPrompt, Wrapping: fyne.TextWrapWord})
		q.box.Add(q.event)
	}
	labels := make([]string, len(model.ResponseSources))
	for i, s := range model.ResponseSources {
		labels[i] = s.Label()
	}
	q.source = widget.NewRadioGroup(labels, nil)
	q.source.Horizontal = true
	q.source.Required = true
	q.source.SetSelected(model.SourceKeel.Label())
	q.box.Add(q.source)
	return q
}

// show shows the intro before the first item and hides it after, so each item
// has the room.
func (q *questionnaireIntro) show(first bool) {
	if first {
		q.box.Show()
	} else {
		q.box.Hide()
	}
}

// fill puts the intro's answers into r: the source, the event and the wording asked.
func (q *questionnaireIntro) fill(r *model.Response) {
	r.Source = model.SourceKeel
	for _, s := range model.ResponseSources {
		if s.Label() == q.source.Selected {
			r.Source = s
		}
	}
	if q.event != nil {
		r.Event = strings.TrimSpace(q.event.Text)
	}
	r.PastWeek = q.wording.PastWeek
}
