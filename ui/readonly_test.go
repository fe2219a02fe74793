package ui

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"keel/model"
	"keel/model/seal"
	"keel/model/store"
)

// TestReadOnlyFolderOpensTheWindowReadOnly: data in a folder that cannot be written
// made the window fail to start. It opens read-only, says so in a banner, shows the
// records, and a save or a draft says why it cannot be kept instead of failing.
func TestReadOnlyFolderOpensTheWindowReadOnly(t *testing.T) {
	dir := t.TempDir()
	kdf := seal.TestParams()
	opt := store.Options{Now: func() time.Time { return testNow }, KDF: &kdf}
	st, err := store.Open(store.DataFile(dir), opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	saved := openStore
	defer func() { openStore = saved }()
	// The tests run as a user who may write anywhere: act out a read-only disk.
	openStore = func(path string, o store.Options) (*store.Store, error) {
		if !o.ReadOnly {
			return nil, fmt.Errorf("open %s: %w", path, &os.PathError{Op: "open", Path: path + ".lock", Err: syscall.EROFS})
		}
		o.Now, o.KDF = opt.Now, opt.KDF
		return store.Open(path, o)
	}

	ro, err := openData(store.DataFile(dir))
	if err != nil {
		t.Fatalf("openData on a read-only folder = %v, want the data opened read-only", err)
	}
	defer ro.Close()
	if !ro.ReadOnly() {
		t.Fatal("openData did not open the data read-only")
	}
	u := New(test.NewTempApp(t), ro, welcomedPrefs())
	u.async = func(f func()) { f() }
	if !u.banner.Visible() || !strings.Contains(labelTexts(u.banner), "read-only") {
		t.Fatalf("no read-only banner: %q", labelTexts(u.banner))
	}
	u.Show(ScreenSessions)
	if len(u.sessions.items) != 1 {
		t.Errorf("the read-only window lists %d sessions, want 1", len(u.sessions.items))
	}
	j := journalOf(t, u)
	test.Type(j.text, "cannot be kept")
	j.draft.flush()
	if !strings.Contains(j.mark.Text, "read-only") {
		t.Errorf("the draft mark says %q, want why it cannot be kept", j.mark.Text)
	}
	test.Tap(j.save)
	if top := topOverlay(u.win); top == nil || !strings.Contains(labelTexts(top), "read-only") {
		t.Errorf("Save in a read-only window says %q", labelTexts(top))
	}
}

// TestOtherOpenErrorsAreNotReadOnly: only a folder or disk that cannot be written
// opens read-only; any other failure is said as before.
func TestOtherOpenErrorsAreNotReadOnly(t *testing.T) {
	saved := openStore
	defer func() { openStore = saved }()
	calls := 0
	openStore = func(string, store.Options) (*store.Store, error) {
		calls++
		return nil, fmt.Errorf("lock: %w", model.ErrAlreadyRunning)
	}
	if _, err := openData(store.DataFile(t.TempDir())); err == nil || calls != 1 {
		t.Errorf("openData with Keel already running = %v after %d opens, want the error after one", err, calls)
	}
}
