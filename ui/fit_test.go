package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/demo"
	"keel/model/seal"
	"keel/model/store"
	sysdesk "keel/ui/desktop"
)

// tenYearStore is a store in a temporary folder holding the ten-year demo history.
func tenYearStore(tb testing.TB) *store.Store {
	tb.Helper()
	kdf := seal.TestParams()
	st, err := store.Open(store.DataFile(tb.TempDir()), store.Options{Now: func() time.Time { return testNow }, KDF: &kdf})
	if err != nil {
		tb.Fatalf("Open() = %v", err)
	}
	tb.Cleanup(func() { closeLogged(st, "the test store") })
	if err := st.Add(demo.Demo(testNow, 10, 7)); err != nil {
		tb.Fatalf("Add(ten years) = %v", err)
	}
	return st
}

// BenchmarkFirstVisit measures building each screen the first time it is shown, over
// a ten-year demo history: what someone waits for after a click in the sidebar. Work
// a screen hands to the background (What helps computes its findings there, behind a
// "working it out" line) is not part of the wait; it is reported as background-ms.
func BenchmarkFirstVisit(b *testing.B) {
	test.NewTempApp(b)
	st := tenYearStore(b)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1024, 700))
	specs := build(fyne.CurrentApp(), st, welcomedPrefs(), w).specs
	for id := ScreenToday; id < screenCount; id++ {
		b.Run(strings.ReplaceAll(specs[id].title, " ", "_"), func(b *testing.B) {
			var queued []func()
			var background time.Duration
			for b.Loop() {
				b.StopTimer()
				u := build(fyne.CurrentApp(), st, welcomedPrefs(), w)
				u.async = func(f func()) { queued = append(queued, f) }
				if id == ScreenToday {
					u.Show(ScreenHelp) // so that Today is built again below
					delete(u.views, ScreenToday)
				}
				queued = nil
				b.StartTimer()
				u.Show(id)
				b.StopTimer()
				start := time.Now()
				for len(queued) > 0 {
					f := queued[0]
					queued = queued[1:]
					f()
				}
				background += time.Since(start)
				b.StartTimer()
			}
			b.ReportMetric(float64(background.Microseconds())/1000/float64(b.N), "background-ms")
		})
	}
}

// maxWindow is the window every screen, form and dialog is laid out for.
var maxWindow = fyne.NewSize(1024, 700)

// smallWindow is the window Keel opens at on a 1280x800 screen at scale 2 (see
// windowSize): 640x400 points, less a title bar.
var smallWindow = fyne.NewSize(640, 380)

// shortWindow is the window on a 1366x768 screen, the commonest small laptop, at
// scale 2: 683x364 points.
var shortWindow = fyne.NewSize(683, 364)

// fitsIn fails when o would force a window past size.
func fitsIn(t *testing.T, size fyne.Size, what string, o fyne.CanvasObject) {
	t.Helper()
	if m := o.MinSize(); m.Width > size.Width || m.Height > size.Height {
		t.Errorf("%s needs %.0fx%.0f, more than %.0fx%.0f", what, m.Width, m.Height, size.Width, size.Height)
	}
}

// TestEveryScreenFits builds every screen, form and dialog over a year of demo data
// in a 1024x700 window and in the small and short windows of a large scale, and checks that none
// needs a larger window, that no screen is wider than the room the window leaves it
// (nothing to scroll sideways), and that Save and Cancel of the session form are in
// the window.
func TestEveryScreenFits(t *testing.T) {
	for _, size := range []fyne.Size{maxWindow, smallWindow, shortWindow} {
		t.Run(fmt.Sprintf("%.0fx%.0f", size.Width, size.Height), func(t *testing.T) {
			everyScreenFits(t, size)
		})
	}
}

func everyScreenFits(t *testing.T, size fyne.Size) {
	u, st := newTestUI(t)
	if err := st.Add(demo.Demo(testNow, 1, 5)); err != nil {
		t.Fatal(err)
	}
	u.win.Resize(size)
	wide := func(what string) {
		t.Helper()
		fitsIn(t, size, what, u.win.Content())
		u.win.Content().Refresh()
		if w, room := u.body.MinSize().Width, u.bodyScroll.Size().Width; w > room+0.5 {
			t.Errorf("%s is %.0f wide in the %.0f the window leaves it: it scrolls sideways", what, w, room)
		}
	}
	for id := ScreenToday; id < screenCount; id++ {
		u.Show(id)
		wide(u.specs[id].title)
	}
	for _, planned := range []bool{false, true} {
		u.NewSession(planned)
		what := map[bool]string{false: "Log a session", true: "Plan a session"}[planned]
		wide(what)
		for _, b := range []*widget.Button{u.sessions.form.save, findButton(u.sessions.form.content, "Cancel")} {
			p, s := rectOf(b)
			if p.X+s.Width > size.Width || p.Y+s.Height > size.Height {
				t.Errorf("%s: %q at %v, size %v, is off the %v window", what, b.Text, p, s, size)
			}
		}
	}
	u.sessions.closeForm()
	u.WriteJournal(0, "")
	wide("A journal entry")

	overlays := map[string]func(){
		"The crisis card":     u.ShowCrisis,
		"The course editor":   func() { u.Show(ScreenProgress); u.progress.editCourse(nil) },
		"The template editor": func() { showTemplateEditor(st, u.win, "") },
		"A follow-up": func() {
			fs, err := st.FollowUpsDueBetween(time.Time{}, time.Time{})
			if err != nil || len(fs) == 0 {
				t.Fatalf("FollowUpsDueBetween() = %d, %v", len(fs), err)
			}
			u.AnswerFollowUp(fs[0], nil)
		},
	}
	for what, open := range overlays {
		open()
		top := topOverlay(u.win)
		if top == nil {
			t.Errorf("%s: no dialog is shown", what)
			continue
		}
		fitsIn(t, size, what, top)
		closeOverlays(u.win)
	}
	fitsIn(t, size, "The welcome", u.welcome())
	encrypt(t, u, "correct horse battery staple")
	u.lockForDesktop(sysdesk.Sleeping)
	if u.win.Content() != u.lock.content {
		t.Fatal("locking did not show the unlock screen")
	}
	fitsIn(t, size, "The unlock screen", u.win.Content())
}

// closeOverlays hides every dialog over the window.
func closeOverlays(w fyne.Window) {
	for top := topOverlay(w); top != nil; top = topOverlay(w) {
		w.Canvas().Overlays().Remove(top)
	}
}

// rectOf is where o is on the canvas.
func rectOf(o fyne.CanvasObject) (fyne.Position, fyne.Size) {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o), o.Size()
}

// overlaps reports whether a and b, both shown, share any pixel.
func overlaps(a, b fyne.CanvasObject) bool {
	pa, sa := rectOf(a)
	pb, sb := rectOf(b)
	return pa.X < pb.X+sb.Width && pb.X < pa.X+sa.Width && pa.Y < pb.Y+sb.Height && pb.Y < pa.Y+sa.Height
}

// TestQuestionnaireFits walks every question of every instrument in windows of
// 1024x700 and 1280x800, and of 1280x800, 1024x768 and 1366x768 screens at scale 2
// (each less a title bar), and checks that the question and its answers are fully
// visible with no scrolling, inside the dialog and clear of Back, and that Back is
// clear of "Stop without saving".
func TestQuestionnaireFits(t *testing.T) {
	for _, tc := range []struct {
		name  string
		size  fyne.Size
		scale float32
	}{
		{"1024x700", fyne.NewSize(1024, 700), 1},
		{"1280x800", fyne.NewSize(1280, 800), 1},
		{"1280x800 at scale 2", fyne.NewSize(1280, 800-titleBarAllowance), 2},
		{"1024x768 at scale 2", fyne.NewSize(1024, 768-titleBarAllowance), 2},
		{"1366x768 at scale 2", fyne.NewSize(1366, 768-titleBarAllowance), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := newTestUI(t)
			u.win.Canvas().(interface{ SetScale(float32) }).SetScale(tc.scale)
			u.win.Resize(fyne.NewSize(tc.size.Width/tc.scale, tc.size.Height/tc.scale))
			for _, in := range model.Instruments {
				q := startQuestionnaire(u.store, u.win, u, in, nil)
				stop := findButton(topOverlay(u.win), "Stop without saving")
				for q.step <= len(in.Items) && (q.step < len(in.Items) || in.Extra != nil) {
					what := fmt.Sprintf("%s question %d", in.ID, q.step+1)
					dlg := topOverlay(u.win)
					last := q.choices.Objects[len(q.choices.Objects)-1]
					pl, sl := rectOf(last)
					pb, sb := rectOf(q.body)
					if q.body.Offset.Y != 0 || pl.Y+sl.Height > pb.Y+sb.Height+0.5 {
						t.Errorf("%s: the last answer ends at %.0f, below the visible %.0f", what, pl.Y+sl.Height, pb.Y+sb.Height)
					}
					pd, sd := rectOf(dlg)
					if pd.X < 0 || pd.Y < 0 || pd.X+sd.Width > u.win.Canvas().Size().Width+0.5 || pd.Y+sd.Height > u.win.Canvas().Size().Height+0.5 {
						t.Errorf("%s: the dialog at %v size %v reaches past the window %v", what, pd, sd, u.win.Canvas().Size())
					}
					if overlaps(q.back, stop) {
						t.Errorf("%s: Back overlaps Stop without saving", what)
					}
					for _, o := range append([]fyne.CanvasObject{q.item}, q.choices.Objects...) {
						if overlaps(o, q.back) || overlaps(o, stop) {
							po, so := rectOf(o)
							pb, sb := rectOf(q.back)
							ps, ss := rectOf(stop)
							t.Errorf("%s: the question or an answer at %v %v lies under a button: Back %v %v, Stop %v %v", what, po, so, pb, sb, ps, ss)
						}
					}
					q.choose(0)
				}
				closeOverlays(u.win)
			}
		})
	}
}

// openLogForm opens Log a session in a 1024x700 window.
func openLogForm(t *testing.T) (*UI, *sessionForm) {
	t.Helper()
	u, _ := newTestUI(t)
	u.win.Resize(maxWindow)
	u.NewSession(false)
	f := u.sessions.form
	f.route.SetSelected(model.Routes[0].Label()) // the one field Save requires
	return u, f
}

func TestBPFlagDoesNotMoveTheForm(t *testing.T) {
	_, f := openLogForm(t)
	before := f.droveHome.Position().Y
	width := f.scroll.Content.MinSize().Width
	test.Type(f.bp[model.FieldBPBefore].entry, "152/96")
	if w := f.scroll.Content.MinSize().Width; w != width {
		t.Errorf("typing a high reading made the form need %.0f px instead of %.0f", w, width)
	}
	f.scroll.Content.Refresh()
	if !strings.Contains(f.bp[model.FieldBPBefore].flag.Text, "140/90") || !f.bpNote.Visible() {
		t.Fatal("no flag for a reading of 152/96")
	}
	if after := f.droveHome.Position().Y; after != before {
		t.Errorf("typing a high reading moved the next field from %.0f to %.0f", before, after)
	}
}

func TestFieldErrorClearsOnceValid(t *testing.T) {
	_, f := openLogForm(t)
	test.Type(f.moodBefore.entry, "11")
	test.Tap(f.save)
	row := f.rows[model.FieldMoodBefore]
	if row.msg.Text == "" || !strings.Contains(f.summary.Text, "Mood before") {
		t.Fatalf("mood 11 saved without a message (summary %q)", f.summary.Text)
	}
	f.moodBefore.entry.SetText("5")
	if row.msg.Text != "" {
		t.Errorf("the message %q stayed after typing a valid mood", row.msg.Text)
	}
	if f.summary.Text != "" {
		t.Errorf("summary %q stayed with nothing left to fix", f.summary.Text)
	}
}

func TestErrorSummaryInFormOrderScrollsToFirst(t *testing.T) {
	_, f := openLogForm(t)
	test.Type(f.reimbursed, "lots")
	test.Type(f.cost, "a lot")
	test.Type(f.moodAfter.entry, "12")
	test.Tap(f.save)
	want := "Please check: Mood after, Cost, Reimbursed."
	if !strings.Contains(f.summary.Text, want) {
		t.Errorf("summary = %q, want it to contain %q", f.summary.Text, want)
	}
	if f.scroll.Offset.Y == 0 {
		t.Error("the form did not scroll to Mood after, the first field to check")
	}
}

func TestMoodOutOfRangeDoesNotMoveSlider(t *testing.T) {
	_, f := openLogForm(t)
	test.Type(f.moodBefore.entry, "11")
	if s := f.moodBefore.slider; !s.Disabled() && s.Value == 1 {
		t.Errorf("typing 11 left the slider on 1")
	}
	if !strings.Contains(f.moodBefore.note.String(), "0 to 10") {
		t.Errorf("note = %q, want it to say 0 to 10", f.moodBefore.note.String())
	}
	f.moodBefore.entry.SetText("7")
	if s := f.moodBefore.slider; s.Disabled() || s.Value != 7 {
		t.Errorf("after typing 7 the slider is on %v (disabled %v)", s.Value, s.Disabled())
	}
}

func TestCheckInErrorClearsOnceValid(t *testing.T) {
	u, _ := newTestUI(t)
	f := u.today.checkin
	test.Type(f.hours, "30")
	test.Tap(f.save)
	row := f.rows[model.FieldSleepHours]
	if row.msg.Text == "" {
		t.Fatal("30 hours slept saved without a message")
	}
	f.hours.SetText("7.5")
	if row.msg.Text != "" {
		t.Errorf("the message %q stayed after typing 7.5 hours", row.msg.Text)
	}
}

func TestCheckInSlidersAreLongEnoughToDrag(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(maxWindow)
	u.win.Content().Refresh()
	for _, s := range []*scaleInput{u.today.checkin.mood, u.today.checkin.anxiety, u.today.checkin.quality, u.today.checkin.stress} {
		if w := s.slider.Size().Width; w < 100 {
			t.Errorf("a check-in slider is %.0f px long at 1024x700, too short to drag", w)
		}
	}
}
