//go:build !linux

package desktop

// TrayHostAvailable reports whether the desktop shows tray icons: Windows' and
// macOS's menu bar always do. (The BSDs' desktops are not asked for now.)
func TrayHostAvailable() bool { return true }
