package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// keelTheme is Fyne's default theme with a calm teal accent, in light and dark. With
// a forced variant it ignores the system's choice.
type keelTheme struct {
	forced *fyne.ThemeVariant
}

// Theme choices, as kept in the preferences.
const (
	prefTheme   = "theme"
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// themeFor returns the theme for a preference value.
func themeFor(choice string) keelTheme {
	var v fyne.ThemeVariant
	switch choice {
	case themeLight:
		v = theme.VariantLight
	case themeDark:
		v = theme.VariantDark
	default:
		return systemTheme() // theme_follow.go
	}
	return keelTheme{forced: &v}
}

var (
	tealLight = color.NRGBA{R: 0x1f, G: 0x7a, B: 0x78, A: 0xff}
	tealDark  = color.NRGBA{R: 0x36, G: 0xa8, B: 0xa0, A: 0xff}
)

// The colours Keel changes from Fyne's defaults so that both variants meet WCAG 2.2
// AA (theme_test.go checks every pair): text 4.5:1 on the backgrounds it is drawn on,
// the outlines of fields, check boxes and radio buttons, separators and the focus
// mark 3:1. Fyne's light theme draws an unticked box in 227 grey on white, orange
// text at 2:1 and green at 1.5:1.
var (
	light = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameForeground:  color.NRGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xff},
		theme.ColorNameDisabled:    color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff},
		theme.ColorNamePlaceHolder: color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
		theme.ColorNameInputBorder: color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff},
		theme.ColorNameSeparator:   color.NRGBA{R: 0x8c, G: 0x8c, B: 0x8c, A: 0xff},
		theme.ColorNameWarning:     color.NRGBA{R: 0xa8, G: 0x54, B: 0x00, A: 0xff},
		theme.ColorNameSuccess:     color.NRGBA{R: 0x1b, G: 0x7a, B: 0x30, A: 0xff},
		theme.ColorNameError:       color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
		theme.ColorNameFocus:       color.NRGBA{R: 0x1f, G: 0x7a, B: 0x78, A: 0xc0},
		theme.ColorNameSelection:   color.NRGBA{R: 0x1f, G: 0x7a, B: 0x78, A: 0x30},
	}
	dark = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameDisabled:    color.NRGBA{R: 0x94, G: 0x94, B: 0x94, A: 0xff},
		theme.ColorNameInputBorder: color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8a, A: 0xff},
		theme.ColorNameSeparator:   color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff},
		theme.ColorNameError:       color.NRGBA{R: 0xff, G: 0x6b, B: 0x5e, A: 0xff},
		theme.ColorNameFocus:       color.NRGBA{R: 0x5f, G: 0xc4, B: 0xbf, A: 0x80},
		theme.ColorNameSelection:   color.NRGBA{R: 0x5f, G: 0xc4, B: 0xbf, A: 0x40},
		// Text on a teal button: the dark background, 6.2:1 (white would be 3.1:1).
		theme.ColorNameForegroundOnPrimary: color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff},
	}
)

func (t keelTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced != nil {
		v = *t.forced
	}
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if v == theme.VariantDark {
			return tealDark
		}
		return tealLight
	}
	colors := light
	if v == theme.VariantDark {
		colors = dark
	}
	if c, ok := colors[n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, v)
}

func (keelTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (keelTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (keelTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }
