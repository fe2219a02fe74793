package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"keel/model/progress"
	"keel/model/store"
)

// todayFlags shows on Today the deterioration flags of the course (progress.Assess,
// as Progress and the report say them), calmly, in plain words that end with the
// care team; nothing when there is none. The assessment is made off the window's
// goroutine, so Today, the first screen, shows at once.
type todayFlags struct {
	st  *store.Store
	nav navigator
	box *fyne.Container
	// computing is true while an assessment runs; again asks for one more after it.
	computing, again bool
	// flags are the flags last shown.
	flags []progress.Flag
	// relayout lays Today out again once the flags change its height.
	relayout func()
}

func newTodayFlags(st *store.Store, nav navigator, relayout func()) *todayFlags {
	f := &todayFlags{st: st, nav: nav, box: container.NewVBox(), relayout: relayout}
	f.box.Hide()
	return f
}

// reload assesses the course again in the background and shows its flags.
func (f *todayFlags) reload() {
	if f.computing {
		f.again = true
		return
	}
	f.computing = true
	var a progress.Assessment
	f.nav.InBackground(func() error {
		courses, err := f.st.Courses()
		if err != nil {
			return err
		}
		sessions, err := f.st.SessionsBetween(time.Time{}, time.Time{})
		if err != nil {
			return err
		}
		responses, err := f.st.ResponsesBetween(time.Time{}, time.Time{})
		if err != nil {
			return err
		}
		a = progress.Assess(courses, sessions, responses, f.st.Now())
		return nil
	}, func(err error) {
		f.computing = false
		if f.again {
			f.again = false
			f.reload()
			return
		}
		if err != nil {
			fyne.LogError("assess the course for Today", err)
			return
		}
		f.draw(a.Flags)
	})
}

func (f *todayFlags) draw(flags []progress.Flag) {
	f.flags = flags
	if len(flags) == 0 {
		if f.box.Visible() {
			f.box.Objects = nil
			f.box.Hide()
			f.relayout()
		}
		return
	}
	objs := []fyne.CanvasObject{heading("Worth telling your care team")}
	objs = append(objs, flagRows(flags)...)
	more := &widget.Button{Text: "See your progress", OnTapped: func() { f.nav.Show(ScreenProgress) }}
	objs = append(objs, container.NewHBox(more), widget.NewSeparator())
	f.box.Objects = objs
	f.box.Show()
	f.relayout()
}
