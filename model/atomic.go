package model

import (
	"io"
	"os"
	"path/filepath"
)

// WriteFile writes path through a temporary file in the same folder that is synced
// and then renamed into place, readable by the user only: a crash or a full disk never
// leaves half a file under the chosen name, and an old file there stays whole until
// the new one is complete.
func WriteFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = tmp.Chmod(0o600)
	if err == nil {
		err = write(tmp)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
