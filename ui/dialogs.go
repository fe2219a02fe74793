package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
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

// savePath asks for a file to write, offering name; fn gets its path.
func savePath(win fyne.Window, name string, fn func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		fn(path)
	}, win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// openPath asks for a file to read; fn gets its path.
func openPath(win fyne.Window, ext []string, fn func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		fn(path)
	}, win)
	if len(ext) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(ext))
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
