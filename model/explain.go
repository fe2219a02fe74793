package model

import (
	"errors"
	"io/fs"
	"syscall"
)

// Explain turns an error from the model into a sentence a user can act on. The
// detail stays in the error itself, for logs and bug reports.
func Explain(err error) string {
	var v *ValidationError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &v):
		return "Some fields need a look: " + v.Error()
	case errors.Is(err, ErrWrongPassphrase):
		return "That passphrase does not open this data. Nothing was changed."
	case errors.Is(err, ErrLocked):
		return "Keel is locked. Enter your passphrase to go on."
	case errors.Is(err, ErrAlreadyRunning):
		return "Keel is already running with this data. Switch to its window, or close it before starting another."
	case errors.Is(err, ErrNewerVersion):
		return "This data was saved by a newer version of Keel. Install the newer Keel to open it; nothing was changed."
	case errors.Is(err, ErrDamaged):
		return "The data file is damaged or is not a Keel database. Nothing was changed."
	case errors.Is(err, ErrNotFound):
		return "That record no longer exists. It may have been deleted."
	case errors.Is(err, syscall.ENOSPC):
		return "The disk is full, so nothing was saved. Free some space and try again; your input is still here."
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return "Keel may not write to its data folder, so nothing was saved. Check the folder's permissions."
	}
	return "Something went wrong and nothing was saved. (" + err.Error() + ")"
}
