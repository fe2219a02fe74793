package desktop

import (
	"errors"

	"github.com/godbus/dbus/v5"
)

// errNoSessionBus is the error when there is no session bus to talk to.
var errNoSessionBus = errors.New("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")

// sessionConn opens a private connection to the session bus (never godbus's shared
// one, which Fyne and the tray close on their own schedule), or fails when there is
// no session bus. It never starts a bus (dbus-launch).
func sessionConn() (*dbus.Conn, error) {
	addr := sessionBusAddress()
	if addr == "" {
		return nil, errNoSessionBus
	}
	return dbus.Connect(addr)
}
