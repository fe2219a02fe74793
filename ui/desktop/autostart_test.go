package desktop

import (
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// awkward are paths a person really has: spaces, quotes, a dollar, a percent,
// backslashes (Windows), non-ASCII.
var awkward = []string{
	"/usr/bin/keel",
	"/home/ana/My Apps/keel",
	`/media/ana/USB STICK/Keel "portable"/keel`,
	"/home/ana/$HOME/100% sure/keel",
	`C:\Program Files\Keel\keel.exe`,
	"/home/zoë/Données/keel",
	"/tmp/back`tick`/keel;rm -rf ~",
}

func TestExecLineRoundTrip(t *testing.T) {
	for _, program := range awkward {
		for _, data := range []string{"", "/home/ana/keel data", `D:\Keel Data\`} {
			a := Autostart{Program: program, Data: data}
			line := execLine(a.Args())
			if got := parseExecLine(line); !slices.Equal(got, a.Args()) {
				t.Errorf("Exec=%s reads back as %q, want %q", line, got, a.Args())
			}
		}
	}
	if got := execLine([]string{"/usr/bin/keel", "--data", "/home/ana/keel data"}); got != `/usr/bin/keel --data "/home/ana/keel data"` {
		t.Errorf("execLine = %s", got)
	}
	if got := execLine([]string{"/a/100%/keel"}); got != "/a/100%%/keel" {
		t.Errorf("a percent sign must be doubled: %s", got)
	}
}

func TestExecLineRoundTripProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		args := rapid.SliceOfN(rapid.StringMatching(`[^\x00\n\r\t]{1,20}`), 1, 4).Draw(t, "args")
		line := execLine(args)
		if strings.ContainsAny(line, "\n\r") {
			t.Fatalf("Exec value %q spans lines", line)
		}
		if got := parseExecLine(line); !slices.Equal(got, args) {
			t.Fatalf("Exec=%s reads back as %q, want %q", line, got, args)
		}
	})
}

func TestDesktopEntry(t *testing.T) {
	entry := string(desktopEntry(Autostart{Program: "/opt/Keel App/keel", Data: "/media/usb/keel"}))
	for _, want := range []string{
		"[Desktop Entry]\n", "Type=Application\n", "Name=Keel\n",
		"Exec=\"/opt/Keel App/keel\" --data /media/usb/keel\n",
		"Icon=io.github.keelapp.keel\n", "X-GNOME-Autostart-enabled=true\n",
	} {
		if !strings.Contains(entry, want) {
			t.Errorf("the autostart entry lacks %q:\n%s", want, entry)
		}
	}
	if got := execFromEntry([]byte(entry)); !slices.Equal(got, []string{"/opt/Keel App/keel", "--data", "/media/usb/keel"}) {
		t.Errorf("execFromEntry = %q", got)
	}
}

func TestLaunchAgent(t *testing.T) {
	for _, program := range awkward {
		a := Autostart{Program: program, Data: "/Volumes/Keel & Co/<data>"}
		plist := launchAgent(a)
		for _, want := range []string{"<key>Label</key>\n\t<string>io.github.keelapp.keel</string>", "<key>RunAtLoad</key>\n\t<true/>"} {
			if !strings.Contains(string(plist), want) {
				t.Errorf("the LaunchAgent lacks %q:\n%s", want, plist)
			}
		}
		got, err := argsFromLaunchAgent(plist)
		if err != nil || !slices.Equal(got, a.Args()) {
			t.Errorf("ProgramArguments read back as %q (%v), want %q", got, err, a.Args())
		}
	}
}

// TestWindowsCommandLine: the Run value splits back into the same arguments under
// the rules Windows programs use (CommandLineToArgvW).
func TestWindowsCommandLine(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{`C:\Keel\keel.exe`}, `C:\Keel\keel.exe`},
		{[]string{`C:\Program Files\Keel\keel.exe`, "--data", `D:\Keel Data\`}, `"C:\Program Files\Keel\keel.exe" --data "D:\Keel Data\\"`},
		{[]string{`C:\a "b"\keel.exe`}, `"C:\a \"b\"\keel.exe"`},
		{[]string{`C:\keel.exe`, ""}, `C:\keel.exe ""`},
	} {
		if got := windowsCommandLine(tc.args); got != tc.want {
			t.Errorf("windowsCommandLine(%q) = %s, want %s", tc.args, got, tc.want)
		}
		if got := splitWindows(windowsCommandLine(tc.args)); !slices.Equal(got, tc.args) {
			t.Errorf("%s splits into %q, want %q", windowsCommandLine(tc.args), got, tc.args)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		args := rapid.SliceOfN(rapid.StringMatching(`[a-zA-Z \\":.]{0,12}`), 1, 4).Draw(t, "args")
		if got := splitWindows(windowsCommandLine(args)); !slices.Equal(got, args) {
			t.Fatalf("%s splits into %q, want %q", windowsCommandLine(args), got, args)
		}
	})
}

// splitWindows splits a command line as CommandLineToArgvW does for arguments after
// the first (2n backslashes before a quote are n backslashes, 2n+1 are n and a
// literal quote; other backslashes are literal).
func splitWindows(line string) []string {
	var args []string
	var cur strings.Builder
	inQuote, started := false, false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\':
			n := 0
			for i < len(line) && line[i] == '\\' {
				n++
				i++
			}
			if i < len(line) && line[i] == '"' {
				cur.WriteString(strings.Repeat(`\`, n/2))
				if n%2 == 1 {
					cur.WriteByte('"')
				} else {
					inQuote = !inQuote
				}
			} else {
				cur.WriteString(strings.Repeat(`\`, n))
				i--
			}
			started = true
		case c == '"':
			inQuote, started = !inQuote, true
		case (c == ' ' || c == '\t') && !inQuote:
			if started {
				args = append(args, cur.String())
				cur.Reset()
				started = false
			}
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
