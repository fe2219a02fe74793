package model

import (
	"math"
	"strings"
	"testing"
)

// TestKindsCanBeRekeyed: an import gives another Keel's records the IDs their
// parents have here, so every kind with a parent can be given one, and the kinds
// keyed by their parent derive their ID from it.
func TestKindsCanBeRekeyed(t *testing.T) {
	for _, k := range Kinds {
		if k.Parent == nil {
			if k.ParentID != nil || k.SetParentID != nil || k.DeriveID != nil {
				t.Errorf("%s: parent functions without a Parent", k.Name)
			}
			continue
		}
		if k.ParentID == nil || k.SetParentID == nil {
			t.Fatalf("%s: has a Parent but no ParentID or SetParentID", k.Name)
		}
		r := k.New()
		k.SetParentID(r, 7)
		if got := k.ParentID(r); got != 7 {
			t.Errorf("%s: SetParentID(7) then ParentID() = %d", k.Name, got)
		}
	}
}

func TestCheckID(t *testing.T) {
	tests := []struct {
		name string
		k    *Kind
		r    Record
		want string // "" for valid
	}{
		{"session 1", Sessions, &Session{ID: 1}, ""},
		{"session MaxID", Sessions, &Session{ID: MaxID}, ""},
		{"session without ID", Sessions, &Session{}, "no ID"},
		{"session past MaxID", Sessions, &Session{ID: MaxID + 1}, "outside"},
		{"session 2^64-1", Sessions, &Session{ID: math.MaxUint64}, "outside"},
		{"follow-up", FollowUps, &FollowUp{ID: FollowUpID(3, 2), SessionID: 3, Step: 2}, ""},
		{"follow-up of the last session", FollowUps, &FollowUp{ID: FollowUpID(MaxID, 3), SessionID: MaxID, Step: 3}, ""},
		{"follow-up under another key", FollowUps, &FollowUp{ID: FollowUpID(2, 2), SessionID: 3, Step: 2}, "does not match"},
		{"follow-up of session 2^62", FollowUps, &FollowUp{ID: FollowUpID(1<<62, 0), SessionID: 1 << 62, Step: 0}, "outside"},
		{"follow-up step 4", FollowUps, &FollowUp{ID: 3<<2 | 4, SessionID: 3, Step: 4}, "does not match"},
		{"checklist", Checklists, &Checklist{SessionID: 9}, ""},
		{"checklist without session", Checklists, &Checklist{}, "does not match"},
		{"journal alone", Journal, &JournalEntry{ID: 4}, ""},
		{"journal of a session past MaxID", Journal, &JournalEntry{ID: 4, SessionID: MaxID + 1}, "outside"},
	}
	for _, tt := range tests {
		err := tt.k.CheckID(tt.r)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: CheckID = %v, want valid", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: CheckID = %v, want %q", tt.name, err, tt.want)
		}
	}
	if FollowUpID(MaxID, 3) != 1<<53-1 {
		t.Errorf("the largest follow-up ID is %d, want 2^53-1", FollowUpID(MaxID, 3))
	}
}
