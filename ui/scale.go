package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// scaleInput is a 0-10 rating: a short entry to type the number and a slider to drag
// it. An empty entry means "not recorded"; anything typed is kept as typed, for the
// model to accept or explain.
type scaleInput struct {
	entry  *textEntry
	slider *scaleSlider
	note   *widget.RichText
	low    string
	high   string
	sync   bool
}

func newScaleInput(low, high string) *scaleInput {
	s := &scaleInput{low: low, high: high}
	s.entry = newEntry()
	s.entry.SetPlaceHolder("–")
	s.slider = newScaleSlider(s.entry)
	s.note = hintText("")
	s.note.Wrapping = fyne.TextWrapOff
	s.entry.OnChanged = func(text string) {
		if s.sync {
			return
		}
		if n, err := strconv.Atoi(strings.TrimSpace(text)); err == nil && n >= 0 && n <= 10 {
			s.sync = true
			s.slider.SetValue(float64(n))
			s.sync = false
		}
		s.updateNote()
	}
	s.slider.OnChanged = func(v float64) {
		if s.sync {
			return
		}
		s.sync = true
		s.entry.SetText(strconv.Itoa(int(v)))
		s.sync = false
		s.updateNote()
	}
	s.updateNote()
	return s
}

// object is the row to put in a form: the number box, the slider, what the number
// means. The box comes first in the row's objects, so Tab reaches it before the
// slider.
func (s *scaleInput) object() fyne.CanvasObject {
	entry := container.New(layout.NewGridWrapLayout(fyne.NewSize(64, s.entry.MinSize().Height)), s.entry)
	note := container.New(layout.NewGridWrapLayout(fyne.NewSize(120, s.entry.MinSize().Height)), s.note)
	return container.New(layout.NewBorderLayout(nil, nil, entry, note), entry, s.slider, note)
}

func (s *scaleInput) text() string { return s.entry.Text }

func (s *scaleInput) setText(t string) {
	s.entry.SetText(t)
	if t == "" {
		s.sync = true
		s.slider.SetValue(0)
		s.sync = false
	}
	s.updateNote()
}

func (s *scaleInput) updateNote() {
	t := strings.TrimSpace(s.entry.Text)
	switch n, err := strconv.Atoi(t); {
	case t == "":
		setHint(s.note, "not recorded")
	case err != nil || n < 0 || n > 10:
		setHint(s.note, "0 to 10")
	case n <= 3:
		setHint(s.note, s.low)
	case n >= 7:
		setHint(s.note, s.high)
	default:
		setHint(s.note, "")
	}
}
