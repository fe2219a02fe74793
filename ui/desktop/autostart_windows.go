package desktop

import (
	"errors"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

// runKey is where Windows looks, at the user's login, for programs to start.
const runKey = `Software\Microsoft\Windows\CurrentVersion\Run`

// runValue names Keel's value under runKey.
const runValue = "Keel"

func location() string { return `HKEY_CURRENT_USER\` + runKey + `\` + runValue }

func enable(a Autostart) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return err
	}
	defer k.Close()
	return k.SetStringValue(runValue, windowsCommandLine(a.Args()))
}

func disable() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer k.Close()
	if err := k.DeleteValue(runValue); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return err
	}
	return nil
}

func enabled() (bool, []string, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil, nil
	}
	if err != nil {
		return false, nil, err
	}
	defer k.Close()
	line, _, err := k.GetStringValue(runValue)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil, nil
	}
	if err != nil {
		return false, nil, err
	}
	args, err := windows.DecomposeCommandLine(line)
	return true, args, err
}
