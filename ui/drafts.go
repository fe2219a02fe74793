package ui

import (
	"io"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// draftDelay is the longest a change waits before it is kept as a draft: typing never
// postpones it, so closing the window, a crash or a switch loses at most this much.
var draftDelay = time.Second

// drafting keeps what is typed in one form as a draft in the store (model.Draft):
// changed schedules keep to run at most draftDelay later on the window's goroutine,
// flush runs a pending one at once. keep is the screen's: it reads the form and saves
// or discards the draft, saying any failure quietly next to the form, never in a
// dialog (it runs once a second while the person types).
type drafting struct {
	keep func()

	mu    sync.Mutex
	timer *time.Timer
}

// changed schedules a keep unless one is already pending.
func (d *drafting) changed() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		return
	}
	d.timer = time.AfterFunc(draftDelay, func() {
		fyne.Do(func() {
			if d.take() {
				d.keep()
			}
		})
	})
}

// take clears the pending keep, reporting whether there was one.
func (d *drafting) take() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	pending := d.timer != nil
	if pending {
		d.timer.Stop()
		d.timer = nil
	}
	return pending
}

// flush keeps a pending change now: before the form shows another record, before
// locking, before the window closes.
func (d *drafting) flush() {
	if d.take() {
		d.keep()
	}
}

// cancel drops a pending keep (the record was just saved, or the draft discarded).
func (d *drafting) cancel() { d.take() }

// The screens' flushes, by store: the window runs them before it closes or locks
// (flushDrafts), so no draft waits on a timer the store will not serve.
var (
	flushMu  sync.Mutex
	flushers = map[*store.Store]map[int]func(){}
	flushSeq int
)

// onFlush registers fn to run at flushDrafts(st); the returned function unregisters
// it (a dialog that closes).
func onFlush(st *store.Store, fn func()) (unregister func()) {
	flushMu.Lock()
	defer flushMu.Unlock()
	flushSeq++
	id := flushSeq
	if flushers[st] == nil {
		flushers[st] = map[int]func(){}
	}
	flushers[st][id] = fn
	return func() {
		flushMu.Lock()
		defer flushMu.Unlock()
		delete(flushers[st], id)
	}
}

// flushDrafts keeps every pending draft of the screens over st now. It runs on the
// window's goroutine.
func flushDrafts(st *store.Store) {
	flushMu.Lock()
	var fns []func()
	for _, fn := range flushers[st] {
		fns = append(fns, fn)
	}
	flushMu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// draftNote is the line that marks a form holding a draft: what is shown is not
// saved yet, and since when it was kept.
func draftNote(d model.Draft, err error) string {
	switch {
	case err != nil:
		return "Draft, not saved yet. It could not be kept either: " + model.Message(err)
	case d.Saved.IsZero():
		return "Draft, not saved yet."
	}
	return "Draft, not saved yet · kept " + d.Saved.In(time.Local).Format("Mon 2 Jan, 15:04:05")
}

// draftMark is the line that marks a form holding a draft (draftNote), with the draft
// last kept and why keeping it last failed. Each form keeping drafts embeds one.
type draftMark struct {
	kept    model.Draft
	keptErr error
	mark    *widget.Label
	markRow *fyne.Container
}

// newDraftMark is the mark, hidden until drawn.
func newDraftMark() draftMark {
	m := draftMark{mark: &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}}
	m.markRow = container.NewBorder(nil, nil, widget.NewIcon(theme.DocumentCreateIcon()), nil, m.mark)
	m.markRow.Hide()
	return m
}

// drawMark shows the mark while the form holds something unsaved or keeping its
// draft failed, and hides it otherwise; it reports whether it shows.
func (m *draftMark) drawMark(unsaved bool) bool {
	if !unsaved && m.keptErr == nil {
		m.markRow.Hide()
		return false
	}
	m.mark.SetText(draftNote(m.kept, m.keptErr))
	m.markRow.Show()
	return true
}

// showConflict shows a save refused because the record changed elsewhere (see
// model.Conflict): the sentence, both versions side by side as mine and theirs
// describe them, and the choice. The dialog cannot be dismissed without choosing, so
// neither version is lost by a stray click; keepMine and takeTheirs run on the
// window's goroutine.
func showConflict(win fyne.Window, err error, mine, theirs string, keepMine, takeTheirs func()) dialog.Dialog {
	pane := func(title, text string) fyne.CanvasObject {
		scroll := container.NewVScroll(&widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Selectable: true})
		scroll.SetMinSize(fyne.NewSize(300, 220))
		return newBorder(&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}}, nil, nil, nil, scroll)
	}
	body := newBorder(&widget.Label{Text: model.Message(err), Wrapping: fyne.TextWrapWord}, nil, nil, nil,
		container.NewGridWithColumns(2, pane("Yours", mine), pane("The newer one", theirs)))
	var dlg *dialog.CustomDialog
	keep := &widget.Button{Text: "Keep mine", Importance: widget.HighImportance, OnTapped: func() { dlg.Hide(); keepMine() }}
	take := &widget.Button{Text: "Take the newer", OnTapped: func() { dlg.Hide(); takeTheirs() }}
	dlg = dialog.NewCustomWithoutButtons("Changed somewhere else", body, win)
	dlg.SetButtons([]fyne.CanvasObject{take, keep})
	dlg.Resize(fyne.NewSize(760, 420))
	dlg.Show()
	return dlg
}

// discardDraft drops the draft at place once what it kept is saved or thrown away. A
// discard that fails is only logged: the draft is offered again next time, which
// loses nothing.
func discardDraft(st *store.Store, place model.Place) {
	if err := st.DiscardDraft(place); err != nil {
		log.Printf("keel: could not drop the draft %s (it will be offered again): %v", place, err)
	}
}

// closeLogged closes c where nothing more can be done about a failure than to say so.
func closeLogged(c io.Closer, what string) {
	if err := c.Close(); err != nil {
		log.Printf("keel: closing %s: %v", what, err)
	}
}

// keepOrDrop keeps d in the store when keep (the form differs from what it was opened
// on), else drops the draft at its place. It returns the draft now kept and the error
// to show beside the draft mark; a failed save leaves prev as the one kept.
func keepOrDrop(st *store.Store, prev model.Draft, keep bool, d model.Draft) (model.Draft, error) {
	if !keep {
		return model.Draft{}, st.DiscardDraft(d.Place)
	}
	saved, err := st.SaveDraft(d)
	if err != nil {
		return prev, err
	}
	return saved, nil
}
