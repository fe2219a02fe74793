//go:build linux || freebsd || openbsd || netbsd || dragonfly

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

// entryPath is the XDG autostart file: $XDG_CONFIG_HOME/autostart/ID.desktop
// (~/.config when XDG_CONFIG_HOME is not set).
func entryPath() (string, error) {
	config, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(config, "autostart", cli.AppID+".desktop"), nil
}

func location() string {
	if path, err := entryPath(); err == nil {
		return path
	}
	return "$XDG_CONFIG_HOME/autostart"
}

func enable(a Autostart) error {
	path, err := entryPath()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(desktopEntry(a))
		return err
	})
}

func disable() error {
	path, err := entryPath()
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func enabled() (bool, []string, error) {
	path, err := entryPath()
	if err != nil {
		return false, nil, err
	}
	entry, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil, nil
	}
	if err != nil {
		return false, nil, err
	}
	return true, execFromEntry(entry), nil
}
