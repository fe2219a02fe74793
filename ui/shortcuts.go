package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// addShortcuts binds the window's keyboard shortcuts. Ctrl is Cmd on macOS
// (fyne.KeyModifierShortcutDefault):
//
//	Ctrl+N      log a new session
//	Ctrl+D      today's check-in
//	Ctrl+S      save the session form
//	Ctrl+F      search the journal
//	Ctrl+1..9   the screens in sidebar order, Ctrl+0 the tenth (Help)
//	Esc         cancel the session form or close the dialog on top
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	mod := fyne.KeyModifierShortcutDefault
	u.keys = map[fyne.KeyName]func(){}
	bind := func(key fyne.KeyName, fn func()) {
		u.keys[key] = fn
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) { fn() })
	}
	bind(fyne.KeyN, func() { u.NewSession(false) })
	bind(fyne.KeyD, func() {
		u.Show(ScreenToday)
		u.win.Canvas().Focus(u.today.checkin.mood.entry)
	})
	bind(fyne.KeyS, func() {
		if u.sessions != nil && u.sessions.formOpen() {
			u.sessions.form.onSave()
		}
	})
	bind(fyne.KeyF, func() {
		u.Show(ScreenJournal)
		u.win.Canvas().Focus(u.journal.search)
	})
	for i, k := range screenKeys {
		bind(k, func() { u.Show(ScreenID(i)) })
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name != fyne.KeyEscape {
			return
		}
		if top := c.Overlays().Top(); top != nil {
			// Fyne 2.8 wraps a pop-up in an overlay container that hiding alone does
			// not take off the canvas.
			top.Hide()
			c.Overlays().Remove(top)
			return
		}
		if u.sessions != nil && u.sessions.formOpen() {
			u.sessions.form.onCancel()
		}
	})
}

// screenKeys are the keys that, with Ctrl, show the screens in sidebar order.
var screenKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9, fyne.Key0}
