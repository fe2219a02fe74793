package ui

import (
	"strings"

	"keel/model"
)

// Today's check-in stays in the form once saved, so the person sees what they
// recorded; saving again updates it (with the version it was shown at, see
// model.Conflict), and "Add another" starts a second one.

// fill puts d's texts in the fields, as filled rather than typed: nothing in them
// is kept as a draft for it.
func (f *checkInForm) fill(d model.CheckInDraft) {
	f.loading = true
	f.mood.setText(d.Mood)
	f.anxiety.setText(d.Anxiety)
	f.quality.setText(d.SleepQuality)
	f.stress.setText(d.Stress)
	f.hours.SetText(d.SleepHours)
	f.note.SetText(d.Note)
	f.loading = false
}

// show fills the form with c, the check-in that saving updates; a zero c empties it
// for a new one.
func (f *checkInForm) show(c model.CheckIn) {
	d := model.DraftOfCheckIn(c)
	f.fill(d)
	f.current, f.shown = c, d
	if c.ID != 0 {
		f.save.SetText("Update check-in")
		f.another.Show()
	} else {
		f.save.SetText("Save check-in")
		f.another.Hide()
	}
	f.drawNote()
	f.content.Refresh() // the buttons' row changed
}

// showToday shows the newest of today's check-ins (oldest first), or an empty form
// when there is none, unless the form holds changes not saved yet.
func (f *checkInForm) showToday(today []model.CheckIn) {
	if f.typed() != f.shown {
		return // being typed: never overwritten
	}
	var newest model.CheckIn
	if len(today) > 0 {
		newest = today[len(today)-1]
	}
	if newest.ID != f.current.ID || !newest.Updated.Equal(f.current.Updated) {
		f.show(newest)
	}
}

// onAnother empties the form for a second check-in today.
func (f *checkInForm) onAnother() {
	for _, row := range f.rows {
		row.setMessage("")
	}
	f.show(model.CheckIn{})
	f.win.Canvas().Focus(f.mood.entry)
}

// resolve handles a save refused because today's check-in changed or went after the
// form showed it: a deleted one is saved again as new; a changed one asks which to
// keep.
func (f *checkInForm) resolve(err error, mine model.CheckIn) {
	c, _ := model.ConflictOf(err)
	if c.Deleted() {
		f.saveCheckIn(fresh(mine), nil)
		return
	}
	theirs := *c.Theirs.(*model.CheckIn)
	showConflict(f.win, err, describeCheckIn(mine), describeCheckIn(theirs),
		func() { f.saveCheckIn(model.Rebase(mine, theirs), nil) },
		func() {
			f.show(theirs)
			if f.onSaved != nil {
				f.onSaved()
			}
		})
}

// fresh is c as a check-in never stored.
func fresh(c model.CheckIn) model.CheckIn {
	var zero model.CheckIn
	c.ID, c.Created, c.Updated = 0, zero.Created, zero.Updated
	return c
}

// describeCheckIn is a check-in's answers, a line each, for the conflict dialog.
func describeCheckIn(c model.CheckIn) string {
	d := model.DraftOfCheckIn(c)
	var lines []string
	for _, l := range []struct{ name, value string }{
		{"Mood", d.Mood}, {"Anxiety", d.Anxiety}, {"Hours slept", d.SleepHours},
		{"Sleep quality", d.SleepQuality}, {"Stress load", d.Stress}, {"Note", d.Note},
	} {
		if l.value != "" {
			lines = append(lines, l.name+": "+l.value)
		}
	}
	return strings.Join(lines, "\n")
}
