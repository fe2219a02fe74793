package daylio

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// The characters generated names and notes are made of: CSV's specials, HTML's
// specials, accents, a wide script, emoji with joiners and variation selectors.
var (
	wordRunes     = []rune("abcXYZ09\",;'<>&#/.-:()éßЖ日😀🧘\u200d♀\ufe0f")
	activityRunes = wordRunes
	noteRunes     = append(slices.Clone(wordRunes), '|')
)

func genWord(runes []rune) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		return string(rapid.SliceOfN(rapid.SampledFrom(runes), 1, 8).Draw(t, "runes"))
	})
}

// genText makes text as Parse gives it back: words split by single spaces, line
// breaks or blank lines, nothing at either end.
func genText(t *rapid.T, label string, maxWords int) string {
	words := rapid.SliceOfN(genWord(noteRunes), 0, maxWords).Draw(t, label)
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(rapid.SampledFrom([]string{" ", "\n", "\n\n"}).Draw(t, label+" gap"))
		}
		b.WriteString(w)
	}
	return b.String()
}

// genEntry makes an entry that fits the file format: a time between 1991 and 2198
// (so it is within Keel's years in any zone), a mood name and activities without
// surrounding spaces, activities without " | ".
func genEntry(t *rapid.T) Entry {
	y := rapid.IntRange(1991, 2198).Draw(t, "year")
	m := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
	d := rapid.IntRange(1, daysIn(y, m)).Draw(t, "day")
	at := time.Date(y, m, d, rapid.IntRange(0, 23).Draw(t, "hour"), rapid.IntRange(0, 59).Draw(t, "minute"), 0, 0, testLoc)
	name := func(runes []rune, label string) string {
		return strings.Join(rapid.SliceOfN(genWord(runes), 1, 3).Draw(t, label), " ")
	}
	var acts []string
	for range rapid.IntRange(0, 25).Draw(t, "activities") {
		acts = append(acts, name(activityRunes, "activity"))
	}
	return Entry{
		At:         at,
		Mood:       name(wordRunes, "mood"),
		Activities: acts,
		NoteTitle:  genText(t, "title", 4),
		Note:       genText(t, "note", 30),
	}
}

// encodeNote writes text as a Daylio export might: HTML-escaped, with line breaks
// as they are or as <br>, spaces sometimes as &nbsp;, sometimes in a paragraph.
func encodeNote(t *rapid.T, s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\n':
			b.WriteString(rapid.SampledFrom([]string{"\n", "\r\n", "<br>", "<br/>", "<BR />"}).Draw(t, "line break"))
		case ' ':
			b.WriteString(rapid.SampledFrom([]string{" ", "&nbsp;"}).Draw(t, "space"))
		default:
			b.WriteRune(r)
		}
	}
	if s != "" && rapid.Bool().Draw(t, "paragraph") {
		return "<p>" + b.String() + "</p>"
	}
	return b.String()
}

// writeExport writes entries as an 8-column Daylio export and returns it with the
// line each entry starts on.
func writeExport(t *rapid.T, entries []Entry) ([]byte, []int) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = rapid.Bool().Draw(t, "CRLF")
	if err := w.Write(strings.Split(strings.TrimSpace(header8), ",")); err != nil {
		t.Fatal(err)
	}
	clock := rapid.SampledFrom([]string{"15:04", "3:04 pm", "03:04 PM"}).Draw(t, "clock")
	var lines []int
	for _, e := range entries {
		w.Flush()
		lines = append(lines, bytes.Count(buf.Bytes(), []byte("\n"))+1)
		pad := rapid.SampledFrom([]string{"", " ", "  "})
		sep := rapid.SampledFrom([]string{" | ", "  | ", " |  "})
		var acts strings.Builder
		for i, a := range e.Activities {
			if i > 0 {
				acts.WriteString(sep.Draw(t, "separator"))
			}
			acts.WriteString(a)
		}
		rec := []string{
			e.At.Format("2006-01-02"), e.At.Format("2 January"), e.At.Format("Monday"),
			e.At.Format(clock), e.Mood + pad.Draw(t, "pad"), acts.String() + pad.Draw(t, "pad"),
			encodeNote(t, e.NoteTitle), encodeNote(t, e.Note),
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	if rapid.Bool().Draw(t, "no final newline") {
		buf.Truncate(len(bytes.TrimRight(buf.Bytes(), "\r\n")))
	}
	return buf.Bytes(), lines
}

func TestRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		entries := rapid.SliceOfN(rapid.Custom(genEntry), 0, 20).Draw(t, "entries")
		data, lines := writeExport(t, entries)
		f, err := Parse(bytes.NewReader(data), testLoc)
		if err != nil {
			t.Fatalf("Parse(%q) = %v, want no error", data, err)
		}
		if len(f.Entries) != len(entries) {
			t.Fatalf("Parse(%q) gave %d entries, want %d", data, len(f.Entries), len(entries))
		}
		var moods []string
		for i, want := range entries {
			got := f.Entries[i]
			if !got.At.Equal(want.At) || got.At.Location() != testLoc {
				t.Errorf("entry %d: At = %v, want %v", i, got.At, want.At)
			}
			if got.Mood != want.Mood {
				t.Errorf("entry %d: Mood = %q, want %q", i, got.Mood, want.Mood)
			}
			if !slices.Equal(got.Activities, want.Activities) {
				t.Errorf("entry %d: Activities = %q, want %q", i, got.Activities, want.Activities)
			}
			if got.NoteTitle != want.NoteTitle || got.Note != want.Note {
				t.Errorf("entry %d: note = %q / %q, want %q / %q", i, got.NoteTitle, got.Note, want.NoteTitle, want.Note)
			}
			if got.Line != lines[i] {
				t.Errorf("entry %d: Line = %d, want %d", i, got.Line, lines[i])
			}
			if !slices.ContainsFunc(moods, func(m string) bool { return strings.EqualFold(m, want.Mood) }) {
				moods = append(moods, want.Mood)
			}
		}
		if !slices.Equal(f.Moods, moods) {
			t.Errorf("Moods = %q, want %q", f.Moods, moods)
		}
		again, err := Parse(bytes.NewReader(data), time.UTC)
		if err != nil {
			t.Fatalf("Parse(%q) in UTC = %v", data, err)
		}
		for i := range again.Entries {
			if again.Entries[i].Key != f.Entries[i].Key {
				t.Errorf("entry %d: Key = %s in UTC, %s in New York; want the same", i, again.Entries[i].Key, f.Entries[i].Key)
			}
		}
		checkValid(t, f, time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC))
	})
}
