// Package assets holds Keel's embedded resources.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

// icon-256.png is icon.svg at 256 px: sharp in title bars, docks and Keel's own
// screens at 2x, and quicker to decode at start-up than the 512 px icon.png that
// packages use (FyneApp.toml).
//
//go:embed icon-256.png
var iconPNG []byte

// Icon is Keel's app icon: a boat's keel under a calm sunrise.
var Icon = fyne.NewStaticResource("keel-icon.png", iconPNG)
