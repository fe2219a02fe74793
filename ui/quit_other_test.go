//go:build !linux

package ui

// quitHelperEnv: the quit test runs a real window under Xvfb, on Linux only.
const quitHelperEnv = "KEEL_TEST_QUIT_HELPER"

func quitHelper() int { return 1 }
