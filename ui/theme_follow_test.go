//go:build linux

package ui

import (
	"image/color"
	"os"
	"os/exec"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/godbus/dbus/v5"

	sysdesk "keel/ui/desktop"
)

// uiUnderBus is set in the copy of the test binary that dbus-run-session starts.
const uiUnderBus = "KEEL_TEST_UI_UNDER_DBUS"

// TestUIOnAPrivateBus runs the TestOnBus tests of this package on a session bus of
// their own (dbus-run-session), where they play the desktop's services.
func TestUIOnAPrivateBus(t *testing.T) {
	if os.Getenv(uiUnderBus) != "" {
		t.Skip("already on the private bus")
	}
	runner, err := exec.LookPath("dbus-run-session")
	if err != nil {
		t.Skip("dbus-run-session is not installed (Debian: dbus)")
	}
	cmd := exec.Command(runner, "--", os.Args[0], "-test.run", "^TestOnBus", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), uiUnderBus+"=1")
	out, err := cmd.CombinedOutput()
	t.Logf("under dbus-run-session:\n%s", out)
	if err != nil {
		t.Fatalf("the D-Bus tests failed: %v", err)
	}
}

// portalSettings is the settings portal's color-scheme, as GNOME or KDE serve it.
type portalSettings struct{ scheme uint32 }

func (p *portalSettings) ReadOne(ns, key string) (dbus.Variant, *dbus.Error) {
	if ns != "org.freedesktop.appearance" || key != "color-scheme" {
		return dbus.Variant{}, dbus.NewError("org.freedesktop.portal.Error.NotFound", nil)
	}
	return dbus.MakeVariant(p.scheme), nil
}

// TestOnBusThemeFollowsThePortal: in "Follow the system" mode Keel opens in the
// desktop's light or dark and switches live when the desktop does; with a theme
// chosen, it keeps that one.
func TestOnBusThemeFollowsThePortal(t *testing.T) {
	if os.Getenv(uiUnderBus) == "" {
		t.Skip("runs under dbus-run-session (TestUIOnAPrivateBus)")
	}
	c, err := dbus.Connect(os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	const path, iface = "/org/freedesktop/portal/desktop", "org.freedesktop.portal.Settings"
	if err := c.Export(&portalSettings{scheme: uint32(sysdesk.PreferLight)}, path, iface); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RequestName("org.freedesktop.portal.Desktop", dbus.NameFlagDoNotQueue); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, stop := range proc.stops {
			stop()
		}
		proc.stops = nil
		desktopScheme.Store(0)
	})

	a := test.NewTempApp(t)
	p := memoryPrefs() // "Follow the system" by default
	followSystemTheme(a, p)
	a.Settings().SetTheme(themeFor(p.StringWithFallback(prefTheme, themeSystem))) // as New does
	bg := func() color.Color { return a.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark) }
	light := themeFor(themeLight).Color(theme.ColorNameBackground, theme.VariantDark)
	dark := themeFor(themeDark).Color(theme.ColorNameBackground, theme.VariantLight)
	if bg() != light {
		t.Fatalf("with the desktop light, the background is %v, want light %v", bg(), light)
	}
	emit := func(s sysdesk.ColorScheme) {
		t.Helper()
		if err := c.Emit(path, iface+".SettingChanged", "org.freedesktop.appearance", "color-scheme", dbus.MakeVariant(uint32(s))); err != nil {
			t.Fatal(err)
		}
	}
	waitFor := func(want color.Color, what string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for bg() != want {
			if time.Now().After(deadline) {
				t.Fatalf("%s: the background is %v, want %v", what, bg(), want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	emit(sysdesk.PreferDark)
	waitFor(dark, "after the desktop turned dark")
	emit(sysdesk.PreferLight)
	waitFor(light, "after the desktop turned light again")

	// A chosen theme stays.
	p.SetString(prefTheme, themeDark)
	a.Settings().SetTheme(themeFor(themeDark))
	emit(sysdesk.PreferLight)
	time.Sleep(300 * time.Millisecond)
	if bg() != dark {
		t.Errorf("with Dark chosen, the desktop turning light made the background %v", bg())
	}
}

// TestOnBusScreenSaverLocksKeel: the screen saver's ActiveChanged(true) on the
// session bus locks Keel's encrypted store and shows the unlock screen.
func TestOnBusScreenSaverLocksKeel(t *testing.T) {
	if os.Getenv(uiUnderBus) == "" {
		t.Skip("runs under dbus-run-session (TestUIOnAPrivateBus)")
	}
	c, err := dbus.Connect(os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	u, st := newTestUI(t)
	encrypt(t, u, "correct horse battery staple")
	if err := watchScreenLock(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, stop := range proc.stops {
			stop()
		}
		proc.stops = nil
	})
	if err := c.Emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", true); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !st.Locked() {
		if time.Now().After(deadline) {
			t.Fatal("the store is not locked 5 s after the screen saver came on")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
