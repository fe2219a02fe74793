package daylio

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"keel/model"
)

// Source is the Source of every check-in made from a Daylio export.
const Source = "daylio"

// The limits model.CheckIn.Validate sets on tags (maxTags and maxTagLen in model).
const (
	maxTags   = 20
	maxTagLen = 60
)

// DefaultMoods maps the names of Daylio's default moods, in lower case, to Keel's
// 0-10 mood scale (0 very low, 10 very good).
var DefaultMoods = map[string]int{
	"rad":   10,
	"good":  8,
	"meh":   5,
	"bad":   2,
	"awful": 0,
}

// moodKey is how mood names are matched: without surrounding spaces and
// regardless of case.
func moodKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// ParseMapping reads mood mappings as given on the command line, one "NAME=VALUE"
// each (keel import --mood "ok but sleepy=4"), where VALUE is a whole number from 0
// (very low) to 10 (very good). Names are matched without surrounding spaces and
// regardless of case; the returned map is keyed by the lower-case name. A name given
// twice with different values is an error.
func ParseMapping(specs []string) (map[string]int, error) {
	m := make(map[string]int, len(specs))
	for _, spec := range specs {
		i := strings.LastIndexByte(spec, '=')
		if i < 0 || strings.TrimSpace(spec[:i]) == "" {
			return nil, fmt.Errorf("--mood %q: write the mood's name, an equals sign and a value from 0 to 10, such as --mood \"ok but sleepy=4\"", spec)
		}
		name, vs := moodKey(spec[:i]), strings.TrimSpace(spec[i+1:])
		v, err := strconv.Atoi(vs)
		if err != nil || v < 0 || v > 10 {
			return nil, fmt.Errorf("--mood %q: the value must be a whole number from 0 (very low) to 10 (very good)", spec)
		}
		if old, ok := m[name]; ok && old != v {
			return nil, fmt.Errorf("--mood gives %q two values, %d and %d; keep one", strings.TrimSpace(spec[:i]), old, v)
		}
		m[name] = v
	}
	return m, nil
}

// UnknownMoods returns the file's mood names, in the order of Moods, that are
// neither in mapping nor in DefaultMoods: the ones the user still has to give a
// value. Mapping keys are matched like mood names, trimmed and regardless of case.
func (f *File) UnknownMoods(mapping map[string]int) []string {
	values := newMoodValues(mapping)
	var unknown []string
	for _, name := range f.Moods {
		if _, ok := values.lookup(name); !ok {
			unknown = append(unknown, name)
		}
	}
	return unknown
}

// CheckIns turns the entries into check-ins, in the order of the file. Mood names
// take their value from mapping first, then from DefaultMoods; if any name has
// neither, or a value outside 0-10, CheckIns returns an error naming them and no
// check-ins. Each check-in has the entry's time; its note is the note title and the
// note, separated by a blank line, cut to model.MaxLongText characters; its tags are
// the activities, each cut to 60 characters, without repeats, at most 20; its Source
// is "daylio" and its SourceKey the entry's Key, so importing a file twice adds
// nothing the second time.
func (f *File) CheckIns(mapping map[string]int) ([]model.CheckIn, error) {
	if unknown := f.UnknownMoods(mapping); len(unknown) > 0 {
		return nil, fmt.Errorf("give %s %s from 0 (very low) to 10 (very good) so Keel knows what %s on its scale",
			pick(len(unknown) == 1, "the mood", "the moods"), quoteList(unknown)+pick(len(unknown) == 1, " a value", " each a value"),
			pick(len(unknown) == 1, "it means", "they mean"))
	}
	values := newMoodValues(mapping)
	for _, name := range f.Moods {
		if v, _ := values.lookup(name); v < 0 || v > 10 {
			return nil, fmt.Errorf("the mood %q is set to %d, but Keel's moods go from 0 (very low) to 10 (very good)", name, v)
		}
	}
	out := make([]model.CheckIn, len(f.Entries))
	for i, e := range f.Entries {
		v, _ := values.lookup(e.Mood)
		out[i] = model.CheckIn{
			At:        e.At,
			Mood:      &v,
			Note:      joinNote(e.NoteTitle, e.Note),
			Tags:      tags(e.Activities),
			Source:    Source,
			SourceKey: e.Key,
		}
	}
	return out, nil
}

// moodValues is a user's mapping keyed by moodKey.
type moodValues map[string]int

func newMoodValues(mapping map[string]int) moodValues {
	m := make(moodValues, len(mapping))
	for name, v := range mapping {
		m[moodKey(name)] = v
	}
	return m
}

func (m moodValues) lookup(name string) (int, bool) {
	k := moodKey(name)
	if v, ok := m[k]; ok {
		return v, true
	}
	v, ok := DefaultMoods[k]
	return v, ok
}

// joinNote puts a note title and a note together, cut to Keel's limit for notes.
func joinNote(title, note string) string {
	s := strings.TrimSpace(title)
	if n := strings.TrimSpace(note); n != "" {
		if s != "" {
			s += "\n\n"
		}
		s += n
	}
	return cut(s, model.MaxLongText)
}

// tags turns activities into check-in tags that pass validation: each cut to
// maxTagLen characters, repeats dropped, at most maxTags.
func tags(activities []string) []string {
	var out []string
	for _, a := range activities {
		if len(out) == maxTags {
			break
		}
		if a = cut(a, maxTagLen); a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// cut shortens s to at most n characters, without leaving space or a dangling
// zero-width joiner (half an emoji) at either end.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		i := 0
		for range n {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		s = s[:i]
	}
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200d' })
}

// quoteList writes names as "a", "b" and "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
