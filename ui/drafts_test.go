package ui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/seal"
	"keel/model/store"
)

func init() {
	// The tests keep drafts by flushing (as leaving, locking and closing do); a timer
	// would fire on its own goroutine, which the test driver does not serialise.
	draftDelay = time.Hour
}

// closingWindow is a test window that hands back the close intercept, so a test can
// close the window as the person does (the test driver's Close skips it).
type closingWindow struct {
	fyne.Window
	intercept func()
}

func (w *closingWindow) SetCloseIntercept(f func()) { w.intercept = f }

// openWindow builds the window over the data folder dir, as a start of the app does,
// with the close intercept in place.
func openWindow(t *testing.T, dir string) (*UI, *closingWindow, *store.Store) {
	t.Helper()
	kdf := seal.TestParams()
	st, err := store.Open(store.DataFile(dir), store.Options{Now: func() time.Time { return testNow }, KDF: &kdf})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	a := test.NewTempApp(t)
	w := &closingWindow{Window: a.NewWindow("Keel")}
	u := build(a, st, welcomedPrefs(), w)
	u.async = func(f func()) { f() }
	u.win.Resize(fyne.NewSize(1280, 800))
	u.watchReminders() // sets the close intercept; no timers in tests
	return u, w, st
}

func journalOf(t *testing.T, u *UI) *journalScreen {
	t.Helper()
	u.Show(ScreenJournal)
	return u.journal
}

func draftShown(j *journalScreen) bool {
	return j.markRow.Visible() && strings.Contains(j.mark.Text, "Draft, not saved yet")
}

// TestJournalDraftSurvivesClosingTheWindow: an entry typed and then the window closed
// used to be gone after a restart. Closing keeps the draft (and still closes); a new
// window over the same data opens the journal on it, marked as a draft.
func TestJournalDraftSurvivesClosingTheWindow(t *testing.T) {
	dir := t.TempDir()
	u, w, st := openWindow(t, dir)
	j := journalOf(t, u)
	test.Type(j.text, "At 2 am the critic was quieter than it has been for months")
	if !draftShown(j) {
		t.Errorf("while typing, the editor is not marked as a draft: %q", j.mark.Text)
	}
	w.intercept() // the person closes the window
	st.Close()

	u2, _, st2 := openWindow(t, dir)
	defer st2.Close()
	j2 := journalOf(t, u2)
	if j2.text.Text != "At 2 am the critic was quieter than it has been for months" {
		t.Fatalf("after a restart the new entry holds %q, want the draft", j2.text.Text)
	}
	if !draftShown(j2) || !strings.Contains(j2.mark.Text, "kept") {
		t.Errorf("after a restart the draft is not marked as one: %q (shown %v)", j2.mark.Text, j2.markRow.Visible())
	}
	if entries, _ := st2.Journal(""); len(entries) != 0 {
		t.Errorf("the draft became an entry without Save: %+v", entries)
	}
	test.Tap(j2.save)
	if entries, _ := st2.Journal(""); len(entries) != 1 || !strings.HasPrefix(entries[0].Text, "At 2 am") {
		t.Fatalf("after Save the journal holds %+v", entries)
	}
	if _, ok, _ := st2.Draft(model.JournalPlace(0)); ok || j2.markRow.Visible() {
		t.Error("the draft is still there after the entry was saved")
	}
}

// TestJournalDraftSurvivesACrash: with no flush at all (Keel killed), what was kept
// by the timer is there after a restart: at most the last second is lost.
func TestJournalDraftSurvivesACrash(t *testing.T) {
	dir := t.TempDir()
	u, _, st := openWindow(t, dir)
	j := journalOf(t, u)
	test.Type(j.text, "Written before the crash")
	// The timer of the last keystroke, at a short delay: the test driver runs fyne.Do
	// on the timer's goroutine, so it must not fire while test.Type still types.
	j.draft.cancel()
	kept := make(chan struct{})
	keep := j.draft.keep
	j.draft.keep = func() { keep(); close(kept) }
	draftDelay = 20 * time.Millisecond
	j.draft.changed()
	select {
	case <-kept:
	case <-time.After(5 * time.Second):
		t.Fatal("the draft was not kept within 5 s of typing")
	}
	if d, ok, _ := st.Draft(model.JournalPlace(0)); !ok || d.Get(model.FieldText) != "Written before the crash" {
		t.Fatalf("the timer kept %+v", d)
	}
	draftDelay = time.Hour
	st.Close() // no flush: the process is gone

	u2, _, st2 := openWindow(t, dir)
	defer st2.Close()
	if j2 := journalOf(t, u2); j2.text.Text != "Written before the crash" || !draftShown(j2) {
		t.Errorf("after a crash the new entry holds %q (marked %v), want the draft", j2.text.Text, draftShown(j2))
	}
}

// TestJournalDraftSurvivesSwitchingEntries: typing a new entry, then clicking another
// entry in the list, used to lose the typing. It is kept; the list and the New entry
// button say so; going back brings it back.
func TestJournalDraftSurvivesSwitchingEntries(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	old, _ := st.SaveJournal(model.JournalEntry{At: testNow.Add(-24 * time.Hour), Text: "Yesterday's entry"})
	j := journalOf(t, u)
	j.reload()
	test.Type(j.text, "Half a thought")
	j.list.Select(0) // the person clicks yesterday's entry
	if j.text.Text != "Yesterday's entry" || draftShown(j) {
		t.Fatalf("after clicking the old entry the editor holds %q (marked %v)", j.text.Text, draftShown(j))
	}
	if j.newBtn.Text != "Continue the new entry" {
		t.Errorf("the New entry button says %q, want it to lead back to the draft", j.newBtn.Text)
	}
	// Editing the old entry, then going to the new one, keeps both drafts.
	j.text.SetText(j.text.Text + ", and a line more")
	test.Tap(j.newBtn)
	if j.text.Text != "Half a thought" || !draftShown(j) {
		t.Fatalf("back on the new entry the editor holds %q (marked %v), want the draft", j.text.Text, draftShown(j))
	}
	if d, ok, _ := st.Draft(model.JournalPlace(old.ID)); !ok || d.Get(model.FieldText) != "Yesterday's entry, and a line more" {
		t.Errorf("the edit of the old entry was not kept: %+v", d)
	}
	j.reload()
	if !strings.HasPrefix(rowHead(j, 0), "Draft · ") {
		t.Errorf("the list row of the old entry says %q, want a draft mark", rowHead(j, 0))
	}
	j.list.Select(0)
	if j.text.Text != "Yesterday's entry, and a line more" || !draftShown(j) {
		t.Errorf("the old entry reopens as %q (marked %v), want its draft", j.text.Text, draftShown(j))
	}
	if stored, _ := st.Journal(""); stored[0].Text != "Yesterday's entry" {
		t.Errorf("a draft changed the stored entry: %q", stored[0].Text)
	}
}

func rowHead(j *journalScreen, i int) string {
	row := newJournalRow()
	j.updateRow(i, row)
	return row.(*fyne.Container).Objects[0].(*widget.Label).Text
}

// TestDiscardingADraftAsksFirst: discarding a draft that holds words asks; "Keep
// writing" keeps them, "Discard" throws them away for good.
func TestDiscardingADraftAsksFirst(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	j := journalOf(t, u)
	test.Type(j.text, "Not sure I want to keep this")
	j.draft.flush()
	test.Tap(j.discard)
	tapInDialog(t, u.win, "Keep writing")
	if j.text.Text != "Not sure I want to keep this" {
		t.Fatalf("Keep writing left %q", j.text.Text)
	}
	if _, ok, _ := st.Draft(model.JournalPlace(0)); !ok {
		t.Fatal("Keep writing dropped the draft")
	}
	test.Tap(j.discard)
	tapInDialog(t, u.win, "Discard")
	if j.text.Text != "" || j.markRow.Visible() || j.discard.Visible() {
		t.Errorf("after Discard the editor holds %q (marked %v)", j.text.Text, j.markRow.Visible())
	}
	if _, ok, _ := st.Draft(model.JournalPlace(0)); ok {
		t.Error("Discard left the draft in the store")
	}
}

// TestLockingKeepsTheDraft: locking drops the key, so what is being typed is kept
// (sealed) first; after unlocking it is still there.
func TestLockingKeepsTheDraft(t *testing.T) {
	dir := t.TempDir()
	u, _, st := openWindow(t, dir)
	defer st.Close()
	if err := st.EnableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	j := journalOf(t, u)
	test.Type(j.text, "typed just before the lock")
	u.showLock()
	if !st.Locked() {
		t.Fatal("showLock did not lock")
	}
	if err := st.Unlock([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	if d, ok, err := st.Draft(model.JournalPlace(0)); err != nil || !ok || d.Get(model.FieldText) != "typed just before the lock" {
		t.Errorf("after the lock the draft is %+v, %v, %v", d, ok, err)
	}
}

// TestJournalSaveOverANewerEntryAsks: an entry changed since it was opened is not
// written over: the window shows both and keeps the one chosen.
func TestJournalSaveOverANewerEntryAsks(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	e, _ := st.SaveJournal(model.JournalEntry{At: testNow.Add(-time.Hour), Text: "first words"})
	j := journalOf(t, u)
	j.reload()
	j.list.Select(0)
	newer := e
	newer.Text = "changed elsewhere"
	if _, err := st.SaveJournal(newer); err != nil { // an import, another window
		t.Fatal(err)
	}
	j.text.SetText(j.text.Text + " and mine")
	test.Tap(j.save)
	if top := topOverlay(u.win); top == nil || !strings.Contains(labelTexts(top), "changed elsewhere") || !strings.Contains(labelTexts(top), "first words and mine") {
		t.Fatalf("no dialog shows both versions: %q", labelTexts(top))
	}
	if got, _ := st.Journal(""); got[0].Text != "changed elsewhere" {
		t.Fatalf("the refused save wrote %q", got[0].Text)
	}
	tapInDialog(t, u.win, "Keep mine")
	if got, _ := st.Journal(""); got[0].Text != "first words and mine" {
		t.Errorf("after Keep mine the entry is %q", got[0].Text)
	}
}

// TestDraftKeptWhileTypingWithoutPause: a keep is never postponed by more typing, so
// someone who never pauses still loses at most draftDelay.
func TestDraftKeptWhileTypingWithoutPause(t *testing.T) {
	old := draftDelay
	draftDelay = 100 * time.Millisecond
	defer func() { draftDelay = old }()
	var keeps atomic.Int32
	d := &drafting{keep: func() { keeps.Add(1) }}
	for i := 0; i < 40; i++ { // a key every 15 ms for 600 ms
		d.changed()
		time.Sleep(15 * time.Millisecond)
	}
	if n := keeps.Load(); n < 3 {
		t.Errorf("%d keeps in 600 ms of typing with a %v delay, want one at least every %v", n, draftDelay, draftDelay)
	}
	d.changed()
	d.flush()
	n := keeps.Load()
	time.Sleep(2 * draftDelay)
	if keeps.Load() != n {
		t.Error("a flushed keep ran again when its timer came")
	}
}

// TestWriteAboutASessionKeepsTheNewDraft: "Write about it" from another screen, while
// a new entry's draft is kept, brings the draft back tied to that session and prompt.
func TestWriteAboutASessionKeepsTheNewDraft(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	s, _ := st.SaveSession(model.Session{At: testNow.Add(-3 * time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	j := journalOf(t, u)
	test.Type(j.text, "Something I started earlier")
	u.Show(ScreenToday)
	u.WriteJournal(s.ID, model.IntegrationPrompts[0])
	if j.text.Text != "Something I started earlier" || j.prompt.Selected != model.IntegrationPrompts[0] || j.session.SelectedIndex() < 1 || j.sessions[j.session.SelectedIndex()-1].ID != s.ID {
		t.Errorf("the journal opens on %q, prompt %q, session index %d; want the draft about session %d", j.text.Text, j.prompt.Selected, j.session.SelectedIndex(), s.ID)
	}
	if entries, _ := st.Journal(""); len(entries) != 0 {
		t.Errorf("switching saved the draft as an entry: %+v", entries)
	}
}

// TestPrepareIntentionChangedInTheForm: an intention typed in Prepare over one the
// session form replaced meanwhile is not written over it; it is kept as a draft and
// both are shown.
func TestPrepareIntentionChangedInTheForm(t *testing.T) {
	dir := t.TempDir()
	u, _, st := openWindow(t, dir)
	s, _ := st.SaveSession(model.Session{At: testNow.Add(30 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV, Intention: "Rest"})
	u.Show(ScreenPrepare)
	p := u.prepare
	form := s
	form.Intention = "Notice, don't fix"
	if _, err := st.SaveSession(form); err != nil { // saved in the session form
		t.Fatal(err)
	}
	p.intention.SetText(p.intention.Text + " and breathe")
	p.flushIntention()
	if got, _ := st.Session(s.ID); got.Intention != "Notice, don't fix" {
		t.Fatalf("Prepare wrote %q over the form's intention", got.Intention)
	}
	if top := topOverlay(u.win); top == nil || !strings.Contains(labelTexts(top), "Rest and breathe") {
		t.Fatal("no dialog shows both intentions")
	}
	if d, ok, _ := st.Draft(model.IntentionPlace(s.ID)); !ok || d.Get(model.FieldIntention) != "Rest and breathe" {
		t.Errorf("the refused intention was not kept as a draft: %+v", d)
	}
	st.Close()

	u2, _, st2 := openWindow(t, dir)
	defer st2.Close()
	u2.Show(ScreenPrepare)
	if got := u2.prepare.intention.Text; got != "Rest and breathe" {
		t.Errorf("after a restart Prepare shows %q, want the draft", got)
	}
	u2.prepare.flushIntention() // saving it again asks again
	tapInDialog(t, u2.win, "Keep mine")
	if got, _ := st2.Session(s.ID); got.Intention != "Rest and breathe" || got.Provider != s.Provider {
		t.Errorf("after Keep mine the session is %+v", got)
	}
	if _, ok, _ := st2.Draft(model.IntentionPlace(s.ID)); ok {
		t.Error("the intention's draft is still there after it was saved")
	}
}

// TestCourseNotesDraftSurvivesRestart: course notes typed and the window closed are
// in the form when it opens again; Cancel on a changed form asks first.
func TestCourseNotesDraftSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	u, w, st := openWindow(t, dir)
	c, _ := st.SaveCourse(model.NewCourse(model.CourseIV, testNow))
	u.Show(ScreenProgress)
	f := u.progress.editCourse(&c)
	test.Type(f.notes, "Dr Rao: boosters every 4-6 weeks")
	w.intercept()
	st.Close()

	u2, _, st2 := openWindow(t, dir)
	defer st2.Close()
	u2.Show(ScreenProgress)
	f2 := u2.progress.editCourse(&c)
	if f2.notes.Text != "Dr Rao: boosters every 4-6 weeks" || !f2.markRow.Visible() {
		t.Fatalf("the course form reopens with notes %q (marked %v)", f2.notes.Text, f2.markRow.Visible())
	}
	test.Tap(findButton(topOverlay(u2.win), "Cancel"))
	tapInDialog(t, u2.win, "Keep editing")
	test.Tap(f2.save)
	if cs, _ := st2.Courses(); len(cs) != 1 || cs[0].Notes != "Dr Rao: boosters every 4-6 weeks" {
		t.Fatalf("after Save the course is %+v", cs)
	}
	if _, ok, _ := st2.Draft(model.CoursePlace(c.ID)); ok {
		t.Error("the course's draft is still there after it was saved")
	}
}

// TestJournalFirstShowFocusesTheEntry: the journal opened with nothing focused the
// first time, so the first keys typed went nowhere.
func TestJournalFirstShowFocusesTheEntry(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	u.Show(ScreenJournal)
	if got := u.win.Canvas().Focused(); got != u.journal.text {
		t.Fatalf("the first show of the journal focuses %T, want the entry", got)
	}
	test.Type(u.win.Canvas().Focused(), "first")
	if u.journal.text.Text != "first" {
		t.Errorf("typing after the first show wrote %q in the entry", u.journal.text.Text)
	}
}
