//go:build linux || freebsd || openbsd || netbsd || dragonfly

package desktop

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestAutostartWrittenAndRemoved: switching launch at login on writes the XDG
// autostart entry under $XDG_CONFIG_HOME with the running program and --data;
// switching it off removes it, and only it.
func TestAutostartWrittenAndRemoved(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("HOME", t.TempDir())
	path := filepath.Join(config, "autostart", "io.github.keelapp.keel.desktop")
	other := filepath.Join(config, "autostart", "other.desktop")

	if on, _, err := Enabled(); err != nil || on {
		t.Fatalf("Enabled() before = %v, %v; want off", on, err)
	}
	data := filepath.Join(t.TempDir(), "portable data")
	a, err := NewAutostart(data)
	if err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	if want := []string{exe, "--data", data}; !slices.Equal(a.Args(), want) {
		t.Fatalf("NewAutostart(%q).Args() = %q, want %q", data, a.Args(), want)
	}
	if err := a.Enable(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, []byte("[Desktop Entry]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no autostart entry at %s: %v", path, err)
	}
	if info.Mode().Perm()&0o022 != 0 {
		t.Errorf("the entry is writable by others: %v", info.Mode())
	}
	on, args, err := Enabled()
	if err != nil || !on || !slices.Equal(args, a.Args()) {
		t.Errorf("Enabled() = %v, %q, %v; want on, %q", on, args, err, a.Args())
	}
	if err := a.Enable(); err != nil { // again: replaces, no error
		t.Fatal(err)
	}

	if err := Disable(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the entry is still there after Disable: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("Disable removed another program's entry: %v", err)
	}
	if on, _, err := Enabled(); err != nil || on {
		t.Errorf("Enabled() after Disable = %v, %v", on, err)
	}
	if err := Disable(); err != nil {
		t.Errorf("Disable with nothing to remove: %v", err)
	}
}

// TestAutostartDefaultFolderHasNoData: on the per-user folder the entry starts
// plain keel, so it follows the user's default.
func TestAutostartDefaultFolderHasNoData(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	for _, dir := range []string{"", filepath.Join(config, "fyne", "io.github.keelapp.keel"), filepath.Join(config, "fyne", "io.github.keelapp.keel") + "/"} {
		a, err := NewAutostart(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Args()) != 1 {
			t.Errorf("NewAutostart(%q).Args() = %q, want the program alone", dir, a.Args())
		}
	}
}

// TestAutostartUnwritable: a config folder Keel may not write gives the sentence
// that says where.
func TestAutostartUnwritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write anywhere")
	}
	config := t.TempDir()
	if err := os.Chmod(config, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(config, 0o700)
	t.Setenv("XDG_CONFIG_HOME", config)
	err := Autostart{Program: "/usr/bin/keel"}.Enable()
	if err == nil {
		t.Fatal("Enable in a read-only config folder succeeded")
	}
}
