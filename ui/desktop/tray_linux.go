package desktop

import (
	"context"
	"time"

	"github.com/godbus/dbus/v5"
)

// The StatusNotifier watcher, where tray icons register on Linux desktops (KDE,
// GNOME with the AppIndicator extension, Xfce, Cinnamon, LXQt, waybar...).
const (
	notifierWatcher     = "org.kde.StatusNotifierWatcher"
	notifierWatcherPath = "/StatusNotifierWatcher"
	notifierHostProp    = "IsStatusNotifierHostRegistered"
)

// TrayHostAvailable reports whether the desktop shows tray icons: on Linux, whether
// a StatusNotifier host (a panel that draws the icons) is registered with the
// watcher on the session bus. Without one a tray icon is invisible, so Keel must not
// hide its window there. It waits at most a second.
func TrayHostAvailable() bool {
	c, err := sessionConn()
	if err != nil {
		return false
	}
	defer func() { _ = c.Close() }() // a private connection, used once
	return trayHostOn(c)
}

func trayHostOn(c *dbus.Conn) bool {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var v dbus.Variant
	err := c.Object(notifierWatcher, notifierWatcherPath).
		CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, notifierWatcher, notifierHostProp).Store(&v)
	if err != nil {
		return false
	}
	on, ok := v.Value().(bool)
	return ok && on
}
