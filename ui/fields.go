package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fieldRow is one labelled input of a form with the message line under it. The
// message is empty and hidden until validation has something to say.
type fieldRow struct {
	label *widget.Label
	input fyne.CanvasObject
	box   *fyne.Container // input, hint and message, once in a formGrid
	grid  *fyne.Container // that formGrid
	hint  *widget.RichText
	msg   *widget.Label
}

func newFieldRow(label string, input fyne.CanvasObject, hint string) *fieldRow {
	r := &fieldRow{
		label: widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		input: input,
		hint:  hintText(hint),
		msg:   &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance},
	}
	if hint == "" {
		r.hint.Hide()
	}
	r.msg.Hide()
	return r
}

func (r *fieldRow) name() string { return r.label.Text }

// setShown shows or hides the whole row, label included, in its formGrid.
func (r *fieldRow) setShown(shown bool) {
	if r.box == nil || r.box.Visible() == shown {
		return
	}
	if shown {
		r.box.Show()
	} else {
		r.box.Hide()
	}
	r.grid.Refresh() // its layout hides or shows the label with the box
}

// setMessage shows msg under the field (or hides the line for ""), and marks the
// entries of the input as invalid while there is a message.
func (r *fieldRow) setMessage(msg string) {
	showMessage(r.msg, msg, entriesIn(r.input)...)
}

func (r *fieldRow) hasMessage() bool          { return r.msg.Text != "" }
func (r *fieldRow) clearMessage()             { clearMessage(r.msg, entriesIn(r.input)...) }
func (r *fieldRow) anchor() fyne.CanvasObject { return r.label }

// messageTarget is anything that can show a validation message next to its input.
type messageTarget interface {
	name() string
	setMessage(msg string)
	// hasMessage reports whether a message is shown.
	hasMessage() bool
	// clearMessage takes the message away once the value is valid, keeping its line
	// until the next setMessage so that the form does not move while typing.
	clearMessage()
	// anchor is what to scroll to, to show the field.
	anchor() fyne.CanvasObject
}

// clearMessage empties label and unmarks entries; the label stays shown, keeping
// its line.
func clearMessage(label *widget.Label, entries ...*textEntry) {
	label.SetText("")
	for _, e := range entries {
		e.AlwaysShowValidationError = true
		e.SetValidationError(nil)
		e.AlwaysShowValidationError = false
	}
}

// showMessage puts msg in label, hiding it when msg is empty, and marks entries.
func showMessage(label *widget.Label, msg string, entries ...*textEntry) {
	label.SetText(msg)
	if msg == "" {
		label.Hide()
	} else {
		label.Show()
	}
	for _, e := range entries {
		// SetValidationError only acts on an entry without a Validator while
		// AlwaysShowValidationError is set, so set it first and clear it last.
		e.AlwaysShowValidationError = true
		if msg == "" {
			e.SetValidationError(nil)
			e.AlwaysShowValidationError = false
		} else {
			e.SetValidationError(errMessage(msg))
		}
	}
}

type errMessage string

func (e errMessage) Error() string { return string(e) }

// entriesIn finds the entries inside a field's input, so they can be marked invalid.
func entriesIn(o fyne.CanvasObject) []*textEntry {
	switch w := o.(type) {
	case *textEntry:
		return []*textEntry{w}
	case *fyne.Container:
		var out []*textEntry
		for _, c := range w.Objects {
			out = append(out, entriesIn(c)...)
		}
		return out
	}
	return nil
}

// labelWidth is the width of the label column of every form, so that sections line up.
const labelWidth = 150

// formGrid lays rows out as a two-column form: labels on the left in a column of fixed
// width, inputs with their hint and message lines on the right.
func formGrid(rows ...*fieldRow) *fyne.Container {
	objs := make([]fyne.CanvasObject, 0, 2*len(rows))
	for _, r := range rows {
		r.box = container.NewVBox(r.input, r.hint, r.msg)
		objs = append(objs, r.label, r.box)
	}
	grid := container.New(formLayout{}, objs...)
	for _, r := range rows {
		r.grid = grid
	}
	return grid
}

// formLayout places pairs of objects as rows: a label of labelWidth and the rest. In
// a window too narrow for both (a small screen, a large scale) each label goes above
// its input instead.
type formLayout struct{}

// formSlack is the width the containers around a form take from the screen's width:
// paddings, a scroll bar.
const formSlack = 48

// screenWidth is the width, in points, the main window leaves its screens, or 0 when
// not known; the window's layout sets it before it lays a screen out, so that forms
// know to put their labels above their inputs before they are measured.
var screenWidth float32

// stacked tells whether the labels go above the inputs, which need inputWidth.
func (formLayout) stacked(inputWidth float32) bool {
	return screenWidth > 0 && labelWidth+theme.Padding()+inputWidth+formSlack > screenWidth
}

// rows returns each row's label and input heights, 0 for a hidden input, and the
// widest input's minimum width.
func (formLayout) rows(objs []fyne.CanvasObject) (labels, inputs []float32, width float32) {
	for i := 0; i+1 < len(objs); i += 2 {
		if !objs[i+1].Visible() {
			labels, inputs = append(labels, 0), append(inputs, 0)
			continue
		}
		in := objs[i+1].MinSize()
		labels, inputs = append(labels, objs[i].MinSize().Height), append(inputs, in.Height)
		width = max(width, in.Width)
	}
	return labels, inputs, width
}

func (l formLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	labels, inputs, width := l.rows(objs)
	stacked := l.stacked(width)
	y := float32(0)
	for i := range labels {
		label, input := objs[2*i], objs[2*i+1]
		if !input.Visible() {
			label.Hide()
			continue
		}
		label.Show()
		label.Move(fyne.NewPos(0, y))
		if stacked {
			label.Resize(label.MinSize())
			y += labels[i]
			input.Move(fyne.NewPos(0, y))
			input.Resize(fyne.NewSize(size.Width, inputs[i]))
			y += inputs[i] + pad
			continue
		}
		h := max(labels[i], inputs[i])
		label.Resize(fyne.NewSize(labelWidth, labels[i]))
		input.Move(fyne.NewPos(labelWidth+pad, y))
		input.Resize(fyne.NewSize(size.Width-labelWidth-pad, h))
		y += h + pad
	}
}

func (l formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	labels, inputs, width := l.rows(objs)
	stacked := l.stacked(width)
	var h float32
	for i := range labels {
		switch {
		case inputs[i] == 0 && labels[i] == 0:
		case stacked:
			h += labels[i] + inputs[i] + pad
		default:
			h += max(labels[i], inputs[i]) + pad
		}
	}
	if h > 0 {
		h -= pad
	}
	if stacked {
		return fyne.NewSize(width, h)
	}
	return fyne.NewSize(labelWidth+pad+width, h)
}

// alsoOnChanged makes fn run after each entry's own OnChanged (if any) at every
// change of its text.
func alsoOnChanged(fn func(), entries ...*textEntry) {
	for _, e := range entries {
		prev := e.OnChanged
		e.OnChanged = func(t string) {
			if prev != nil {
				prev(t)
			}
			fn()
		}
	}
}

// heading is a section title inside a screen.
func heading(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

// hintText is quiet explanatory text: readable, but clearly not the input itself.
func hintText(text string) *widget.RichText {
	t := widget.NewRichText(&widget.TextSegment{
		Text:  text,
		Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true},
	})
	t.Wrapping = fyne.TextWrapWord
	return t
}

// setHint replaces the text of a hintText.
func setHint(t *widget.RichText, text string) {
	t.Segments[0].(*widget.TextSegment).Text = text
	t.Refresh()
}

// quietBar is a progress bar without text on it: Fyne draws the text in one colour
// over both the filled part and the faded empty part, and no colour reads on both
// (WCAG 4.5:1). Put the text beside it.
func quietBar() *widget.ProgressBar {
	b := widget.NewProgressBar()
	b.TextFormatter = func() string { return "" }
	return b
}
