package desktop

import (
	"errors"
	"sync"

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

// followSignals hands each signal arriving on signals to handle, on a goroutine of
// its own, until the stop it returns is called. Stop (safe to call twice) removes
// signals from every connection, closes them, and waits for the goroutine, so no
// handle runs after it.
func followSignals(conns []*dbus.Conn, signals chan *dbus.Signal, handle func(*dbus.Signal)) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			case sig, ok := <-signals:
				if !ok {
					return
				}
				handle(sig)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			for _, c := range conns {
				c.RemoveSignal(signals)
				_ = c.Close() // leaving the bus: nothing more to do if it fails
			}
			wg.Wait()
		})
	}
}
