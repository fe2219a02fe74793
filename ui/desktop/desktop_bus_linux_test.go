package desktop

import (
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
)

// serve exports obj at path under name on a connection of its own, as a desktop
// service would.
func serveOnBus(t *testing.T, name string, path dbus.ObjectPath, iface string, obj any) *dbus.Conn {
	t.Helper()
	c := bus(t)
	if err := c.Export(obj, path, iface); err != nil {
		t.Fatal(err)
	}
	if reply, err := c.RequestName(name, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName(%s) = %v, %v", name, reply, err)
	}
	return c
}

// TestOnBusTrayHost: the tray is offered only when the StatusNotifier watcher says
// a host is registered.
func TestOnBusTrayHost(t *testing.T) {
	if TrayHostAvailable() {
		t.Fatal("TrayHostAvailable() with no watcher on the bus = true")
	}
	c := bus(t)
	props, err := prop.Export(c, notifierWatcherPath, prop.Map{
		notifierWatcher: {notifierHostProp: {Value: false, Writable: false, Emit: prop.EmitTrue}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.RequestName(notifierWatcher, dbus.NameFlagDoNotQueue); err != nil {
		t.Fatal(err)
	}
	if TrayHostAvailable() {
		t.Error("TrayHostAvailable() with a watcher but no host = true")
	}
	props.SetMust(notifierWatcher, notifierHostProp, true)
	if !TrayHostAvailable() {
		t.Error("TrayHostAvailable() with a registered host = false")
	}
}

// fakePortal is the settings portal's color-scheme. The bus calls its methods on
// its own goroutines while the test changes it, hence the lock.
type fakePortal struct {
	mu     sync.Mutex
	scheme uint32
	oldAPI bool // only Read, as portals before version 2
}

// set changes what the portal answers.
func (p *fakePortal) set(oldAPI bool, scheme uint32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.oldAPI, p.scheme = oldAPI, scheme
}

func (p *fakePortal) ReadOne(ns, key string) (dbus.Variant, *dbus.Error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.oldAPI {
		return dbus.Variant{}, dbus.NewError("org.freedesktop.DBus.Error.UnknownMethod", nil)
	}
	if ns != appearanceNS || key != colorSchemeKey {
		return dbus.Variant{}, dbus.NewError("org.freedesktop.portal.Error.NotFound", nil)
	}
	return dbus.MakeVariant(p.scheme), nil
}

func (p *fakePortal) Read(ns, key string) (dbus.Variant, *dbus.Error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ns != appearanceNS || key != colorSchemeKey {
		return dbus.Variant{}, dbus.NewError("org.freedesktop.portal.Error.NotFound", nil)
	}
	return dbus.MakeVariant(dbus.MakeVariant(p.scheme)), nil
}

// TestOnBusColorScheme: the portal's color-scheme is read at start (ReadOne, or
// the older Read) and followed live through SettingChanged; other settings, and
// anything after stop, are ignored.
func TestOnBusColorScheme(t *testing.T) {
	if _, _, err := WatchColorScheme(func(ColorScheme) {}); err == nil {
		t.Error("WatchColorScheme without a portal returned no error")
	}
	portal := &fakePortal{scheme: uint32(PreferLight)}
	c := serveOnBus(t, portalName, portalPath, portalSettings, portal)
	changes := make(chan ColorScheme, 4)
	current, stop, err := WatchColorScheme(func(s ColorScheme) { changes <- s })
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if current != PreferLight {
		t.Errorf("current = %v, want light (2)", current)
	}
	emit := func(ns, key string, v any) {
		t.Helper()
		if err := c.Emit(portalPath, portalSettings+"."+settingChanged, ns, key, dbus.MakeVariant(v)); err != nil {
			t.Fatal(err)
		}
	}
	emit("org.gnome.desktop.interface", "color-scheme", "prefer-dark")
	emit(appearanceNS, "accent-color", uint32(1))
	emit(appearanceNS, colorSchemeKey, uint32(PreferDark))
	select {
	case s := <-changes:
		if s != PreferDark {
			t.Errorf("change = %v, want dark (1); other settings must not call back", s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no callback for the switch to dark")
	}
	stop()
	emit(appearanceNS, colorSchemeKey, uint32(PreferLight))
	select {
	case s := <-changes:
		t.Errorf("called back after stop with %v", s)
	case <-time.After(300 * time.Millisecond):
	}

	portal.set(true, uint32(PreferDark))
	current, stop, err = WatchColorScheme(func(ColorScheme) {})
	if err != nil {
		t.Fatal(err)
	}
	stop()
	if current != PreferDark {
		t.Errorf("with the older Read, current = %v, want dark (1)", current)
	}
}

// fakeNotifications records what Keel asks of the notification service.
type fakeNotifications struct {
	calls chan notifyCall
	next  uint32
}

type notifyCall struct {
	app, title, body string
	actions          []string
	expire           int32
}

func (f *fakeNotifications) Notify(app string, replaces uint32, icon, title, body string, actions []string,
	hints map[string]dbus.Variant, expire int32) (uint32, *dbus.Error) {
	f.next++
	f.calls <- notifyCall{app, title, body, actions, expire}
	return f.next, nil
}

// TestOnBusNotifierClick: a notification carries a default action and an expiry;
// clicking it (ActionInvoked "default") calls its own callback once, and a closed
// one's callback is forgotten.
func TestOnBusNotifierClick(t *testing.T) {
	fake := &fakeNotifications{calls: make(chan notifyCall, 4)}
	c := serveOnBus(t, notifyName, notifyPath, notifyIface, fake)
	n, err := NewNotifier("io.github.keelapp.keel", "")
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	clicked := make(chan string, 4)
	first, err := n.Notify("Check-in", "How was today?", time.Minute, func() { clicked <- "check-in" })
	if err != nil {
		t.Fatal(err)
	}
	second, err := n.Notify("PHQ-9 due", "", time.Minute, func() { clicked <- "questionnaire" })
	if err != nil {
		t.Fatal(err)
	}
	call := <-fake.calls
	if call.app != "io.github.keelapp.keel" || call.title != "Check-in" || call.expire != 60000 {
		t.Errorf("Notify sent %+v, want the app ID, the title and a 60 s expiry", call)
	}
	if len(call.actions) < 2 || call.actions[0] != "default" {
		t.Errorf("actions = %q, want a default action first", call.actions)
	}
	emit := func(member string, args ...any) {
		t.Helper()
		if err := c.Emit(notifyPath, notifyIface+"."+member, args...); err != nil {
			t.Fatal(err)
		}
	}
	emit(notifyClosed, first, uint32(2)) // dismissed: its callback goes
	emit(actionInvoked, first, "default")
	emit(actionInvoked, second, "other")
	emit(actionInvoked, second, "default")
	select {
	case what := <-clicked:
		if what != "questionnaire" {
			t.Errorf("clicked %q, want the second notification's callback only", what)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the click called nothing back")
	}
	emit(actionInvoked, second, "default") // once only
	select {
	case what := <-clicked:
		t.Errorf("called back again: %q", what)
	case <-time.After(300 * time.Millisecond):
	}
}
