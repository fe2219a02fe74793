package exchange

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"keel/model"
	"keel/model/store"

	"pgregory.net/rapid"
)

var (
	testLoc = time.FixedZone("UTC-5", -5*3600)
	testNow = time.Date(2026, 3, 12, 15, 0, 0, 0, testLoc)
)

func ptr[T any](v T) *T { return &v }

// openTest opens a store in a fresh folder with a fixed clock.
func openTest(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(store.DataFile(t.TempDir()), store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// sameJSON reports whether a and b encode to the same JSON.
func sameJSON(t interface {
	Helper()
	Fatalf(string, ...any)
}, a, b any) bool {
	t.Helper()
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("marshal: %v %v", err1, err2)
	}
	return bytes.Equal(ja, jb)
}

// genSession draws any valid session.
func genSession(t *rapid.T) model.Session {
	scale := func(name string) *int {
		if rapid.Bool().Draw(t, name+"?") {
			return ptr(rapid.IntRange(0, 10).Draw(t, name))
		}
		return nil
	}
	bp := func(name string) *model.BloodPressure {
		if !rapid.Bool().Draw(t, name+"?") {
			return nil
		}
		dia := rapid.IntRange(model.MinDiastolic, model.MaxDiastolic).Draw(t, name+"dia")
		sys := rapid.IntRange(max(model.MinSystolic, dia+1), model.MaxSystolic).Draw(t, name+"sys")
		return &model.BloodPressure{Systolic: sys, Diastolic: dia}
	}
	money := func(name string) *model.Money {
		if rapid.Bool().Draw(t, name+"?") {
			return ptr(model.Money(rapid.Int64Range(0, int64(model.MaxMoney)).Draw(t, name)))
		}
		return nil
	}
	text := rapid.StringN(0, 40, -1)
	s := model.Session{
		At:       testNow.Add(-time.Duration(rapid.Int64Range(0, 20*365*24*3600).Draw(t, "ago")) * time.Second).Truncate(time.Second),
		Status:   rapid.SampledFrom([]model.Status{model.StatusDone, model.StatusPlanned}).Draw(t, "status"),
		Route:    rapid.SampledFrom(model.Routes).Draw(t, "route"),
		Provider: text.Draw(t, "provider"), Intention: text.Draw(t, "intention"),
		Notes: text.Draw(t, "notes"), DroveHome: text.Draw(t, "drove"),
		MoodBefore: scale("mb"), MoodAfter: scale("ma"), Intensity: scale("in"), Dissociation: scale("di"),
		BPBefore: bp("b1"), BPAfter40: bp("b2"), BPDischarge: bp("b3"),
		Cost: money("cost"), Reimbursed: money("reimb"),
	}
	if rapid.Bool().Draw(t, "setting?") {
		s.Setting = rapid.SampledFrom(model.SettingChoices).Draw(t, "setting")
	}
	if rapid.Bool().Draw(t, "dose?") {
		s.Dose = &model.Dose{Amount: float64(rapid.IntRange(1, 10).Draw(t, "dose")), Unit: rapid.SampledFrom(model.DoseUnits).Draw(t, "unit")}
	}
	if rapid.Bool().Draw(t, "chars?") {
		s.Character = rapid.SliceOfNDistinct(rapid.SampledFrom(model.Characters), 1, 3, rapid.ID[string]).Draw(t, "chars")
	}
	return s
}

// TestSessionRoundTripProperty: any valid session is stored and read back unchanged.
