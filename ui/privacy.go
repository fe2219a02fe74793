package ui

import (
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/seal"
	"keel/model/store"
)

// lockChoices are the idle times offered for the app lock, in minutes (0: never).
var lockChoices = []int{1, 5, 10, 15, 30, 60, 0}

func lockLabel(m int) string {
	if m == 0 {
		return "Never"
	}
	if m == 1 {
		return "After 1 minute"
	}
	return "After " + strconv.Itoa(m) + " minutes"
}

// privacySection is the passphrase part of Settings: turn protection on or off,
// change the passphrase, lock now, and when to lock by itself.
type privacySection struct {
	st      *store.Store
	win     fyne.Window
	nav     navigator
	prefs   *prefs
	state   *widget.Label
	on      *widget.Button
	change  *widget.Button
	off     *widget.Button
	lockNow *widget.Button
	idle    *widget.Select
	content *fyne.Container
}

func newPrivacySection(st *store.Store, win fyne.Window, nav navigator, prefs *prefs) *privacySection {
	p := &privacySection{st: st, win: win, nav: nav, prefs: prefs}
	p.state = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.on = &widget.Button{Text: "Protect with a passphrase…", Icon: theme.VisibilityOffIcon(), Importance: widget.HighImportance, OnTapped: p.onEnable}
	p.change = &widget.Button{Text: "Change the passphrase…", OnTapped: p.onChange}
	p.off = &widget.Button{Text: "Remove the passphrase…", OnTapped: p.onDisable}
	p.lockNow = &widget.Button{Text: "Lock now", Icon: theme.VisibilityOffIcon(), OnTapped: nav.Lock}
	var labels []string
	for _, m := range lockChoices {
		labels = append(labels, lockLabel(m))
	}
	p.idle = widget.NewSelect(labels, func(label string) {
		for _, m := range lockChoices {
			if lockLabel(m) == label {
				prefs.SetInt(prefLockMinutes, m)
			}
		}
	})
	p.content = container.NewVBox(p.state,
		container.NewHBox(p.on, p.change, p.off, p.lockNow),
		newBorder(nil, nil, &widget.Label{Text: "Lock when idle", TextStyle: fyne.TextStyle{Bold: true}}, nil, p.idle))
	p.refresh()
	return p
}

func (p *privacySection) refresh() {
	enc := p.st.Encrypted()
	if enc {
		p.state.SetText("Your data is encrypted with your passphrase. Keel asks for it when it starts and locks itself when left alone. Backups are encrypted too, and exports are encrypted with age (“age -d” opens them with the same passphrase).")
	} else {
		p.state.SetText("Anyone who can open your user account can open this data. With a passphrase, everything Keel stores is encrypted and Keel asks for the passphrase when it starts.")
	}
	for _, b := range []*widget.Button{p.change, p.off, p.lockNow} {
		if enc {
			b.Show()
		} else {
			b.Hide()
		}
	}
	if enc {
		p.on.Hide()
		p.idle.Enable()
	} else {
		p.on.Show()
		p.idle.Disable()
	}
	p.idle.SetSelected(lockLabel(p.prefs.IntWithFallback(prefLockMinutes, defaultLock)))
}

// passwordRow is a password entry with its label, for the passphrase dialogs: a short
// placeholder in the entry, and a hint under it, where a longer one wraps (in the
// entry it would be cut off).
func passwordRow(label, placeholder, hint string) (*textEntry, *fieldRow) {
	e := newPasswordEntry()
	e.SetPlaceHolder(placeholder)
	return e, newFieldRow(label, e, hint)
}

// passphraseDialog is a dialog with passphrase fields and a message line.
type passphraseDialog struct {
	dlg *dialog.CustomDialog
	msg *widget.Label
	ok  *widget.Button
}

func newPassphraseDialog(win fyne.Window, title, okText string, intro fyne.CanvasObject, rows []*fieldRow, extra fyne.CanvasObject, onOK func(d *passphraseDialog)) *passphraseDialog {
	d := &passphraseDialog{msg: &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}}
	objs := []fyne.CanvasObject{intro, formGrid(rows...)}
	if extra != nil {
		objs = append(objs, extra)
	}
	objs = append(objs, d.msg)
	d.ok = &widget.Button{Text: okText, Importance: widget.HighImportance, OnTapped: func() { onOK(d) }}
	cancel := &widget.Button{Text: "Cancel"}
	d.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(objs...), win)
	cancel.OnTapped = d.dlg.Hide
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, d.ok})
	submitOnEnter(container.NewVBox(objs...), d.ok)
	d.dlg.Resize(fyne.NewSize(560, 200))
	d.dlg.Show()
	return d
}

func (p *privacySection) onEnable() {
	pass, passRow := passwordRow("Passphrase", "", "At least 8 characters; a few unrelated words work well.")
	again, againRow := passwordRow("Again", "Type it once more", "")
	understand := widget.NewCheck("I understand that if I forget the passphrase, nobody can recover my data.", nil)
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Keel will encrypt everything it stores, and its backups, with this passphrase. " +
		"There is no recovery without it: not by Keel, not by anyone. Write it down somewhere safe."}
	newPassphraseDialog(p.win, "Protect with a passphrase", "Encrypt my data", intro, []*fieldRow{passRow, againRow}, understand, func(d *passphraseDialog) {
		switch {
		case pass.Text != again.Text:
			d.msg.SetText("The two passphrases are different.")
		case seal.CheckPassphrase(pass.Text) != nil:
			d.msg.SetText(model.Sentence(seal.CheckPassphrase(pass.Text).Error()))
		case !understand.Checked:
			d.msg.SetText("Tick the box to confirm that the passphrase cannot be recovered.")
		default:
			secret := []byte(pass.Text) // wiped once used; the fields' strings cannot be (lockScreen.onUnlock)
			pass.SetText("")
			again.SetText("")
			d.dlg.Hide()
			p.nav.Busy("Encrypting your data", func() error {
				defer wipe(secret)
				return p.st.EnableEncryption(secret)
			}, func(err error) {
				if err != nil {
					showError(p.win, err)
				} else {
					dialog.ShowInformation("Encrypted", "Your data and its backups are now encrypted. Keel will ask for the passphrase when it starts.", p.win)
				}
				p.refresh()
			})
		}
	})
}

func (p *privacySection) onChange() {
	old, oldRow := passwordRow("Current", "", "")
	pass, passRow := passwordRow("New", "", "At least 8 characters; a few unrelated words work well.")
	again, againRow := passwordRow("Again", "", "")
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Only the passphrase changes; your data stays as it is."}
	newPassphraseDialog(p.win, "Change the passphrase", "Change", intro, []*fieldRow{oldRow, passRow, againRow}, nil, func(d *passphraseDialog) {
		switch {
		case pass.Text != again.Text:
			d.msg.SetText("The two new passphrases are different.")
		case seal.CheckPassphrase(pass.Text) != nil:
			d.msg.SetText(model.Sentence(seal.CheckPassphrase(pass.Text).Error()))
		default:
			o, n := []byte(old.Text), []byte(pass.Text)
			d.ok.Disable()
			p.nav.Busy("Changing the passphrase", func() error {
				defer wipe(o)
				defer wipe(n)
				return p.st.ChangePassphrase(o, n)
			}, func(err error) {
				d.ok.Enable()
				switch {
				case errors.Is(err, model.ErrWrongPassphrase):
					d.msg.SetText("The current passphrase is not right; nothing changed.")
				case err != nil:
					d.dlg.Hide()
					showError(p.win, err)
				default:
					d.dlg.Hide()
					dialog.ShowInformation("Passphrase changed", "Use the new passphrase from now on.", p.win)
				}
			})
		}
	})
}

func (p *privacySection) onDisable() {
	pass, passRow := passwordRow("Passphrase", "", "")
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Your data and its backups will be stored unencrypted again, readable by anyone who can open your user account."}
	newPassphraseDialog(p.win, "Remove the passphrase", "Remove it", intro, []*fieldRow{passRow}, nil, func(d *passphraseDialog) {
		secret := []byte(pass.Text)
		d.ok.Disable()
		p.nav.Busy("Decrypting your data", func() error {
			defer wipe(secret)
			return p.st.DisableEncryption(secret)
		}, func(err error) {
			d.ok.Enable()
			switch {
			case errors.Is(err, model.ErrWrongPassphrase):
				d.msg.SetText("That passphrase is not right; nothing changed.")
			case err != nil:
				d.dlg.Hide()
				showError(p.win, err)
			default:
				d.dlg.Hide()
			}
			p.refresh()
		})
	})
}
