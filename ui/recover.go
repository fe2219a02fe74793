package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// Recover shows, in Keel's window, why the database at path could not be opened (it
// is damaged, or not a Keel database) and offers to restore the newest good backup or
// to start fresh. Either way the damaged file is first moved aside under a new name,
// untouched: it is never overwritten or deleted. Once the user chooses, open opens the
// database again and the window becomes Keel's usual one.
func Recover(a fyne.App, p *prefs, path string, cause error, open func() (*store.Store, error)) fyne.Window {
	w := a.NewWindow("Keel")
	w.Resize(windowSize(fyne.NewSize(760, 460)))
	msg := &widget.Label{Wrapping: fyne.TextWrapWord, Text: model.Message(cause) + "\n\n" +
		"The file is " + path + ". Keel will not change or delete it: whatever you choose, it is first moved aside under a new name in the same folder, so it can still be looked at later."}
	status := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	backup, haveBackup, err := store.NewestGoodBackup(path)
	haveBackup = haveBackup && err == nil
	proceed := func(restore bool) {
		aside, err := store.SetAside(path, time.Now())
		if err != nil {
			status.SetText(model.Message(err))
			return
		}
		if restore {
			if err := store.RecoverFromBackup(path, backup); err != nil {
				status.SetText("The backup could not be put in place (" + err.Error() + "). The damaged file is kept as " + aside + ".")
				return
			}
		} else if err := store.CreateNew(path, time.Now()); err != nil {
			// Open never starts fresh over backups by itself: the person chose it here.
			status.SetText(model.Message(err))
			return
		}
		store, err := open()
		if err != nil {
			status.SetText(model.Message(err))
			return
		}
		a.Lifecycle().SetOnStopped(func() { closeLogged(store, "the database") })
		p.SetBool(prefWelcomed, true) // they have used Keel before: no welcome
		u := build(a, store, p, w)
		u.autoBackup()
		u.watchIdle()
		u.watchReminders()
	}
	restoreBtn := &widget.Button{Text: "No good backup found", Importance: widget.HighImportance, OnTapped: func() { proceed(true) }}
	if haveBackup {
		restoreBtn.SetText(fmt.Sprintf("Restore the backup of %s", backup.Taken.Format("2 January 2006, 15:04")))
	} else {
		restoreBtn.Disable()
	}
	fresh := &widget.Button{Text: "Start with empty data", OnTapped: func() { proceed(false) }}
	// Nothing is open yet: quitting is leaving (Fyne's own shutdown can panic, see UI.Quit).
	leave := func() { exit(0) }
	w.SetCloseIntercept(leave)
	quit := &widget.Button{Text: "Quit", OnTapped: leave}
	w.SetContent(container.NewPadded(newBorder(
		heading("Keel could not open your data"),
		container.NewVBox(status, container.NewHBox(restoreBtn, fresh, quit)), nil, nil,
		container.NewVScroll(msg))))
	return w
}
