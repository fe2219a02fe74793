//go:build !(linux || freebsd || openbsd || netbsd || dragonfly || darwin || windows)

package desktop

import "errors"

var errNoAutostart = errors.New("starting at login is not supported on this system")

func location() string { return "an autostart entry" }

func enable(Autostart) error { return errNoAutostart }

func disable() error { return nil }

func enabled() (bool, []string, error) { return false, nil, nil }
