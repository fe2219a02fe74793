package cli

import (
	"os"
	"path/filepath"
	"runtime"

	"keel/model"
)

// AppID is Keel's application ID; it also names the per-user data folder.
const AppID = "io.github.keelapp.keel"

// DefaultDataDir is Keel's per-user data folder: the folder the window's toolkit
// (Fyne) keeps the app's storage in, so the window and the commands find the same
// data. On Linux and the BSDs $XDG_CONFIG_HOME/fyne/ID (~/.config/fyne/ID), on macOS
// ~/Library/Preferences/fyne/ID, on Windows %USERPROFILE%\AppData\Roaming\fyne\ID.
func DefaultDataDir() (string, error) {
	switch runtime.GOOS {
	case "darwin", "windows":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		if runtime.GOOS == "darwin" {
			return filepath.Join(home, "Library", "Preferences", "fyne", AppID), nil
		}
		return filepath.Join(home, "AppData", "Roaming", "fyne", AppID), nil
	}
	config, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(config, "fyne", AppID), nil
}

// DataDir is the data folder to use: the one given (with --data), or the per-user
// default, created when missing and kept private to the user (0700) where the
// system has such permissions.
func DataDir(given string) (string, error) {
	dir := given
	if dir == "" {
		var err error
		if dir, err = DefaultDataDir(); err != nil {
			return "", model.Errorf(model.ENotFound, "Keel cannot tell where your per-user folder is; give one with --data DIR.", err)
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	if given == "" && runtime.GOOS != "windows" {
		_ = os.Chmod(dir, 0o700) // #nosec G302 -- a folder needs its x bit; 0700 is the owner only
	}
	return dir, nil
}
