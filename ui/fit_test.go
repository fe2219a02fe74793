package ui

import (
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
// a ten-year demo history: what someone waits for after a click in the sidebar.
func BenchmarkFirstVisit(b *testing.B) {
	test.NewTempApp(b)
	st := tenYearStore(b)
	w := test.NewWindow(nil)
	defer w.Close()
	for id := ScreenToday; id < screenCount; id++ {
		u := build(fyne.CurrentApp(), st, welcomedPrefs(), w)
		name := u.specs[id].title
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				u := build(fyne.CurrentApp(), st, welcomedPrefs(), w)
				u.async = func(f func()) { f() }
				if id == ScreenToday {
					u.Show(ScreenHelp) // so that Today is built again below
					delete(u.views, ScreenToday)
				}
				b.StartTimer()
				u.Show(id)
			}
		})
	}
}
