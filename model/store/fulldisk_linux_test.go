package store

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
	"testing"
	"time"

	"keel/model"
	"keel/model/atomicfile"
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
		c, err := st.SaveCheckIn(model.CheckIn{At: testNow.Add(-time.Duration(i) * time.Minute), Mood: ptr(i % 11), Note: strings.Repeat(fmt.Sprint(i), 200)})
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
	if !errors.Is(failure, syscall.ENOSPC) || !strings.Contains(model.Message(failure), "disk is full") {
		t.Errorf("the failed save said %v / %q, want a full-disk message", failure, model.Message(failure))
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

// TestReadOnlyFolder puts the data folder on a file system that has become
// read-only (a card, a stick, a full-disk remount): opening says Keel may not write
// there, exporting into it fails in words, and nothing is lost. It needs root to
// mount, and skips otherwise.
func TestReadOnlyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v); CI runs this as root", err)
	}
	defer syscall.Unmount(dir, syscall.MNT_DETACH)
	st, err := Open(DataFile(dir), Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	kept, _ := st.SaveCheckIn(model.CheckIn{At: testNow, Mood: ptr(6), Note: "saved before"})
	st.Close()
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	_, err = Open(DataFile(dir), Options{})
	if err == nil || !strings.Contains(model.Message(err), "may not write") {
		t.Errorf("Open on a read-only file system = %v (%q), want a sentence about writing", err, model.Message(err))
	}
	err = atomicfile.Write(dir+"/export.json", func(w io.Writer) error { _, err := w.Write([]byte("{}")); return err })
	if err == nil || !strings.Contains(model.Message(err), "may not write") {
		t.Errorf("an export into a read-only folder = %v (%q)", err, model.Message(err))
	}
	syscall.Mount("", dir, "", syscall.MS_REMOUNT, "")
	st, err = Open(DataFile(dir), Options{})
	if err != nil {
		t.Fatalf("open once writable again: %v", err)
	}
	defer st.Close()
	if all, _ := st.CheckInsBetween(time.Time{}, time.Time{}); len(all) != 1 || all[0].ID != kept.ID {
		t.Errorf("after the read-only spell: %+v, want the check-in saved before", all)
	}
}
