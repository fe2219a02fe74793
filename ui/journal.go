package ui

import (
	"errors"
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
// editor of the selected or new entry.
type journalScreen struct {
	st  *store.Store
	win fyne.Window
	nav navigator

	items    []model.JournalEntry
	sessions []model.Session // recent sessions an entry can be tied to
	editing  model.JournalEntry

	search  *widget.Entry
	list    *widget.List
	empty   *widget.Label
	title   *widget.Label
	prompt  *widget.Select
	session *widget.Select
	text    *widget.Entry
	msg     *widget.Label
	save    *widget.Button
	delete  *widget.Button
	newBtn  *widget.Button
	content fyne.CanvasObject
}

func newJournalScreen(st *store.Store, win fyne.Window, nav navigator) *journalScreen {
	j := &journalScreen{st: st, win: win, nav: nav}
	j.search = widget.NewEntry()
	j.search.SetPlaceHolder("Search the journal")
	j.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	j.search.OnChanged = func(string) { j.reload() }
	j.list = widget.NewList(func() int { return len(j.items) }, newJournalRow, j.updateRow)
	j.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(j.items) {
			j.edit(j.items[id])
		}
	}
	j.empty = &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
	j.newBtn = &widget.Button{Text: "New entry", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: func() { j.newEntry(0, "") }}
	left := container.NewBorder(
		container.NewPadded(container.NewVBox(container.NewBorder(nil, nil, nil, j.newBtn, heading("Journal")), j.search)),
		nil, nil, nil,
		container.NewStack(j.list, container.NewPadded(j.empty)))

	j.title = heading("New entry")
	j.prompt = widget.NewSelect(append([]string{noPrompt}, model.IntegrationPrompts...), nil)
	j.session = widget.NewSelect(nil, nil)
	j.text = multiline("Write freely. Nobody reads this but you.")
	j.text.SetMinRowsVisible(12)
	j.msg = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	j.save = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: j.onSave}
	j.delete = &widget.Button{Text: "Delete…", Importance: widget.DangerImportance, OnTapped: j.onDelete}
	form := container.NewVBox(
		formGrid(newFieldRow("Prompt", j.prompt, ""), newFieldRow("About", j.session, "")),
		j.text,
		j.msg,
	)
	right := container.NewBorder(container.NewPadded(j.title),
		container.NewPadded(container.NewBorder(nil, nil, j.delete, j.save)), nil, nil,
		container.NewVScroll(container.NewPadded(form)))
	split := container.NewHSplit(left, right)
	split.SetOffset(0.38)
	j.content = split
	j.reload()
	j.newEntry(0, "")
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
	if e.Prompt != "" {
		head += " · " + e.Prompt
	}
	rows[0].(*widget.Label).SetText(head)
	first, _, _ := strings.Cut(strings.TrimSpace(e.Text), "\n")
	rows[1].(*widget.Label).SetText(first)
}

// reload lists the entries matching the search, newest first.
func (j *journalScreen) reload() {
	items, err := j.st.Journal(j.search.Text)
	if err != nil {
		showError(j.win, err)
		return
	}
	j.items = items
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

// loadSessions offers the sessions of the last 60 days (and the entry's own) to tie
// an entry to.
func (j *journalScreen) loadSessions(keep uint64) {
	now := j.st.Now()
	recent, _ := j.st.SessionsBetween(now.AddDate(0, 0, -60), now.Add(24*time.Hour))
	j.sessions = j.sessions[:0]
	if keep != 0 {
		if s, err := j.st.Session(keep); err == nil && s.At.Before(now.AddDate(0, 0, -60)) {
			j.sessions = append(j.sessions, s)
		}
	}
	j.sessions = append(j.sessions, recent...)
	names := []string{noSession}
	for _, s := range j.sessions {
		names = append(names, sessionName(s))
	}
	j.session.SetOptions(names)
}

func sessionName(s model.Session) string {
	return "Session of " + s.At.Format("Mon 2 Jan 2006") + " (" + s.Route.Label() + ")"
}

// newEntry starts a new entry, tied to sessionID (0 for none) with prompt ("" for none).
func (j *journalScreen) newEntry(sessionID uint64, prompt string) {
	j.list.UnselectAll()
	j.edit(model.JournalEntry{SessionID: sessionID, Prompt: prompt})
	j.win.Canvas().Focus(j.text)
}

func (j *journalScreen) edit(e model.JournalEntry) {
	j.editing = e
	j.loadSessions(e.SessionID)
	if e.ID == 0 {
		j.title.SetText("New entry")
		j.delete.Hide()
	} else {
		j.title.SetText(e.At.Format("Monday 2 January 2006, 15:04"))
		j.delete.Show()
	}
	j.prompt.SetSelected(noPrompt)
	if e.Prompt != "" {
		j.prompt.SetSelected(e.Prompt)
	}
	j.session.SetSelectedIndex(0)
	for i, s := range j.sessions {
		if s.ID == e.SessionID {
			j.session.SetSelectedIndex(i + 1)
		}
	}
	j.text.SetText(e.Text)
	j.msg.SetText("")
}

func (j *journalScreen) onSave() {
	e := j.editing
	if e.ID == 0 {
		e.At = j.st.Now().Truncate(time.Minute)
	}
	e.Text = j.text.Text
	e.Prompt = ""
	if j.prompt.Selected != noPrompt {
		e.Prompt = j.prompt.Selected
	}
	e.SessionID = 0
	if i := j.session.SelectedIndex(); i > 0 {
		e.SessionID = j.sessions[i-1].ID
	}
	saved, err := j.st.SaveJournal(e)
	var v *model.ValidationError
	switch {
	case errors.As(err, &v):
		j.msg.SetText(v.Error())
		return
	case err != nil:
		showError(j.win, err)
		return
	}
	j.search.SetText("")
	j.reload()
	for i, it := range j.items {
		if it.ID == saved.ID {
			j.list.Select(i)
		}
	}
	j.edit(saved)
}

func (j *journalScreen) onDelete() {
	e := j.editing
	d := dialog.NewConfirm("Delete entry", "Delete the entry of "+e.At.Format("Monday 2 January 2006")+"? This cannot be undone.", func(yes bool) {
		if !yes {
			return
		}
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
