package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// wheelScroll is a vertical scroll of content that the mouse wheel scrolls wherever
// the pointer is, and the object to lay out in its place.
//
// Fyne hands the wheel to the innermost scroller under the pointer and never passes
// it on, and every Entry holds a scroller for its own text, even a one-line entry
// that has nothing to scroll up or down: over a form made mostly of entries (the
// checklist editor, Settings) the wheel did nothing. A transparent layer over the
// scroll takes the wheel first and scrolls the form. It only takes the wheel: taps,
// hovering, dragging and the keyboard reach what is under it as before. Multi-line
// entries and lists under it no longer scroll by the wheel, so it suits forms without
// them.
func wheelScroll(content fyne.CanvasObject) (*container.Scroll, fyne.CanvasObject) {
	scroll := container.NewVScroll(content)
	over := &wheelLayer{scroll: scroll}
	over.ExtendBaseWidget(over)
	return scroll, container.NewStack(scroll, over)
}

// wheelLayer passes the wheel to its scroll.
type wheelLayer struct {
	widget.BaseWidget
	scroll *container.Scroll
}

func (w *wheelLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// Scrolled scrolls the scroll under the layer.
func (w *wheelLayer) Scrolled(ev *fyne.ScrollEvent) { w.scroll.Scrolled(ev) }
