package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"keel/model"
	"keel/model/demo"

	"keel/model/seal"
)

const crashPassphrase = "crash test passphrase"

// TestCrashChild is the child process of the crash tests: it saves sessions and
// check-ins as fast as it can and prints "kind id" after each commit. With
// KEEL_CRASH_ENCRYPT it turns encryption on after a few writes. It does nothing in a
// normal test run.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv("KEEL_CRASH_DIR")
	if dir == "" {
		return
	}
	p := seal.TestParams()
	st, err := Open(DataFile(dir), Options{KDF: &p, Passphrase: []byte(crashPassphrase)})
	if err != nil {
		fmt.Println("open-failed", err)
		os.Exit(3)
	}
	out := bufio.NewWriter(os.Stdout)
	at := time.Now().Add(-time.Hour)
	if empty, _ := st.IsEmpty(); empty && os.Getenv("KEEL_CRASH_ENCRYPT") != "" {
		// A year of history makes the rewrite long enough for kills to land inside it.
		if err := st.Add(demo.Demo(time.Now(), 1, 1)); err != nil {
			fmt.Println("demo-failed", err)
			os.Exit(3)
		}
	}
	for i := 0; ; i++ {
		if i == 20 && os.Getenv("KEEL_CRASH_ENCRYPT") != "" && !st.Encrypted() {
			if err := st.EnableEncryption([]byte(crashPassphrase)); err != nil {
				fmt.Println("encrypt-failed", err)
				os.Exit(3)
			}
			fmt.Fprintln(out, "encrypted 0")
			out.Flush()
		}
		note := fmt.Sprintf("record %d of a crash test", i)
		if i%2 == 0 {
			s, err := st.SaveSession(model.Session{At: at, Status: model.StatusDone, Route: model.RouteIV, Notes: note})
			if err != nil {
				os.Exit(3)
			}
			fmt.Fprintln(out, "session", s.ID, i)
		} else {
			c, err := st.SaveCheckIn(model.CheckIn{At: at, Mood: ptr(i % 11), Note: note})
			if err != nil {
				os.Exit(3)
			}
			fmt.Fprintln(out, "checkin", c.ID, i)
		}
		out.Flush()
	}
}

// runAndKill starts the child on dir, kills it with SIGKILL after a random moment and
// returns the records it reported as committed (kind -> id -> i).
func runAndKill(t *testing.T, dir string, encrypt bool, rng *rand.Rand) map[string]map[uint64]int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), "KEEL_CRASH_DIR="+dir)
	if encrypt {
		cmd.Env = append(cmd.Env, "KEEL_CRASH_ENCRYPT=1")
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1<<16)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	// Wait until it has committed something, then kill it at a random moment; when it
	// is about to encrypt, aim at the rewrite.
	first, ok := <-lines
	if !ok {
		cmd.Wait()
		t.Fatal("the child printed nothing")
	}
	var seen []string
	if encrypt {
		for l := range lines {
			seen = append(seen, l)
			if strings.HasSuffix(l, " 19") {
				break
			}
		}
		time.Sleep(time.Duration(rng.IntN(40)) * time.Millisecond)
	} else {
		time.Sleep(time.Duration(rng.IntN(120)) * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	got := map[string]map[uint64]int{"session": {}, "checkin": {}}
	for line := range chanWith(append([]string{first}, seen...), lines) {
		f := strings.Fields(line)
		if len(f) != 3 || got[f[0]] == nil {
			if strings.HasSuffix(line, "failed") || strings.Contains(line, "failed ") {
				t.Fatalf("child: %s", line)
			}
			continue
		}
		id, err1 := strconv.ParseUint(f[1], 10, 64)
		i, err2 := strconv.Atoi(f[2])
		if err1 == nil && err2 == nil {
			got[f[0]][id] = i
		}
	}
	return got
}

func chanWith(first []string, rest <-chan string) <-chan string {
	out := make(chan string, 1)
	go func() {
		for _, l := range first {
			out <- l
		}
		for l := range rest {
			out <- l
		}
		close(out)
	}()
	return out
}

// verifyAfterCrash opens the database a killed child left and checks that it passes
// bbolt's consistency check and holds every record the child reported as committed.
func verifyAfterCrash(t *testing.T, dir string, committed map[string]map[uint64]int) {
	t.Helper()
	if err := CheckFile(DataFile(dir)); err != nil {
		t.Fatalf("after a kill the database fails its check: %v", err)
	}
	st, err := Open(DataFile(dir), Options{Passphrase: []byte(crashPassphrase)})
	if err != nil {
		t.Fatalf("after a kill the database does not open: %v", err)
	}
	defer st.Close()
	for id, i := range committed["session"] {
		s, err := st.Session(id)
		if err != nil || s.Notes != fmt.Sprintf("record %d of a crash test", i) {
			t.Fatalf("committed session %d (record %d) after a kill: %+v, %v", id, i, s, err)
		}
	}
	cs, err := st.CheckInsBetween(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	have := map[uint64]string{}
	for _, c := range cs {
		have[c.ID] = c.Note
	}
	for id, i := range committed["checkin"] {
		if have[id] != fmt.Sprintf("record %d of a crash test", i) {
			t.Fatalf("committed check-in %d (record %d) is missing after a kill", id, i)
		}
	}
}

// TestCrashSafety kills a writing child process with SIGKILL at random moments, 100
// times on the same database: after each kill it opens, passes bbolt's check and holds
// every record reported as committed.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process 100 times")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	dir := t.TempDir()
	all := map[string]map[uint64]int{"session": {}, "checkin": {}}
	for range 100 {
		got := runAndKill(t, dir, false, rng)
		for kind, ids := range got {
			for id, i := range ids {
				all[kind][id] = i
			}
		}
		verifyAfterCrash(t, dir, all)
	}
	t.Logf("%d sessions and %d check-ins committed across 100 kills", len(all["session"]), len(all["checkin"]))
}

// TestCrashWhileEncrypting kills the child while it may be turning encryption on:
// every time the database opens whole, encrypted or not, with every committed record.
func TestCrashWhileEncrypting(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process 30 times")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	encrypted, midway := 0, 0
	for range 30 {
		dir := t.TempDir()
		got := runAndKill(t, dir, true, rng)
		if _, err := os.Stat(DataFile(dir) + rewriteSuffix); err == nil {
			midway++ // killed while the encrypted copy was being written
		}
		verifyAfterCrash(t, dir, got)
		if st, err := Open(DataFile(dir), Options{Passphrase: []byte(crashPassphrase)}); err == nil {
			if st.Encrypted() {
				encrypted++
			}
			st.Close()
		}
	}
	t.Logf("of 30 kills, %d landed while the encrypted copy was being written and %d after encryption was on", midway, encrypted)
}
