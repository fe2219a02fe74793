package store

import (
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"keel/model"
)

// layoutAt writes a database at layout version v by applying only the first v
// migrations, exactly as a Keel of that version left its files.
func layoutAt(t *testing.T, v int, fill func(tx txn) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "keel.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(btx *bolt.Tx) error {
		if err := migrateTo(txn{Tx: btx}, migrations[:v]); err != nil {
			return err
		}
		if fill != nil {
			return fill(newTxn(btx, nil)) // values framed as layout v framed them
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMigration3 opens a layout-2 database (no courses): the courses buckets are
// added, the sessions are untouched, and a course can be saved.
func TestMigration3(t *testing.T) {
	s := model.Session{ID: 7, At: testNow.Add(-48 * time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "before courses"}
	path := layoutAt(t, 2, func(tx txn) error {
		if tx.Bucket([]byte("courses")) != nil {
			t.Fatal("layout 2 already has a courses bucket")
		}
		return put(tx, model.Sessions, &s, testNow)
	})
	st, err := Open(path, Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("Open(layout 2) = %v", err)
	}
	defer st.Close()
	st.db.View(func(btx *bolt.Tx) error {
		tx := txn{Tx: btx}
		if v := schemaOf(tx); v != SchemaVersion() {
			t.Errorf("schema after open = %d, want %d", v, SchemaVersion())
		}
		if tx.Bucket([]byte("courses")) == nil || tx.Bucket([]byte("courses_by_time")) == nil {
			t.Error("migration 3 did not create the courses buckets")
		}
		return nil
	})
	if got, err := st.Session(7); err != nil || got.Notes != "before courses" {
		t.Errorf("Session(7) after migration 3 = %+v, %v", got, err)
	}
	c := model.NewCourse(model.CourseIV, testNow.AddDate(0, 0, -3))
	if _, err := st.SaveCourse(c); err != nil {
		t.Errorf("SaveCourse after migration 3 = %v", err)
	}
	if list, _ := st.Courses(); len(list) != 1 {
		t.Errorf("Courses() = %d courses, want 1", len(list))
	}
}
