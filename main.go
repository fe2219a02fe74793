// Keel is a private desktop companion for people in ketamine therapy.
//
//	keel [--data DIR]                                   open the window
//	keel demo   --data DIR [--years N]                  fill an empty folder with a demo history
//	keel export [--data DIR] --format json|csv --out PATH
//	keel import [--data DIR] [--replace] FILE           a Keel JSON export
//	keel import [--data DIR] --daylio FILE [--mood NAME=VALUE ...]
//	keel report [--data DIR] --out FILE.pdf [--from DATE --to DATE] [--a4]
//
// Without --data, Keel uses its per-user data folder (Fyne's storage for the app ID).
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"golang.org/x/term"

	"keel/assets"
	"keel/model"
	"keel/model/daylio"
	"keel/model/report"
	"keel/ui"
)

// appID is Keel's application ID; it also names the per-user data folder.
const appID = "io.github.keelapp.keel"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one of keel's subcommands.
type command func(args []string, stdout, stderr io.Writer) int

var commands = map[string]command{
	"demo":   runDemo,
	"export": runExport,
	"import": runImport,
	"report": runReport,
}

// run is the whole program, returning the exit status: 0 when all went well, 1 when
// Keel could not do what was asked (it says why on stderr), 2 for a usage mistake.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			return cmd(args[1:], stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("keel", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "keep Keel's data in this `folder` instead of the per-user default")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "keel: unknown command %q (commands: demo, export, import; see the README)\n", fs.Arg(0))
		return 2
	}
	a := app.NewWithID(appID)
	a.SetIcon(assets.Icon)
	path := model.DataFile(dataDir(*data, a))
	open := func() (*model.Store, error) { return model.Open(path, model.Options{}) }
	store, err := open()
	switch {
	case err == nil:
		defer store.Close()
		ui.New(a, store).ShowAndRun()
		return 0
	case errors.Is(err, model.ErrDamaged) && hasDisplay():
		fmt.Fprintln(stderr, "keel:", model.Explain(err))
		ui.Recover(a, path, err, open).ShowAndRun()
		return 0
	}
	fmt.Fprintln(stderr, "keel:", model.Explain(err))
	fmt.Fprintln(stderr, "keel: detail:", err)
	if hasDisplay() {
		showStartError(a, model.Explain(err))
	}
	return 1
}

// dataDir is the folder given with --data, or the per-user default of the app a
// (created when nil: the commands need no window).
func dataDir(flagValue string, a fyne.App) string {
	if flagValue != "" {
		return flagValue
	}
	if a == nil {
		a = app.NewWithID(appID)
	}
	dir := a.Storage().RootURI().Path()
	// The per-user folder is Keel's own: keep it private (0700) on Linux and macOS.
	if os.MkdirAll(dir, 0o700) == nil && runtime.GOOS != "windows" {
		os.Chmod(dir, 0o700)
	}
	return dir
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

// openStore opens the data folder for a command, asking for the passphrase when the
// data is encrypted, and saying why on stderr when it can't.
func openStore(name, data string, stderr io.Writer) (*model.Store, bool) {
	store, err := model.Open(model.DataFile(dataDir(data, nil)), model.Options{})
	if err == nil && store.Locked() {
		var pass []byte
		if pass, err = readPassphrase("Passphrase for your Keel data: ", stderr); err == nil {
			err = store.Unlock(pass)
		}
		if err != nil {
			store.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "keel %s: %s\n", name, model.Explain(err))
		return nil, false
	}
	return store, true
}

// passphraseInput is where commands read a passphrase; tests replace it. lines reads
// it line by line when it is not a terminal (kept, so a second question gets the
// second line).
var (
	passphraseInput io.Reader = os.Stdin
	lines           *bufio.Reader
	linesOf         io.Reader
)

// readPassphrase asks for a passphrase on the terminal without echoing it, or reads a
// line from standard input when that is not a terminal (for scripts).
func readPassphrase(prompt string, stderr io.Writer) ([]byte, error) {
	if f, ok := passphraseInput.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, prompt)
		pass, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		return pass, err
	}
	if lines == nil || linesOf != passphraseInput {
		lines, linesOf = bufio.NewReader(passphraseInput), passphraseInput
	}
	line, err := lines.ReadString('\n')
	if err != nil && line == "" {
		return nil, fmt.Errorf("the data is encrypted: give the passphrase on standard input: %w", model.ErrLocked)
	}
	return []byte(strings.TrimRight(line, "\r\n")), nil
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
	store, ok := openStore("demo", *data, stderr)
	if !ok {
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
	if err := errors.Join(store.Add(h), store.MarkDemo()); err != nil {
		fmt.Fprintln(stderr, "keel demo:", model.Explain(err))
		return 1
	}
	fmt.Fprintf(stdout, "Wrote a demo history to %s: %d sessions, %d check-ins, %d questionnaires, %d follow-ups, %d journal entries.\nOpen it with: keel --data %s\n",
		store.Path(), len(h.Sessions), len(h.CheckIns), len(h.Responses), len(h.FollowUps), len(h.Journal), *data)
	return 0
}

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keel export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "the data `folder` (default: the per-user one)")
	format := fs.String("format", "json", "json (every record, can be imported again) or csv (one file per kind of record)")
	out := fs.String("out", "", "the `path` to write: a file for json, a folder for csv (required)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || (*format != "json" && *format != "csv") || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "keel export: use --format json --out FILE, or --format csv --out FOLDER")
		return 2
	}
	store, ok := openStore("export", *data, stderr)
	if !ok {
		return 1
	}
	defer store.Close()
	var err error
	// Exports of encrypted data are encrypted with the same passphrase (age).
	var pass []byte
	if store.Encrypted() {
		fmt.Fprintln(stderr, "keel export: your data is encrypted, so the export will be too (age: “age -d” opens it).")
		if pass, err = readPassphrase("Passphrase again, for the export: ", stderr); err == nil {
			err = store.CheckPassphrase(pass)
		}
		if err != nil {
			fmt.Fprintln(stderr, "keel export:", model.Explain(err))
			return 1
		}
	}
	e, err := store.Snapshot()
	if err == nil && *format == "csv" {
		err = store.WriteCSV(&e, *out, pass)
	} else if err == nil {
		err = store.WriteExport(&e, *out, pass)
	}
	if err != nil {
		fmt.Fprintf(stderr, "keel export: nothing complete was written to %s: %s\n", *out, model.Explain(err))
		return 1
	}
	h := e.History()
	fmt.Fprintf(stdout, "Exported %d records to %s.\n", h.Count(), *out)
	return 0
}

// moodFlags collects repeated --mood NAME=VALUE flags.
type moodFlags []string

func (m *moodFlags) String() string     { return strings.Join(*m, ", ") }
func (m *moodFlags) Set(s string) error { *m = append(*m, s); return nil }

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keel import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "the data `folder` (default: the per-user one)")
	replace := fs.Bool("replace", false, "replace records that differ from the file's (default: keep them and report them)")
	daylioFile := fs.String("daylio", "", "import this Daylio CSV `file` as check-ins")
	var moods moodFlags
	fs.Var(&moods, "mood", "map a Daylio mood `NAME=VALUE` (VALUE on Keel's 0-10 scale); repeat for each")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (*daylioFile == "") == (fs.NArg() != 1) || (*daylioFile != "" && fs.NArg() != 0) {
		fmt.Fprintln(stderr, "keel import: give a Keel export (keel import --data DIR FILE) or a Daylio file (keel import --data DIR --daylio FILE)")
		return 2
	}
	store, ok := openStore("import", *data, stderr)
	if !ok {
		return 1
	}
	defer store.Close()
	var res model.ImportResult
	var err error
	if *daylioFile != "" {
		res, err = importDaylio(store, *daylioFile, moods)
	} else {
		res, err = importExport(store, fs.Arg(0), *replace, stderr)
	}
	if err != nil {
		fmt.Fprintln(stderr, "keel import:", err)
		return 1
	}
	fmt.Fprintln(stdout, res.Summary())
	for _, p := range res.Conflicts {
		fmt.Fprintln(stdout, "  left unchanged:", p)
	}
	for _, p := range res.Refused {
		fmt.Fprintln(stdout, "  refused:", p)
	}
	return 0
}

// importExport imports a Keel JSON export after taking a backup.
func importExport(store *model.Store, path string, replace bool, stderr io.Writer) (model.ImportResult, error) {
	var askErr error
	r, closeFile, err := model.OpenExport(path, func() []byte {
		pass, err := readPassphrase("Passphrase of "+path+": ", stderr)
		askErr = err
		return pass
	})
	if err != nil {
		return model.ImportResult{}, errors.Join(askErr, err)
	}
	e, err := model.ReadExport(r)
	closeFile()
	if err != nil {
		return model.ImportResult{}, fmt.Errorf("%s can't be imported: %w", path, err)
	}
	if _, err := store.Backup(); err != nil {
		return model.ImportResult{}, fmt.Errorf("no backup could be taken, so nothing was imported: %w", err)
	}
	return store.Import(e, model.ImportOptions{Replace: replace})
}

// importDaylio imports a Daylio CSV export as check-ins; mood names Keel does not
// know need a --mood mapping.
func importDaylio(store *model.Store, path string, moods []string) (model.ImportResult, error) {
	mapping, err := daylio.ParseMapping(moods)
	if err != nil {
		return model.ImportResult{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return model.ImportResult{}, err
	}
	file, err := daylio.Parse(f, time.Local)
	f.Close()
	if err != nil {
		return model.ImportResult{}, fmt.Errorf("%s can't be imported: %w", path, err)
	}
	if unknown := file.UnknownMoods(mapping); len(unknown) > 0 {
		var hint []string
		for _, u := range unknown {
			hint = append(hint, fmt.Sprintf("--mood %q", u+"=VALUE"))
		}
		return model.ImportResult{}, errors.New("Keel does not know what these moods mean on its 0-10 scale: " +
			strings.Join(unknown, ", ") + ". Say it with " + strings.Join(hint, " ") + " (rad, good, meh, bad and awful are 10, 8, 5, 2 and 0)")
	}
	cs, err := file.CheckIns(mapping)
	if err != nil {
		return model.ImportResult{}, err
	}
	return store.ImportCheckIns(cs)
}

func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keel report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "the data `folder` (default: the per-user one)")
	out := fs.String("out", "", "the PDF `file` to write (required)")
	from := fs.String("from", "", "first `day` of the period, YYYY-MM-DD (default: 90 days before --to)")
	to := fs.String("to", "", "last `day` of the period, YYYY-MM-DD (default: today)")
	a4 := fs.Bool("a4", false, "A4 paper instead of US Letter")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	opt := report.Options{Loc: time.Local}
	var err error
	if *from != "" {
		opt.From, err = model.ParseDate(*from)
	}
	if err == nil && *to != "" {
		opt.To, err = model.ParseDate(*to)
	}
	if *out == "" || err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "keel report: use --out FILE.pdf, and dates like --from 2026-01-01 --to 2026-03-31", errOrEmpty(err))
		return 2
	}
	if *a4 {
		opt.Paper = report.A4
	}
	store, ok := openStore("report", *data, stderr)
	if !ok {
		return 1
	}
	defer store.Close()
	if err := report.Save(store, *out, opt); err != nil {
		fmt.Fprintf(stderr, "keel report: no report was written to %s: %s\n", *out, model.Explain(err))
		return 1
	}
	if store.Encrypted() {
		fmt.Fprintln(stderr, "keel report: note that the report is not encrypted: it is meant to be printed or given to your clinician.")
	}
	fmt.Fprintf(stdout, "Wrote the report to %s.\n", *out)
	return 0
}

func errOrEmpty(err error) string {
	if err == nil {
		return ""
	}
	return "(" + err.Error() + ")"
}
