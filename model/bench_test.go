package model

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// tenYears opens a store holding about 600 sessions over ten years (one every six days).
func tenYears(b *testing.B) *Store {
	b.Helper()
	st := openTest(b)
	demo := Demo(testNow, 1, 7).Sessions[0]
	var h History
	for at := testNow.AddDate(-10, 0, 0); at.Before(testNow); at = at.AddDate(0, 0, 6) {
		s := demo
		s.ID, s.At = 0, at
		h.Sessions = append(h.Sessions, s)
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
	if err := st.Add(Demo(testNow, 10, 1)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		in, err := st.DueInputs(testNow)
		if err != nil {
			b.Fatal(err)
		}
		Due(testNow, in)
	}
}

// tenYearExport is the JSON export of a ten-year demo history.
func tenYearExport(b *testing.B) []byte {
	b.Helper()
	st := openTest(b)
	if err := st.Add(Demo(testNow, 10, 1)); err != nil {
		b.Fatal(err)
	}
	e, err := st.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := e.WriteJSON(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkExportJSON measures reading a ten-year history and writing it as JSON.
func BenchmarkExportJSON(b *testing.B) {
	st := openTest(b)
	if err := st.Add(Demo(testNow, 10, 1)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		e, err := st.Snapshot()
		if err != nil {
			b.Fatal(err)
		}
		if err := e.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportJSON measures parsing a ten-year export and importing it into an
// empty store (one transaction).
func BenchmarkImportJSON(b *testing.B) {
	data := tenYearExport(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		b.StopTimer()
		st := openTest(b)
		b.StartTimer()
		e, err := ReadExport(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Import(e, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportCSV measures writing the CSV files of a ten-year history.
func BenchmarkExportCSV(b *testing.B) {
	st := openTest(b)
	if err := st.Add(Demo(testNow, 10, 1)); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for b.Loop() {
		e, _ := st.Snapshot()
		if err := e.ExportCSV(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBackup measures a hot backup of a ten-year history.
func BenchmarkBackup(b *testing.B) {
	st := openTest(b)
	if err := st.Add(Demo(testNow, 10, 1)); err != nil {
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
