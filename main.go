// Keel is a private desktop companion for people in ketamine therapy.
//
//	keel [--data DIR]                  open the window (data in Fyne's per-user storage by default)
//	keel demo --data DIR [--years N]   fill an empty folder with a realistic demo history
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"fyne.io/fyne/v2/app"

	"keel/assets"
	"keel/model"
	"keel/ui"
)

// appID is Keel's application ID; it also names the per-user data folder.
const appID = "io.github.keelapp.keel"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program, returning the exit status: 0 when all went well, 1 when
// Keel could not do what was asked (it says why on stderr), 2 for a usage mistake.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "demo" {
		return runDemo(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("keel", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "keep Keel's data in this `folder` instead of the per-user default")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "keel: unknown command %q (try: keel --help)\n", fs.Arg(0))
		return 2
	}
	a := app.NewWithID(appID)
	a.SetIcon(assets.Icon)
	dir := *data
	if dir == "" {
		dir = a.Storage().RootURI().Path()
	}
	store, err := model.Open(model.DataFile(dir), model.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "keel:", model.Explain(err))
		fmt.Fprintln(stderr, "keel: detail:", err)
		if hasDisplay() {
			showStartError(a, model.Explain(err))
		}
		return 1
	}
	defer store.Close()
	ui.New(a, store).ShowAndRun()
	return 0
}

// showStartError shows why Keel could not start in a window; tests replace it.
var showStartError = ui.ShowStartError

// hasDisplay reports whether a window can be shown. On Linux and the BSDs that needs
// an X11 or Wayland display; without one the terminal line is all Keel can say.
func hasDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keel demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "the `folder` to fill (required; it must hold no Keel records yet)")
	years := fs.Int("years", 1, "how many `years` of history to make")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *data == "" || *years < 1 || *years > 50 {
		fmt.Fprintln(stderr, "keel demo: give an empty folder with --data DIR (and --years from 1 to 50)")
		return 2
	}
	store, err := model.Open(model.DataFile(*data), model.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "keel demo:", model.Explain(err))
		return 1
	}
	defer store.Close()
	empty, err := store.IsEmpty()
	if err != nil {
		fmt.Fprintln(stderr, "keel demo:", model.Explain(err))
		return 1
	}
	if !empty {
		fmt.Fprintln(stderr, "keel demo: that folder already holds Keel records; choose an empty folder so demo data never mixes with real data")
		return 1
	}
	h := model.Demo(time.Now(), *years, uint64(time.Now().UnixNano()))
	if err := store.Add(h); err != nil {
		fmt.Fprintln(stderr, "keel demo:", model.Explain(err))
		return 1
	}
	fmt.Fprintf(stdout, "Wrote a demo history to %s: %d sessions, %d check-ins, %d questionnaires, %d follow-ups, %d journal entries.\nOpen it with: keel --data %s\n",
		store.Path(), len(h.Sessions), len(h.CheckIns), len(h.Responses), len(h.FollowUps), len(h.Journal), *data)
	return 0
}
