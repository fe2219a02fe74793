package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"keel/model"
)

// TestVersion: keel --version, -version and version print the version the build
// was given, exit 0, and never open the window.
func TestVersion(t *testing.T) {
	saved := version
	defer func() { version = saved }()
	version = "1.2.3"
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		if got := runOK(t, args...); got != "keel 1.2.3\n" {
			t.Errorf("keel %s printed %q, want %q", args[0], got, "keel 1.2.3\n")
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(t, []string{"version", "extra"}, &stdout, &stderr); code != 2 {
		t.Errorf("keel version extra = %d, want 2", code)
	}
}

// TestModuleVersion: without a version from the build, the module's own version,
// or "devel" for a plain go build of a checkout.
func TestModuleVersion(t *testing.T) {
	info := func(v string) *debug.BuildInfo { return &debug.BuildInfo{Main: debug.Module{Path: "keel", Version: v}} }
	for _, tc := range []struct {
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{nil, false, "devel"},
		{info(""), true, "devel"},
		{info("(devel)"), true, "devel"},
		{info("v0.2.0"), true, "v0.2.0"},
		{info("v0.0.0-20261201120000-abcdef123456+dirty"), true, "v0.0.0-20261201120000-abcdef123456+dirty"},
	} {
		if got := moduleVersion(tc.info, tc.ok); got != tc.want {
			t.Errorf("moduleVersion(%v, %v) = %q, want %q", tc.info, tc.ok, got, tc.want)
		}
	}
}

func manual(t *testing.T) string {
	t.Helper()
	return runOK(t, "help", "--man")
}

// TestManualCoversEveryCommand: the manual page is made from the same commands and
// flags as keel help, so it names each of them, and it is plain roff.
func TestManualCoversEveryCommand(t *testing.T) {
	page := manual(t)
	for _, c := range Commands() {
		if !strings.Contains(page, `.SS "keel `+roffOpt(c.Name)) {
			t.Errorf("the manual has no section for %s", c.Name)
		}
		if !strings.Contains(page, roff(model.Sentence(c.Summary))) {
			t.Errorf("the manual does not say what %s does (%q)", c.Name, c.Summary)
		}
		for _, o := range options(c.flagSet()) {
			if !strings.Contains(page, `\fB\-\-`+roffOpt(o.Name)+`\fR`) {
				t.Errorf("the manual does not explain %s --%s", c.Name, o.Name)
			}
		}
	}
	request := regexp.MustCompile(`^\.(TH|SH|SS|TP|PP|br|B|I|ad|nh) ?`)
	for i, line := range strings.Split(strings.TrimSuffix(page, "\n"), "\n") {
		if strings.HasPrefix(line, ".") && !request.MatchString(line) {
			t.Errorf("manual line %d starts an unknown roff request: %q", i+1, line)
		}
		if strings.HasPrefix(line, "'") {
			t.Errorf("manual line %d starts with a quote, a roff control character: %q", i+1, line)
		}
		for _, r := range line {
			if r > 0x7e || (r < ' ' && r != '\t') {
				t.Errorf("manual line %d holds %q unescaped", i+1, r)
			}
		}
	}
}

func TestRoff(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:                      `plain`,
		`.starts with a dot`:         `\&.starts with a dot`,
		`'quote`:                     `\&'quote`,
		`back\slash`:                 `back\eslash`,
		"“age -d” opens it — or not": `\[u201C]age -d\[u201D] opens it \[u2014] or not`,
	} {
		if got := roff(in); got != want {
			t.Errorf("roff(%q) = %q, want %q", in, got, want)
		}
	}
	if got := roffOpt("--data DIR"); got != `\-\-data DIR` {
		t.Errorf("roffOpt = %q", got)
	}
}

// TestManualRenders: man (man-db, with groff) formats the page without a warning,
// as lintian checks it, and the text shows every command.
func TestManualRenders(t *testing.T) {
	if _, err := exec.LookPath("man"); err != nil {
		t.Skip("man is not installed (Debian: man-db)")
	}
	path := filepath.Join(t.TempDir(), "keel.1")
	if err := os.WriteFile(path, []byte(manual(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("man", "--warnings", "-E", "UTF-8", "-l", path)
	cmd.Env = append(os.Environ(), "MANWIDTH=80", "LC_ALL=C.UTF-8")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("man -l keel.1: %v\n%s", err, stderr.String())
	}
	text := stdout.String()
	for _, c := range Commands() {
		if !strings.Contains(text, "keel "+c.Name) {
			t.Errorf("the formatted manual does not show keel %s", c.Name)
		}
	}
	if !strings.Contains(text, "“age -d”") {
		t.Errorf("the formatted manual lost the quotes of the export command's detail")
	}
}

func completionScript(t *testing.T, shell string) string {
	t.Helper()
	return runOK(t, "completion", shell)
}

func TestCompletionNeedsAShell(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		var stdout, stderr bytes.Buffer
		if code := run(t, args, &stdout, &stderr); code != 2 || stdout.Len() > 0 {
			t.Errorf("keel %s = %d with %q; want 2 and nothing on stdout", strings.Join(args, " "), code, stdout.String())
		}
	}
}

// TestBashCompletion runs the bash script on command lines typed so far and checks
// what Tab offers.
func TestBashCompletion(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "keel.bash")
	if err := os.WriteFile(script, []byte(completionScript(t, "bash")), 0o644); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(filepath.Join(work, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "export.json"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, c := range Commands() {
		all = append(all, c.Name)
	}
	all = append(all, "help")
	for _, tc := range []struct {
		line string // what was typed; the last word is the one being completed
		want []string
	}{
		{"keel ", all},
		{"keel ex", []string{"export"}},
		{"keel --", []string{"--data", "--help", "--version"}},
		{"keel --data ", []string{"folder"}},
		{"keel export --f", []string{"--format"}},
		{"keel export --format ", []string{"json", "csv"}},
		{"keel export -format c", []string{"csv"}},
		{"keel demo --data ", []string{"folder"}},
		{"keel demo --years ", nil},
		{"keel import ", []string{"export.json", "folder"}},
		{"keel import --daylio e", []string{"export.json"}},
		{"keel report --", []string{"--a4", "--data", "--from", "--help", "--out", "--to", "--what-helps"}},
		{"keel completion ", []string{"bash", "zsh", "fish"}},
		{"keel help ", all[:len(all)-1]},
		{"keel help --", []string{"--man"}},
		{"keel frobnicate ", nil},
	} {
		words := strings.Split(tc.line, " ")
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, "'"+w+"'")
		}
		prog := `source "$1"; COMP_WORDS=(` + strings.Join(quoted, " ") + `); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _keel; printf '%s\n' "${COMPREPLY[@]}"`
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog, "bash", script)
		cmd.Dir = work
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", tc.line, err, out)
		}
		got := strings.Fields(string(out))
		if !slices.Equal(sorted(got), sorted(tc.want)) {
			t.Errorf("Tab after %q offers %q, want %q", tc.line, got, tc.want)
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestFishCompletion asks fish itself what it would complete.
func TestFishCompletion(t *testing.T) {
	fish, err := exec.LookPath("fish")
	if err != nil {
		t.Skip("fish is not installed")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "keel.fish")
	if err := os.WriteFile(script, []byte(completionScript(t, "fish")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"keel ex", []string{"export"}},
		{"keel export --format ", []string{"json", "csv"}},
		{"keel completion ", []string{"bash", "zsh", "fish"}},
		{"keel report --a", []string{"--a4"}},
	} {
		cmd := exec.Command(fish, "--no-config", "-c", `source $argv[1]; complete -C$argv[2]`, script, tc.line)
		cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", tc.line, err, out)
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			word, _, _ := strings.Cut(line, "\t")
			got = append(got, word)
		}
		if !slices.Equal(sorted(got), sorted(tc.want)) {
			t.Errorf("fish completes %q to %q, want %q", tc.line, got, tc.want)
		}
	}
}

// TestZshCompletion: zsh parses the script, and sourcing it after compinit
// registers _keel for keel.
func TestZshCompletion(t *testing.T) {
	zsh, err := exec.LookPath("zsh")
	if err != nil {
		t.Skip("zsh is not installed")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "_keel")
	if err := os.WriteFile(script, []byte(completionScript(t, "zsh")), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(zsh, "-n", script).CombinedOutput(); err != nil {
		t.Fatalf("zsh -n _keel: %v\n%s", err, out)
	}
	cmd := exec.Command(zsh, "-f", "-c", `autoload -U compinit && compinit -u -d "$2/.zcompdump" && source "$1" && print -r -- $_comps[keel]`, "zsh", script, dir)
	cmd.Env = append(os.Environ(), "HOME="+dir, "ZDOTDIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "_keel" {
		t.Errorf("zsh: keel completes with %q (%v), want _keel", out, err)
	}
}
