package ui

import (
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const helpText = `Keel is a private companion for people in ketamine therapy. It helps you log each session, notice what happens in the days after, and see honestly, week by week, whether the treatment is working.

**Your data stays on this computer.** Keel never sends anything over the network. Everything you enter is kept in one database file, shown below, that only your user account can read.

**Keel is not a medical device.** It gives no advice on doses or how often to have sessions, and a score in Keel is not a diagnosis. Bring what you see here to your care team.

**Keyboard**

- Ctrl+N: log a new session
- Ctrl+S: save the form you are editing
- Esc: cancel the form or close a dialog`

func (u *UI) buildHelp() fyne.CanvasObject {
	text := widget.NewRichTextFromMarkdown(helpText)
	text.Wrapping = fyne.TextWrapWord
	path := &widget.Label{Text: u.store.Path(), Selectable: true, Wrapping: fyne.TextWrapBreak}
	copyPath := widget.NewButtonWithIcon("Copy path", theme.ContentCopyIcon(), func() {
		u.app.Clipboard().SetContent(u.store.Path())
	})
	openFolder := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() {
		if dir, err := url.Parse(storage.NewFileURI(filepath.Dir(u.store.Path())).String()); err == nil {
			u.app.OpenURL(dir)
		}
	})
	body := container.NewVBox(
		heading("About Keel"),
		text,
		heading("Where your data is"),
		path,
		container.NewHBox(copyPath, openFolder),
	)
	return container.NewVScroll(container.NewPadded(body))
}
