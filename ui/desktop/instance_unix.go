//go:build !windows

package desktop

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
)

func userTag() string { return strconv.Itoa(os.Getuid()) }

// checkPrivate refuses a folder that is not this user's own, or that others may
// enter.
func checkPrivate(dir string) error {
	info, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !info.IsDir() || info.Mode().Perm()&0o077 != 0 || (ok && int(st.Uid) != os.Getuid()) {
		return fmt.Errorf("%s is not a private folder of this user", dir)
	}
	return nil
}
