package daylio

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"keel/model"
)

func TestCheckInsDefaults(t *testing.T) {
	f := parseSample(t, "eight-columns-newer.csv", testLoc)
	got, err := f.CheckIns(nil)
	if err != nil {
		t.Fatalf("CheckIns(nil) = %v, want no error", err)
	}
	values := map[string]int{"rad": 10, "good": 8, "meh": 5, "bad": 2, "awful": 0}
	if len(got) != len(maySamples) {
		t.Fatalf("CheckIns(nil) gave %d check-ins, want %d", len(got), len(maySamples))
	}
	for i, w := range maySamples {
		c := got[i]
		if c.Mood == nil || *c.Mood != values[w.mood] {
			t.Errorf("CheckIns(nil)[%d].Mood = %v, want %d (%s)", i, ptrString(c.Mood), values[w.mood], w.mood)
		}
		if !c.At.Equal(f.Entries[i].At) {
			t.Errorf("CheckIns(nil)[%d].At = %v, want %v", i, c.At, f.Entries[i].At)
		}
		if !slices.Equal(c.Tags, w.activities) {
			t.Errorf("CheckIns(nil)[%d].Tags = %q, want %q", i, c.Tags, w.activities)
		}
		if c.Note != w.note {
			t.Errorf("CheckIns(nil)[%d].Note = %q, want %q", i, c.Note, w.note)
		}
		if c.Source != "daylio" || c.SourceKey != f.Entries[i].Key {
			t.Errorf("CheckIns(nil)[%d] source = %q %q, want \"daylio\" %q", i, c.Source, c.SourceKey, f.Entries[i].Key)
		}
		if c.Anxiety != nil || c.Stress != nil || c.SleepHours != nil || c.SleepQuality != nil || c.ID != 0 {
			t.Errorf("CheckIns(nil)[%d] = %+v, want only mood, time, note, tags and source", i, c)
		}
	}
}

func ptrString(p *int) string {
	if p == nil {
		return "nil"
	}
	return strconv.Itoa(*p)
}

func TestCheckInsCustomMapping(t *testing.T) {
	f := parseSample(t, "custom-mood-names.csv", testLoc)
	// Keys in any case and with stray spaces; "good" overrides the default 8.
	mapping := map[string]int{"ok": 6, " Refreshed": 9, "OK BUT SLEEPY": 4, "anxious": 3, "Good": 7}
	got, err := f.CheckIns(mapping)
	if err != nil {
		t.Fatalf("CheckIns(%v) = %v, want no error", mapping, err)
	}
	want := []int{6, 6, 9, 7, 4, 2, 3} // bad keeps its default
	for i, c := range got {
		if c.Mood == nil || *c.Mood != want[i] {
			t.Errorf("CheckIns(%v)[%d].Mood = %s, want %d (%s)", mapping, i, ptrString(c.Mood), want[i], f.Entries[i].Mood)
		}
	}
	if len(got) != len(want) {
		t.Errorf("CheckIns(%v) gave %d check-ins, want %d", mapping, len(got), len(want))
	}
}

func TestUnknownMoods(t *testing.T) {
	tests := []struct {
		file    string
		mapping map[string]int
		want    []string
	}{
		{"seven-columns-12h-clock.csv", nil, nil},
		{"eight-columns-note-title.csv", nil, []string{"sad", "average"}},
		{"eight-columns-note-title.csv", map[string]int{"SAD": 2}, []string{"average"}},
		{"custom-mood-names.csv", nil, []string{"OK", "Refreshed", "ok but sleepy", "Anxious"}},
		{"custom-mood-names.csv", map[string]int{"refreshed": 9, "anxious": 3}, []string{"OK", "ok but sleepy"}},
		{"custom-mood-names.csv", map[string]int{"ok": 6, "refreshed": 9, "ok but sleepy": 4, "anxious": 3}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := parseSample(t, tt.file, testLoc)
			if got := f.UnknownMoods(tt.mapping); !slices.Equal(got, tt.want) {
				t.Errorf("UnknownMoods(%v) = %q, want %q", tt.mapping, got, tt.want)
			}
			_, err := f.CheckIns(tt.mapping)
			if len(tt.want) == 0 {
				if err != nil {
					t.Errorf("CheckIns(%v) = %v, want no error", tt.mapping, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckIns(%v) = no error, want one naming %q", tt.mapping, tt.want)
			}
			for _, name := range tt.want {
				if !strings.Contains(err.Error(), `"`+name+`"`) {
					t.Errorf("CheckIns(%v) = %q, want it to name %q", tt.mapping, err, name)
				}
			}
		})
	}
}

func TestCheckInsRefusesValuesOffTheScale(t *testing.T) {
	f := parseSample(t, "custom-mood-names.csv", testLoc)
	for _, v := range []int{-1, 11} {
		mapping := map[string]int{"ok": v, "refreshed": 9, "ok but sleepy": 4, "anxious": 3}
		if got, err := f.CheckIns(mapping); err == nil || !strings.Contains(err.Error(), `"OK"`) {
			t.Errorf("CheckIns(%v) = %d check-ins, %v; want an error naming \"OK\"", mapping, len(got), err)
		}
	}
}

// allMoods maps every mood of f to a value, so CheckIns has nothing to refuse.
func allMoods(f *File) map[string]int {
	m := make(map[string]int)
	for i, name := range f.Moods {
		m[name] = i % 11
	}
	return m
}

func TestSourceKeys(t *testing.T) {
	keys := func(t *testing.T, input string, loc *time.Location) []string {
		t.Helper()
		f, err := Parse(strings.NewReader(input), loc)
		if err != nil {
			t.Fatalf("Parse(%q) = %v", input, err)
		}
		cs, err := f.CheckIns(allMoods(f))
		if err != nil {
			t.Fatalf("CheckIns() = %v", err)
		}
		var out []string
		for _, c := range cs {
			out = append(out, c.SourceKey)
		}
		return out
	}
	t.Run("stable and distinct in every sample", func(t *testing.T) {
		for _, s := range samples {
			f1, f2 := parseSample(t, s.file, testLoc), parseSample(t, s.file, time.UTC)
			seen := make(map[string]bool)
			for i := range f1.Entries {
				k := f1.Entries[i].Key
				if k != f2.Entries[i].Key {
					t.Errorf("%s entry %d: Key = %q in New York and %q in UTC, want the same", s.file, i, k, f2.Entries[i].Key)
				}
				if seen[k] {
					t.Errorf("%s entry %d: Key %q repeats an earlier entry's", s.file, i, k)
				}
				seen[k] = true
			}
		}
	})
	t.Run("the same entries in 7 and 8 columns", func(t *testing.T) {
		seven := parseSample(t, "seven-columns-12h-clock.csv", testLoc)
		eight := parseSample(t, "eight-columns-newer.csv", testLoc)
		for i := range seven.Entries {
			if seven.Entries[i].Key != eight.Entries[i].Key {
				t.Errorf("entry %d: Key = %q with 7 columns, %q with 8; want the same", i, seven.Entries[i].Key, eight.Entries[i].Key)
			}
		}
	})

	base := header8 + "2020-05-30,30 May,Saturday,6:50 pm,rad,a | b,T,note\n"
	same := keys(t, base, testLoc)[0]
	tests := []struct {
		name  string
		input string
		equal bool
	}{
		{"same entry", base, true},
		{"24-hour clock", header8 + "2020-05-30,30 May,Saturday,18:50,rad,a | b,T,note\n", true},
		{"older header", "year,date,weekday,time,mood,activities,note_title,note\n2020,30 May,Saturday,6:50 pm,rad,a | b,T,note\n", true},
		{"stray spaces", header8 + "2020-05-30,30 May,Saturday,6:50 pm,rad ,\"a  |  b \",T,note\n", true},
		{"other minute", header8 + "2020-05-30,30 May,Saturday,6:51 pm,rad,a | b,T,note\n", false},
		{"other day", header8 + "2020-05-31,30 May,Saturday,6:50 pm,rad,a | b,T,note\n", false},
		{"other mood", header8 + "2020-05-30,30 May,Saturday,6:50 pm,good,a | b,T,note\n", false},
		{"other activity", header8 + "2020-05-30,30 May,Saturday,6:50 pm,rad,a | c,T,note\n", false},
		{"activities run together", header8 + "2020-05-30,30 May,Saturday,6:50 pm,rad,a b,T,note\n", false},
		{"other title", header8 + "2020-05-30,30 May,Saturday,6:50 pm,rad,a | b,U,note\n", false},
		{"title and note swapped", header8 + "2020-05-30,30 May,Saturday,6:50 pm,rad,a | b,note,T\n", false},
		{"other note", header8 + "2020-05-30,30 May,Saturday,6:50 pm,rad,a | b,T,note!\n", false},
		{"note as HTML", header8 + "2020-05-30,30 May,Saturday,6:50 pm,rad,a | b,T,<b>note</b>\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys(t, tt.input, testLoc)[0]; (got == same) != tt.equal {
				t.Errorf("Key of %q = %s, key of %q = %s; want equal %v", tt.input, got, base, same, tt.equal)
			}
		})
	}

	t.Run("identical entries at the same minute", func(t *testing.T) {
		twice := base + strings.TrimPrefix(base, header8) + strings.TrimPrefix(base, header8)
		ks := keys(t, twice, testLoc)
		if ks[0] != same || ks[1] == ks[0] || ks[2] == ks[0] || ks[2] == ks[1] {
			t.Errorf("keys of three identical entries = %q, want the first %s and three distinct", ks, same)
		}
		if again := keys(t, twice, testLoc); !slices.Equal(again, ks) {
			t.Errorf("keys on a second import = %q, want %q", again, ks)
		}
	})
}

func TestEveryCheckInValidates(t *testing.T) {
	now := time.Now()
	for _, s := range samples {
		t.Run(s.file, func(t *testing.T) {
			f := parseSample(t, s.file, testLoc)
			checkValid(t, f, now)
		})
	}
	for _, c := range syntheticCases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse(strings.NewReader(c.input), testLoc)
			if err != nil {
				t.Fatalf("Parse(%q) = %v", c.input, err)
			}
			checkValid(t, f, now)
		})
	}
}

// tester is what checkValid needs of *testing.T and *rapid.T alike.
type tester interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// checkValid converts f with every mood mapped and validates every check-in.
func checkValid(t tester, f *File, now time.Time) {
	t.Helper()
	cs, err := f.CheckIns(allMoods(f))
	if err != nil {
		t.Fatalf("CheckIns(%v) = %v, want no error", allMoods(f), err)
	}
	if len(cs) != len(f.Entries) {
		t.Fatalf("CheckIns() gave %d check-ins for %d entries", len(cs), len(f.Entries))
	}
	for i := range cs {
		if err := cs[i].Validate(now); err != nil {
			t.Errorf("CheckIns()[%d].Validate(%v) = %v, want nil (check-in %+v)", i, now, err, cs[i])
		}
	}
}

func TestCheckInNoteAndTags(t *testing.T) {
	long := strings.Repeat("x", 59) + "🧘‍♀️ yoga"
	many := make([]string, 25)
	for i := range many {
		many[i] = "act" + string(rune('a'+i))
	}
	huge := strings.Repeat("é", model.MaxLongText)
	tests := []struct {
		name  string
		entry Entry
		note  string
		tags  []string
	}{
		{"title and note", Entry{NoteTitle: "Title", Note: "Body"}, "Title\n\nBody", nil},
		{"title only", Entry{NoteTitle: "Title"}, "Title", nil},
		{"note only", Entry{Note: "Body"}, "Body", nil},
		{"long note cut", Entry{NoteTitle: "T", Note: huge}, "T\n\n" + huge[:len(huge)-3*2], nil},
		{"long activity cut at 60", Entry{Activities: []string{long}}, "", []string{strings.Repeat("x", 59) + "🧘"}},
		{"cut before a joiner", Entry{Activities: []string{strings.Repeat("x", 58) + "🧘\u200d♀️"}}, "", []string{strings.Repeat("x", 58) + "🧘"}},
		{"repeats dropped", Entry{Activities: []string{"a", "b", "a"}}, "", []string{"a", "b"}},
		{"same once cut", Entry{Activities: []string{strings.Repeat("y", 60) + "1", strings.Repeat("y", 60) + "2"}}, "", []string{strings.Repeat("y", 60)}},
		{"at most 20", Entry{Activities: many}, "", many[:20]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.entry.Mood = "rad"
			tt.entry.At = time.Date(2020, 5, 30, 18, 50, 0, 0, testLoc)
			f := &File{Entries: []Entry{tt.entry}, Moods: []string{"rad"}}
			cs, err := f.CheckIns(nil)
			if err != nil {
				t.Fatalf("CheckIns() = %v", err)
			}
			c := cs[0]
			if c.Note != tt.note {
				t.Errorf("CheckIns() note = %q (%d characters), want %q", shorten(c.Note), utf8.RuneCountInString(c.Note), shorten(tt.note))
			}
			if !slices.Equal(c.Tags, tt.tags) {
				t.Errorf("CheckIns() tags = %q, want %q", c.Tags, tt.tags)
			}
			if err := c.Validate(time.Now()); err != nil {
				t.Errorf("CheckIns()[0].Validate() = %v, want nil", err)
			}
		})
	}
}

func shorten(s string) string {
	if len(s) > 80 {
		return s[:40] + "..." + s[len(s)-40:]
	}
	return s
}

func TestParseMapping(t *testing.T) {
	tests := []struct {
		specs []string
		want  map[string]int // nil: an error
	}{
		{nil, map[string]int{}},
		{[]string{"Refreshed=9"}, map[string]int{"refreshed": 9}},
		{[]string{" ok but sleepy = 4 ", "ANXIOUS=0", "rad=10"}, map[string]int{"ok but sleepy": 4, "anxious": 0, "rad": 10}},
		{[]string{"a=b=3"}, map[string]int{"a=b": 3}},
		{[]string{"😊 calm=7"}, map[string]int{"😊 calm": 7}},
		{[]string{"ok=4", "OK=4"}, map[string]int{"ok": 4}},
		{[]string{"ok=4", "OK=5"}, nil},
		{[]string{"ok"}, nil},
		{[]string{"=4"}, nil},
		{[]string{"  =4"}, nil},
		{[]string{"ok="}, nil},
		{[]string{"ok=11"}, nil},
		{[]string{"ok=-1"}, nil},
		{[]string{"ok=4.5"}, nil},
		{[]string{"ok=four"}, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.specs, " "), func(t *testing.T) {
			got, err := ParseMapping(tt.specs)
			if tt.want == nil {
				if err == nil {
					t.Errorf("ParseMapping(%q) = %v, want an error", tt.specs, got)
				}
				return
			}
			if err != nil || !maps.Equal(got, tt.want) {
				t.Errorf("ParseMapping(%q) = %v, %v; want %v", tt.specs, got, err, tt.want)
			}
		})
	}
}

func TestParseMappingFeedsCheckIns(t *testing.T) {
	f := parseSample(t, "custom-mood-names.csv", testLoc)
	m, err := ParseMapping([]string{"ok=6", "refreshed=9", "ok but sleepy=4", "anxious=3"})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.UnknownMoods(m); len(got) != 0 {
		t.Errorf("UnknownMoods(%v) = %q, want none", m, got)
	}
}

func TestDefaultMoods(t *testing.T) {
	want := map[string]int{"rad": 10, "good": 8, "meh": 5, "bad": 2, "awful": 0}
	if !maps.Equal(DefaultMoods, want) {
		t.Errorf("DefaultMoods = %v, want %v", DefaultMoods, want)
	}
}
