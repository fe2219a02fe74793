package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/assets"
	"keel/model"
	"keel/model/store"
)

// Preference keys for the app lock.
const (
	prefLockMinutes = "lock_minutes"
	defaultLock     = 10
)

// lockScreen is all the window shows while the data is locked: no record, no name, no
// title of a screen, only the passphrase field.
type lockScreen struct {
	st         *store.Store
	win        fyne.Window
	nav        navigator
	onUnlocked func()
	pass       *textEntry
	msg        *widget.Label
	unlock     *widget.Button
	content    fyne.CanvasObject
}

// newLockScreen builds the unlock screen; onUnlocked runs once the passphrase opened
// the data. The crisis card stays one click away.
func newLockScreen(st *store.Store, win fyne.Window, nav navigator, onUnlocked func()) *lockScreen {
	l := &lockScreen{st: st, win: win, nav: nav, onUnlocked: onUnlocked}
	l.pass = newPasswordEntry()
	l.pass.SetPlaceHolder("Passphrase")
	l.pass.OnSubmitted = func(string) { l.onUnlock() }
	l.msg = &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	l.unlock = &widget.Button{Text: "Unlock", Importance: widget.HighImportance, OnTapped: l.onUnlock}
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	box := container.NewVBox(
		container.NewCenter(icon),
		&widget.Label{Text: "Keel is locked", Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}, SizeName: "subHeadingText"},
		&widget.Label{Text: "Enter your passphrase to open your data.", Alignment: fyne.TextAlignCenter},
		l.pass, l.unlock, l.msg,
		container.NewCenter(&widget.Button{Text: "Need help now?", Icon: theme.InfoIcon(), Importance: widget.WarningImportance, OnTapped: nav.ShowCrisis}),
	)
	// A column 380 wide, centred; it scrolls in a short window (a large scale).
	l.content = container.NewVScroll(container.New(&columnLayout{width: 380}, container.NewPadded(box)))
	return l
}

// unlockWith hands the passphrase to the store; tests look at the bytes through it.
var unlockWith = func(st *store.Store, pass []byte) error { return st.Unlock(pass) }

// onUnlock tries the typed passphrase. Its bytes are zeroed as soon as the store has
// used them (wipe), and the field is emptied whatever the outcome. What Go cannot
// promise: the field's text is a string, which cannot be overwritten, so until the
// garbage collector reuses its memory a copy of the passphrase may stay in the heap
// (and the collector may have copied any of it while moving memory); the store keeps
// none (see store.Store.Lock).
func (l *lockScreen) onUnlock() {
	pass := []byte(l.pass.Text)
	if len(pass) == 0 {
		l.msg.SetText("Enter the passphrase first.")
		return
	}
	l.unlock.Disable()
	l.msg.SetText("")
	l.nav.Busy("Unlocking", func() error {
		defer wipe(pass)
		return unlockWith(l.st, pass)
	}, func(err error) {
		l.unlock.Enable()
		switch {
		case errors.Is(err, model.ErrWrongPassphrase):
			l.msg.SetText("That passphrase does not open your data. Check Caps Lock and try again.")
			l.pass.SetText("")
			l.win.Canvas().Focus(l.pass)
		case err != nil:
			showError(l.win, err)
		default:
			l.pass.SetText("")
			l.onUnlocked()
		}
	})
}

// wipe zeroes a passphrase's bytes once they are used.
func wipe(b []byte) { clear(b) }

// showLock locks the store and shows only the unlock screen. What is being typed is
// kept as a draft first, while the key can still seal it.
func (u *UI) showLock() {
	if !u.store.Locked() {
		flushDrafts(u.store)
	}
	u.store.Lock()
	if u.lock != nil {
		u.lock.pass.SetText("") // nothing typed before stays for the next person
	}
	if u.lock == nil {
		u.lock = newLockScreen(u.store, u.win, u, func() {
			u.showMain()
			u.autoBackup()
		})
	}
	for _, o := range u.win.Canvas().Overlays().List() {
		o.Hide()
	}
	u.win.SetContent(u.lock.content)
	u.win.Canvas().Focus(u.lock.pass)
}

// showMain shows the screens again after unlocking, read afresh from the store.
func (u *UI) showMain() {
	u.win.SetContent(u.main)
	u.touch()
	if u.current < 0 {
		u.Show(ScreenToday)
		return
	}
	if v := u.views[u.current]; v.reload != nil {
		v.reload()
	}
	u.RecordsChanged()
}

// touch records activity, which postpones the idle lock.
func (u *UI) touch() { u.lastActive.Store(time.Now().UnixNano()) }

// lockAfter is the idle time after which an encrypted Keel locks itself (0: never).
func (u *UI) lockAfter() time.Duration {
	return time.Duration(u.prefs.IntWithFallback(prefLockMinutes, defaultLock)) * time.Minute
}

// watchIdle locks the window when an encrypted store has seen no activity (typing,
// switching screens, saving) for the chosen time. It runs for the life of the app.
func (u *UI) watchIdle() {
	if dc, ok := u.win.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { u.touch() })
	}
	u.touch()
	u.every(15*time.Second, u.checkIdle)
	var focused fyne.Focusable
	u.every(100*time.Millisecond, func() { followFocus(u.win.Canvas(), &focused) })
}

func (u *UI) checkIdle() {
	limit := u.lockAfter()
	if limit <= 0 || !u.store.Encrypted() || u.store.Locked() {
		return
	}
	if u.crisisOnTop() {
		u.touch() // the idle lock never hides a crisis card that is open
		return
	}
	last := max(u.lastActive.Load(), u.store.LastWrite().UnixNano())
	if time.Since(time.Unix(0, last)) >= limit {
		u.showLock()
	}
}
