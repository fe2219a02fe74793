package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ShowStartError shows why Keel could not start in a small window of its own and
// returns when the user closes it.
func ShowStartError(a fyne.App, msg string) {
	w := a.NewWindow("Keel")
	text := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	closeBtn := &widget.Button{Text: "Close", Importance: widget.HighImportance, OnTapped: w.Close}
	w.SetContent(container.NewPadded(newBorder(nil, container.NewHBox(closeBtn), nil, nil, text)))
	w.Resize(fyne.NewSize(440, 160))
	w.CenterOnScreen()
	w.ShowAndRun()
}
