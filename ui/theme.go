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
	tealDark  = color.NRGBA{R: 0x27, G: 0x92, B: 0x8c, A: 0xff}
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
	case theme.ColorNameFocus, theme.ColorNameSelection:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x5f, G: 0xc4, B: 0xbf, A: 0x40}
		}
		return color.NRGBA{R: 0x1f, G: 0x7a, B: 0x78, A: 0x30}
	}
	return theme.DefaultTheme().Color(n, v)
}

func (keelTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (keelTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (keelTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }
