package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"keel/model"
)

func TestLogSessionShowsInList(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenSessions)
	s := u.sessions
	test.Tap(s.logBtn)
	f := s.form
	if !s.formOpen() {
		t.Fatal("Log a session did not open the form")
	}
	if f.date.text() != "2026-03-12" || f.clock.Text != "15:00" || f.status.Selected != statusDone {
		t.Fatalf("new session form = %q %q %q, want today, now, done", f.date.text(), f.clock.Text, f.status.Selected)
	}
	f.route.SetSelected(model.RouteIV.Label())
	test.Type(f.dose, "0.5")
	f.unit.SetSelected(model.UnitMgPerKg.Label())
	test.Type(f.provider, "Clínica Señora Ødegaard")
	test.Type(f.moodBefore.entry, "3")
	test.Type(f.moodAfter.entry, "7")
	test.Type(f.bp[model.FieldBPAfter40].entry, "146/92")
	if !f.bp[model.FieldBPAfter40].flag.Visible() || !f.bpNote.Visible() {
		t.Error("a 146/92 reading is not flagged while typing")
	}
	test.Type(f.cost, "550")
	test.Tap(f.save)

	if s.formOpen() {
		t.Fatalf("form still open after Save; summary: %q", f.summary.Text)
	}
	stored, _ := store.Sessions()
	if len(stored) != 1 || stored[0].Provider != "Clínica Señora Ødegaard" || *stored[0].MoodAfter != 7 {
		t.Fatalf("store holds %+v, want the one session typed", stored)
	}
	if len(s.items) != 1 || s.list.Length() != 1 {
		t.Fatalf("list shows %d sessions, want 1", s.list.Length())
	}
	row := newSessionRow()
	s.updateRow(0, row)
	text := labelTexts(row)
	for _, want := range []string{"Thu 12 Mar 2026, 15:00", "Done", "IV infusion · 0.5 mg/kg · mood 3 to 7", "⚠ BP"} {
		if !strings.Contains(text, want) {
			t.Errorf("list row = %q, want it to contain %q", text, want)
		}
	}
	if got := labelTexts(s.detail.content); !strings.Contains(got, "146/92") || !strings.Contains(got, "tell your care team") {
		t.Errorf("detail = %q, want the flagged reading with the care-team note", got)
	}
}

func TestInvalidMoodKeepsInputAndSavesNothing(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenSessions)
	s := u.sessions
	test.Tap(s.logBtn)
	f := s.form
	f.route.SetSelected(model.RouteLozenge.Label())
	test.Type(f.moodBefore.entry, "11")
	test.Type(f.cost, "abc")
	test.Type(f.notes, "Keep this text")
	test.Tap(f.save)

	if !s.formOpen() {
		t.Fatal("form closed after an invalid save")
	}
	row := f.rows[model.FieldMoodBefore]
	if !row.msg.Visible() || !strings.Contains(row.msg.Text, "0 to 10") {
		t.Errorf("mood message = %q (visible %v), want one saying 0 to 10", row.msg.Text, row.msg.Visible())
	}
	if msg := f.rows[model.FieldCost].msg.Text; msg == "" {
		t.Error("cost abc has no message")
	}
	if !strings.Contains(f.summary.Text, "Mood before") || !strings.Contains(f.summary.Text, "Cost") {
		t.Errorf("summary = %q, want it to name Mood before and Cost", f.summary.Text)
	}
	if f.moodBefore.text() != "11" || f.notes.Text != "Keep this text" || f.cost.Text != "abc" {
		t.Error("the user's input was not kept after a refused save")
	}
	if empty, _ := store.IsEmpty(); !empty {
		t.Error("a refused save wrote to the store")
	}

	// Fixing the fields clears the messages and saves.
	f.moodBefore.setText("")
	test.Type(f.moodBefore.entry, "4")
	f.cost.SetText("")
	test.Type(f.cost, "89,90")
	test.Tap(f.save)
	if s.formOpen() || row.msg.Visible() {
		t.Fatalf("save after fixing failed: %q", f.summary.Text)
	}
	if list, _ := store.Sessions(); len(list) != 1 || *list[0].Cost != 89_90 {
		t.Fatalf("store after fixing = %+v, want one session costing 89.90", list)
	}
}

func TestFutureCompletedSessionRefused(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenSessions)
	s := u.sessions
	test.Tap(s.logBtn)
	s.form.route.SetSelected(model.RouteIM.Label())
	s.form.date.entry.SetText("2026-03-20")
	test.Tap(s.form.save)
	if msg := s.form.rows[model.FieldDate].msg.Text; !strings.Contains(msg, "future") {
		t.Errorf("date message = %q, want one about the future", msg)
	}
	// Saving it as planned is fine.
	s.form.status.SetSelected(statusPlanned)
	test.Tap(s.form.save)
	list, _ := store.Sessions()
	if len(list) != 1 || list[0].Status != model.StatusPlanned {
		t.Fatalf("store = %+v, want one planned session", list)
	}
}

func TestPlanThenComplete(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenSessions)
	s := u.sessions
	test.Tap(s.planBtn)
	f := s.form
	if f.status.Selected != statusPlanned || f.afterPart.Visible() {
		t.Fatalf("Plan a session: status %q, after-part visible %v; want planned and hidden", f.status.Selected, f.afterPart.Visible())
	}
	f.route.SetSelected(model.RouteIV.Label())
	test.Type(f.intention, "Stay curious.")
	test.Tap(f.save)
	planned, _ := store.Sessions()
	if len(planned) != 1 || planned[0].Status != model.StatusPlanned || !planned[0].At.Equal(time.Date(2026, 3, 19, 10, 0, 0, 0, time.Local)) {
		t.Fatalf("store = %+v, want one session planned for 19 March 10:00", planned)
	}
	if s.detail.complete.Visible() {
		t.Fatal("a session planned for next week offers “Record how it went”")
	}
	if got := labelTexts(s.detail.content); !strings.Contains(got, "Planned, in 7 days") {
		t.Errorf("detail = %q, want “Planned, in 7 days”", got)
	}
	// A week later the session has happened: the clock moves on, and the detail offers to record it.
	testNow = testNow.AddDate(0, 0, 7)
	defer func() { testNow = testNow.AddDate(0, 0, -7) }()
	s.showDetail(&planned[0])
	if !s.detail.complete.Visible() {
		t.Fatal("a planned session whose time has passed has no “Record how it went” button")
	}
	test.Tap(s.detail.complete)
	if f.status.Selected != statusDone || !f.afterPart.Visible() {
		t.Fatal("Record how it went did not open the form as done")
	}
	test.Type(f.moodAfter.entry, "6")
	test.Tap(f.save)
	done, _ := store.Sessions()
	if len(done) != 1 || done[0].ID != planned[0].ID || !done[0].Done() || done[0].Intention != "Stay curious." || *done[0].MoodAfter != 6 {
		t.Fatalf("store = %+v, want the same session, done, intention kept", done)
	}
}

func TestDeleteAsksFirst(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenSessions)
	s := u.sessions
	saved, err := store.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteNasal})
	if err != nil {
		t.Fatal(err)
	}
	s.reload()
	s.list.Select(0)
	test.Tap(s.detail.delete)
	tapInDialog(t, u.win, "Keep it")
	if _, err := store.Session(saved.ID); err != nil {
		t.Fatalf("session gone after “Keep it”: %v", err)
	}
	test.Tap(s.detail.delete)
	tapInDialog(t, u.win, "Delete")
	if empty, _ := store.IsEmpty(); !empty {
		t.Fatal("session still stored after confirming Delete")
	}
	if s.list.Length() != 0 || !s.empty.Visible() {
		t.Error("list not emptied after delete")
	}
}

func TestEditKeepsIDAndCreated(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenSessions)
	s := u.sessions
	orig, _ := store.SaveSession(model.Session{At: testNow.Add(-48 * time.Hour), Status: model.StatusDone, Route: model.RouteIM, Notes: "first"})
	s.reload()
	s.list.Select(0)
	test.Tap(s.detail.edit)
	s.form.notes.SetText("second")
	test.Tap(s.form.save)
	list, _ := store.Sessions()
	if len(list) != 1 || list[0].ID != orig.ID || list[0].Notes != "second" || !list[0].Created.Equal(orig.Created) {
		t.Fatalf("after edit store = %+v, want session %d with new notes and the same created time", list, orig.ID)
	}
}

func TestUntilText(t *testing.T) {
	now := time.Date(2026, 3, 12, 15, 0, 0, 0, time.Local)
	tests := []struct {
		at   time.Time
		want string
	}{
		{now.Add(2 * time.Hour), "today at 17:00"},
		{time.Date(2026, 3, 13, 9, 30, 0, 0, time.Local), "tomorrow at 09:30"},
		{time.Date(2026, 3, 19, 10, 0, 0, 0, time.Local), "in 7 days"},
		{time.Date(2026, 4, 12, 8, 0, 0, 0, time.Local), "in 31 days"},
	}
	for _, tt := range tests {
		if got := untilText(now, tt.at); got != tt.want {
			t.Errorf("untilText(%v) = %q, want %q", tt.at, got, tt.want)
		}
	}
}

// fixedSessions are three sessions that show each kind of row: planned, done, done
// with a high blood pressure reading.
func fixedSessions() []model.Session {
	mood := func(n int) *int { return &n }
	return []model.Session{
		{At: time.Date(2026, 2, 2, 10, 0, 0, 0, time.Local), Status: model.StatusDone, Route: model.RouteIV,
			Dose: &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg}, MoodBefore: mood(3), MoodAfter: mood(6),
			BPAfter40: &model.BloodPressure{Systolic: 146, Diastolic: 92}, Provider: "Clearwater Clinic"},
		{At: time.Date(2026, 3, 2, 10, 0, 0, 0, time.Local), Status: model.StatusDone, Route: model.RouteNasal,
			Dose: &model.Dose{Amount: 3, Unit: model.UnitDevices}, MoodBefore: mood(5), MoodAfter: mood(7)},
		{At: time.Date(2026, 3, 18, 10, 0, 0, 0, time.Local), Status: model.StatusPlanned, Route: model.RouteIV,
			Dose: &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg}, Intention: "Stay curious."},
	}
}

// TestSessionsScreenRenders keeps the Sessions screen as reviewed: a change to its
// layout shows up as a diff of the markup.
func TestSessionsScreenRenders(t *testing.T) {
	u, store := newTestUI(t)
	for _, s := range fixedSessions() {
		if _, err := store.SaveSession(s); err != nil {
			t.Fatal(err)
		}
	}
	u.Show(ScreenSessions)
	u.sessions.reload()
	u.sessions.list.Select(u.sessions.defaultIndex())
	test.AssertRendersToMarkup(t, "sessions.xml", u.win.Canvas())
	test.Tap(u.sessions.logBtn)
	test.AssertRendersToMarkup(t, "session_form.xml", u.win.Canvas())
}
