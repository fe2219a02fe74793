package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
	sysdesk "keel/ui/desktop"
)

// settingsScreen edits what Keel tracks: the questionnaire interval, the PCL-5, the
// name on the report, and the crisis resources (the one place they are kept).
type settingsScreen struct {
	st    *store.Store
	win   fyne.Window
	nav   navigator
	prefs *prefs

	interval *textEntry
	pcl5     *widget.Check
	pcl5Days *textEntry
	name     *textEntry
	crisis   []model.CrisisLine
	country  *countryPicker
	lines    *fyne.Container
	rows     map[string]*fieldRow
	privacy  *privacySection
	theme    *widget.RadioGroup
	status   *widget.Label
	save     *widget.Button
	content  fyne.CanvasObject

	// base is the settings as last read: a save is edited from them, and refused
	// when the stored ones changed since (settings_conflict.go).
	base model.Settings
}

func newSettingsScreen(st *store.Store, win fyne.Window, nav navigator, prefs *prefs) *settingsScreen {
	s := &settingsScreen{st: st, win: win, nav: nav, prefs: prefs}
	s.interval = newEntry()
	s.pcl5 = widget.NewCheck("Offer the PCL-5 (PTSD symptoms, 20 questions)", nil)
	s.pcl5Days = newEntry()
	s.name = newEntry()
	s.name.SetPlaceHolder("Optional: printed on the report for your clinician")
	s.lines = container.NewVBox()
	s.rows = map[string]*fieldRow{
		model.FieldQuestionnaireDays: newFieldRow("Questionnaires", newBorder(nil, nil, nil, &widget.Label{Text: "days after the last one"}, s.interval), "7 or 14 days are usual."),
		"pcl5":                       newFieldRow("PCL-5", s.pcl5, "Optional, for people whose treatment is also about trauma."),
		model.FieldPCL5Days:          newFieldRow("PCL-5 every", newBorder(nil, nil, nil, &widget.Label{Text: "days"}, s.pcl5Days), fmt.Sprintf("Monthly (%d) is usual. Every %d days or more often, it asks about the past week instead of the past month.", model.DefaultPCL5Days, model.PastWeekBelowDays-1)),
		model.FieldReportName:        newFieldRow("Your name", s.name, ""),
		model.FieldCrisis:            newFieldRow("Your own lines", s.lines, "Shown on the card after your country's lines: a friend, your therapist, your clinic's number. Keel never calls anyone."),
	}
	s.country = newCountryPicker("", nil)
	s.rows[model.FieldCountry] = newFieldRow("Your country", s.country.sel, "The crisis card shows this country's crisis lines and emergency number. “Another country” shows how to find yours.")
	r := s.rows
	add := &widget.Button{Text: "Add your own line", Icon: theme.ContentAddIcon(), OnTapped: func() {
		s.crisis = append(s.crisis, model.CrisisLine{})
		s.drawLines()
	}}
	preview := &widget.Button{Text: "Preview the card", OnTapped: nav.ShowCrisis}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.save = &widget.Button{Text: "Save settings", Importance: widget.HighImportance, OnTapped: s.onSave}
	s.interval.OnSubmitted = func(string) { tap(s.save) }
	s.name.OnSubmitted = func(string) { tap(s.save) }
	s.privacy = newPrivacySection(st, win, nav, prefs)
	themes := []string{"Follow the system", "Light", "Dark"}
	values := []string{themeSystem, themeLight, themeDark}
	s.theme = widget.NewRadioGroup(themes, nil)
	s.theme.Horizontal = true
	s.theme.Required = true
	for i, v := range values {
		if v == prefs.StringWithFallback(prefTheme, themeSystem) {
			s.theme.SetSelected(themes[i])
		}
	}
	s.theme.OnChanged = func(label string) { // set after the current choice, which needs no re-theming
		for i, l := range themes {
			if l == label {
				prefs.SetString(prefTheme, values[i])
				fyne.CurrentApp().Settings().SetTheme(themeFor(values[i]))
			}
		}
	}
	folder := &widget.Label{Text: filepath.Dir(st.Path()), Selectable: true, Wrapping: fyne.TextWrapBreak}
	openFolder := &widget.Button{Text: "Open the folder", Icon: theme.FolderOpenIcon(), OnTapped: nav.OpenDataFolder}
	body := container.NewVBox(
		heading("Your data folder"),
		formGrid(newFieldRow("Folder", newBorder(nil, nil, nil, openFolder, folder), "The database (keel.db) and its backups. Start Keel with --data FOLDER to use another folder.")),
		heading("Reminders"),
		s.reminders(),
		heading("Appearance"),
		formGrid(newFieldRow("Theme", s.theme, "Text size follows your system's scale setting (or FYNE_SCALE).")),
		heading("Privacy"),
		s.privacy.content,
		heading("Questionnaires"),
		formGrid(r[model.FieldQuestionnaireDays], r["pcl5"], r[model.FieldPCL5Days]),
		heading("Report"),
		formGrid(r[model.FieldReportName]),
		heading("Crisis resources"),
		formGrid(r[model.FieldCountry], r[model.FieldCrisis]),
		container.NewHBox(layout.NewSpacer(), add, preview),
	)
	_, scrolled := wheelScroll(container.NewPadded(body)) // the wheel works over its entries too
	s.content = newBorder(container.NewPadded(heading("Settings")),
		container.NewPadded(newBorder(nil, nil, nil, s.save, s.status)), nil, nil, scrolled)
	s.load()
	return s
}

func (s *settingsScreen) load() {
	st, err := s.st.Settings()
	if err != nil {
		showError(s.win, err)
		return
	}
	s.base = st
	s.privacy.refresh()
	s.interval.SetText(strconv.Itoa(st.QuestionnaireDays))
	s.pcl5.SetChecked(st.PCL5)
	s.pcl5Days.SetText(strconv.Itoa(st.IntervalDays(model.PCL5)))
	s.name.SetText(st.ReportName)
	s.crisis = st.OwnCrisisLines()
	s.country.set(st.Country)
	s.drawLines()
}

func (s *settingsScreen) drawLines() {
	objs := make([]fyne.CanvasObject, len(s.crisis))
	for i, l := range s.crisis {
		name := newEntry()
		name.SetPlaceHolder("Name, e.g. 988 Suicide & Crisis Lifeline")
		name.SetText(l.Name)
		name.OnChanged = func(t string) { s.crisis[i].Name = t }
		detail := newEntry()
		detail.SetPlaceHolder("What to do, e.g. Call or text 988")
		detail.SetText(l.Detail)
		detail.OnChanged = func(t string) { s.crisis[i].Detail = t }
		del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() {
			s.crisis = append(s.crisis[:i], s.crisis[i+1:]...)
			s.drawLines()
		}}
		objs[i] = newBorder(nil, nil, nil, del, container.NewGridWithColumns(2, name, detail))
	}
	s.lines.Objects = objs
	s.lines.Refresh()
}

func (s *settingsScreen) onSave() {
	st := s.base
	days, convErr := strconv.Atoi(s.interval.Text)
	if convErr != nil {
		days = 0 // refused below with the interval's message
	}
	st.QuestionnaireDays, st.PCL5, st.ReportName = days, s.pcl5.Checked, s.name.Text
	if st.PCL5Days, convErr = strconv.Atoi(s.pcl5Days.Text); convErr != nil {
		st.PCL5Days = -1 // refused below with the interval's message
	}
	st.Crisis = append([]model.CrisisLine{}, s.crisis...)
	st.Country = s.country.code()
	s.saveSettings(s.base, st)
}

// saveSettings saves st edited from base, says how it went, and reports whether it
// was saved.
func (s *settingsScreen) saveSettings(base, st model.Settings) bool {
	v := &model.ValidationError{}
	err := s.st.SaveSettingsOver(base, st)
	if !errors.As(err, &v) {
		v = nil
	}
	for key, row := range s.rows {
		row.setMessage(v.For(key))
	}
	s.content.Refresh()
	switch {
	case v != nil:
		s.status.SetText("Not saved yet: see the messages above.")
	case model.ErrorCode(err) == model.EConflict:
		s.resolve(err, base, st)
	case err != nil:
		showError(s.win, err)
	default:
		s.base = st
		s.status.SetText("Saved.")
		s.nav.SettingsChanged()
		return true
	}
	return false
}

// reminders builds the Reminders section. Its choices are kept at once in the app's
// preferences (they are about this computer, not about the records).
func (s *settingsScreen) reminders() fyne.CanvasObject {
	p := s.prefs
	rs := reminderSettings(p)
	check := func(text, key string, on bool) *widget.Check {
		c := widget.NewCheck(text, nil)
		c.SetChecked(on)
		c.OnChanged = func(v bool) { p.SetBool(key, v) }
		return c
	}
	at := newEntry()
	at.SetText(fmt.Sprintf("%02d:%02d", rs.CheckInHour, rs.CheckInMinute))
	atRow := newFieldRow("At", container.NewGridWithColumns(3, at), "")
	at.OnChanged = func(t string) {
		h, m, err := model.ParseClock(t)
		if err != nil {
			atRow.setMessage("Write the time like 20:00 or 8 pm.")
			return
		}
		atRow.setMessage("")
		p.SetString(prefRemindCheckInAt, fmt.Sprintf("%02d:%02d", h, m))
	}
	box := container.NewVBox(
		hintText("Reminders come as desktop notifications while Keel is running, never for demo data. Click one to open what it is about."),
		check("Daily check-in", prefRemindCheckIn, rs.CheckIn),
		formGrid(atRow),
		check("Questionnaires when they are due", prefRemindScores, rs.Questionnaires),
		check("The follow-ups after a session (+4 h, +24 h, +48 h, +72 h)", prefRemindFollowUps, rs.FollowUps),
		check("The evening before a planned session (19:00): open the checklist", prefRemindPrepare, rs.Prepare),
		s.launchAtLogin(),
	)
	// Only a desktop that shows tray icons can bring a hidden window back.
	if hasTrayHost() {
		box.Add(check("Keep Keel in the system tray when its window is closed, so reminders still come", prefStayInTray, p.Bool(prefStayInTray)))
	}
	return box
}

// launchAtLogin is the "Launch Keel at login" switch (off until switched on): an
// entry in the desktop's autostart (ui/desktop.Autostart) that starts this Keel on
// this data folder, removed when switched off.
func (s *settingsScreen) launchAtLogin() fyne.CanvasObject {
	on, _, err := sysdesk.Enabled()
	if err != nil {
		fyne.LogError("Cannot tell whether Keel starts at login", err)
	}
	c := widget.NewCheck("Launch Keel at login, so reminders come without opening it first", nil)
	c.SetChecked(on)
	var onChanged func(bool)
	onChanged = func(want bool) {
		var err error
		if want {
			var a sysdesk.Autostart
			if a, err = sysdesk.NewAutostart(dataFolder(s.prefs, s.st)); err == nil {
				err = a.Enable()
			}
		} else {
			err = sysdesk.Disable()
		}
		if err != nil {
			showError(s.win, err)
			now, _, _ := sysdesk.Enabled() // the switch shows what is there
			c.OnChanged = nil
			c.SetChecked(now)
			c.OnChanged = onChanged
		}
	}
	c.OnChanged = onChanged
	return c
}
