package desktop

import "errors"

// ColorScheme is the desktop's light or dark preference, as the freedesktop
// appearance setting "color-scheme" gives it.
type ColorScheme uint32

// The values of org.freedesktop.appearance color-scheme.
const (
	NoPreference ColorScheme = 0
	PreferDark   ColorScheme = 1
	PreferLight  ColorScheme = 2
)

// ErrColorSchemeUnsupported is WatchColorScheme's error where Keel does not ask the
// desktop itself (Windows and macOS, where Fyne follows the system's setting).
var ErrColorSchemeUnsupported = errors.New("reading the desktop's color scheme is not supported on this system")
