package ui

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestPrefsStayInTheDataFolder: the window's preferences are written to the data
// folder and only there (portable mode), read back on the next start, and a damaged
// file gives the defaults instead of keeping Keel from starting.
func TestPrefsStayInTheDataFolder(t *testing.T) {
	dir := t.TempDir()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	p := openPrefs(dir)
	p.SetBool(prefWelcomed, true)
	p.SetInt(prefLockMinutes, 5)
	p.SetString(prefTheme, themeDark)
	p.SetStringList("list", []string{"a", "b"})

	again := openPrefs(dir)
	if !again.Bool(prefWelcomed) || again.IntWithFallback(prefLockMinutes, 0) != 5 ||
		again.StringWithFallback(prefTheme, "") != themeDark || !slices.Equal(again.StringList("list"), []string{"a", "b"}) {
		t.Errorf("preferences read back = %v", again.values)
	}
	if info, err := os.Stat(filepath.Join(dir, PrefsFileName)); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("preferences file: %v, want a private file in the data folder", err)
	}
	if entries, _ := os.ReadDir(home); len(entries) > 1 {
		t.Errorf("preferences wrote outside the data folder: %v", entries)
	}
	os.WriteFile(filepath.Join(dir, PrefsFileName), []byte("{not json"), 0o600)
	if d := openPrefs(dir); d.Bool(prefWelcomed) || d.IntWithFallback(prefLockMinutes, 10) != 10 {
		t.Errorf("a damaged preferences file gave %v, want the defaults", d.values)
	}
}

// TestPrefsReadFynesFile: an existing user's preferences, written by Fyne in the
// per-user folder (which is the default data folder), are read as they are.
func TestPrefsReadFynesFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, PrefsFileName), []byte(`{"welcomed":true,"lock_minutes":15,"theme":"light","sent_reminders":["checkin/2026-03-12"]}`), 0o600)
	p := openPrefs(dir)
	if !p.Bool(prefWelcomed) || p.IntWithFallback(prefLockMinutes, 0) != 15 || p.StringWithFallback(prefTheme, "") != themeLight ||
		!slices.Equal(p.StringList(prefSentReminders), []string{"checkin/2026-03-12"}) {
		t.Errorf("Fyne's preferences read as %v", p.values)
	}
}
