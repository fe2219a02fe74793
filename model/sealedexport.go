package model

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"keel/model/seal"
)

// AgeExt is added to the names of exports encrypted with age.
const AgeExt = ".age"

// EncryptExport returns a writer that encrypts what is written to w with age, for the
// passphrase (scrypt recipient: `age -d` opens it). Close it to finish the file.
func (s *Store) EncryptExport(w io.Writer, passphrase []byte) (io.WriteCloser, error) {
	if s.opt.KDF != nil { // tests: a cheap work factor
		return seal.EncryptWriterWithWorkFactor(w, string(passphrase), 10)
	}
	return seal.EncryptWriter(w, string(passphrase))
}

// WriteExport writes e as JSON to path, encrypted with age for passphrase when it is
// not nil.
func (s *Store) WriteExport(e *Export, path string, passphrase []byte) error {
	return WriteFile(path, func(w io.Writer) error {
		if passphrase == nil {
			return e.WriteJSON(w)
		}
		aw, err := s.EncryptExport(w, passphrase)
		if err != nil {
			return err
		}
		if err := e.WriteJSON(aw); err != nil {
			return err
		}
		return aw.Close()
	})
}

// WriteCSV writes the CSV files of e into dir, each encrypted with age (name.csv.age)
// for passphrase when it is not nil.
func (s *Store) WriteCSV(e *Export, dir string, passphrase []byte) error {
	if passphrase == nil {
		return e.ExportCSV(dir)
	}
	plain, err := os.MkdirTemp(dir, ".keel-csv-")
	if err != nil {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		if plain, err = os.MkdirTemp(dir, ".keel-csv-"); err != nil {
			return err
		}
	}
	defer os.RemoveAll(plain)
	if err := e.ExportCSV(plain); err != nil {
		return err
	}
	for _, name := range CSVFiles {
		in, err := os.Open(filepath.Join(plain, name))
		if err != nil {
			return err
		}
		err = WriteFile(filepath.Join(dir, name+AgeExt), func(w io.Writer) error {
			aw, err := s.EncryptExport(w, passphrase)
			if err != nil {
				return err
			}
			if _, err := io.Copy(aw, in); err != nil {
				return err
			}
			return aw.Close()
		})
		in.Close()
		if err != nil {
			return fmt.Errorf("encrypt %s: %w", name, err)
		}
	}
	return nil
}

// OpenExport opens an export file for ReadExport: a plain one as it is, an
// age-encrypted one with the passphrase asked for by ask (called only for encrypted
// files; it returns nil to give up).
func OpenExport(path string, ask func() []byte) (io.Reader, func() error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	br := bufio.NewReaderSize(f, seal.AgePrefixLen)
	prefix, _ := br.Peek(seal.AgePrefixLen)
	if !seal.IsAge(prefix) {
		return br, f.Close, nil
	}
	pass := ask()
	if pass == nil {
		f.Close()
		return nil, nil, fmt.Errorf("the file is encrypted and no passphrase was given")
	}
	r, err := seal.DecryptReader(br, string(pass))
	if err != nil {
		f.Close()
		return nil, nil, wrongPassphrase(err)
	}
	return r, f.Close, nil
}

// IsEncryptedExport reports whether the file at path is encrypted with age.
func IsEncryptedExport(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	prefix := make([]byte, seal.AgePrefixLen)
	n, _ := io.ReadFull(f, prefix)
	return seal.IsAge(prefix[:n]), nil
}
