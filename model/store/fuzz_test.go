package store

import (
	"errors"
	"os"
	"testing"
	"time"

	"keel/model"
)

// FuzzOpen opens arbitrary bytes as keel.db: Open and CheckFile must return (an
// error or a store), never panic, crash or hang. The seeds are a real database, one
// with a bit flipped, cut short, and junk.
func FuzzOpen(f *testing.F) {
	small := smallFile(f)
	f.Add(small)
	flipped := append([]byte(nil), small...)
	flipped[2*4096+100] ^= 0x10
	f.Add(flipped)
	f.Add(small[:len(small)/2])
	f.Add([]byte("Dear diary"))
	f.Add([]byte{})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := DataFile(dir)
		os.Remove(path)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := CheckFile(path); err != nil && !errors.Is(err, model.ErrDamaged) && !errors.Is(err, model.ErrNewerVersion) {
			t.Fatalf("CheckFile = %v", err)
		}
		st, err := Open(path, Options{Now: func() time.Time { return testNow }, ReadOnly: true})
		if err != nil {
			return
		}
		defer st.Close()
		st.Snapshot()
		st.Sessions()
		st.CheckInsBetween(time.Time{}, time.Time{})
		st.Settings()
		st.IsDemo()
	})
}

// smallFile is a small database with a few records of each common kind.
func smallFile(t testing.TB) []byte {
	path := DataFile(t.TempDir())
	st, err := Open(path, Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		st.SaveSession(model.Session{At: testNow.Add(-time.Duration(i+1) * time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "n"})
		st.SaveCheckIn(model.CheckIn{At: testNow.Add(-time.Duration(i) * time.Hour), Mood: ptr(i)})
	}
	st.MarkDemo()
	st.Close()
	data, _ := os.ReadFile(path)
	return data
}

// FuzzDecodeValue decodes arbitrary bytes as a stored value (envelope, checksum,
// strict JSON) of each shape: it must return a value or an error, never panic, and
// a value it accepts must have the right checksum for where it is stored.
func FuzzDecodeValue(f *testing.F) {
	d, _ := frame(SchemaVersion(), []byte("sessions"), idKey(1), 1, []byte(`{"id":1,"notes":"x"}`))
	f.Add(d, uint8(0))
	f.Add([]byte(`{"v":1,"d":{}}`), uint8(1))
	f.Add([]byte(`{"v":9,"c":"00000000","d":{}}`), uint8(2))
	f.Add([]byte(`{"v":1,"c":"00000000","d":{}} x`), uint8(3))
	shapes := valueShapes()
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		sh := shapes[int(which)%len(shapes)]
		tx := txn{layout: SchemaVersion()}
		key := idKey(1)
		err := tx.decodeInto(sh, key, data, newValue(sh, key))
		if err != nil && !errors.Is(err, model.ErrDamaged) && !errors.Is(err, model.ErrNewerVersion) {
			t.Fatalf("decodeInto = %v, want ErrDamaged or ErrNewerVersion", err)
		}
		if err == nil {
			var env envelope
			if strictJSON(data, &env) != nil || env.C == nil || *env.C != checksum(sh.bucket, key, env.V, env.D) {
				t.Fatalf("accepted a value without its checksum: %q", data)
			}
		}
	})
}
