package desktop

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// The one request a second Keel sends the first on the same data folder, and the
// answer.
const (
	showRequest = "show\n"
	shownAnswer = "shown\n"
)

// instanceWait is how long a second Keel waits for the first one's answer.
var instanceWait = 3 * time.Second

// InstanceSocket is where the Keel that holds the data folder dir listens for a
// second Keel started on the same folder: a Unix socket in a folder only this user
// may enter ($XDG_RUNTIME_DIR, else the temporary folder's keel-UID), named after the
// folder's absolute path. It is not in the data folder itself: that may be a USB
// stick whose file system has no sockets, or a path too long for one.
func InstanceSocket(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(filepath.Clean(abs)))
	name := "keel-" + hex.EncodeToString(sum[:8]) + ".sock"
	if run := os.Getenv("XDG_RUNTIME_DIR"); run != "" {
		if info, err := os.Stat(run); err == nil && info.IsDir() { // #nosec G703 -- this user's own runtime dir, only checked for existence
			return filepath.Join(run, name), nil
		}
	}
	base := filepath.Join(os.TempDir(), "keel-"+userTag())
	if err := os.MkdirAll(base, 0o700); err != nil {
		return "", err
	}
	// A folder someone else made first, or one others may enter, is not used.
	if err := checkPrivate(base); err != nil {
		return "", err
	}
	return filepath.Join(base, name), nil
}

// ListenInstance listens for a second Keel on the data folder dir (see
// InstanceSocket) and calls onShow, on its own goroutine, each time one asks for the
// window. The caller must hold the data folder (the store's lock), so a socket left
// by a Keel that crashed is replaced. stop closes the socket.
func ListenInstance(dir string, onShow func()) (stop func(), err error) {
	path, err := InstanceSocket(dir)
	if err != nil {
		return func() {}, err
	}
	_ = os.Remove(path) // a crashed Keel's socket: this process holds the data now
	l, err := net.Listen("unix", path)
	if err != nil {
		return func() {}, err
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return // closed
			}
			serve(c, onShow)
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			_ = l.Close() // also removes the socket file
			wg.Wait()
		})
	}, nil
}

func serve(c net.Conn, onShow func()) {
	defer func() { _ = c.Close() }() // the answer is written or not; nothing to add
	_ = c.SetDeadline(time.Now().Add(instanceWait))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil || line != showRequest {
		return
	}
	onShow()
	_, _ = c.Write([]byte(shownAnswer)) // the other Keel only waits for it
}

// ShowRunning asks the Keel that holds the data folder dir to bring its window to
// the front, and reports whether it did.
func ShowRunning(dir string) error {
	path, err := InstanceSocket(dir)
	if err != nil {
		return err
	}
	c, err := net.DialTimeout("unix", path, instanceWait)
	if err != nil {
		return err
	}
	defer func() { _ = c.Close() }() // done either way
	_ = c.SetDeadline(time.Now().Add(instanceWait))
	if _, err := c.Write([]byte(showRequest)); err != nil {
		return err
	}
	answer, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if strings.TrimSpace(answer) != strings.TrimSpace(shownAnswer) {
		return errors.New("the running Keel did not show its window")
	}
	return nil
}
