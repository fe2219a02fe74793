package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// showError shows err as a sentence the user can act on (model.Message), with the
// detail on a second line when it says more.
func showError(win fyne.Window, err error) {
	msg := model.Message(err)
	detail := err.Error()
	body := []fyne.CanvasObject{&widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}}
	if detail != msg && !strings.HasSuffix(detail, msg) {
		body = append(body, &widget.Label{Text: "Details: " + detail, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
	}
	d := dialog.NewCustom(errorTitle(err), "OK", container.NewVBox(body...), win)
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
}

// errorTitle is the title of the dialog that shows err.
func errorTitle(err error) string {
	switch model.ErrorCode(err) {
	case model.EInvalid, model.ENeedsChoice:
		return "Please check"
	case model.EInternal:
		return "Something went wrong"
	}
	return "That did not work"
}

// busy runs work off the UI goroutine behind a modal progress dialog, then calls done
// with its error on the UI goroutine. The window never freezes.
func busy(win fyne.Window, async func(func()), title string, work func() error, done func(error)) {
	bar := widget.NewProgressBarInfinite()
	dlg := dialog.NewCustomWithoutButtons(title, container.NewVBox(bar, hintText("This can take a few seconds.")), win)
	dlg.Show()
	async(func() {
		err := work()
		fyne.Do(func() {
			dlg.Hide()
			done(err)
		})
	})
}

// saveDir is the folder the last "Save as" used, offered again next time.
var saveDir string

// defaultSaveDir is the person's Documents folder, or their home folder.
func defaultSaveDir() string {
	if saveDir != "" {
		return saveDir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if docs := filepath.Join(home, "Documents"); isDir(docs) {
		return docs
	}
	return home
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// savePath asks where to save a file, offering name in the last folder used; fn
// gets the path. It opens nothing: Fyne's own save dialog creates (and so empties)
// the chosen file before Keel writes, which would destroy an earlier export if the
// new one then failed. The caller writes through atomicfile, so the old file stays
// whole until the new one is complete. Replacing an existing file asks first.
func savePath(win fyne.Window, name string, fn func(path string)) *dialog.CustomDialog {
	dir := defaultSaveDir()
	folder := &widget.Label{Text: dir, Wrapping: fyne.TextWrapBreak}
	file := newEntry()
	file.SetText(name)
	msg := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	choose := &widget.Button{Text: "Choose folder…", Icon: theme.FolderOpenIcon()}
	content := container.NewVBox(formGrid(
		newFieldRow("Folder", newBorder(nil, nil, nil, choose, folder), ""),
		newFieldRow("File name", file, ""),
	), msg)
	dlg := dialog.NewCustomWithoutButtons("Save as", content, win)
	choose.OnTapped = func() {
		fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				dir = u.Path()
				folder.SetText(dir)
			}
		}, win)
		if u, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			fd.SetLocation(u)
		}
		fd.Resize(fyne.NewSize(900, 600))
		fd.Show()
	}
	save := &widget.Button{Text: "Save", Importance: widget.HighImportance}
	save.OnTapped = func() {
		n := strings.TrimSpace(file.Text)
		switch {
		case n == "":
			msg.SetText("Give the file a name.")
			return
		case strings.ContainsAny(n, `/\`) || n == "." || n == "..":
			msg.SetText("A file name cannot hold / or \\; choose the folder with “Choose folder…”.")
			return
		case !isDir(dir):
			msg.SetText("That folder does not exist any more; choose another.")
			return
		}
		path := filepath.Join(dir, n)
		done := func() {
			dlg.Hide()
			saveDir = dir
			fn(path)
		}
		if info, err := os.Stat(path); err == nil {
			if info.IsDir() {
				msg.SetText(n + " is a folder; choose another name.")
				return
			}
			dialog.ShowConfirm("Replace "+n+"?", "There is already a file called "+n+" in that folder. Replace it? The old file stays whole until the new one is completely written.", func(ok bool) {
				if ok {
					done()
				}
			}, win)
			return
		}
		done()
	}
	file.OnSubmitted = func(string) { save.OnTapped() }
	dlg.SetButtons([]fyne.CanvasObject{&widget.Button{Text: "Cancel", OnTapped: dlg.Hide}, save})
	dlg.Resize(fyne.NewSize(640, 220))
	dlg.Show()
	win.Canvas().Focus(file)
	return dlg
}

// openPath asks for a file to read; fn gets its path.
func openPath(win fyne.Window, ext []string, fn func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		closeLogged(r, "the chosen file")
		fn(path)
	}, win)
	if len(ext) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(ext))
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
