package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// addShortcuts binds the window's keyboard shortcuts. Ctrl is Cmd on macOS
// (desktop.KeyModifierShortcutDefault).
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	mod := fyne.KeyModifierShortcutDefault
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: mod}, func(fyne.Shortcut) {
		u.showScreen("Sessions")
		u.sessions.onNew()
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: mod}, func(fyne.Shortcut) {
		if u.sessions != nil && u.sessions.formOpen() {
			u.sessions.form.onSave()
		}
	})
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape && u.sessions != nil && u.sessions.formOpen() {
			u.sessions.form.onCancel()
		}
	})
}
