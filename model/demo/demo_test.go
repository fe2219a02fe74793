package demo

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"keel/model"
	"keel/model/insights"
	"keel/model/store"
)

var testNow = time.Date(2026, 3, 12, 15, 0, 0, 0, time.FixedZone("UTC-5", -5*3600))

func openStore(t *testing.T, now time.Time) *store.Store {
	t.Helper()
	st, err := store.Open(store.DataFile(t.TempDir()), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func sameJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("marshal: %v %v", err1, err2)
	}
	return bytes.Equal(ja, jb)
}

func TestDemo(t *testing.T) {
	h := Demo(testNow, 1, 1)
	if !sameJSON(t, h, Demo(testNow, 1, 1)) {
		t.Error("Demo() with the same inputs differs")
	}
	st := openStore(t, testNow)
	if err := st.Add(h); err != nil {
		t.Fatalf("Add(Demo) = %v", err)
	}
	list, _ := st.SessionsBetween(time.Time{}, time.Time{})
	if len(list) < 15 {
		t.Fatalf("a year of demo has %d sessions, want a course and monthly boosters", len(list))
	}
	course := list[:6]
	span := course[5].At.Sub(course[0].At)
	if span < 14*24*time.Hour || span > 21*24*time.Hour {
		t.Errorf("first course spans %v, want 2-3 weeks (docs/clinical.md, IV induction)", span)
	}
	for _, s := range course {
		if s.Route != model.RouteIV || !s.Done() {
			t.Errorf("course session %v: route %s status %s, want done IV", s.At, s.Route, s.Status)
		}
	}
	planned := 0
	for _, s := range list {
		if s.Status == model.StatusPlanned {
			planned++
			if !s.At.After(testNow) {
				t.Errorf("planned demo session at %v is not in the future", s.At)
			}
		}
	}
	if planned == 0 {
		t.Error("the demo has no planned session")
	}
	if ten := Demo(testNow, 10, 1); len(ten.Of(model.Sessions)) < 100 {
		t.Errorf("ten years of demo = %d sessions, want over 100", len(ten.Of(model.Sessions)))
	}
}

// TestDemoAnyTimeOfDay makes the demo at every quarter hour of a day: the store
// must accept it every time (it once dated a late check-in or journal entry after
// now, and the store refused the whole demo in the evening).
func TestDemoAnyTimeOfDay(t *testing.T) {
	base := time.Date(2026, 12, 1, 0, 0, 0, 0, time.FixedZone("UTC+1", 3600))
	for m := 0; m < 24*60; m += 15 {
		now := base.Add(time.Duration(m) * time.Minute)
		st := openStore(t, now)
		if err := st.Add(Demo(now, 1, uint64(m))); err != nil {
			t.Errorf("Demo at %s: %v", now.Format("15:04"), err)
		}
		st.Close()
		if h := Demo(now, 1, uint64(m)); len(h.Of(model.Sessions)) == 0 {
			t.Fatalf("Demo at %s has no sessions", now.Format("15:04"))
		}
	}
}

// TestDemoWhatHelps: ten years of demo show on the "What helps" screen what the
// demo is built to show: prepared sessions and sessions followed by long nights
// went with better weeks; intensity did not.
func TestDemoWhatHelps(t *testing.T) {
	h := Demo(testNow, 10, 1)
	rep := insights.Compute(insights.RecordsOf(&h), insights.Options{Now: testNow})
	want := map[string]insights.Verdict{
		insights.PreparationID: insights.LinkedBetter,
		insights.SleepAfterID:  insights.LinkedBetter,
		insights.IntensityID:   insights.NoClearDifference,
		insights.SleepID:       insights.LinkedBetter,
		"tag:walk":             insights.LinkedBetter,
	}
	for _, f := range rep.Findings() {
		if v, ok := want[f.ID]; ok {
			if f.Verdict != v {
				t.Errorf("%s: %s, want %s (%s)", f.ID, f.Verdict, v, f.Detail)
			}
			delete(want, f.ID)
		}
	}
	for id := range want {
		t.Errorf("no finding %s", id)
	}
}
