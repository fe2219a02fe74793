package ui

import (
	"testing"

	"fyne.io/fyne/v2"
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

