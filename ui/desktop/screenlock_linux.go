package desktop

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/godbus/dbus/v5"
)

// The D-Bus signals WatchLock listens to.
const (
	// ActiveChanged(bool) on the session bus, from the freedesktop screen saver
	// interface (KDE, Xfce, Cinnamon, MATE, LXQt...) and GNOME's own.
	freedesktopScreenSaver = "org.freedesktop.ScreenSaver"
	gnomeScreenSaver       = "org.gnome.ScreenSaver"
	activeChanged          = "ActiveChanged"
	// PrepareForSleep(bool) on the system bus, from systemd-logind (or elogind):
	// true just before suspend or hibernation, false after resume.
	login1Manager   = "org.freedesktop.login1.Manager"
	prepareForSleep = "PrepareForSleep"
)

// WatchLock calls onLock when the screen locks (org.freedesktop.ScreenSaver and
// org.gnome.ScreenSaver ActiveChanged on the session bus) or the machine is about to
// sleep (org.freedesktop.login1.Manager PrepareForSleep on the system bus), until
// stop is called. onLock runs on WatchLock's own goroutine, one call at a time: to
// touch widgets, hand over to the window's goroutine (fyne.Do).
//
// It watches what it can reach: an error only when neither bus is there (no D-Bus,
// as in a bare container). It never starts a bus of its own.
func WatchLock(onLock func(Event)) (stop func(), err error) {
	var conns []*dbus.Conn
	var errs []error
	if addr := sessionBusAddress(); addr != "" {
		if c, err := dbus.Connect(addr); err == nil {
			conns = append(conns, c)
		} else {
			errs = append(errs, err)
		}
	} else {
		errs = append(errs, errors.New("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)"))
	}
	var system *dbus.Conn
	if c, err := dbus.ConnectSystemBus(); err == nil {
		system = c
	} else {
		errs = append(errs, err)
	}
	var session *dbus.Conn
	if len(conns) > 0 {
		session = conns[0]
	}
	if session == nil && system == nil {
		return func() {}, errors.Join(errs...)
	}
	return watch(session, system, onLock)
}

// sessionBusAddress is the session bus to use: $DBUS_SESSION_BUS_ADDRESS, else the
// per-user bus at $XDG_RUNTIME_DIR/bus that systemd starts; "" when there is none
// (godbus would then launch a bus with dbus-launch, which outlives Keel).
func sessionBusAddress() string {
	if addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); addr != "" {
		return addr
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		path := filepath.Join(dir, "bus")
		if _, err := os.Stat(path); err == nil { // #nosec G703 -- the session bus socket of this user's own runtime dir, only checked for existence
			return "unix:path=" + path
		}
	}
	return ""
}

// watch subscribes on session and system (either may be nil) and closes both when
// stopped.
func watch(session, system *dbus.Conn, onLock func(Event)) (func(), error) {
	signals := make(chan *dbus.Signal, 16)
	var conns []*dbus.Conn
	var errs []error
	subscribed := 0
	subscribe := func(c *dbus.Conn, iface, member string) {
		if err := c.AddMatchSignal(dbus.WithMatchInterface(iface), dbus.WithMatchMember(member)); err != nil {
			errs = append(errs, err)
		} else {
			subscribed++
		}
	}
	if session != nil {
		subscribe(session, freedesktopScreenSaver, activeChanged)
		subscribe(session, gnomeScreenSaver, activeChanged)
		session.Signal(signals)
		conns = append(conns, session)
	}
	if system != nil {
		subscribe(system, login1Manager, prepareForSleep)
		system.Signal(signals)
		conns = append(conns, system)
	}
	if subscribed == 0 {
		for _, c := range conns {
			_ = c.Close() // leaving the bus: nothing more to do if it fails
		}
		return func() {}, errors.Join(errs...)
	}
	return followSignals(conns, signals, func(sig *dbus.Signal) {
		if e, ok := lockEvent(sig); ok {
			onLock(e)
		}
	}), nil
}

// lockEvent tells whether sig means lock now: a screen saver turning on, or the
// machine about to sleep (not waking up, not the screen saver going off).
func lockEvent(sig *dbus.Signal) (Event, bool) {
	if len(sig.Body) != 1 {
		return 0, false
	}
	on, ok := sig.Body[0].(bool)
	if !ok || !on {
		return 0, false
	}
	switch sig.Name {
	case freedesktopScreenSaver + "." + activeChanged, gnomeScreenSaver + "." + activeChanged:
		return ScreenLocked, true
	case login1Manager + "." + prepareForSleep:
		return Sleeping, true
	}
	return 0, false
}
