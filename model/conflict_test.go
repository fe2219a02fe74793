package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestMerge3(t *testing.T) {
	base := Session{ID: 4, At: testNow, Status: StatusPlanned, Route: RouteIV, Provider: "Clinic", Intention: "Rest",
		Notes: "base", Created: testNow.Add(-time.Hour), Updated: testNow.Add(-time.Hour)}
	theirsAt := testNow.Add(time.Minute)
	tests := []struct {
		name         string
		mine, theirs func(*Session)
		want         func(*Session)
		clashes      []string
	}{
		{"only theirs changed", func(*Session) {}, func(s *Session) { s.Intention = "Let it come" }, func(s *Session) { s.Intention = "Let it come" }, nil},
		{"only mine changed", func(s *Session) { s.Notes = "mine" }, func(*Session) {}, func(s *Session) { s.Notes = "mine" }, nil},
		{"different fields", func(s *Session) { s.Provider = "Clinic, room 2" }, func(s *Session) { s.Intention = "Let it come" },
			func(s *Session) { s.Provider, s.Intention = "Clinic, room 2", "Let it come" }, nil},
		{"the same change on both sides", func(s *Session) { s.Notes = "same" }, func(s *Session) { s.Notes = "same" }, func(s *Session) { s.Notes = "same" }, nil},
		{"one field changed both ways", func(s *Session) { s.Intention = "mine" }, func(s *Session) { s.Intention = "theirs" },
			func(s *Session) { s.Intention = "mine" }, []string{"intention"}},
		{"a field cleared by theirs", func(*Session) {}, func(s *Session) { s.Provider = "" }, func(s *Session) { s.Provider = "" }, nil},
		{"a field added by mine", func(s *Session) { s.MoodAfter = ptrInt(7) }, func(*Session) {}, func(s *Session) { s.MoodAfter = ptrInt(7) }, nil},
		{"a list changed both ways", func(s *Session) { s.SideEffects = []string{"Nausea"} }, func(s *Session) { s.SideEffects = []string{"Headache"} },
			func(s *Session) { s.SideEffects = []string{"Nausea"} }, []string{"side_effects"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mine, theirs, want := base, base, base
			tt.mine(&mine)
			tt.theirs(&theirs)
			theirs.Updated = theirsAt
			tt.want(&want)
			want.Updated = theirsAt
			got, clashes, err := Merge3(base, mine, theirs)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(clashes, tt.clashes) {
				t.Errorf("clashes = %q, want %q", clashes, tt.clashes)
			}
			if !sameJSON(t, got, want) {
				t.Errorf("Merge3() = %+v\nwant       %+v", got, want)
			}
		})
	}
}

func ptrInt(v int) *int { return &v }

// TestMerge3Property: merging an edit of one side only gives that side; merging the
// same edit on both sides gives it with no clash; the result always carries theirs'
// version.
func TestMerge3Property(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := rapid.StringMatching(`[a-z ]{0,12}`)
		gen := func(t *rapid.T, label string) JournalEntry {
			return JournalEntry{ID: 9, At: testNow, SessionID: rapid.Uint64Range(0, 3).Draw(t, label+" session"),
				Prompt: text.Draw(t, label+" prompt"), Text: text.Draw(t, label+" text"),
				Created: testNow, Updated: testNow.Add(time.Duration(rapid.IntRange(0, 100).Draw(t, label+" version")))}
		}
		base, edit := gen(t, "base"), gen(t, "edit")
		edit.Created = base.Created
		// Theirs only: the merge is theirs.
		if got, clashes, err := Merge3(base, base, edit); err != nil || len(clashes) != 0 || !sameJSON(t, got, edit) {
			t.Fatalf("Merge3(base, base, theirs) = %+v, %q, %v; want theirs", got, clashes, err)
		}
		// Mine only: the merge is mine, at theirs' (the base's) version.
		want := edit
		want.Updated = base.Updated
		if got, clashes, err := Merge3(base, edit, base); err != nil || len(clashes) != 0 || !sameJSON(t, got, want) {
			t.Fatalf("Merge3(base, mine, base) = %+v, %q, %v; want mine", got, clashes, err)
		}
		// The same edit on both sides: no clash.
		if _, clashes, _ := Merge3(base, edit, edit); len(clashes) != 0 {
			t.Fatalf("Merge3(base, x, x) clashes on %q", clashes)
		}
	})
}

func TestConflictError(t *testing.T) {
	mine := &JournalEntry{ID: 3, Text: "mine", Updated: testNow}
	theirs := &JournalEntry{ID: 3, Text: "theirs", Prompt: "What came up?", Updated: testNow.Add(time.Minute)}
	err := fmt.Errorf("save journal 3: %w", NewConflict("journal entry", mine, theirs))
	c, ok := ConflictOf(err)
	if !ok || ErrorCode(err) != EConflict {
		t.Fatalf("ConflictOf(%v) = %v, code %s", err, ok, ErrorCode(err))
	}
	if c.Mine != mine || c.Theirs != theirs || !slices.Equal(c.Fields, []string{"prompt", "text"}) || c.Deleted() {
		t.Errorf("conflict = %+v, want both versions and the fields prompt and text", c)
	}
	if msg := Message(err); msg == Message(errors.New("x")) || !strings.Contains(msg, "journal entry") {
		t.Errorf("Message() = %q, want a sentence about the journal entry", msg)
	}
	gone := NewConflict("session", &Session{ID: 1}, nil)
	if c, _ := ConflictOf(gone); !c.Deleted() || !strings.Contains(Message(gone), "deleted") {
		t.Errorf("conflict with a deleted record = %+v, %q", c, Message(gone))
	}
	if msg := Message(NewConflict("settings", &Settings{}, &Settings{PCL5: true})); !strings.Contains(msg, "These settings were") {
		t.Errorf("settings conflict says %q", msg)
	}
	kept := Rebase(*mine, *theirs)
	if !kept.Updated.Equal(theirs.Updated) || kept.Text != "mine" {
		t.Errorf("Rebase() = %+v, want mine at theirs' version", kept)
	}
}
