//go:build linux

package ui

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
)

// quitHelperEnv makes the test binary a real Keel window (TestMain) that quits in
// the way its value says: "close" (the window's close button) or "signal"
// (SIGTERM, as at logout). Its data folder is in quitDataEnv.
const (
	quitHelperEnv = "KEEL_TEST_QUIT_HELPER"
	quitDataEnv   = "KEEL_TEST_QUIT_DATA"
)

// quitHelper runs Keel's window on the main goroutine with a reminder pending and
// the tray set up, then quits it; its exit status is what the test checks.
func quitHelper() int {
	firstRemindDelay = 200 * time.Millisecond
	registered := make(chan string, 4)
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		if err := serveTrayWatcher(registered); err != nil {
			fmt.Fprintln(os.Stderr, "quit helper: no tray watcher:", err)
			return 5
		}
	} else {
		hasTrayHost = func() bool { return true } // the tray starts, though it cannot reach a bus
	}
	go func() {
		select {
		case item := <-registered:
			fmt.Fprintln(os.Stderr, "quit helper: tray registered "+item)
		case <-time.After(20 * time.Second):
		}
	}()
	go func() {
		for !signalsCaught.Load() { // the loop runs
			time.Sleep(50 * time.Millisecond)
		}
		time.Sleep(2 * time.Second) // and the reminder was sent
		switch os.Getenv(quitHelperEnv) {
		case "signal":
			_ = syscall.Kill(os.Getpid(), syscall.SIGTERM) // #nosec G104 -- the test sees the outcome
		default:
			fyne.Do(func() { active.Load().closeRequested() })
		}
	}()
	go func() {
		time.Sleep(30 * time.Second)
		fmt.Fprintln(os.Stderr, "quit helper: still running after 30 s")
		os.Exit(4)
	}()
	return run(os.Getenv(quitDataEnv), os.Stderr)
}

// TestQuitExitsZero: quitting a real window after a reminder was sent and the tray
// set up exits 0 without a panic, with a session bus (dbus-run-session) and with
// none at all, from the close button and from SIGTERM. It needs Xvfb.
func TestQuitExitsZero(t *testing.T) {
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Skip("Xvfb is not installed (Debian: xvfb)")
	}
	runner, err := exec.LookPath("dbus-run-session")
	if err != nil {
		t.Skip("dbus-run-session is not installed (Debian: dbus)")
	}
	display := startXvfb(t, xvfb)
	for _, bus := range []bool{true, false} {
		for _, how := range []string{"close", "signal"} {
			t.Run(fmt.Sprintf("%s/bus=%v", how, bus), func(t *testing.T) {
				dir := t.TempDir()
				prefs := `{"welcomed":true,"remind_checkin_at":"00:00","stay_in_tray":false}`
				if err := os.WriteFile(filepath.Join(dir, PrefsFileName), []byte(prefs), 0o600); err != nil {
					t.Fatal(err)
				}
				empty := t.TempDir()
				env := []string{"DISPLAY=" + display, "HOME=" + t.TempDir(), "XDG_CONFIG_HOME=" + t.TempDir(),
					"XDG_RUNTIME_DIR=" + empty, "XDG_CACHE_HOME=" + t.TempDir(), "LANG=en_US.UTF-8", quitHelperEnv + "=" + how, quitDataEnv + "=" + dir}
				var cmd *exec.Cmd
				if bus {
					cmd = exec.Command(runner, "--", os.Args[0], "-test.run", "^$")
					env = append(env, "PATH="+os.Getenv("PATH"))
				} else {
					cmd = exec.Command(os.Args[0], "-test.run", "^$")
					env = append(env, "PATH="+empty) // no dbus-launch to start a bus with
				}
				cmd.Env = env
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				err := cmd.Run()
				code := cmd.ProcessState.ExitCode()
				if err != nil && code <= 0 {
					t.Fatalf("could not run the helper: %v", err)
				}
				if code != 0 || strings.Contains(out.String(), "panic") {
					t.Errorf("Keel exited %d after quitting; output:\n%s", code, out.String())
				}
				if bus && !strings.Contains(out.String(), "tray registered") {
					t.Errorf("the tray icon never registered with the StatusNotifier watcher; output:\n%s", out.String())
				}
				if _, err := os.Stat(filepath.Join(dir, "keel.db")); err != nil {
					t.Errorf("no database after the run: %v", err)
				}
			})
		}
	}
}

// trayWatcher is a StatusNotifier watcher with a host (a panel) registered, as KDE
// or GNOME with the AppIndicator extension run it.
type trayWatcher struct{ registered chan<- string }

func (w trayWatcher) RegisterStatusNotifierItem(item string) *dbus.Error {
	w.registered <- item
	return nil
}

// serveTrayWatcher plays the watcher on the session bus.
func serveTrayWatcher(registered chan<- string) error {
	c, err := dbus.Connect(os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
	if err != nil {
		return err
	}
	const name, path = "org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher"
	if err := c.Export(trayWatcher{registered}, path, name); err != nil {
		return err
	}
	if _, err := prop.Export(c, path, prop.Map{name: {
		"IsStatusNotifierHostRegistered": {Value: true, Emit: prop.EmitFalse},
		"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitFalse},
	}}); err != nil {
		return err
	}
	_, err = c.RequestName(name, dbus.NameFlagDoNotQueue)
	return err
}

// startXvfb starts a private X display for the test and returns its name.
func startXvfb(t *testing.T, xvfb string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1024x700x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	_ = w.Close() // the child has it
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // the display is no longer needed
		_ = cmd.Wait()         // and it is gone
	})
	got := make(chan string, 1)
	go func() {
		buf := make([]byte, 16)
		n, _ := r.Read(buf)
		got <- strings.TrimSpace(string(buf[:n]))
	}()
	select {
	case d := <-got:
		if d == "" {
			t.Fatal("Xvfb gave no display number")
		}
		return ":" + d
	case <-time.After(10 * time.Second):
		t.Fatal("Xvfb did not start")
	}
	return ""
}
