package ui

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyCatcher is an invisible focusable widget that hands typed keys to a callback,
// for keyboard shortcuts inside a dialog. Esc goes to the window, which closes the
// dialog on top.
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

func (k *keyCatcher) MinSize() fyne.Size { return fyne.NewSize(0, 0) }
func (k *keyCatcher) FocusGained()       {}
func (k *keyCatcher) FocusLost()         {}
func (k *keyCatcher) TypedRune(rune)     {}
func (k *keyCatcher) TypedKey(e *fyne.KeyEvent) {
	if windowKey(e.Name) && toWindow(k, e) {
		return
	}
	k.onKey(e)
}

// windowKey tells whether key belongs to the window whatever has the focus: Esc
// (close what is on top) and F1 (the crisis card).
func windowKey(key fyne.KeyName) bool { return key == fyne.KeyEscape || key == fyne.KeyF1 }

// toWindow hands a key that a focused widget does not use to the window's own key
// handler (Fyne gives keys to the focused widget only). It reports whether there
// was a handler.
func toWindow(o fyne.CanvasObject, e *fyne.KeyEvent) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil || c.OnTypedKey() == nil {
		return false
	}
	c.OnTypedKey()(e)
	return true
}

// textEntry is the entry of every Keel form: a widget.Entry that works with the
// keyboard as a form should. Esc reaches the window (it closes the form or dialog on
// top), Tab and Shift+Tab always move to the next and previous field (a multi-line
// field never keeps a tab), and a field that gains focus is scrolled into view.
type textEntry struct {
	widget.Entry
}

// newEntry is a single-line entry.
func newEntry() *textEntry {
	e := &textEntry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry is a multi-line entry that wraps words.
func newMultiLineEntry() *textEntry {
	e := &textEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// newPasswordEntry is a single-line entry that hides what is typed, with the button
// that shows it.
func newPasswordEntry() *textEntry {
	e := newEntry()
	e.Password = true // the renderer adds the reveal button
	return e
}

// AcceptsTab is true so that Tab comes to TypedKey, which moves the focus itself
// and scrolls the next field into view.
func (e *textEntry) AcceptsTab() bool { return true }

// TypedKey moves on at Tab and hands Esc to the window; other keys edit the text.
func (e *textEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyTab:
		c := fyne.CurrentApp().Driver().CanvasForObject(e)
		if c == nil {
			return
		}
		if shiftHeld() {
			c.FocusPrevious()
		} else {
			c.FocusNext()
		}
		if f, ok := c.Focused().(fyne.CanvasObject); ok {
			scrollIntoView(c, f)
		}
		return
	case fyne.KeyEscape, fyne.KeyF1:
		if toWindow(e, k) {
			return
		}
	}
	e.Entry.TypedKey(k)
}

// FocusGained scrolls the field into view, then lets the entry show its cursor.
func (e *textEntry) FocusGained() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		scrollIntoView(c, e)
	}
	e.Entry.FocusGained()
}

// shiftHeld reports whether Shift is down (false where the driver cannot tell); the
// test driver cannot, so tests replace it.
var shiftHeld = func() bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// scaleSlider is the slider of a 0-10 row. A digit typed while it has the focus
// goes to the row's number box, so a typed number is never lost; it scrolls into
// view when it gains focus.
type scaleSlider struct {
	widget.Slider
	entry *textEntry
}

func newScaleSlider(entry *textEntry) *scaleSlider {
	s := &scaleSlider{entry: entry}
	s.Min, s.Max, s.Step = 0, 10, 1
	s.Orientation = widget.Horizontal
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer draws Fyne's slider with its track in the input border colour:
// Fyne fills the track with the input background, about 1.1:1 on the window's
// background, so the length to drag along could not be seen (WCAG 1.4.11 asks 3:1).
func (s *scaleSlider) CreateRenderer() fyne.WidgetRenderer {
	r := &trackRenderer{WidgetRenderer: s.Slider.CreateRenderer(), s: s}
	r.paint()
	return r
}

// trackRenderer is a slider's renderer with a visible track (see CreateRenderer).
type trackRenderer struct {
	fyne.WidgetRenderer
	s *scaleSlider
}

// track is the slider's track, the first object Fyne's slider draws.
func (r *trackRenderer) track() *canvas.Rectangle {
	if objs := r.Objects(); len(objs) > 0 {
		if t, ok := objs[0].(*canvas.Rectangle); ok {
			return t
		}
	}
	return nil
}

func (r *trackRenderer) paint() {
	if t := r.track(); t != nil {
		t.FillColor = r.s.Theme().Color(theme.ColorNameInputBorder, fyne.CurrentApp().Settings().ThemeVariant())
	}
}

func (r *trackRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.paint()
	if t := r.track(); t != nil {
		t.Refresh()
	}
}

// TypedRune hands the digit to the number box, focused, where it replaces the
// number (the box may hold the slider's value).
func (s *scaleSlider) TypedRune(r rune) {
	if r < '0' || r > '9' {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(s)
	if c == nil {
		return
	}
	c.Focus(s.entry)
	s.entry.SetText("")
	s.entry.TypedRune(r)
}

// TypedKey hands Esc to the window; arrows move the slider.
func (s *scaleSlider) TypedKey(k *fyne.KeyEvent) {
	if windowKey(k.Name) && toWindow(s, k) {
		return
	}
	s.Slider.TypedKey(k)
}

func (s *scaleSlider) FocusGained() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil {
		scrollIntoView(c, s)
	}
	s.Slider.FocusGained()
}

// children are the objects directly inside o that Keel's screens nest fields in:
// containers, scrolls, splits, tabs and pop-ups (a dialog is a pop-up).
func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch w := o.(type) {
	case *fyne.Container:
		return w.Objects
	case *container.Scroll:
		return []fyne.CanvasObject{w.Content}
	case *container.Split:
		return []fyne.CanvasObject{w.Leading, w.Trailing}
	case *container.AppTabs:
		if t := w.Selected(); t != nil {
			return []fyne.CanvasObject{t.Content}
		}
	case *widget.PopUp:
		return []fyne.CanvasObject{w.Content}
	default:
		// Fyne puts every pop-up in an overlay container whose type is not
		// exported, with the pop-up in its Content field.
		v := reflect.ValueOf(o)
		if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
			if f := v.Elem().FieldByName("Content"); f.IsValid() && f.CanInterface() {
				if c, ok := f.Interface().(fyne.CanvasObject); ok && c != nil {
					return []fyne.CanvasObject{c}
				}
			}
		}
	}
	return nil
}

// walk calls fn for o and every visible object nested in it (see children).
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	for _, c := range children(o) {
		walk(c, fn)
	}
}

// walkAll calls fn for o and every object nested in it, hidden ones too.
func walkAll(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	for _, c := range children(o) {
		walkAll(c, fn)
	}
}

// scrollsAround are the vertical scrolls of c whose content holds target, outermost
// first. Positions decide, so that a focusable inside a widget (a radio button, an
// entry's button) is found too.
func scrollsAround(c fyne.Canvas, target fyne.CanvasObject) []*container.Scroll {
	d := fyne.CurrentApp().Driver()
	tp := d.AbsolutePositionForObject(target)
	var out []*container.Scroll
	for _, root := range append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...) {
		walk(root, func(o fyne.CanvasObject) {
			s, ok := o.(*container.Scroll)
			if !ok || s.Content == nil || s.Direction == container.ScrollHorizontalOnly || s.Direction == container.ScrollNone {
				return
			}
			cp, cs := d.AbsolutePositionForObject(s.Content), s.Content.Size()
			if tp.X >= cp.X && tp.X < cp.X+cs.Width && tp.Y >= cp.Y && tp.Y < cp.Y+cs.Height {
				out = append(out, s)
			}
		})
	}
	return out
}

// scrollIntoView scrolls every scroll around target, innermost first, so that
// target is inside its visible area.
func scrollIntoView(c fyne.Canvas, target fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	scrolls := scrollsAround(c, target)
	for i := len(scrolls) - 1; i >= 0; i-- {
		s := scrolls[i]
		y := d.AbsolutePositionForObject(target).Y - d.AbsolutePositionForObject(s).Y
		h, view := target.Size().Height, s.Size().Height
		off := s.Offset
		switch {
		case y < 0:
			off.Y += y
		case y+h > view:
			off.Y += min(y+h-view, y) // a field taller than the view shows its top
		default:
			continue
		}
		s.ScrollToOffset(off)
	}
}

// followFocus scrolls the focused widget into view when the focus has moved since
// last (held in *last). The window runs it often (watchIdle): Fyne tells no one
// when Tab moves the focus from a widget that is not Keel's own (a check box, a
// radio button, a list), so it is looked at instead.
func followFocus(c fyne.Canvas, last *fyne.Focusable) {
	f := c.Focused()
	if f == *last {
		return
	}
	*last = f
	if o, ok := f.(fyne.CanvasObject); ok {
		scrollIntoView(c, o)
	}
}

// submitOnEnter makes Enter in every single-line field in content press def, the
// form's or dialog's default button, unless the field already does something else
// at Enter.
func submitOnEnter(content fyne.CanvasObject, def *widget.Button) {
	walkAll(content, func(o fyne.CanvasObject) {
		if e, ok := o.(*textEntry); ok && !e.MultiLine && e.OnSubmitted == nil {
			e.OnSubmitted = func(string) { tap(def) }
		}
	})
}

// newBorder is container.NewBorder with its objects in reading order (top, left,
// the middle, right, bottom), which is the order Tab visits them in; Fyne's own puts
// the middle first, so Tab would reach a screen's header after its body.
func newBorder(top, bottom, left, right fyne.CanvasObject, objects ...fyne.CanvasObject) *fyne.Container {
	var all []fyne.CanvasObject
	for _, part := range [][]fyne.CanvasObject{{top}, {left}, objects, {right}, {bottom}} {
		for _, o := range part {
			if o != nil {
				all = append(all, o)
			}
		}
	}
	return container.New(layout.NewBorderLayout(top, bottom, left, right), all...)
}
