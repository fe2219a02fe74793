package store

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/demo"

	bolt "go.etcd.io/bbolt"
)

// TestDamageTable opens databases damaged in each way a real file can be: each gives the
// right error and sentence, never a crash, and the file is left byte for byte as it was.
func TestDamageTable(t *testing.T) {
	good := func(t *testing.T) []byte {
		path := DataFile(t.TempDir())
		st, err := Open(path, Options{Now: func() time.Time { return testNow }})
		if err != nil {
			t.Fatal(err)
		}
		st.Add(demo.Demo(testNow, 1, 1))
		st.Close()
		data, _ := os.ReadFile(path)
		return data
	}
	newer := func(t *testing.T) []byte {
		path := DataFile(t.TempDir())
		st, _ := Open(path, Options{})
		st.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(metaBucket).Put(schemaKey, idKey(SchemaVersion()+3)) })
		st.Close()
		data, _ := os.ReadFile(path)
		return data
	}
	tests := []struct {
		name  string
		bytes func(t *testing.T) []byte
		want  error
		says  string
	}{
		{"truncated to a third", func(t *testing.T) []byte { d := good(t); return d[:len(d)/3] }, model.ErrDamaged, "damaged"},
		{"truncated to one page", func(t *testing.T) []byte { return good(t)[:4096] }, model.ErrDamaged, "damaged"},
		{"random bytes", func(*testing.T) []byte { return bytes.Repeat([]byte{0x93, 0x1f, 0xc4, 0x07}, 8192) }, model.ErrDamaged, "damaged"},
		{"a text file", func(*testing.T) []byte { return []byte("Dear diary,\nthis is not a database.\n") }, model.ErrDamaged, "not a Keel database"},
		{"a PNG", func(*testing.T) []byte { return append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 9000)...) }, model.ErrDamaged, "damaged"},
		{"from a newer Keel", newer, model.ErrNewerVersion, "newer version of Keel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := DataFile(t.TempDir())
			data := tt.bytes(t)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path, Options{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Open(%s) = %v, want %v", tt.name, err, tt.want)
			}
			if msg := model.Message(err); !strings.Contains(msg, tt.says) {
				t.Errorf("model.Message(%s) = %q, want it to say %q", tt.name, msg, tt.says)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
				t.Errorf("Open(%s) changed the file", tt.name)
			}
			if err := CheckFile(path); !errors.Is(err, tt.want) {
				t.Errorf("CheckFile(%s) = %v, want %v", tt.name, err, tt.want)
			}
		})
	}
}

func TestRecoverFromDamage(t *testing.T) {
	dir := t.TempDir()
	path := DataFile(dir)
	st, _ := Open(path, Options{Now: func() time.Time { return testNow }})
	st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "backed up"})
	st.Backup()
	st.Close()
	junk := bytes.Repeat([]byte("junk"), 5000)
	os.WriteFile(path, junk, 0o600)

	b, ok, err := NewestGoodBackup(path)
	if err != nil || !ok {
		t.Fatalf("NewestGoodBackup() = %v, %v", ok, err)
	}
	aside, err := SetAside(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, junk) {
		t.Error("the damaged file was not kept aside byte for byte")
	}
	if err := RecoverFromBackup(path, b); err != nil {
		t.Fatalf("RecoverFromBackup() = %v", err)
	}
	st, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("open after recovery: %v", err)
	}
	defer st.Close()
	if list, _ := st.Sessions(); len(list) != 1 || list[0].Notes != "backed up" {
		t.Errorf("after recovery: %+v", list)
	}
	if err := RecoverFromBackup(path, b); !errors.Is(err, model.ErrAlreadyRunning) {
		t.Errorf("RecoverFromBackup while the database is open = %v, want ErrAlreadyRunning (the folder lock)", err)
	}
}
