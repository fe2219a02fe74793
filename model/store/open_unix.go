//go:build unix

package store

import (
	"fmt"
	"os"
	"syscall"
)

// openRegular opens path like os.OpenFile, never following a symbolic link and
// never waiting on a FIFO, and refuses anything but a plain file. bbolt opens
// keel.db through it (bolt.Options.OpenFile), so what was checked with Lstat is what
// bbolt gets.
func openRegular(path string, flag int, perm os.FileMode) (*os.File, error) {
	f, err := os.OpenFile(path, flag|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, perm)
	if err != nil {
		if info, lerr := os.Lstat(path); lerr == nil && !info.Mode().IsRegular() {
			return nil, errNotRegular(path, info.Mode())
		}
		return nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = errNotRegular(path, info.Mode())
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	// Back to blocking reads and writes: O_NONBLOCK only kept the open from waiting.
	if err := syscall.SetNonblock(int(f.Fd()), false); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}
