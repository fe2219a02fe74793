package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// checkInKeeping keeps what is typed in the check-in form as the draft of the day
// (model.CheckInPlace): about once a second, and at once when the window locks or
// closes. The form opens on it again, marked as a draft, until it is saved or
// discarded (which asks first).
type checkInKeeping struct {
	keeper  drafting
	loading bool
	// day is the day whose draft the form keeps: the person's day when it was
	// opened or last saved.
	day time.Time

	draftMark
	discard *widget.Button
}

// newDraftRow builds the draft mark and the discard button, and makes every input a
// change to keep; it restores the day's draft.
func (f *checkInForm) newDraftRow() fyne.CanvasObject {
	f.keeper.keep = f.keepDraft
	f.draftMark = newDraftMark()
	f.discard = &widget.Button{Text: "Discard draft…", OnTapped: f.onDiscard}
	f.discard.Hide()
	alsoOnChanged(f.onTyped, f.mood.entry, f.anxiety.entry, f.quality.entry, f.stress.entry, f.hours, f.note)
	onFlush(f.st, f.keeper.flush)
	f.restoreDraft()
	return f.markRow
}

func (f *checkInForm) place() model.Place { return model.CheckInPlace(f.day) }

// typed is the form as typed.
func (f *checkInForm) typed() model.CheckInDraft {
	return model.CheckInDraft{
		Mood: f.mood.text(), Anxiety: f.anxiety.text(), SleepHours: f.hours.Text,
		SleepQuality: f.quality.text(), Stress: f.stress.text(), Note: f.note.Text,
	}
}

// restoreDraft fills the form from the draft of today, if one is kept.
func (f *checkInForm) restoreDraft() {
	f.day = f.st.Now().In(time.Local)
	d, ok, err := f.st.Draft(f.place())
	f.kept, f.keptErr = model.Draft{}, err
	if ok {
		f.fill(model.CheckInDraftOf(d.Fields))
		f.kept = d
	}
	f.drawNote()
}

// unsaved reports whether the form holds anything but the check-in it shows (see
// checkInForm.show): what is typed over today's check-in is kept too.
func (f *checkInForm) unsaved() bool {
	return f.typed() != f.shown
}

func (f *checkInForm) onTyped() {
	if f.loading {
		return
	}
	f.keeper.changed()
	f.drawNote()
}

// keepDraft keeps the form as the day's draft, or drops it when the form is empty.
func (f *checkInForm) keepDraft() {
	f.kept, f.keptErr = keepOrDrop(f.st, f.kept, f.unsaved(), model.Draft{Place: f.place(), Fields: f.typed().Fields()})
	f.drawNote()
}

func (f *checkInForm) drawNote() {
	if f.drawMark(f.unsaved()) {
		f.discard.Show()
	} else {
		f.discard.Hide()
	}
}

// draftSaved drops the draft once the check-in is stored; the next one is kept
// under the day it is typed on.
func (f *checkInForm) draftSaved() {
	f.keeper.cancel()
	discardDraft(f.st, f.place())
	f.kept, f.keptErr = model.Draft{}, nil
	f.day = f.st.Now().In(time.Local)
}

// onDiscard puts the check-in shown back after asking (an empty form for a new
// one), and drops the draft.
func (f *checkInForm) onDiscard() {
	d := dialog.NewConfirm("Discard draft", "Discard the check-in you were writing? What you typed will be gone.", func(yes bool) {
		if !yes {
			return
		}
		f.keeper.cancel()
		if err := f.st.DiscardDraft(f.place()); err != nil {
			showError(f.win, err)
			return
		}
		f.kept, f.keptErr = model.Draft{}, nil
		f.show(f.current) // back to today's check-in as stored, or empty
	}, f.win)
	d.SetConfirmText("Discard")
	d.SetDismissText("Keep writing")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}
