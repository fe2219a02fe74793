package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// followUpForm is the dialog of one follow-up.
type followUpForm struct {
	dlg                   *dialog.CustomDialog
	mood, quality, stress *scaleInput
	rumination, sticky    *scaleInput
	hours, note           *widget.Entry
	rows                  map[string]*fieldRow
	save                  *widget.Button
}

// showFollowUp opens one of the short check-ins of the 72 hours after a session, with
// the integration prompts as a way into the journal.
func showFollowUp(st *store.Store, win fyne.Window, nav navigator, f model.FollowUp, onSaved func()) *followUpForm {
	d := model.DraftOfFollowUp(f)
	mood := newScaleInput("low", "good")
	quality := newScaleInput("poor", "restful")
	stress := newScaleInput("light", "heavy")
	rumination := newScaleInput("hardly", "stuck in loops")
	sticky := newScaleInput("not at all", "very much")
	hours := widget.NewEntry()
	hours.SetPlaceHolder("e.g. 7.5")
	note := multiline("Anything you noticed (optional)")
	note.SetMinRowsVisible(2)
	mood.setText(d.Mood)
	quality.setText(d.SleepQuality)
	stress.setText(d.Stress)
	rumination.setText(d.Rumination)
	sticky.setText(d.LessSticky)
	hours.SetText(d.SleepHours)
	note.SetText(d.Note)
	rows := map[string]*fieldRow{
		model.FieldMood:         newFieldRow("Mood", mood.object(), ""),
		model.FieldSleepHours:   newFieldRow("Hours slept", container.NewGridWithColumns(2, hours, layout.NewSpacer()), "Last night."),
		model.FieldSleepQuality: newFieldRow("Sleep quality", quality.object(), ""),
		model.FieldStress:       newFieldRow("Stress load", stress.object(), ""),
		model.FieldRumination:   newFieldRow("Rumination", rumination.object(), "How much your thoughts went round in circles."),
		model.FieldLessSticky:   newFieldRow("Less sticky", sticky.object(), "“My thoughts feel less sticky”: how true is it today?"),
		model.FieldNote:         newFieldRow("Note", note, ""),
	}
	intro := "A few quick answers about how you are; skip any you like."
	if sess, err := st.Session(f.SessionID); err == nil {
		intro = fmt.Sprintf("%s your session of %s: a few quick answers about how you are. Skip any you like.", f.Label(), sess.At.Format("Monday 2 January"))
	}
	if f.Late(st.Now()) && f.Open() {
		intro += " It is later than planned, and still worth filling in."
	}
	var dlg *dialog.CustomDialog
	write := &widget.Button{Text: "Write in the journal…", OnTapped: func() {
		dlg.Hide()
		nav.WriteJournal(f.SessionID, model.IntegrationPrompts[0])
	}}
	content := container.NewVBox(
		&widget.Label{Text: intro, Wrapping: fyne.TextWrapWord},
		formGrid(rows[model.FieldMood], rows[model.FieldSleepHours], rows[model.FieldSleepQuality], rows[model.FieldStress], rows[model.FieldRumination], rows[model.FieldLessSticky], rows[model.FieldNote]),
		hintText("For the journal: "+model.IntegrationPrompts[0]+" "+model.IntegrationPrompts[1]+" "+model.IntegrationPrompts[2]+"."),
		container.NewHBox(write),
	)
	save := &widget.Button{Text: "Save", Importance: widget.HighImportance}
	cancel := &widget.Button{Text: "Cancel"}
	save.OnTapped = func() {
		draft := model.FollowUpDraft{Mood: mood.text(), SleepHours: hours.Text, SleepQuality: quality.text(),
			Stress: stress.text(), Rumination: rumination.text(), LessSticky: sticky.text(), Note: note.Text}
		filled, err := draft.Apply(f, st.Now())
		if err == nil {
			_, err = st.SaveFollowUp(filled)
		}
		var v *model.ValidationError
		if errors.As(err, &v) || err == nil {
			for key, row := range rows {
				row.setMessage(v.For(key))
			}
			content.Refresh()
		}
		if err != nil {
			if v == nil {
				showError(win, err)
			}
			return
		}
		dlg.Hide()
		if onSaved != nil {
			onSaved()
		}
	}
	scroll := container.NewVScroll(content)
	dlg = dialog.NewCustomWithoutButtons("Follow-up: "+f.Label(), scroll, win)
	cancel.OnTapped = dlg.Hide
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	dlg.Resize(fyne.NewSize(720, 620))
	dlg.Show()
	fitHeight(dlg, win, scroll, 720)
	return &followUpForm{dlg: dlg, mood: mood, quality: quality, stress: stress, rumination: rumination,
		sticky: sticky, hours: hours, note: note, rows: rows, save: save}
}

// fitHeight makes dlg, shown, as tall as its scrolled content needs at width, or
// as the window when that is less: where the window has room, nothing scrolls.
func fitHeight(dlg dialog.Dialog, win fyne.Window, scroll *container.Scroll, width float32) {
	// The content is laid out at the dialog's width now, so wrapped text is measured.
	need := scroll.Content.MinSize().Height + dlg.MinSize().Height - scroll.MinSize().Height
	room := win.Canvas().Size().Height - 4*theme.Padding()
	dlg.Resize(fyne.NewSize(width, min(need, room)))
}
