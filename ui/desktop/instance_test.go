package desktop

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestInstanceShowsTheRunningWindow: a second Keel on the same folder reaches the
// first, which shows its window; on another folder, or once the first is gone, it
// reaches nothing; a stale socket does not keep the next Keel from listening.
func TestInstanceShowsTheRunningWindow(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	dir, other := t.TempDir(), t.TempDir()
	if err := ShowRunning(dir); err == nil {
		t.Fatal("ShowRunning with no Keel running succeeded")
	}
	shown := make(chan struct{}, 2)
	stop, err := ListenInstance(dir, func() { shown <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	if err := ShowRunning(dir); err != nil {
		t.Fatalf("ShowRunning(same folder) = %v", err)
	}
	select {
	case <-shown:
	case <-time.After(5 * time.Second):
		t.Fatal("the running Keel was not asked to show its window")
	}
	if err := ShowRunning(filepath.Join(dir, ".")); err != nil {
		t.Errorf("the same folder spelled differently: %v", err)
	}
	<-shown
	if err := ShowRunning(other); err == nil {
		t.Error("ShowRunning(another folder) reached the Keel of the first one")
	}
	stop()
	stop()
	if err := ShowRunning(dir); err == nil {
		t.Error("ShowRunning after stop succeeded")
	}

	// A Keel that crashed leaves its socket file behind.
	path, err := InstanceSocket(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	stop, err = ListenInstance(dir, func() { shown <- struct{}{} })
	if err != nil {
		t.Fatalf("ListenInstance over a stale socket: %v", err)
	}
	defer stop()
	if err := ShowRunning(dir); err != nil {
		t.Errorf("ShowRunning after replacing a stale socket: %v", err)
	}
}

// TestInstanceSocketWithoutRuntimeDir: without XDG_RUNTIME_DIR the socket goes in a
// private folder of the temporary folder.
func TestInstanceSocketWithoutRuntimeDir(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", "")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path, err := InstanceSocket(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(filepath.Dir(path)) != tmp || info.Mode().Perm() != 0o700 {
		t.Errorf("socket %s in a folder with mode %v, want a 0700 folder in %s", path, info.Mode().Perm(), tmp)
	}
	if err := os.Chmod(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := InstanceSocket(t.TempDir()); err == nil {
		t.Error("a folder others may enter was used for the socket")
	}
}
