// Package assets holds Keel's embedded resources.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is Keel's app icon: a boat's keel under a calm sunrise.
var Icon = fyne.NewStaticResource("keel-icon.png", iconPNG)
