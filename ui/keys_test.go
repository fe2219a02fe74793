package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"keel/model"
	"keel/model/store"
)

// typeShortcut sends Ctrl (Cmd on macOS) + key as Fyne's desktop driver does
// (glfw window.triggersShortcut): the main menu's shortcuts first, then the focused
// widget, which gets the shortcut instead.
func typeShortcut(u *UI, key fyne.KeyName) {
	sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	if m := u.win.MainMenu(); m != nil {
		for _, menu := range m.Items {
			for _, it := range menu.Items {
				if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
					it.Action()
					return
				}
			}
		}
	}
	if f, ok := u.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
	}
}

// typeShiftTab presses Shift+Tab as the desktop driver does: a field that takes Tab
// gets it, anything else hands the focus to the one before.
func typeShiftTab(w fyne.Window) {
	c := w.Canvas()
	if t, ok := c.Focused().(fyne.Tabbable); ok && t.AcceptsTab() {
		defer func(held func() bool) { shiftHeld = held }(shiftHeld)
		shiftHeld = func() bool { return true }
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	c.FocusPrevious()
}

// typeKey sends a key as the desktop driver does (glfw window.processKeyPressed):
// Tab moves the focus unless the focused widget takes Tab; then the focused widget
// gets the key, or the window when nothing has the focus.
func typeKey(w fyne.Window, name fyne.KeyName) {
	c := w.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	if name == fyne.KeyTab {
		if t, ok := c.Focused().(fyne.Tabbable); !ok || !t.AcceptsTab() {
			c.FocusNext()
			return
		}
	}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
	}
}

// typeText types s into whatever has the focus, as the keyboard would.
func typeText(w fyne.Window, s string) {
	for _, r := range s {
		if f := w.Canvas().Focused(); f != nil {
			f.TypedRune(r)
		}
	}
}

// TestMenuCarriesEveryHelpShortcut: each Ctrl shortcut that Help lists is in the
// main menu, which Fyne consults before the focused field.
func TestMenuCarriesEveryHelpShortcut(t *testing.T) {
	u, _ := newTestUI(t)
	inMenu := map[string]bool{}
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				inMenu[it.Shortcut.ShortcutName()] = true
			}
		}
	}
	keys := map[fyne.KeyName]bool{}
	for _, k := range screenKeys {
		keys[k] = true
	}
	for _, m := range regexp.MustCompile(`Ctrl\+([A-Z0-9])\b`).FindAllStringSubmatch(helpText, -1) {
		keys[fyne.KeyName(m[1])] = true
	}
	if len(keys) < 16 {
		t.Fatalf("Help lists only %d Ctrl shortcuts", len(keys))
	}
	for k := range keys {
		sc := &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
		if !inMenu[sc.ShortcutName()] {
			t.Errorf("Help lists Ctrl+%s, but the main menu does not carry it", k)
		}
	}
	first := u.win.MainMenu().Items[0].Items
	if q := first[len(first)-1]; !q.IsQuit || q.Shortcut == nil || q.Shortcut.(*desktop.CustomShortcut).KeyName != fyne.KeyQ {
		t.Error("the File menu does not end with Keel's own Quit on Ctrl+Q (Fyne would add one that skips the drafts)")
	}
}

// TestShortcutsWhileTyping: every shortcut acts with a field focused, and the field
// keeps exactly what was typed.
func TestShortcutsWhileTyping(t *testing.T) {
	u, st := newTestUI(t)
	c := u.win.Canvas()
	note := u.today.checkin.note

	for i, s := range u.specs {
		u.Show(ScreenToday)
		c.Focus(note)
		typeText(u.win, "x")
		typeShortcut(u, screenKeys[i])
		if u.current != s.id {
			t.Errorf("Ctrl+%s in the check-in note shows %q, want %q", screenKeys[i], u.specs[u.current].title, s.title)
		}
	}
	if note.Text != strings.Repeat("x", len(u.specs)) {
		t.Errorf("check-in note = %q: a shortcut was typed into it", note.Text)
	}

	// Ctrl+N from the journal, then Ctrl+S from the form's notes saves the session.
	u.Show(ScreenJournal)
	c.Focus(u.journal.text)
	typeText(u.win, "abc")
	typeShortcut(u, fyne.KeyN)
	if u.current != ScreenSessions || !u.sessions.formOpen() {
		t.Fatal("Ctrl+N in a journal entry did not open the session form")
	}
	f := u.sessions.form
	f.route.SetSelected(model.RouteIV.Label())
	c.Focus(f.notes)
	typeText(u.win, "calm")
	typeShortcut(u, fyne.KeyS)
	if stored, _ := st.Sessions(); len(stored) != 1 || stored[0].Notes != "calm" || u.sessions.formOpen() {
		t.Fatalf("Ctrl+S in the form's notes: stored %+v, form open %v; summary %q", stored, u.sessions.formOpen(), f.summary.Text)
	}

	// Ctrl+F while writing a journal entry: the search words go to the search.
	u.Show(ScreenJournal)
	j := u.journal
	c.Focus(j.text)
	typeText(u.win, " more")
	typeShortcut(u, fyne.KeyF)
	if c.Focused() != j.search {
		t.Fatal("Ctrl+F in a journal entry did not focus the search")
	}
	typeText(u.win, "word")
	if j.search.Text != "word" || j.text.Text != "abc more" {
		t.Errorf("after Ctrl+F and typing: search %q, entry %q; want \"word\", \"abc more\"", j.search.Text, j.text.Text)
	}
	j.search.SetText("") // the list unfiltered again

	// Ctrl+S in the journal entry keeps it.
	c.Focus(j.text)
	typeShortcut(u, fyne.KeyS)
	if got, _ := st.Journal(""); len(got) != 1 || got[0].Text != "abc more" {
		t.Errorf("Ctrl+S in a journal entry: journal holds %+v", got)
	}

	// Ctrl+D from the journal lands in today's mood box; Ctrl+S there saves it.
	c.Focus(j.text)
	typeShortcut(u, fyne.KeyD)
	if u.current != ScreenToday || c.Focused() != u.today.checkin.mood.entry {
		t.Fatal("Ctrl+D in a journal entry did not focus today's mood")
	}
	typeText(u.win, "6")
	typeShortcut(u, fyne.KeyS)
	if got, _ := st.CheckInsBetween(testNow.AddDate(0, 0, -1), testNow.AddDate(0, 0, 1)); len(got) != 1 || got[0].Mood == nil || *got[0].Mood != 6 {
		t.Errorf("Ctrl+S in the check-in: stored %+v", got)
	}

	// Ctrl+E shows the crisis card from a field; Esc closes it.
	c.Focus(note)
	typeShortcut(u, fyne.KeyE)
	if !crisisShown(u.win) {
		t.Fatal("Ctrl+E in a field did not show the crisis card")
	}
	typeShortcut(u, fyne.KeyE)
	if n := len(c.Overlays().List()); n != 1 {
		t.Errorf("Ctrl+E twice shows %d dialogs, want the one crisis card", n)
	}
	typeKey(u.win, fyne.KeyEscape)
	if topOverlay(u.win) != nil {
		t.Error("Esc did not close the crisis card")
	}

	// Ctrl+Q keeps the drafts first.
	flushed := false
	defer onFlush(st, func() { flushed = true })()
	c.Focus(note)
	typeShortcut(u, fyne.KeyQ)
	if !flushed {
		t.Error("Ctrl+Q quit without keeping the drafts")
	}
}

// TestScreenShortcutsWaitForADialog: a dialog on top keeps the screen behind it.
func TestScreenShortcutsWaitForADialog(t *testing.T) {
	u, _ := newTestUI(t)
	u.ShowCrisis()
	typeShortcut(u, fyne.Key2)
	typeShortcut(u, fyne.KeyN)
	if u.current != ScreenToday || u.sessions != nil {
		t.Error("a shortcut changed the screen behind a dialog")
	}
}

// TestEscFromAFocusedField: Esc closes the form or dialog on top with a field in it
// focused, as its Cancel button would.
func TestEscFromAFocusedField(t *testing.T) {
	u, _ := newTestUI(t)
	c := u.win.Canvas()

	typeShortcut(u, fyne.KeyN)
	c.Focus(u.sessions.form.notes)
	typeText(u.win, "draft")
	typeKey(u.win, fyne.KeyEscape) // the form's Cancel: it asks before dropping a draft
	if top := topOverlay(u.win); top == nil || buttonIn(top, "Discard") == nil {
		t.Fatal("Esc in the form's notes did not ask before discarding what was typed")
	}
	test.Tap(buttonIn(topOverlay(u.win), "Discard"))
	if u.sessions.formOpen() {
		t.Error("Esc in the form's notes, then Discard, did not close the session form")
	}

	var saved string
	savePath(u.win, "keel.csv", func(p string) { saved = p })
	if _, ok := c.Focused().(*textEntry); !ok {
		t.Fatal("the Save as dialog does not focus its file name")
	}
	typeKey(u.win, fyne.KeyEscape)
	if topOverlay(u.win) != nil || saved != "" {
		t.Error("Esc in the file name did not cancel the Save as dialog")
	}

	// The course form asks before dropping what was typed: Esc is its Cancel.
	u.Show(ScreenProgress)
	cf := u.progress.editCourse(nil)
	c.Focus(cf.name)
	typeText(u.win, " mine")
	typeKey(u.win, fyne.KeyEscape)
	if !strings.Contains(labelTexts(topOverlay(u.win)), "Discard what you typed") {
		t.Fatal("Esc in the course form's name did not ask to discard the changes")
	}
	typeKey(u.win, fyne.KeyEscape) // Keep editing
	if top := topOverlay(u.win); top == nil || buttonIn(top, "Save") == nil {
		t.Fatal("Esc on the discard question did not go back to the course form")
	}
	c.Focus(cf.notes)
	typeKey(u.win, fyne.KeyEscape)
	test.Tap(buttonIn(topOverlay(u.win), "Discard"))
	if topOverlay(u.win) != nil {
		t.Fatal("the course form stayed after discarding")
	}

	// A questionnaire takes its answers by key: Esc still closes it.
	u.StartQuestionnaire(model.PHQ9)
	typeKey(u.win, fyne.KeyEscape)
	if topOverlay(u.win) != nil {
		t.Error("Esc did not close the questionnaire")
	}

	// A dialog that must be answered stays.
	busy(u.win, func(func()) {}, "Working", func() error { return nil }, func(error) {})
	typeKey(u.win, fyne.KeyEscape)
	if topOverlay(u.win) == nil {
		t.Error("Esc closed a dialog showing work under way")
	}
}

// TestShortcutsInertWhileLocked: behind the lock, no shortcut reads or shows a
// record; the crisis card still comes.
func TestShortcutsInertWhileLocked(t *testing.T) {
	u, _ := newTestUI(t)
	encrypt(t, u, "correct horse battery")
	u.Show(ScreenToday)
	u.Lock()
	before := u.current
	sessionsBuilt := u.sessions != nil
	keys := append([]fyne.KeyName{fyne.KeyN, fyne.KeyD, fyne.KeyS, fyne.KeyF}, screenKeys...)
	for _, k := range keys {
		u.win.Canvas().Focus(u.lock.pass)
		typeShortcut(u, k)
		if u.win.Content() != u.lock.content || u.current != before || (u.sessions != nil) != sessionsBuilt || topOverlay(u.win) != nil {
			t.Errorf("Ctrl+%s on the lock screen did something behind the lock", k)
		}
	}
	if u.lock.pass.Text != "" {
		t.Errorf("a shortcut typed %q into the passphrase", u.lock.pass.Text)
	}
	typeShortcut(u, fyne.KeyE)
	if !crisisShown(u.win) {
		t.Error("Ctrl+E on the lock screen did not show the crisis card")
	}
}

// TestEnterPressesTheDefaultButton: Enter in a one-line field saves the form.
func TestEnterPressesTheDefaultButton(t *testing.T) {
	u, st := newTestUI(t)
	typeShortcut(u, fyne.KeyN)
	f := u.sessions.form
	f.route.SetSelected(model.RouteIV.Label())
	u.win.Canvas().Focus(f.provider)
	typeText(u.win, "Clinic")
	typeKey(u.win, fyne.KeyReturn)
	if stored, _ := st.Sessions(); len(stored) != 1 || stored[0].Provider != "Clinic" {
		t.Errorf("Enter in the provider field: stored %+v", stored)
	}

	typeShortcut(u, fyne.KeyD)
	typeText(u.win, "4")
	typeKey(u.win, fyne.KeyEnter)
	if got, _ := st.CheckInsBetween(testNow.AddDate(0, 0, -1), testNow.AddDate(0, 0, 1)); len(got) != 1 {
		t.Errorf("Enter in the mood box saved %d check-ins, want 1", len(got))
	}

	// A multi-line field keeps Enter for a new line.
	u.win.Canvas().Focus(u.today.checkin.note)
	typeText(u.win, "a")
	typeKey(u.win, fyne.KeyReturn)
	typeText(u.win, "b")
	if u.today.checkin.note.Text != "a\nb" {
		t.Errorf("note = %q, want a new line at Enter", u.today.checkin.note.Text)
	}
}

// laidOutPos is o's position in the window as laid out, before any scrolling.
func laidOutPos(w fyne.Window, o fyne.CanvasObject) fyne.Position {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	for _, s := range scrollsAround(w.Canvas(), o) {
		p = p.Add(s.Offset)
	}
	return p
}

// inViewOfScrolls reports whether o lies inside the visible part of every scroll
// around it.
func inViewOfScrolls(w fyne.Window, o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(o).Y
	for _, s := range scrollsAround(w.Canvas(), o) {
		top := d.AbsolutePositionForObject(s).Y
		if y < top-1 || y+o.Size().Height > top+s.Size().Height+1 {
			return false
		}
	}
	return true
}

// inside reports whether o lies within the area of form in the window, or is
// nested in it.
func inside(form, o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	fp, op := d.AbsolutePositionForObject(form), d.AbsolutePositionForObject(o)
	if op.X >= fp.X && op.Y >= fp.Y && op.X < fp.X+form.Size().Width && op.Y < fp.Y+form.Size().Height {
		return true
	}
	in := false
	walk(form, func(x fyne.CanvasObject) { in = in || x == o })
	return in
}

// tabWalk presses Tab from first until the focus leaves form (or comes round), and
// checks what a keyboard user needs: fields in reading order, each 0-10 row's
// number box before its slider, out of multi-line fields without a tab typed,
// every field scrolled into view, and every field of the form reached.
func tabWalk(t *testing.T, w fyne.Window, name string, form fyne.CanvasObject, first fyne.Focusable) {
	t.Helper()
	c := w.Canvas()
	c.Focus(first)
	var visited []fyne.CanvasObject
	var at, now []fyne.Position
	var scrolls []int
	seen := map[fyne.CanvasObject]bool{}
	var last fyne.Focusable
	for range 200 {
		followFocus(c, &last) // as the window does every 100 ms
		o, _ := c.Focused().(fyne.CanvasObject)
		if o == nil || seen[o] || !inside(form, o) {
			break
		}
		seen[o] = true
		visited = append(visited, o)
		at = append(at, laidOutPos(w, o))
		now = append(now, fyne.CurrentApp().Driver().AbsolutePositionForObject(o))
		scrolls = append(scrolls, len(scrollsAround(c, o)))
		if !inViewOfScrolls(w, o) {
			t.Errorf("%s: Tab reached %T at %v outside the visible area", name, o, at[len(at)-1])
		}
		typeKey(w, fyne.KeyTab)
	}
	if len(visited) < 2 {
		t.Fatalf("%s: Tab visited %d fields", name, len(visited))
	}
	for i := 1; i < len(visited); i++ {
		a, b := at[i-1], at[i]
		if scrolls[i] != scrolls[i-1] { // into or out of a scroll: where they are now
			a, b = now[i-1], now[i]
		}
		sameLine := b.Y < a.Y+visited[i-1].Size().Height && b.Y+visited[i].Size().Height > a.Y
		if !(b.Y > a.Y+1 && !sameLine) && !(sameLine && b.X > a.X) {
			t.Errorf("%s: Tab went from %T at %v back to %T at %v", name, visited[i-1], a, visited[i], b)
		}
		if s, ok := visited[i].(*scaleSlider); ok && visited[i-1] != fyne.CanvasObject(s.entry) {
			t.Errorf("%s: a slider was reached before its number box", name)
		}
	}
	// Shift+Tab goes back the same way, and keeps the field it reaches in view. A
	// field's own button (the date's calendar) comes after the field both ways: Fyne
	// goes back to the field first, then into it.
	var back []fyne.CanvasObject
	for j := len(visited) - 2; j >= 0; j-- {
		if e, ok := visited[max(j-1, 0)].(*textEntry); ok && j > 0 && e.ActionItem == visited[j] {
			back = append(back, visited[j-1], visited[j])
			j--
			continue
		}
		back = append(back, visited[j])
	}
	c.Focus(visited[len(visited)-1].(fyne.Focusable))
	for _, want := range back {
		from, _ := c.Focused().(fyne.CanvasObject)
		typeShiftTab(w)
		followFocus(c, &last)
		o, _ := c.Focused().(fyne.CanvasObject)
		if o != want {
			t.Errorf("%s: Shift+Tab from %T at %v reached %T at %v, not %T at %v", name, from, laidOutPos(w, from), o, laidOutPos(w, o), want, laidOutPos(w, want))
			break
		}
		if !inViewOfScrolls(w, o) {
			t.Errorf("%s: Shift+Tab reached %T at %v outside the visible area", name, o, laidOutPos(w, o))
		}
	}
	walk(form, func(o fyne.CanvasObject) {
		e, ok := o.(*textEntry)
		if !ok {
			return
		}
		if strings.Contains(e.Text, "\t") {
			t.Errorf("%s: Tab typed a tab into %q", name, e.PlaceHolder)
		}
		if !e.Disabled() && !seen[e] {
			t.Errorf("%s: Tab never reached the field %q at %v", name, e.PlaceHolder, laidOutPos(w, e))
		}
	})
}

// TestTabWalksEveryForm walks each form of Keel by Tab at the smallest window.
func TestTabWalksEveryForm(t *testing.T) {
	u, st := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))

	ci := u.today.checkin
	tabWalk(t, u.win, "check-in", ci.content, ci.mood.entry)
	// Typed numbers land in the row that has the focus: box, then its slider.
	u.win.Canvas().Focus(ci.mood.entry)
	typeText(u.win, "7")
	typeKey(u.win, fyne.KeyTab) // the mood slider
	typeKey(u.win, fyne.KeyTab) // anxiety
	typeText(u.win, "3")
	typeKey(u.win, fyne.KeyTab)
	typeKey(u.win, fyne.KeyTab) // hours slept
	typeText(u.win, "6.5")
	if ci.mood.text() != "7" || ci.anxiety.text() != "3" || ci.hours.Text != "6.5" {
		t.Errorf("typed 7, 3, 6.5 by Tab: mood %q, anxiety %q, hours %q", ci.mood.text(), ci.anxiety.text(), ci.hours.Text)
	}
	u.win.Canvas().Focus(ci.quality.slider)
	typeText(u.win, "8")
	if ci.quality.text() != "8" || ci.quality.slider.Value != 8 {
		t.Errorf("8 typed on the sleep-quality slider: box %q, slider %v", ci.quality.text(), ci.quality.slider.Value)
	}

	typeShortcut(u, fyne.KeyN)
	sf := u.sessions.form
	sf.route.SetSelected(model.RouteIV.Label())
	tabWalk(t, u.win, "session form", sf.content, sf.date.entry)
	sf.onCancel() // a route was chosen: it asks before dropping that
	if top := topOverlay(u.win); top != nil {
		test.Tap(buttonIn(top, "Discard"))
	}

	u.Show(ScreenJournal)
	editor := u.journal.content.(*fyne.Container).Objects[0].(*container.Split).Trailing
	tabWalk(t, u.win, "journal", editor, u.journal.prompt)

	if _, err := st.SaveSession(model.Session{At: testNow.Add(48 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV}); err != nil {
		t.Fatal(err)
	}
	u.Show(ScreenPrepare)
	tabWalk(t, u.win, "prepare", u.prepare.content, u.prepare.intention)

	u.Show(ScreenSettings)
	tabWalk(t, u.win, "settings", u.settings.content, buttonIn(u.settings.content, "Open the folder"))

	u.Show(ScreenProgress)
	cf := u.progress.editCourse(nil)
	tabWalk(t, u.win, "course form", topOverlay(u.win), cf.template)
	cf.dlg.Hide()

	savePath(u.win, "keel.csv", func(string) {})
	tabWalk(t, u.win, "save as", topOverlay(u.win), buttonIn(topOverlay(u.win), "Choose folder…"))
	typeKey(u.win, fyne.KeyEscape)

	fu := showFollowUp(st, u.win, u, model.FollowUp{SessionID: 1, Step: 1, Due: testNow}, nil)
	tabWalk(t, u.win, "follow-up", topOverlay(u.win), fu.mood.entry)
	fu.dlg.Hide()

	u.Show(ScreenSettings)
	test.Tap(u.settings.privacy.on)
	tabWalk(t, u.win, "passphrase", topOverlay(u.win), entriesOfTop(u)[0])
}

// TestShortcutsInertOnTheWelcome: before the welcome is answered no shortcut opens
// a screen behind it.
func TestShortcutsInertOnTheWelcome(t *testing.T) {
	a := test.NewTempApp(t)
	st, err := store.Open(store.DataFile(t.TempDir()), store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u := New(a, st, memoryPrefs())
	welcome := u.win.Content()
	for _, k := range append([]fyne.KeyName{fyne.KeyN, fyne.KeyD, fyne.KeyS, fyne.KeyF}, screenKeys...) {
		typeShortcut(u, k)
	}
	if u.win.Content() != welcome || u.sessions != nil || u.journal != nil {
		t.Error("a shortcut opened a screen behind the welcome")
	}
}

// TestTabLeavesMultiLineFields: Tab in a multi-line field moves on.
func TestTabLeavesMultiLineFields(t *testing.T) {
	u, _ := newTestUI(t)
	note := u.today.checkin.note
	u.win.Canvas().Focus(note)
	typeText(u.win, "slept badly")
	typeKey(u.win, fyne.KeyTab)
	if u.win.Canvas().Focused() == note || note.Text != "slept badly" {
		t.Errorf("Tab in the note: focus stayed %v, text %q", u.win.Canvas().Focused() == note, note.Text)
	}
}

// TestF1ShowsTheCrisisCard: F1, like Ctrl+E, shows the crisis card from a focused
// field, from the lock screen and with nothing focused, and never a second one.
func TestF1ShowsTheCrisisCard(t *testing.T) {
	u, _ := newTestUI(t)
	c := u.win.Canvas()
	c.Focus(u.today.checkin.note)
	typeKey(u.win, fyne.KeyF1)
	if !crisisShown(u.win) {
		t.Fatal("F1 in the check-in's note did not show the crisis card")
	}
	if u.today.checkin.note.Text != "" {
		t.Errorf("F1 typed %q into the note", u.today.checkin.note.Text)
	}
	typeKey(u.win, fyne.KeyF1)
	if n := len(c.Overlays().List()); n != 1 {
		t.Errorf("F1 twice: %d dialogs, want the one card", n)
	}
	typeKey(u.win, fyne.KeyEscape)
	if topOverlay(u.win) != nil {
		t.Fatal("Esc did not close the card")
	}

	encrypt(t, u, "correct horse battery")
	u.Lock()
	c.Focus(u.lock.pass)
	typeKey(u.win, fyne.KeyF1)
	if !crisisShown(u.win) || u.lock.pass.Text != "" {
		t.Errorf("F1 on the lock screen: card shown %v, passphrase %q", crisisShown(u.win), u.lock.pass.Text)
	}
}

// TestIdleLockKeepsTheCrisisCard: the idle lock never hides a crisis card that is
// open; once it is closed, the idle time counts again.
func TestIdleLockKeepsTheCrisisCard(t *testing.T) {
	u, store := newTestUI(t)
	encrypt(t, u, "correct horse battery")
	u.prefs.SetInt(prefLockMinutes, 1)
	u.ShowCrisis()
	u.lastActive.Store(time.Now().Add(-time.Hour).UnixNano())
	u.checkIdle()
	if store.Locked() || !crisisShown(u.win) {
		t.Fatal("the idle lock hid an open crisis card")
	}
	typeKey(u.win, fyne.KeyEscape)
	u.lastActive.Store(time.Now().Add(-time.Hour).UnixNano())
	u.checkIdle()
	if !store.Locked() {
		t.Error("with the card closed, an hour idle did not lock")
	}
}

// TestTrayMenuOpensTheCrisisCard: the tray's menu carries "Need help now?", which
// brings the window forward with the crisis card on top.
func TestTrayMenuOpensTheCrisisCard(t *testing.T) {
	u, _ := newTestUI(t)
	var help *fyne.MenuItem
	for _, it := range u.trayMenu().Items {
		if it.Label == "Need help now?" {
			help = it
		}
	}
	if help == nil {
		t.Fatal("the tray menu has no Need help now?")
	}
	help.Action()
	if !crisisShown(u.win) {
		t.Error("the tray's Need help now? did not show the crisis card")
	}
	help.Action()
	if n := len(u.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("twice from the tray: %d dialogs, want the one card", n)
	}
}
