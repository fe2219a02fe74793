package ui

import (
	"net/url"
	"path/filepath"

	"keel/assets"
	"keel/model/cli"
	"keel/model/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const helpText = `Keel is a private companion for people in ketamine therapy. It helps you log each session, prepare for the next one, notice what happens in the days after, and see honestly, week by week, whether the treatment is working.

**Your data stays on this computer.** Keel never sends anything over the network. Everything you enter is kept in one database file, shown below, that only your user account can read. Settings can protect it with a passphrase.

**Keel is not a medical device.** It gives no advice on doses or how often to have sessions, and a score in Keel is not a diagnosis. Bring what you see here to your care team.

**If you are struggling right now,** press *Need help now?* at the bottom of the sidebar.

**Keyboard** (Cmd instead of Ctrl on macOS)

- Ctrl+1 to Ctrl+9, then Ctrl+0: the screens, in sidebar order
- Ctrl+N: log a new session
- Ctrl+D: today's check-in
- Ctrl+F: search the journal
- Ctrl+S: save what you are writing (the session form, the journal entry, the check-in, a dialog's form)
- Ctrl+E or F1: the crisis card (*Need help now?*), also while Keel is locked
- Ctrl+Q: quit Keel (what you were typing is kept as a draft)
- Esc: close the dialog on top, or cancel the session form
- Enter: in a one-line field, the form's main button (Save, Unlock…)
- Tab and Shift+Tab: the next and previous field, also out of a text box
- In a questionnaire: the number keys answer with the published values, 0-3 (0-4 for the PCL-5); Backspace goes back
- While Keel is locked, only Ctrl+E, F1 and Ctrl+Q work`

// newHelpScreen is the Help screen: what Keel is and is not, the keyboard, and where
// the data is.
func newHelpScreen(st *store.Store, win fyne.Window, nav navigator) fyne.CanvasObject {
	text := widget.NewRichTextFromMarkdown(helpText)
	text.Wrapping = fyne.TextWrapWord
	path := &widget.Label{Text: st.Path(), Selectable: true, Wrapping: fyne.TextWrapBreak}
	copyPath := widget.NewButtonWithIcon("Copy path", theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(st.Path())
	})
	openFolder := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), nav.OpenDataFolder)
	body := container.NewVBox(
		heading("About Keel"),
		text,
		heading("Where your data is"),
		path,
		container.NewHBox(copyPath, openFolder),
		heading("Version and licences"),
		&widget.Label{Text: "Keel " + cli.Version(), Selectable: true},
		hintText("Keel is free software under the licence in its LICENSE file. It is built with other people's free software, each under its own licence."),
		container.NewHBox(widget.NewButtonWithIcon("Third-party notices", theme.DocumentIcon(), func() { showNotices(win) })),
	)
	return container.NewVScroll(container.NewPadded(body))
}

// OpenDataFolder opens the folder of the database in the system's file manager.
func (u *UI) OpenDataFolder() {
	if dir, err := url.Parse(storage.NewFileURI(filepath.Dir(u.store.Path())).String()); err == nil {
		if err := u.app.OpenURL(dir); err != nil {
			showError(u.win, err)
		}
	}
}

// showNotices shows the third-party notices of this build (assets.Notices: every
// module in the binary with its licence, and the fonts') in a scrolling dialog, as lines of fixed width.
func showNotices(win fyne.Window) dialog.Dialog {
	// A text grid draws only the rows in view: the notices run to thousands of lines.
	grid := widget.NewTextGridFromString(assets.Notices())
	d := dialog.NewCustom("Third-party notices", "Close", grid, win)
	size := win.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, size.Width*0.9), min(620, size.Height*0.9)))
	d.Show()
	return d
}
