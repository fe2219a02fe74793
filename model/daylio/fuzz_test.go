package daylio

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds Parse arbitrary files. It must never panic; it must refuse with a
// *ParseError or accept; and whatever it accepts must become check-ins, one per
// entry with distinct keys, that all pass validation once every mood has a value.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(sampleDir, "*.csv"))
	if err != nil || len(files) == 0 {
		f.Fatalf("Glob(%s) = %v, %v; want the sample exports", sampleDir, files, err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, c := range syntheticCases {
		f.Add([]byte(c.input))
	}
	for _, c := range errorCases {
		f.Add([]byte(c.input))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(bytes.NewReader(data), testLoc)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Message == "" {
				t.Fatalf("Parse(%q) = %#v, want a *ParseError with a message", data, err)
			}
			return
		}
		checkValid(t, file, maxAt)
		keys := make(map[string]bool, len(file.Entries))
		for i, e := range file.Entries {
			if keys[e.Key] {
				t.Errorf("Parse(%q) entry %d: Key %s repeats an earlier entry's", data, i, e.Key)
			}
			keys[e.Key] = true
			if e.Line < 2 {
				t.Errorf("Parse(%q) entry %d: Line = %d, want 2 or more", data, i, e.Line)
			}
		}
	})
}
