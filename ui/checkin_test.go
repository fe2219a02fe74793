package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"keel/model"
)

func TestAnsweringItemNineShowsCrisisCard(t *testing.T) {
	for _, answer := range []int{0, 1, 3} {
		u, store := newTestUI(t)
		q := startQuestionnaire(u.store, u.win, u, model.PHQ9, nil)
		for range 8 {
			test.Tap(q.buttons[0])
		}
		if crisisShown(u.win) {
			t.Fatal("the crisis card showed before item 9 was answered")
		}
		test.Tap(q.buttons[answer])
		if got, want := crisisShown(u.win), answer > 0; got != want {
			t.Fatalf("item 9 answered %d: crisis card shown = %v, want %v", answer, got, want)
		}
		if answer > 0 {
			text := labelTexts(topOverlay(u.win))
			for _, want := range []string{"Nobody is monitoring", "988", "741741", "911"} {
				if !strings.Contains(text, want) {
					t.Errorf("crisis card lacks %q", want)
				}
			}
			tapInDialog(t, u.win, "Close")
		}
		// The questionnaire goes on: the unscored question, then the result.
		if q.step != 9 {
			t.Fatalf("after item 9 the questionnaire is at step %d, want the unscored question", q.step)
		}
		test.Tap(q.buttons[2])
		list, _ := store.Responses()
		if len(list) != 1 || list[0].Answers[8] != answer || list[0].Total() != answer || *list[0].Extra != 2 {
			t.Fatalf("stored = %+v, want one PHQ-9 with item 9 = %d and the extra answer", list, answer)
		}
	}
}

func TestQuestionnaireKeysAndBack(t *testing.T) {
	u, store := newTestUI(t)
	var done model.Response
	q := startQuestionnaire(u.store, u.win, u, model.GAD7, func(r model.Response) { done = r })
	// The digit keys are the published values, 0 "Not at all" to 3; then the unscored
	// difficulty question.
	for _, k := range []string{"3", "2", "BackSpace", "0", "1", "1", "1", "1", "1", "2"} {
		q.onKey(&fyne.KeyEvent{Name: fyne.KeyName(k)})
	}
	list, _ := store.Responses()
	if len(list) != 1 {
		t.Fatalf("stored %d responses, want 1", len(list))
	}
	want := []int{3, 0, 1, 1, 1, 1, 1}
	if !equalInts(list[0].Answers, want) || done.ID != list[0].ID || list[0].Total() != 8 || list[0].Band() != "mild" {
		t.Errorf("answers = %v total %d %q, want %v, 8 mild", list[0].Answers, list[0].Total(), list[0].Band(), want)
	}
	if text := labelTexts(topOverlay(u.win)); !strings.Contains(text, "8 of 21") || !strings.Contains(text, "mild") {
		t.Errorf("result shows %q, want 8 of 21 and the band", text)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestNeedHelpButtonUsesEditedResources(t *testing.T) {
	u, store := newTestUI(t)
	st, _ := store.Settings()
	st.Country = "GB"
	st.Crisis = []model.CrisisLine{{Name: "My sister", Detail: "Call 07700 900123"}}
	if err := store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	test.Tap(u.helpBtn)
	text := labelTexts(topOverlay(u.win))
	for _, want := range []string{"Crisis lines in United Kingdom", "Samaritans", "116 123", "999", "Your own lines", "My sister", "07700 900123"} {
		if !strings.Contains(text, want) {
			t.Errorf("crisis card lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "741741") || strings.Contains(text, "this answer") {
		t.Errorf("crisis card for the UK, opened by the button, = %q", text)
	}
}

func TestDailyCheckIn(t *testing.T) {
	u, store := newTestUI(t)
	f := u.today.checkin
	test.Type(f.mood.entry, "12")
	test.Type(f.hours, "7,5")
	test.Tap(f.save)
	if msg := f.rows[model.FieldMood].msg.Text; !strings.Contains(msg, "0 to 10") {
		t.Fatalf("mood 12 message = %q", msg)
	}
	if list, _ := store.CheckInsBetween(time.Time{}, time.Time{}); len(list) != 0 {
		t.Fatal("a refused check-in was stored")
	}
	f.mood.setText("")
	test.Type(f.mood.entry, "6")
	test.Type(f.note, "Walked by the river")
	test.Tap(f.save)
	list, _ := store.CheckInsBetween(time.Time{}, time.Time{})
	if len(list) != 1 || *list[0].Mood != 6 || *list[0].SleepHours != 7.5 || list[0].Note != "Walked by the river" {
		t.Fatalf("stored = %+v, want mood 6, 7.5 h, the note", list)
	}
	if !u.today.done.Visible() || f.mood.text() != "6" {
		t.Error("after saving, Today does not say it is done or the form does not show what was saved")
	}
}

// TestMarkingDoneOpensFollowUpsInTheWindow marks a planned session done through the
// form and checks its four follow-ups' due times (fixed clock), then answers the
// first one from Today.
func TestMarkingDoneOpensFollowUpsInTheWindow(t *testing.T) {
	u, store := newTestUI(t)
	at := testNow.Add(-5 * time.Hour)
	s, _ := store.SaveSession(model.Session{At: at, Status: model.StatusPlanned, Route: model.RouteIV})
	u.Show(ScreenSessions)
	u.sessions.list.Select(0)
	test.Tap(u.sessions.detail.complete)
	test.Type(u.sessions.form.moodAfter.entry, "7")
	test.Tap(u.sessions.form.save)
	fs, _ := store.FollowUpsOf(s.ID)
	if len(fs) != 4 {
		t.Fatalf("marking done opened %d follow-ups, want 4", len(fs))
	}
	for i, h := range []int{4, 24, 48, 72} {
		if want := at.Add(time.Duration(h) * time.Hour); !fs[i].Due.Equal(want) {
			t.Errorf("follow-up %d due %v, want %v (+%d h)", i, fs[i].Due, want, h)
		}
	}
	detail := labelTexts(u.sessions.detail.content)
	if !strings.Contains(detail, "4 hours after") {
		t.Errorf("the session's detail does not show its follow-ups: %q", detail)
	}

	u.Show(ScreenToday)
	b := findButton(u.today.due, "Answer")
	if b == nil {
		t.Fatal("Today does not offer the +4 h follow-up")
	}
	test.Tap(b)
	// The follow-up's entries, in form order: mood, hours, sleep quality, stress,
	// rumination, less sticky, note.
	entries := widgetsIn[*textEntry](topOverlay(u.win))
	if len(entries) != 7 {
		t.Fatalf("the follow-up dialog has %d entries, want 7", len(entries))
	}
	test.Type(entries[0], "8")
	test.Type(entries[5], "7")
	tapInDialog(t, u.win, "Save")
	fs, _ = store.FollowUpsOf(s.ID)
	if fs[0].Open() || *fs[0].Mood != 8 || *fs[0].LessSticky != 7 {
		t.Errorf("follow-up after answering = %+v", fs[0])
	}
	if findButton(u.today.due, "Answer") != nil {
		t.Error("Today still lists the answered follow-up")
	}
}

func TestJournalWriteSearchDelete(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenJournal)
	j := u.journal
	test.Tap(j.newBtn)
	test.Tap(j.save)
	if !strings.Contains(j.msg.Text, "Write something") {
		t.Errorf("saving an empty entry says %q", j.msg.Text)
	}
	test.Type(j.text, "The critic sounded further away.")
	j.prompt.SetSelected(model.IntegrationPrompts[1])
	test.Tap(j.save)
	test.Tap(j.newBtn)
	test.Type(j.text, "Walked by the river.")
	test.Tap(j.save)
	if all, _ := store.Journal(""); len(all) != 2 || all[1].Prompt != model.IntegrationPrompts[1] {
		t.Fatalf("journal = %+v, want two entries, the first with its prompt", all)
	}
	test.Type(j.search, "critic")
	if len(j.items) != 1 || !strings.Contains(j.items[0].Text, "critic") {
		t.Fatalf("search “critic” lists %d entries", len(j.items))
	}
	j.list.Select(0)
	test.Tap(j.delete)
	tapInDialog(t, u.win, "Delete")
	if all, _ := store.Journal(""); len(all) != 1 {
		t.Errorf("after delete the journal holds %d entries, want 1", len(all))
	}
}

// TestBackdatedQuestionnaire enters a PHQ-9 answered at the clinic before the first
// session: it is stored at noon on that day, so it can be the verdict's baseline.
func TestBackdatedQuestionnaire(t *testing.T) {
	u, store := newTestUI(t)
	q := startQuestionnaire(u.store, u.win, u, model.PHQ9, nil)
	q.date.entry.SetText("2026-02-20")
	for range 9 {
		test.Tap(q.buttons[2])
	}
	test.Tap(q.buttons[0])
	list, _ := store.Responses()
	if len(list) != 1 || !list[0].At.Equal(time.Date(2026, 2, 20, 12, 0, 0, 0, time.Local)) || list[0].Total() != 18 {
		t.Fatalf("stored = %+v, want one PHQ-9 of 18 on 20 February at noon", list)
	}
	q = startQuestionnaire(u.store, u.win, u, model.GAD7, nil)
	q.date.entry.SetText("2026-04-01") // in the future: taken as today
	// Seven items and the unscored difficulty question.
	for range 8 {
		test.Tap(q.buttons[0])
	}
	if list, _ := store.Responses(); !list[0].At.Equal(testNow) {
		t.Errorf("a future date gave %v, want now", list[0].At)
	}
}
