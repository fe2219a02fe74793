package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyCatcher is an invisible focusable widget that hands typed keys to a callback,
// for keyboard shortcuts inside a dialog.
type keyCatcher struct {
	widget.BaseWidget
	onKey func(*fyne.KeyEvent)
}

func newKeyCatcher(onKey func(*fyne.KeyEvent)) *keyCatcher {
	k := &keyCatcher{onKey: onKey}
	k.ExtendBaseWidget(k)
	return k
}

func (k *keyCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&widget.Label{})
}

func (k *keyCatcher) MinSize() fyne.Size        { return fyne.NewSize(0, 0) }
func (k *keyCatcher) FocusGained()              {}
func (k *keyCatcher) FocusLost()                {}
func (k *keyCatcher) TypedRune(rune)            {}
func (k *keyCatcher) TypedKey(e *fyne.KeyEvent) { k.onKey(e) }
