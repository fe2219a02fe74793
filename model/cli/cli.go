// Package cli is Keel's command line: the commands that work on a data folder
// without the window (demo, export, import, report, ...), the help that explains
// them, and the choice between a command and the window. It knows nothing about
// widgets: main hands it the function that opens the window.
package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"keel/model"
	"keel/model/store"
)

// Env is what the command line works with: its input and output, and how to open
// the window.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Window opens Keel's window on the data folder dir and returns the exit status
	// when it closes.
	Window func(dir string) int
}

// Command is one of keel's commands.
type Command struct {
	// Name is what follows keel: "export".
	Name string
	// Args is the synopsis after the name: "[--data DIR] --format json|csv --out PATH".
	Args string
	// Summary says in one line what it does.
	Summary string
	// Detail says more, in sentences, for keel help NAME and the manual.
	Detail string
	// define declares the command's flags on fs and returns what runs it once they
	// are parsed (with the arguments left after the flags).
	define func(fs *flag.FlagSet, c *context) func(args []string) int
}

// context is one run of a command: where it reads and writes, and what it was called.
type context struct {
	env  Env
	name string
}

// commands lists every command, in the order help shows them.
var commands []*Command

func init() {
	commands = []*Command{demoCommand, exportCommand, importCommand, reportCommand, progressCommand, insightsCommand,
		checkCommand, backupCommand, backupsCommand, restoreCommand, versionCommand, completionCommand}
}

// Commands lists every command, in the order help shows them.
func Commands() []*Command { return commands }

func lookup(name string) *Command {
	for _, c := range commands {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Main runs keel with the arguments after the program name and returns the exit
// status: 0 when all went well, 1 when Keel could not do what was asked (it says why
// on standard error), 2 for a usage mistake. Without a command it opens the window.
func Main(args []string, env Env) int {
	if env.Stdin == nil {
		env.Stdin = os.Stdin
	}
	if len(args) > 0 {
		switch args[0] {
		case "help", "--help", "-help", "-h":
			return help(env, args[1:])
		case "--version", "-version":
			printVersion(env)
			return 0
		}
		if cmd := lookup(args[0]); cmd != nil {
			return cmd.run(env, args[1:])
		}
	}
	fs := flag.NewFlagSet("keel", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { printOverview(env.Stderr) }
	data := fs.String("data", "", "keep Keel's data in this `folder` instead of the per-user one")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "keel: unknown command %q. The commands are: %s. See “keel help”.\n", fs.Arg(0), commandNames())
		return 2
	}
	dir, err := DataDir(*data)
	if err != nil {
		return fail(env.Stderr, "keel", err)
	}
	return env.Window(dir)
}

func commandNames() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// run parses the command's flags and runs it.
func (cmd *Command) run(env Env, args []string) int {
	c := &context{env: env, name: "keel " + cmd.Name}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { cmd.printHelp(env.Stderr, fs) }
	body := cmd.define(fs, c)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	return body(fs.Args())
}

// Usage is the command's help: synopsis, description and flags.
func (cmd *Command) Usage() string {
	var b strings.Builder
	cmd.printHelp(&b, cmd.flagSet())
	return b.String()
}

// flagSet is the command's flags, declared on a set of their own (for help, the
// manual and the shell completions).
func (cmd *Command) flagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("keel "+cmd.Name, flag.ContinueOnError)
	cmd.define(fs, &context{})
	return fs
}

func (cmd *Command) printHelp(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace("keel "+cmd.Name+" "+cmd.Args), cmd.Summary)
	if cmd.Detail != "" {
		fmt.Fprintf(w, "\n%s\n", cmd.Detail)
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// help prints the overview, one command's help, or (with --man) the manual page
// to standard output.
func help(env Env, args []string) int {
	if len(args) == 0 {
		printOverview(env.Stdout)
		return 0
	}
	if len(args) == 1 && (args[0] == "--man" || args[0] == "-man") {
		if err := writeManual(env.Stdout); err != nil {
			return fail(env.Stderr, "keel help", err)
		}
		return 0
	}
	cmd := lookup(args[0])
	if cmd == nil {
		fmt.Fprintf(env.Stderr, "keel help: there is no command %q. The commands are: %s.\n", args[0], commandNames())
		return 2
	}
	fmt.Fprint(env.Stdout, cmd.Usage())
	return 0
}

func printOverview(w io.Writer) {
	fmt.Fprint(w, `Keel is a private desktop companion for people in ketamine therapy.

Usage:
  keel [--data DIR]          open the window
  keel COMMAND [flags]       work on the data without the window
  keel help [COMMAND]        explain keel, or one command
  keel help --man            print the manual page (man keel)
  keel --version             print Keel's version

Commands:
`)
	width := 0
	for _, c := range commands {
		width = max(width, len(c.Name))
	}
	for _, c := range commands {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.Name, c.Summary)
	}
	fmt.Fprintf(w, `
Without --data, Keel keeps its data in the per-user folder:
  %s
`, defaultDirText())
}

func defaultDirText() string {
	dir, err := DefaultDataDir()
	if err != nil {
		return "(none: " + err.Error() + ")"
	}
	return dir
}

// fail says why name could not do what was asked: the sentence a person can act
// on, then the detail on a second line when it says more. It returns 1.
func fail(w io.Writer, name string, err error) int {
	msg := model.Message(err)
	fmt.Fprintf(w, "%s: %s\n", name, msg)
	if detail := err.Error(); detail != msg && !strings.HasSuffix(detail, msg) {
		fmt.Fprintf(w, "%s: detail: %s\n", name, detail)
	}
	return 1
}

// fail reports err for the running command.
func (c *context) fail(err error) int { return fail(c.env.Stderr, c.name, err) }

// usage says how to call the command right and returns 2.
func (c *context) usage(format string, args ...any) int {
	fmt.Fprintf(c.env.Stderr, "%s: %s (see “%s --help”)\n", c.name, fmt.Sprintf(format, args...), c.name)
	return 2
}

// open opens the data folder dir (the per-user one when empty), asking for the
// passphrase when the data is encrypted.
func (c *context) open(dir string) (*store.Store, bool) { return c.openFor(dir, false) }

// openReading is open for the commands that only read (export, report): when the
// folder or disk cannot be written, it opens the data read-only instead and says so,
// so a person can still rescue their data.
func (c *context) openReading(dir string) (*store.Store, bool) { return c.openFor(dir, true) }

func (c *context) openFor(dir string, readOnlyOK bool) (*store.Store, bool) {
	given := dir
	dir, err := DataDir(dir)
	if err != nil && readOnlyOK && model.ErrorCode(err) == model.EPermission {
		dir, err = dataDirNoCreate(given)
	}
	if err != nil {
		c.fail(err)
		return nil, false
	}
	st, err := store.Open(store.DataFile(dir), store.Options{})
	if err != nil && readOnlyOK && model.ErrorCode(err) == model.EPermission {
		if st, err = store.Open(store.DataFile(dir), store.Options{ReadOnly: true}); err == nil {
			fmt.Fprintln(c.env.Stderr, c.name+": the data folder cannot be written, so Keel opened your data read-only.")
		}
	}
	if err == nil && st.Locked() {
		var pass []byte
		if pass, err = c.passphrase("Passphrase for your Keel data: "); err == nil {
			err = st.Unlock(pass)
		}
		if err != nil {
			_ = st.Close()
		}
	}
	if err != nil {
		c.fail(err)
		return nil, false
	}
	return st, true
}

// lines keeps the reader of a non-terminal standard input between questions, so a
// second passphrase is read from the second line.
var lines = map[io.Reader]*bufio.Reader{}

// passphrase asks for a passphrase on the terminal without echoing it, or reads a
// line from standard input when that is not a terminal (for scripts).
func (c *context) passphrase(prompt string) ([]byte, error) {
	in := c.env.Stdin
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(c.env.Stderr, prompt)
		pass, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.env.Stderr)
		return pass, err
	}
	br, ok := lines[in]
	if !ok {
		br = bufio.NewReader(in)
		lines[in] = br
	}
	line, err := br.ReadString('\n')
	if err != nil && line == "" {
		return nil, model.Errorf(model.ELocked, "The data is encrypted: give the passphrase on standard input, or run this in a terminal.", model.ErrLocked)
	}
	return []byte(strings.TrimRight(line, "\r\n")), nil
}
