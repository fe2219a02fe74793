package ui

import (
	"maps"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// sessionKeeping is how the session form keeps what is typed: every text and choice
// as a draft at model.SessionPlace (about once a second, and at once when the form
// opens another session, the window locks or closes), back in the form marked as a
// draft when it opens that session again, until it is saved or discarded; and which
// version of the session the typing started from, so a save over a session changed
// meanwhile (its intention typed in Prepare, an import) is refused and merged or
// shown rather than written over it.
type sessionKeeping struct {
	keeper drafting
	// onKept runs once a draft was kept or dropped (the list marks drafts).
	onKept func()
	// active is set while the form holds a session being edited: saved, cancelled
	// or taken from elsewhere, it has nothing left to keep.
	active bool
	// base is the session as the form was filled from it, when its content is known:
	// the common ancestor a refused save is merged over (model.Merge3). A draft typed
	// over an older version than the stored one has no known base.
	base      model.Session
	baseKnown bool
	// version is the version the typing started from: the save carries it.
	version time.Time
	// baseline are the form's fields as filled from the session: what differs from
	// them is unsaved.
	baseline map[string]string
	loading  bool

	draftMark
}

// newDraftNote builds the line that marks the form as holding a draft.
func (f *sessionForm) newDraftNote() fyne.CanvasObject {
	f.keeper.keep = f.keepDraft
	f.draftMark = newDraftMark()
	onFlush(f.store, f.keeper.flush)
	return f.markRow
}

// watchTyping makes every input of the form, texts and choices, a change to keep.
func (f *sessionForm) watchTyping() {
	entries := []*textEntry{f.date.entry, f.clock, f.dose, f.provider, f.intention, f.otherEffects,
		f.droveHome, f.cost, f.reimbursed, f.notes,
		f.moodBefore.entry, f.moodAfter.entry, f.intensity.entry, f.dissociation.entry}
	for _, b := range f.bp {
		entries = append(entries, b.entry)
	}
	alsoOnChanged(f.onTyped, entries...)
	for _, s := range []*widget.Select{f.route, f.unit, f.setting} {
		prev := s.OnChanged
		s.OnChanged = func(t string) {
			if prev != nil {
				prev(t)
			}
			f.onTyped()
		}
	}
	prev := f.status.OnChanged
	f.status.OnChanged = func(t string) {
		if prev != nil {
			prev(t)
		}
		f.onTyped()
	}
	for _, c := range append(append([]*widget.Check{}, f.character...), f.effects...) {
		c.OnChanged = func(bool) { f.onTyped() }
	}
}

func (f *sessionForm) place() model.Place { return model.SessionPlace(f.id) }

// restoreDraft, with the form just filled from s, takes s as the version edited and
// puts the draft kept for it back in the form, if there is one.
func (f *sessionForm) restoreDraft(s model.Session) {
	f.active = true
	f.base, f.baseKnown, f.version = s, true, s.Updated
	if s.ID != 0 {
		// "Record how it went" opens a planned session marked done: the stored copy is
		// the base (its own status), if it is the version the form shows.
		if stored, err := f.store.Session(s.ID); err == nil && stored.Updated.Equal(s.Updated) {
			f.base = stored
		}
	}
	f.baseline = f.draft().Fields()
	f.kept, f.keptErr = model.Draft{}, nil
	d, ok, err := f.store.Draft(f.place())
	switch {
	case err != nil:
		f.keptErr = err
	case ok && maps.Equal(d.Fields, f.baseline):
		discardDraft(f.store, d.Place) // saved since (a crash between the save and the discard)
	case ok:
		f.kept = d
		f.fill(model.DraftOf(s).WithFields(d.Fields))
		if s.ID == 0 && f.planned() {
			f.title.SetText("Plan a session")
		} else if s.ID == 0 {
			f.title.SetText("Log a session")
		}
		if s.ID != 0 && !d.Base.Equal(s.Updated) {
			// Typed over an older version: the save is refused and shows both.
			f.version, f.baseKnown = d.Base, false
		}
	}
	f.drawNote()
}

// unsaved reports whether the form holds anything the session as opened does not.
func (f *sessionForm) unsaved() bool {
	return f.active && !maps.Equal(f.draft().Fields(), f.baseline)
}

func (f *sessionForm) onTyped() {
	if f.loading || !f.active {
		return
	}
	f.keeper.changed()
	f.drawNote()
}

// keepDraft keeps the form as the draft of its session, or drops the draft when
// nothing differs from the session as opened. A failure is said in the draft mark.
func (f *sessionForm) keepDraft() {
	if !f.active {
		return
	}
	f.kept, f.keptErr = keepOrDrop(f.store, f.kept, f.unsaved(), model.Draft{Place: f.place(), Fields: f.draft().Fields(), Base: f.version})
	f.drawNote()
	f.draftsChanged()
}

// draftsChanged tells the screen that the drafts changed.
func (f *sessionForm) draftsChanged() {
	if f.onKept != nil {
		f.onKept()
	}
}

func (f *sessionForm) drawNote() {
	f.drawMark(f.unsaved())
}

// saved ends the editing: the session is stored, its draft goes.
func (f *sessionForm) saved() {
	f.keeper.cancel()
	discardDraft(f.store, f.place())
	f.active, f.kept, f.keptErr = false, model.Draft{}, nil
	f.markRow.Hide()
	f.draftsChanged()
}

// askDiscard runs then once what was typed is thrown away: at once when nothing is
// unsaved, after asking when something is.
func (f *sessionForm) askDiscard(then func()) {
	if !f.unsaved() {
		f.saved()
		then()
		return
	}
	what := "the new session you were writing"
	if f.id != 0 {
		what = "your changes to the session of " + f.base.At.Format("Monday 2 January")
	}
	d := dialog.NewConfirm("Discard draft", "Discard "+what+"? What you typed will be gone.", func(yes bool) {
		if !yes {
			return
		}
		f.keeper.cancel()
		if err := f.store.DiscardDraft(f.place()); err != nil {
			showError(f.win, err)
			return
		}
		f.saved()
		then()
	}, f.win)
	d.SetConfirmText("Discard")
	d.SetDismissText("Keep editing")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// resolve handles a save refused because the session changed or was deleted after
// the editing began. Changes on different fields are merged and saved at once (an
// intention typed in Prepare while the form was open stays); a field changed on both
// sides, or a draft typed over an older version, shows both and lets the person keep
// theirs or take the newer. The draft stays kept until then.
func (f *sessionForm) resolve(err error, mine model.Session) {
	c, _ := model.ConflictOf(err)
	if c.Deleted() {
		d := dialog.NewConfirm("Session deleted", model.Message(err), func(keep bool) {
			if !keep {
				f.letGo()
				return
			}
			// Saved as a new session; the draft at the deleted one's place goes with
			// the save (the form keeps that place, so no new session's draft is touched).
			mine.ID, mine.Created, mine.Updated = 0, time.Time{}, time.Time{}
			f.saveSession(mine)
		}, f.win)
		d.SetConfirmText("Save as a new session")
		d.SetDismissText("Let it go")
		d.Show()
		return
	}
	theirs := *c.Theirs.(*model.Session)
	keep, clashes := model.Rebase(mine, theirs), c.Fields
	if f.baseKnown {
		if merged, both, mergeErr := model.Merge3(f.base, mine, theirs); mergeErr == nil {
			if len(both) == 0 {
				f.saveSession(merged)
				return
			}
			keep, clashes = merged, both
		}
	}
	showConflict(f.win, err, f.describe(mine, clashes), f.describe(theirs, clashes),
		func() { f.saveSession(keep) },
		func() {
			f.saved()
			if f.onSaved != nil {
				f.onSaved(theirs) // the stored session, shown as it is
			}
		})
}

// letGo drops the draft and closes the form.
func (f *sessionForm) letGo() {
	f.saved()
	if f.onClose != nil {
		f.onClose()
	}
}

// describe is s in the words of the form, field by field, for the fields named
// (JSON names; "at" is the date and the time).
func (f *sessionForm) describe(s model.Session, fields []string) string {
	typed := model.DraftOf(s).Fields()
	var lines []string
	for _, name := range fields {
		keys := []string{name}
		if name == "at" {
			keys = []string{model.FieldDate, model.FieldTime}
		}
		for _, k := range keys {
			label := k
			if t, ok := f.targets[k]; ok {
				label = t.name()
			}
			value := strings.TrimSpace(typed[k])
			switch k {
			case model.FieldStatus:
				value = s.Status.Label()
			case model.FieldCharacter:
				value = strings.Join(s.Character, ", ")
			case model.FieldSideEffects:
				value = strings.Join(s.SideEffects, ", ")
			}
			if value == "" {
				value = "(empty)"
			}
			lines = append(lines, label+": "+value)
		}
	}
	return strings.Join(lines, "\n\n")
}
