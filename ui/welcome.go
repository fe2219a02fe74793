package ui

import (
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/assets"
	"keel/model/demo"
	"keel/model/store"
)

// prefWelcomed is set once the first-run welcome has been answered.
const prefWelcomed = "welcomed"

// DemoFolder is where "Try it with demo data" keeps its database: a folder of its own
// beside the real data, so demo records never mix with the user's.
const DemoFolder = "demo"

// needsWelcome reports whether to show the first-run welcome: never answered, and
// nothing recorded yet.
func (u *UI) needsWelcome() bool {
	if u.prefs.Bool(prefWelcomed) || u.store.Locked() || u.store.IsDemo() {
		return false
	}
	empty, err := u.store.IsEmpty()
	return err == nil && empty
}

// welcome is the first-run screen: what Keel is for, what it is not, where the data
// stays, and two ways in.
func (u *UI) welcome() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(88, 88))
	text := widget.NewRichTextFromMarkdown(fmt.Sprintf(`Keel is a private companion for ketamine therapy. It helps you prepare for each session, notice what happens in the days after, and see honestly, week by week, whether the treatment is working, with the standard questionnaires your clinician knows.

**Keel is not a medical device.** It never advises on doses or how often to have sessions, and a score is not a diagnosis. Bring what you see here to your care team.

**Everything stays on this computer.** Keel sends nothing over the network. Your data is kept in one file that only your user account can read, and you can protect it with a passphrase in Settings:

%s`, "`"+u.store.Path()+"`"))
	text.Wrapping = fyne.TextWrapWord
	country := u.welcomeCountry()
	fresh := &widget.Button{Text: "Start fresh", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: func() {
		if !u.saveCountry(u.store, country.code()) {
			return
		}
		u.prefs.SetBool(prefWelcomed, true)
		u.showMain()
	}}
	demo := &widget.Button{Text: "Try it with demo data", Icon: theme.MediaPlayIcon(), OnTapped: func() {
		if !u.saveCountry(u.store, country.code()) {
			return
		}
		u.prefs.SetBool(prefWelcomed, true)
		u.enterDemo()
	}}
	hint := hintText("Demo data lives in a folder of its own and is marked as demo in the title bar. You can leave it any time; your own data starts empty.")
	body := container.NewVBox(
		container.NewCenter(icon),
		&widget.Label{Text: "Welcome to Keel", Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText},
		text,
		formGrid(newFieldRow("Your country", country.sel, "For the crisis lines Keel shows when you need them. Guessed from your system; you can change it in Settings.")),
		container.NewHBox(layout.NewSpacer(), demo, fresh, layout.NewSpacer()),
		hint,
		container.NewCenter(&widget.Button{Text: "Need help now?", Icon: theme.InfoIcon(), Importance: widget.WarningImportance, OnTapped: u.ShowCrisis}),
	)
	// A column 680 wide, or the window's width in a small window, which scrolls when
	// the window is short (a small screen, a large scale).
	return container.NewVScroll(container.New(&columnLayout{width: 680}, container.NewPadded(body)))
}

// enterDemo switches the window to the demo database (filled on first use), keeping
// the real store open to come back to.
func (u *UI) enterDemo() {
	dir := filepath.Join(filepath.Dir(u.store.Path()), DemoFolder)
	ds, err := store.Open(store.DataFile(dir), store.Options{})
	if err != nil {
		showError(u.win, err)
		return
	}
	if empty, _ := ds.IsEmpty(); empty {
		if err := ds.Add(demo.Demo(time.Now(), 1, uint64(time.Now().UnixNano()))); err != nil {
			closeLogged(ds, "the demo database")
			showError(u.win, err)
			return
		}
	}
	if err := ds.MarkDemo(); err != nil {
		closeLogged(ds, "the demo database")
		showError(u.win, err)
		return
	}
	if rs, err := u.store.Settings(); err == nil && rs.Country != "" {
		_ = u.saveCountry(ds, rs.Country) // the demo's card shows the person's country; an error is shown
	}
	close(u.stop)
	nu := build(u.app, ds, u.prefs, u.win)
	nu.real = u.store
	nu.async = u.async
	nu.drawDemoBanner()
	nu.watchIdle()
	nu.watchReminders()
}

// leaveDemo closes the demo database and shows the user's own data again.
func (u *UI) leaveDemo() {
	real := u.real
	if real == nil {
		return
	}
	close(u.stop)
	closeLogged(u.store, "the demo database")
	nu := build(u.app, real, u.prefs, u.win)
	nu.async = u.async
	nu.watchIdle()
	nu.watchReminders()
	nu.autoBackup()
}

// drawDemoBanner says, above every screen, that the data is made up.
func (u *UI) drawDemoBanner() {
	if !u.store.IsDemo() {
		u.banner.Hide()
		return
	}
	u.win.SetTitle("Keel — demo data")
	text := &widget.Label{Text: "Demo data: made up to show how Keel works. Nothing here is yours, and no reminders are sent.", Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	var right fyne.CanvasObject
	if u.real != nil {
		right = &widget.Button{Text: "Leave the demo", Icon: theme.LogoutIcon(), OnTapped: u.leaveDemo}
	}
	u.banner.Objects = []fyne.CanvasObject{container.NewPadded(newBorder(nil, nil, nil, right, text))}
	u.banner.Show()
	u.banner.Refresh()
}

// welcomeCountry is the welcome screen's country list, on the country already
// chosen or the system locale's guess.
func (u *UI) welcomeCountry() *countryPicker {
	code := ""
	if s, err := u.store.Settings(); err == nil {
		code = s.Country
	}
	return newCountryPicker(code, nil)
}

// saveCountry keeps the country chosen on the welcome screen in st's settings; false
// (with the error shown) when it could not be saved.
func (u *UI) saveCountry(st *store.Store, code string) bool {
	s, err := st.Settings()
	if err == nil && s.Country != code {
		s.Country = code
		err = st.SaveSettings(s)
	}
	if err != nil {
		showError(u.win, err)
		return false
	}
	return true
}
