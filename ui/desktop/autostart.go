package desktop

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"keel/model"
	"keel/model/cli"
)

// Autostart is an entry that starts Keel when the user logs in: on Linux and the
// BSDs an XDG autostart file ($XDG_CONFIG_HOME/autostart/io.github.keelapp.keel.desktop),
// on Windows a value of HKCU\Software\Microsoft\Windows\CurrentVersion\Run, on macOS
// a LaunchAgent (~/Library/LaunchAgents/io.github.keelapp.keel.plist). It is off
// until Enable is called, and Disable removes it.
//
// The entry is the one file Keel writes outside a --data folder, and only when the
// user switches it on: it has to live where the desktop looks at login.
type Autostart struct {
	// Program is the executable to start: the running Keel.
	Program string
	// Data is the data folder to pass with --data, or "" for the per-user one.
	Data string
}

// NewAutostart is the entry that starts the running Keel on the data folder dir:
// with --data dir, unless dir is the per-user folder (cli.DefaultDataDir) or empty.
func NewAutostart(dir string) (Autostart, error) {
	exe, err := os.Executable()
	if err != nil {
		return Autostart{}, model.Errorf(model.ENotFound, "Keel cannot tell where its program file is, so it cannot start itself at login.", err)
	}
	a := Autostart{Program: exe}
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		if def, err := cli.DefaultDataDir(); err != nil || filepath.Clean(def) != filepath.Clean(dir) {
			a.Data = dir
		}
	}
	return a, nil
}

// Args is the command line the entry runs: the program, then --data DIR if given.
func (a Autostart) Args() []string {
	args := []string{a.Program}
	if a.Data != "" {
		args = append(args, "--data", a.Data)
	}
	return args
}

// Enable writes the entry, replacing one written before (by another copy of Keel too).
func (a Autostart) Enable() error {
	if a.Program == "" {
		return fmt.Errorf("autostart: no program to start")
	}
	if err := enable(a); err != nil {
		return model.Errorf(model.EPermission, "Keel could not set itself to start at login: it may not write "+location()+".", err)
	}
	return nil
}

// Disable removes the entry; there being none is not an error.
func Disable() error {
	if err := disable(); err != nil {
		return model.Errorf(model.EPermission, "Keel could not stop starting at login: it may not remove "+location()+".", err)
	}
	return nil
}

// Enabled reports whether an entry is there, and the command line it runs.
func Enabled() (bool, []string, error) { return enabled() }

// desktopEntry is the XDG autostart file for a (Desktop Entry Specification 1.5).
func desktopEntry(a Autostart) []byte {
	var b bytes.Buffer
	b.WriteString("[Desktop Entry]\n")
	b.WriteString("Type=Application\n")
	b.WriteString("Name=Keel\n")
	b.WriteString("Comment=Start Keel at login, for its reminders\n")
	fmt.Fprintf(&b, "Exec=%s\n", execLine(a.Args()))
	fmt.Fprintf(&b, "Icon=%s\n", cli.AppID)
	b.WriteString("Terminal=false\n")
	b.WriteString("X-GNOME-Autostart-enabled=true\n")
	return b.Bytes()
}

// execLine is args as the value of an Exec key: each argument quoted when it holds
// a reserved character, % doubled (it starts field codes), and the result escaped as
// a string value, where a backslash is written twice.
func execLine(args []string) string {
	quoted := make([]string, len(args))
	for i, arg := range args {
		arg = strings.ReplaceAll(arg, "%", "%%")
		if arg == "" || strings.ContainsAny(arg, " \t\n\"'\\><~|&;$*?#()`") {
			arg = `"` + strings.NewReplacer(`"`, `\"`, "`", "\\`", `$`, `\$`, `\`, `\\`).Replace(arg) + `"`
		}
		quoted[i] = arg
	}
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(strings.Join(quoted, " "))
}

// parseExecLine undoes execLine (for Enabled and the tests).
func parseExecLine(value string) []string {
	var unescaped strings.Builder
	for i := 0; i < len(value); i++ {
		if value[i] == '\\' && i+1 < len(value) {
			i++
			switch value[i] {
			case 'n':
				unescaped.WriteByte('\n')
			case 't':
				unescaped.WriteByte('\t')
			case 'r':
				unescaped.WriteByte('\r')
			case 's':
				unescaped.WriteByte(' ')
			default:
				unescaped.WriteByte(value[i])
			}
			continue
		}
		unescaped.WriteByte(value[i])
	}
	s := unescaped.String()
	var args []string
	var cur strings.Builder
	inQuote, started := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inQuote && c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
		case c == '"':
			inQuote, started = !inQuote, true
		case !inQuote && c == ' ':
			if started {
				args = append(args, cur.String())
				cur.Reset()
				started = false
			}
		case c == '%' && i+1 < len(s) && s[i+1] == '%':
			i++
			cur.WriteByte('%')
			started = true
		default:
			cur.WriteByte(c)
			started = true
		}
	}
	if started {
		args = append(args, cur.String())
	}
	return args
}

// execFromEntry finds the Exec value of a desktop entry.
func execFromEntry(entry []byte) []string {
	for _, line := range strings.Split(string(entry), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Exec="); ok {
			return parseExecLine(v)
		}
	}
	return nil
}

// launchAgent is the macOS LaunchAgent property list for a: run at load (login),
// once, not kept alive.
func launchAgent(a Autostart) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">` + "\n")
	b.WriteString("<plist version=\"1.0\">\n<dict>\n")
	b.WriteString("\t<key>Label</key>\n\t<string>")
	_ = xml.EscapeText(&b, []byte(cli.AppID)) // writing to a bytes.Buffer cannot fail
	b.WriteString("</string>\n\t<key>ProgramArguments</key>\n\t<array>\n")
	for _, arg := range a.Args() {
		b.WriteString("\t\t<string>")
		_ = xml.EscapeText(&b, []byte(arg)) // writing to a bytes.Buffer cannot fail
		b.WriteString("</string>\n")
	}
	b.WriteString("\t</array>\n\t<key>RunAtLoad</key>\n\t<true/>\n\t<key>ProcessType</key>\n\t<string>Interactive</string>\n</dict>\n</plist>\n")
	return b.Bytes()
}

// argsFromLaunchAgent reads ProgramArguments back from a property list.
func argsFromLaunchAgent(plist []byte) ([]string, error) {
	var doc struct {
		Dict struct {
			Items []struct {
				XMLName xml.Name
				Value   string   `xml:",chardata"`
				Strings []string `xml:"string"`
			} `xml:",any"`
		} `xml:"dict"`
	}
	if err := xml.Unmarshal(plist, &doc); err != nil {
		return nil, err
	}
	items := doc.Dict.Items
	for i := 0; i+1 < len(items); i++ {
		if items[i].XMLName.Local == "key" && items[i].Value == "ProgramArguments" && items[i+1].XMLName.Local == "array" {
			return items[i+1].Strings, nil
		}
	}
	return nil, fmt.Errorf("no ProgramArguments")
}

// windowsCommandLine joins args the way Windows programs split a command line
// (the rules of CommandLineToArgvW, which Go's os.Args follows there).
func windowsCommandLine(args []string) string {
	quoted := make([]string, len(args))
	for i, arg := range args {
		quoted[i] = windowsQuote(arg)
	}
	return strings.Join(quoted, " ")
}

func windowsQuote(arg string) string {
	if arg != "" && !strings.ContainsAny(arg, " \t\"") {
		return arg
	}
	var b strings.Builder
	b.WriteByte('"')
	slashes := 0
	for i := 0; i < len(arg); i++ {
		switch c := arg[i]; c {
		case '\\':
			slashes++
		case '"':
			b.WriteString(strings.Repeat(`\`, 2*slashes+1))
			b.WriteByte('"')
			slashes = 0
		default:
			b.WriteString(strings.Repeat(`\`, slashes))
			b.WriteByte(c)
			slashes = 0
		}
	}
	b.WriteString(strings.Repeat(`\`, 2*slashes))
	b.WriteByte('"')
	return b.String()
}
