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
	"fyne.io/fyne/v2/storage"
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
	u *UI

	backups  []store.Backup
	selected int
	list     *widget.List
	reminder *widget.Label
	status   *widget.Label
	content  fyne.CanvasObject
}

func (u *UI) buildData() fyne.CanvasObject {
	u.data = newDataScreen(u)
	return u.data.content
}

func newDataScreen(u *UI) *dataScreen {
	d := &dataScreen{u: u}
	d.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.reminder = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	d.list = widget.NewList(func() int { return len(d.backups) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, &widget.Label{Text: "12.3 MB"}, &widget.Label{Text: "Wednesday 25 November 2026, 21:30"})
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
	backups := container.NewBorder(
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
	d.content = container.NewBorder(container.NewPadded(heading("Your data")), nil, nil, nil, split)
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
	list, err := d.u.store.Backups()
	if err != nil {
		d.u.showError(err)
	}
	d.backups = list
	d.list.UnselectAll()
	d.selected = -1
	d.list.Refresh()
	switch age := backupAge(d.u.store.Now(), list); {
	case len(list) == 0:
		d.reminder.SetText("There is no backup yet.")
		d.reminder.Show()
	case age > 7*24*time.Hour:
		d.reminder.SetText(fmt.Sprintf("The newest backup is %d days old.", int(age.Hours()/24)))
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

// busy runs work off the UI goroutine behind a modal progress dialog, then calls done
// with its error on the UI goroutine. The window never freezes.
func (u *UI) busy(title string, work func() error, done func(error)) {
	bar := widget.NewProgressBarInfinite()
	dlg := dialog.NewCustomWithoutButtons(title, container.NewVBox(bar, hintText("This can take a few seconds.")), u.win)
	dlg.Show()
	u.async(func() {
		err := work()
		fyne.Do(func() {
			dlg.Hide()
			done(err)
		})
	})
}

// savePath asks for a file to write, offering name; fn gets its path.
func (u *UI) savePath(name string, fn func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		fn(path)
	}, u.win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// openPath asks for a file to read; fn gets its path.
func (u *UI) openPath(ext []string, fn func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		fn(path)
	}, u.win)
	if len(ext) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(ext))
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (d *dataScreen) onExportJSON() {
	d.withExportPassphrase(func(pass []byte) {
		name := "keel-export-" + d.u.store.Now().Format("2006-01-02") + ".json"
		if pass != nil {
			name += exchange.AgeExt
		}
		d.u.savePath(name, func(path string) { d.exportJSON(path, pass) })
	})
}

// withExportPassphrase calls fn with nil for a plain database, or, for an encrypted
// one, with the passphrase once the user has typed it and it has been checked:
// exports of encrypted data are encrypted with the same passphrase.
func (d *dataScreen) withExportPassphrase(fn func(pass []byte)) {
	if !d.u.store.Encrypted() {
		fn(nil)
		return
	}
	pass, row := passwordRow("Passphrase", "")
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Your data is encrypted, so the export will be too, with the same passphrase (age encryption: “age -d” opens it)."}
	d.u.newPassphraseDialog("Encrypted export", "Continue", intro, []*fieldRow{row}, nil, func(pd *passphraseDialog) {
		secret := []byte(pass.Text)
		pd.ok.Disable()
		d.u.busy("Checking the passphrase", func() error { return d.u.store.CheckPassphrase(secret) }, func(err error) {
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
	d.u.busy("Exporting", func() error {
		e, err := exchange.Snapshot(d.u.store)
		if err != nil {
			return err
		}
		return exchange.WriteJSONFile(d.u.store, &e, path, pass)
	}, func(err error) {
		if err != nil {
			d.u.showError(fmt.Errorf("nothing was exported to %s: %w", path, err))
			return
		}
		d.status.SetText("Exported everything to " + path + ".")
	})
}

func (d *dataScreen) onExportCSV() {
	d.withExportPassphrase(func(pass []byte) {
		dlg := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err == nil && dir != nil {
				d.exportCSV(filepath.Join(dir.Path(), "keel-csv-"+d.u.store.Now().Format("2006-01-02")), pass)
			}
		}, d.u.win)
		dlg.Resize(fyne.NewSize(900, 600))
		dlg.Show()
	})
}

// exportCSV writes one CSV per kind of record into the folder dir, each encrypted for
// pass when it is not nil.
func (d *dataScreen) exportCSV(dir string, pass []byte) {
	d.u.busy("Exporting spreadsheets", func() error {
		e, err := exchange.Snapshot(d.u.store)
		if err != nil {
			return err
		}
		return exchange.WriteCSVFiles(d.u.store, &e, dir, pass)
	}, func(err error) {
		if err != nil {
			d.u.showError(fmt.Errorf("the CSV export to %s failed: %w", dir, err))
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

func (d *dataScreen) onImport() { d.u.openPath([]string{".json"}, d.importJSON) }

// importJSON reads a Keel export (asking for its passphrase when it is encrypted),
// says what it would do, and imports it once the user chooses what to do with records
// that differ.
func (d *dataScreen) importJSON(path string) {
	encrypted, err := exchange.IsEncryptedExport(path)
	if err != nil {
		d.u.showError(err)
		return
	}
	if !encrypted {
		d.readAndImport(path, nil)
		return
	}
	pass, row := passwordRow("Passphrase", "")
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: filepath.Base(path) + " is encrypted. Enter the passphrase it was exported with."}
	d.u.newPassphraseDialog("Encrypted export", "Open", intro, []*fieldRow{row}, nil, func(pd *passphraseDialog) {
		pd.dlg.Hide()
		d.readAndImport(path, []byte(pass.Text))
	})
}

func (d *dataScreen) readAndImport(path string, pass []byte) {
	var e exchange.Export
	d.u.busy("Reading the export", func() error {
		var err error
		e, err = exchange.ReadFile(path, func() []byte { return pass })
		return err
	}, func(err error) {
		if err != nil {
			d.u.showError(fmt.Errorf("%s can't be imported: %w", filepath.Base(path), err))
			return
		}
		d.confirmImport(path, e)
	})
}

func (d *dataScreen) confirmImport(path string, e exchange.Export) {
	msg := fmt.Sprintf("%s holds %d records (%s).\n\n"+
		"Keel takes a backup first. Records already here are skipped. If the file has a different version of a record that is here, keep yours or use the file's?",
		filepath.Base(path), e.Count(), e.Summary())
	dlg := dialog.NewConfirm("Import", msg, func(useFile bool) {
		d.runImport(e, store.ImportOptions{Replace: useFile})
	}, d.u.win)
	dlg.SetConfirmText("Use the file's")
	dlg.SetDismissText("Keep mine")
	dlg.Show()
}

func (d *dataScreen) runImport(e exchange.Export, opt store.ImportOptions) {
	var res store.ImportResult
	d.u.busy("Importing", func() error {
		var err error
		res, err = exchange.Import(d.u.store, e, opt)
		return err
	}, func(err error) {
		if err != nil {
			d.u.showError(err)
			return
		}
		d.showResult("Import finished", res)
	})
}

// showResult reports an import: the counts, then each record not added and why.
func (d *dataScreen) showResult(title string, res store.ImportResult) {
	text := res.Summary()
	problems := append(append([]store.ImportProblem{}, res.Conflicts...), res.Refused...)
	for i, p := range problems {
		if i == 20 {
			text += fmt.Sprintf("\n… and %d more.", len(problems)-20)
			break
		}
		text += "\n• " + p.String()
	}
	d.status.SetText(res.Summary())
	d.reload()
	d.u.refreshAll()
	dialog.ShowInformation(title, text, d.u.win)
}

func (d *dataScreen) onImportDaylio() { d.u.openPath([]string{".csv"}, d.importDaylio) }

// importDaylio reads a Daylio export off the window's goroutine; mood names Keel
// does not know are mapped in a small dialog first.
func (d *dataScreen) importDaylio(path string) {
	var file *daylio.File
	d.u.busy("Reading the Daylio export", func() error {
		var err error
		file, err = exchange.ReadDaylio(path, time.Local)
		return err
	}, func(err error) {
		if err != nil {
			d.u.showError(err)
			return
		}
		d.finishDaylio(file, map[string]int{})
	})
}

// finishDaylio imports file with mapping, asking for the moods it lacks first.
func (d *dataScreen) finishDaylio(file *daylio.File, mapping map[string]int) {
	if unknown := file.UnknownMoods(mapping); len(unknown) > 0 {
		d.u.moodMapping(unknown, func(m map[string]int) { d.finishDaylio(file, m) })
		return
	}
	var res store.ImportResult
	d.u.busy("Importing from Daylio", func() error {
		var err error
		res, err = exchange.ImportDaylio(d.u.store, file, mapping)
		return err
	}, func(err error) {
		if err != nil {
			d.u.showError(err)
			return
		}
		d.showResult("Daylio import finished", res)
	})
}

// moodMapping asks what each unknown Daylio mood means on Keel's 0-10 scale.
func (u *UI) moodMapping(names []string, done func(map[string]int)) *dialog.ConfirmDialog {
	values := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}
	selects := make([]*widget.Select, len(names))
	var rows []fyne.CanvasObject
	for i, n := range names {
		selects[i] = widget.NewSelect(values, nil)
		selects[i].PlaceHolder = "choose"
		rows = append(rows, newFieldRow(n, selects[i], "").label, selects[i])
	}
	intro := hintText("Daylio lets people name their own moods, so Keel asks what these mean on its scale: 0 = as low as it gets, 10 = very good. (Daylio's own rad, good, meh, bad and awful are 10, 8, 5, 2 and 0.)")
	content := container.NewVBox(intro, container.New(formLayout{}, rows...))
	dlg := dialog.NewCustomConfirm("Map your moods", "Import", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		m := map[string]int{}
		for i, s := range selects {
			if s.SelectedIndex() < 0 {
				u.showError(errors.New("choose a value for “" + names[i] + "” first; nothing was imported"))
				return
			}
			m[strings.ToLower(strings.TrimSpace(names[i]))] = s.SelectedIndex()
		}
		done(m)
	}, u.win)
	dlg.Resize(fyne.NewSize(560, 200+float32(len(names))*44))
	dlg.Show()
	u.moodDialog = selects
	return dlg
}

func (d *dataScreen) onBackupNow() {
	var b store.Backup
	d.u.busy("Backing up", func() error {
		var err error
		b, err = d.u.store.Backup()
		return err
	}, func(err error) {
		if err != nil {
			d.u.showError(err)
			return
		}
		d.status.SetText("Backed up to " + b.Path + ".")
		d.reload()
	})
}

func (d *dataScreen) onRestore() {
	sel := d.selected
	if sel < 0 || sel >= len(d.backups) {
		dialog.ShowInformation("Restore", "Choose a backup in the list first.", d.u.win)
		return
	}
	b := d.backups[sel]
	msg := fmt.Sprintf("Replace everything in Keel with the backup of %s?\n\nYour current data is not deleted: it is kept in the backups folder first.", b.Taken.Format("Monday 2 January 2006, 15:04"))
	dlg := dialog.NewConfirm("Restore a backup", msg, func(ok bool) {
		if ok {
			d.restore(b)
		}
	}, d.u.win)
	dlg.SetConfirmText("Restore")
	dlg.SetDismissText("Cancel")
	dlg.Show()
}

// restore replaces the database with b, keeping the current one aside.
func (d *dataScreen) restore(b store.Backup) {
	var aside string
	d.u.busy("Restoring", func() error {
		var err error
		aside, err = d.u.store.Restore(b)
		return err
	}, func(err error) {
		if err != nil {
			d.u.showError(fmt.Errorf("nothing was changed: %w", err))
			return
		}
		d.status.SetText("Restored the backup of " + b.Taken.Format("2 January 2006, 15:04") + ". Your data from before is kept in " + aside + ".")
		d.reload()
		d.u.refreshAll()
	})
}

// onReport asks for the period, then where to save the clinician's PDF report.
func (d *dataScreen) onReport() {
	u := d.u
	now := u.store.Now()
	from, to := newDateInput(u.win), newDateInput(u.win)
	from.setDate(now.AddDate(0, 0, -(report.DefaultDays - 1)))
	to.setDate(now)
	msg := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "One page for your clinician: your latest scores with their bands, the trend, your sessions with doses as recorded and blood pressure flags, preparation and follow-ups, and the verdict. It says that the data is self-reported. Your notes and journal are not included."}
	if u.store.Encrypted() {
		intro.Text += " The PDF is not encrypted: it is meant to be printed or handed over."
	}
	content := container.NewVBox(intro, formGrid(newFieldRow("From", from.object(), ""), newFieldRow("To", to.object(), "")), msg)
	dlg := dialog.NewCustomConfirm("Clinician's report (PDF)", "Choose where to save…", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		f, err1 := model.ParseDate(from.text())
		t, err2 := model.ParseDate(to.text())
		if err := errors.Join(err1, err2); err != nil {
			u.showError(fmt.Errorf("the period is not clear: %w", err))
			return
		}
		opt := report.Options{From: f, To: t, Loc: time.Local}
		u.savePath("keel-report-"+now.Format("2006-01-02")+".pdf", func(path string) { d.saveReport(path, opt) })
	}, u.win)
	dlg.Resize(fyne.NewSize(640, 340))
	dlg.Show()
}

// saveReport writes the report for opt to path.
func (d *dataScreen) saveReport(path string, opt report.Options) {
	d.u.busy("Making the report", func() error { return report.Save(d.u.store, path, opt) }, func(err error) {
		if err != nil {
			d.u.showError(fmt.Errorf("no report was written to %s: %w", path, err))
			return
		}
		d.status.SetText("Saved the report to " + path + ".")
	})
}
