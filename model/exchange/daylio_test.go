package exchange

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"keel/model"
)

// TestDaylioMappingIsRememberedAndChangesApply: an unmapped mood stays the clear
// signal (UnmappedMoodsError, nothing imported); the values given are remembered per
// source, so the next import needs none; a changed value is planned ("update 2
// check-ins") and done; without changes the plan says there is nothing to do.
func TestDaylioMappingIsRememberedAndChangesApply(t *testing.T) {
	st := openTest(t)
	file, err := ReadDaylio(filepath.Join("..", "daylio", "testdata", "custom-mood-names.csv"), testLoc)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := PlanDaylio(st, file, map[string]int{"ok": 6})
	if err != nil || len(plan.Unmapped) != 3 || plan.Result.Total != 0 {
		t.Fatalf("PlanDaylio(only OK given) = %+v, %v; want Refreshed, ok but sleepy and Anxious unmapped", plan, err)
	}
	_, err = ImportDaylio(st, file, map[string]int{"ok": 6})
	var un *UnmappedMoodsError
	if !errors.As(err, &un) || len(un.Moods) != 3 || model.ErrorCode(err) != model.ENeedsChoice {
		t.Fatalf("ImportDaylio with unmapped moods = %v, want an *UnmappedMoodsError", err)
	}
	if c, _ := st.CheckInsBetween(time.Time{}, time.Time{}); len(c) != 0 {
		t.Fatalf("an import with unmapped moods added %d check-ins", len(c))
	}
	mapping := map[string]int{"OK": 6, "refreshed": 9, " ok but sleepy ": 4, "Anxious": 3}
	res, err := ImportDaylio(st, file, mapping)
	if err != nil || res.Added != len(file.Entries) {
		t.Fatalf("ImportDaylio = %+v, %v", res, err)
	}
	// Remembered: no mapping needed, nothing to do.
	plan, err = PlanDaylio(st, file, nil)
	if err != nil || len(plan.Unmapped) != 0 || !plan.Nothing() || plan.Result.Skipped != len(file.Entries) {
		t.Fatalf("PlanDaylio(nil) after the import = %+v, %v; want the remembered values and nothing to do", plan, err)
	}
	for _, m := range plan.Moods { // the defaults used (good, bad) are remembered too
		if m.From != MoodRemembered || m.Value == nil {
			t.Errorf("mood %q: value %v from %q, want it remembered", m.Name, m.Value, m.From)
		}
	}
	// A changed value: the plan says what it will do, and the import does it.
	plan, err = PlanDaylio(st, file, map[string]int{"ok": 7})
	if err != nil || plan.Result.Updated != 2 || len(plan.Result.Changes) != 1 || plan.Result.Changes[0].String() != "“OK” 6 → 7: 2 check-ins" || plan.Nothing() {
		t.Fatalf("PlanDaylio(OK = 7) = %+v, %v; want 2 check-ins to update", plan.Result, err)
	}
	res, err = ImportDaylio(st, file, map[string]int{"ok": 7})
	if err != nil || res.Updated != 2 || res.Added != 0 {
		t.Fatalf("ImportDaylio(OK = 7) = %+v, %v", res, err)
	}
	list, _ := st.CheckInsBetween(time.Time{}, time.Time{})
	sevens := 0
	for _, c := range list {
		if *c.Mood == 7 {
			sevens++
		}
	}
	if sevens != 2 {
		t.Errorf("%d check-ins have mood 7 after the change, want the 2 OK ones", sevens)
	}
	if m, _ := st.MoodMapping("daylio"); m["ok"] != 7 || m["refreshed"] != 9 || m["good"] != 8 {
		t.Errorf("remembered mapping = %v", m)
	}
	if _, err := PlanDaylio(st, file, map[string]int{"ok": 11}); model.ErrorCode(err) != model.EInvalid {
		t.Errorf("PlanDaylio(OK = 11) = %v, want a refusal in words", err)
	}
}
