//go:build !linux

package desktop

// WatchColorScheme is Linux-only: on Windows and macOS Fyne itself reads the
// system's light or dark setting.
func WatchColorScheme(func(ColorScheme)) (ColorScheme, func(), error) {
	return NoPreference, func() {}, ErrColorSchemeUnsupported
}
