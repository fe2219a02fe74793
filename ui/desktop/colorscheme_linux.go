package desktop

import (
	"context"
	"time"

	"github.com/godbus/dbus/v5"
)

// The freedesktop settings portal (xdg-desktop-portal), where GNOME, KDE and the
// others publish the light or dark preference.
const (
	portalName       = "org.freedesktop.portal.Desktop"
	portalPath       = "/org/freedesktop/portal/desktop"
	portalSettings   = "org.freedesktop.portal.Settings"
	settingChanged   = "SettingChanged"
	appearanceNS     = "org.freedesktop.appearance"
	colorSchemeKey   = "color-scheme"
	portalCallWindow = 2 * time.Second
)

// WatchColorScheme reads the desktop's color scheme from the settings portal and
// calls onChange (on its own goroutine, one call at a time) each time the person
// switches between light and dark, until stop is called. It fails when there is no
// session bus or no portal answers; the portal may also answer NoPreference.
func WatchColorScheme(onChange func(ColorScheme)) (current ColorScheme, stop func(), err error) {
	c, err := sessionConn()
	if err != nil {
		return NoPreference, func() {}, err
	}
	current, stop, err = watchColorScheme(c, onChange)
	if err != nil {
		_ = c.Close() // leaving the bus: nothing more to do if it fails
	}
	return current, stop, err
}

func watchColorScheme(c *dbus.Conn, onChange func(ColorScheme)) (ColorScheme, func(), error) {
	if err := c.AddMatchSignal(dbus.WithMatchInterface(portalSettings), dbus.WithMatchMember(settingChanged),
		dbus.WithMatchArg(0, appearanceNS)); err != nil {
		return NoPreference, nil, err
	}
	current, err := readColorScheme(c)
	if err != nil {
		return NoPreference, nil, err
	}
	signals := make(chan *dbus.Signal, 8)
	c.Signal(signals)
	return current, followSignals([]*dbus.Conn{c}, signals, func(sig *dbus.Signal) {
		if s, ok := colorSchemeChange(sig); ok {
			onChange(s)
		}
	}), nil
}

// readColorScheme asks the portal: ReadOne (portal version 2), else the older Read,
// which wraps the value in one more variant.
func readColorScheme(c *dbus.Conn) (ColorScheme, error) {
	ctx, cancel := context.WithTimeout(context.Background(), portalCallWindow)
	defer cancel()
	obj := c.Object(portalName, portalPath)
	var v dbus.Variant
	err := obj.CallWithContext(ctx, portalSettings+".ReadOne", 0, appearanceNS, colorSchemeKey).Store(&v)
	if err != nil {
		if err = obj.CallWithContext(ctx, portalSettings+".Read", 0, appearanceNS, colorSchemeKey).Store(&v); err != nil {
			return NoPreference, err
		}
	}
	s, _ := schemeOf(v.Value())
	return s, nil
}

// colorSchemeChange reads a SettingChanged(namespace, key, value) signal.
func colorSchemeChange(sig *dbus.Signal) (ColorScheme, bool) {
	if sig.Name != portalSettings+"."+settingChanged || len(sig.Body) != 3 {
		return 0, false
	}
	ns, _ := sig.Body[0].(string)
	key, _ := sig.Body[1].(string)
	if ns != appearanceNS || key != colorSchemeKey {
		return 0, false
	}
	v, ok := sig.Body[2].(dbus.Variant)
	if !ok {
		return 0, false
	}
	return schemeOf(v.Value())
}

// schemeOf reads a color-scheme value, unwrapping nested variants (Read's answer).
func schemeOf(v any) (ColorScheme, bool) {
	for {
		switch x := v.(type) {
		case dbus.Variant:
			v = x.Value()
		case uint32:
			if x > uint32(PreferLight) {
				return NoPreference, true
			}
			return ColorScheme(x), true
		default:
			return NoPreference, false
		}
	}
}
