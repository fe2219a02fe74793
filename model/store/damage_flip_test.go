package store

import (
	"errors"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"keel/model"
	"keel/model/demo"
)

// demoFile writes a database holding years of demo history and returns its bytes
// and what Snapshot reads from it.
func demoFile(t testing.TB, years int) ([]byte, model.History) {
	t.Helper()
	path := DataFile(t.TempDir())
	st, err := Open(path, Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Add(demo.Demo(testNow, years, 7)); err != nil {
		t.Fatal(err)
	}
	h, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data, h
}

// TestFlippedBitIsDamageNeverAChangedRecord flips one bit at a time, at random
// places of every page of a database (its two meta pages aside: see below), and
// opens and reads the result. Today's failures were a panic ("page N has unexpected
// type/flags"), a SIGSEGV, and a record silently changed or gone; now each flip either
// changes nothing Keel reads, or is reported as model.ErrDamaged, at Open or at the
// read. A crash of the test process is a failure too.
//
// A flip in a meta page makes bbolt fall back to the other one, the commit before,
// which is bbolt's design for a torn meta write (see TestFlippedBitInMetaPage).
func TestFlippedBitIsDamageNeverAChangedRecord(t *testing.T) {
	data, want := demoFile(t, 1)
	const pageSize = 4096
	rng := rand.New(rand.NewPCG(5, 6))
	flips := 3
	if testing.Short() {
		flips = 1
	}
	var damaged, same int
	for page := 2; page < len(data)/pageSize; page++ {
		for range flips {
			off := page*pageSize + rng.IntN(pageSize)
			bit := byte(1) << rng.IntN(8)
			bad := append([]byte(nil), data...)
			bad[off] ^= bit
			path := DataFile(t.TempDir())
			os.WriteFile(path, bad, 0o600)
			st, err := Open(path, Options{Now: func() time.Time { return testNow }})
			if err != nil {
				if !errors.Is(err, model.ErrDamaged) {
					t.Fatalf("flip at %d: Open = %v, want ErrDamaged", off, err)
				}
				damaged++
				continue
			}
			got, err := st.Snapshot()
			if err == nil {
				_, err = st.Sessions()
			}
			if err == nil {
				_, err = st.CheckInsBetween(time.Time{}, time.Time{})
			}
			st.Close()
			switch {
			case errors.Is(err, model.ErrDamaged):
				damaged++
			case err != nil:
				t.Fatalf("flip at %d (page %d): read = %v, want ErrDamaged", off, page, err)
			case !sameJSON(t, got, want):
				t.Fatalf("flip at %d (page %d, bit %#x): the records read back changed, with no error", off, page, bit)
			default:
				same++
			}
		}
	}
	t.Logf("%d flips reported as damage, %d changed nothing Keel reads", damaged, same)
}
