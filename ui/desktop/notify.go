package desktop

import "errors"

// ErrNotifierUnsupported is NewNotifier's error where Keel does not talk to the
// notification service itself (Windows and macOS: the window sends plain
// notifications through Fyne there, which cannot be clicked).
var ErrNotifierUnsupported = errors.New("clickable notifications are not supported on this system")
