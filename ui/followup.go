package ui

import (
	"errors"
	"fmt"
	"maps"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// followUpForm is the dialog of one follow-up. What is typed is kept as a draft
// (model.FollowUpPlace) about once a second and when the dialog closes, the window
// locks or closes; the dialog opens on it again, marked as a draft, until it is saved
// or discarded (Cancel asks first).
type followUpForm struct {
	st                    *store.Store
	win                   fyne.Window
	record                model.FollowUp
	dlg                   *dialog.CustomDialog
	mood, quality, stress *scaleInput
	rumination, sticky    *scaleInput
	hours, note           *textEntry
	rows                  map[string]*fieldRow
	save                  *widget.Button

	keeper drafting
	// baseline are the fields as the stored follow-up fills them.
	baseline map[string]string
	loading  bool
	draftMark
}

// showFollowUp opens one of the short check-ins of the 72 hours after a session, with
// the integration prompts as a way into the journal.
func showFollowUp(st *store.Store, win fyne.Window, nav navigator, f model.FollowUp, onSaved func()) *followUpForm {
	ff := &followUpForm{st: st, win: win, record: f, loading: true,
		mood: newScaleInput("low", "good"), quality: newScaleInput("poor", "restful"), stress: newScaleInput("light", "heavy"),
		rumination: newScaleInput("hardly", "stuck in loops"), sticky: newScaleInput("not at all", "very much"),
		hours: newEntry(), note: multiline("Anything you noticed (optional)")}
	ff.keeper.keep = ff.keepDraft
	mood, quality, stress, rumination, sticky, hours, note := ff.mood, ff.quality, ff.stress, ff.rumination, ff.sticky, ff.hours, ff.note
	hours.SetPlaceHolder("e.g. 7.5")
	note.SetMinRowsVisible(2)
	ff.fill(model.DraftOfFollowUp(f))
	ff.baseline = ff.typed().Fields()
	rows := map[string]*fieldRow{
		model.FieldMood:         newFieldRow("Mood", mood.object(), ""),
		model.FieldSleepHours:   newFieldRow("Hours slept", container.NewGridWithColumns(2, hours, layout.NewSpacer()), "Last night."),
		model.FieldSleepQuality: newFieldRow("Sleep quality", quality.object(), ""),
		model.FieldStress:       newFieldRow("Stress load", stress.object(), ""),
		model.FieldRumination:   newFieldRow("Rumination", rumination.object(), "How much your thoughts went round in circles."),
		model.FieldLessSticky:   newFieldRow("Less sticky", sticky.object(), "“My thoughts feel less sticky”: how true is it today?"),
		model.FieldNote:         newFieldRow("Note", note, ""),
	}
	ff.rows = rows
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
	ff.draftMark = newDraftMark()
	content := container.NewVBox(
		ff.markRow,
		&widget.Label{Text: intro, Wrapping: fyne.TextWrapWord},
		formGrid(rows[model.FieldMood], rows[model.FieldSleepHours], rows[model.FieldSleepQuality], rows[model.FieldStress], rows[model.FieldRumination], rows[model.FieldLessSticky], rows[model.FieldNote]),
		hintText("For the journal: "+model.IntegrationPrompts[0]+" "+model.IntegrationPrompts[1]+" "+model.IntegrationPrompts[2]+"."),
		container.NewHBox(write),
	)
	save := &widget.Button{Text: "Save", Importance: widget.HighImportance}
	cancel := &widget.Button{Text: "Cancel"}
	ff.save = save
	var saveFollowUp func(model.FollowUp, error)
	saveFollowUp = func(filled model.FollowUp, err error) {
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
		switch {
		case model.ErrorCode(err) == model.EConflict:
			ff.keepDraft()
			ff.resolve(err, filled, saveFollowUp)
			return
		case err != nil:
			ff.keepDraft()
			if v == nil {
				showError(win, err)
			}
			return
		}
		ff.done()
		dlg.Hide()
		if onSaved != nil {
			onSaved()
		}
	}
	submitOnEnter(content, save)
	save.OnTapped = func() {
		ff.keeper.cancel()
		base := f
		base.Updated = ff.versionOf()
		saveFollowUp(ff.typed().Apply(base, st.Now()))
	}
	scroll := container.NewVScroll(content)
	dlg = dialog.NewCustomWithoutButtons("Follow-up: "+f.Label(), scroll, win)
	cancel.OnTapped = func() { ff.askDiscard(dlg.Hide) }
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	dlg.Resize(fyne.NewSize(720, 620))
	ff.dlg = dlg
	ff.restoreDraft()
	ff.watchTyping()
	ff.loading = false
	unregister := onFlush(st, ff.keeper.flush)
	dlg.SetOnClosed(func() {
		ff.keeper.flush()
		unregister()
	})
	dlg.Show()
	fitHeight(dlg, win, scroll, 720)
	return ff
}

// fill puts d in the inputs.
func (ff *followUpForm) fill(d model.FollowUpDraft) {
	ff.mood.setText(d.Mood)
	ff.quality.setText(d.SleepQuality)
	ff.stress.setText(d.Stress)
	ff.rumination.setText(d.Rumination)
	ff.sticky.setText(d.LessSticky)
	ff.hours.SetText(d.SleepHours)
	ff.note.SetText(d.Note)
}

// typed is the form as typed.
func (ff *followUpForm) typed() model.FollowUpDraft {
	return model.FollowUpDraft{Mood: ff.mood.text(), SleepHours: ff.hours.Text, SleepQuality: ff.quality.text(),
		Stress: ff.stress.text(), Rumination: ff.rumination.text(), LessSticky: ff.sticky.text(), Note: ff.note.Text}
}

func (ff *followUpForm) place() model.Place { return model.FollowUpPlace(ff.record.ID) }

func (ff *followUpForm) watchTyping() {
	alsoOnChanged(ff.onTyped, ff.mood.entry, ff.quality.entry, ff.stress.entry, ff.rumination.entry, ff.sticky.entry, ff.hours, ff.note)
}

// restoreDraft fills the form from the follow-up's draft, if one is kept.
func (ff *followUpForm) restoreDraft() {
	d, ok, err := ff.st.Draft(ff.place())
	switch {
	case err != nil:
		ff.keptErr = err
	case ok && maps.Equal(d.Fields, ff.baseline):
		discardDraft(ff.st, d.Place)
	case ok:
		ff.kept = d
		ff.fill(model.FollowUpDraftOf(d.Fields))
	}
	ff.drawNote()
}

// versionOf is the version the typing started from: a restored draft's base, or the
// follow-up as shown.
func (ff *followUpForm) versionOf() time.Time {
	if ff.kept.Place != "" && !ff.kept.Base.IsZero() {
		return ff.kept.Base
	}
	return ff.record.Updated
}

func (ff *followUpForm) unsaved() bool { return !maps.Equal(ff.typed().Fields(), ff.baseline) }

func (ff *followUpForm) onTyped() {
	if ff.loading {
		return
	}
	ff.keeper.changed()
	ff.drawNote()
}

// keepDraft keeps the answers as the follow-up's draft, or drops it when nothing
// differs from the follow-up as stored.
func (ff *followUpForm) keepDraft() {
	ff.kept, ff.keptErr = keepOrDrop(ff.st, ff.kept, ff.unsaved(), model.Draft{Place: ff.place(), Fields: ff.typed().Fields(), Base: ff.versionOf()})
	ff.drawNote()
}

func (ff *followUpForm) drawNote() {
	ff.drawMark(ff.unsaved())
}

// done drops the draft: the answers are saved, discarded or taken from elsewhere.
func (ff *followUpForm) done() {
	ff.keeper.cancel()
	discardDraft(ff.st, ff.place())
	ff.kept, ff.keptErr = model.Draft{}, nil
	ff.baseline = ff.typed().Fields() // nothing left to keep when the dialog closes
}

// askDiscard runs then once the answers typed are thrown away, asking first when
// there are any.
func (ff *followUpForm) askDiscard(then func()) {
	if !ff.unsaved() {
		ff.done()
		then()
		return
	}
	d := dialog.NewConfirm("Discard draft", "Discard the answers you typed for this follow-up? They will be gone.", func(yes bool) {
		if yes {
			ff.done()
			then()
		}
	}, ff.win)
	d.SetConfirmText("Discard")
	d.SetDismissText("Keep editing")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// resolve shows answers refused because the follow-up changed since the typing began
// (answered in another window, an import), and keeps the ones chosen.
func (ff *followUpForm) resolve(err error, mine model.FollowUp, save func(model.FollowUp, error)) {
	c, _ := model.ConflictOf(err)
	if c.Deleted() {
		showError(ff.win, err) // its session was deleted: the draft stays until then
		return
	}
	theirs := *c.Theirs.(*model.FollowUp)
	describe := func(f model.FollowUp) string {
		d := model.DraftOfFollowUp(f)
		return fmt.Sprintf("Mood: %s\nHours slept: %s\nSleep quality: %s\nStress load: %s\nRumination: %s\nLess sticky: %s\n\n%s",
			d.Mood, d.SleepHours, d.SleepQuality, d.Stress, d.Rumination, d.LessSticky, d.Note)
	}
	showConflict(ff.win, err, describe(mine), describe(theirs),
		func() { save(model.Rebase(mine, theirs), nil) },
		func() {
			ff.done()
			ff.dlg.Hide()
		})
}

// fitHeight makes dlg, shown, as tall as its scrolled content needs at width, or
// as the window when that is less: where the window has room, nothing scrolls.
func fitHeight(dlg dialog.Dialog, win fyne.Window, scroll *container.Scroll, width float32) {
	// The content is laid out at the dialog's width now, so wrapped text is measured.
	need := scroll.Content.MinSize().Height + dlg.MinSize().Height - scroll.MinSize().Height
	room := win.Canvas().Size().Height - 4*theme.Padding()
	dlg.Resize(fyne.NewSize(width, min(need, room)))
}
