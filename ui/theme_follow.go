package ui

import (
	"errors"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	sysdesk "keel/ui/desktop"
)

// desktopScheme is the desktop's color scheme as the settings portal last said it,
// plus one: 0 while nothing is known (no portal, as on Windows and macOS, where
// Fyne itself follows the system).
var desktopScheme atomic.Uint32

// themeFollowWait is how long the start waits for the portal's first answer, so the
// window does not open dark and turn light; a later answer still applies.
var themeFollowWait = 300 * time.Millisecond

// systemTheme is Keel's theme in "Follow the system" mode: the desktop's light or
// dark (the portal's "no preference", or no portal at all, is light, as GNOME's
// default), or Fyne's own choice on Windows and macOS, where it reads the system.
//
// Keel has to do this itself: once an app calls Settings().SetTheme, which Keel does
// for its colours, Fyne no longer switches the variant for it.
func systemTheme() keelTheme {
	s := desktopScheme.Load()
	if s == 0 {
		return keelTheme{}
	}
	v := theme.VariantLight
	if sysdesk.ColorScheme(s-1) == sysdesk.PreferDark {
		v = theme.VariantDark
	}
	return keelTheme{forced: &v}
}

// followSystemTheme reads the desktop's color scheme and follows its changes live
// while the theme choice is "Follow the system". It waits themeFollowWait at most
// for the first answer.
func followSystemTheme(a fyne.App, p *prefs) {
	apply := func() {
		if p.StringWithFallback(prefTheme, themeSystem) == themeSystem {
			a.Settings().SetTheme(themeFor(themeSystem))
		}
	}
	first := make(chan struct{})
	go func() {
		current, stop, err := sysdesk.WatchColorScheme(func(s sysdesk.ColorScheme) {
			desktopScheme.Store(uint32(s) + 1)
			fyne.Do(apply)
		})
		if err != nil {
			if !errors.Is(err, sysdesk.ErrColorSchemeUnsupported) {
				// A Linux desktop without the portal says nothing: light, as its
				// "no preference", rather than Fyne's dark.
				desktopScheme.Store(uint32(sysdesk.NoPreference) + 1)
			}
			close(first)
			return
		}
		onQuit(stop)
		desktopScheme.Store(uint32(current) + 1)
		select {
		case first <- struct{}{}:
		default: // the start did not wait: switch now
			fyne.Do(apply)
		}
	}()
	select {
	case <-first:
	case <-time.After(themeFollowWait):
	}
}
