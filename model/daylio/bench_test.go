package daylio

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"
)

// tenYearExport writes a Daylio export of ten years with two entries a day, newest
// first: about 7,300 entries, a quarter of them with a note, some with HTML.
func tenYearExport(tb testing.TB) []byte {
	tb.Helper()
	moods := []string{"rad", "good", "meh", "bad", "awful", "ok but sleepy"}
	acts := []string{"work", "friends", "walk", "good meal", "nap", "🧘 yoga", "movies / tv", "bad sleep", "cleaning", "reading"}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(strings.Split(strings.TrimSpace(header8), ","))
	end := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	n := 0
	for day := end; day.After(end.AddDate(-10, 0, 0)); day = day.AddDate(0, 0, -1) {
		for _, at := range []time.Time{day.Add(21*time.Hour + 14*time.Minute), day.Add(8*time.Hour + 3*time.Minute)} {
			var a []string
			for j := range n % 5 {
				a = append(a, acts[(n+j*3)%len(acts)])
			}
			title, note := "", ""
			if n%4 == 0 {
				note = fmt.Sprintf("Day %d. Slept badly, then a long walk &amp; a call with R.<br>Felt \"lighter\", more myself.", n)
			}
			if n%16 == 0 {
				title = "After session"
			}
			w.Write([]string{at.Format("2006-01-02"), at.Format("2 January"), at.Format("Monday"), at.Format("3:04 pm"),
				moods[n%len(moods)], strings.Join(a, " | "), title, note})
			n++
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkParse(b *testing.B) {
	data := tenYearExport(b)
	f, err := Parse(bytes.NewReader(data), testLoc)
	if err != nil || len(f.Entries) < 7300 {
		b.Fatalf("Parse(ten years) = %v entries, %v; want about 7,300", len(f.Entries), err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), testLoc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckIns(b *testing.B) {
	f, err := Parse(bytes.NewReader(tenYearExport(b)), testLoc)
	if err != nil {
		b.Fatal(err)
	}
	mapping := map[string]int{"ok but sleepy": 4}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.CheckIns(mapping); err != nil {
			b.Fatal(err)
		}
	}
}
