package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/daylio"
	"keel/model/exchange"
	"keel/model/report"
	"keel/model/store"
)

// dataScreen is "Your data is yours": exports, imports, the clinician's report, and
// backups with restore. Long operations run off the UI goroutine behind a progress
// dialog and report back with fyne.Do.
type dataScreen struct {
	st  *store.Store
	win fyne.Window
	nav navigator

	backups  []store.Backup
	selected int
	list     *widget.List
	reminder *widget.Label
	status   *widget.Label
	content  fyne.CanvasObject
}

func newDataScreen(st *store.Store, win fyne.Window, nav navigator) *dataScreen {
	d := &dataScreen{st: st, win: win, nav: nav}
	d.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.reminder = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	d.list = widget.NewList(func() int { return len(d.backups) },
		func() fyne.CanvasObject {
			return newBorder(nil, nil, nil, &widget.Label{Text: "12.3 MB"}, &widget.Label{Text: "Wednesday 25 November 2026, 21:30"})
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			b := d.backups[id]
			objs := o.(*fyne.Container).Objects
			objs[0].(*widget.Label).SetText(b.Taken.Format("Monday 2 January 2006, 15:04"))
			objs[1].(*widget.Label).SetText(sizeText(b.Size))
		})
	action := func(text string, icon fyne.Resource, fn func()) *widget.Button {
		return &widget.Button{Text: text, Icon: icon, Alignment: widget.ButtonAlignLeading, OnTapped: fn}
	}
	exports := container.NewVBox(
		heading("Take your data with you"),
		hintText("Everything stays on this computer unless you export it. Exports are files you choose where to put."),
		action("Export everything (JSON, can be imported again)…", theme.DocumentSaveIcon(), d.onExportJSON),
		action("Export spreadsheets (one CSV per kind of record)…", theme.DocumentSaveIcon(), d.onExportCSV),
		heading("For your clinician"),
		action("Clinician's report (PDF)…", theme.DocumentPrintIcon(), d.onReport),
		heading("Bring data in"),
		action("Import a Keel export…", theme.DownloadIcon(), d.onImport),
		action("Import a Daylio export (CSV)…", theme.DownloadIcon(), d.onImportDaylio),
	)
	restore := &widget.Button{Text: "Restore the selected backup…", Icon: theme.HistoryIcon(), OnTapped: d.onRestore}
	backupNow := &widget.Button{Text: "Back up now", Icon: theme.StorageIcon(), OnTapped: d.onBackupNow}
	backups := newBorder(
		container.NewVBox(heading("Backups"),
			hintText("Keel copies its database once a day when it starts, keeping the last 7 days and 4 weeks before that, in the folder beside it."),
			d.reminder),
		container.NewVBox(container.NewHBox(backupNow, restore), d.status),
		nil, nil, d.list)
	d.selected = -1
	d.list.OnSelected = func(id widget.ListItemID) { d.selected = id }
	d.list.OnUnselected = func(widget.ListItemID) { d.selected = -1 }
	split := container.NewHSplit(container.NewVScroll(container.NewPadded(exports)), container.NewPadded(backups))
	split.SetOffset(0.5)
	d.content = newBorder(container.NewPadded(heading("Your data")), nil, nil, nil, newReflowSplit(split))
	d.reload()
	return d
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// reload lists the backups and says when the newest is getting old.
func (d *dataScreen) reload() {
	list, err := d.st.Backups()
	if err != nil {
		showError(d.win, err)
	}
	d.backups = list
	d.list.UnselectAll()
	d.selected = -1
	d.list.Refresh()
	switch age := backupAge(d.st.Now(), list); {
	case len(list) == 0:
		d.reminder.SetText("There is no backup yet.")
		d.reminder.Show()
	case age > 7*24*time.Hour:
		d.reminder.SetText("The newest backup is " + model.Count(int(age.Hours()/24), "day") + " old.")
		d.reminder.Show()
	default:
		d.reminder.Hide()
	}
}

func backupAge(now time.Time, list []store.Backup) time.Duration {
	if len(list) == 0 {
		return 0
	}
	return now.Sub(list[0].Taken)
}

func (d *dataScreen) onExportJSON() {
	d.withExportPassphrase(func(pass []byte) {
		name := "keel-export-" + d.st.Now().Format("2006-01-02") + ".json"
		if pass != nil {
			name += exchange.AgeExt
		}
		savePath(d.win, name, func(path string) { d.exportJSON(path, pass) })
	})
}

// withExportPassphrase calls fn with nil for a plain database, or, for an encrypted
// one, with the passphrase once the user has typed it and it has been checked:
// exports of encrypted data are encrypted with the same passphrase.
func (d *dataScreen) withExportPassphrase(fn func(pass []byte)) {
	if !d.st.Encrypted() {
		fn(nil)
		return
	}
	pass, row := passwordRow("Passphrase", "", "")
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Your data is encrypted, so the export will be too, with the same passphrase (age encryption: “age -d” opens it)."}
	newPassphraseDialog(d.win, "Encrypted export", "Continue", intro, []*fieldRow{row}, nil, func(pd *passphraseDialog) {
		secret := []byte(pass.Text)
		pd.ok.Disable()
		d.nav.Busy("Checking the passphrase", func() error { return d.st.CheckPassphrase(secret) }, func(err error) {
			pd.ok.Enable()
			if err != nil {
				pd.msg.SetText(model.Message(err))
				return
			}
			pd.dlg.Hide()
			fn(secret)
		})
	})
}

// exportJSON writes every record to path, encrypted for pass when it is not nil.
func (d *dataScreen) exportJSON(path string, pass []byte) {
	d.nav.Busy("Exporting", func() error {
		e, err := exchange.Snapshot(d.st)
		if err != nil {
			return err
		}
		return exchange.WriteJSONFile(d.st, &e, path, pass)
	}, func(err error) {
		if err != nil {
			showError(d.win, fmt.Errorf("nothing was exported to %s: %w", path, err))
			return
		}
		d.status.SetText("Exported everything to " + path + ".")
	})
}

func (d *dataScreen) onExportCSV() {
	d.withExportPassphrase(func(pass []byte) {
		dlg := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err == nil && dir != nil {
				d.exportCSV(filepath.Join(dir.Path(), "keel-csv-"+d.st.Now().Format("2006-01-02")), pass)
			}
		}, d.win)
		dlg.Resize(fyne.NewSize(900, 600))
		dlg.Show()
	})
}

// exportCSV writes one CSV per kind of record into the folder dir, each encrypted for
// pass when it is not nil.
func (d *dataScreen) exportCSV(dir string, pass []byte) {
	d.nav.Busy("Exporting spreadsheets", func() error {
		e, err := exchange.Snapshot(d.st)
		if err != nil {
			return err
		}
		return exchange.WriteCSVFiles(d.st, &e, dir, pass)
	}, func(err error) {
		if err != nil {
			showError(d.win, fmt.Errorf("the CSV export to %s failed: %w", dir, err))
			return
		}
		var files []string
		for _, k := range model.Kinds {
			files = append(files, exchange.CSVFile(k))
		}
		what := strings.Join(files, ", ")
		if pass != nil {
			what += " (each encrypted with age: “age -d” opens them)"
		}
		d.status.SetText("Exported " + what + " to " + dir + ".")
	})
}

func (d *dataScreen) onImport() { openPath(d.win, []string{".json"}, d.importJSON) }

// importJSON opens a Keel export (asking for its passphrase when it is encrypted),
// works out what importing it would do without writing anything, and asks: import,
// keep mine or use the file's where records differ, or cancel. The file is read one
// record at a time, so a large export never fills the memory.
func (d *dataScreen) importJSON(path string) {
	encrypted, err := exchange.IsEncryptedExport(path)
	if err != nil {
		showError(d.win, err)
		return
	}
	if !encrypted {
		d.planImport(path, nil)
		return
	}
	pass, row := passwordRow("Passphrase", "", "")
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: filepath.Base(path) + " is encrypted. Enter the passphrase it was exported with."}
	newPassphraseDialog(d.win, "Encrypted export", "Open", intro, []*fieldRow{row}, nil, func(pd *passphraseDialog) {
		pd.dlg.Hide()
		d.planImport(path, []byte(pass.Text))
	})
}

// planImport opens the file and works out, off the window's goroutine, what an
// import would do (exchange.Plan), then asks.
func (d *dataScreen) planImport(path string, pass []byte) {
	var src *exchange.Source
	var plan, asNew store.ImportResult
	d.nav.Busy("Reading the export", func() error {
		var err error
		if src, err = exchange.OpenSource(path, func() []byte { return pass }); err != nil {
			return err
		}
		if plan, err = exchange.Plan(d.st, src, store.ImportOptions{}); err != nil {
			return err
		}
		if plan.From == store.OlderExport && plan.Different() > 0 {
			asNew, err = exchange.Plan(d.st, src, store.ImportOptions{AsNew: true})
		}
		return err
	}, func(err error) {
		if err != nil {
			if src != nil {
				src.Close()
			}
			showError(d.win, err)
			return
		}
		d.confirmImport(src, plan, asNew)
	})
}

// confirmImport says what the import would do and asks. Cancel imports nothing.
func (d *dataScreen) confirmImport(src *exchange.Source, plan, asNew store.ImportResult) {
	name := filepath.Base(src.Path())
	text := plan.Summary()
	if plan.Different() > 0 {
		text += "\n\nKeel takes a backup first. For the records that differ from yours, keep yours or use the file's?"
	} else {
		text += "\n\nKeel takes a backup first."
	}
	if plan.From == store.OlderExport && plan.Different() > 0 {
		text += "\n\nThis file does not say which Keel made it. If it came from another install (another computer, or a fresh start), choose “It is from another Keel”: " + asNew.Summary()
	}
	body := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	dlg := dialog.NewCustomWithoutButtons("Import "+name, container.NewVScroll(body), d.win)
	run := func(opt store.ImportOptions) func() {
		return func() {
			dlg.Hide()
			d.runImport(src, opt)
		}
	}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { dlg.Hide(); src.Close() }}
	buttons := []fyne.CanvasObject{cancel}
	switch {
	case plan.Different() > 0:
		buttons = append(buttons,
			&widget.Button{Text: "Keep mine", OnTapped: run(store.ImportOptions{})},
			&widget.Button{Text: "Use the file's", OnTapped: run(store.ImportOptions{Replace: true})})
		if plan.From == store.OlderExport {
			buttons = append(buttons, &widget.Button{Text: "It is from another Keel", OnTapped: run(store.ImportOptions{AsNew: true})})
		}
	case plan.Added+plan.Updated > 0 || len(plan.Refused) > 0:
		buttons = append(buttons, &widget.Button{Text: "Import", Importance: widget.HighImportance, OnTapped: run(store.ImportOptions{})})
	default:
		cancel.SetText("Close") // nothing to import
	}
	dlg.SetButtons(buttons)
	dlg.Resize(fyne.NewSize(640, 320))
	dlg.Show()
}

// runImport takes a backup, then imports src, off the window's goroutine.
func (d *dataScreen) runImport(src *exchange.Source, opt store.ImportOptions) {
	var res store.ImportResult
	d.nav.Busy("Importing", func() error {
		defer src.Close()
		var err error
		res, err = exchange.ImportSource(d.st, src, opt)
		return err
	}, func(err error) {
		if err != nil {
			showError(d.win, err)
			return
		}
		d.showResult("Import finished", res)
	})
}

// showResult reports an import: the counts, then each record not added and why.
func (d *dataScreen) showResult(title string, res store.ImportResult) {
	text := res.Summary()
	problems := res.Problems()
	for i, p := range problems {
		if i == 20 {
			text += fmt.Sprintf("\n… and %d more.", len(problems)-20)
			break
		}
		text += "\n• " + p.String()
	}
	d.status.SetText(res.Summary())
	d.reload()
	d.nav.RecordsChanged()
	dialog.ShowInformation(title, text, d.win)
}

func (d *dataScreen) onImportDaylio() { openPath(d.win, []string{".csv"}, d.importDaylio) }

// importDaylio reads a Daylio export off the window's goroutine; mood names Keel
// does not know are mapped in a small dialog first.
func (d *dataScreen) importDaylio(path string) {
	var file *daylio.File
	d.nav.Busy("Reading the Daylio export", func() error {
		var err error
		file, err = exchange.ReadDaylio(path, time.Local)
		return err
	}, func(err error) {
		if err != nil {
			showError(d.win, err)
			return
		}
		d.finishDaylio(file, map[string]int{})
	})
}

// finishDaylio works out what importing file with mapping would do (off the
// window's goroutine), asks for the moods still without a value, then says what
// will happen and asks before importing. The mapping is remembered for the next
// Daylio file; a changed value updates the check-ins imported with the old one.
func (d *dataScreen) finishDaylio(file *daylio.File, mapping map[string]int) {
	var plan exchange.DaylioPlan
	d.nav.Busy("Reading the Daylio export", func() error {
		var err error
		plan, err = exchange.PlanDaylio(d.st, file, mapping)
		return err
	}, func(err error) {
		if err != nil {
			showError(d.win, err)
			return
		}
		if len(plan.Unmapped) > 0 {
			moodMapping(d.win, plan.Moods, func(m map[string]int) { d.finishDaylio(file, m) })
			return
		}
		d.confirmDaylio(file, plan)
	})
}

// confirmDaylio says what the Daylio import will do and asks.
func (d *dataScreen) confirmDaylio(file *daylio.File, plan exchange.DaylioPlan) {
	text := plan.Result.Summary()
	for _, c := range plan.Result.Changes {
		text += fmt.Sprintf("\n• “%s” %d to %d: %d check-ins updated", c.Mood, c.From, c.To, c.CheckIns)
	}
	body := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	dlg := dialog.NewCustomWithoutButtons("Import from Daylio", container.NewVScroll(body), d.win)
	cancel := &widget.Button{Text: "Cancel", OnTapped: dlg.Hide}
	change := &widget.Button{Text: "Change mood values…", OnTapped: func() {
		dlg.Hide()
		moodMapping(d.win, plan.Moods, func(m map[string]int) { d.finishDaylio(file, m) })
	}}
	buttons := []fyne.CanvasObject{cancel, change}
	if plan.Nothing() {
		cancel.SetText("Close")
	} else {
		buttons = append(buttons, &widget.Button{Text: "Import", Importance: widget.HighImportance, OnTapped: func() {
			dlg.Hide()
			d.runDaylio(file, plan.Mapping)
		}})
	}
	dlg.SetButtons(buttons)
	dlg.Resize(fyne.NewSize(600, 280))
	dlg.Show()
}

// runDaylio takes a backup, then imports file with mapping.
func (d *dataScreen) runDaylio(file *daylio.File, mapping map[string]int) {
	var res store.ImportResult
	d.nav.Busy("Importing from Daylio", func() error {
		var err error
		res, err = exchange.ImportDaylio(d.st, file, mapping)
		return err
	}, func(err error) {
		if err != nil {
			showError(d.win, err)
			return
		}
		d.showResult("Daylio import finished", res)
	})
}

// moodMapping asks what each Daylio mood means on Keel's 0-10 scale, each set to the
// value it has now (given, remembered from the last import, or Daylio's default). The
// dialog stays open until every mood has a value (the row of a missing one says so),
// or the person cancels; done gets the mapping, keyed by the lower-case name.
func moodMapping(win fyne.Window, moods []exchange.DaylioMood, done func(map[string]int)) *dialog.CustomDialog {
	values := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}
	selects := make([]*widget.Select, len(moods))
	fields := make([]*fieldRow, len(moods))
	for i, m := range moods {
		selects[i] = widget.NewSelect(values, nil)
		selects[i].PlaceHolder = "choose"
		if m.Value != nil {
			selects[i].SetSelectedIndex(*m.Value)
		}
		hint := ""
		switch m.From {
		case exchange.MoodRemembered:
			hint = "As you chose last time."
		case exchange.MoodDefault:
			hint = "Daylio's own mood."
		}
		fields[i] = newFieldRow(m.Name, selects[i], hint)
		selects[i].OnChanged = func(string) { fields[i].setMessage("") }
	}
	intro := hintText("Daylio lets people name their own moods, so Keel asks what they mean on its scale: 0 = as low as it gets, 10 = very good. Keel remembers your choices for the next Daylio file; changing one updates the check-ins imported with it.")
	msg := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	content := container.NewVBox(intro, formGrid(fields...), msg)
	dlg := dialog.NewCustomWithoutButtons("Map your moods", container.NewVScroll(content), win)
	next := &widget.Button{Text: "Continue", Importance: widget.HighImportance, OnTapped: func() {
		m := map[string]int{}
		var missing []string
		for i, s := range selects {
			if s.SelectedIndex() < 0 {
				fields[i].setMessage("Choose a value for this mood.")
				missing = append(missing, "“"+moods[i].Name+"”")
				continue
			}
			m[strings.ToLower(strings.TrimSpace(moods[i].Name))] = s.SelectedIndex()
		}
		if len(missing) > 0 {
			msg.SetText("Choose a value for " + strings.Join(missing, ", ") + " first; nothing was imported yet.")
			content.Refresh()
			return
		}
		dlg.Hide()
		done(m)
	}}
	cancel := &widget.Button{Text: "Cancel", OnTapped: dlg.Hide}
	dlg.SetButtons([]fyne.CanvasObject{cancel, next})
	dlg.Resize(fyne.NewSize(560, min(600, 240+float32(len(moods))*60)))
	dlg.Show()
	return dlg
}

func (d *dataScreen) onBackupNow() {
	var b store.Backup
	d.nav.Busy("Backing up", func() error {
		var err error
		b, err = d.st.Backup()
		return err
	}, func(err error) {
		if err != nil {
			showError(d.win, err)
			return
		}
		d.status.SetText("Backed up to " + b.Path + ".")
		d.reload()
	})
}

func (d *dataScreen) onRestore() {
	sel := d.selected
	if sel < 0 || sel >= len(d.backups) {
		dialog.ShowInformation("Restore", "Choose a backup in the list first.", d.win)
		return
	}
	b := d.backups[sel]
	var plan store.RestorePlan
	d.nav.Busy("Checking the backup", func() error {
		var err error
		plan, err = d.st.PlanRestore(b)
		return err
	}, func(err error) {
		if err != nil {
			showError(d.win, fmt.Errorf("nothing was changed: %w", err))
			return
		}
		d.confirmRestore(plan)
	})
}

// confirmRestore says what the restore will do (store.RestorePlan: it never turns
// encryption off or brings back an older passphrase) and asks; a backup sealed with a
// key the data no longer has needs the passphrase it was protected by.
func (d *dataScreen) confirmRestore(plan store.RestorePlan) {
	intro := &widget.Label{Text: plan.Summary(), Wrapping: fyne.TextWrapWord}
	if plan.NeedsPassphrase {
		pass, row := passwordRow("That passphrase", "", "")
		newPassphraseDialog(d.win, "Restore a backup", "Restore", intro, []*fieldRow{row}, nil, func(pd *passphraseDialog) {
			pd.dlg.Hide()
			d.restore(plan.Backup, store.RestoreOptions{BackupPassphrase: []byte(pass.Text)})
		})
		return
	}
	dlg := dialog.NewCustomConfirm("Restore a backup", "Restore", "Cancel", intro, func(ok bool) {
		if ok {
			d.restore(plan.Backup, store.RestoreOptions{})
		}
	}, d.win)
	dlg.Resize(fyne.NewSize(560, 220))
	dlg.Show()
}

// restore replaces the database with b, keeping the current one as a backup first.
func (d *dataScreen) restore(b store.Backup, opt store.RestoreOptions) {
	var aside string
	d.nav.Busy("Restoring", func() error {
		var err error
		aside, err = d.st.RestoreWith(b, opt)
		return err
	}, func(err error) {
		if err != nil {
			showError(d.win, fmt.Errorf("nothing was changed: %w", err))
			return
		}
		d.status.SetText("Restored the backup of " + b.Taken.Format("2 January 2006, 15:04") + ". Your data from before is kept as the backup " + filepath.Base(aside) + ".")
		d.reload()
		d.nav.RecordsChanged()
	})
}

// onReport asks for the period, then where to save the clinician's PDF report.
func (d *dataScreen) onReport() {
	now := d.st.Now()
	from, to := newDateInput(d.win), newDateInput(d.win)
	from.setDate(now.AddDate(0, 0, -(report.DefaultDays - 1)))
	to.setDate(now)
	msg := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "One page for your clinician: your latest scores with their bands, the trend, your sessions with doses as recorded and blood pressure flags, preparation and follow-ups, and the verdict. It says that the data is self-reported. Your notes and journal are not included."}
	if d.st.Encrypted() {
		intro.Text += " The PDF is not encrypted: it is meant to be printed or handed over."
	}
	helps := widget.NewCheck("Add what helps: one line for each pattern the What helps screen found linked to better or harder weeks", nil)
	content := container.NewVBox(intro, formGrid(newFieldRow("From", from.object(), ""), newFieldRow("To", to.object(), "")),
		helps, hintText("Off unless you switch it on. They are patterns in your own records over all your history, not proof of cause."), msg)
	dlg := dialog.NewCustomConfirm("Clinician's report (PDF)", "Choose where to save…", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		f, err1 := model.ParseDate(from.text(), time.Local)
		t, err2 := model.ParseDate(to.text(), time.Local)
		if err := errors.Join(err1, err2); err != nil {
			showError(d.win, fmt.Errorf("the period is not clear: %w", err))
			return
		}
		opt := report.Options{From: f, To: t, Loc: time.Local, WhatHelps: helps.Checked}
		savePath(d.win, "keel-report-"+now.Format("2006-01-02")+".pdf", func(path string) { d.saveReport(path, opt) })
	}, d.win)
	dlg.Resize(fyne.NewSize(640, 420))
	dlg.Show()
}

// saveReport writes the report for opt to path.
func (d *dataScreen) saveReport(path string, opt report.Options) {
	d.nav.Busy("Making the report", func() error { return report.Save(d.st, path, opt) }, func(err error) {
		if err != nil {
			showError(d.win, fmt.Errorf("no report was written to %s: %w", path, err))
			return
		}
		d.status.SetText("Saved the report to " + path + ".")
	})
}
