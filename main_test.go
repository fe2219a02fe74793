package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"keel/model"
)

func TestSecondCopyExitsWithMessage(t *testing.T) {
	dir := t.TempDir()
	first, err := model.Open(model.DataFile(dir), model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	var shown string
	showStartError = func(_ fyne.App, msg string) { shown = msg }
	t.Setenv("DISPLAY", ":99")
	// The Fyne app writes its settings in the background; a folder of our own,
	// removed best-effort, keeps that out of the user's config and of t.TempDir's checks.
	config, err := os.MkdirTemp("", "keel-config")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(config)
	t.Setenv("XDG_CONFIG_HOME", config)

	var stdout, stderr bytes.Buffer
	code := run([]string{"--data", dir}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("run(second copy) = %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "already running") || !strings.Contains(shown, "already running") {
		t.Errorf("second copy said %q on stderr and %q in a window, want “already running” in both", stderr.String(), shown)
	}
	if empty, err := first.IsEmpty(); err != nil || !empty {
		t.Errorf("first copy's store after the second start: empty=%v err=%v", empty, err)
	}
}

func TestDemoCommand(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"demo", "--data", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("keel demo = %d, stderr %q", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, model.DataFileName)); err != nil {
		t.Fatalf("keel demo wrote no database: %v", err)
	}
	stderr.Reset()
	if code := run([]string{"demo", "--data", dir}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "already holds") {
		t.Errorf("keel demo on a filled folder = %d, %q; want 1 and a refusal", code, stderr.String())
	}
	if code := run([]string{"demo"}, &stdout, &stderr); code != 2 {
		t.Errorf("keel demo without --data = %d, want 2", code)
	}
}

func TestUnknownCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"frobnicate"}, &stdout, &stderr); code != 2 {
		t.Errorf("run(frobnicate) = %d, want 2", code)
	}
}
