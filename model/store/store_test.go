package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"keel/model"

	bolt "go.etcd.io/bbolt"
	"pgregory.net/rapid"
)

// openTest opens a store in a fresh folder with a fixed clock.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(DataFile(t.TempDir()), Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// sameJSON reports whether a and b encode to the same JSON, which compares times by
// instant and offset, as they are stored.
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

// goodDraft is a completed session with every field filled.
func goodDraft() model.SessionDraft {
	return model.SessionDraft{
		Date: "2026-03-10", Clock: "10:00", Route: model.RouteIV, Dose: "0.5", DoseUnit: model.UnitMgPerKg,
		Provider: "Clearwater Clinic", Setting: model.SettingClinic, Intention: "Stay curious.",
		MoodBefore: "3", MoodAfter: "6", Intensity: "7", Character: []string{"Profound"}, Dissociation: "5",
		SideEffects: []string{"Nausea"}, BPBefore: "122/78", BPAfter40: "138/88", BPDischarge: "126/80",
		DroveHome: "Sam", Cost: "550.00", Reimbursed: "120", Notes: "Calm.",
	}
}

func fullSession(t testing.TB) model.Session {
	t.Helper()
	s, err := goodDraft().Parse(testNow, testLoc)
	if err != nil {
		t.Fatalf("Parse() = %v", err)
	}
	return s
}

func TestStoreRoundTrip(t *testing.T) {
	st := openTest(t)
	in := fullSession(t)
	saved, err := st.SaveSession(in)
	if err != nil {
		t.Fatalf("SaveSession() = %v", err)
	}
	if saved.ID == 0 || !saved.Created.Equal(testNow) || !saved.Updated.Equal(testNow) {
		t.Fatalf("SaveSession() = ID %d, created %v; want an ID and the clock's time", saved.ID, saved.Created)
	}
	got, err := st.Session(saved.ID)
	if err != nil {
		t.Fatalf("Session(%d) = %v", saved.ID, err)
	}
	if !sameJSON(t, got, saved) {
		t.Errorf("Session(%d) = %+v, want %+v", saved.ID, got, saved)
	}
}

func TestSaveInvalidWritesNothing(t *testing.T) {
	st := openTest(t)
	s := fullSession(t)
	s.MoodAfter = ptr(11)
	if _, err := st.SaveSession(s); err == nil {
		t.Fatal("SaveSession(mood 11) = nil, want a validation error")
	}
	if empty, _ := st.IsEmpty(); !empty {
		t.Error("store holds a record after a refused save")
	}
}

func TestUpdateAndDelete(t *testing.T) {
	st := openTest(t)
	a, _ := st.SaveSession(fullSession(t))
	b := fullSession(t)
	b.At = b.At.AddDate(0, 0, -20)
	b, _ = st.SaveSession(b)

	// Move a before b: the list order and the range scans must follow.
	a.At = b.At.AddDate(0, 0, -1)
	a.Notes = "edited"
	if _, err := st.SaveSession(a); err != nil {
		t.Fatalf("SaveSession(edit) = %v", err)
	}
	list, _ := st.Sessions()
	if len(list) != 2 || list[0].ID != b.ID || list[1].ID != a.ID || list[1].Notes != "edited" {
		t.Fatalf("Sessions() after edit = %v, want [b a] with a edited", ids(list))
	}
	old, _ := st.SessionsBetween(a.At.AddDate(0, 0, 19), a.At.AddDate(0, 0, 30))
	if len(old) != 0 {
		t.Errorf("SessionsBetween(a's old time) = %v, want none: the old index entry must go", ids(old))
	}

	if err := st.DeleteSession(a.ID); err != nil {
		t.Fatalf("DeleteSession() = %v", err)
	}
	if _, err := st.Session(a.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Session(deleted) = %v, want ErrNotFound", err)
	}
	list, _ = st.Sessions()
	if len(list) != 1 || list[0].ID != b.ID {
		t.Errorf("Sessions() after delete = %v, want [%d]", ids(list), b.ID)
	}
	if err := st.DeleteSession(a.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("DeleteSession(twice) = %v, want ErrNotFound", err)
	}
}

func ids(ss []model.Session) []uint64 {
	out := make([]uint64, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

func TestSessionsOrderAndRange(t *testing.T) {
	st := openTest(t)
	base := time.Date(2026, 1, 1, 10, 0, 0, 0, testLoc)
	for _, d := range []int{5, 1, 30, 10, 20} {
		s := fullSession(t)
		s.At = base.AddDate(0, 0, d)
		if _, err := st.SaveSession(s); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := st.Sessions()
	for i := 1; i < len(list); i++ {
		if list[i].At.After(list[i-1].At) {
			t.Fatalf("Sessions() not newest first: %v then %v", list[i-1].At, list[i].At)
		}
	}
	tests := []struct {
		from, to int
		want     []int
	}{
		{0, 40, []int{1, 5, 10, 20, 30}},
		{5, 20, []int{5, 10}}, // from is inclusive, to exclusive
		{6, 9, nil},
		{30, 31, []int{30}},
	}
	for _, tt := range tests {
		got, err := st.SessionsBetween(base.AddDate(0, 0, tt.from), base.AddDate(0, 0, tt.to))
		if err != nil {
			t.Fatal(err)
		}
		var days []int
		for _, s := range got {
			days = append(days, int(s.At.Sub(base).Hours()/24))
		}
		if !sameJSON(t, days, tt.want) {
			t.Errorf("SessionsBetween(day %d, day %d) = days %v, want %v", tt.from, tt.to, days, tt.want)
		}
	}
}

func TestReopenKeepsEveryRecord(t *testing.T) {
	path := DataFile(t.TempDir())
	st, err := Open(path, Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	var saved []model.Session
	for i := range 50 {
		s := fullSession(t)
		s.At = s.At.Add(-time.Duration(i) * 24 * time.Hour)
		s.Notes = string(rune('α' + i%20))
		s, err := st.SaveSession(s)
		if err != nil {
			t.Fatal(err)
		}
		saved = append([]model.Session{s}, saved...)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st.Close()
	got, _ := st.Sessions()
	// saved is oldest first by construction of the loop; Sessions is newest first.
	for i, j := 0, len(saved)-1; i < j; i, j = i+1, j-1 {
		saved[i], saved[j] = saved[j], saved[i]
	}
	if !sameJSON(t, got, saved) {
		t.Errorf("after reopen got %d sessions, want the %d saved, identical", len(got), len(saved))
	}
}

func TestSecondOpenSaysAlreadyRunning(t *testing.T) {
	path := DataFile(t.TempDir())
	first, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	saved, _ := first.SaveSession(fullSession(t))

	_, err = Open(path, Options{Timeout: 100 * time.Millisecond})
	if !errors.Is(err, model.ErrAlreadyRunning) {
		t.Fatalf("second Open() = %v, want ErrAlreadyRunning", err)
	}
	if got, err := first.Session(saved.ID); err != nil || got.ID != saved.ID {
		t.Errorf("first store after the refused second open: %v", err)
	}
}

// TestOpenZeroLengthFileIsRefused: an empty keel.db is never silently a new
// database (Keel makes new ones whole under another name, so an empty one is damage).
func TestOpenZeroLengthFileIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keel.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); !errors.Is(err, model.ErrDamaged) {
		t.Fatalf("Open(empty file) = %v, want ErrDamaged", err)
	}
	if info, _ := os.Stat(path); info.Size() != 0 {
		t.Error("Open(empty file) wrote to it")
	}
}

func TestOpenNewFileHasEveryBucket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keel.db")
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.db.View(func(btx *bolt.Tx) error {
		tx := txn{Tx: btx}
		if v := schemaOf(tx); v != SchemaVersion() {
			t.Errorf("schema after open = %d, want %d", v, SchemaVersion())
		}
		for _, k := range model.Kinds {
			if tx.Bucket(bucketOf(k)) == nil || (k.Indexed && tx.Bucket(indexOf(k)) == nil) {
				t.Errorf("bucket %s or its index missing after open", k.Name)
			}
		}
		return nil
	})
}

func TestOpenNewerVersionChangesNothing(t *testing.T) {
	path := DataFile(t.TempDir())
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(metaBucket).Put(schemaKey, idKey(SchemaVersion()+1)) })
	st.Close()
	before, _ := os.ReadFile(path)
	if _, err := Open(path, Options{}); !errors.Is(err, model.ErrNewerVersion) {
		t.Fatalf("Open(newer schema) = %v, want ErrNewerVersion", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("Open(newer schema) changed the file")
	}
}

func TestOpenNotADatabase(t *testing.T) {
	path := DataFile(t.TempDir())
	junk := bytes.Repeat([]byte("not a database "), 1000)
	os.WriteFile(path, junk, 0o600)
	if _, err := Open(path, Options{}); !errors.Is(err, model.ErrDamaged) {
		t.Fatalf("Open(junk) = %v, want ErrDamaged", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, junk) {
		t.Error("Open(junk) changed the file")
	}
}

// TestMigration1 checks the first migration on a file that has no layout yet.
func TestMigration1(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "m.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error { return migrateTo(txn{Tx: tx}, migrations[:1]) })
	if err != nil {
		t.Fatalf("migration 1: %v", err)
	}
	db.View(func(tx *bolt.Tx) error {
		if v := schemaOf(txn{Tx: tx}); v != 1 {
			t.Errorf("schema = %d, want 1", v)
		}
		if tx.Bucket([]byte("sessions")) == nil || tx.Bucket([]byte("sessions_by_time")) == nil {
			t.Error("migration 1 did not create the sessions buckets")
		}
		return nil
	})
}

func TestMigrationsAreOrdered(t *testing.T) {
	for i, m := range migrations {
		if m.version != uint64(i+1) {
			t.Errorf("migrations[%d].version = %d, want %d", i, m.version, i+1)
		}
	}
}

func TestDecodeRefusesNewerRecord(t *testing.T) {
	_, err := decode[model.Session](txn{}, shapeOf(model.Sessions), idKey(1), []byte(`{"v":99,"d":{}}`))
	if !errors.Is(err, model.ErrNewerVersion) {
		t.Errorf("decode(v99) = %v, want ErrNewerVersion", err)
	}
	_, err = decode[model.Session](txn{}, shapeOf(model.Sessions), idKey(1), []byte(`{"v":1,"d":[`))
	if !errors.Is(err, model.ErrDamaged) {
		t.Errorf("decode(broken JSON) = %v, want ErrDamaged", err)
	}
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
func TestSessionRoundTripProperty(t *testing.T) {
	st := openTest(t)
	rapid.Check(t, func(t *rapid.T) {
		in := genSession(t)
		saved, err := st.SaveSession(in)
		if err != nil {
			t.Fatalf("SaveSession(%+v) = %v", in, err)
		}
		got, err := st.Session(saved.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !sameJSON(t, got, saved) {
			t.Fatalf("round trip changed the session:\n got %+v\nwant %+v", got, saved)
		}
	})
}

func TestMarkDemo(t *testing.T) {
	st := openTest(t)
	if st.IsDemo() {
		t.Fatal("a new store says it holds demo data")
	}
	if err := st.MarkDemo(); err != nil {
		t.Fatal(err)
	}
	if !st.IsDemo() {
		t.Error("IsDemo() = false after MarkDemo")
	}
}

// TestFilesArePrivate checks that the database and a folder Keel creates for it are
// readable by the user only.
func TestFilesArePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new-folder")
	st, err := Open(DataFile(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for path, want := range map[string]os.FileMode{DataFile(dir): 0o600, dir: 0o700} {
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, %v; want %v", filepath.Base(path), info.Mode().Perm(), err, want)
		}
	}
}

var (
	testLoc = time.FixedZone("UTC-5", -5*3600)
	testNow = time.Date(2026, 3, 12, 15, 0, 0, 0, testLoc)
)

func ptr[T any](v T) *T { return &v }
