package desktop

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"keel/model/seal"
	"keel/model/store"
)

// underBus is set in the copy of the test binary that dbus-run-session starts.
const underBus = "KEEL_TEST_UNDER_DBUS"

// TestScreenLockSignalsUnderDBus runs the D-Bus tests on a private session bus of
// their own: dbus-run-session starts one, runs this test binary inside it, and stops
// it afterwards. Without dbus-daemon (Debian: dbus) it skips.
func TestScreenLockSignalsUnderDBus(t *testing.T) {
	if os.Getenv(underBus) != "" {
		t.Skip("already on the private bus")
	}
	runner, err := exec.LookPath("dbus-run-session")
	if err != nil {
		t.Skip("dbus-run-session is not installed (Debian: dbus)")
	}
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Skip("dbus-daemon is not installed (Debian: dbus)")
	}
	cmd := exec.Command(runner, "--", os.Args[0], "-test.run", "^TestOnBus", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), underBus+"=1")
	out, err := cmd.CombinedOutput()
	t.Logf("under dbus-run-session:\n%s", out)
	if err != nil {
		t.Fatalf("the D-Bus tests failed: %v", err)
	}
}

// bus connects to the private session bus, or skips outside dbus-run-session.
func bus(t *testing.T) *dbus.Conn {
	t.Helper()
	if os.Getenv(underBus) == "" {
		t.Skip("runs under dbus-run-session (TestScreenLockSignalsUnderDBus)")
	}
	c, err := dbus.Connect(os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TestOnBusScreenSaverLocksTheStore: an ActiveChanged(true) from the screen saver
// locks an encrypted store; ActiveChanged(false) (the screen unlocking), a resume
// and other signals do not call back. The private bus stands in for the system bus
// too, where logind sends PrepareForSleep.
func TestOnBusScreenSaverLocksTheStore(t *testing.T) {
	sender := bus(t)
	kdf := seal.TestParams()
	st, err := store.Open(store.DataFile(t.TempDir()), store.Options{KDF: &kdf})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.EnableEncryption([]byte("correct horse battery staple")); err != nil {
		t.Fatal(err)
	}
	if st.Locked() {
		t.Fatal("a freshly encrypted store is locked")
	}

	session, system := bus(t), bus(t)
	events := make(chan Event, 8)
	stop, err := watch(session, system, func(e Event) {
		st.Lock()
		events <- e
	})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	emit := func(path dbus.ObjectPath, name string, on bool) {
		t.Helper()
		if err := sender.Emit(path, name, on); err != nil {
			t.Fatal(err)
		}
	}
	expect := func(want Event) {
		t.Helper()
		select {
		case e := <-events:
			if e != want {
				t.Errorf("callback said %v, want %v", e, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no callback for %v within 5 s", want)
		}
	}
	quiet := func(what string) {
		t.Helper()
		select {
		case e := <-events:
			t.Errorf("%s called back with %v", what, e)
		case <-time.After(300 * time.Millisecond):
		}
	}

	emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", false)
	emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", false)
	emit("/org/example", "org.example.Other.ActiveChanged", true)
	quiet("the screen saver going off, a resume or a foreign signal")
	if st.Locked() {
		t.Fatal("the store was locked without a lock signal")
	}

	emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", true)
	expect(ScreenLocked)
	if !st.Locked() {
		t.Error("the store is not locked after the screen saver came on")
	}
	if err := st.Unlock([]byte("correct horse battery staple")); err != nil {
		t.Fatal(err)
	}

	emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", true)
	expect(ScreenLocked)
	emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", true)
	expect(Sleeping)
	if !st.Locked() {
		t.Error("the store is not locked before sleep")
	}

	stop()
	stop() // twice is fine
	emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", true)
	quiet("a signal after stop")
}

// TestOnBusWatchLockFindsTheSessionBus: WatchLock itself subscribes on the bus of
// DBUS_SESSION_BUS_ADDRESS (the system bus may be missing, as in a container).
func TestOnBusWatchLockFindsTheSessionBus(t *testing.T) {
	sender := bus(t)
	events := make(chan Event, 1)
	stop, err := WatchLock(func(e Event) { events <- e })
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	// The match rules are in place when WatchLock returns.
	if err := sender.Emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", true); err != nil {
		t.Fatal(err)
	}
	select {
	case e := <-events:
		if e != ScreenLocked {
			t.Errorf("got %v", e)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("WatchLock heard nothing")
	}
}

// TestWatchLockWithoutABus: no session bus and no system bus is an error, and never
// starts a bus (no dbus-launch).
func TestWatchLockWithoutABus(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", dir)
	t.Setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path="+filepath.Join(dir, "no-such-socket"))
	t.Setenv("PATH", dir) // no dbus-launch to find
	stop, err := WatchLock(func(Event) { t.Error("called back without a bus") })
	if err == nil {
		t.Error("WatchLock without any bus returned no error")
	}
	stop()
}

func TestLockEvent(t *testing.T) {
	for _, tc := range []struct {
		name string
		body []any
		want Event
	}{
		{"org.freedesktop.ScreenSaver.ActiveChanged", []any{true}, ScreenLocked},
		{"org.gnome.ScreenSaver.ActiveChanged", []any{true}, ScreenLocked},
		{"org.freedesktop.login1.Manager.PrepareForSleep", []any{true}, Sleeping},
		{"org.freedesktop.ScreenSaver.ActiveChanged", []any{false}, 0},
		{"org.freedesktop.login1.Manager.PrepareForSleep", []any{false}, 0},
		{"org.freedesktop.ScreenSaver.ActiveChanged", []any{"yes"}, 0},
		{"org.freedesktop.ScreenSaver.ActiveChanged", nil, 0},
		{"org.freedesktop.DBus.NameAcquired", []any{":1.4"}, 0},
	} {
		got, ok := lockEvent(&dbus.Signal{Name: tc.name, Body: tc.body})
		if got != tc.want || ok != (tc.want != 0) {
			t.Errorf("lockEvent(%s %v) = %v, %v; want %v", tc.name, tc.body, got, ok, tc.want)
		}
	}
}
