package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"

	"keel/model"
)

// option is one flag of a command, as the manual and the shell completions show it.
type option struct {
	Name string
	// Arg names the value ("folder", "file"), or is empty for a switch.
	Arg   string
	Usage string
	// Default is the default value worth mentioning ("" when it is the zero value).
	Default string
}

// options lists the flags that fs declares, sorted by name (as flag.VisitAll does).
func options(fs *flag.FlagSet) []option {
	var opts []option
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		o := option{Name: f.Name, Arg: arg, Usage: usage}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			o.Arg = ""
		}
		switch f.DefValue {
		case "", "false", "0", "[]":
		default:
			o.Default = f.DefValue
		}
		opts = append(opts, o)
	})
	return opts
}

// windowOptions are the flags of keel without a command (the window); Main parses
// --data itself, and --help and --version before it.
var windowOptions = []option{
	{Name: "data", Arg: "folder", Usage: "keep Keel's data in this folder instead of the per-user one"},
	{Name: "help", Usage: "explain keel and list its commands"},
	{Name: "version", Usage: "print Keel's version"},
}

// writeManual writes Keel's manual page, keel(1), in roff: the same commands,
// synopses, descriptions and flags that keel help shows.
func writeManual(out io.Writer) error {
	w := bufio.NewWriter(out)
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p(`.TH KEEL 1 "" "Keel %s" "User Commands"`, roff(Version()))
	// Ragged right and no hyphenation: command lines keep single spaces and whole words.
	p(".ad l")
	p(".nh")
	p(".SH NAME")
	p(`keel \- a private desktop companion for people in ketamine therapy`)
	p(".SH SYNOPSIS")
	p(`.B keel`)
	p(`[\fB\-\-data\fR \fIDIR\fR]`)
	for _, c := range commands {
		p(".br")
		p(".B keel %s", roffOpt(c.Name))
		if c.Args != "" {
			p("%s", roffOpt(c.Args))
		}
	}
	p(".br")
	p(`.B keel help`)
	p(`[\fICOMMAND\fR | \fB\-\-man\fR]`)
	p(".SH DESCRIPTION")
	p("%s", roff("Keel helps people in ketamine therapy log each session, prepare for the next one, "+
		"notice what happens in the days after, and judge honestly, week by week, whether the treatment is working. "+
		"Everything stays on this computer: Keel never sends anything over the network. "+
		"It is not a medical device and never advises on doses or how often to have sessions."))
	p(".PP")
	p("%s", roff("Without a command, keel opens its window. The commands below work on the data without it."))
	p(".SH OPTIONS")
	writeOptions(p, windowOptions)
	p(".SH COMMANDS")
	for _, c := range commands {
		p(`.SS "%s"`, roffOpt(strings.TrimSpace("keel "+c.Name+" "+c.Args)))
		p("%s", roff(model.Sentence(c.Summary)))
		if c.Detail != "" {
			p(".PP")
			p("%s", roff(c.Detail))
		}
		writeOptions(p, options(c.flagSet()))
	}
	p(`.SS "keel help [COMMAND | \-\-man]"`)
	p("%s", roff("Explain keel, or one command; with --man, print this manual page."))
	p(".SH FILES")
	p(`.TP`)
	p(`.I $XDG_CONFIG_HOME/fyne/%s/keel.db`, AppID)
	p("%s", roff("The database, in the per-user data folder (~/.config when XDG_CONFIG_HOME is not set). "+
		"With --data DIR, the database and everything else Keel writes are kept in DIR instead."))
	p(".SH EXIT STATUS")
	p("%s", roff("0 when all went well, 1 when Keel could not do what was asked (it says why on standard error), 2 for a usage mistake."))
	p(".SH SEE ALSO")
	p("%s", roff("age(1) opens encrypted exports. keel help COMMAND explains one command."))
	return w.Flush()
}

func writeOptions(p func(string, ...any), opts []option) {
	for _, o := range opts {
		p(".TP")
		if choices, ok := flagChoices[o.Name]; ok {
			p(`\fB\-\-%s\fR %s`, roffOpt(o.Name), roff(strings.Join(choices, "|")))
		} else if o.Arg != "" {
			p(`\fB\-\-%s\fR \fI%s\fR`, roffOpt(o.Name), roff(o.Arg))
		} else {
			p(`\fB\-\-%s\fR`, roffOpt(o.Name))
		}
		// Flag usages start in lower case, as in keel help, where they can start
		// with a literal value (json, csv).
		usage := o.Usage
		if o.Default != "" {
			usage += "; default " + o.Default
		}
		p("%s", roff(usage))
	}
}

// roff escapes text for a roff line: backslashes, a leading dot or quote (which
// would start a request), and characters beyond ASCII as \[uXXXX].
func roff(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '\n':
			b.WriteString("\n.br\n")
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if strings.HasPrefix(out, ".") || strings.HasPrefix(out, "'") {
		out = `\&` + out
	}
	return out
}

// roffOpt is roff for command lines: hyphens are minus signs there, so that what
// a reader copies from the page runs.
func roffOpt(s string) string { return strings.ReplaceAll(roff(s), "-", `\-`) }
