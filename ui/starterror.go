package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/assets"
)

// startErrorWidth is the width of the start error window; its height is what the
// message needs.
const startErrorWidth = 420

// ShowStartError shows why Keel could not start, under a short title, in a small
// window of its own sized to the message, and returns when the user closes it.
func ShowStartError(a fyne.App, title, msg string) {
	w := a.NewWindow("Keel")
	w.SetContent(startErrorContent(title, msg, w.Close))
	w.SetFixedSize(true)
	w.Resize(fyne.NewSize(startErrorWidth, w.Content().MinSize().Height))
	w.CenterOnScreen()
	w.ShowAndRun()
}

// startErrorContent is the icon, the title, the message and a Close button, laid
// out for startErrorWidth.
func startErrorContent(title, msg string, onClose func()) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(48))
	heading := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	text := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	closeBtn := &widget.Button{Text: "Close", Importance: widget.HighImportance, OnTapped: onClose}
	body := newBorder(nil, nil, container.NewVBox(icon), nil, container.NewVBox(heading, text))
	box := container.NewVBox(body, container.NewHBox(layout.NewSpacer(), closeBtn))
	// A wrapping label has no height of its own until it has a width: give it one.
	inner := startErrorWidth - 2*theme.Padding()
	box.Resize(fyne.NewSize(inner, box.MinSize().Height))
	return container.NewPadded(container.New(layout.NewGridWrapLayout(fyne.NewSize(inner, box.MinSize().Height)), box))
}
