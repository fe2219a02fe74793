package exchange

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/demo"
	"keel/model/store"
)

// tenYearExport is the JSON export of a ten-year demo history.
func tenYearExport(b *testing.B) []byte {
	b.Helper()
	st := openTest(b)
	if err := st.Add(demo.Demo(testNow, 10, 1)); err != nil {
		b.Fatal(err)
	}
	e, err := Snapshot(st)
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
	if err := st.Add(demo.Demo(testNow, 10, 1)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		e, err := Snapshot(st)
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
		if _, err := st.Import(e.History, store.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportCSV measures writing the CSV files of a ten-year history.
func BenchmarkExportCSV(b *testing.B) {
	st := openTest(b)
	if err := st.Add(demo.Demo(testNow, 10, 1)); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for b.Loop() {
		h, _ := st.Snapshot()
		if err := WriteCSV(dir, &h, nil, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// writeSynthetic writes to path an export of n records, a record at a time, as
// Keel writes them: per 40 records a done session with its checklist and four
// follow-ups, 30 check-ins with a note, two PHQ-9s and two journal entries about the
// session, over the last 30 years. It returns the file's size.
func writeSynthetic(tb testing.TB, path string, n int) int64 {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	units := max(n/40, 1)
	checkIns := n - units*10
	span := 30 * 365 * 24 * time.Hour
	step := span / time.Duration(units)
	start := testNow.Add(-span - 96*time.Hour)
	sessionAt := func(u int) time.Time { return start.Add(time.Duration(u) * step).Truncate(time.Second) }
	fmt.Fprintf(w, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"exported_at\": %q,\n  \"database\": %q,\n  \"origins\": [],\n  \"templates\": [],\n",
		Format, Version, testNow.Format(time.RFC3339), "5d0f6e1c2b3a49788796a5b4c3d2e1f0")
	list := func(k *model.Kind, count int, rec func(i int) model.Record) {
		fmt.Fprintf(w, "  %q: [", k.Name)
		for i := range count {
			data, err := marshal(k.Exported(rec(i)), "    ")
			if err != nil {
				tb.Fatal(err)
			}
			if i > 0 {
				w.WriteString(",")
			}
			w.WriteString("\n    ")
			w.Write(data)
		}
		if count > 0 {
			w.WriteString("\n  ")
		}
		w.WriteString("]")
		if k != model.Kinds[len(model.Kinds)-1] {
			w.WriteString(",")
		}
		w.WriteString("\n")
	}
	session := func(u int) model.Session {
		at := sessionAt(u)
		return model.Session{ID: uint64(u + 1), At: at, Status: model.StatusDone, Route: model.RouteIV, Dose: &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg},
			Provider: "Clearwater Clinic", Intention: "Stay curious.", MoodBefore: ptr(3 + u%4), MoodAfter: ptr(6), Cost: ptr(model.Money(550_00)),
			Notes: "Calm, a little floaty. The music helped.", Created: at, Updated: at}
	}
	for _, k := range model.Kinds {
		switch k {
		case model.Sessions:
			list(k, units, func(u int) model.Record { s := session(u); return &s })
		case model.Checklists:
			list(k, units, func(u int) model.Record {
				s := session(u)
				c := model.NewChecklist(s.ID, model.DefaultTemplate(s.Route))
				c.Created, c.Updated = s.At, s.At
				return &c
			})
		case model.CheckIns:
			list(k, checkIns, func(i int) model.Record {
				at := start.Add(time.Duration(i) * (span / time.Duration(checkIns))).Truncate(time.Second)
				return &model.CheckIn{ID: uint64(i + 1), At: at, Mood: ptr(i % 11), SleepHours: ptr(7.5), Stress: ptr(i % 7),
					Note: "Slept well, walked by the river.", Tags: []string{"walk"}, Created: at, Updated: at}
			})
		case model.Questionnaires:
			list(k, 2*units, func(i int) model.Record {
				at := sessionAt(i / 2).Add(-time.Duration(1+i%2) * 24 * time.Hour)
				return &model.Response{ID: uint64(i + 1), Instrument: "phq9", At: at, Answers: []int{1, 1, 2, 1, 0, 1, i % 4, 0, 0}, Created: at, Updated: at}
			})
		case model.FollowUps:
			list(k, 4*units, func(i int) model.Record {
				f := model.NewFollowUps(session(i / 4))[i%4]
				f.Created, f.Updated = f.Due, f.Due
				if i%4 < 2 {
					filled := f.Due.Add(time.Hour)
					f.Filled, f.Mood, f.Note = &filled, ptr(6), "Tired, lighter."
				}
				return &f
			})
		case model.Journal:
			list(k, 2*units, func(i int) model.Record {
				at := sessionAt(i / 2).Add(time.Duration(6+i%2*20) * time.Hour)
				return &model.JournalEntry{ID: uint64(i + 1), At: at, SessionID: uint64(i/2 + 1), Text: "Saw the old worry from further away.", Created: at, Updated: at}
			})
		default:
			list(k, 0, nil)
		}
	}
	w.WriteString("}\n")
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	info, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	return info.Size()
}

// peakRSS resets the process's peak resident size (Linux), runs fn and returns the
// new peak in bytes, 0 where it cannot be read. It counts the database's mapped pages
// as well as the heap.
func peakRSS(fn func()) uint64 {
	if os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) != nil {
		fn()
		return 0
	}
	fn()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb uint64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb)
			return kb << 10
		}
	}
	return 0
}

// benchmarkImport measures importing an export of n records of another Keel into
// an empty store, as the window and keel import do (ImportSource: a backup, then
// the file read and imported a record at a time), with the peak heap and the peak
// resident size.
func benchmarkImport(b *testing.B, n int) {
	path := filepath.Join(b.TempDir(), "export.json")
	size := writeSynthetic(b, path, n)
	b.SetBytes(size)
	var heap, rss uint64
	for b.Loop() {
		b.StopTimer()
		st := openTest(b)
		src, err := OpenSource(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		var res store.ImportResult
		rss = max(rss, peakRSS(func() {
			heap = max(heap, peakHeap(func() { res, err = ImportSource(st, src, store.ImportOptions{}) }))
		}))
		if err != nil || res.Added != n {
			b.Fatalf("ImportSource = %v; added %d of %d: %s", err, res.Added, n, res.Summary())
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
	if rss > 0 {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
	}
	b.ReportMetric(float64(size)/float64(n), "file-bytes/record")
}

// BenchmarkImport100k measures importing 100,000 records (more than a long life's
// history) of another Keel.
func BenchmarkImport100k(b *testing.B) { benchmarkImport(b, 100_000) }

// BenchmarkImportMillion measures importing a million records of another Keel. It
// takes about a minute, so it runs only with KEEL_BENCH_MILLION=1 and not with
// -short: KEEL_BENCH_MILLION=1 go test -run '^$' -bench ImportMillion ./model/exchange
func BenchmarkImportMillion(b *testing.B) {
	if testing.Short() || os.Getenv("KEEL_BENCH_MILLION") == "" {
		b.Skip("set KEEL_BENCH_MILLION=1 to import a million records")
	}
	benchmarkImport(b, 1_000_000)
}
