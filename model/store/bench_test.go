package store

import (
	"os"
	"testing"

	"keel/model"
	"keel/model/demo"
)

// tenYears opens a store holding about 600 sessions over ten years (one every six days).
func tenYears(b *testing.B) *Store {
	b.Helper()
	st := openTest(b)
	h0 := demo.Demo(testNow, 1, 7)
	first := model.Records[model.Session](&h0, model.Sessions)[0]
	var h model.History
	for at := testNow.AddDate(-10, 0, 0); at.Before(testNow); at = at.AddDate(0, 0, 6) {
		s := first
		s.ID, s.At = 0, at
		h.Add(model.Sessions, &s)
	}
	if err := st.Add(h); err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkSaveSession measures saving one new, fully filled session: one transaction, one fsync.
func BenchmarkSaveSession(b *testing.B) {
	st := openTest(b)
	s := fullSession(b)
	for b.Loop() {
		s.ID = 0
		if _, err := st.SaveSession(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSessionsMonth measures listing one month of a ten-year history.
func BenchmarkSessionsMonth(b *testing.B) {
	st := tenYears(b)
	from := testNow.AddDate(-5, 0, 0)
	for b.Loop() {
		list, err := st.SessionsBetween(from, from.AddDate(0, 1, 0))
		if err != nil || len(list) < 4 {
			b.Fatalf("SessionsBetween = %d sessions, %v", len(list), err)
		}
	}
}

// BenchmarkSessionsAll measures listing every session of a ten-year history, newest first.
func BenchmarkSessionsAll(b *testing.B) {
	st := tenYears(b)
	for b.Loop() {
		list, err := st.Sessions()
		if err != nil || len(list) < 600 {
			b.Fatalf("Sessions = %d sessions, %v", len(list), err)
		}
	}
}

// BenchmarkDueToday measures what the Today screen does: gather the inputs with range
// scans and compute what is due, over a ten-year demo history.
func BenchmarkDueToday(b *testing.B) {
	st := openTest(b)
	if err := st.Add(demo.Demo(testNow, 10, 1)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		in, err := st.DueInputs(testNow)
		if err != nil {
			b.Fatal(err)
		}
		model.Due(testNow, in)
	}
}

// BenchmarkBackup measures a hot backup of a ten-year history.
func BenchmarkBackup(b *testing.B) {
	st := openTest(b)
	if err := st.Add(demo.Demo(testNow, 10, 1)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		bk, err := st.Backup()
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.Remove(bk.Path)
		b.StartTimer()
	}
}
