package ui

import (
	"fmt"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// prepareScreen shows the next planned session and its checklist. Ticking an item
// saves at once; the intention is saved as it is typed, with the narrow
// store.SetIntention, which never writes over the session's other fields. An
// intention that cannot be saved (changed meanwhile in the session form, too long,
// the data locked) is kept as a draft at model.IntentionPlace and shown, marked, on
// return.
type prepareScreen struct {
	st  *store.Store
	win fyne.Window
	nav navigator

	upcoming  []model.Session
	current   model.Session
	checklist model.Checklist
	// from is the intention the typing started from: the stored one when it was
	// shown or last saved. A stored intention that is no longer from was changed
	// elsewhere, and Prepare asks before writing over it.
	from string

	pick      *widget.Select
	when      *widget.Label
	until     *widget.Label
	bar       *widget.ProgressBar
	barText   *widget.Label
	thin      *widget.Label
	intention *textEntry
	saved     *widget.RichText
	items     *fyne.Container
	body      *fyne.Container
	empty     *fyne.Container
	content   fyne.CanvasObject

	mu    sync.Mutex
	timer *time.Timer
}

// intentionDelay is how long typing must pause before the intention is saved.
const intentionDelay = 700 * time.Millisecond

func newPrepareScreen(st *store.Store, win fyne.Window, nav navigator) *prepareScreen {
	p := &prepareScreen{st: st, win: win, nav: nav}
	p.pick = widget.NewSelect(nil, p.onPick)
	p.when = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	p.until = &widget.Label{}
	p.bar, p.barText = quietBar(), &widget.Label{}
	p.thin = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	p.intention = multiline("What do you want to bring to this session? A few words are enough.")
	p.intention.OnChanged = func(string) { p.scheduleIntentionSave() }
	p.saved = hintText("")
	p.items = container.NewVBox()
	edit := &widget.Button{Text: "Edit checklists…", Icon: theme.DocumentCreateIcon(), OnTapped: func() { showTemplateEditor(st, win, p.current.Route) }}
	header := newBorder(nil, nil, nil, edit, heading("Prepare"))
	p.body = container.NewVBox(
		p.pick,
		p.when,
		p.until,
		newBorder(nil, nil, p.barText, nil, p.bar),
		p.thin,
		widget.NewSeparator(),
		&widget.Label{Text: "Your intention", TextStyle: fyne.TextStyle{Bold: true}},
		p.intention,
		p.saved,
		widget.NewSeparator(),
		&widget.Label{Text: "Checklist", TextStyle: fyne.TextStyle{Bold: true}},
		p.items,
	)
	plan := &widget.Button{Text: "Plan a session", Icon: theme.CalendarIcon(), Importance: widget.HighImportance, OnTapped: func() {
		nav.NewSession(true)
	}}
	p.empty = container.NewVBox(
		&widget.Label{Text: "No session is planned yet. Plan your next one and Keel will give it a checklist for the route: fasting, a ride home, a sitter for home doses, your intention, and the days after.", Wrapping: fyne.TextWrapWord},
		container.NewHBox(plan))
	p.content = newBorder(container.NewPadded(header), nil, nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(p.body, p.empty))))
	p.reload(0)
	onFlush(st, p.flushIntention)
	return p
}

// reload reads the upcoming planned sessions and shows the one with ID want, or the
// soonest.
func (p *prepareScreen) reload(want uint64) {
	p.flushIntention()
	now := p.st.Now()
	all, err := p.st.SessionsBetween(now.Add(-12*time.Hour), time.Time{})
	if err != nil {
		showError(p.win, err)
		return
	}
	p.upcoming = p.upcoming[:0]
	var names []string
	for _, s := range all {
		if !s.Done() {
			p.upcoming = append(p.upcoming, s)
			names = append(names, s.At.Format("Mon 2 Jan, 15:04")+" · "+s.Route.Label())
		}
	}
	if len(p.upcoming) == 0 {
		p.body.Hide()
		p.empty.Show()
		return
	}
	p.empty.Hide()
	p.body.Show()
	p.pick.SetOptions(names)
	if len(names) < 2 {
		p.pick.Hide()
	} else {
		p.pick.Show()
	}
	idx := 0
	for i, s := range p.upcoming {
		if s.ID == want {
			idx = i
		}
	}
	p.pick.SetSelectedIndex(idx) // calls onPick
}

// selectSession shows the planned session with the given ID.
func (p *prepareScreen) selectSession(id uint64) { p.reload(id) }

func (p *prepareScreen) onPick(string) {
	i := p.pick.SelectedIndex()
	if i < 0 || i >= len(p.upcoming) {
		return
	}
	p.flushIntention()
	p.current = p.upcoming[i]
	c, ok, err := p.st.Checklist(p.current.ID)
	if err != nil {
		showError(p.win, err)
		return
	}
	if !ok {
		// A planned session always gets a checklist when saved; one from an older
		// Keel gets it now.
		if p.current, err = p.st.SaveSession(p.current); err != nil {
			showError(p.win, err)
			return
		}
		c, _, _ = p.st.Checklist(p.current.ID)
	}
	p.checklist = c
	s := p.current
	p.when.SetText(s.At.Format("Monday 2 January, 15:04") + " · " + s.Route.Label() + withPrefix(" · ", s.Provider))
	p.from = s.Intention
	text, hint := s.Intention, ""
	if d, ok, err := p.st.Draft(model.IntentionPlace(s.ID)); err == nil && ok && d.Get(model.FieldIntention) != s.Intention {
		// Typed here and not saved: back in the field, and saved again as if typed now.
		text, p.from = d.Get(model.FieldIntention), d.Get(intentionFrom)
		hint = "Draft, not saved yet: kept " + d.Saved.In(time.Local).Format("Mon 2 Jan, 15:04") + "."
	}
	p.intention.OnChanged = nil
	p.intention.SetText(text)
	p.intention.OnChanged = func(string) { p.scheduleIntentionSave() }
	setHint(p.saved, hint)
	p.drawItems()
	if text != s.Intention {
		p.scheduleIntentionSave()
	}
}

// intentionFrom is the draft field holding the intention the typing started from.
const intentionFrom = "from"

func withPrefix(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// drawItems draws the checklist and the progress from p.checklist and p.current.
func (p *prepareScreen) drawItems() {
	var objs []fyne.CanvasObject
	for i, it := range p.checklist.Items {
		if it.Kind == model.ItemIntention {
			mark := "○"
			if it.Done(p.current) {
				mark = "✓"
			}
			objs = append(objs, &widget.Label{Text: mark + "  " + it.Text + " (above)", Wrapping: fyne.TextWrapWord})
			continue
		}
		c := widget.NewCheck(it.Text, nil)
		c.SetChecked(it.DoneAt != nil)
		c.OnChanged = func(done bool) { p.onTick(i, done) }
		objs = append(objs, c)
	}
	p.items.Objects = objs
	p.items.Refresh()
	p.drawProgress()
}

func (p *prepareScreen) drawProgress() {
	now := p.st.Now()
	prep := p.checklist.Score(p.current)
	p.bar.SetValue(prep.Fraction())
	p.barText.SetText(prep.String() + " done")
	if p.current.At.After(now) {
		p.until.SetText("The session is " + untilText(now, p.current.At) + ".")
	} else {
		p.until.SetText("The session's time has come. Good luck; be gentle with yourself afterwards.")
	}
	if model.ThinPreparation(now, p.current, prep) {
		p.thin.SetText(fmt.Sprintf("The session is close and %s items are done. Even one or two more can help you arrive calmer: a ride home, a quiet evening, a few words of intention.", prep))
		p.thin.Show()
	} else {
		p.thin.Hide()
	}
}

// onTick saves a tick at once.
func (p *prepareScreen) onTick(i int, done bool) {
	c, err := p.st.SetItemDone(p.current.ID, i, done)
	if err != nil {
		showError(p.win, err)
		p.drawItems()
		return
	}
	p.checklist = c
	p.drawProgress()
}

// scheduleIntentionSave saves the intention once typing pauses.
func (p *prepareScreen) scheduleIntentionSave() {
	setHint(p.saved, "Saving…")
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer.Stop()
	}
	p.timer = time.AfterFunc(intentionDelay, func() { fyne.Do(p.saveIntention) })
}

// flushIntention saves a pending intention now, before the screen shows another session.
func (p *prepareScreen) flushIntention() {
	p.mu.Lock()
	pending := p.timer != nil && p.timer.Stop()
	p.timer = nil
	p.mu.Unlock()
	if pending {
		p.saveIntention()
	}
}

// saveIntention stores the intention with the session (the intention item of the
// checklist follows it), or keeps it as a draft when it cannot be saved.
func (p *prepareScreen) saveIntention() {
	if p.current.ID == 0 {
		return
	}
	text := p.intention.Text
	place := model.IntentionPlace(p.current.ID)
	if text == p.current.Intention && text == p.from {
		discardDraft(p.st, place)
		setHint(p.saved, "")
		return
	}
	saved, err := p.st.SetIntention(p.current.ID, text, p.from)
	if err != nil {
		p.keepIntention(place, text)
		if c, ok := model.ConflictOf(err); ok && !c.Deleted() {
			p.askIntention(err, text, *c.Theirs.(*model.Session))
			return
		}
		setHint(p.saved, "Not saved: "+model.Message(err)+" Kept as a draft.")
		return
	}
	discardDraft(p.st, place)
	p.showSaved(saved)
	setHint(p.saved, "Saved with the session.")
}

// showSaved takes saved as the session shown.
func (p *prepareScreen) showSaved(saved model.Session) {
	p.current, p.from = saved, saved.Intention
	for i := range p.upcoming {
		if p.upcoming[i].ID == saved.ID {
			p.upcoming[i] = saved
		}
	}
	p.drawItems()
}

// keepIntention keeps text as the intention's draft, with the intention it was typed
// over, so a failed save loses nothing.
func (p *prepareScreen) keepIntention(place model.Place, text string) {
	if _, err := p.st.SaveDraft(model.Draft{Place: place, Base: p.current.Updated,
		Fields: map[string]string{model.FieldIntention: text, intentionFrom: p.from}}); err != nil {
		log.Printf("keel: could not keep the intention as a draft (it stays in the box): %v", err)
	}
}

// askIntention shows an intention changed elsewhere (the session form) while it was
// typed here, and lets the person keep theirs or take the newer one.
func (p *prepareScreen) askIntention(err error, mine string, theirs model.Session) {
	setHint(p.saved, "Not saved yet: the intention was changed somewhere else. Kept as a draft.")
	showConflict(p.win, err, mine, theirs.Intention,
		func() {
			p.from = theirs.Intention
			p.current = theirs
			p.saveIntention()
		},
		func() {
			discardDraft(p.st, model.IntentionPlace(theirs.ID))
			p.intention.OnChanged = nil
			p.intention.SetText(theirs.Intention)
			p.intention.OnChanged = func(string) { p.scheduleIntentionSave() }
			p.showSaved(theirs)
			setHint(p.saved, "")
		})
}
