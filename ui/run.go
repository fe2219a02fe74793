package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"fyne.io/fyne/v2/app"

	"keel/assets"
	"keel/model"
	"keel/model/cli"
	"keel/model/store"
	sysdesk "keel/ui/desktop"
)

// Run opens Keel's window on the data folder dir and returns the exit status when
// the window closes: 0, or 1 when Keel could not start (it says why in a window and
// on stderr). A damaged database opens the recovery window instead.
func Run(dir string) int { return run(dir, os.Stderr) }

func run(dir string, stderr io.Writer) int {
	a := app.NewWithID(cli.AppID)
	a.SetIcon(assets.Icon)
	p := openPrefs(dir)
	path := store.DataFile(dir)
	open := func() (*store.Store, error) { return openData(path) }
	st, err := open()
	switch {
	case err == nil:
		defer closeLogged(st, "the database")
		if st.ReadOnly() {
			fmt.Fprintln(stderr, "keel: the data folder cannot be written, so Keel opened your data read-only.")
		}
		u := New(a, st, p)
		if background {
			listenForSecondLaunch(dir)
		}
		u.ShowAndRun()
		return 0
	case errors.Is(err, model.ErrAlreadyRunning) && sysdesk.ShowRunning(dir) == nil:
		// The Keel that holds the data has brought its window to the front.
		fmt.Fprintln(stderr, "keel: Keel is already running with this data; its window is in front now.")
		return 0
	case errors.Is(err, model.ErrDamaged) && hasDisplay():
		fmt.Fprintln(stderr, "keel:", model.Message(err))
		Recover(a, p, path, err, open).ShowAndRun()
		return 0
	}
	fmt.Fprintln(stderr, "keel:", model.Message(err))
	fmt.Fprintln(stderr, "keel: detail:", err)
	if hasDisplay() {
		a.Settings().SetTheme(themeFor(p.StringWithFallback(prefTheme, themeSystem)))
		showStartError(a, startErrorTitle(err), model.Message(err))
	}
	return 1
}

// openStore opens a database; tests replace it to act out a folder that cannot be
// written (they run as a user who can write anywhere).
var openStore = store.Open

// openData opens the database at path for the window. When the folder or the disk
// cannot be written (the lock file cannot be made, the file is read-only), it opens
// the data read-only instead, so the person can still read, export and check it;
// the window says so in a banner (drawReadOnlyBanner).
func openData(path string) (*store.Store, error) {
	st, err := openStore(path, store.Options{})
	if err != nil && model.ErrorCode(err) == model.EPermission {
		if ro, roErr := openStore(path, store.Options{ReadOnly: true}); roErr == nil {
			return ro, nil
		}
	}
	return st, err
}

// showStartError shows why Keel could not start in a window; tests replace it.
var showStartError = ShowStartError

// startErrorTitle is the title over why Keel could not start.
func startErrorTitle(err error) string {
	if errors.Is(err, model.ErrAlreadyRunning) {
		return "Keel is already open"
	}
	return "Keel could not start"
}

// hasDisplay reports whether a window can be shown. On Linux and the BSDs that needs
// an X11 or Wayland display; without one the terminal line is all Keel can say.
func hasDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}
