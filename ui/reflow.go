package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// A window that is small in points (a small screen, or a scale such as FYNE_SCALE=2)
// has no room for two columns side by side. The layouts here put them one above the
// other instead, and never ask for more width than their wider column: a screen must
// not force the window past the screen.

// reflowLayout places two objects side by side when the width allows both their
// minimums, the first taking share of the width, and one above the other when it does
// not. Its minimum width is the wider object's; its minimum height is that of the
// arrangement it last laid out, so that a scroll around it makes room for both
// columns once they are stacked. changed, when set, is called after the arrangement
// changes, to lay the parent (a scroll) out again.
type reflowLayout struct {
	share   float32
	stacked bool
	changed func()
}

func (l *reflowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 2 {
		return
	}
	pad := theme.Padding()
	a, b := objs[0].MinSize(), objs[1].MinSize()
	stacked := size.Width < a.Width+pad+b.Width
	if stacked {
		objs[0].Move(fyne.NewPos(0, 0))
		objs[0].Resize(fyne.NewSize(size.Width, a.Height))
		objs[1].Move(fyne.NewPos(0, a.Height+pad))
		objs[1].Resize(fyne.NewSize(size.Width, max(b.Height, size.Height-a.Height-pad)))
	} else {
		w := size.Width - pad
		lw := max(a.Width, min(w*l.share, w-b.Width))
		objs[0].Move(fyne.NewPos(0, 0))
		objs[0].Resize(fyne.NewSize(lw, size.Height))
		objs[1].Move(fyne.NewPos(lw+pad, 0))
		objs[1].Resize(fyne.NewSize(w-lw, size.Height))
	}
	if stacked != l.stacked {
		l.stacked = stacked
		if l.changed != nil {
			l.changed()
		}
	}
}

func (l *reflowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 2 {
		return fyne.Size{}
	}
	a, b := objs[0].MinSize(), objs[1].MinSize()
	if l.stacked {
		return fyne.NewSize(max(a.Width, b.Width), a.Height+theme.Padding()+b.Height)
	}
	return fyne.NewSize(max(a.Width, b.Width), max(a.Height, b.Height))
}

// newReflow is a and b side by side, or one above the other in a narrow window (see
// reflowLayout).
func newReflow(share float32, a, b fyne.CanvasObject, changed func()) *fyne.Container {
	return container.New(&reflowLayout{share: share, changed: changed}, a, b)
}

// reflowSplit holds a horizontal split, which it turns vertical when the width cannot
// hold both sides' minimums. Its minimum width is the wider side's. Turned, each side
// is at least paneHeight tall (a list of a few rows, the start of the details), and
// the window's scroll takes the person from one to the other (bodyLayout gives the
// scroll the new height).
type reflowSplit struct {
	split *container.Split
	// solo, when set and true, hides the leading side while the split is vertical:
	// a form opened beside a list then has the whole screen.
	solo func() bool
}

// newReflowSplit puts split, a horizontal split, in a container that turns it
// vertical in a narrow window.
func newReflowSplit(split *container.Split) *fyne.Container {
	return container.New(&reflowSplit{split: split}, split)
}

func (l *reflowSplit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	a, b := l.split.Leading.MinSize(), l.split.Trailing.MinSize()
	horizontal := size.Width >= a.Width+b.Width+theme.Padding()
	turned := horizontal != l.split.Horizontal
	if turned {
		l.split.Horizontal = horizontal
	}
	if hide := !horizontal && l.solo != nil && l.solo(); hide == l.split.Leading.Visible() {
		if hide {
			l.split.Leading.Hide()
		} else {
			l.split.Leading.Show()
		}
		turned = true
	}
	l.split.Move(fyne.NewPos(0, 0))
	l.split.Resize(size)
	if turned {
		l.split.Refresh()
	}
}

func (l *reflowSplit) MinSize([]fyne.CanvasObject) fyne.Size {
	a, b := l.split.Leading.MinSize(), l.split.Trailing.MinSize()
	if !l.split.Leading.Visible() {
		return b
	}
	if l.split.Horizontal {
		return fyne.NewSize(max(a.Width, b.Width), max(a.Height, b.Height))
	}
	return fyne.NewSize(max(a.Width, b.Width), max(a.Height, paneHeight)+theme.Padding()+max(b.Height, paneHeight))
}

// paneHeight is the least height of each side of a split turned vertical.
const paneHeight = 260

// bodyLayout stacks the screen in the window's scroll. A screen can need more room
// once it is laid out (a split that turns vertical in a narrow window); the scroll is
// then laid out again to give it that room.
type bodyLayout struct{ relayout func() }

func (l *bodyLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	grown := false
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
		if m := o.MinSize(); m.Width > size.Width+0.5 || m.Height > size.Height+0.5 {
			grown = true
		}
	}
	if grown {
		l.relayout()
	}
}

func (l *bodyLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

// columnLayout centres one object in a column of width, or of the whole width when
// there is less; vertically it is centred when there is room, at the top otherwise.
type columnLayout struct{ width float32 }

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := min(l.width, size.Width)
		h := o.MinSize().Height
		o.Move(fyne.NewPos((size.Width-w)/2, max(0, (size.Height-h)/2)))
		o.Resize(fyne.NewSize(w, h))
	}
}

func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

// chosenFromList tells whether the person chose in list (a click or the keyboard
// focuses it) rather than the screen selecting an item itself.
func chosenFromList(win fyne.Window, list fyne.Focusable) bool {
	return win.Canvas().Focused() == list
}

// revealDetail scrolls the window to the details side of split when the split is
// turned vertical: in a narrow window what was chosen in the list shows below it,
// out of sight.
func revealDetail(win fyne.Window, split *container.Split) {
	if !split.Horizontal {
		scrollIntoView(win.Canvas(), split.Trailing)
	}
}
