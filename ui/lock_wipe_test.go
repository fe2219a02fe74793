package ui

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2/test"

	"keel/model/store"
)

// TestUnlockWipesThePassphrase: the unlock screen kept the passphrase's bytes after
// using them. They are zeroed once the store has tried them, right or wrong, and the
// field is empty again; locking again leaves nothing typed in it.
func TestUnlockWipesThePassphrase(t *testing.T) {
	u, st := newTestUI(t)
	encrypt(t, u, "correct horse battery")
	var seen [][]byte
	saved := unlockWith
	unlockWith = func(s *store.Store, pass []byte) error {
		seen = append(seen, pass)
		return saved(s, pass)
	}
	defer func() { unlockWith = saved }()

	u.showLock()
	for _, typed := range []string{"wrong horse battery", "correct horse battery"} {
		test.Type(u.lock.pass, typed)
		test.Tap(u.lock.unlock)
	}
	if st.Locked() {
		t.Fatal("the right passphrase did not unlock")
	}
	if len(seen) != 2 {
		t.Fatalf("the store was given %d passphrases, want 2", len(seen))
	}
	for i, pass := range seen {
		if len(pass) == 0 || !bytes.Equal(pass, make([]byte, len(pass))) {
			t.Errorf("passphrase %d is %q after use, want its bytes zeroed", i+1, pass)
		}
	}
	if u.lock.pass.Text != "" {
		t.Errorf("the passphrase field still holds %q", u.lock.pass.Text)
	}
	u.lock.pass.SetText("half typed")
	u.showLock()
	if u.lock.pass.Text != "" {
		t.Errorf("after locking again the field holds %q", u.lock.pass.Text)
	}
}
