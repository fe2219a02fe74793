//go:build !linux

package desktop

// WatchLock is Linux-only for now. Windows reports a locked session
// (WM_WTSSESSION_CHANGE, after WTSRegisterSessionNotification) and sleep
// (WM_POWERBROADCAST) only to a window's message loop, and macOS through
// NSDistributedNotificationCenter and NSWorkspace notifications; Fyne exposes
// neither, so on those systems the window's idle lock is what locks the data.
func WatchLock(onLock func(Event)) (stop func(), err error) {
	return func() {}, ErrLockWatchUnsupported
}
