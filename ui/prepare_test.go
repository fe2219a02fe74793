package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// openUI builds the window over the database in dir, as a fresh start of the app would.
func openUI(t *testing.T, dir string) (*UI, *store.Store) {
	t.Helper()
	store, err := store.Open(store.DataFile(dir), store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	a := test.NewTempApp(t)
	u := New(a, store, welcomedPrefs())
	u.win.Resize(fyne.NewSize(1280, 800))
	return u, store
}

// checks returns the checklist's tick boxes on the Prepare screen, in order.
func tickBoxes(p *prepareScreen) []*widget.Check {
	var out []*widget.Check
	for _, o := range p.items.Objects {
		if c, ok := o.(*widget.Check); ok {
			out = append(out, c)
		}
	}
	return out
}

func TestTickSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	u, store := openUI(t, dir)
	planned, err := store.SaveSession(model.Session{At: testNow.Add(30 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV})
	if err != nil {
		t.Fatal(err)
	}
	u.Show(ScreenPrepare)
	p := u.prepare
	if p.current.ID != planned.ID {
		t.Fatalf("Prepare shows session %d, want the planned %d", p.current.ID, planned.ID)
	}
	boxes := tickBoxes(p)
	if len(boxes) != 9 { // 10 items, the intention is written, not ticked
		t.Fatalf("Prepare shows %d tick boxes, want 9", len(boxes))
	}
	test.Tap(boxes[2])
	c, _, _ := store.Checklist(planned.ID)
	if c.Items[3].DoneAt == nil {
		t.Fatalf("tapping the third box did not store a tick: %+v", c.Items)
	}
	if !strings.Contains(p.barText.Text, "1 of 10") {
		t.Errorf("progress = %q, want 1 of 10", p.barText.Text)
	}
	// The intention is saved with the session once typing pauses.
	test.Type(p.intention, "Let it come")
	p.flushIntention()
	if s, _ := store.Session(planned.ID); s.Intention != "Let it come" {
		t.Errorf("intention stored = %q, want the typed text", s.Intention)
	}
	if !strings.Contains(p.barText.Text, "2 of 10") {
		t.Errorf("progress after the intention = %q, want 2 of 10", p.barText.Text)
	}
	store.Close()

	u2, store2 := openUI(t, dir)
	defer store2.Close()
	u2.Show(ScreenPrepare)
	if boxes := tickBoxes(u2.prepare); !boxes[2].Checked || boxes[0].Checked {
		t.Error("after a restart the tick is gone or another box is ticked")
	}
	if u2.prepare.intention.Text != "Let it come" {
		t.Errorf("after a restart the intention is %q", u2.prepare.intention.Text)
	}
	_ = u
}

func TestThinPreparationNote(t *testing.T) {
	u, store := newTestUI(t)
	store.SaveSession(model.Session{At: testNow.Add(10 * time.Hour), Status: model.StatusPlanned, Route: model.RouteLozenge})
	u.Show(ScreenPrepare)
	p := u.prepare
	if !p.thin.Visible() || !strings.Contains(p.thin.Text, "0 of 10") {
		t.Fatalf("thin note = %q (visible %v), want a gentle note with 0 of 10", p.thin.Text, p.thin.Visible())
	}
	for _, b := range tickBoxes(p)[:5] {
		test.Tap(b)
	}
	if p.thin.Visible() {
		t.Error("the thin note stays after half the items are done")
	}
}

func TestEditedTemplateUsedForNewSessions(t *testing.T) {
	u, store := newTestUI(t)
	old, _ := store.SaveSession(model.Session{At: testNow.Add(24 * time.Hour), Status: model.StatusPlanned, Route: model.RouteNasal})
	e := showTemplateEditor(u.store, u.win, model.RouteNasal)
	if e.route != model.RouteNasal || len(e.items) != 10 {
		t.Fatalf("editor shows %s with %d items, want the nasal template's 10", e.route, len(e.items))
	}
	e.remove(9)
	e.move(1, 1)
	test.Tap(findButton(topOverlay(u.win), "Add an item"))
	row := e.list.Objects[len(e.list.Objects)-1].(*fyne.Container)
	test.Type(row.Objects[1].(*textEntry), "Bring my favourite blanket")
	test.Tap(e.save)
	if topOverlay(u.win) != nil {
		t.Fatalf("editor still open after Save: %q", e.msg.Text)
	}
	fresh, _ := store.SaveSession(model.Session{At: testNow.Add(72 * time.Hour), Status: model.StatusPlanned, Route: model.RouteNasal})
	c, _, _ := store.Checklist(fresh.ID)
	if n := len(c.Items); n != 10 || c.Items[9].Text != "Bring my favourite blanket" || c.Items[1].Text != model.DefaultTemplate(model.RouteNasal).Items[2].Text {
		t.Errorf("new checklist = %q, want the edited template", itemTexts(c))
	}
	oc, _, _ := store.Checklist(old.ID)
	if oc.Items[9].Text == "Bring my favourite blanket" {
		t.Error("the edit changed the checklist of a session planned before it")
	}

	// An empty item is refused with a message and nothing changes.
	e = showTemplateEditor(u.store, u.win, model.RouteNasal)
	test.Tap(findButton(topOverlay(u.win), "Add an item"))
	test.Tap(e.save)
	if !strings.Contains(e.msg.Text, "empty") {
		t.Errorf("saving an empty item says %q, want a message about it", e.msg.Text)
	}
}

func itemTexts(c model.Checklist) []string {
	var out []string
	for _, it := range c.Items {
		out = append(out, it.Text)
	}
	return out
}

func TestPrepareWithoutPlannedSession(t *testing.T) {
	u, _ := newTestUI(t)
	u.Show(ScreenPrepare)
	if u.prepare.body.Visible() || !u.prepare.empty.Visible() {
		t.Fatal("Prepare without a planned session does not offer to plan one")
	}
	test.Tap(findButton(u.prepare.empty, "Plan a session"))
	if u.current != ScreenSessions || !u.sessions.formOpen() || u.sessions.form.status.Selected != statusPlanned {
		t.Error("Plan a session did not open the Sessions form as planned")
	}
}
