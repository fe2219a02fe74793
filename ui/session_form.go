package ui

import (
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

const (
	statusDone    = "Done"
	statusPlanned = "Planned"
)

// sessionForm adds or edits one session. Every field of docs/product.md item 1 is here;
// what the user typed stays on screen until it is saved or they cancel, and is kept
// as a draft as it is typed (session_draft.go).
type sessionForm struct {
	store   *store.Store
	win     fyne.Window
	onSaved func(model.Session)
	onClose func()

	id      uint64
	created time.Time
	sessionKeeping

	title        *widget.Label
	status       *widget.RadioGroup
	date         *dateInput
	clock        *textEntry
	route        *widget.Select
	dose         *textEntry
	unit         *widget.Select
	provider     *textEntry
	setting      *widget.Select
	intention    *textEntry
	moodBefore   *scaleInput
	moodAfter    *scaleInput
	intensity    *scaleInput
	dissociation *scaleInput
	character    []*widget.Check
	effects      []*widget.Check
	otherEffects *textEntry
	bp           map[string]*bpInput
	droveHome    *textEntry
	cost         *textEntry
	reimbursed   *textEntry
	notes        *textEntry

	rows        map[string]*fieldRow
	targets     map[string]messageTarget
	bpNote      *widget.Label
	afterPart   *fyne.Container
	plannedNote *widget.Label
	summary     *widget.Label
	save        *widget.Button
	delete      *widget.Button
	scroll      *container.Scroll
	content     fyne.CanvasObject
}

// bpInput is one blood pressure reading: a caption, the entry, its flag, shown as
// soon as a reading above 140/90 is typed (docs/clinical.md, "Blood pressure around a
// session"), and its own message line.
type bpInput struct {
	caption string
	entry   *textEntry
	flag    *widget.Label
	msg     *widget.Label
}

func newBPInput(caption string) *bpInput {
	b := &bpInput{
		caption: caption,
		entry:   newEntry(),
		flag:    &widget.Label{Importance: widget.WarningImportance, Truncation: fyne.TextTruncateEllipsis},
		msg:     &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord},
	}
	b.entry.SetPlaceHolder("e.g. 128/84")
	b.entry.OnChanged = func(string) { b.updateFlag() }
	b.msg.Hide()
	return b
}

// high reports whether the typed reading is above 140/90.
func (b *bpInput) high() bool {
	bp, err := model.ParseBloodPressure(b.entry.Text)
	return err == nil && bp != nil && bp.High()
}

// updateFlag writes the flag in the line kept for it, so that nothing below moves
// while a reading is typed.
func (b *bpInput) updateFlag() {
	if b.high() {
		b.flag.SetText("⚠ Above 140/90")
	} else {
		b.flag.SetText("")
	}
}

func (b *bpInput) object() fyne.CanvasObject {
	return container.NewVBox(hintText(b.caption), b.entry, b.flag, b.msg)
}

func (b *bpInput) name() string { return "Blood pressure " + b.caption }

func (b *bpInput) setMessage(msg string) {
	showMessage(b.msg, msg, b.entry)
}

func (b *bpInput) hasMessage() bool          { return b.msg.Text != "" }
func (b *bpInput) clearMessage()             { clearMessage(b.msg, b.entry) }
func (b *bpInput) anchor() fyne.CanvasObject { return b.entry }

func labels[T interface{ Label() string }](items []T) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Label()
	}
	return out
}

func fromLabel[T interface{ Label() string }](items []T, label string) T {
	for _, it := range items {
		if it.Label() == label {
			return it
		}
	}
	var zero T
	return zero
}

func checks(options []string) []*widget.Check {
	out := make([]*widget.Check, len(options))
	for i, o := range options {
		out[i] = widget.NewCheck(o, nil)
	}
	return out
}

func checkGrid(cols int, cs []*widget.Check) *fyne.Container {
	objs := make([]fyne.CanvasObject, len(cs))
	for i, c := range cs {
		objs[i] = c
	}
	return container.NewGridWithColumns(cols, objs...)
}

func newSessionForm(store *store.Store, win fyne.Window) *sessionForm {
	f := &sessionForm{store: store, win: win, bp: map[string]*bpInput{}}
	f.title = heading("New session")
	f.status = widget.NewRadioGroup([]string{statusDone, statusPlanned}, func(string) { f.updatePlanned() })
	f.status.Horizontal = true
	f.status.Required = true
	f.date = newDateInput(win)
	f.date.onChanged = f.updatePlanned
	f.clock = newEntry()
	f.clock.SetPlaceHolder("e.g. 14:30")
	f.route = widget.NewSelect(labels(model.Routes), nil)
	f.route.PlaceHolder = "Choose how it was given"
	f.dose = newEntry()
	f.dose.SetPlaceHolder("e.g. 0.5")
	f.unit = widget.NewSelect(labels(model.DoseUnits), nil)
	f.unit.PlaceHolder = "unit"
	f.provider = newEntry()
	f.provider.SetPlaceHolder("Clinic or prescriber")
	f.setting = widget.NewSelect(labels(model.SettingChoices), nil)
	f.setting.PlaceHolder = "Where it took place"
	f.intention = multiline("What you want to bring to this session, in your own words")
	f.moodBefore = newScaleInput("low", "good")
	f.moodAfter = newScaleInput("low", "good")
	f.intensity = newScaleInput("mild", "very strong")
	f.dissociation = newScaleInput("little", "a lot")
	f.character = checks(model.Characters)
	f.effects = checks(model.SideEffects)
	f.otherEffects = newEntry()
	f.otherEffects.SetPlaceHolder("Others, separated by commas")
	f.bp[model.FieldBPBefore] = newBPInput("before")
	f.bp[model.FieldBPAfter40] = newBPInput("~40 min after")
	f.bp[model.FieldBPDischarge] = newBPInput("at discharge")
	f.bpNote = &widget.Label{
		Text:       "A reading above 140/90 is worth telling your care team about.",
		Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord,
	}
	f.bpNote.Hide()
	for _, b := range f.bp {
		b.entry.OnChanged = func(string) { b.updateFlag(); f.updateBPNote(); f.revalidate() }
	}
	f.droveHome = newEntry()
	f.droveHome.SetPlaceHolder("Who took you home")
	f.cost = newEntry()
	f.cost.SetPlaceHolder("e.g. 450.00")
	f.reimbursed = newEntry()
	f.reimbursed.SetPlaceHolder("e.g. 120.00")
	f.notes = multiline("Anything else worth remembering")

	// The note has room kept for two lines, so that it never pushes the form down.
	noteRoom := canvas.NewRectangle(color.Transparent)
	noteRoom.SetMinSize(fyne.NewSize(0, 2*fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height+2*theme.InnerPadding()))
	bpRow := container.NewVBox(
		container.NewGridWithColumns(3, f.bp[model.FieldBPBefore].object(), f.bp[model.FieldBPAfter40].object(), f.bp[model.FieldBPDischarge].object()),
		container.NewStack(noteRoom, f.bpNote))
	f.rows = map[string]*fieldRow{
		model.FieldStatus:       newFieldRow("Status", f.status, ""),
		model.FieldDate:         newFieldRow("Date", f.date.object(), ""),
		model.FieldTime:         newFieldRow("Time", container.NewGridWithColumns(2, f.clock, layout.NewSpacer()), ""),
		model.FieldRoute:        newFieldRow("Route", f.route, ""),
		model.FieldDose:         newFieldRow("Dose", container.NewGridWithColumns(2, f.dose, f.unit), "As your clinic recorded it. Keel never suggests a dose."),
		model.FieldProvider:     newFieldRow("Provider", f.provider, ""),
		model.FieldSetting:      newFieldRow("Setting", f.setting, ""),
		model.FieldIntention:    newFieldRow("Intention", f.intention, "Best written before the session."),
		model.FieldMoodBefore:   newFieldRow("Mood before", f.moodBefore.object(), "0 = as low as it gets, 10 = very good. Leave empty if you did not note it."),
		model.FieldIntensity:    newFieldRow("Intensity", f.intensity.object(), "How strong the experience was. Stronger is not better."),
		model.FieldCharacter:    newFieldRow("What it was like", checkGrid(3, f.character), ""),
		model.FieldDissociation: newFieldRow("Dissociation", f.dissociation.object(), "How detached from your body or surroundings you felt."),
		model.FieldSideEffects:  newFieldRow("Side effects", container.NewVBox(checkGrid(2, f.effects), f.otherEffects), ""),
		model.FieldBPBefore:     newFieldRow("Blood pressure", bpRow, ""),
		model.FieldMoodAfter:    newFieldRow("Mood after", f.moodAfter.object(), ""),
		model.FieldDroveHome:    newFieldRow("Who drove home", f.droveHome, "No driving yourself until the next day, after a restful sleep."),
		model.FieldCost:         newFieldRow("Cost", f.cost, "In your own currency."),
		model.FieldReimbursed:   newFieldRow("Reimbursed", f.reimbursed, "What insurance paid back, if anything."),
		model.FieldNotes:        newFieldRow("Notes", f.notes, ""),
	}
	r := f.rows
	f.watchChanges()
	f.targets = map[string]messageTarget{}
	for k, row := range f.rows {
		f.targets[k] = row
	}
	for k, b := range f.bp {
		f.targets[k] = b
	}
	f.afterPart = container.NewVBox(
		heading("During the session"),
		formGrid(r[model.FieldIntensity], r[model.FieldCharacter], r[model.FieldDissociation], r[model.FieldSideEffects]),
		heading("Afterwards"),
		formGrid(r[model.FieldMoodAfter], r[model.FieldBPBefore], r[model.FieldDroveHome]),
	)
	f.plannedNote = &widget.Label{Text: "After the session, open it and choose “Record how it went” to add mood, blood pressure and how it felt.", Wrapping: fyne.TextWrapWord}
	f.summary = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.save = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: "Cancel", OnTapped: f.onCancel}
	f.delete = &widget.Button{Text: "Delete…", Importance: widget.DangerImportance}
	form := container.NewVBox(
		heading("When and how"),
		formGrid(r[model.FieldStatus], r[model.FieldDate], r[model.FieldTime], r[model.FieldRoute], r[model.FieldDose], r[model.FieldProvider], r[model.FieldSetting]),
		heading("Before"),
		formGrid(r[model.FieldIntention], r[model.FieldMoodBefore]),
		f.plannedNote,
		f.afterPart,
		heading("Cost and notes"),
		formGrid(r[model.FieldCost], r[model.FieldReimbursed], r[model.FieldNotes]),
	)
	submitOnEnter(form, f.save)
	f.scroll = container.NewVScroll(container.NewPadded(form))
	buttons := container.NewBorder(nil, nil, f.delete, container.NewHBox(cancel, f.save), f.summary)
	f.content = container.NewBorder(container.NewPadded(container.NewVBox(f.title, f.newDraftNote())), container.NewPadded(buttons), nil, nil, f.scroll)
	f.watchTyping()
	return f
}

// formOrder is the order of the fields on the form, for the summary of problems.
var formOrder = []string{
	model.FieldStatus, model.FieldDate, model.FieldTime, model.FieldRoute, model.FieldDose,
	model.FieldProvider, model.FieldSetting, model.FieldIntention, model.FieldMoodBefore,
	model.FieldIntensity, model.FieldCharacter, model.FieldDissociation, model.FieldSideEffects,
	model.FieldBPBefore, model.FieldBPAfter40, model.FieldBPDischarge, model.FieldMoodAfter,
	model.FieldDroveHome, model.FieldCost, model.FieldReimbursed, model.FieldNotes,
}

// watchChanges clears a field's message as soon as what is typed there is valid.
func (f *sessionForm) watchChanges() {
	alsoOnChanged(f.revalidate, f.date.entry, f.clock, f.dose, f.provider, f.intention, f.otherEffects, f.droveHome, f.cost, f.reimbursed, f.notes)
	for _, sc := range []*scaleInput{f.moodBefore, f.moodAfter, f.intensity, f.dissociation} {
		prev := sc.entry.OnChanged
		sc.entry.OnChanged = func(s string) {
			if prev != nil {
				prev(s)
			}
			f.revalidate()
		}
	}
	for _, sel := range []*widget.Select{f.route, f.unit, f.setting} {
		sel.OnChanged = func(string) { f.revalidate() }
	}
	prev := f.status.OnChanged
	f.status.OnChanged = func(s string) { prev(s); f.revalidate() }
}

// revalidate checks the form as typed and clears the messages of the fields that are
// now valid. It adds none (those wait for Save), and the line of a cleared message
// stays until then, so the form does not move under the pointer.
func (f *sessionForm) revalidate() {
	if f.targets == nil || f.summary.Text == "" {
		return
	}
	_, err := f.draft().Parse(f.store.Now(), time.Local)
	var v *model.ValidationError
	if err != nil && !errors.As(err, &v) {
		return
	}
	var names []string
	for _, key := range formOrder {
		t := f.targets[key]
		if t == nil || !t.hasMessage() {
			continue
		}
		if v.For(key) == "" {
			t.clearMessage()
			continue
		}
		names = append(names, t.name())
	}
	f.setSummary(names)
}

// setSummary lists the fields still to check, or says the form can be saved.
func (f *sessionForm) setSummary(names []string) {
	if len(names) == 0 {
		f.summary.SetText("")
		return
	}
	f.summary.SetText(fmt.Sprintf("Not saved yet. Please check: %s.", strings.Join(names, ", ")))
}

// updateBPNote shows the care-team note while any reading is above 140/90.
func (f *sessionForm) updateBPNote() {
	for _, b := range f.bp {
		if b.high() {
			f.bpNote.Show()
			return
		}
	}
	f.bpNote.Hide()
}

func multiline(placeholder string) *textEntry {
	e := newMultiLineEntry()
	e.SetPlaceHolder(placeholder)
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	return e
}

// edit fills the form from s: a stored session (ID set) or a fresh one to add, or from
// the draft kept for it. What the form held before is kept as its draft first.
func (f *sessionForm) edit(s model.Session, title string) {
	f.keeper.flush()
	f.loading = true
	defer func() { f.loading = false }()
	f.id, f.created = s.ID, s.Created
	f.title.SetText(title)
	f.fill(model.DraftOf(s))
	f.restoreDraft(s)
	if s.ID == 0 {
		f.delete.Hide()
	} else {
		f.delete.Show()
	}
	f.scroll.ScrollToTop()
}

// fill puts d in the inputs.
func (f *sessionForm) fill(d model.SessionDraft) {
	if d.Planned {
		f.status.SetSelected(statusPlanned)
	} else {
		f.status.SetSelected(statusDone)
	}
	f.date.entry.SetText(d.Date)
	f.clock.SetText(d.Clock)
	f.route.SetSelected(labelOf(d.Route))
	f.dose.SetText(d.Dose)
	f.unit.SetSelected(labelOf(d.DoseUnit))
	f.provider.SetText(d.Provider)
	f.setting.SetSelected(labelOf(d.Setting))
	f.intention.SetText(d.Intention)
	f.moodBefore.setText(d.MoodBefore)
	f.moodAfter.setText(d.MoodAfter)
	f.intensity.setText(d.Intensity)
	f.dissociation.setText(d.Dissociation)
	setChecks(f.character, d.Character)
	f.otherEffects.SetText(strings.Join(setChecks(f.effects, d.SideEffects), ", "))
	f.bp[model.FieldBPBefore].entry.SetText(d.BPBefore)
	f.bp[model.FieldBPAfter40].entry.SetText(d.BPAfter40)
	f.bp[model.FieldBPDischarge].entry.SetText(d.BPDischarge)
	f.updateBPNote()
	f.droveHome.SetText(d.DroveHome)
	f.cost.SetText(d.Cost)
	f.reimbursed.SetText(d.Reimbursed)
	f.notes.SetText(d.Notes)
	f.showProblems(nil)
	f.updatePlanned()
}

// labelOf is the label of an optional choice, "" when unset, for Select.SetSelected.
func labelOf[T interface {
	~string
	Label() string
}](v T) string {
	if v == "" {
		return ""
	}
	return v.Label()
}

// setChecks ticks the checks named in values and returns the values no check has.
func setChecks(cs []*widget.Check, values []string) (rest []string) {
	for _, c := range cs {
		c.SetChecked(slices.Contains(values, c.Text))
	}
	for _, v := range values {
		if !slices.ContainsFunc(cs, func(c *widget.Check) bool { return c.Text == v }) {
			rest = append(rest, v)
		}
	}
	return rest
}

func checked(cs []*widget.Check) []string {
	var out []string
	for _, c := range cs {
		if c.Checked {
			out = append(out, c.Text)
		}
	}
	return out
}

func (f *sessionForm) planned() bool { return f.status.Selected == statusPlanned }

// updatePlanned hides what only a completed session has while the session is planned.
func (f *sessionForm) updatePlanned() {
	if f.rows == nil {
		return // still being built
	}
	mood := f.rows[model.FieldMoodBefore]
	mood.setShown(f.asksMood())
	if f.planned() {
		f.afterPart.Hide()
		f.plannedNote.Show()
		mood.label.SetText("Mood now")
		return
	}
	f.afterPart.Show()
	f.plannedNote.Hide()
	mood.label.SetText("Mood before")
}

// asksMood reports whether the form asks the mood before: not for a session planned
// for another day, when "now" is days before it.
func (f *sessionForm) asksMood() bool {
	if !f.planned() {
		return true
	}
	day, err := model.ParseDate(f.date.text(), time.Local)
	return err != nil || model.CalendarDays(f.store.Now(), day) <= 0
}

// draft reads every input as typed.
func (f *sessionForm) draft() model.SessionDraft {
	effects := checked(f.effects)
	for _, e := range strings.Split(f.otherEffects.Text, ",") {
		if e = strings.TrimSpace(e); e != "" && !slices.Contains(effects, e) {
			effects = append(effects, e)
		}
	}
	moodBefore := f.moodBefore.text()
	if !f.asksMood() {
		moodBefore = "" // not asked, for a session days away
	}
	return model.SessionDraft{
		ID: f.id, Created: f.created, Updated: f.version,
		Date: f.date.text(), Clock: f.clock.Text, Planned: f.planned(),
		Route: fromLabel(model.Routes, f.route.Selected), Dose: f.dose.Text,
		DoseUnit: fromLabel(model.DoseUnits, f.unit.Selected), Provider: f.provider.Text,
		Setting: fromLabel(model.SettingChoices, f.setting.Selected), Intention: f.intention.Text,
		MoodBefore: moodBefore, MoodAfter: f.moodAfter.text(),
		Intensity: f.intensity.text(), Dissociation: f.dissociation.text(),
		Character: checked(f.character), SideEffects: effects,
		BPBefore: f.bp[model.FieldBPBefore].entry.Text, BPAfter40: f.bp[model.FieldBPAfter40].entry.Text,
		BPDischarge: f.bp[model.FieldBPDischarge].entry.Text, DroveHome: f.droveHome.Text,
		Cost: f.cost.Text, Reimbursed: f.reimbursed.Text, Notes: f.notes.Text,
	}
}

func (f *sessionForm) onSave() {
	f.keeper.cancel()
	s, err := f.draft().Parse(f.store.Now(), time.Local)
	if err != nil {
		f.saveFailed(s, err)
		return
	}
	f.saveSession(s)
}

// saveSession saves s, refused when the stored session changed since the form's
// version: then the change made elsewhere is merged in, or both are shown.
func (f *sessionForm) saveSession(s model.Session) {
	saved, err := f.store.SaveSession(s)
	if err != nil {
		f.saveFailed(s, err)
		return
	}
	f.showProblems(nil)
	f.saved()
	if f.onSaved != nil {
		f.onSaved(saved)
	}
}

// saveFailed says why s was not saved; what was typed stays, kept as a draft.
func (f *sessionForm) saveFailed(s model.Session, err error) {
	f.keepDraft()
	var v *model.ValidationError
	switch {
	case errors.As(err, &v):
		f.showProblems(v)
	case model.ErrorCode(err) == model.EConflict:
		f.showProblems(nil)
		f.resolve(err, s)
	default:
		f.showProblems(nil)
		dialog.ShowError(errors.New(model.Message(err)), f.win)
	}
}

// onCancel closes the form; what was typed in it is thrown away after asking.
func (f *sessionForm) onCancel() {
	f.askDiscard(func() {
		if f.onClose != nil {
			f.onClose()
		}
	})
}

// showProblems puts each message next to its field and a summary by the Save button,
// the fields in the order of the form, and scrolls to the first.
func (f *sessionForm) showProblems(v *model.ValidationError) {
	defer f.scroll.Content.Refresh() // messages change row heights: lay the form out again
	var names []string
	var first messageTarget
	for _, key := range formOrder {
		t := f.targets[key]
		if t == nil {
			continue
		}
		msg := v.For(key)
		t.setMessage(msg)
		if msg != "" {
			names = append(names, t.name())
			if first == nil {
				first = t
			}
		}
	}
	f.setSummary(names)
	if first != nil {
		f.scroll.Content.Refresh()
		top := fyne.CurrentApp().Driver().AbsolutePositionForObject(first.anchor()).Y -
			fyne.CurrentApp().Driver().AbsolutePositionForObject(f.scroll.Content).Y
		f.scroll.ScrollToOffset(fyne.NewPos(0, max(0, top-3*theme.InnerPadding()))) // a little above the label, clear of the edge shadow
	}
}
