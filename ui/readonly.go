package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// drawReadOnlyBanner says, above every screen, that the data was opened read-only
// (openData): everything can be read, exported and checked, nothing saved. Drafts
// cannot be kept either; the forms say so next to what is typed.
func (u *UI) drawReadOnlyBanner() {
	if !u.store.ReadOnly() {
		return
	}
	u.win.SetTitle("Keel — read-only")
	text := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance,
		Text: model.Message(model.ErrReadOnly) + " To save again, make the data folder writable (or free the disk) and start Keel again."}
	u.banner.Objects = []fyne.CanvasObject{container.NewPadded(text)}
	u.banner.Show()
	u.banner.Refresh()
}
