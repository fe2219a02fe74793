package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// templateEditor edits the preparation checklist used for new sessions of one route:
// add, remove, reorder and rename items, or restore the built-in list. Checklists
// already given to sessions never change.
type templateEditor struct {
	st    *store.Store
	win   fyne.Window
	route model.Route
	items []model.TemplateItem

	pick    *widget.Select
	list    *fyne.Container
	scroll  *container.Scroll
	msg     *widget.Label
	save    *widget.Button
	restore *widget.Button
	dlg     *dialog.CustomDialog
}

func showTemplateEditor(st *store.Store, win fyne.Window, route model.Route) *templateEditor {
	if route == "" {
		route = model.RouteIV
	}
	e := &templateEditor{st: st, win: win}
	e.pick = widget.NewSelect(labels(model.Routes), func(label string) { e.load(fromLabel(model.Routes, label)) })
	e.list = container.NewVBox()
	e.msg = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	add := &widget.Button{Text: "Add an item", Icon: theme.ContentAddIcon(), OnTapped: e.onAdd}
	e.restore = &widget.Button{Text: "Restore Keel's list", Icon: theme.HistoryIcon(), OnTapped: e.onRestore}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord,
		Text: "New sessions of this route get this checklist. Checklists already given to sessions stay as they were."}
	var items fyne.CanvasObject
	e.scroll, items = wheelScroll(e.list)
	content := newBorder(
		container.NewVBox(intro, newBorder(nil, nil, &widget.Label{Text: "Route", TextStyle: fyne.TextStyle{Bold: true}}, nil, e.pick)),
		container.NewVBox(e.msg, container.NewHBox(add, e.restore)),
		nil, nil,
		items)
	e.save = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: e.onSave}
	cancel := &widget.Button{Text: "Close", OnTapped: func() { e.dlg.Hide() }}
	e.dlg = dialog.NewCustomWithoutButtons("Preparation checklists", content, win)
	e.dlg.SetButtons([]fyne.CanvasObject{cancel, e.save})
	e.dlg.Resize(fyne.NewSize(720, 640))
	e.pick.SetSelected(route.Label())
	e.dlg.Show()
	return e
}

// load shows route's template.
func (e *templateEditor) load(route model.Route) {
	t, err := e.st.Template(route)
	if err != nil {
		showError(e.win, err)
		return
	}
	e.route = route
	e.items = append([]model.TemplateItem{}, t.Items...)
	e.msg.SetText("")
	e.draw()
}

// draw lays out one row per item: its text, move up, move down, remove.
func (e *templateEditor) draw() {
	rows := make([]fyne.CanvasObject, len(e.items))
	for i, it := range e.items {
		entry := newEntry()
		entry.SetText(it.Text)
		entry.OnChanged = func(s string) { e.items[i].Text = s }
		up := &widget.Button{Icon: theme.MoveUpIcon(), Importance: widget.LowImportance, OnTapped: func() { e.move(i, -1) }}
		down := &widget.Button{Icon: theme.MoveDownIcon(), Importance: widget.LowImportance, OnTapped: func() { e.move(i, 1) }}
		del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { e.remove(i) }}
		if i == 0 {
			up.Disable()
		}
		if i == len(e.items)-1 {
			down.Disable()
		}
		var left fyne.CanvasObject = widget.NewIcon(theme.CheckButtonIcon())
		if it.Kind == model.ItemIntention {
			left = widget.NewIcon(theme.DocumentCreateIcon()) // done when the intention is written
		}
		rows[i] = newBorder(nil, nil, left, container.NewHBox(up, down, del), entry)
	}
	e.list.Objects = rows
	e.list.Refresh()
}

func (e *templateEditor) move(i, by int) {
	j := i + by
	if j < 0 || j >= len(e.items) {
		return
	}
	e.items[i], e.items[j] = e.items[j], e.items[i]
	e.draw()
}

func (e *templateEditor) remove(i int) {
	e.items = append(e.items[:i], e.items[i+1:]...)
	e.draw()
}

// onAdd adds an empty item at the end, scrolled into view, to type in at once.
func (e *templateEditor) onAdd() {
	e.items = append(e.items, model.TemplateItem{})
	e.draw()
	e.scroll.Refresh() // lay the longer list out before scrolling to its end
	e.scroll.ScrollToBottom()
	if n := len(e.list.Objects); n > 0 {
		row := e.list.Objects[n-1].(*fyne.Container)
		e.win.Canvas().Focus(row.Objects[1].(*textEntry)) // after the icon
	}
}

func (e *templateEditor) onRestore() {
	dialog.ShowConfirm("Restore Keel's list?",
		"The "+e.route.Label()+" checklist goes back to Keel's built-in items. Your changes to it are lost; sessions' checklists stay as they are.",
		func(ok bool) {
			if !ok {
				return
			}
			if err := e.st.ResetTemplate(e.route); err != nil {
				showError(e.win, err)
				return
			}
			e.load(e.route)
		}, e.win)
}

func (e *templateEditor) onSave() {
	_, err := e.st.SaveTemplate(model.Template{Route: e.route, Items: e.items})
	var v *model.ValidationError
	switch {
	case errors.As(err, &v):
		e.msg.SetText(v.Error())
	case err != nil:
		showError(e.win, err)
	default:
		e.msg.SetText("")
		e.dlg.Hide()
	}
}
