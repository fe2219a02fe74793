package ui

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"keel/model/cli"
)

const localeChild = "KEEL_TEST_LOCALE_CHILD"

// TestNoLocaleNoiseUnderCLocale: under the C locale (LANG=C.UTF-8, as in
// containers and CI), starting Keel's app logs nothing about the locale. Fyne
// detects the locale once per process, so each case runs in a fresh copy of the
// test binary.
func TestNoLocaleNoiseUnderCLocale(t *testing.T) {
	if os.Getenv(localeChild) != "" {
		t.Skip("the child runs TestLocaleChild")
	}
	for _, env := range [][]string{{"LANG=C.UTF-8"}, {"LC_ALL=C.UTF-8"}, {"LANG=C"}, {"LANG=POSIX"}, {"LANG=C.utf8", "LANGUAGE="}} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestLocaleChild$", "-test.count=1")
		for _, kv := range os.Environ() {
			switch k, _, _ := strings.Cut(kv, "="); k {
			case "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE":
				continue
			}
			cmd.Env = append(cmd.Env, kv)
		}
		cmd.Env = append(cmd.Env, env...)
		cmd.Env = append(cmd.Env, localeChild+"=1", "XDG_CONFIG_HOME="+t.TempDir())
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: the child failed: %v\n%s", env, err, out)
		}
		if strings.Contains(string(out), "locale") {
			t.Errorf("%v: starting the app logged about the locale:\n%s", env, out)
		}
	}
}

// TestLocaleChild creates the app and looks up a translation, as the window does
// when it starts.
func TestLocaleChild(t *testing.T) {
	if os.Getenv(localeChild) == "" {
		t.Skip("run by TestNoLocaleNoiseUnderCLocale")
	}
	app.NewWithID(cli.AppID)
	if loc := lang.SystemLocale(); loc.LanguageString() != "en" {
		t.Errorf("the C locale is %q, want en", loc)
	}
	if got := lang.L("Cancel"); got != "Cancel" {
		t.Errorf("lang.L(Cancel) = %q under the C locale", got)
	}
}
