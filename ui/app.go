// Package ui is Keel's window: one file per screen, each holding its widgets and
// talking to the store.Store through plain method calls.
package ui

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// screen is one entry of the sidebar. Its content is built the first time it is shown,
// so start-up only pays for the first screen.
type screen struct {
	title   string
	icon    fyne.Resource
	build   func() fyne.CanvasObject
	refresh func() // reloads from the store when the screen is shown again
	content fyne.CanvasObject
}

// UI is Keel's main window and the screens in it.
type UI struct {
	app     fyne.App
	win     fyne.Window
	store   *store.Store
	screens []*screen
	nav     *widget.List
	body    *fyne.Container
	current int

	today    *todayScreen
	sessions *sessionsScreen
	prepare  *prepareScreen
	scores   *scoresScreen
	journal  *journalScreen
	settings *settingsScreen
	data     *dataScreen
	progress *progressScreen
	// moodDialog holds the selects of the Daylio mood mapping dialog on screen.
	moodDialog []*widget.Select
	helpBtn    *widget.Button
	// keys are the window's Ctrl shortcuts by key (Fyne's test canvas cannot type one).
	keys      map[fyne.KeyName]func()
	main      fyne.CanvasObject
	banner    *fyne.Container
	pending   []model.Reminder
	trayShown bool
	// stop ends the background watchers when the window changes to another store.
	stop chan struct{}
	// real is the user's own store while the window shows the demo.
	real       *store.Store
	lock       *lockScreen
	lastActive atomic.Int64
	backedUp   sync.Once
	// async runs long work off the UI goroutine (tests run it in place).
	async func(func())
	// crisis is the crisis card last shown; followUp the follow-up dialog last opened.
	crisis   dialog.Dialog
	followUp *followUpForm
}

// New builds the main window over store. Nothing is shown until ShowAndRun.
func New(a fyne.App, store *store.Store) *UI {
	// The theme before the window: changing it afterwards lays everything out again.
	a.Settings().SetTheme(themeFor(a.Preferences().StringWithFallback(prefTheme, themeSystem)))
	return build(a, store, a.NewWindow("Keel"))
}

// build fills the window w with Keel's screens over store.
func build(a fyne.App, store *store.Store, w fyne.Window) *UI {
	u := &UI{app: a, store: store, current: -1, async: func(f func()) { go f() }, win: w, stop: make(chan struct{})}
	u.screens = []*screen{
		{title: "Today", icon: theme.HomeIcon(), build: u.buildToday, refresh: func() { u.today.refresh() }},
		{title: "Sessions", icon: theme.CalendarIcon(), build: u.buildSessions, refresh: func() { u.sessions.reload() }},
		{title: "Prepare", icon: theme.ListIcon(), build: u.buildPrepare, refresh: func() { u.prepare.reload(u.prepare.current.ID) }},
		{title: "Questionnaires", icon: theme.DocumentIcon(), build: u.buildScores, refresh: func() { u.scores.reload() }},
		{title: "Journal", icon: theme.DocumentCreateIcon(), build: u.buildJournal, refresh: func() { u.journal.reload() }},
		{title: "Progress", icon: theme.GridIcon(), build: u.buildProgress, refresh: func() { u.progress.reload() }},
		{title: "Your data", icon: theme.StorageIcon(), build: u.buildData, refresh: func() { u.data.reload() }},
		{title: "Settings", icon: theme.SettingsIcon(), build: u.buildSettings, refresh: func() { u.settings.load() }},
		{title: "Help", icon: theme.HelpIcon(), build: u.buildHelp},
	}
	u.body = container.NewStack()
	u.nav = widget.NewList(
		func() int { return len(u.screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Screen name"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(u.screens[id].icon)
			row.Objects[1].(*widget.Label).SetText(u.screens[id].title)
		},
	)
	u.nav.OnSelected = func(id widget.ListItemID) { u.touch(); u.show(id) }
	u.helpBtn = &widget.Button{Text: "Need help now?", Icon: theme.InfoIcon(), Importance: widget.WarningImportance, OnTapped: u.showCrisisCard}
	side := container.NewBorder(
		container.NewPadded(widget.NewLabelWithStyle("Keel", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		container.NewPadded(u.helpBtn), nil, nil, u.nav)
	u.banner = container.NewStack()
	u.banner.Hide()
	u.main = container.NewBorder(u.banner, nil, container.NewHBox(side, widget.NewSeparator()), nil, u.body)
	u.win.SetTitle("Keel")
	u.win.Resize(fyne.NewSize(1200, 760))
	u.addShortcuts()
	// Build the first screen before the content goes into the window, so the window
	// lays out once.
	switch {
	case store.Locked():
		u.win.SetContent(u.main)
		u.showLock() // nothing is read until the passphrase is given
	case u.needsWelcome():
		u.win.SetContent(u.welcome())
	default:
		u.drawDemoBanner()
		u.nav.Select(0)
		u.win.SetContent(u.main)
	}
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs until it is closed. The daily backup is taken
// in the background once the window is up, so it never delays the first screen.
func (u *UI) ShowAndRun() {
	u.watchIdle()
	u.watchReminders()
	if !u.store.Locked() {
		u.autoBackup()
	}
	u.win.ShowAndRun()
}

// background is false in tests, which drive the watchers by hand.
var background = true

// every calls fn on the UI goroutine every period until the window moves to another
// store.
func (u *UI) every(period time.Duration, fn func()) {
	if !background {
		return
	}
	go func() {
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-u.stop:
				return
			case <-t.C:
				fyne.Do(fn)
			}
		}
	}()
}

// autoBackup takes the daily backup in the background (see store.Store.AutoBackup);
// demo data is not backed up.
func (u *UI) autoBackup() {
	if u.store.IsDemo() {
		return
	}
	u.backedUp.Do(func() {
		u.async(func() {
			if _, err := u.store.AutoBackup(); err != nil {
				fyne.Do(func() { u.showError(fmt.Errorf("today's automatic backup failed; your data is untouched: %w", err)) })
			}
		})
	})
}

// show switches the body to screen id, building it on first use.
func (u *UI) show(id int) {
	if id == u.current {
		return
	}
	s := u.screens[id]
	if s.content == nil {
		s.content = s.build()
	} else if s.refresh != nil {
		s.refresh()
	}
	u.current = id
	u.body.Objects = []fyne.CanvasObject{s.content}
	u.body.Refresh()
	u.nav.Select(id)
}

// showScreen switches to the screen with the given title.
func (u *UI) showScreen(title string) {
	for i, s := range u.screens {
		if s.title == title {
			u.show(i)
			return
		}
	}
}

// refreshScores redraws the screens that show questionnaire scores.
func (u *UI) refreshScores() {
	if u.scores != nil {
		u.scores.reload()
	}
	if u.today != nil {
		u.today.refresh()
	}
}

// refreshAll rebuilds every screen already built from the store, after a change that
// touches everything (an import, a restore).
func (u *UI) refreshAll() {
	for i, s := range u.screens {
		if s.content != nil && s.refresh != nil && i != u.current {
			s.refresh()
		}
	}
}
