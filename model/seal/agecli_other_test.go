//go:build !linux

package seal

import "testing"

// runAge would type the passphrase into the age command through a pseudo-terminal;
// the tests open one only on Linux, so elsewhere the tests that need it skip.
func runAge(t *testing.T, agePath, passphrase string, prompts []string, args ...string) {
	t.Helper()
	t.Skip("typing a passphrase into age needs a pseudo-terminal; these tests drive one only on Linux")
}
