package store

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/demo"

	bolt "go.etcd.io/bbolt"
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

// tenYearsFile is a closed database holding the ten-year demo history
// (demo.Demo(now, 10, seed): sessions, check-ins, questionnaires, follow-ups, journal).
func tenYearsFile(b *testing.B) string {
	b.Helper()
	path := DataFile(b.TempDir())
	st, err := Open(path, Options{Now: func() time.Time { return testNow }})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Add(demo.Demo(testNow, 10, 7)); err != nil {
		b.Fatal(err)
	}
	st.Close()
	return path
}

// BenchmarkOpenTenYears is Keel's start on a ten-year history: the folder lock, the
// page walk, bbolt's whole-file consistency check, the layout checks, and the close.
func BenchmarkOpenTenYears(b *testing.B) {
	path := tenYearsFile(b)
	for b.Loop() {
		st, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
	info, _ := os.Stat(path)
	b.ReportMetric(float64(info.Size())/(1<<20), "file-MB")
}

// BenchmarkCheckAtOpenTenYears is the part of the open that checks the whole file:
// the bounds-checked page walk and bbolt's tx.Check.
func BenchmarkCheckAtOpenTenYears(b *testing.B) {
	path := tenYearsFile(b)
	b.Run("walk", func(b *testing.B) {
		for b.Loop() {
			if _, err := inspect(path, false); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("tx.Check", func(b *testing.B) {
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for b.Loop() {
			if err := checkWhole(db); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCheckFileTenYears is keel check on a ten-year history: everything the open
// checks, and every value's checksum and strict decoding.
func BenchmarkCheckFileTenYears(b *testing.B) {
	path := tenYearsFile(b)
	for b.Loop() {
		if err := CheckFile(path); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveDraft measures keeping a journal draft of about 2,000 characters that
// changed since the last keep, as the window does about once a second while the
// person types: one write transaction (bbolt's commit: two fdatasyncs).
func BenchmarkSaveDraft(b *testing.B) {
	st := openTest(b)
	text := strings.Repeat("A few words about the session, and what came up. ", 40)
	d := model.Draft{Place: model.JournalPlace(0), Fields: map[string]string{model.FieldText: text}}
	i := 0
	for b.Loop() {
		i++
		d.Fields[model.FieldText] = text + strconv.Itoa(i)
		if _, err := st.SaveDraft(d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveDraftUnchanged measures a keep with nothing new typed: a read, no write.
func BenchmarkSaveDraftUnchanged(b *testing.B) {
	st := openTest(b)
	d := model.Draft{Place: model.JournalPlace(0), Fields: map[string]string{model.FieldText: strings.Repeat("words ", 400)}}
	if _, err := st.SaveDraft(d); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := st.SaveDraft(d); err != nil {
			b.Fatal(err)
		}
	}
}
