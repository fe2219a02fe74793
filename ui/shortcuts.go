package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// shortcut is one of the window's keyboard shortcuts: Ctrl (Cmd on macOS,
// fyne.KeyModifierShortcutDefault) and a key.
type shortcut struct {
	key   fyne.KeyName
	label string
	run   func()
}

// addShortcuts gives the window its main menu, which carries every keyboard shortcut
// listed on the Help screen. Fyne checks the main menu's shortcuts before it hands a
// key to the focused field, so they work while typing; the menu is also macOS's
// native menu bar. Esc, which is no menu shortcut, goes to the window's key handler
// (escape), also from a focused field (textEntry).
//
//	Ctrl+N      log a new session
//	Ctrl+D      today's check-in
//	Ctrl+S      save what is being written (the session form, the journal entry,
//	            the check-in, the dialog on top)
//	Ctrl+F      search the journal
//	Ctrl+E      the crisis card (Need help now?)
//	Ctrl+1..9   the screens in sidebar order, Ctrl+0 the tenth (Help)
//	Ctrl+Q      quit
//	Esc         close the dialog on top, or cancel the session form
//
// While Keel is locked, or the welcome is up, only Ctrl+E and Ctrl+Q act: the others
// would open records behind the lock.
func (u *UI) addShortcuts() {
	file := []shortcut{
		{fyne.KeyN, "Log a new session", u.ifFree(func() { u.NewSession(false) })},
		{fyne.KeyD, "Today's check-in", u.ifFree(func() {
			u.Show(ScreenToday)
			u.win.Canvas().Focus(u.today.checkin.mood.entry)
		})},
		{fyne.KeyS, "Save", u.ifOpen(u.saveShown)},
		{fyne.KeyF, "Search the journal", u.ifFree(func() {
			u.Show(ScreenJournal)
			u.win.Canvas().Focus(u.journal.search)
		})},
	}
	var screens []shortcut
	for i, k := range screenKeys {
		screens = append(screens, shortcut{k, u.specs[i].title, u.ifFree(func() { u.Show(ScreenID(i)) })})
	}
	help := []shortcut{{fyne.KeyE, "Need help now?", u.showCrisisOnce}}
	item := func(s shortcut) *fyne.MenuItem {
		it := fyne.NewMenuItem(s.label, s.run)
		it.Shortcut = &desktop.CustomShortcut{KeyName: s.key, Modifier: fyne.KeyModifierShortcutDefault}
		return it
	}
	menu := func(label string, list []shortcut) *fyne.Menu {
		m := fyne.NewMenu(label)
		for _, s := range list {
			m.Items = append(m.Items, item(s))
		}
		return m
	}
	// Keel's own Quit ends the File menu, so Fyne adds none that skips the drafts.
	quit := item(shortcut{fyne.KeyQ, "Quit", u.Quit})
	quit.IsQuit = true
	fileMenu := menu("File", file)
	fileMenu.Items = append(fileMenu.Items, fyne.NewMenuItemSeparator(), quit)
	u.win.SetMainMenu(fyne.NewMainMenu(fileMenu, menu("Go", screens), menu("Help", help)))
	u.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		switch e.Name {
		case fyne.KeyEscape:
			u.escape()
		case fyne.KeyF1: // the crisis card, like Ctrl+E: from anywhere, locked too
			u.showCrisisOnce()
		}
	})
}

// showCrisisOnce shows the crisis card unless it is on top already (Ctrl+E, F1, the
// tray): from any screen, the welcome and the lock screen too.
func (u *UI) showCrisisOnce() {
	if !u.crisisOnTop() {
		u.ShowCrisis()
	}
}

// screenKeys are the keys that, with Ctrl, show the screens in sidebar order.
var screenKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9, fyne.Key0}

// open reports whether the window shows Keel's screens: not the lock screen, not the
// welcome.
func (u *UI) open() bool {
	return !u.store.Locked() && u.win.Content() == u.main
}

// ifOpen runs fn only while the window shows Keel's screens.
func (u *UI) ifOpen(fn func()) func() {
	return func() {
		if u.open() {
			u.touch()
			fn()
		}
	}
}

// ifFree runs fn only while the window shows Keel's screens with no dialog over
// them: a shortcut does not change the screen behind a dialog.
func (u *UI) ifFree(fn func()) func() {
	return u.ifOpen(func() {
		if u.win.Canvas().Overlays().Top() == nil {
			fn()
		}
	})
}

// saveShown saves what is being written: in a dialog, its Save button; otherwise the
// session form, the journal entry or the check-in of the screen shown.
func (u *UI) saveShown() {
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		if b := buttonIn(top, "Save"); b != nil {
			b.OnTapped()
		}
		return
	}
	switch {
	case u.current == ScreenSessions && u.sessions.formOpen():
		u.sessions.form.onSave()
	case u.current == ScreenJournal:
		tap(u.journal.save)
	case u.current == ScreenToday:
		tap(u.today.checkin.save)
	}
}

// crisisOnTop reports whether the crisis card is the dialog on top already.
func (u *UI) crisisOnTop() bool {
	on := false
	walk(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == model.CrisisTitle { // the dialog's title
			on = true
		}
	})
	return on
}

// tap presses b as a click would: not when it is hidden or disabled.
func tap(b *widget.Button) {
	if b != nil && b.Visible() && !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
}

// dismissLabels are the buttons that close a dialog without doing anything, which
// Esc presses.
var dismissLabels = []string{"Cancel", "Close", "No", "OK", "Stop without saving", "Keep editing", "Not now", "Keep it", "Done"}

// escape closes what is on top: the dialog or pop-up as its Cancel (or Close, No…)
// button would, else the session form as its Cancel button would. A dialog that
// must be answered (no such button) and a dialog showing work in progress stay.
func (u *UI) escape() {
	c := u.win.Canvas()
	top := c.Overlays().Top()
	if top == nil {
		if u.open() && u.current == ScreenSessions && u.sessions.formOpen() {
			u.sessions.form.onCancel()
		}
		return
	}
	for _, l := range dismissLabels {
		if b := buttonIn(top, l); b != nil {
			b.OnTapped()
			return
		}
	}
	calendar, stays := false, false
	walk(top, func(o fyne.CanvasObject) {
		switch o.(type) {
		case *widget.Calendar:
			calendar = true
		case *widget.Button, *widget.ProgressBarInfinite:
			stays = true // a choice to make, or work under way
		}
	})
	if stays && !calendar {
		return
	}
	// A pop-up (the calendar of a date): Fyne 2.8 wraps it in an overlay container
	// that hiding alone does not take off the canvas.
	top.Hide()
	c.Overlays().Remove(top)
}

// buttonIn is the visible, enabled button labelled text in o, or nil.
func buttonIn(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(obj fyne.CanvasObject) {
		if b, ok := obj.(*widget.Button); ok && found == nil && b.Text == text && !b.Disabled() && b.OnTapped != nil {
			found = b
		}
	})
	return found
}
