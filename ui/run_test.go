package ui

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"keel/model/cli"
	"keel/model/store"
)

// TestSecondCopyExitsWithMessage: a second Keel on the same data says it is already
// running, in a window and on stderr, exits 1 and leaves the first one's data alone.
func TestSecondCopyExitsWithMessage(t *testing.T) {
	dir := t.TempDir()
	first, err := store.Open(store.DataFile(dir), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	var shown string
	saved := showStartError
	showStartError = func(_ fyne.App, _, msg string) { shown = msg }
	defer func() { showStartError = saved }()
	t.Setenv("DISPLAY", ":99")
	// The Fyne app writes its settings in the background; a folder of our own,
	// removed best-effort, keeps that out of the user's config and of t.TempDir's checks.
	config, err := os.MkdirTemp("", "keel-config")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(config)
	t.Setenv("XDG_CONFIG_HOME", config)

	var stderr bytes.Buffer
	if code := run(dir, &stderr); code != 1 {
		t.Errorf("run(second copy) = %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "already running") || !strings.Contains(shown, "already running") {
		t.Errorf("second copy said %q on stderr and %q in a window, want “already running” in both", stderr.String(), shown)
	}
	if empty, err := first.IsEmpty(); err != nil || !empty {
		t.Errorf("first copy's store after the second start: empty=%v err=%v", empty, err)
	}
}

// TestDefaultDataDirIsFynes: the commands and the window use the same per-user folder.
func TestDefaultDataDirIsFynes(t *testing.T) {
	config, err := os.MkdirTemp("", "keel-config")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(config)
	t.Setenv("XDG_CONFIG_HOME", config)
	want, err := cli.DefaultDataDir()
	if err != nil {
		t.Fatal(err)
	}
	a := app.NewWithID(cli.AppID)
	if got := a.Storage().RootURI().Path(); got != want {
		t.Errorf("Fyne's storage root is %q, cli.DefaultDataDir() %q", got, want)
	}
}
