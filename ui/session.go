package ui

import (
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fynedesk "fyne.io/fyne/v2/driver/desktop"

	"keel/model"
	"keel/model/cli"
	"keel/model/store"
	sysdesk "keel/ui/desktop"
)

// active is the window's UI now: entering or leaving the demo builds another one
// over the same window, and what outlives a UI (the tray, the notifications, the
// screen-lock watch, the second launch) talks to this one.
var active atomic.Pointer[UI]

// proc holds what Keel keeps for the life of the process, outside the window: the
// watchers to stop on quit, the notifier, whether the tray icon is up.
var proc struct {
	mu    sync.Mutex
	stops []func()
	// notifier sends reminders that open their screen when clicked (nil: Fyne's
	// plain notifications).
	notifier reminderNotifier
	// tray is set once the tray icon was set up before the window loop started.
	tray bool
}

// reminderNotifier is sysdesk.Notifier (tests give their own).
type reminderNotifier interface {
	Notify(title, body string, expire time.Duration, onClick func()) (uint32, error)
}

// notifyExpiry is how long a reminder stays on screen: long enough to be seen after
// a short break, and it is in the tray's list until done.
const notifyExpiry = 10 * time.Minute

// onQuit adds a clean-up for Quit.
func onQuit(stop func()) {
	proc.mu.Lock()
	defer proc.mu.Unlock()
	proc.stops = append(proc.stops, stop)
}

// exit ends the process; tests replace it.
var exit = os.Exit

// Quit ends Keel from anywhere (the window's close button without the tray, the tray
// menu, Ctrl+Q, SIGTERM): what is being typed is kept as a draft, the watchers and
// the instance socket are closed, the database is closed, and the process exits 0.
//
// It exits itself rather than returning to Fyne's loop: Fyne 2.8.1's shutdown races
// its own event queue against the closed main queue ("send on closed channel", exit
// 2) and stops a tray that may never have reached the bus.
func (u *UI) Quit() {
	if !u.store.Locked() {
		flushDrafts(u.store)
	}
	proc.mu.Lock()
	stops := proc.stops
	proc.stops = nil
	proc.mu.Unlock()
	for i := len(stops) - 1; i >= 0; i-- {
		stops[i]()
	}
	if quitClosesStores {
		if u.real != nil {
			closeLogged(u.real, "the database")
		}
		closeLogged(u.store, "the database")
	}
	exit(0)
}

// quitClosesStores is false in tests, which close their stores themselves.
var quitClosesStores = true

// hasTrayHost reports whether the desktop shows tray icons, asked once (tests
// replace it).
var hasTrayHost = sync.OnceValue(sysdesk.TrayHostAvailable)

// startDesktop joins the desktop before the window loop starts: the tray (Fyne starts
// it only with the loop), the clickable notifications, the screen-lock watch, the
// signals that end Keel, and the color scheme. Tests do not call it.
func (u *UI) startDesktop() {
	if _, ok := u.app.(fynedesk.App); ok && hasTrayHost() {
		proc.tray = true
		u.updateTray()
	}
	if n, err := sysdesk.NewNotifier(cli.AppID, cli.AppID); err == nil {
		proc.notifier = n
		onQuit(n.Close)
	}
	if err := watchScreenLock(); err != nil {
		fyne.LogError("Keel will not lock when the screen locks", err)
	}
	u.catchSignals()
}

// watchScreenLock locks the window's encrypted store when the screen locks or the
// machine goes to sleep (ui/desktop.WatchLock: Linux for now).
func watchScreenLock() error {
	stop, err := sysdesk.WatchLock(func(e sysdesk.Event) {
		fyne.Do(func() {
			if a := active.Load(); a != nil {
				a.lockForDesktop(e)
			}
		})
	})
	if err != nil {
		return err
	}
	onQuit(stop)
	return nil
}

// catchSignals makes SIGINT and SIGTERM (a logout, `kill`) go through Quit. Fyne
// catches them too and quits through its own racy shutdown, so once the loop runs
// (Fyne has subscribed by then) its subscription is dropped for Keel's.
func (u *UI) catchSignals() {
	u.app.Lifecycle().SetOnStarted(func() {
		signal.Reset(syscall.SIGINT, syscall.SIGTERM)
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
		signalsCaught.Store(true)
		go func() {
			<-sig
			fyne.Do(func() { active.Load().Quit() })
		}()
	})
}

// signalsCaught is set once SIGINT and SIGTERM go through Quit.
var signalsCaught atomic.Bool

// lockForDesktop locks an encrypted store when the screen locks or the machine goes
// to sleep. Behind the demo, the person's own encrypted store is locked too.
func (u *UI) lockForDesktop(sysdesk.Event) {
	if u.real != nil && u.real.Encrypted() && !u.real.Locked() {
		flushDrafts(u.real)
		u.real.Lock()
	}
	if u.store.Encrypted() && !u.store.Locked() {
		u.showLock()
	}
}

// listenForSecondLaunch lets a second Keel on the same data folder bring this
// window to the front instead of stopping at "already running".
func listenForSecondLaunch(dir string) {
	stop, err := sysdesk.ListenInstance(dir, func() {
		fyne.Do(func() {
			if a := active.Load(); a != nil {
				a.bringToFront()
			}
		})
	})
	if err != nil {
		fyne.LogError("A second Keel will not find this one", err)
		return
	}
	onQuit(stop)
}

// bringToFront shows the window, also from the tray.
func (u *UI) bringToFront() {
	u.win.Show()
	u.win.RequestFocus()
}

// notify sends a reminder as a desktop notification that opens its screen when
// clicked, and expires; without the freedesktop service, a plain one through Fyne.
func (u *UI) notify(r model.Reminder) {
	if n := proc.notifier; n != nil {
		_, err := n.Notify(r.Title, r.Body, notifyExpiry, func() {
			fyne.Do(func() {
				if a := active.Load(); a != nil {
					a.openReminder(r)
				}
			})
		})
		if err == nil {
			return
		}
	}
	u.app.SendNotification(fyne.NewNotification(r.Title, r.Body))
}

// updateTray sets the system tray menu (trayMenu). The tray is there only when a
// tray host was found before the window loop started.
func (u *UI) updateTray() {
	desk, ok := u.app.(fynedesk.App)
	if !ok || !proc.tray {
		return
	}
	// No SetSystemTrayIcon: the tray takes the app's icon (set in run) when it is
	// ready, on its own goroutine, and Fyne 2.8.1 keeps the icon in a variable that a
	// call from here would write at the same time (a data race under -race).
	desk.SetSystemTrayMenu(u.trayMenu())
}

// trayMenu is the tray's menu: open Keel, what is pending, the crisis card, quit.
func (u *UI) trayMenu() *fyne.Menu {
	items := []*fyne.MenuItem{fyne.NewMenuItem("Open Keel", u.bringToFront)}
	if len(u.pending) > 0 {
		items = append(items, fyne.NewMenuItemSeparator())
	}
	for _, r := range u.pending {
		items = append(items, fyne.NewMenuItem(strings.TrimSpace(r.Title), func() { u.openReminder(r) }))
	}
	help := fyne.NewMenuItem("Need help now?", func() {
		a := active.Load()
		a.bringToFront()
		a.showCrisisOnce()
	})
	items = append(items, fyne.NewMenuItemSeparator(), help)
	quit := fyne.NewMenuItem("Quit", func() { active.Load().Quit() })
	quit.IsQuit = true
	items = append(items, fyne.NewMenuItemSeparator(), quit)
	return fyne.NewMenu("Keel", items...)
}

// closeRequested is the window's close button: with "Keep Keel in the tray" and a
// tray icon up, the window hides; otherwise Keel quits. Never a hidden window
// without an icon to bring it back.
func (u *UI) closeRequested() {
	if !u.store.Locked() {
		flushDrafts(u.store)
	}
	if proc.tray && u.prefs.Bool(prefStayInTray) {
		u.win.Hide()
		return
	}
	u.Quit()
}

// dataFolder is the data folder Keel was started on, where its preferences are
// (the demo's database is in a folder inside it).
func dataFolder(p *prefs, st *store.Store) string {
	if p.path != "" {
		return filepath.Dir(p.path)
	}
	return filepath.Dir(st.Path())
}
