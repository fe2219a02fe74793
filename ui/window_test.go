package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"keel/model/demo"
)

func TestFitWindow(t *testing.T) {
	for _, tc := range []struct {
		name       string
		w, h       int // the screen's work area in pixels
		user, sys  float32
		wantPoints fyne.Size
		want       fyne.Size
	}{
		{"1024x768 at scale 1", 1024, 768, 1, 1, fyne.NewSize(1024, 728), fyne.NewSize(1024, 700)},
		{"1280x800 at scale 1", 1280, 800, 1, 1, fyne.NewSize(1280, 760), fyne.NewSize(1024, 700)},
		{"1280x800 at FYNE_SCALE=2", 1280, 800, 2, 1, fyne.NewSize(640, 380), fyne.NewSize(640, 380)},
		{"1024x700 at FYNE_SCALE=2", 1024, 700, 2, 1, fyne.NewSize(512, 330), fyne.NewSize(512, 330)},
		{"2560x1600 at a system scale of 2", 2560, 1600, 1, 2, fyne.NewSize(1280, 780), fyne.NewSize(1024, 700)},
		{"1366x768 at 1.5", 1366, 768, 1.5, 1, fyne.NewSize(910.6667, 485.3333), fyne.NewSize(910.6667, 485.3333)},
		{"a 200 px tall work area", 800, 200, 1, 1, fyne.NewSize(800, 180), fyne.NewSize(800, 180)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			points := usablePoints(tc.w, tc.h, windowScale(tc.user, tc.sys))
			if !near(points, tc.wantPoints) {
				t.Errorf("the screen leaves %v points, want %v", points, tc.wantPoints)
			}
			if got := fitWindow(designSize, points); !near(got, tc.want) {
				t.Errorf("fitWindow() = %v, want %v", got, tc.want)
			}
		})
	}
}

// near tells whether a and b are within a point of each other.
func near(a, b fyne.Size) bool {
	d := a.Subtract(b)
	return d.Width*d.Width < 1 && d.Height*d.Height < 1
}

func TestDetectedScale(t *testing.T) {
	for _, tc := range []struct {
		mm, px int
		want   float32
	}{
		{338, 1280, 1},      // 96 DPI, as Xvfb reports: never below 1
		{294, 2880, 2.0736}, // a 249 DPI laptop panel
		{0, 1920, 1},        // no physical size: the baseline
		{1, 1920, 1},        // nonsense DPI: the baseline
	} {
		if got := detectedScale(tc.mm, tc.px); got-tc.want > 0.01 || tc.want-got > 0.01 {
			t.Errorf("detectedScale(%d mm, %d px) = %v, want %v", tc.mm, tc.px, got, tc.want)
		}
	}
}

func TestUserScale(t *testing.T) {
	for env, want := range map[string]float32{"": 1, "auto": 1, "2": 2, "1.5": 1.5, "x": 1, "-1": 1, "0": 1} {
		t.Setenv("FYNE_SCALE", env)
		if got := userScale(); got != want {
			t.Errorf("FYNE_SCALE=%q: userScale() = %v, want %v", env, got, want)
		}
	}
}

// TestWindowOpensWithinTheScreen opens the window on a screen of 640x380 points
// (1280x800 at scale 2) and on a large one.
func TestWindowOpensWithinTheScreen(t *testing.T) {
	defer func(f func() (fyne.Size, bool)) { screenPoints = f }(screenPoints)
	for _, tc := range []struct {
		screen fyne.Size
		known  bool
		want   fyne.Size
	}{
		{fyne.NewSize(640, 380), true, fyne.NewSize(640, 380)},
		{fyne.NewSize(2560, 1400), true, designSize},
		{fyne.Size{}, false, designSize},
	} {
		screenPoints = func() (fyne.Size, bool) { return tc.screen, tc.known }
		u, _ := newTestUIAtOpening(t)
		if got := u.win.Canvas().Size(); got != tc.want {
			t.Errorf("on a %v screen (known %v) the window opens at %v, want %v", tc.screen, tc.known, got, tc.want)
		}
	}
}

// TestSidebarNarrowsInASmallWindow checks the sidebar keeps its icons only in a
// narrow window, and its names again once the window is wide.
func TestSidebarNarrowsInASmallWindow(t *testing.T) {
	u, _ := newTestUI(t)
	for _, tc := range []struct {
		size   fyne.Size
		narrow bool
	}{{smallWindow, true}, {maxWindow, false}, {smallWindow, true}} {
		u.win.Resize(tc.size)
		u.win.Content().Refresh()
		names := 0
		for _, l := range widgetsIn[*widget.Label](u.nav) {
			if l.Visible() && l.Text != "" && l.Text != "Screen name" {
				names++
			}
		}
		switch {
		case tc.narrow && (names > 0 || u.brand.Visible() || u.helpBtn.Text != helpNowNarrowText):
			t.Errorf("at %v: %d screen names shown, brand %v, crisis button %q: want icons only and %q", tc.size, names, u.brand.Visible(), u.helpBtn.Text, helpNowNarrowText)
		case !tc.narrow && (names == 0 || !u.brand.Visible() || u.helpBtn.Text != helpNowText):
			t.Errorf("at %v: %d screen names shown, brand %v, crisis button %q: want the names and %q", tc.size, names, u.brand.Visible(), u.helpBtn.Text, helpNowText)
		}
		if !u.helpBtn.Visible() || u.helpBtn.Size().Width < u.helpBtn.MinSize().Width {
			t.Errorf("at %v the crisis button is hidden or cut: %v of %v", tc.size, u.helpBtn.Size(), u.helpBtn.MinSize())
		}
	}
}

// TestColumnsStackInASmallWindow checks that Today's check-in and its panel stand
// side by side at 1024x700 and one above the other in a small window, where the
// panel must still be reachable by scrolling.
func TestColumnsStackInASmallWindow(t *testing.T) {
	u, _ := newTestUI(t)
	right := u.today.cols.Objects[1]
	for _, tc := range []struct {
		size    fyne.Size
		stacked bool
	}{{maxWindow, false}, {smallWindow, true}, {maxWindow, false}} {
		u.win.Resize(tc.size)
		u.win.Content().Refresh()
		p := right.Position()
		if stacked := p.X == 0 && p.Y > 0; stacked != tc.stacked {
			t.Errorf("at %v the panel is at %v: stacked %v, want %v", tc.size, p, stacked, tc.stacked)
		}
		if m, s := u.today.cols.MinSize(), u.today.cols.Size(); s.Height < m.Height-0.5 {
			t.Errorf("at %v the columns have %.0f of the %.0f they need: the scroll cannot reach the end", tc.size, s.Height, m.Height)
		}
	}
}

// TestSessionFormHasTheScreenInASmallWindow checks that in a small window the
// Sessions list goes above the details, and that the session form, once open, has
// the whole screen, with Save on it; closing the form brings the list back.
func TestSessionFormHasTheScreenInASmallWindow(t *testing.T) {
	u, st := newTestUI(t)
	if err := st.Add(demo.Demo(testNow, 1, 5)); err != nil {
		t.Fatal(err)
	}
	u.win.Resize(smallWindow)
	u.Show(ScreenSessions)
	u.win.Content().Refresh()
	list := u.sessions.list
	if !list.Visible() || list.Size().Height < 100 {
		t.Fatalf("the list is %v tall (shown %v) in the small window", list.Size().Height, list.Visible())
	}
	u.NewSession(false)
	u.win.Content().Refresh()
	if visibleOnCanvas(u.win, list) {
		t.Error("the list still takes room above the open form")
	}
	if p, s := rectOf(u.sessions.form.save); p.Y+s.Height > smallWindow.Height || p.X+s.Width > smallWindow.Width {
		t.Errorf("Save at %v size %v is off the %v window", p, s, smallWindow)
	}
	u.sessions.closeForm()
	u.win.Content().Refresh()
	if !visibleOnCanvas(u.win, list) {
		t.Error("the list did not come back when the form closed")
	}
}

// visibleOnCanvas tells whether o is in w and it and every object around it are
// shown.
func visibleOnCanvas(w fyne.Window, o fyne.CanvasObject) bool {
	var find func(c fyne.CanvasObject) bool
	find = func(c fyne.CanvasObject) bool {
		if !c.Visible() {
			return false
		}
		if c == o {
			return true
		}
		var kids []fyne.CanvasObject
		switch v := c.(type) {
		case *fyne.Container:
			kids = v.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(v).Objects()
		}
		for _, k := range kids {
			if find(k) {
				return true
			}
		}
		return false
	}
	return find(w.Content())
}

// TestTabWalksFormsInASmallWindow walks the check-in and the session form by Tab and
// Shift+Tab in the small window of a large scale, where every field must still come
// into view as it gains the focus.
func TestTabWalksFormsInASmallWindow(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(smallWindow)
	u.win.Content().Refresh()
	ci := u.today.checkin
	tabWalk(t, u.win, "check-in", ci.content, ci.mood.entry)
	u.NewSession(false)
	u.win.Content().Refresh()
	sf := u.sessions.form
	tabWalk(t, u.win, "session form", sf.content, sf.date.entry)
}

// TestChoosingInAListShowsItsDetails: in a small window the details are below the
// list; choosing a session there scrolls them into sight, while the screen's own
// selection (on opening) leaves the window where it is.
func TestChoosingInAListShowsItsDetails(t *testing.T) {
	u, st := newTestUI(t)
	if err := st.Add(demo.Demo(testNow, 1, 5)); err != nil {
		t.Fatal(err)
	}
	u.win.Resize(smallWindow)
	u.Show(ScreenSessions)
	u.win.Content().Refresh()
	if u.sessions.split.Horizontal {
		t.Fatal("the Sessions split is still side by side in the small window")
	}
	if u.bodyScroll.Offset.Y != 0 {
		t.Errorf("opening Sessions scrolled the window to %v", u.bodyScroll.Offset)
	}
	u.win.Canvas().Focus(u.sessions.list) // as a click in the list does
	u.sessions.list.Select(2)
	if u.bodyScroll.Offset.Y == 0 || !inViewOfScrolls(u.win, u.sessions.right) {
		t.Errorf("choosing a session left the details out of sight (window scrolled to %v)", u.bodyScroll.Offset)
	}

	u.win.Resize(maxWindow)
	u.win.Content().Refresh()
	u.bodyScroll.ScrollToTop()
	u.win.Canvas().Focus(u.sessions.list)
	u.sessions.list.Select(3)
	if u.bodyScroll.Offset.Y != 0 {
		t.Errorf("at 1024x700, where the details are beside the list, the window scrolled to %v", u.bodyScroll.Offset)
	}
}
