// Package daylio reads the CSV files the Daylio mood diary exports and turns their
// entries into Keel check-ins.
//
// An export is a header line and one record per entry, newest first:
//
//	full_date,date,weekday,time,mood,activities,note_title,note
//	2020-05-30,30 May,Saturday,6:50 pm,rad,friends | gaming,,Awesome
//
// Exports vary with Daylio's age and the phone's settings, and Parse accepts all the
// variations seen in real files: 7 columns (no note_title), 8, or 9 (a scales column
// before note_title); an older header that starts year,date instead of full_date
// (then the date reads "18 May" and the year stands alone); CRLF or LF line ends, with
// or without a final one; a UTF-8 byte order mark; 12-hour ("6:50 pm") and 24-hour
// ("14:58") times; stray spaces around mood and activity names; notes that are
// quoted, hold commas, quotes and line breaks, or carry HTML such as <br> and &amp;.
// Columns are found by name, so their order does not matter and unknown ones are
// ignored; weekday, date (beside full_date) and scales are not used.
//
// Mood names are the user's own: Daylio's default scale is rad, good, meh, bad and
// awful, but people rename and add moods. [File.CheckIns] therefore takes a mapping
// from names to Keel's 0-10 scale, [DefaultMoods] covers the default names, and
// [File.UnknownMoods] lists the names the user still has to place.
package daylio

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Entry is one Daylio entry as the export holds it.
type Entry struct {
	// At is the entry's date and time of day in the location given to Parse. Daylio
	// records minutes, never seconds.
	At time.Time
	// Mood is the mood's name as the user wrote it, without surrounding spaces.
	Mood string
	// Activities are the entry's activities in export order, each without
	// surrounding spaces; empty ones are dropped.
	Activities []string
	// NoteTitle and Note are plain text: HTML line and paragraph breaks become line
	// breaks, other formatting tags are dropped, entities such as &amp; are decoded,
	// and surrounding space is trimmed. Exports with 7 columns have no NoteTitle.
	NoteTitle, Note string
	// Line is the line of the file on which the entry starts, counting the first
	// line of the file as 1.
	Line int
	// Key identifies the entry in a way that does not change between exports: a hash
	// of its date, time of day, mood name, activities and note as written. Two
	// entries that are alike in all of these still get different keys, by the order
	// in which they appear.
	Key string
}

// File is a parsed Daylio export.
type File struct {
	// Entries are in the order of the file, which Daylio writes newest first.
	Entries []Entry
	// Moods are the distinct mood names, trimmed, in the order they first appear.
	// Names that differ only in upper and lower case count as one, spelt as first seen.
	Moods []string
}

// ErrNotDaylio is the cause (see errors.Is) of the error Parse returns for a file
// that is not a Daylio export at all, as opposed to an export with a broken line.
var ErrNotDaylio = errors.New("not a Daylio export")

// ParseError is a problem with a Daylio export, in words a user can act on.
type ParseError struct {
	// Line is the line of the file the problem is on, or 0 when it concerns the whole
	// file.
	Line int
	// Message says what is wrong and, where it helps, what to do about it.
	Message string
	// Err is the underlying cause, if any, for errors.Is and logs; it is not part of
	// the message.
	Err error
}

// Error returns the message, preceded by the line number when there is one.
func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("Line %d: %s", e.Line, e.Message)
	}
	return e.Message
}

// Unwrap returns the underlying cause.
func (e *ParseError) Unwrap() error { return e.Err }

// MaxFileSize is the largest file Parse reads, in bytes. Ten years of daily entries
// with notes take a few megabytes; the limit keeps a wrongly chosen video or disk
// image from filling memory.
const MaxFileSize = 64 << 20

// fileLimit is MaxFileSize, lowered by tests.
var fileLimit int64 = MaxFileSize

// The earliest and latest instants Keel accepts (model's minDate and maxDate); an
// entry outside them would fail validation, so Parse refuses it with its line number.
var (
	minAt = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	maxAt = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

const howToExport = "In Daylio, export your entries as CSV and choose that file."

// Parse reads a Daylio CSV export. Dates and times are read as wall-clock times in
// loc, the user's time zone; nil means time.Local. Parse stops at the first problem
// and returns a *ParseError naming the line; a file without a Daylio header gives an
// error whose cause is ErrNotDaylio. A file with a header and no entries is fine.
func Parse(r io.Reader, loc *time.Location) (*File, error) {
	if loc == nil {
		loc = time.Local
	}
	br := bufio.NewReader(&limitedReader{r: r, left: fileLimit})
	if err := skipBOM(br); err != nil {
		return nil, err
	}
	cr := csv.NewReader(br)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{Message: "The file is empty. " + howToExport, Err: ErrNotDaylio}
	}
	if err != nil {
		return nil, readError(err)
	}
	cols, err := readHeader(header)
	if err != nil {
		return nil, err
	}

	f := &File{}
	moods := make(map[string]bool)
	seen := make(map[[sha256.Size]byte]int)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readError(err)
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(rec) != cols.n {
			return nil, &ParseError{Line: line, Message: fmt.Sprintf(
				"This entry has %s, but the header names %d. A note may have lost its quote marks; export the file from Daylio again.",
				plural(len(rec), "column"), cols.n)}
		}
		for i, s := range rec {
			if !utf8.ValidString(s) {
				l, _ := cr.FieldPos(i)
				return nil, &ParseError{Line: l, Message: "This line has characters that are not UTF-8 text. Daylio writes UTF-8; if the file was saved again by another program, export it from Daylio once more."}
			}
		}
		if i := runOn(rec); i >= 0 {
			l, _ := cr.FieldPos(i)
			return nil, &ParseError{Line: l, Message: "The text that starts here runs on into what look like further entries, probably because of a stray quote mark (\"). Remove that quote mark from the file, or export it from Daylio again."}
		}
		e, wall, bad, msg := cols.entry(rec, loc)
		if msg != "" {
			l, _ := cr.FieldPos(bad)
			return nil, &ParseError{Line: l, Message: msg}
		}
		e.Line = line
		e.Key = entryKey(cols, rec, wall, e, seen)
		f.Entries = append(f.Entries, e)
		if k := moodKey(e.Mood); !moods[k] {
			moods[k] = true
			f.Moods = append(f.Moods, e.Mood)
		}
	}
	return f, nil
}

// recordStart matches the start of a Daylio record in the usual column order:
// full_date or year, date, weekday, time ("2020-05-30,30 May,Saturday,6:50 pm").
var recordStart = regexp.MustCompile(`(?m)^\d{4}(?:-\d{1,2}-\d{1,2})?,[^,\n]*,[^,\n]*,\s*\d{1,2}:\d{2}`)

// runOn returns the index of a field that holds a line looking like the start of
// another record, or -1. Parse reads quotes leniently, because exports in the wild
// hold unescaped quote marks in notes; the price is that a field which opens with a
// stray quote runs on to the next closing one, swallowing whole entries without
// changing the number of columns. This finds that case so no entry is lost silently.
func runOn(rec []string) int {
	for i, s := range rec {
		if strings.IndexByte(s, '\n') >= 0 && recordStart.MatchString(s[strings.IndexByte(s, '\n')+1:]) {
			return i
		}
	}
	return -1
}

// columns holds the index of each column Parse uses; -1 when the file lacks it.
type columns struct {
	n                                int
	fullDate, year, date, time, mood int
	activities, noteTitle, note      int
}

// readHeader finds the columns by name. It needs a date (full_date, or year and
// date), time, mood, activities and note; note_title is optional.
func readHeader(header []string) (columns, error) {
	c := columns{n: len(header), fullDate: -1, year: -1, date: -1, time: -1, mood: -1, activities: -1, noteTitle: -1, note: -1}
	index := map[string]*int{
		"full_date": &c.fullDate, "year": &c.year, "date": &c.date, "time": &c.time,
		"mood": &c.mood, "activities": &c.activities, "note_title": &c.noteTitle, "note": &c.note,
	}
	for i, name := range header {
		p, ok := index[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			continue
		}
		if *p >= 0 {
			return c, notDaylio(header, fmt.Sprintf("its first line names the column %q twice", strings.TrimSpace(name)))
		}
		*p = i
	}
	var missing []string
	if c.fullDate < 0 && (c.year < 0 || c.date < 0) {
		missing = append(missing, "full_date")
	}
	for _, m := range []struct {
		name string
		i    int
	}{{"time", c.time}, {"mood", c.mood}, {"activities", c.activities}, {"note", c.note}} {
		if m.i < 0 {
			missing = append(missing, m.name)
		}
	}
	if len(missing) > 0 {
		return c, notDaylio(header, "its first line lacks the column"+pluralS(len(missing))+" "+strings.Join(missing, ", "))
	}
	return c, nil
}

// notDaylio explains why a file is refused, quoting the start of its first line.
func notDaylio(header []string, why string) error {
	first := strings.Join(header, ",")
	if !utf8.ValidString(first) {
		first = strings.ToValidUTF8(first, "?")
	}
	if utf8.RuneCountInString(first) > 60 {
		first = string([]rune(first)[:60]) + "..."
	}
	return &ParseError{
		Message: fmt.Sprintf("This file is not a Daylio export: %s (it starts %q; a Daylio export starts full_date,date,weekday,time,mood). %s",
			why, first, howToExport),
		Err: ErrNotDaylio,
	}
}

// entry reads one record. On a problem it returns the index of the field at fault
// and a message for the user.
// The wall clock is returned as written, "2006-01-02 15:04", for the entry's key:
// unlike At it does not depend on the time zone (a time that a daylight saving
// change skips moves by an hour in At).
func (c columns) entry(rec []string, loc *time.Location) (e Entry, wall []byte, field int, msg string) {
	y, mo, d, field, msg := c.day(rec)
	if msg != "" {
		return e, nil, field, msg
	}
	h, mi, ok := parseClock(rec[c.time])
	if !ok {
		return e, nil, c.time, fmt.Sprintf("Keel can't read the time %q. Daylio writes times such as \"6:50 pm\" or \"18:50\".", strings.TrimSpace(rec[c.time]))
	}
	e.At = time.Date(y, mo, d, h, mi, 0, 0, loc)
	if e.At.Before(minAt) || !e.At.Before(maxAt) {
		return e, nil, field, fmt.Sprintf("The date %04d-%02d-%02d is outside the years Keel keeps (1990 to 2199); check the entry in Daylio.", y, mo, d)
	}
	e.Mood = strings.TrimSpace(rec[c.mood])
	if e.Mood == "" {
		return e, nil, c.mood, "This entry has no mood. Every Daylio entry has one, so the file may be damaged; export it from Daylio again."
	}
	e.Activities = splitActivities(rec[c.activities])
	if c.noteTitle >= 0 {
		e.NoteTitle = plainText(rec[c.noteTitle])
	}
	e.Note = plainText(rec[c.note])
	wall = time.Date(y, mo, d, h, mi, 0, 0, time.UTC).AppendFormat(make([]byte, 0, 16), "2006-01-02 15:04")
	return e, wall, 0, ""
}

// day reads the entry's date from full_date ("2020-05-30") or, in older exports,
// from year ("2018") and date ("18 May").
func (c columns) day(rec []string) (y int, m time.Month, d int, field int, msg string) {
	if c.fullDate >= 0 {
		s := strings.TrimSpace(rec[c.fullDate])
		y, m, d, ok := parseISODate(s)
		if !ok {
			return 0, 0, 0, c.fullDate, fmt.Sprintf("Keel can't read the date %q. Daylio writes dates such as 2020-05-30.", s)
		}
		return y, m, d, c.fullDate, ""
	}
	ys, ds := strings.TrimSpace(rec[c.year]), strings.TrimSpace(rec[c.date])
	y, ok := atoi(ys, 4, 4)
	if !ok {
		return 0, 0, 0, c.year, fmt.Sprintf("Keel can't read the year %q. It should be four digits, such as 2018.", ys)
	}
	m, d, ok = parseDayMonth(ds)
	if !ok || d > daysIn(y, m) {
		return 0, 0, 0, c.date, fmt.Sprintf("Keel can't read the date %q of %d. It reads dates such as \"18 May\".", ds, y)
	}
	return y, m, d, c.date, ""
}

// parseISODate reads "2020-05-30"; it allows one-digit months and days.
func parseISODate(s string) (int, time.Month, int, bool) {
	ys, rest, ok1 := strings.Cut(s, "-")
	ms, ds, ok2 := strings.Cut(rest, "-")
	y, ok3 := atoi(ys, 4, 4)
	m, ok4 := atoi(ms, 1, 2)
	d, ok5 := atoi(ds, 1, 2)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, 0, 0, false
	}
	return y, time.Month(m), d, true
}

var months = func() map[string]time.Month {
	ms := map[string]time.Month{"sept": time.September}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		ms[name] = m
		ms[name[:3]] = m
	}
	return ms
}()

// parseDayMonth reads the date column of older exports: "18 May", and to be
// forgiving "18. May", "May 18" and abbreviations such as "Sep".
func parseDayMonth(s string) (time.Month, int, bool) {
	parts := strings.Fields(s)
	if len(parts) != 2 {
		return 0, 0, false
	}
	clean := func(p string) string { return strings.ToLower(strings.TrimRight(p, ".,")) }
	a, b := clean(parts[0]), clean(parts[1])
	if d, ok := atoi(a, 1, 2); ok {
		m, ok := months[b]
		return m, d, ok && d >= 1
	}
	d, ok := atoi(b, 1, 2)
	m, ok2 := months[a]
	return m, d, ok && ok2 && d >= 1
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseClock reads a time of day, "6:50 pm", "6:50PM", "6:50 p.m." or "18:50",
// into hours and minutes.
func parseClock(s string) (h, m int, ok bool) {
	s = strings.TrimSpace(s)
	half := 0 // 0: 24-hour clock; 1: am; 2: pm
	for _, sx := range []struct {
		text string
		half int
	}{{"a.m.", 1}, {"p.m.", 2}, {"am", 1}, {"pm", 2}} {
		if n := len(s) - len(sx.text); n >= 0 && strings.EqualFold(s[n:], sx.text) {
			s, half = strings.TrimSpace(s[:n]), sx.half
			break
		}
	}
	hs, ms, found := strings.Cut(s, ":")
	if !found {
		return 0, 0, false
	}
	h, ok1 := atoi(hs, 1, 2)
	m, ok2 := atoi(ms, 2, 2)
	if !ok1 || !ok2 || m > 59 {
		return 0, 0, false
	}
	switch {
	case half == 0 && h > 23, half > 0 && (h < 1 || h > 12):
		return 0, 0, false
	case half > 0:
		h %= 12
		if half == 2 {
			h += 12
		}
	}
	return h, m, true
}

// atoi reads a number of min to max ASCII digits.
func atoi(s string, min, max int) (int, bool) {
	if len(s) < min || len(s) > max {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// splitActivities splits Daylio's "a | b | c", trimming each name and dropping empty
// ones.
func splitActivities(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	for a := range strings.SplitSeq(s, " | ") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// entryKey hashes what identifies an entry: its date and time of day as Keel reads
// them (so 7- and 8-column exports, 12- and 24-hour clocks, and full_date and
// year,date headers of the same entry agree), its trimmed mood name and activities,
// and its note title and note exactly as the export holds them. The n-th repeat of
// an identical entry gets the n-th derived key, so repeats survive a re-import and
// a second import of the same file still adds nothing.
func entryKey(c columns, rec []string, wall []byte, e Entry, seen map[[sha256.Size]byte]int) string {
	buf := make([]byte, 0, 256)
	buf = append(buf, "daylio entry v1\x00"...)
	buf = append(buf, wall...)
	field := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	field(e.Mood)
	buf = binary.AppendUvarint(buf, uint64(len(e.Activities)))
	for _, a := range e.Activities {
		field(a)
	}
	title := ""
	if c.noteTitle >= 0 {
		title = rec[c.noteTitle]
	}
	field(title)
	field(rec[c.note])
	sum := sha256.Sum256(buf)
	if n := seen[sum]; n > 0 {
		seen[sum] = n + 1
		buf = binary.AppendUvarint(append(buf, "\x00repeat"...), uint64(n))
		sum = sha256.Sum256(buf)
	} else {
		seen[sum] = 1
	}
	return hex.EncodeToString(sum[:16])
}

// skipBOM drops a UTF-8 byte order mark and refuses UTF-16, which spreadsheet
// programs sometimes write.
func skipBOM(br *bufio.Reader) error {
	b, _ := br.Peek(3)
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		_, err := br.Discard(3)
		return err
	case len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF):
		return &ParseError{Message: "This file is saved as UTF-16 text, and Daylio writes UTF-8. " + howToExport, Err: ErrNotDaylio}
	}
	return nil
}

// readError turns an error from the CSV reader into one for the user.
func readError(err error) error {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errTooLarge):
		return &ParseError{Message: fmt.Sprintf("This file is larger than %d MB, far more than a Daylio export holds; check that you chose the right file.", MaxFileSize>>20), Err: err}
	case errors.As(err, &pe): // not expected with LazyQuotes and FieldsPerRecord < 0
		return &ParseError{Line: pe.StartLine, Message: "Keel can't read this line as CSV. Export the file from Daylio again.", Err: err}
	}
	return &ParseError{Message: "Keel couldn't read the file. Check that it is still there and try again.", Err: err}
}

var errTooLarge = errors.New("file larger than MaxFileSize")

// limitedReader reads from r and fails once more than left bytes have come.
type limitedReader struct {
	r    io.Reader
	left int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// Tell a file of exactly the limit from a longer one.
		var one [1]byte
		if n, _ := io.ReadFull(l.r, one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, errTooLarge
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

func plural(n int, word string) string { return strconv.Itoa(n) + " " + word + pluralS(n) }

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
