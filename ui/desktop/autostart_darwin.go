package desktop

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"keel/model/atomicfile"
	"keel/model/cli"
)

// agentPath is the LaunchAgent: ~/Library/LaunchAgents/ID.plist, which launchd
// loads at the next login.
func agentPath() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "Library", "LaunchAgents", cli.AppID+".plist"), nil
}

func location() string {
	if path, err := agentPath(); err == nil {
		return path
	}
	return "~/Library/LaunchAgents"
}

func enable(a Autostart) error {
	path, err := agentPath()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(launchAgent(a))
		return err
	})
}

func disable() error {
	path, err := agentPath()
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func enabled() (bool, []string, error) {
	path, err := agentPath()
	if err != nil {
		return false, nil, err
	}
	plist, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil, nil
	}
	if err != nil {
		return false, nil, err
	}
	args, err := argsFromLaunchAgent(plist)
	return true, args, err
}
