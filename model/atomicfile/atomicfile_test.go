package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.json")
	os.WriteFile(path, []byte("old and whole"), 0o644)
	err := Write(path, func(w io.Writer) error {
		w.Write([]byte("half of the new"))
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("WriteFile with a failing writer = nil")
	}
	if got, _ := os.ReadFile(path); string(got) != "old and whole" {
		t.Errorf("after a failed write the file holds %q, want the old content", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("a failed write left %d files behind", len(entries)-1)
	}
	if err := Write(path, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if got, _ := os.ReadFile(path); string(got) != "new" || info.Mode().Perm() != 0o600 {
		t.Errorf("WriteFile wrote %q with mode %v, want new content, 0600", got, info.Mode().Perm())
	}
}
