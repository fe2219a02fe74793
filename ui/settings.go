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

	interval *widget.Entry
	pcl5     *widget.Check
	name     *widget.Entry
	crisis   []model.CrisisLine
	lines    *fyne.Container
	rows     map[string]*fieldRow
	privacy  *privacySection
	theme    *widget.RadioGroup
	status   *widget.Label
	save     *widget.Button
	content  fyne.CanvasObject
}

func newSettingsScreen(st *store.Store, win fyne.Window, nav navigator, prefs *prefs) *settingsScreen {
	s := &settingsScreen{st: st, win: win, nav: nav, prefs: prefs}
	s.interval = widget.NewEntry()
	s.pcl5 = widget.NewCheck("Offer the PCL-5 (PTSD symptoms, 20 questions)", nil)
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder("Optional: printed on the report for your clinician")
	s.lines = container.NewVBox()
	s.rows = map[string]*fieldRow{
		model.FieldQuestionnaireDays: newFieldRow("Questionnaires", container.NewBorder(nil, nil, nil, &widget.Label{Text: "days after the last one"}, s.interval), "7 or 14 days are usual."),
		"pcl5":                       newFieldRow("PCL-5", s.pcl5, "Optional, for people whose treatment is also about trauma."),
		model.FieldReportName:        newFieldRow("Your name", s.name, ""),
		model.FieldCrisis:            newFieldRow("Crisis card", s.lines, "Shown when PHQ-9 question 9 is answered above 0 and from “Need help now?”. Keel never calls anyone."),
	}
	r := s.rows
	add := &widget.Button{Text: "Add a resource", Icon: theme.ContentAddIcon(), OnTapped: func() {
		s.crisis = append(s.crisis, model.CrisisLine{})
		s.drawLines()
	}}
	restore := &widget.Button{Text: "Restore the US defaults", Icon: theme.HistoryIcon(), OnTapped: func() {
		s.crisis = append([]model.CrisisLine{}, model.DefaultCrisisLines...)
		s.drawLines()
	}}
	preview := &widget.Button{Text: "Preview the card", OnTapped: nav.ShowCrisis}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.save = &widget.Button{Text: "Save settings", Importance: widget.HighImportance, OnTapped: s.onSave}
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
		formGrid(newFieldRow("Folder", container.NewBorder(nil, nil, nil, openFolder, folder), "The database (keel.db) and its backups. Start Keel with --data FOLDER to use another folder.")),
		heading("Reminders"),
		s.reminders(),
		heading("Appearance"),
		formGrid(newFieldRow("Theme", s.theme, "Text size follows your system's scale setting (or FYNE_SCALE).")),
		heading("Privacy"),
		s.privacy.content,
		heading("Questionnaires"),
		formGrid(r[model.FieldQuestionnaireDays], r["pcl5"]),
		heading("Report"),
		formGrid(r[model.FieldReportName]),
		heading("Crisis resources"),
		formGrid(r[model.FieldCrisis]),
		container.NewHBox(layout.NewSpacer(), add, restore, preview),
	)
	s.content = container.NewBorder(container.NewPadded(heading("Settings")),
		container.NewPadded(container.NewBorder(nil, nil, nil, s.save, s.status)), nil, nil,
		container.NewVScroll(container.NewPadded(body)))
	s.load()
	return s
}

func (s *settingsScreen) load() {
	st, err := s.st.Settings()
	if err != nil {
		showError(s.win, err)
		return
	}
	s.privacy.refresh()
	s.interval.SetText(strconv.Itoa(st.QuestionnaireDays))
	s.pcl5.SetChecked(st.PCL5)
	s.name.SetText(st.ReportName)
	s.crisis = append([]model.CrisisLine{}, st.Crisis...)
	s.drawLines()
}

func (s *settingsScreen) drawLines() {
	objs := make([]fyne.CanvasObject, len(s.crisis))
	for i, l := range s.crisis {
		name := widget.NewEntry()
		name.SetPlaceHolder("Name, e.g. 988 Suicide & Crisis Lifeline")
		name.SetText(l.Name)
		name.OnChanged = func(t string) { s.crisis[i].Name = t }
		detail := widget.NewEntry()
		detail.SetPlaceHolder("What to do, e.g. Call or text 988")
		detail.SetText(l.Detail)
		detail.OnChanged = func(t string) { s.crisis[i].Detail = t }
		del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() {
			s.crisis = append(s.crisis[:i], s.crisis[i+1:]...)
			s.drawLines()
		}}
		objs[i] = container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(2, name, detail))
	}
	s.lines.Objects = objs
	s.lines.Refresh()
}

func (s *settingsScreen) onSave() {
	st, err := s.st.Settings()
	if err != nil {
		showError(s.win, err)
		return
	}
	v := &model.ValidationError{}
	days, convErr := strconv.Atoi(s.interval.Text)
	if convErr != nil {
		days = 0 // refused below with the interval's message
	}
	st.QuestionnaireDays, st.PCL5, st.ReportName = days, s.pcl5.Checked, s.name.Text
	st.Crisis = append([]model.CrisisLine{}, s.crisis...)
	err = s.st.SaveSettings(st)
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
	case err != nil:
		showError(s.win, err)
	default:
		s.status.SetText("Saved.")
		s.nav.SettingsChanged()
	}
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
	at := widget.NewEntry()
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
