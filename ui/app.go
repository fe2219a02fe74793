// Package ui is Keel's window: one file per screen, each holding its widgets and
// talking to the store through plain method calls. A screen gets what it needs (the
// store, the window, a navigator, sometimes the preferences), never the whole UI;
// anything that crosses from one screen to another goes through the navigator.
package ui

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// ScreenID names a screen of the sidebar, in sidebar order.
type ScreenID int

// The screens of the sidebar.
const (
	ScreenToday ScreenID = iota
	ScreenSessions
	ScreenPrepare
	ScreenQuestionnaires
	ScreenJournal
	ScreenProgress
	ScreenWhatHelps
	ScreenData
	ScreenSettings
	ScreenHelp
	screenCount
)

// navigator is how a screen asks for anything outside itself: another screen, a
// dialog that belongs to no screen, or telling the others that records changed.
type navigator interface {
	// Show switches to screen id.
	Show(id ScreenID)
	// NewSession opens the Sessions form for a session that has just happened, or
	// with planned for one coming up.
	NewSession(planned bool)
	// PrepareSession shows the Prepare screen on the planned session with that ID.
	PrepareSession(id uint64)
	// WriteJournal starts a journal entry about a session (0: none) with a prompt.
	WriteJournal(sessionID uint64, prompt string)
	// StartQuestionnaire opens a questionnaire; the screens that show scores are
	// refreshed once it is saved.
	StartQuestionnaire(in *model.Instrument)
	// AnswerFollowUp opens a follow-up; onSaved runs once it is saved.
	AnswerFollowUp(f model.FollowUp, onSaved func())
	// ShowCrisis shows the crisis card, opened by the person.
	ShowCrisis()
	// ShowCrisisForAnswer shows the crisis card for an answer above 0 to PHQ-9 item 9.
	ShowCrisisForAnswer()
	// Lock locks an encrypted store and shows the unlock screen.
	Lock()
	// OpenDataFolder opens the data folder in the system's file manager.
	OpenDataFolder()
	// ScoresChanged refreshes the screens that show questionnaire scores.
	ScoresChanged()
	// SettingsChanged refreshes the screens that depend on the settings.
	SettingsChanged()
	// RecordsChanged refreshes every screen already built (after an import or a
	// restore).
	RecordsChanged()
	// Busy runs work off the window's goroutine behind a progress dialog, then done
	// with its error on the window's goroutine.
	Busy(title string, work func() error, done func(error))
	// InBackground runs work off the window's goroutine without a dialog (for a
	// screen that says it is working), then done on the window's goroutine.
	InBackground(work func() error, done func(error))
}

// view is what the UI keeps of a built screen: its content and how to reload it
// from the store when it is shown again.
type view struct {
	content fyne.CanvasObject
	reload  func()
}

// screenSpec is one entry of the sidebar. Its screen is built the first time it is
// shown, so start-up only pays for the first screen.
type screenSpec struct {
	id    ScreenID
	title string
	icon  fyne.Resource
	build func() view
}

// UI is Keel's main window and the screens in it. It is the navigator.
type UI struct {
	app   fyne.App
	win   fyne.Window
	store *store.Store
	prefs *prefs
	specs []screenSpec
	views map[ScreenID]view
	nav   *widget.List
	body  *fyne.Container
	// current is the screen shown, -1 before the first.
	current ScreenID

	today    *todayScreen
	sessions *sessionsScreen
	prepare  *prepareScreen
	scores   *scoresScreen
	journal  *journalScreen
	settings *settingsScreen
	data     *dataScreen
	progress *progressScreen
	helps    *helpsScreen

	helpBtn *widget.Button
	brand   *widget.Label
	// narrow is set while the window is too narrow for the sidebar's names: it shows
	// their icons only.
	narrow     bool
	bodyScroll *container.Scroll
	sideRule   *widget.Separator
	main       fyne.CanvasObject
	banner     *fyne.Container
	pending    []model.Reminder
	// stop ends the background watchers when the window changes to another store.
	stop chan struct{}
	// real is the user's own store while the window shows the demo.
	real       *store.Store
	lock       *lockScreen
	lastActive atomic.Int64
	backedUp   sync.Once
	// async runs long work off the UI goroutine (tests run it in place).
	async func(func())
}

// New builds the main window over st, with the preferences p. Nothing is shown until
// ShowAndRun.
func New(a fyne.App, st *store.Store, p *prefs) *UI {
	// The theme before the window: changing it afterwards lays everything out again.
	if background {
		followSystemTheme(a, p)
	}
	a.Settings().SetTheme(themeFor(p.StringWithFallback(prefTheme, themeSystem)))
	return build(a, st, p, a.NewWindow("Keel"))
}

// spawn runs long work off the UI goroutine; it is every new UI's async, set before
// its screens are built, since building them may start work. Tests run it in place:
// the test driver's fyne.Do runs its function where it is called.
var spawn = func(f func()) { go f() }

// build fills the window w with Keel's screens over st.
func build(a fyne.App, st *store.Store, p *prefs, w fyne.Window) *UI {
	u := &UI{app: a, store: st, prefs: p, current: -1, async: spawn, win: w,
		stop: make(chan struct{}), views: map[ScreenID]view{}}
	active.Store(u)
	u.specs = []screenSpec{
		{ScreenToday, "Today", theme.HomeIcon(), func() view {
			u.today = newTodayScreen(st, w, u)
			return view{u.today.content, u.today.refresh}
		}},
		{ScreenSessions, "Sessions", theme.CalendarIcon(), func() view {
			u.sessions = newSessionsScreen(st, w, u)
			return view{u.sessions.content, u.sessions.reload}
		}},
		{ScreenPrepare, "Prepare", theme.ListIcon(), func() view {
			u.prepare = newPrepareScreen(st, w, u)
			return view{u.prepare.content, func() { u.prepare.reload(u.prepare.current.ID) }}
		}},
		{ScreenQuestionnaires, "Questionnaires", theme.DocumentIcon(), func() view {
			u.scores = newScoresScreen(st, w, u)
			return view{u.scores.content, u.scores.reload}
		}},
		{ScreenJournal, "Journal", theme.DocumentCreateIcon(), func() view {
			u.journal = newJournalScreen(st, w, u)
			return view{u.journal.content, u.journal.reload}
		}},
		{ScreenProgress, "Progress", theme.GridIcon(), func() view {
			u.progress = newProgressScreen(st, w, u)
			return view{u.progress.content, u.progress.reload}
		}},
		{ScreenWhatHelps, "What helps", theme.SearchIcon(), func() view {
			u.helps = newHelpsScreen(st, w, u)
			return view{u.helps.content, u.helps.reload}
		}},
		{ScreenData, "Your data", theme.StorageIcon(), func() view {
			u.data = newDataScreen(st, w, u)
			return view{u.data.content, u.data.reload}
		}},
		{ScreenSettings, "Settings", theme.SettingsIcon(), func() view {
			u.settings = newSettingsScreen(st, w, u, p)
			return view{u.settings.content, u.settings.load}
		}},
		{ScreenHelp, "Help", theme.HelpIcon(), func() view { return view{content: newHelpScreen(st, w, u)} }},
	}
	u.body = container.New(&bodyLayout{relayout: func() {
		if u.bodyScroll != nil {
			u.bodyScroll.Refresh()
		}
	}})
	u.nav = widget.NewList(
		func() int { return len(u.specs) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("Screen name")
			if u.narrow {
				name.Hide()
			}
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), name)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(u.specs[id].icon)
			name := row.Objects[1].(*widget.Label)
			name.SetText(u.specs[id].title)
			name.Hidden = u.narrow
		},
	)
	u.nav.OnSelected = func(id widget.ListItemID) { u.touch(); u.Show(ScreenID(id)) }
	u.helpBtn = &widget.Button{Text: helpNowText, Icon: theme.InfoIcon(), Importance: widget.WarningImportance, OnTapped: u.ShowCrisis}
	u.brand = widget.NewLabelWithStyle("Keel", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.sideRule = widget.NewSeparator()
	side := newBorder(container.NewPadded(u.brand), container.NewPadded(u.helpBtn), nil, nil, u.nav)
	u.banner = container.NewStack()
	u.banner.Hide()
	// The screen scrolls inside the window rather than forcing the window wider or
	// taller than the screen (a small screen, a large scale): the window never grows
	// past the size it opened at, so its dialogs stay on screen.
	u.bodyScroll = container.NewScroll(u.body)
	u.main = newShell(u.banner, container.NewHBox(side, u.sideRule), u.bodyScroll, narrowWindow, u.setNarrow)
	u.win.SetTitle("Keel")
	// Every screen fits 1024x700, the window for a 1024x768 screen; the window opens
	// at that size, or smaller on a smaller screen (see windowSize).
	u.win.Resize(windowSize(designSize))
	u.addShortcuts()
	// Build the first screen before the content goes into the window, so the window
	// lays out once.
	switch {
	case st.Locked():
		u.win.SetContent(u.main)
		u.showLock() // nothing is read until the passphrase is given
	case u.needsWelcome():
		u.win.SetContent(u.welcome())
	default:
		u.drawDemoBanner()
		u.Show(ScreenToday)
		u.win.SetContent(u.main)
	}
	u.drawReadOnlyBanner()
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
	if background {
		u.startDesktop() // before the loop: Fyne starts the tray only as the loop starts
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
	if u.store.IsDemo() || u.store.ReadOnly() {
		return
	}
	u.backedUp.Do(func() {
		u.async(func() {
			if _, err := u.store.AutoBackup(); err != nil {
				fyne.Do(func() {
					showError(u.win, fmt.Errorf("today's automatic backup failed; your data is untouched: %w", err))
				})
			}
		})
	})
}

// Show switches the body to screen id, building it on first use.
func (u *UI) Show(id ScreenID) {
	if id < 0 || id >= screenCount || id == u.current {
		return
	}
	v, built := u.views[id]
	if !built {
		v = u.specs[id].build()
		u.views[id] = v
	} else if v.reload != nil {
		v.reload()
	}
	u.current = id
	u.body.Objects = []fyne.CanvasObject{v.content}
	u.body.Refresh()
	u.bodyScroll.Offset = fyne.Position{}
	u.bodyScroll.Refresh()
	u.nav.Select(int(id))
	if !built && id == ScreenJournal {
		// Built before its content was in the window, the journal could not focus its
		// editor: the first show puts the cursor where the writing goes.
		u.win.Canvas().Focus(u.journal.text)
	}
}

// NewSession opens the Sessions form for a new session.
func (u *UI) NewSession(planned bool) {
	u.Show(ScreenSessions)
	if planned {
		u.sessions.onPlan()
		return
	}
	u.sessions.onNew()
}

// PrepareSession shows the Prepare screen on a planned session.
func (u *UI) PrepareSession(id uint64) {
	u.Show(ScreenPrepare)
	u.prepare.selectSession(id)
}

// WriteJournal starts a journal entry about a session.
func (u *UI) WriteJournal(sessionID uint64, prompt string) {
	u.Show(ScreenJournal)
	u.journal.newEntry(sessionID, prompt)
}

// StartQuestionnaire opens a questionnaire and refreshes the scores once it is saved.
func (u *UI) StartQuestionnaire(in *model.Instrument) {
	startQuestionnaire(u.store, u.win, u, in, func(model.Response) { u.ScoresChanged() })
}

// AnswerFollowUp opens a follow-up.
func (u *UI) AnswerFollowUp(f model.FollowUp, onSaved func()) {
	showFollowUp(u.store, u.win, u, f, onSaved)
}

// ShowCrisis shows the crisis card, opened by the person (a button, the shortcut).
func (u *UI) ShowCrisis() { showCrisisCard(u.store, u.win, model.OpenedByPerson) }

// ShowCrisisForAnswer shows the crisis card worded for an answer to PHQ-9 item 9.
func (u *UI) ShowCrisisForAnswer() { showCrisisCard(u.store, u.win, model.OpenedByAnswer) }

// Lock locks an encrypted store and shows the unlock screen.
func (u *UI) Lock() { u.showLock() }

// ScoresChanged redraws the screens that show questionnaire scores.
func (u *UI) ScoresChanged() {
	if u.scores != nil {
		u.scores.reload()
	}
	if u.today != nil {
		u.today.refresh()
	}
}

// SettingsChanged redraws the screens that depend on the settings.
func (u *UI) SettingsChanged() { u.ScoresChanged() }

// RecordsChanged reloads every screen already built from the store, after a change
// that touches everything (an import, a restore).
func (u *UI) RecordsChanged() {
	for id, v := range u.views {
		if v.reload != nil && id != u.current {
			v.reload()
		}
	}
}

// Busy runs work off the UI goroutine behind a modal progress dialog, then calls done
// with its error on the UI goroutine. The window never freezes.
func (u *UI) Busy(title string, work func() error, done func(error)) {
	busy(u.win, u.async, title, work, done)
}

// InBackground runs work off the UI goroutine, then done on it.
func (u *UI) InBackground(work func() error, done func(error)) {
	u.async(func() {
		err := work()
		fyne.Do(func() { done(err) })
	})
}

// helpNowText is the crisis button's label; in a narrow window it says less.
const (
	helpNowText       = "Need help now?"
	helpNowNarrowText = "Help now"
)

// narrowWindow is the window width, in points, below which the sidebar shows its
// screens' icons only, leaving the screen the room.
const narrowWindow = 800

// shellLayout lays out the main window: the banner across the top, the sidebar at the
// left and the screen in the rest. Before laying out it tells setNarrow whether the
// width is below narrowBelow, so that the sidebar can change its own size first.
type shellLayout struct {
	border      fyne.Layout // of banner, sidebar and screen
	side        fyne.CanvasObject
	narrowBelow float32
	setNarrow   func(bool)
}

// newShell lays out banner, side and screen (see shellLayout).
func newShell(banner, side, screen fyne.CanvasObject, narrowBelow float32, setNarrow func(bool)) *fyne.Container {
	l := &shellLayout{border: layout.NewBorderLayout(banner, nil, side, nil), side: side, narrowBelow: narrowBelow, setNarrow: setNarrow}
	return container.New(l, banner, side, screen)
}

func (l *shellLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.setNarrow(size.Width < l.narrowBelow)
	screenWidth = size.Width - l.side.MinSize().Width - theme.Padding()
	l.border.Layout(objs, size)
}

func (l *shellLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return l.border.MinSize(objs) }

// setNarrow shows the sidebar with its names, or with icons only.
func (u *UI) setNarrow(narrow bool) {
	if narrow == u.narrow {
		return
	}
	u.narrow = narrow
	u.brand.Hidden = narrow
	u.sideRule.Hidden = narrow // the room it and its padding take goes to the screen
	u.helpBtn.Text, u.helpBtn.Icon = helpNowText, theme.InfoIcon()
	if narrow {
		u.helpBtn.Text, u.helpBtn.Icon = helpNowNarrowText, nil
	}
	u.helpBtn.Refresh()
	u.nav.Refresh()
}
