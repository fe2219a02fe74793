package exchange

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"keel/model"
	"keel/model/seal"
)

// spyWriter is the age writer of one CSV file: after every write into it, it reads
// every file in the destination folder (hidden and temporary ones included) and
// fails if any holds a plaintext byte sequence of the export.
type spyWriter struct {
	io.WriteCloser
	t      *testing.T
	dir    string
	secret []byte
}

func (w spyWriter) Write(p []byte) (int, error) {
	n, err := w.WriteCloser.Write(p)
	w.check()
	return n, err
}

func (w spyWriter) Close() error {
	err := w.WriteCloser.Close()
	w.check()
	return err
}

func (w spyWriter) check() {
	entries, _ := os.ReadDir(w.dir)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(w.dir, e.Name()))
		for _, plain := range [][]byte{w.secret, []byte("\ufeff"), []byte("mood")} {
			if bytes.Contains(data, plain) {
				w.t.Fatalf("%s holds plaintext %q while the export is written", e.Name(), plain)
			}
		}
	}
}

// TestEncryptedCSVExportWritesNoPlaintext: an encrypted CSV export used to write
// plain CSV files into a hidden folder of the destination first. Now each CSV streams
// straight into its age writer: at no moment does any file in the destination hold a
// plaintext byte of the export, and each file opens with the passphrase.
func TestEncryptedCSVExportWritesNoPlaintext(t *testing.T) {
	st := openTest(t)
	secret := "a very private note 7f3a"
	if _, err := st.SaveCheckIn(model.CheckIn{At: st.Now().Add(-time.Hour), Mood: ptr(4), Note: secret}); err != nil {
		t.Fatal(err)
	}
	e, err := Snapshot(st)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pass := "correct horse battery"
	wrap := func(w io.Writer) (io.WriteCloser, error) {
		aw, err := seal.EncryptWriterWithWorkFactor(w, pass, 10)
		return spyWriter{aw, t, dir, []byte(secret)}, err
	}
	if err := WriteCSV(dir, &e.History, wrap, AgeExt); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, CSVFile(model.CheckIns)+AgeExt))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := seal.DecryptReader(f, pass)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(r)
	if !bytes.Contains(plain, []byte(secret)) {
		t.Error("the decrypted CSV does not hold the note")
	}
}
