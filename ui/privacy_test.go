package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/seal"
	"keel/model/store"
)

const secretNote = "a very private note Ψ"

// entriesOfTop returns the entries of the dialog on top, in order.
func entriesOfTop(u *UI) []*textEntry {
	var out []*textEntry
	for _, o := range test.LaidOutObjects(topOverlay(u.win)) {
		if e, ok := o.(*textEntry); ok {
			out = append(out, e)
		}
	}
	return out
}

func encrypt(t *testing.T, u *UI, pass string) {
	t.Helper()
	u.Show(ScreenSettings)
	test.Tap(u.settings.privacy.on)
	es := entriesOfTop(u)
	test.Type(es[0], pass)
	test.Type(es[1], pass)
	for _, o := range test.LaidOutObjects(topOverlay(u.win)) {
		if c, ok := o.(*widget.Check); ok {
			test.Tap(c)
		}
	}
	tapInDialog(t, u.win, "Encrypt my data")
	if !u.store.Encrypted() {
		t.Fatal("the store is not encrypted after the dialog")
	}
	tapInDialog(t, u.win, "OK")
}

func TestTurnOnPassphraseThenLockAndUnlock(t *testing.T) {
	u, store := newTestUI(t)
	store.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: secretNote})

	// The dialog refuses mismatched passphrases and an unticked box.
	u.Show(ScreenSettings)
	test.Tap(u.settings.privacy.on)
	es := entriesOfTop(u)
	test.Type(es[0], "correct horse battery")
	test.Type(es[1], "correct horse batter")
	tapInDialog(t, u.win, "Encrypt my data")
	if text := labelTexts(topOverlay(u.win)); !strings.Contains(text, "different") || store.Encrypted() {
		t.Fatalf("mismatched passphrases: dialog says %q, encrypted %v", text, store.Encrypted())
	}
	tapInDialog(t, u.win, "Cancel")
	encrypt(t, u, "correct horse battery")
	if !u.settings.privacy.change.Visible() || u.settings.privacy.on.Visible() {
		t.Error("after encrypting, Settings does not offer to change or remove the passphrase")
	}

	test.Tap(u.settings.privacy.lockNow)
	if !store.Locked() || u.win.Content() != u.lock.content {
		t.Fatal("Lock now did not lock the store and show only the unlock screen")
	}
	if strings.Contains(labelTexts(u.win.Content()), "Settings") {
		t.Error("the lock screen shows the app's screens")
	}
	test.Type(u.lock.pass, "wrong horse battery")
	test.Tap(u.lock.unlock)
	if !store.Locked() || !strings.Contains(u.lock.msg.Text, "does not open") {
		t.Fatalf("a wrong passphrase: locked %v, message %q", store.Locked(), u.lock.msg.Text)
	}
	test.Type(u.lock.pass, "correct horse battery")
	test.Tap(u.lock.unlock)
	if store.Locked() || u.win.Content() != u.main {
		t.Fatal("the right passphrase did not unlock")
	}
	if list, _ := store.Sessions(); len(list) != 1 || list[0].Notes != secretNote {
		t.Errorf("after unlocking the data reads %+v", list)
	}
}

func TestEncryptedStoreStartsLocked(t *testing.T) {
	dir := t.TempDir()
	kdf := seal.TestParams()
	st, _ := store.Open(store.DataFile(dir), store.Options{Now: func() time.Time { return testNow }, KDF: &kdf})
	st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	if err := st.EnableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, _ = store.Open(store.DataFile(dir), store.Options{Now: func() time.Time { return testNow }, KDF: &kdf})
	defer st.Close()
	u := New(test.NewTempApp(t), st, welcomedPrefs())
	u.async = func(f func()) { f() }
	if u.win.Content() != u.lock.content || u.today != nil {
		t.Fatal("an encrypted store did not start on the unlock screen, or read data first")
	}
	test.Type(u.lock.pass, "correct horse battery")
	test.Tap(u.lock.unlock)
	if u.today == nil || u.win.Content() != u.main {
		t.Error("after unlocking, Today is not shown")
	}
}

func TestIdleLock(t *testing.T) {
	u, store := newTestUI(t)
	encrypt(t, u, "correct horse battery")
	u.prefs.SetInt(prefLockMinutes, 1)
	u.touch()
	u.checkIdle()
	if store.Locked() {
		t.Fatal("locked right after activity")
	}
	u.lastActive.Store(time.Now().Add(-2 * time.Minute).UnixNano())
	u.checkIdle()
	if !store.Locked() || u.win.Content() != u.lock.content {
		t.Fatal("two minutes without activity did not lock a store set to lock after one")
	}
	if err := store.Unlock([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	u.showMain()

	u.prefs.SetInt(prefLockMinutes, 0)
	u.lastActive.Store(time.Now().Add(-time.Hour).UnixNano())
	u.checkIdle()
	if store.Locked() {
		t.Fatal("locked although the lock is set to never")
	}
	u.prefs.SetInt(prefLockMinutes, 1)
	store.SaveCheckIn(model.CheckIn{At: testNow, Mood: ptr(5)}) // saving counts as activity
	u.checkIdle()
	if store.Locked() {
		t.Fatal("locked although the store wrote just now")
	}
}

func ptr[T any](v T) *T { return &v }

func TestEncryptedExportAndImport(t *testing.T) {
	u, store := newTestUI(t)
	store.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: secretNote})
	encrypt(t, u, "correct horse battery")
	u.Show(ScreenData)
	path := filepath.Join(t.TempDir(), "export.json.age")
	u.data.exportJSON(path, []byte("correct horse battery"))
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !seal.IsAge(raw) || bytes.Contains(raw, []byte(secretNote)) {
		t.Fatal("the export of encrypted data is not an age file, or holds the note in plain text")
	}

	other, otherStore := newTestUI(t)
	other.Show(ScreenData)
	other.data.importJSON(path)
	test.Type(entriesOfTop(other)[0], "correct horse battery")
	tapInDialog(t, other.win, "Open")
	tapInDialog(t, other.win, "Import")
	if list, _ := otherStore.Sessions(); len(list) != 1 || list[0].Notes != secretNote {
		t.Fatalf("import of the encrypted export gave %+v", list)
	}
}
