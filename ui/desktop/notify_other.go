//go:build !linux

package desktop

import "time"

// Notifier is Linux-only for now (see ErrNotifierUnsupported).
type Notifier struct{}

// NewNotifier fails on this system: the window sends notifications through Fyne.
func NewNotifier(string, string) (*Notifier, error) { return nil, ErrNotifierUnsupported }

// Notify does nothing here.
func (*Notifier) Notify(string, string, time.Duration, func()) (uint32, error) {
	return 0, ErrNotifierUnsupported
}

// Close does nothing here.
func (*Notifier) Close() {}
