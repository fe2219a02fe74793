package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/chart"
)

// TestSessionDetailStartsAtTopForAnotherSession scrolls a long session's details down,
// then selects another session: its details start at the top.
func TestSessionDetailStartsAtTopForAnotherSession(t *testing.T) {
	u, store := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	long := strings.Repeat("A long note about the session, line after line. ", 60)
	for _, days := range []int{3, 10} {
		if _, err := store.SaveSession(model.Session{At: testNow.AddDate(0, 0, -days), Status: model.StatusDone,
			Route: model.RouteIV, Notes: long, Intention: long}); err != nil {
			t.Fatal(err)
		}
	}
	u.Show(ScreenSessions)
	s := u.sessions
	s.list.Select(0)
	d := s.detail
	d.scroll.ScrollToBottom()
	if d.scroll.Offset.Y == 0 {
		t.Fatal("the test's session details are too short to scroll")
	}
	s.list.Select(1)
	if y := d.scroll.Offset.Y; y != 0 {
		t.Errorf("another session's details open scrolled to %v, want the top", y)
	}
	d.scroll.ScrollToBottom()
	d.show(&s.items[1]) // the same session redrawn (after an edit) keeps its place
	if d.scroll.Offset.Y == 0 {
		t.Error("redrawing the same session jumped to the top")
	}
}

var _ = time.Now

// TestTodayWordsCountAndPraiseOnlyWhatWasDone: a nine-question questionnaire takes
// "about 1 minute"; with nothing due, the praise waits until something was done today.
func TestTodayWordsCountAndPraiseOnlyWhatWasDone(t *testing.T) {
	u, store := newTestUI(t)
	if !strings.Contains(labelTexts(u.today.due)+richTexts(u.today.due), "9 questions, about 1 minute") ||
		strings.Contains(richTexts(u.today.due), "1 minutes") {
		t.Errorf("the PHQ-9 due row says %q, want “9 questions, about 1 minute”", richTexts(u.today.due))
	}
	yesterday := testNow.AddDate(0, 0, -1)
	for _, in := range []*model.Instrument{model.PHQ9, model.GAD7} {
		answers := make([]int, len(in.Items))
		if _, err := store.SaveResponse(model.Response{Instrument: in.ID, At: yesterday, Answers: answers}); err != nil {
			t.Fatal(err)
		}
	}
	u.today.refresh()
	if got := labelTexts(u.today.due); !strings.Contains(got, "Nothing else is due") || strings.Contains(got, "Well done") {
		t.Errorf("before anything was done today, Due says %q, want no praise", got)
	}
	test.Type(u.today.checkin.mood.entry, "5")
	test.Tap(u.today.checkin.save)
	if got := labelTexts(u.today.due); !strings.Contains(got, "Well done for showing up today") {
		t.Errorf("after today's check-in, Due says %q, want the praise", got)
	}
}

// TestQuestionnaireButtonsSayWhatTheyAsk: the start buttons carry the plain name.
func TestQuestionnaireButtonsSayWhatTheyAsk(t *testing.T) {
	u, store := newTestUI(t)
	st, _ := store.Settings()
	st.PCL5 = true
	if err := store.SaveSettings(st); err != nil {
		t.Fatal(err)
	}
	u.Show(ScreenQuestionnaires)
	for _, want := range []string{"PHQ-9 · mood", "GAD-7 · anxiety", "PCL-5 · trauma symptoms"} {
		if findButton(u.scores.starts, want) == nil {
			t.Errorf("Questionnaires has no %q button", want)
		}
	}
}

// TestPassphraseHintIsNotCutOff opens "Protect with a passphrase" at 1024x700: every
// placeholder fits its entry, and the advice on choosing one is there in full.
func TestPassphraseHintIsNotCutOff(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	u.Show(ScreenSettings)
	test.Tap(u.settings.privacy.on)
	top := topOverlay(u.win)
	for _, e := range widgetsIn[*textEntry](top) {
		if e.PlaceHolder == "" {
			continue
		}
		size := fyne.MeasureText(e.PlaceHolder, theme.TextSize(), fyne.TextStyle{})
		room := e.Size().Width - 2*theme.InnerPadding()
		if e.Password { // the show/hide button sits at the end of the entry
			room -= theme.IconInlineSize() + 2*theme.InnerPadding()
		}
		if size.Width > room {
			t.Errorf("placeholder %q needs %v px, the entry has %v", e.PlaceHolder, size.Width, room)
		}
	}
	if got := richTexts(top); !strings.Contains(got, "a few unrelated words work well") {
		t.Errorf("the dialog's hints are %q, want the advice on choosing a passphrase", got)
	}
}

// TestCalendarMarksTheSelectedDay opens the calendar of a date field holding 12 March
// 2026: that day is marked, and still is after a month forward and back; a tap picks.
func TestCalendarMarksTheSelectedDay(t *testing.T) {
	u, _ := newTestUI(t)
	d := newDateInput(u.win)
	u.win.SetContent(d.object())
	d.entry.SetText("2026-03-12")
	d.openCalendar()
	marked := func() []string {
		var out []string
		for _, b := range widgetsIn[*widget.Button](d.pop.Content) {
			if b.Text != "" && b.Importance == widget.HighImportance {
				out = append(out, b.Text)
			}
		}
		return out
	}
	if got := marked(); len(got) != 1 || got[0] != "12" {
		t.Fatalf("the calendar marks %q, want only the 12th", got)
	}
	if !strings.Contains(labelTexts(d.pop.Content), "March 2026") {
		t.Errorf("the calendar shows %q, want March 2026", labelTexts(d.pop.Content))
	}
	findButtonWithIcon(t, d.pop.Content, theme.NavigateNextIcon()).OnTapped()
	if got := marked(); len(got) != 0 {
		t.Errorf("April marks %q, want nothing", got)
	}
	findButtonWithIcon(t, d.pop.Content, theme.NavigateBackIcon()).OnTapped()
	if got := marked(); len(got) != 1 || got[0] != "12" {
		t.Errorf("back in March the calendar marks %q, want the 12th", got)
	}
	test.Tap(findButton(d.pop.Content, "20"))
	if d.entry.Text != "2026-03-20" || d.pop.Visible() {
		t.Errorf("tapping the 20th gave %q (calendar shown %v)", d.entry.Text, d.pop.Visible())
	}
}

func findButtonWithIcon(t *testing.T, o fyne.CanvasObject, icon fyne.Resource) *widget.Button {
	t.Helper()
	for _, b := range widgetsIn[*widget.Button](o) {
		if b.Icon != nil && b.Icon.Name() == icon.Name() {
			return b
		}
	}
	t.Fatalf("no button with the icon %s", icon.Name())
	return nil
}

// TestJournalAboutListsNewestFirstWithTimes: the sessions to tie an entry to are
// newest first, each with its date and time.
func TestJournalAboutListsNewestFirstWithTimes(t *testing.T) {
	u, store := newTestUI(t)
	for _, at := range []time.Time{testNow.AddDate(0, 0, -10).Add(-5 * time.Hour), testNow.AddDate(0, 0, -3).Add(-4 * time.Hour)} {
		if _, err := store.SaveSession(model.Session{At: at, Status: model.StatusDone, Route: model.RouteIV}); err != nil {
			t.Fatal(err)
		}
	}
	u.Show(ScreenJournal)
	test.Tap(u.journal.newBtn)
	got := u.journal.session.Options
	want := []string{noSession, "Session of Mon 9 Mar 2026, 11:00 (IV infusion)", "Session of Mon 2 Mar 2026, 10:00 (IV infusion)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("About offers %q, want %q", got, want)
	}
}

// TestPlanAWeekAheadAsksNoMood: "Plan a session" (a week ahead) does not ask the mood
// now; moved to today it does, and a mood typed before it was hidden is not saved.
func TestPlanAWeekAheadAsksNoMood(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenSessions)
	s := u.sessions
	test.Tap(s.planBtn)
	f := s.form
	row := f.rows[model.FieldMoodBefore]
	shown := func() bool {
		return strings.Contains(labelTexts(f.content), "Mood now") && f.moodBefore.entry.Visible() && row.box.Visible()
	}
	if shown() {
		t.Fatal("a session planned a week ahead asks “Mood now”")
	}
	f.date.entry.SetText("2026-03-12")
	if !shown() {
		t.Fatal("a session planned for today does not ask the mood now")
	}
	test.Type(f.moodBefore.entry, "4")
	f.date.entry.SetText("2026-03-20")
	f.route.SetSelected(model.RouteIV.Label())
	test.Tap(f.save)
	list, _ := store.Sessions()
	if len(list) != 1 || list[0].MoodBefore != nil {
		t.Fatalf("stored %+v, want one planned session without a mood", list)
	}
	test.Tap(s.logBtn)
	if !strings.Contains(labelTexts(f.content), "Mood before") {
		t.Error("logging a session that happened does not ask the mood before")
	}
}

// TestMonthWithoutCostShowsNoZero: a month whose sessions have no cost recorded shows
// a dash, not a cost of 0.00.
func TestMonthWithoutCostShowsNoZero(t *testing.T) {
	u, store := newTestUI(t)
	cost := model.Money(550_00)
	for _, s := range []model.Session{
		{At: time.Date(2026, 1, 15, 10, 0, 0, 0, time.Local), Cost: &cost},
		{At: time.Date(2026, 2, 16, 10, 0, 0, 0, time.Local)},
	} {
		s.Status, s.Route = model.StatusDone, model.RouteIV
		if _, err := store.SaveSession(s); err != nil {
			t.Fatal(err)
		}
	}
	u.Show(ScreenProgress)
	got := labelTexts(u.progress.cost)
	if !strings.Contains(got, "Feb 2026: —") || strings.Contains(got, ": 0.00") || !strings.Contains(got, "Jan 2026: 550.00") {
		t.Errorf("cost by month = %q, want Feb 2026 with a dash and Jan 2026 with 550.00", got)
	}
}

// TestExportedChartIsLightAndTitled exports the questionnaire chart while the window
// is dark: the PNG is light, and its title names the dates it covers.
func TestExportedChartIsLightAndTitled(t *testing.T) {
	u, _ := newTestUI(t)
	fyne.CurrentApp().Settings().SetTheme(themeFor(themeDark))
	u.Show(ScreenProgress)
	p := u.progress
	p.rangePick.SetSelectedIndex(0) // 12 weeks
	path := filepath.Join(t.TempDir(), "chart.png")
	p.exportPNG("phq-9", path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no PNG written: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, _ := img.At(2, 2).RGBA(); r < 0xf000 || g < 0xf000 || b < 0xf000 {
		t.Errorf("the exported chart's background is %x %x %x, want white", r>>8, g>>8, b>>8)
	}
	d, _, _ := p.exported("phq-9")
	if title := d.(chart.TimeChart).Title; !strings.Contains(title, "PHQ-9") || !strings.Contains(title, "22 Dec 2025 to 12 Mar 2026") {
		t.Errorf("the exported chart's title is %q, want its name and dates", title)
	}
}

// TestTodaysCheckInStaysEditable: a saved check-in stays in the form; saving again
// updates it; a change made elsewhere meanwhile asks which to keep; "Add another"
// starts a second one; Today opened again shows the newest.
func TestTodaysCheckInStaysEditable(t *testing.T) {
	u, store := newTestUI(t)
	f := u.today.checkin
	test.Type(f.mood.entry, "6")
	test.Type(f.note, "Walked by the river")
	test.Tap(f.save)
	list, _ := store.CheckInsBetween(time.Time{}, time.Time{})
	if len(list) != 1 || f.mood.text() != "6" || f.note.Text != "Walked by the river" || f.save.Text != "Update check-in" {
		t.Fatalf("after saving, the form shows mood %q, note %q, button %q (stored %d)", f.mood.text(), f.note.Text, f.save.Text, len(list))
	}
	f.mood.setText("7")
	test.Tap(f.save)
	list, _ = store.CheckInsBetween(time.Time{}, time.Time{})
	if len(list) != 1 || *list[0].Mood != 7 || list[0].Note != "Walked by the river" {
		t.Fatalf("saving again stored %+v, want the one check-in with mood 7", list)
	}

	// Changed elsewhere (an import, another window) while the form shows it.
	other := list[0]
	other.Note = "Changed elsewhere"
	if _, err := store.SaveCheckIn(other); err != nil {
		t.Fatal(err)
	}
	f.mood.setText("8")
	test.Tap(f.save)
	if !strings.Contains(labelTexts(topOverlay(u.win)), "Changed elsewhere") {
		t.Fatal("saving over a newer check-in does not show both")
	}
	tapInDialog(t, u.win, "Keep mine")
	list, _ = store.CheckInsBetween(time.Time{}, time.Time{})
	if len(list) != 1 || *list[0].Mood != 8 || list[0].Note != "Walked by the river" {
		t.Fatalf("after “Keep mine” the store holds %+v, want mood 8 and my note", list)
	}

	test.Tap(f.another)
	if f.mood.text() != "" || f.another.Visible() {
		t.Fatal("“Add another” does not empty the form")
	}
	test.Type(f.mood.entry, "3")
	test.Tap(f.save)
	if list, _ = store.CheckInsBetween(time.Time{}, time.Time{}); len(list) != 2 {
		t.Fatalf("after “Add another” the store holds %d check-ins, want 2", len(list))
	}
	again := newTodayScreen(store, u.win, u)
	if got := again.checkin.mood.text(); got != "3" {
		t.Errorf("Today opened again shows mood %q, want today's newest, 3", got)
	}
}

// wheelOverEntry turns the mouse wheel down over the first entry shown in scroll's
// viewport and returns how far scroll moved.
func wheelOverEntry(t *testing.T, c fyne.Canvas, scroll *container.Scroll) float32 {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	top, size := d.AbsolutePositionForObject(scroll), scroll.Size()
	for _, e := range widgetsIn[*textEntry](scroll.Content) {
		at := d.AbsolutePositionForObject(e).Add(fyne.NewPos(e.Size().Width/2, e.Size().Height/2))
		if e.MultiLine || at.Y < top.Y || at.Y > top.Y+size.Height || at.X < top.X || at.X > top.X+size.Width {
			continue
		}
		before := scroll.Offset.Y
		test.Scroll(c, at, 0, -40)
		return scroll.Offset.Y - before
	}
	t.Fatal("no entry in view to turn the wheel over")
	return 0
}

// TestWheelScrollsOverEntries: over an entry, the wheel scrolls Settings and the
// checklist editor, whose forms are mostly entries.
func TestWheelScrollsOverEntries(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	u.Show(ScreenSettings)
	var settings *container.Scroll
	for _, s := range widgetsIn[*container.Scroll](u.settings.content) {
		if settings == nil || s.Size().Height > settings.Size().Height {
			settings = s
		}
	}
	if moved := wheelOverEntry(t, u.win.Canvas(), settings); moved <= 0 {
		t.Errorf("the wheel over an entry moved Settings by %v", moved)
	}
	e := showTemplateEditor(u.store, u.win, model.RouteIV)
	if moved := wheelOverEntry(t, u.win.Canvas(), e.scroll); moved <= 0 {
		t.Errorf("the wheel over an item moved the checklist editor by %v", moved)
	}
}

// TestAddedChecklistItemIsInView: "Add an item" scrolls to the new, empty item and
// focuses it.
func TestAddedChecklistItemIsInView(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	e := showTemplateEditor(u.store, u.win, model.RouteIV)
	for range 6 {
		e.onAdd()
	}
	entry, ok := u.win.Canvas().Focused().(*textEntry)
	if !ok || entry.Text != "" {
		t.Fatalf("after Add the focus is on %T, want the new item", u.win.Canvas().Focused())
	}
	d := fyne.CurrentApp().Driver()
	top, at := d.AbsolutePositionForObject(e.scroll), d.AbsolutePositionForObject(entry)
	if at.Y < top.Y || at.Y+entry.Size().Height > top.Y+e.scroll.Size().Height {
		t.Errorf("the new item is at y %v, outside the list's view %v to %v", at.Y, top.Y, top.Y+e.scroll.Size().Height)
	}
}

// TestFollowUpFitsWhereThereIsRoom: in a tall window the follow-up shows all of its
// questions without scrolling; at 1024x700 it stays inside the window.
func TestFollowUpFitsWhereThereIsRoom(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 1000}, {Width: 1024, Height: 700}} {
		u, store := newTestUI(t)
		u.win.Resize(size)
		s, err := store.SaveSession(model.Session{At: testNow.Add(-5 * time.Hour), Status: model.StatusDone, Route: model.RouteIV})
		if err != nil {
			t.Fatal(err)
		}
		fs, _ := store.FollowUpsOf(s.ID)
		if len(fs) == 0 {
			t.Fatal("a done session has no follow-ups")
		}
		showFollowUp(store, u.win, u, fs[0], nil)
		top := topOverlay(u.win)
		var scroll *container.Scroll
		for _, sc := range widgetsIn[*container.Scroll](top) {
			if sc.Content != nil && scroll == nil {
				scroll = sc
			}
		}
		need, got := scroll.Content.MinSize().Height, scroll.Size().Height
		var tallest float32
		for _, o := range test.LaidOutObjects(top) {
			if p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o); o.Visible() && p.Y+o.Size().Height > tallest {
				tallest = p.Y + o.Size().Height
			}
		}
		if size.Height == 1000 && got < need {
			t.Errorf("at %v the follow-up shows %v of its %v px: it scrolls with room to spare", size, got, need)
		}
		if tallest > size.Height {
			t.Errorf("at %v the follow-up reaches y %v, below the window", size, tallest)
		}
	}
}

// TestCheckInShownIsNotADraft: today's check-in shown in the form is not an unsaved
// draft; typing over it is, and discarding puts the stored answers back.
func TestCheckInShownIsNotADraft(t *testing.T) {
	u, _ := newTestUI(t)
	f := u.today.checkin
	test.Type(f.mood.entry, "6")
	test.Tap(f.save)
	if f.unsaved() || f.markRow.Visible() {
		t.Fatal("the check-in just saved is marked as a draft")
	}
	f.mood.setText("8")
	if !f.unsaved() || !f.markRow.Visible() {
		t.Fatal("a change over today's check-in is not marked as a draft")
	}
	test.Tap(f.discard)
	tapInDialog(t, u.win, "Discard")
	if f.mood.text() != "6" || f.unsaved() {
		t.Errorf("after discarding, the form shows mood %q, want today's 6", f.mood.text())
	}
}
