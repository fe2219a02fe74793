package ui

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"
)

// designSize is the window every screen is laid out for: it fits a 1024x768 screen
// with its title bar and panel.
var designSize = fyne.NewSize(1024, 700)

// titleBarAllowance is the height, in screen pixels, left for the window's title bar
// when the window would otherwise fill the screen's height.
const titleBarAllowance = 40

// windowSize is the size a window opens at: want, or less on a screen that is
// smaller in points (a small screen, or a scale such as FYNE_SCALE=2, which halves a
// 1280x800 screen to 640x400 points). A window larger than the screen puts its right
// part, and the middle of every dialog centred in it, off screen.
func windowSize(want fyne.Size) fyne.Size {
	area, ok := screenPoints()
	if !ok {
		return want
	}
	return fitWindow(want, area)
}

// fitWindow is want, no larger than area (the screen's usable size in points).
func fitWindow(want, area fyne.Size) fyne.Size {
	return fyne.NewSize(min(want.Width, area.Width), min(want.Height, area.Height))
}

// screenPoints is the usable size of the primary screen (without panels and a title
// bar) in Fyne points, or false when it cannot be known: under the test driver, or
// with no monitor. Tests replace it.
var screenPoints = glfwScreenPoints

func glfwScreenPoints() (fyne.Size, bool) {
	// Only the desktop driver has a GLFW screen; asking GLFW anything before it is
	// initialised panics. The driver initialises it when it makes the first window.
	if fyne.CurrentApp() == nil || fmt.Sprintf("%T", fyne.CurrentApp().Driver()) != "*glfw.gLDriver" {
		return fyne.Size{}, false
	}
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}, false
	}
	mode := m.GetVideoMode()
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		if mode == nil {
			return fyne.Size{}, false
		}
		w, h = mode.Width, mode.Height
	}
	system := float32(1)
	switch runtime.GOOS {
	case "darwin": // macOS scales at the texture level: its sizes are points already
	case "windows":
		system, _ = m.GetContentScale()
	default:
		if mode != nil && glfw.GetPlatform() != glfw.PlatformWayland && !dpiDetectionOff() {
			mm, _ := m.GetPhysicalSize()
			system = detectedScale(mm, mode.Width)
		}
	}
	return usablePoints(w, h, windowScale(userScale(), system)), true
}

// usablePoints is the room, in points, a screen's work area of w by h pixels leaves a
// window at scale s, with its title bar.
func usablePoints(w, h int, s float32) fyne.Size {
	h = max(h-titleBarAllowance, h*9/10)
	return fyne.NewSize(float32(w)/s, float32(h)/s)
}

// The scale as Fyne's desktop driver works it out (internal/driver/glfw/scale.go):
// FYNE_SCALE times the system's scale, to a tenth.

func windowScale(user, system float32) float32 {
	s := float32(math.Round(float64(user*system*10)) / 10)
	if s <= 0 {
		return 1
	}
	return s
}

func userScale() float32 {
	env := os.Getenv("FYNE_SCALE")
	if env == "" || env == "auto" {
		return 1
	}
	s, err := strconv.ParseFloat(env, 32)
	if err != nil || s <= 0 {
		return 1
	}
	return float32(s)
}

func dpiDetectionOff() bool {
	env := os.Getenv("FYNE_DISABLE_DPI_DETECTION")
	return strings.EqualFold(env, "true") || strings.EqualFold(env, "t") || env == "1"
}

// detectedScale is the scale Fyne gives a screen widthMm wide with widthPx pixels:
// its DPI over 120, never below 1.
func detectedScale(widthMm, widthPx int) float32 {
	dpi := float32(120)
	if widthMm > 0 {
		if d := float32(widthPx) / (float32(widthMm) / 25.4); d >= 10 && d <= 1000 {
			dpi = d
		}
	}
	return max(1, dpi/120)
}
