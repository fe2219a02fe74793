package model

import (
	"errors"
	"io/fs"
	"syscall"
)

// Code says what kind of failure an Error is, for code that must tell them apart.
type Code string

// The codes of the errors Keel explains to the person using it.
const (
	EInternal        Code = "internal"         // a bug or an unforeseen failure
	EInvalid         Code = "invalid"          // input that needs a look: a *ValidationError
	ELocked          Code = "locked"           // encrypted and waiting for the passphrase
	EWrongPassphrase Code = "wrong_passphrase" // the passphrase does not open the data
	EEncryption      Code = "encryption"       // the data's encryption state does not allow it
	ERunning         Code = "running"          // another Keel holds the data
	ENewer           Code = "newer"            // written by a newer Keel
	EDamaged         Code = "damaged"          // a damaged or foreign file
	ENotFound        Code = "not_found"        // no such record
	EExists          Code = "exists"           // a record with that ID is already stored
	ENotExport       Code = "not_export"       // a file that is not a Keel export
	ENoSpace         Code = "no_space"         // the disk is full
	EPermission      Code = "permission"       // Keel may not read or write there
	ENeedsChoice     Code = "needs_choice"     // the person must choose something first
	ENoData          Code = "no_data"          // the database is missing or empty, but backups exist
	EReadOnly        Code = "read_only"        // the data was opened read-only
	EConflict        Code = "conflict"         // the record changed since the edit began: a *Conflict
)

// Error is a failure explained for the person using Keel. Message is the sentence
// the window and the command line show, one they can act on; Err is the detail, for
// the log or a second line. Errors without an *Error in their chain are internal:
// Message says only that something went wrong (see Message).
type Error struct {
	Code    Code
	Message string
	Err     error
}

// Error is the message followed by the detail.
func (e *Error) Error() string {
	if e.Err == nil {
		return e.Message
	}
	return e.Message + " (" + e.Err.Error() + ")"
}

// Unwrap returns the detail.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with code, the sentence message and the detail err (may
// be nil).
func Errorf(code Code, message string, err error) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// Errors every part of Keel may return; wrap them with fmt.Errorf("...: %w") to add
// context for the log, and Message still finds the sentence.
var (
	// ErrLocked means the data is encrypted and the passphrase has not been given.
	ErrLocked = Errorf(ELocked, "Keel is locked. Enter your passphrase to go on.", nil)
	// ErrWrongPassphrase means the passphrase does not open the data.
	ErrWrongPassphrase = Errorf(EWrongPassphrase, "That passphrase does not open this data. Nothing was changed.", nil)
	// ErrEncrypted means an operation needs the data unencrypted, or the other way round.
	ErrEncrypted = Errorf(EEncryption, "That does not fit how this data is encrypted. Nothing was changed.", nil)
	// ErrAlreadyRunning means another Keel holds the database open.
	ErrAlreadyRunning = Errorf(ERunning, "Keel is already running with this data. Switch to its window, or close it before starting another.", nil)
	// ErrNewerVersion means the data was written by a newer Keel.
	ErrNewerVersion = Errorf(ENewer, "This data was saved by a newer version of Keel. Install the newer Keel to open it; nothing was changed.", nil)
	// ErrDamaged means a file is not a readable Keel database.
	ErrDamaged = Errorf(EDamaged, "The data file is damaged or is not a Keel database. Nothing was changed.", nil)
	// ErrNotFound means no record has the requested ID.
	ErrNotFound = Errorf(ENotFound, "That record no longer exists. It may have been deleted.", nil)
	// ErrExists means a record with the same ID is already stored.
	ErrExists = Errorf(EExists, "A record with that ID is already stored, so nothing was added.", nil)
	// ErrNotExport means a file is not a Keel JSON export.
	ErrNotExport = Errorf(ENotExport, "That file is not a Keel export, so nothing was imported.", nil)
	// ErrNewerExport means an export was written by a newer Keel.
	ErrNewerExport = Errorf(ENewer, "That export was written by a newer version of Keel. Install the newer Keel to import it; nothing was imported.", nil)
	// ErrNoData means the database file is missing or empty while backups of it
	// exist: Keel does not start fresh over them without being asked.
	ErrNoData = Errorf(ENoData, "Keel's data file is missing or empty, but backups of it exist. Restore the newest good backup (keel backups lists them; keel restore puts one back), or choose to start with empty data.", nil)
	// ErrReadOnly means the data was opened read-only, so nothing can be saved.
	ErrReadOnly = Errorf(EReadOnly, "Keel opened your data read-only (the folder or disk cannot be written), so nothing can be saved. Export, report and check still work.", nil)
)

// ErrorCode is the code of the first *Error in err's chain: EInvalid for a
// *ValidationError, EInternal when there is none, "" for nil.
func ErrorCode(err error) Code {
	var e *Error
	var v *ValidationError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &v):
		return EInvalid
	case errors.As(err, &e):
		return e.Code
	case errors.Is(err, syscall.ENOSPC):
		return ENoSpace
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return EPermission
	}
	return EInternal
}

// Message turns an error into the sentence a person can act on: the message of the
// first *Error in its chain, the fields of a *ValidationError, a full disk or a
// missing permission said plainly, and for anything else that something went wrong.
// The detail (err.Error()) is for the log or a second line, never the sentence.
func Message(err error) string {
	var e *Error
	var v *ValidationError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &v):
		return "Some fields need a look: " + v.Error()
	case errors.As(err, &e):
		return e.Message
	case errors.Is(err, syscall.ENOSPC):
		return "The disk is full, so nothing was saved. Free some space and try again; your input is still here."
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return "Keel may not write there, so nothing was saved. Check the folder's permissions, or choose another place."
	}
	return "Something went wrong and nothing was saved. The details below help if you report it."
}
