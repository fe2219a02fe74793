package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// luminance is the WCAG 2.2 relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over is c drawn over the opaque bg (c may be translucent).
func over(c, bg color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(n.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(n.R, b.R), G: mix(n.G, b.G), B: mix(n.B, b.B), A: 0xff}
}

func TestContrastRatio(t *testing.T) {
	if r := contrast(color.White, color.Black); math.Abs(r-21) > 0.01 {
		t.Errorf("white on black = %.2f, want 21", r)
	}
	if r := contrast(color.NRGBA{0x76, 0x76, 0x76, 0xff}, color.White); r < 4.5 || r > 4.6 {
		t.Errorf("#767676 on white = %.2f, want 4.54", r)
	}
}

// TestThemeContrast: every foreground/background pair Keel's theme draws meets WCAG
// 2.2 AA in both variants: text 4.5:1, the outlines of controls and the focus mark
// 3:1.
func TestThemeContrast(t *testing.T) {
	const text, ui = 4.5, 3.0
	type pair struct {
		what   string
		fg, bg fyne.ThemeColorName
		min    float64
	}
	var pairs []pair
	// Text and its backgrounds: the window, fields, buttons, menus, dialogs, headers.
	for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameButton, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground} {
		for _, fg := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameHyperlink, theme.ColorNameWarning, theme.ColorNameSuccess, theme.ColorNameError} {
			pairs = append(pairs, pair{string(fg) + " text", fg, bg, text})
		}
	}
	pairs = append(pairs,
		pair{"placeholder text in a field", theme.ColorNamePlaceHolder, theme.ColorNameInputBackground, text},
		pair{"disabled text", theme.ColorNameDisabled, theme.ColorNameBackground, text},
		pair{"disabled text in a field", theme.ColorNameDisabled, theme.ColorNameInputBackground, text},
		pair{"disabled text on a button", theme.ColorNameDisabled, theme.ColorNameDisabledButton, text},
		pair{"text on a primary button", theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary, text},
		pair{"text on a warning button", theme.ColorNameForegroundOnWarning, theme.ColorNameWarning, text},
		pair{"text on a success button", theme.ColorNameForegroundOnSuccess, theme.ColorNameSuccess, text},
		pair{"text on a danger button", theme.ColorNameForegroundOnError, theme.ColorNameError, text},
		pair{"field border on the window", theme.ColorNameInputBorder, theme.ColorNameBackground, ui},
		pair{"field border on a field", theme.ColorNameInputBorder, theme.ColorNameInputBackground, ui},
		pair{"field border in a dialog", theme.ColorNameInputBorder, theme.ColorNameOverlayBackground, ui},
		pair{"unticked check box or radio outline", theme.ColorNameInputBorder, theme.ColorNameBackground, ui},
		pair{"ticked check box, focused field border", theme.ColorNamePrimary, theme.ColorNameBackground, ui},
		pair{"ticked check box in a field", theme.ColorNamePrimary, theme.ColorNameInputBackground, ui},
		pair{"separator", theme.ColorNameSeparator, theme.ColorNameBackground, ui},
		pair{"slider thumb", theme.ColorNameForeground, theme.ColorNameBackground, ui},
		pair{"error border of a field", theme.ColorNameError, theme.ColorNameBackground, ui},
		pair{"focus mark", theme.ColorNameFocus, theme.ColorNameBackground, ui},
		pair{"focus mark in a dialog", theme.ColorNameFocus, theme.ColorNameOverlayBackground, ui},
	)
	for _, choice := range []string{themeLight, themeDark} {
		th := themeFor(choice)
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, theme.VariantLight) }
		for _, p := range pairs {
			bg := over(c(p.bg), color.White) // opaque backgrounds stay as they are
			if r := contrast(over(c(p.fg), bg), bg); r < p.min {
				t.Errorf("%s: %s (%s on %s) = %.2f:1, want at least %.1f:1", choice, p.what, p.fg, p.bg, r, p.min)
			}
		}
		// A focused button or menu item is filled with the focus colour: its text
		// stays readable.
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameButton, theme.ColorNameMenuBackground, theme.ColorNameBackground} {
			fill := over(c(theme.ColorNameFocus), over(c(bg), color.White))
			if r := contrast(c(theme.ColorNameForeground), fill); r < text {
				t.Errorf("%s: text on a focused %s = %.2f:1, want at least 4.5:1", choice, bg, r)
			}
		}
	}
}

// TestSliderTrackIsVisible draws a 0-10 slider in each theme and checks its track
// stands out from the window (Fyne's own track is about 1.1:1).
func TestSliderTrackIsVisible(t *testing.T) {
	a := test.NewTempApp(t)
	for _, choice := range []string{themeLight, themeDark} {
		a.Settings().SetTheme(themeFor(choice))
		s := newScaleSlider(newEntry())
		r := test.WidgetRenderer(s)
		r.Refresh()
		track, ok := r.Objects()[0].(*canvas.Rectangle)
		if !ok {
			t.Fatalf("the slider's first object is %T, not its track", r.Objects()[0])
		}
		bg := a.Settings().Theme().Color(theme.ColorNameBackground, a.Settings().ThemeVariant())
		if c := contrast(over(track.FillColor, bg), bg); c < 3 {
			t.Errorf("%s: the slider track is %.2f:1 on the window, want at least 3:1", choice, c)
		}
	}
}
