package desktop

import (
	"context"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

// The freedesktop notification service (Desktop Notifications Specification 1.2).
const (
	notifyName     = "org.freedesktop.Notifications"
	notifyPath     = "/org/freedesktop/Notifications"
	notifyIface    = "org.freedesktop.Notifications"
	actionInvoked  = "ActionInvoked"
	notifyClosed   = "NotificationClosed"
	defaultAction  = "default"
	notifyCallTime = 2 * time.Second
)

// Notifier sends desktop notifications that do something when clicked: each has a
// "default" action, which the notification service invokes when the person clicks
// the notification's body, and an expiry time.
type Notifier struct {
	conn    *dbus.Conn
	appName string
	icon    string

	mu      sync.Mutex
	onClick map[uint32]func()
	signals chan *dbus.Signal
	done    chan struct{}
	wg      sync.WaitGroup
	once    sync.Once
}

// NewNotifier connects to the session bus for appName (the app ID, which desktops
// match to the .desktop file) with icon (a file path or an icon name, "" for none).
func NewNotifier(appName, icon string) (*Notifier, error) {
	c, err := sessionConn()
	if err != nil {
		return nil, err
	}
	n, err := newNotifier(c, appName, icon)
	if err != nil {
		_ = c.Close() // leaving the bus: nothing more to do if it fails
	}
	return n, err
}

func newNotifier(c *dbus.Conn, appName, icon string) (*Notifier, error) {
	for _, member := range []string{actionInvoked, notifyClosed} {
		if err := c.AddMatchSignal(dbus.WithMatchInterface(notifyIface), dbus.WithMatchMember(member)); err != nil {
			return nil, err
		}
	}
	n := &Notifier{conn: c, appName: appName, icon: icon, onClick: map[uint32]func(){},
		signals: make(chan *dbus.Signal, 16), done: make(chan struct{})}
	c.Signal(n.signals)
	n.wg.Add(1)
	go n.listen()
	return n, nil
}

func (n *Notifier) listen() {
	defer n.wg.Done()
	for {
		select {
		case <-n.done:
			return
		case sig, ok := <-n.signals:
			if !ok {
				return
			}
			if len(sig.Body) < 2 {
				continue
			}
			id, _ := sig.Body[0].(uint32)
			switch sig.Name {
			case notifyIface + "." + actionInvoked:
				if key, _ := sig.Body[1].(string); key == defaultAction {
					n.mu.Lock()
					f := n.onClick[id]
					delete(n.onClick, id)
					n.mu.Unlock()
					if f != nil {
						f()
					}
				}
			case notifyIface + "." + notifyClosed:
				n.mu.Lock()
				delete(n.onClick, id)
				n.mu.Unlock()
			}
		}
	}
}

// Notify shows a notification that disappears after expire (the service's own
// default when 0) and calls onClick (on the notifier's goroutine) when it is
// clicked. It returns the service's ID of the notification.
func (n *Notifier) Notify(title, body string, expire time.Duration, onClick func()) (uint32, error) {
	ms := int32(-1) // the service's default
	if expire > 0 {
		ms = int32(min(expire.Milliseconds(), 1<<31-1)) // #nosec G115 -- clamped to int32 just before
	}
	hints := map[string]dbus.Variant{
		"desktop-entry": dbus.MakeVariant(n.appName),
		"urgency":       dbus.MakeVariant(byte(1)), // normal
	}
	ctx, cancel := context.WithTimeout(context.Background(), notifyCallTime)
	defer cancel()
	// The lock is held across the call so that a click on this notification waits
	// for its callback to be known.
	n.mu.Lock()
	defer n.mu.Unlock()
	var id uint32
	err := n.conn.Object(notifyName, notifyPath).CallWithContext(ctx, notifyIface+".Notify", 0,
		n.appName, uint32(0), n.icon, title, body, []string{defaultAction, "Open"}, hints, ms).Store(&id)
	if err != nil {
		return 0, err
	}
	if onClick != nil {
		n.onClick[id] = onClick
	}
	return id, nil
}

// Close leaves the bus; notifications already shown stay until they expire.
func (n *Notifier) Close() {
	n.once.Do(func() {
		close(n.done)
		n.conn.RemoveSignal(n.signals)
		_ = n.conn.Close() // leaving the bus: nothing more to do if it fails
		n.wg.Wait()
	})
}
