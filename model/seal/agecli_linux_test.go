//go:build linux

package seal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a new pseudo-terminal pair.
func openPTY() (master, tty *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	var n uint32
	rc, err := master.SyscallConn()
	if err == nil {
		cerr := rc.Control(func(fd uintptr) {
			if err = unix.IoctlSetPointerInt(int(fd), unix.TIOCSPTLCK, 0); err == nil {
				n, err = unix.IoctlGetUint32(int(fd), unix.TIOCGPTN)
			}
		})
		err = errors.Join(err, cerr)
	}
	if err == nil {
		tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	}
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	return master, tty, nil
}

// terminal collects what a program writes to its terminal.
type terminal struct {
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

func (s *terminal) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

// waitFor waits until the terminal output has count occurrences of want.
func (s *terminal) waitFor(t *testing.T, want string, count int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for strings.Count(s.text(), want) < count {
		if time.Now().After(deadline) {
			t.Fatalf("age did not print %q; terminal shows %q", want, s.text())
		}
		select {
		case <-s.done:
			if strings.Count(s.text(), want) < count {
				t.Fatalf("age ended without printing %q; terminal shows %q", want, s.text())
			}
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// runAge runs the age command with args and, for each prompt in order, waits for it
// and types passphrase. It fails the test if age fails. age reads a passphrase only
// from a terminal (/dev/tty), never from a pipe or the environment, so runAge gives
// it a pseudo-terminal as its controlling terminal.
func runAge(t *testing.T, agePath, passphrase string, prompts []string, args ...string) {
	t.Helper()
	master, tty, err := openPTY()
	if err != nil {
		t.Skipf("cannot open a pseudo-terminal to type the passphrase into age: %v", err)
	}
	defer master.Close()

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, agePath, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		tty.Close()
		t.Fatalf("start age: %v", err)
	}
	tty.Close() // the child holds its own copy

	term := &terminal{done: make(chan struct{})}
	go func() {
		defer close(term.done)
		buf := make([]byte, 1024)
		for {
			n, err := master.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.mu.Unlock()
			if err != nil { // EIO once age has exited and closed the terminal
				return
			}
		}
	}()

	seen := map[string]int{}
	for _, p := range prompts {
		seen[p]++
		term.waitFor(t, p, seen[p])
		if _, err := io.WriteString(master, passphrase+"\r"); err != nil {
			t.Fatalf("type passphrase: %v", err)
		}
	}
	err = cmd.Wait()
	master.Close()
	<-term.done
	if err != nil {
		t.Fatalf("age %s: %v; terminal shows %q", strings.Join(args, " "), err, term.text())
	}
}
