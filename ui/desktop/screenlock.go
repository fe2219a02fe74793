package desktop

import "errors"

// ErrLockWatchUnsupported is WatchLock's error on systems where Keel cannot hear the
// screen lock or sleep (all but Linux for now).
var ErrLockWatchUnsupported = errors.New("watching for the screen lock is not supported on this system")

// Event is what WatchLock noticed.
type Event int

const (
	// ScreenLocked: the screen saver or lock screen came on.
	ScreenLocked Event = iota + 1
	// Sleeping: the machine is about to suspend or hibernate.
	Sleeping
)

func (e Event) String() string {
	switch e {
	case ScreenLocked:
		return "screen locked"
	case Sleeping:
		return "going to sleep"
	}
	return "unknown"
}
