// Package desktop joins Keel to the desktop it runs on, outside the window: starting
// when the user logs in (Autostart) and noticing when the screen locks or the
// machine goes to sleep (WatchLock), so the window can lock an encrypted store. It
// needs no Fyne: the window (package ui) calls it.
package desktop
