package exchange

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"keel/model"
	"keel/model/atomicfile"
	"keel/model/seal"
	"keel/model/store"
)

// AgeExt is added to the names of exports encrypted with age.
const AgeExt = ".age"

// encrypter returns the function that wraps a writer in age encryption for
// passphrase (scrypt recipient: `age -d` opens it), or nil for no passphrase. A store
// opened with cheap key derivation (tests) gets a cheap work factor too.
func encrypter(st *store.Store, passphrase []byte) func(io.Writer) (io.WriteCloser, error) {
	if passphrase == nil {
		return nil
	}
	return func(w io.Writer) (io.WriteCloser, error) {
		if st.CheapKDF() {
			return seal.EncryptWriterWithWorkFactor(w, string(passphrase), 10)
		}
		return seal.EncryptWriter(w, string(passphrase))
	}
}

// WriteJSONFile writes e as JSON to path, encrypted with age for passphrase when it
// is not nil, through a temporary file renamed into place: a failed export never
// leaves half a file or destroys the one that was there.
func WriteJSONFile(st *store.Store, e *Export, path string, passphrase []byte) error {
	wrap := encrypter(st, passphrase)
	err := atomicfile.Write(path, func(w io.Writer) error {
		if wrap == nil {
			return e.WriteJSON(w)
		}
		aw, err := wrap(w)
		if err != nil {
			return err
		}
		if err := e.WriteJSON(aw); err != nil {
			return err
		}
		return aw.Close()
	})
	return fileError("write", path, err)
}

// WriteCSVFiles writes the CSV files of e into dir, each encrypted with age
// (name.csv.age) for passphrase when it is not nil.
func WriteCSVFiles(st *store.Store, e *Export, dir string, passphrase []byte) error {
	ext := ""
	if passphrase != nil {
		ext = AgeExt
	}
	return fileError("write", dir, WriteCSV(dir, &e.History, encrypter(st, passphrase), ext))
}

// OpenExport opens an export file for ReadExport: a plain one as it is, an
// age-encrypted one with the passphrase asked for by ask (called only for encrypted
// files; it returns nil to give up).
func OpenExport(path string, ask func() []byte) (io.Reader, func() error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fileError("read", path, err)
	}
	br := bufio.NewReaderSize(f, seal.AgePrefixLen)
	prefix, _ := br.Peek(seal.AgePrefixLen)
	if !seal.IsAge(prefix) {
		return br, f.Close, nil
	}
	pass := ask()
	if pass == nil {
		_ = f.Close()
		return nil, nil, model.Errorf(model.ENeedsChoice, "That file is encrypted; give its passphrase to import it. Nothing was imported.", nil)
	}
	r, err := seal.DecryptReader(br, string(pass))
	if err != nil {
		_ = f.Close()
		if errors.Is(err, seal.ErrWrongPassphrase) {
			return nil, nil, fmt.Errorf("decrypt %s: %w", path, model.ErrWrongPassphrase)
		}
		return nil, nil, fmt.Errorf("decrypt %s: %w", path, err)
	}
	return r, f.Close, nil
}

// IsEncryptedExport reports whether the file at path is encrypted with age.
func IsEncryptedExport(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fileError("read", path, err)
	}
	defer f.Close()
	prefix := make([]byte, seal.AgePrefixLen)
	n, _ := io.ReadFull(f, prefix)
	return seal.IsAge(prefix[:n]), nil
}

// fileError says in words why a file could not be read or written: the usual
// reasons (missing, not allowed, disk full, a folder where a file should be) are
// expected conditions, never "something went wrong". op is "read" or "write".
func fileError(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	switch {
	case errors.As(err, &me):
		return err
	case errors.Is(err, fs.ErrNotExist) && op == "read":
		return model.Errorf(model.ENotFound, fmt.Sprintf("There is no file at %s.", path), err)
	case errors.Is(err, fs.ErrNotExist):
		return model.Errorf(model.ENotFound, fmt.Sprintf("The folder for %s does not exist. Choose another place.", path), err)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		if op == "read" {
			return model.Errorf(model.EPermission, fmt.Sprintf("Keel may not read %s.", path), err)
		}
		return model.Errorf(model.EPermission, fmt.Sprintf("Keel may not write to %s. Choose another folder; nothing was written.", path), err)
	case errors.Is(err, syscall.ENOSPC):
		return model.Errorf(model.ENoSpace, fmt.Sprintf("The disk is full, so nothing was written to %s. Free some space and try again.", path), err)
	case errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.ENOTDIR):
		return model.Errorf(model.EPermission, fmt.Sprintf("%s is a folder where a file should be, or the other way round. Choose another name.", path), err)
	}
	return err
}
