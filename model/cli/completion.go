package cli

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// shells are the shells keel completion writes a script for.
var shells = []string{"bash", "zsh", "fish"}

var completionCommand = &Command{
	Name: "completion", Args: "bash|zsh|fish",
	Summary: "print the shell completion script for bash, zsh or fish",
	Detail: "The packages install these scripts. By hand: keel completion bash > ~/.local/share/bash-completion/completions/keel, " +
		"keel completion zsh > a folder on $fpath named _keel, keel completion fish > ~/.config/fish/completions/keel.fish.",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		return func(args []string) int {
			if len(args) != 1 {
				return c.usage("name one shell: %s", strings.Join(shells, ", "))
			}
			var err error
			switch args[0] {
			case "bash":
				err = writeBash(c.env.Stdout)
			case "zsh":
				err = writeZsh(c.env.Stdout)
			case "fish":
				err = writeFish(c.env.Stdout)
			default:
				return c.usage("there is no completion for %q; name one of %s", args[0], strings.Join(shells, ", "))
			}
			if err != nil {
				return c.fail(err)
			}
			return 0
		}
	},
}

// What a value or an argument completes to.
const (
	completeNothing = "" // a number, a date, NAME=VALUE: nothing to offer
	completeFolder  = "folder"
	completeFile    = "file"
)

// completable is one word keel can be followed by (a command, or help), with its
// flags and what its arguments after the flags complete to.
type completable struct {
	name, summary string
	opts          []option
	// args is completeFile, completeNothing, or the words an argument can be.
	args []string
}

// flagChoices are the values a flag takes when they are a short list.
var flagChoices = map[string][]string{"format": {"json", "csv"}}

// valueCompletion is what the value of flag o completes to: its choices, a folder,
// a file, or nothing.
func valueCompletion(o option) (choices []string, kind string) {
	if c, ok := flagChoices[o.Name]; ok {
		return c, ""
	}
	switch o.Arg {
	case "folder":
		return nil, completeFolder
	case "file", "path":
		return nil, completeFile
	}
	return nil, completeNothing
}

func completables() []completable {
	var list []completable
	for _, c := range commands {
		e := completable{name: c.Name, summary: c.Summary, opts: options(c.flagSet())}
		switch {
		case c.Name == "completion":
			e.args = shells
		case strings.Contains(c.Args, "FILE") && !strings.Contains(c.Args, "--out FILE"):
			e.args = []string{completeFile}
		}
		e.opts = append(e.opts, option{Name: "help", Usage: "explain this command"})
		list = append(list, e)
	}
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.Name
	}
	list = append(list, completable{name: "help", summary: "explain keel, or one command",
		opts: []option{{Name: "man", Usage: "print the manual page"}}, args: names})
	return list
}

func commandWords() string {
	var words []string
	for _, c := range completables() {
		words = append(words, c.name)
	}
	return strings.Join(words, " ")
}

func flagWords(opts []option) string {
	var words []string
	for _, o := range opts {
		words = append(words, "--"+o.Name)
	}
	sort.Strings(words)
	return strings.Join(words, " ")
}

// writeBash writes the bash completion script: complete -F _keel keel.
func writeBash(out io.Writer) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("# bash completion for keel. Made by: keel completion bash")
	p("_keel_reply() { mapfile -t COMPREPLY < <(compgen \"$@\"); }")
	p("_keel()")
	p("{")
	p(`    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=`)
	p(`    if (( COMP_CWORD > 1 )); then cmd=${COMP_WORDS[1]}; fi`)
	p(`    case $cmd:$prev in`)
	bashValues := func(cmd string, opts []option) {
		for _, o := range opts {
			if o.Arg == "" {
				continue
			}
			pattern := fmt.Sprintf("%s:--%s|%s:-%s", cmd, o.Name, cmd, o.Name)
			switch choices, kind := valueCompletion(o); {
			case choices != nil:
				p(`    %s) _keel_reply -W %q -- "$cur"; return ;;`, pattern, strings.Join(choices, " "))
			case kind == completeFolder:
				p(`    %s) compopt -o filenames 2>/dev/null; _keel_reply -d -- "$cur"; return ;;`, pattern)
			case kind == completeFile:
				p(`    %s) compopt -o filenames 2>/dev/null; _keel_reply -f -- "$cur"; return ;;`, pattern)
			default:
				p(`    %s) return ;;`, pattern)
			}
		}
	}
	// keel --data DIR: the window's flags come before any command.
	p(`    -*:--data|-*:-data) compopt -o filenames 2>/dev/null; _keel_reply -d -- "$cur"; return ;;`)
	for _, c := range completables() {
		bashValues(c.name, c.opts)
	}
	p(`    esac`)
	p(`    local flags= args=`)
	p(`    case $cmd in`)
	p(`    ""|-*) flags=%q; args=%q ;;`, flagWords(windowOptions), commandWords())
	for _, c := range completables() {
		p(`    %s) flags=%q; args=%q ;;`, c.name, flagWords(c.opts), strings.Join(c.args, " "))
	}
	p(`    *) return ;;`)
	p(`    esac`)
	p(`    if [[ $cur == -* ]]; then _keel_reply -W "$flags" -- "$cur"; return; fi`)
	p(`    if [[ $cmd == -* ]]; then return; fi`)
	p(`    case $args in`)
	p(`    %s) compopt -o filenames 2>/dev/null; _keel_reply -f -- "$cur" ;;`, completeFile)
	p(`    ?*) _keel_reply -W "$args" -- "$cur" ;;`)
	p(`    esac`)
	p("}")
	p("complete -F _keel keel")
	_, err := io.WriteString(out, b.String())
	return err
}

// zshQuote escapes s for a description inside a single-quoted _arguments spec.
func zshQuote(s string) string {
	return strings.NewReplacer(`'`, `'\''`, `[`, `\[`, `]`, `\]`, `:`, `\:`, `\`, `\\`).Replace(s)
}

func zshSpecs(opts []option) []string {
	var specs []string
	for _, o := range opts {
		if o.Arg == "" {
			specs = append(specs, fmt.Sprintf("'--%s[%s]'", o.Name, zshQuote(o.Usage)))
			continue
		}
		action := ""
		switch choices, kind := valueCompletion(o); {
		case choices != nil:
			action = "(" + strings.Join(choices, " ") + ")"
		case kind == completeFolder:
			action = "_files -/"
		case kind == completeFile:
			action = "_files"
		}
		specs = append(specs, fmt.Sprintf("'--%s=[%s]:%s:%s'", o.Name, zshQuote(o.Usage), zshQuote(o.Arg), action))
	}
	return specs
}

// writeZsh writes the zsh completion function _keel (#compdef keel).
func writeZsh(out io.Writer) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("#compdef keel")
	p("# zsh completion for keel. Made by: keel completion zsh")
	p("")
	p("_keel() {")
	p("  local -a cmds")
	p("  cmds=(")
	for _, c := range completables() {
		p("    '%s:%s'", c.name, zshQuote(c.summary))
	}
	p("  )")
	p("  if (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then")
	p("    _describe -t commands 'keel command' cmds")
	p("    return")
	p("  fi")
	p("  if [[ $words[2] == -* ]]; then")
	p("    _arguments %s", strings.Join(zshSpecs(windowOptions), " "))
	p("    return")
	p("  fi")
	p("  local cmd=$words[2]")
	p("  shift words")
	p("  (( CURRENT-- ))")
	p("  case $cmd in")
	for _, c := range completables() {
		specs := zshSpecs(c.opts)
		switch {
		case len(c.args) == 1 && c.args[0] == completeFile:
			specs = append(specs, "'*:file:_files'")
		case len(c.args) > 0:
			specs = append(specs, fmt.Sprintf("'1:%s:(%s)'", c.name, strings.Join(c.args, " ")))
		}
		p("  %s)", c.name)
		p("    _arguments %s", strings.Join(specs, " \\\n      "))
		p("    ;;")
	}
	p("  esac")
	p("}")
	p("")
	// Autoloaded from $fpath the file is _keel's body; sourced, it defines _keel.
	p(`if [ "$funcstack[1]" = "_keel" ]; then`)
	p(`  _keel "$@"`)
	p("else")
	p("  compdef _keel keel")
	p("fi")
	_, err := io.WriteString(out, b.String())
	return err
}

// fishQuote quotes s for fish, in single quotes.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func fishOptions(cond string, opts []option) []string {
	var lines []string
	for _, o := range opts {
		line := fmt.Sprintf("complete -c keel -n %s -l %s", fishQuote(cond), o.Name)
		if o.Arg != "" {
			switch choices, kind := valueCompletion(o); {
			case choices != nil:
				line += " -x -a " + fishQuote(strings.Join(choices, " "))
			case kind == completeFolder:
				line += " -x -a '(__fish_complete_directories)'"
			case kind == completeFile:
				line += " -r -F"
			default:
				line += " -x"
			}
		}
		lines = append(lines, line+" -d "+fishQuote(o.Usage))
	}
	return lines
}

// writeFish writes the fish completions (complete -c keel ...).
func writeFish(out io.Writer) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("# fish completion for keel. Made by: keel completion fish")
	p("complete -c keel -f")
	for _, line := range fishOptions("__fish_use_subcommand", windowOptions) {
		p("%s", line)
	}
	for _, c := range completables() {
		p("complete -c keel -n __fish_use_subcommand -a %s -d %s", c.name, fishQuote(c.summary))
	}
	for _, c := range completables() {
		cond := "__fish_seen_subcommand_from " + c.name
		for _, line := range fishOptions(cond, c.opts) {
			p("%s", line)
		}
		switch {
		case len(c.args) == 1 && c.args[0] == completeFile:
			p("complete -c keel -n %s -F", fishQuote(cond))
		case len(c.args) > 0:
			p("complete -c keel -n %s -a %s", fishQuote(cond), fishQuote(strings.Join(c.args, " ")))
		}
	}
	_, err := io.WriteString(out, b.String())
	return err
}
