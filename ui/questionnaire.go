package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// questionnaire runs one instrument, one question at a time, in a dialog: the
// published stem and item, one button per answer (the digit keys pick too, by the published values 0-3 or 0-4;
// Backspace goes back). PHQ-9 item 9 above 0 shows the crisis card at once.
type questionnaire struct {
	st      *store.Store
	win     fyne.Window
	nav     navigator
	inst    *model.Instrument
	answers []int
	extra   *int
	step    int // 0..len(items)-1, then len(items) for the extra question, then done
	onDone  func(model.Response)

	dlg      *dialog.CustomDialog
	progress *widget.RichText
	stem     *widget.Label
	item     *widget.Label
	buttons  []*widget.Button
	choices  *fyne.Container
	back     *widget.Button
	keys     *keyCatcher
	intro    *questionnaireIntro
	frame    *fyne.Container
	body     *container.Scroll
	count    *widget.Label
	when     *fyne.Container
	// date is the day the questionnaire was answered: today, or an earlier day for
	// one answered elsewhere (with the clinic, before using Keel).
	date *dateInput
}

// startQuestionnaire opens inst's questionnaire; onDone gets the saved response.
func startQuestionnaire(st *store.Store, win fyne.Window, nav navigator, inst *model.Instrument, onDone func(model.Response)) *questionnaire {
	q := &questionnaire{st: st, win: win, nav: nav, inst: inst, answers: make([]int, len(inst.Items)), onDone: onDone}
	for i := range q.answers {
		q.answers[i] = -1
	}
	q.progress = hintText("")
	q.intro = newQuestionnaireIntro(st, inst)
	q.stem = &widget.Label{Text: q.intro.wording.Stem, Wrapping: fyne.TextWrapWord}
	q.item = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	q.choices = container.NewVBox()
	q.back = &widget.Button{Text: "Back", OnTapped: q.onBack}
	q.keys = newKeyCatcher(q.onKey)
	q.date = newDateInput(win)
	q.date.setDate(st.Now())
	// The date is asked on the first question only, under its answers. The question
	// and its answers scroll (they never need to at 1024x700 or 1280x800, only in a
	// smaller window or at a larger scale), so nothing ever lies over the question.
	// Back sits at the far end of the row from "Stop without saving".
	q.when = container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, &widget.Label{Text: "Answered on"}, nil, q.date.object()),
		hintText("Change the date to enter one you answered earlier, for example with your clinic before your first session."))
	q.body = container.NewVScroll(container.NewVBox(q.progress, q.intro.box, q.stem, q.item, q.choices, q.intro.asked, q.when))
	q.frame = container.NewStack(container.NewBorder(nil, q.keys, nil, nil, q.body))
	q.dlg = dialog.NewCustomWithoutButtons(inst.Title, q.frame, win)
	cancel := &widget.Button{Text: "Stop without saving", OnTapped: q.dlg.Hide}
	q.count = &widget.Label{Alignment: fyne.TextAlignCenter}
	q.dlg.SetButtons([]fyne.CanvasObject{q.back, q.count, cancel})
	q.dlg.Resize(dialogSize(win, fyne.NewSize(680, 640)))
	q.show()
	q.dlg.Show()
	win.Canvas().Focus(q.keys)
	return q
}

// show draws the current step.
func (q *questionnaire) show() {
	n := len(q.inst.Items)
	var options []model.Choice
	var chosen int
	q.intro.show(q.step == 0)
	switch {
	case q.step < n:
		options, chosen = q.inst.Choices(), q.answers[q.step]
		q.count.SetText(fmt.Sprintf("Question %d of %d", q.step+1, n))
		setHint(q.progress, fmt.Sprintf("Keys 0-%d choose an answer, Backspace goes back.", len(options)-1))
		q.stem.Show()
		q.item.SetText(q.inst.Items[q.step])
		if q.step == 0 {
			q.when.Show()
			q.progress.Show()
			if q.short() && len(q.intro.box.Objects) > 0 {
				// A short window (a large scale): the instruction above says what the
				// stem and the key hint would, so the first question keeps its room.
				q.stem.Hide()
				q.progress.Hide()
			}
		} else {
			q.when.Hide()
			q.progress.Hide()
		}
	default:
		q.count.SetText("One last question")
		setHint(q.progress, "It does not change the score.")
		q.progress.Show()
		q.stem.Hide()
		q.when.Hide()
		q.item.SetText(q.inst.Extra.Text)
		options, chosen = q.inst.Extra.Choices(), -1
		if q.extra != nil {
			chosen = *q.extra
		}
	}
	q.buttons = q.buttons[:0]
	objs := make([]fyne.CanvasObject, len(options))
	for i, c := range options {
		b := &widget.Button{Text: c.Text(), Alignment: widget.ButtonAlignLeading, OnTapped: func() { q.choose(c.Value) }}
		if c.Value == chosen {
			b.Importance = widget.HighImportance
		}
		q.buttons = append(q.buttons, b)
		objs[i] = b
	}
	q.choices.Objects = objs
	// In a very short window (a large scale on a 768-pixel screen) the question is
	// set at the body size, still bold, so that the longest ones keep their answers
	// in view.
	q.item.SizeName = theme.SizeNameSubHeadingText
	if q.veryShort() {
		q.item.SizeName = theme.SizeNameText
	}
	q.item.Refresh()
	// In a short window (a large scale) the answers go two by two, so that the
	// question and all its answers still show without scrolling.
	// Five short answers (the PCL-5's) go three by three.
	q.choices.Layout = layout.NewVBoxLayout()
	switch {
	case q.short() && len(options) > 4:
		q.choices.Layout = layout.NewGridLayoutWithColumns(3)
	case q.short():
		q.choices.Layout = layout.NewGridLayoutWithColumns(2)
	}
	q.body.Content.Refresh()
	q.body.ScrollToTop()
	if q.step == 0 {
		q.back.Disable()
	} else {
		q.back.Enable()
	}
}

// choose records answer a for the current step and moves on. Answering PHQ-9 item 9
// above 0 shows the crisis card straight away, on top of the questionnaire.
func (q *questionnaire) choose(a int) {
	n := len(q.inst.Items)
	if q.step < n {
		q.answers[q.step] = a
		if q.step == q.inst.CrisisItem && model.NeedsCrisisCard(q.inst, q.answers) {
			q.nav.ShowCrisisForAnswer()
		}
	} else {
		q.extra = &a
	}
	q.step++
	if q.step == n && q.inst.Extra != nil {
		q.show()
		return
	}
	if q.step >= n {
		q.finish()
		return
	}
	q.show()
}

func (q *questionnaire) onBack() {
	if q.step > 0 {
		q.step--
		q.show()
	}
}

func (q *questionnaire) onKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyBackspace {
		q.onBack()
		return
	}
	choose := q.inst.ValueForKey
	if q.step >= len(q.inst.Items) && q.inst.Extra != nil {
		choose = q.inst.Extra.ValueForKey
	}
	if v, ok := choose(string(e.Name)); ok {
		q.choose(v)
	}
}

// finish saves the response and shows its total, band and date.
func (q *questionnaire) finish() {
	at, dayOnly := q.answeredAt()
	r := model.Response{Instrument: q.inst.ID, At: at, DayOnly: dayOnly, Answers: q.answers, Extra: q.extra}
	q.intro.fill(&r)
	saved, err := q.st.SaveResponse(r)
	if err != nil {
		showError(q.win, err)
		q.step = len(q.inst.Items) - 1
		q.show()
		return
	}
	q.frame.Objects = []fyne.CanvasObject{resultView(saved)}
	q.frame.Refresh()
	done := &widget.Button{Text: "Done", Importance: widget.HighImportance, OnTapped: q.dlg.Hide}
	q.dlg.SetButtons([]fyne.CanvasObject{done})
	if q.onDone != nil {
		q.onDone(saved)
	}
}

// answeredAt is now for today's date, or an earlier day chosen, dated to the day
// only (model.DayOnlyAt); an unreadable or future date counts as today.
func (q *questionnaire) answeredAt() (time.Time, bool) {
	now := q.st.Now().Truncate(time.Minute)
	d, err := model.ParseDate(q.date.text(), now.Location())
	if err != nil {
		return now, false
	}
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, now.Location())
	if model.CalendarDays(day, now) <= 0 {
		return now, false
	}
	return model.DayOnlyAt(day), true
}

// resultView shows a response's total, band and date, with what the number means.
func resultView(r model.Response) fyne.CanvasObject {
	in := r.InstrumentOf()
	total := &widget.Label{Text: fmt.Sprintf("%d of %d", r.Total(), in.MaxTotal()), SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	meaning := in.Note
	if b := r.Band(); b != "" {
		meaning = fmt.Sprintf("In the %s range (%s).", b, bandRanges(in))
	}
	v := container.NewVBox(
		&widget.Label{Text: in.Name + " · " + r.At.Format("Monday 2 January 2006, 15:04")},
		total,
		&widget.Label{Text: meaning, Wrapping: fyne.TextWrapWord},
	)
	if model.NeedsCrisisCard(in, r.Answers) {
		v.Add(&widget.Label{Text: "You answered question 9 above “Not at all”. The crisis card stays one click away under “Need help now?”, and it is worth telling your care team.", Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	v.Add(hintText("A score is not a diagnosis. Compare it only with your own earlier scores, and bring it to your care team."))
	return v
}

// bandRanges lists an instrument's bands: "0-4 minimal, 5-9 mild, ...".
func bandRanges(in *model.Instrument) string {
	s := ""
	for i, b := range in.Bands {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%d-%d %s", b.Min, b.Max, b.Name)
	}
	return s
}

// short tells whether the window is too short for a question's answers one under
// another (a large scale, a small screen).
func (q *questionnaire) short() bool { return q.win.Canvas().Size().Height < 560 }

// veryShort tells whether the window is too short even for the answers two by two
// under a question in large type: 1024x768 or 1366x768 at scale 2.
func (q *questionnaire) veryShort() bool { return q.win.Canvas().Size().Height < 372 }
