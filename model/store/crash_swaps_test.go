package store

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"keel/model"
	"keel/model/demo"

	"keel/model/seal"
)

var swapPassphrases = [][]byte{[]byte("crash test passphrase one"), []byte("crash test passphrase two")}

// openSwapped opens the database at path whatever state a kill left it in: plain,
// or encrypted with either passphrase. It returns the passphrase that opened it.
func openSwapped(path string) (*Store, []byte, error) {
	p := seal.TestParams()
	st, err := Open(path, Options{KDF: &p, Timeout: 5 * time.Second})
	if err != nil || !st.Locked() {
		return st, nil, err
	}
	for _, pass := range swapPassphrases {
		if err := st.Unlock(pass); err == nil {
			return st, pass, nil
		}
	}
	st.Close()
	return nil, nil, errors.New("neither passphrase opens it")
}

// TestCrashSwapChild is the child process of TestCrashAcrossSwaps: it saves
// sessions, printing "record N" after each commit, and between them restores a
// backup and turns encryption on, changes the passphrase and turns encryption off, in
// turn, printing "op NAME" before each. It does nothing in a normal test run.
func TestCrashSwapChild(t *testing.T) {
	dir := os.Getenv("KEEL_SWAP_DIR")
	if dir == "" {
		return
	}
	base, _ := strconv.Atoi(os.Getenv("KEEL_SWAP_BASE"))
	st, pass, err := openSwapped(DataFile(dir))
	if err != nil {
		fmt.Println("open-failed", err)
		os.Exit(3)
	}
	if empty, _ := st.IsEmpty(); empty {
		// A year of history makes each swap long enough for kills to land inside it.
		if err := st.Add(demo.Demo(time.Now(), 1, 1)); err != nil {
			fmt.Println("demo-failed", err)
			os.Exit(3)
		}
	}
	out := bufio.NewWriter(os.Stdout)
	var backup *Backup
	for i := 0; ; i++ {
		n := base + i
		if _, err := st.SaveSession(model.Session{At: time.Now().Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: fmt.Sprintf("record %d of a crash test", n)}); err != nil {
			fmt.Println("save-failed", err)
			os.Exit(3)
		}
		fmt.Fprintln(out, "record", n)
		out.Flush()
		if i%3 != 2 {
			continue
		}
		var op string
		switch k := (n / 3) % 4; {
		case k == 0 || (k == 3 && !st.Encrypted()):
			op = "restore"
		case !st.Encrypted():
			op = "encrypt"
		case k == 3:
			op = "decrypt"
		default:
			op = "rekey"
		}
		if op == "restore" && backup == nil {
			b, err := st.Backup()
			if err != nil {
				fmt.Println("backup-failed", err)
				os.Exit(3)
			}
			backup = &b
		}
		fmt.Fprintln(out, "op", op)
		out.Flush()
		switch op {
		case "restore":
			_, err = st.Restore(*backup)
		case "encrypt":
			pass = swapPassphrases[0]
			err = st.EnableEncryption(pass)
		case "rekey":
			next := swapPassphrases[0]
			if string(pass) == string(next) {
				next = swapPassphrases[1]
			}
			if err = st.ChangePassphrase(pass, next); err == nil {
				pass = next
			}
		case "decrypt":
			err = st.DisableEncryption(pass)
		}
		if err != nil {
			fmt.Println(op+"-failed", err)
			os.Exit(3)
		}
		b, err := st.Backup()
		if err != nil {
			fmt.Println("backup-failed", err)
			os.Exit(3)
		}
		backup = &b
	}
}

// notesIn returns the notes of every session in the database file at path, opened
// from a copy (so backups are never changed), whatever its encryption.
func notesIn(t *testing.T, path string) map[string]bool {
	t.Helper()
	dir := t.TempDir()
	if err := copyFile(path, DataFile(dir)); err != nil {
		t.Fatal(err)
	}
	st, _, err := openSwapped(DataFile(dir))
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	defer st.Close()
	list, err := st.Sessions()
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	out := map[string]bool{}
	for _, s := range list {
		out[s.Notes] = true
	}
	return out
}

// TestCrashAcrossSwaps kills the child with SIGKILL 100 times at random moments
// while it restores backups, turns encryption on, changes the passphrase and turns it
// off. After every kill keel.db is there, passes CheckFile and opens (plain or with
// one of the passphrases); at the end every record the child reported as committed
// is in keel.db or in a safety copy taken before a restore (which is where a restore
// puts what it replaces). A kill used to be able to leave no keel.db at all.
func TestCrashAcrossSwaps(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process 100 times")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	dir := t.TempDir()
	committed := map[string]bool{}
	ops := map[string]int{}
	base := 0
	for kill := range 100 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashSwapChild$")
		cmd.Env = append(os.Environ(), "KEEL_SWAP_DIR="+dir, "KEEL_SWAP_BASE="+strconv.Itoa(base))
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1<<12)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		deadline := time.After(time.Duration(20+rng.IntN(400)) * time.Millisecond)
		last := ""
	read:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				last = l
				switch f := strings.Fields(l); {
				case len(f) == 2 && f[0] == "record":
					committed[fmt.Sprintf("record %s of a crash test", f[1])] = true
					n, _ := strconv.Atoi(f[1])
					base = max(base, n+1)
				case len(f) == 2 && f[0] == "op":
				case strings.Contains(l, "failed"):
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("kill %d: child: %s", kill, l)
				}
			case <-deadline:
				break read
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for l := range lines {
			if f := strings.Fields(l); len(f) == 2 && f[0] == "record" {
				committed[fmt.Sprintf("record %s of a crash test", f[1])] = true
				n, _ := strconv.Atoi(f[1])
				base = max(base, n+1)
			}
			last = l
		}
		if f := strings.Fields(last); len(f) == 2 && f[0] == "op" {
			ops[f[1]]++ // killed inside this swap (or just after it)
		}
		if _, err := os.Stat(DataFile(dir)); err != nil {
			t.Fatalf("kill %d (last line %q): keel.db is gone: %v", kill, last, err)
		}
		if err := CheckFile(DataFile(dir)); err != nil {
			t.Fatalf("kill %d (last line %q): %v", kill, last, err)
		}
		st, _, err := openSwapped(DataFile(dir))
		if err != nil {
			t.Fatalf("kill %d (last line %q): keel.db does not open: %v", kill, last, err)
		}
		st.Close()
	}
	have := notesIn(t, DataFile(dir))
	list, _ := ListBackups(DataFile(dir))
	for _, b := range list {
		if b.BeforeRestore {
			for n := range notesIn(t, b.Path) {
				have[n] = true
			}
		}
	}
	for n := range committed {
		if !have[n] {
			t.Errorf("%s was committed and is in neither keel.db nor a safety copy", n)
		}
	}
	t.Logf("%d records committed across 100 kills; kills inside or right after a swap: %v", len(committed), ops)
}
