package ui

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

const noPrompt, noSession = "No prompt", "Not tied to a session"

// journalScreen lists journal entries, newest first, searchable by text, beside the
// editor of the selected or new entry. What is typed is kept as a draft (model.Draft,
// at model.JournalPlace) about once a second, and at once when another entry is
// opened, the window locks or closes: on return the draft is back in the editor,
// marked as a draft, until it is saved or discarded.
type journalScreen struct {
	// split holds the list and the editor beside or below it.
	split *container.Split
	st    *store.Store
	win   fyne.Window
	nav   navigator

	items    []model.JournalEntry
	sessions []model.Session // recent sessions an entry can be tied to
	// record is the entry the editor opened as stored (a new one: its session and
	// prompt); editing is the copy the save carries, whose version is the one the
	// shown text was typed over (a restored draft's base).
	record, editing model.JournalEntry
	// drafts are the entries with a draft kept, by ID (0: the new entry).
	drafts map[uint64]bool
	draft  drafting
	// kept is the draft last kept for the editor (zero when none), keptErr why the
	// last keep failed; loading is set while the editor is filled, so filling it is
	// not typing.
	loading bool

	search  *textEntry
	list    *widget.List
	empty   *widget.Label
	title   *widget.Label
	prompt  *widget.Select
	session *widget.Select
	text    *textEntry
	draftMark
	msg     *widget.Label
	save    *widget.Button
	delete  *widget.Button
	discard *widget.Button
	newBtn  *widget.Button
	content fyne.CanvasObject
}

func newJournalScreen(st *store.Store, win fyne.Window, nav navigator) *journalScreen {
	j := &journalScreen{st: st, win: win, nav: nav, drafts: map[uint64]bool{}}
	j.draft.keep = j.keepDraft
	j.search = newEntry()
	j.search.SetPlaceHolder("Search the journal")
	j.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	j.search.OnChanged = func(string) { j.reload() }
	j.list = widget.NewList(func() int { return len(j.items) }, newJournalRow, j.updateRow)
	j.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(j.items) && j.items[id].ID != j.record.ID {
			chosen := chosenFromList(j.win, j.list)
			j.edit(j.items[id])
			if chosen {
				revealDetail(j.win, j.split)
			}
		}
	}
	j.empty = &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
	j.newBtn = &widget.Button{Text: "New entry", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: func() { j.newEntry(0, "") }}
	left := newBorder(
		container.NewPadded(container.NewVBox(newBorder(nil, nil, nil, j.newBtn, heading("Journal")), j.search)),
		nil, nil, nil,
		container.NewStack(j.list, container.NewPadded(j.empty)))

	j.title = heading("New entry")
	j.prompt = widget.NewSelect(append([]string{noPrompt}, model.IntegrationPrompts...), func(string) { j.onTyped() })
	j.session = widget.NewSelect(nil, func(string) { j.onTyped() })
	j.text = multiline("Write freely. Nobody reads this but you.")
	j.text.SetMinRowsVisible(12)
	j.text.OnChanged = func(string) { j.onTyped() }
	j.draftMark = newDraftMark()
	j.msg = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	j.save = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: j.onSave}
	j.delete = &widget.Button{Text: "Delete…", Importance: widget.DangerImportance, OnTapped: j.onDelete}
	j.discard = &widget.Button{Text: "Discard draft…", OnTapped: j.onDiscard}
	j.discard.Hide()
	form := container.NewVBox(
		j.markRow,
		formGrid(newFieldRow("Prompt", j.prompt, ""), newFieldRow("About", j.session, "")),
		j.text,
		j.msg,
	)
	right := newBorder(container.NewPadded(j.title),
		container.NewPadded(newBorder(nil, nil, j.delete, container.NewHBox(j.discard, j.save))), nil, nil,
		container.NewVScroll(container.NewPadded(form)))
	split := container.NewHSplit(left, right)
	split.SetOffset(0.38)
	j.split = split
	j.content = newReflowSplit(split)
	j.reload()
	j.newEntry(0, "")
	onFlush(st, j.draft.flush)
	return j
}

func newJournalRow() fyne.CanvasObject {
	return container.NewVBox(
		widget.NewLabelWithStyle("Wed 25 Nov 2026, 21:30", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		&widget.Label{Text: "First line", Truncation: fyne.TextTruncateEllipsis},
	)
}

func (j *journalScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	e := j.items[id]
	rows := o.(*fyne.Container).Objects
	head := e.At.Format("Mon 2 Jan 2006, 15:04")
	if j.drafts[e.ID] {
		head = "Draft · " + head // first, where the row's end may be cut off
	}
	if e.Prompt != "" {
		head += " · " + e.Prompt
	}
	rows[0].(*widget.Label).SetText(head)
	first, _, _ := strings.Cut(strings.TrimSpace(e.Text), "\n")
	rows[1].(*widget.Label).SetText(first)
}

// reload lists the entries matching the search, newest first, and which have drafts.
func (j *journalScreen) reload() {
	items, err := j.st.Journal(j.search.Text)
	if err != nil {
		showError(j.win, err)
		return
	}
	j.items = items
	j.loadDrafts()
	switch {
	case len(items) > 0:
		j.empty.Hide()
	case j.search.Text != "":
		j.empty.SetText("No entry contains “" + j.search.Text + "”.")
		j.empty.Show()
	default:
		j.empty.SetText("No entries yet. Writing a few lines in the days after a session helps you keep what opened up.")
		j.empty.Show()
	}
	j.list.UnselectAll()
	j.list.Refresh()
}

// loadDrafts reads which entries have a draft kept. A failure only leaves the marks
// out: the drafts themselves are read when their entry is opened.
func (j *journalScreen) loadDrafts() {
	list, err := j.st.Drafts(model.PlaceJournal + "/")
	if err != nil {
		return
	}
	clear(j.drafts)
	for _, d := range list {
		j.drafts[d.Place.ID()] = true
	}
	j.drawNewButton()
}

// drawNewButton says when "New entry" leads back to a draft.
func (j *journalScreen) drawNewButton() {
	text := "New entry"
	if j.drafts[0] && j.record.ID != 0 {
		text = "Continue the new entry"
	}
	if j.newBtn.Text != text {
		j.newBtn.SetText(text)
	}
}

// loadSessions offers the sessions of the last 60 days (and the entry's own) to tie
// an entry to, newest first: the one just had is the likeliest.
func (j *journalScreen) loadSessions(keep uint64) {
	now := j.st.Now()
	recent, _ := j.st.SessionsBetween(now.AddDate(0, 0, -60), now.Add(24*time.Hour))
	slices.Reverse(recent)
	j.sessions = append(j.sessions[:0], recent...)
	if keep != 0 {
		if s, err := j.st.Session(keep); err == nil && s.At.Before(now.AddDate(0, 0, -60)) {
			j.sessions = append(j.sessions, s) // older than all the recent ones
		}
	}
	names := []string{noSession}
	for _, s := range j.sessions {
		names = append(names, sessionName(s))
	}
	j.session.SetOptions(names)
}

func sessionName(s model.Session) string {
	return "Session of " + s.At.Format("Mon 2 Jan 2006, 15:04") + " (" + s.Route.Label() + ")"
}

// newEntry starts a new entry, tied to sessionID (0 for none) with prompt ("" for
// none). A new entry's draft comes back with its text; a session or prompt asked for
// here replaces the draft's.
func (j *journalScreen) newEntry(sessionID uint64, prompt string) {
	j.list.UnselectAll()
	j.edit(model.JournalEntry{SessionID: sessionID, Prompt: prompt})
	if j.kept.Place != "" && (sessionID != 0 || prompt != "") {
		j.selectPrompt(prompt)
		j.selectSession(sessionID)
	}
	j.win.Canvas().Focus(j.text)
}

// edit opens e in the editor, keeping what was being typed first.
func (j *journalScreen) edit(e model.JournalEntry) {
	j.draft.flush()
	j.open(e)
}

// open fills the editor from e, or from its draft when one is kept.
func (j *journalScreen) open(e model.JournalEntry) {
	j.loading = true
	defer func() { j.loading = false }()
	j.record, j.editing = e, e
	j.kept, j.keptErr = model.Draft{}, nil
	fields := journalFields(e)
	if d, ok, err := j.st.Draft(model.JournalPlace(e.ID)); err != nil {
		j.keptErr = err
	} else if ok && maps.Equal(d.Fields, fields) {
		discardDraft(j.st, d.Place) // saved since (a crash between the save and the discard)
		delete(j.drafts, e.ID)
	} else if ok {
		j.kept, fields = d, d.Fields
		if e.ID != 0 && !d.Base.IsZero() {
			j.editing.Updated = d.Base // the save asks if the entry changed under the draft
		}
	}
	sessionID, _ := strconv.ParseUint(fields[model.FieldSession], 10, 64)
	j.loadSessions(sessionID)
	if e.ID == 0 {
		j.title.SetText("New entry")
		j.delete.Hide()
	} else {
		j.title.SetText(e.At.Format("Monday 2 January 2006, 15:04"))
		j.delete.Show()
	}
	j.selectPrompt(fields[model.FieldPrompt])
	j.selectSession(sessionID)
	j.text.SetText(fields[model.FieldText])
	j.msg.SetText("")
	j.drawNote()
	j.drawNewButton()
}

func (j *journalScreen) selectPrompt(prompt string) {
	j.prompt.SetSelected(noPrompt)
	if prompt != "" {
		j.prompt.SetSelected(prompt)
	}
}

func (j *journalScreen) selectSession(id uint64) {
	j.session.SetSelectedIndex(0)
	for i, s := range j.sessions {
		if s.ID == id {
			j.session.SetSelectedIndex(i + 1)
		}
	}
}

// journalFields are an entry's fields as the editor holds them.
func journalFields(e model.JournalEntry) map[string]string {
	return map[string]string{model.FieldText: e.Text, model.FieldPrompt: e.Prompt, model.FieldSession: strconv.FormatUint(e.SessionID, 10)}
}

// formFields are the editor's fields as typed.
func (j *journalScreen) formFields() map[string]string {
	e := j.fromForm()
	return journalFields(e)
}

// fromForm is the entry being edited with the editor's text and choices.
func (j *journalScreen) fromForm() model.JournalEntry {
	e := j.editing
	e.Text = j.text.Text
	e.Prompt = ""
	if j.prompt.Selected != noPrompt {
		e.Prompt = j.prompt.Selected
	}
	e.SessionID = 0
	if i := j.session.SelectedIndex(); i > 0 && i <= len(j.sessions) {
		e.SessionID = j.sessions[i-1].ID
	}
	return e
}

// unsaved reports whether the editor holds something the stored entry does not: for
// a new entry, any text at all.
func (j *journalScreen) unsaved() bool {
	fields := j.formFields()
	if j.record.ID == 0 {
		return strings.TrimSpace(fields[model.FieldText]) != ""
	}
	return !maps.Equal(fields, journalFields(j.record)) || j.kept.Place != ""
}

// onTyped runs at each change in the editor: the change is kept within a second.
func (j *journalScreen) onTyped() {
	if j.loading {
		return
	}
	j.draft.changed()
	j.drawNote()
}

// keepDraft keeps the editor's text as the draft of its entry, or drops the draft
// when there is nothing unsaved. A failure is said next to the draft mark.
func (j *journalScreen) keepDraft() {
	place := model.JournalPlace(j.record.ID)
	fields := j.formFields()
	var err error
	if j.record.ID == 0 && strings.TrimSpace(fields[model.FieldText]) == "" || j.record.ID != 0 && maps.Equal(fields, journalFields(j.record)) {
		err = j.st.DiscardDraft(place)
		j.kept = model.Draft{}
		delete(j.drafts, j.record.ID)
	} else {
		var d model.Draft
		d, err = j.st.SaveDraft(model.Draft{Place: place, Fields: fields, Base: j.editing.Updated})
		if err == nil {
			j.kept = d
			j.drafts[j.record.ID] = true
		}
	}
	j.keptErr = err
	j.drawNote()
	j.drawNewButton()
	j.list.Refresh()
}

// drawNote shows the draft mark while the editor holds something not saved.
func (j *journalScreen) drawNote() {
	if j.drawMark(j.unsaved()) {
		j.discard.Show()
	} else {
		j.discard.Hide()
	}
}

func (j *journalScreen) onSave() {
	j.draft.cancel()
	j.saveEntry(j.fromForm(), model.JournalPlace(j.record.ID))
}

// saveEntry saves e, typed at place; on success the draft goes and the list shows
// the entry. Until then what was typed stays kept as a draft.
func (j *journalScreen) saveEntry(e model.JournalEntry, place model.Place) {
	if e.ID == 0 {
		e.At = j.st.Now().Truncate(time.Minute)
	}
	saved, err := j.st.SaveJournal(e)
	var v *model.ValidationError
	switch {
	case errors.As(err, &v):
		j.msg.SetText(v.Error())
		j.keepDraft()
		return
	case model.ErrorCode(err) == model.EConflict:
		j.keepDraft()
		j.resolve(err, e, place)
		return
	case err != nil:
		j.keepDraft()
		showError(j.win, err)
		return
	}
	discardDraft(j.st, place)
	delete(j.drafts, e.ID)
	j.search.SetText("")
	j.reload()
	j.open(saved)
	for i, it := range j.items {
		if it.ID == saved.ID {
			j.list.Select(i)
		}
	}
}

// resolve asks what to do with an entry whose save was refused because it changed or
// was deleted after the editing began. The draft stays kept until the choice.
func (j *journalScreen) resolve(err error, mine model.JournalEntry, place model.Place) {
	c, _ := model.ConflictOf(err)
	if c.Deleted() {
		d := dialog.NewConfirm("Entry deleted", model.Message(err), func(keep bool) {
			if !keep {
				discardDraft(j.st, place)
				delete(j.drafts, mine.ID)
				j.reload()
				j.open(model.JournalEntry{})
				return
			}
			fresh := mine
			fresh.ID, fresh.Created, fresh.Updated = 0, time.Time{}, time.Time{}
			j.saveEntry(fresh, place)
		}, j.win)
		d.SetConfirmText("Save as a new entry")
		d.SetDismissText("Let it go")
		d.Show()
		return
	}
	theirs := *c.Theirs.(*model.JournalEntry)
	showConflict(j.win, err, mine.Text, theirs.Text,
		func() { j.saveEntry(model.Rebase(mine, theirs), place) },
		func() {
			discardDraft(j.st, place)
			delete(j.drafts, mine.ID)
			j.reload()
			j.open(theirs)
		})
}

// onDiscard throws the draft away, after asking when it holds anything, and shows the
// entry as stored.
func (j *journalScreen) onDiscard() {
	discard := func() {
		j.draft.cancel()
		if err := j.st.DiscardDraft(model.JournalPlace(j.record.ID)); err != nil {
			showError(j.win, err)
			return
		}
		delete(j.drafts, j.record.ID)
		j.list.Refresh()
		j.open(j.record)
	}
	if !j.unsaved() {
		discard()
		return
	}
	what := "the new entry you were writing"
	if j.record.ID != 0 {
		what = "your changes to the entry of " + j.record.At.Format("Monday 2 January")
	}
	d := dialog.NewConfirm("Discard draft", "Discard "+what+"? The words will be gone.", func(yes bool) {
		if yes {
			discard()
		}
	}, j.win)
	d.SetConfirmText("Discard")
	d.SetDismissText("Keep writing")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (j *journalScreen) onDelete() {
	e := j.record
	d := dialog.NewConfirm("Delete entry", "Delete the entry of "+e.At.Format("Monday 2 January 2006")+"? This cannot be undone.", func(yes bool) {
		if !yes {
			return
		}
		j.draft.cancel()
		if err := j.st.DeleteJournal(e.ID); err != nil {
			showError(j.win, err)
			return
		}
		j.reload()
		j.newEntry(0, "")
	}, j.win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Keep it")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}
