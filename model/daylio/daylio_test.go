package daylio

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	_ "time/tzdata" // the tests name a real time zone; do not depend on the host's
)

// sampleDir holds real Daylio exports, public ones (testdata/README.md says where
// each came from).
const sampleDir = "testdata/"

// testLoc is a real zone with daylight saving time, so a wall-clock time is not a
// fixed offset from UTC.
var testLoc = mustLoad("America/New_York")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// want is an expected entry, written as the file shows it; at is the wall-clock time
// in 24-hour form.
type want struct {
	at          string
	mood        string
	activities  []string
	title, note string
}

// maySamples are the 32 entries of May 2020 that seven-columns-12h-clock.csv and
// eight-columns-newer.csv both hold, one per line from line 2, read off the files.
var maySamples = []want{
	{"2020-05-30 18:50", "rad", []string{"friends", "gaming", "programming", "nap"}, "", "Awesome"},
	{"2020-05-30 13:08", "rad", []string{"shopping", "walk"}, "", "Life is beautiful"},
	{"2020-05-30 08:02", "rad", nil, "", ""},
	{"2020-05-30 01:23", "rad", nil, "", ""},
	{"2020-05-29 21:24", "rad", nil, "", ""},
	{"2020-05-29 20:00", "rad", []string{"gaming", "programming"}, "", ""},
	{"2020-05-29 18:24", "rad", nil, "", ""},
	{"2020-05-29 15:03", "rad", []string{"work", "movies", "gaming"}, "", ""},
	{"2020-05-29 12:38", "rad", []string{"work", "good meal"}, "", ""},
	{"2020-05-29 07:45", "rad", nil, "", ""},
	{"2020-05-29 01:55", "rad", []string{"movies", "gaming"}, "", ""},
	{"2020-05-28 15:20", "good", []string{"nap"}, "", ""},
	{"2020-05-28 09:40", "good", nil, "", ""},
	{"2020-05-28 05:58", "rad", nil, "", ""},
	{"2020-05-28 00:46", "rad", []string{"cleaning"}, "", ""},
	{"2020-05-28 00:19", "rad", nil, "", ""},
	{"2020-05-27 20:50", "rad", []string{"nap"}, "", ""},
	{"2020-05-27 19:38", "good", nil, "", ""},
	{"2020-05-27 18:46", "rad", nil, "", ""},
	{"2020-05-27 16:25", "good", []string{"gaming"}, "", ""},
	{"2020-05-27 14:49", "rad", nil, "", ""},
	{"2020-05-27 13:22", "rad", []string{"cleaning"}, "", ""},
	{"2020-05-27 12:28", "rad", nil, "", ""},
	{"2020-05-27 12:20", "good", []string{"work", "good meal"}, "", "Just good"},
	{"2020-05-27 10:18", "meh", []string{"work"}, "", ""},
	{"2020-05-27 06:52", "meh", nil, "", ""},
	{"2020-05-25 20:00", "bad", nil, "", ""},
	{"2020-05-25 18:51", "awful", nil, "", ""},
	{"2020-05-25 17:54", "awful", nil, "", ""},
	{"2020-05-25 16:57", "bad", []string{"nap"}, "", ""},
	{"2020-05-25 14:58", "meh", []string{"work"}, "", "Could be better"},
	{"2020-05-25 07:09", "meh", nil, "", ""},
}

// sample is an export in sampleDir with the entries and moods read off it.
type sample struct {
	file    string
	entries []want
	moods   []string
}

// samples lists every file in sampleDir.
var samples = []sample{
	{"seven-columns-12h-clock.csv", maySamples, []string{"rad", "good", "meh", "bad", "awful"}},
	{"eight-columns-newer.csv", maySamples, []string{"rad", "good", "meh", "bad", "awful"}},
	{"eight-columns-note-title.csv", []want{
		{"2021-09-28 22:00", "sad", []string{"clean", "music", "movies / tv", "bad sleep", "tired", "sleep early", "stomachache"}, "", ""},
		{"2021-09-27 23:00", "average", []string{"stressed / frustrated", "eat out", "cook", "vegetarian day", "relax", "nature / walk", "music", "movies / tv", "bad sleep", "tired", "sleep early", "stomachache"}, "", ""},
		{"2021-09-26 23:00", "average", []string{"alcohol", "vegetarian day", "clean", "movies / tv", "bad sleep"}, "", ""},
	}, []string{"sad", "average"}},
	{"custom-mood-names.csv", []want{
		{"2021-05-12 18:52", "OK", []string{"work"}, "", ""},
		{"2021-05-12 15:40", "OK", []string{"work"}, "", ""},
		{"2020-08-31 08:13", "Refreshed", []string{"Sleeping"}, "", ""},
		{"2020-08-28 20:01", "good", []string{"movies", "good meal"}, "", ""},
		{"2020-08-25 17:08", "ok but sleepy", []string{"work"}, "", ""},
		{"2020-07-21 10:31", "bad", nil, "", ""},
		{"2020-07-21 07:31", "Anxious", []string{"Sleeping"}, "", ""},
	}, []string{"OK", "Refreshed", "good", "ok but sleepy", "bad", "Anxious"}},
}

func TestSamplesCovered(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(sampleDir, "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("Glob(%s) = %v, %v; want the sample exports", sampleDir, files, err)
	}
	for _, f := range files {
		if !slices.ContainsFunc(samples, func(s sample) bool { return s.file == filepath.Base(f) }) {
			t.Errorf("sample %s has no expected entries in the samples table", filepath.Base(f))
		}
	}
}

func TestParseSamples(t *testing.T) {
	for _, s := range samples {
		t.Run(s.file, func(t *testing.T) {
			f := parseSample(t, s.file, testLoc)
			checkEntries(t, s.file, f.Entries, s.entries, 2)
			if !slices.Equal(f.Moods, s.moods) {
				t.Errorf("Parse(%q).Moods = %q, want %q", s.file, f.Moods, s.moods)
			}
		})
	}
}

func parseSample(t testing.TB, name string, loc *time.Location) *File {
	t.Helper()
	r, err := os.Open(filepath.Join(sampleDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, err := Parse(r, loc)
	if err != nil {
		t.Fatalf("Parse(%q) = %v, want no error", name, err)
	}
	return f
}

// checkEntries compares entries with wants; entry i should start on line
// firstLine+i (every sample entry is one line).
func checkEntries(t *testing.T, input string, got []Entry, wants []want, firstLine int) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("Parse(%q) gave %d entries, want %d", input, len(got), len(wants))
	}
	for i, w := range wants {
		e := got[i]
		at, err := time.ParseInLocation("2006-01-02 15:04", w.at, testLoc)
		if err != nil {
			t.Fatal(err)
		}
		if !e.At.Equal(at) || e.At.Location() != testLoc {
			t.Errorf("Parse(%q) entry %d At = %v, want %v", input, i, e.At, at)
		}
		if e.Mood != w.mood {
			t.Errorf("Parse(%q) entry %d Mood = %q, want %q", input, i, e.Mood, w.mood)
		}
		if !slices.Equal(e.Activities, w.activities) {
			t.Errorf("Parse(%q) entry %d Activities = %q, want %q", input, i, e.Activities, w.activities)
		}
		if e.NoteTitle != w.title || e.Note != w.note {
			t.Errorf("Parse(%q) entry %d note = %q / %q, want %q / %q", input, i, e.NoteTitle, e.Note, w.title, w.note)
		}
		if firstLine > 0 && e.Line != firstLine+i {
			t.Errorf("Parse(%q) entry %d Line = %d, want %d", input, i, e.Line, firstLine+i)
		}
		if len(e.Key) != 32 {
			t.Errorf("Parse(%q) entry %d Key = %q, want 32 hex digits", input, i, e.Key)
		}
	}
}

// syntheticCases are small exports for the variations the samples lack. They also
// seed FuzzParse.
var syntheticCases = []struct {
	name  string
	input string
	want  []want
	lines []int // the line each entry starts on
	moods []string
}{
	{
		name: "nine columns with scales",
		input: "full_date,date,weekday,time,mood,activities,scales,note_title,note\n" +
			"2023-03-04,4 March,Saturday,9:15 pm,good,\"reading | tea\",\"Energy: 4 | Focus: 2\",\"A title\",\"The note\"\n" +
			"2023-03-04,4 March,Saturday,7:02 am,meh,,,,\n",
		want: []want{
			{"2023-03-04 21:15", "good", []string{"reading", "tea"}, "A title", "The note"},
			{"2023-03-04 07:02", "meh", nil, "", ""},
		},
		lines: []int{2, 3},
		moods: []string{"good", "meh"},
	},
	{
		name: "older year,date header",
		input: "year,date,weekday,time,mood,activities,note\n" +
			"2018,18 May,Friday,11:54 pm,happy,\"clean | cook | music\",\"Went to a party\"\n" +
			"2018,17 May,Wednesday,10:21 pm,average,\"cook | stressed \",\"\"\n" +
			"2018,3 Sept,Monday,12:05 am,happy,\"\",\"\"\n" +
			"2016,29 Feb,Monday,12:30 pm,horrible,\"\",\"Did nothing today.\"\n",
		want: []want{
			{"2018-05-18 23:54", "happy", []string{"clean", "cook", "music"}, "", "Went to a party"},
			{"2018-05-17 22:21", "average", []string{"cook", "stressed"}, "", ""},
			{"2018-09-03 00:05", "happy", nil, "", ""},
			{"2016-02-29 12:30", "horrible", nil, "", "Did nothing today."},
		},
		lines: []int{2, 3, 4, 5},
		moods: []string{"happy", "average", "horrible"},
	},
	{
		name:  "byte order mark and CRLF",
		input: "\uFEFFfull_date,date,weekday,time,mood,activities,note_title,note\r\n2022-01-02,2 January,Sunday,14:05,Rad ,work,,\r\n",
		want:  []want{{"2022-01-02 14:05", "Rad", []string{"work"}, "", ""}},
		lines: []int{2},
		moods: []string{"Rad"},
	},
	{
		name: "quoted newline, comma and quote in a note",
		input: "full_date,date,weekday,time,mood,activities,note_title,note\r\n" +
			"2022-01-02,2 January,Sunday,8:00 pm,good,\"a, b | c\",\"Title, with comma\",\"First line\r\nSecond \"\"quoted\"\", line\n\nThird\"\r\n" +
			"2022-01-02,2 January,Sunday,8:00 am,good,,,\"\"",
		want: []want{
			{"2022-01-02 20:00", "good", []string{"a, b", "c"}, "Title, with comma", "First line\nSecond \"quoted\", line\n\nThird"},
			{"2022-01-02 08:00", "good", nil, "", ""},
		},
		lines: []int{2, 6},
		moods: []string{"good"},
	},
	{
		name: "HTML in notes",
		input: "full_date,date,weekday,time,mood,activities,note_title,note\n" +
			"2021-06-01,1 June,Tuesday,10:00,meh,,Tom &amp; Jerry,\"Line one<br>Line two<br/>Line three<BR />four&nbsp;five &lt;b&gt; <b>bold</b> &#128512; <3 you & me, I <love> it<p>Para</p><p>graph</p>\"\n",
		want: []want{
			{"2021-06-01 10:00", "meh", nil, "Tom & Jerry", "Line one\nLine two\nLine three\nfour five <b> bold 😀 <3 you & me, I <love> it\nPara\n\ngraph"},
		},
		lines: []int{2},
		moods: []string{"meh"},
	},
	{
		name: "emoji activities and moods, clocks, blank lines",
		input: "full_date,date,weekday,time,mood,activities,note_title,note\n" +
			"2024-12-31,31 Dec,Tuesday,12:00 am,😊 calm,\"🧘‍♀️ yoga | 🎮 |  | ☕️ coffee  |  \",,\"🎉\"\n" +
			"\n" +
			",,,,,,,\n" +
			"2024-12-31,31 Dec,Tuesday,12:30 PM,😊 CALM,🧘‍♀️ yoga,,\n" +
			"2024-12-31,31 Dec,Tuesday,6:50p.m.,awful,,,\n" +
			"2024-12-31,31 Dec,Tuesday,0:07,awful,,,\n",
		want: []want{
			{"2024-12-31 00:00", "😊 calm", []string{"🧘‍♀️ yoga", "🎮", "☕️ coffee"}, "", "🎉"},
			{"2024-12-31 12:30", "😊 CALM", []string{"🧘‍♀️ yoga"}, "", ""},
			{"2024-12-31 18:50", "awful", nil, "", ""},
			{"2024-12-31 00:07", "awful", nil, "", ""},
		},
		lines: []int{2, 5, 6, 7},
		moods: []string{"😊 calm", "awful"},
	},
	{
		name: "columns in another order, unknown column, no final newline",
		input: "mood,note,time,full_date,activities,battery\n" +
			"bad,\"late\",23:59,2019-12-31,\"x\",42",
		want:  []want{{"2019-12-31 23:59", "bad", []string{"x"}, "", "late"}},
		lines: []int{2},
		moods: []string{"bad"},
	},
	{
		name:  "header only",
		input: "full_date,date,weekday,time,mood,activities,note_title,note\n",
	},
}

func TestParseSynthetic(t *testing.T) {
	for _, c := range syntheticCases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse(strings.NewReader(c.input), testLoc)
			if err != nil {
				t.Fatalf("Parse(%q) = %v, want no error", c.input, err)
			}
			checkEntries(t, c.input, f.Entries, c.want, 0)
			for i, e := range f.Entries {
				if e.Line != c.lines[i] {
					t.Errorf("Parse(%q) entry %d Line = %d, want %d", c.input, i, e.Line, c.lines[i])
				}
			}
			if !slices.Equal(f.Moods, c.moods) {
				t.Errorf("Parse(%q).Moods = %q, want %q", c.input, f.Moods, c.moods)
			}
		})
	}
}

const header8 = "full_date,date,weekday,time,mood,activities,note_title,note\n"

// errorCases are inputs Parse refuses. They also seed FuzzParse.
var errorCases = []struct {
	name      string
	input     string
	line      int  // the line the error names; 0 for the whole file
	notDaylio bool // whether errors.Is(err, ErrNotDaylio)
	says      string
}{
	{"empty file", "", 0, true, "empty"},
	{"only a byte order mark", "\uFEFF", 0, true, "empty"},
	{"blank lines only", "\n\r\n\n", 0, true, "empty"},
	{"another CSV", "name,email\nBob,bob@example.com\n", 0, true, "lacks the columns full_date, time, mood, activities, note"},
	{"JSON", `{"entries": [{"mood": "rad"}]}`, 0, true, "not a Daylio export"},
	{"year without date", "year,weekday,time,mood,activities,note\n", 0, true, "full_date"},
	{"no note column", "full_date,date,weekday,time,mood,activities\n", 0, true, "lacks the column note"},
	{"column twice", "full_date,time,mood,mood,activities,note\n", 0, true, `"mood" twice`},
	{"UTF-16", "\xff\xfef\x00u\x00l\x00l\x00", 0, true, "UTF-16"},
	{"impossible date", header8 + "2020-05-30,,,10:00,rad,,,\n2020-02-30,,,10:00,rad,,,\n", 3, false, `"2020-02-30"`},
	{"date in another form", header8 + "30/05/2020,,,10:00,rad,,,\n", 2, false, `"30/05/2020"`},
	{"hour past 23", header8 + "2020-05-30,,,25:00,rad,,,\n", 2, false, `"25:00"`},
	{"13 pm", header8 + "2020-05-30,,,13:00 pm,rad,,,\n", 2, false, `"13:00 pm"`},
	{"minutes missing", header8 + "2020-05-30,,,10,rad,,,\n", 2, false, `time "10"`},
	{"seconds", header8 + "2020-05-30,,,10:00:00,rad,,,\n", 2, false, `"10:00:00"`},
	{"before 1990", header8 + "1989-12-31,,,18:00,rad,,,\n", 2, false, "1990"},
	{"year 2200", header8 + "2200-01-01,,,00:00,rad,,,\n", 2, false, "1990 to 2199"},
	{"year,date in German", "year,date,weekday,time,mood,activities,note\n2018,18 Mai,Freitag,23:54,rad,,\n", 2, false, `"18 Mai"`},
	{"31 April", "year,date,weekday,time,mood,activities,note\n2018,31 April,,23:54,rad,,\n", 2, false, `"31 April"`},
	{"no mood", header8 + "2020-05-30,,,10:00,  ,work,,\n", 2, false, "no mood"},
	{"too few columns", header8 + "2020-05-30,,,10:00,rad,,\n", 2, false, "7 columns, but the header names 8"},
	{"too many columns", header8 + "2020-05-30,,,10:00,rad,a,b,c,d\n", 2, false, "9 columns"},
	{"unclosed quote swallows the rest", header8 + "2020-05-30,,,10:00,rad,,,\n2020-05-30,,,10:00,rad,,,\"never\n2020-05-29,,,9:00 am,rad,,,\n", 3, false, "stray quote mark"},
	{"note opening with a quote swallows the next entry", header8 + "2020-05-30,,,10:00,rad,,,\"Hello\" she said\n2020-05-29,29 May,Friday,11:00 pm,rad,,,\"Awesome\"\n", 2, false, "runs on"},
	{"not UTF-8", header8 + "2020-05-30,,,10:00,rad,,,\n2020-05-30,,,10:00,rad,,,caf\xe9\n", 3, false, "UTF-8"},
	{"bad time on a later line of a multi-line record", header8 + "2020-05-30,,,10:00,rad,,,\"a\nb\"\n2020-05-30,,,99:99,rad,,,\n", 4, false, `"99:99"`},
}

func TestParseErrors(t *testing.T) {
	for _, c := range errorCases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse(strings.NewReader(c.input), testLoc)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) = %v, %v; want a *ParseError", c.input, f, err)
			}
			if pe.Line != c.line {
				t.Errorf("Parse(%q) error line = %d, want %d (%v)", c.input, pe.Line, c.line, err)
			}
			if got := errors.Is(err, ErrNotDaylio); got != c.notDaylio {
				t.Errorf("errors.Is(Parse(%q), ErrNotDaylio) = %v, want %v (%v)", c.input, got, c.notDaylio, err)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("Parse(%q) = %q, want it to say %q", c.input, err, c.says)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	defer func(old int64) { fileLimit = old }(fileLimit)
	fileLimit = 1000
	const line = "2020-05-30,,,10:00,rad,,,\n"
	exact := header8 + strings.Repeat(line, (1000-len(header8))/len(line))
	exact += strings.Repeat("\n", 1000-len(exact))
	for _, tt := range []struct {
		name  string
		input string
		ok    bool
	}{
		{"at the limit", exact, true},
		{"one byte more", exact + "\n", false},
		{"far more", exact + strings.Repeat(line, 100), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.input), testLoc)
			if tt.ok && err != nil {
				t.Errorf("Parse(%d bytes) = %v, want no error", len(tt.input), err)
			}
			if !tt.ok && (err == nil || !strings.Contains(err.Error(), "larger than 64 MB")) {
				t.Errorf("Parse(%d bytes) = %v, want an error saying the file is too large", len(tt.input), err)
			}
		})
	}
}

func TestParseReadError(t *testing.T) {
	cause := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader(header8+"2020-05-30,,,10:00,rad,,,\n"), iotest.ErrReader(cause))
	_, err := Parse(r, testLoc)
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, cause) || strings.Contains(err.Error(), "fire") {
		t.Errorf("Parse(failing reader) = %v, want a *ParseError wrapping %v with a message for the user", err, cause)
	}
}

func TestParseNilLocationIsLocal(t *testing.T) {
	f, err := Parse(strings.NewReader(header8+"2020-05-30,,,10:00,rad,,,\n"), nil)
	if err != nil {
		t.Fatalf("Parse(nil location) = %v", err)
	}
	if got := f.Entries[0].At.Location(); got != time.Local {
		t.Errorf("Parse(nil location) At.Location() = %v, want Local", got)
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		h, m int
		ok   bool
	}{
		{"6:50 pm", 18, 50, true},
		{"06:50 PM", 18, 50, true},
		{"6:50pm", 18, 50, true},
		{"6:50 p.m.", 18, 50, true},
		{"12:00 am", 0, 0, true},
		{"12:59 am", 0, 59, true},
		{"12:00 pm", 12, 0, true},
		{"1:08 AM", 1, 8, true},
		{" 14:58 ", 14, 58, true},
		{"00:00", 0, 0, true},
		{"23:59", 23, 59, true},
		{"0:30 am", 0, 0, false},
		{"13:00 pm", 0, 0, false},
		{"24:00", 0, 0, false},
		{"12:60", 0, 0, false},
		{"12:5", 0, 0, false},
		{"123:00", 0, 0, false},
		{":30", 0, 0, false},
		{"1230", 0, 0, false},
		{"+1:30", 0, 0, false},
		{"pm", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			h, m, ok := parseClock(tt.in)
			if h != tt.h || m != tt.m || ok != tt.ok {
				t.Errorf("parseClock(%q) = %d, %d, %v, want %d, %d, %v", tt.in, h, m, ok, tt.h, tt.m, tt.ok)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  plain  ", "plain"},
		{"a<br>b<br/>c<br />d<BR>e", "a\nb\nc\nd\ne"},
		{"<p>one</p><p>two</p>", "one\n\ntwo"},
		{"<div>a</div><div>b</div>", "a\n\nb"},
		{"a<br><br><br><br>b", "a\n\nb"},
		{"<b>bold</b> <i>it</i> <span style=\"x\">s</span> <a href='u'>link</a>", "bold it s link"},
		{"fish &amp; chips &lt;3 &gt; &quot;q&quot; &#39;s&#x27;", "fish & chips <3 > \"q\" 's'"},
		{"a&nbsp;b", "a b"},
		{"&lt;br&gt; stays text", "<br> stays text"},
		{"R&D, this&not that, AT&T", "R&D, this&not that, AT&T"},
		{"<3 you", "<3 you"},
		{"a < b and c > d", "a < b and c > d"},
		{"I <love> it", "I <love> it"},
		{"&#0; &#xD800;", "\uFFFD \uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := plainText(tt.in); got != tt.want {
				t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
