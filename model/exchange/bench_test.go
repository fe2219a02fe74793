package exchange

import (
	"bytes"
	"io"
	"testing"

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
