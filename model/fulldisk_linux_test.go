package model

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFullDisk fills a small tmpfs until a save fails: the failure says the disk is
// full, and everything saved before is still there and whole. It needs root (CI runs
// as root) to mount the tmpfs, and skips otherwise.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=320k"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v); CI runs this as root", err)
	}
	defer syscall.Unmount(dir, syscall.MNT_DETACH)
	path := DataFile(dir)
	st, err := Open(path, Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	var saved []uint64
	var failure error
	for i := range 100000 {
		c, err := st.SaveCheckIn(CheckIn{At: testNow.Add(-time.Duration(i) * time.Minute), Mood: ptr(i % 11), Note: strings.Repeat(fmt.Sprint(i), 200)})
		if err != nil {
			failure = err
			break
		}
		saved = append(saved, c.ID)
	}
	if failure == nil {
		t.Fatal("the disk never filled up")
	}
	t.Logf("%d check-ins saved before: %v", len(saved), failure)
	if !errors.Is(failure, syscall.ENOSPC) || !strings.Contains(Explain(failure), "disk is full") {
		t.Errorf("the failed save said %v / %q, want a full-disk message", failure, Explain(failure))
	}
	st.Close()
	if err := CheckFile(path); err != nil {
		t.Fatalf("after the disk filled up the database fails its check: %v", err)
	}
	st, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("reopen after a full disk: %v", err)
	}
	defer st.Close()
	all, _ := st.CheckInsBetween(time.Time{}, time.Time{})
	if len(all) != len(saved) {
		t.Errorf("after a full disk %d check-ins remain, want the %d saved before", len(all), len(saved))
	}
}
