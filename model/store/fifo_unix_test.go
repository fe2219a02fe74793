//go:build unix

package store

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"keel/model"
)

// TestFIFODatabaseRefusedWithinASecond: a FIFO named keel.db used to hang every
// command (opening it waits for a writer). Now it is refused at once, from Lstat.
func TestFIFODatabaseRefusedWithinASecond(t *testing.T) {
	path := DataFile(t.TempDir())
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Open(path, fixedOpt()); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, model.ErrDamaged) || !strings.Contains(model.Message(err), "named pipe") {
			t.Errorf("Open(FIFO) = %v (%q)", err, model.Message(err))
		}
	case <-time.After(time.Second):
		t.Fatal("Open(FIFO) hangs")
	}
	go func() { done <- CheckFile(path) }()
	select {
	case err := <-done:
		if !errors.Is(err, model.ErrDamaged) {
			t.Errorf("CheckFile(FIFO) = %v", err)
		}
	case <-time.After(time.Second):
		t.Fatal("CheckFile(FIFO) hangs")
	}
	if info, _ := os.Lstat(path); info.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
}
