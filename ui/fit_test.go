package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"keel/model/demo"
	"keel/model/seal"
	"keel/model/store"
)

// tenYearStore is a store in a temporary folder holding the ten-year demo history.
func tenYearStore(tb testing.TB) *store.Store {
	tb.Helper()
	kdf := seal.TestParams()
	st, err := store.Open(store.DataFile(tb.TempDir()), store.Options{Now: func() time.Time { return testNow }, KDF: &kdf})
	if err != nil {
		tb.Fatalf("Open() = %v", err)
	}
	tb.Cleanup(func() { closeLogged(st, "the test store") })
	if err := st.Add(demo.Demo(testNow, 10, 7)); err != nil {
		tb.Fatalf("Add(ten years) = %v", err)
	}
	return st
}

// BenchmarkFirstVisit measures building each screen the first time it is shown, over
// a ten-year demo history: what someone waits for after a click in the sidebar. Work
// a screen hands to the background (What helps computes its findings there, behind a
// "working it out" line) is not part of the wait; it is reported as background-ms.
func BenchmarkFirstVisit(b *testing.B) {
	test.NewTempApp(b)
	st := tenYearStore(b)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1024, 700))
	specs := build(fyne.CurrentApp(), st, welcomedPrefs(), w).specs
	for id := ScreenToday; id < screenCount; id++ {
		b.Run(strings.ReplaceAll(specs[id].title, " ", "_"), func(b *testing.B) {
			var queued []func()
			var background time.Duration
			for b.Loop() {
				b.StopTimer()
				u := build(fyne.CurrentApp(), st, welcomedPrefs(), w)
				u.async = func(f func()) { queued = append(queued, f) }
				if id == ScreenToday {
					u.Show(ScreenHelp) // so that Today is built again below
					delete(u.views, ScreenToday)
				}
				queued = nil
				b.StartTimer()
				u.Show(id)
				b.StopTimer()
				start := time.Now()
				for len(queued) > 0 {
					f := queued[0]
					queued = queued[1:]
					f()
				}
				background += time.Since(start)
				b.StartTimer()
			}
			b.ReportMetric(float64(background.Microseconds())/1000/float64(b.N), "background-ms")
		})
	}
}
