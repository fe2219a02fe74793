package store

import (
	"errors"
	"fmt"
	"os"
	"time"

	"keel/model"
)

// lockSuffix names the lock file beside the database (keel.db.lock).
//
// One Keel process holds this lock for as long as its Store is open: across every
// close and reopen of the bbolt file (Restore, turning encryption on or off, changing
// the passphrase), which bbolt's own lock on keel.db does not survive. It is taken
// before anything in the folder is touched, so a second Keel never deletes the first
// one's rewrite in progress, never opens the file that is about to be replaced, and is
// refused with model.ErrAlreadyRunning while a rewrite or a restore runs.
//
// On Linux, macOS and the BSDs it is flock(2) on keel.db.lock: exclusive for a Store
// that writes, shared for a read-only one; the kernel lets go of it when the process
// ends, however it ends, so a killed Keel never leaves a stale lock. On Windows it is
// LockFileEx on the same file, with the same meaning (released by the system when the
// process ends). Elsewhere (no flock) only bbolt's own lock on keel.db applies.
// The lock file holds nothing and is never deleted: deleting it would let two
// processes lock two different files of the same name.
const lockSuffix = ".lock"

// folderLock is a held lock on a data folder's lock file.
type folderLock struct{ f *os.File }

// lockFolder takes the lock of the database at path, waiting up to timeout for
// another Keel to let go. A read-only lock is shared, and is skipped (nil, nil) when
// the folder cannot be written and holds no lock file yet: nobody can be writing there.
func lockFolder(path string, timeout time.Duration, shared bool) (*folderLock, error) {
	name := path + lockSuffix
	var f *os.File
	var err error
	if shared {
		f, err = os.Open(name)
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
	} else {
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	}
	if err != nil {
		return nil, fmt.Errorf("open the lock file %s: %w", name, err)
	}
	deadline := time.Now().Add(timeout)
	for {
		ok, err := tryLock(f, shared)
		if err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		if ok {
			return &folderLock{f: f}, nil
		}
		if time.Now().After(deadline) {
			_ = f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, model.ErrAlreadyRunning)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// release lets go of the lock (nil-safe).
func (l *folderLock) release() {
	if l == nil || l.f == nil {
		return
	}
	unlock(l.f)
	_ = l.f.Close()
	l.f = nil
}

// withFolderLock runs fn holding the exclusive lock of the database at path, for the
// functions that work on a data folder without an open Store (recovery, restore
// from the command line).
func withFolderLock(path string, fn func() error) error {
	if err := os.MkdirAll(dirOf(path), 0o700); err != nil {
		return err
	}
	l, err := lockFolder(path, time.Second, false)
	if err != nil {
		return err
	}
	defer l.release()
	return fn()
}
