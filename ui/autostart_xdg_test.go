//go:build linux || freebsd || openbsd || netbsd || dragonfly

package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	sysdesk "keel/ui/desktop"
)

// TestLaunchAtLoginSwitch: off by default; on writes the autostart entry for this
// data folder, off removes it.
func TestLaunchAtLoginSwitch(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("HOME", t.TempDir())
	u, st := newTestUI(t)
	u.Show(ScreenSettings)
	var sw *widget.Check
	for _, c := range widgetsIn[*widget.Check](u.settings.content) {
		if strings.HasPrefix(c.Text, "Launch Keel at login") {
			sw = c
		}
	}
	if sw == nil {
		t.Fatal("Settings has no “Launch Keel at login” switch")
	}
	if sw.Checked {
		t.Error("launch at login is on by default")
	}
	test.Tap(sw)
	on, args, err := sysdesk.Enabled()
	if err != nil || !on {
		t.Fatalf("after switching on: enabled=%v err=%v", on, err)
	}
	if want := filepath.Dir(st.Path()); len(args) != 3 || args[1] != "--data" || args[2] != want {
		t.Errorf("the entry starts %q, want the program with --data %s", args, want)
	}
	if _, err := os.Stat(filepath.Join(config, "autostart", "io.github.keelapp.keel.desktop")); err != nil {
		t.Errorf("no autostart file: %v", err)
	}
	test.Tap(sw)
	if on, _, _ := sysdesk.Enabled(); on {
		t.Error("the entry is still there after switching off")
	}
}
