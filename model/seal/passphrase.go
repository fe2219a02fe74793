package seal

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MinPassphraseLen is the fewest characters (not bytes) a new passphrase may have.
const MinPassphraseLen = 8

// Errors CheckPassphrase returns. Their text says what to do, so that it can be shown
// to the user (model.Explain may still word it as a full sentence).
var (
	// ErrPassphraseEmpty means no passphrase was given, or only spaces.
	ErrPassphraseEmpty = errors.New("the passphrase is empty: enter one")
	// ErrPassphraseShort means the passphrase has fewer than MinPassphraseLen characters.
	ErrPassphraseShort = fmt.Errorf("the passphrase is too short: use at least %d characters (a few words you can remember work well)", MinPassphraseLen)
)

// CheckPassphrase reports whether p may be used as a new passphrase: not empty or only
// spaces, and at least MinPassphraseLen characters. It does not judge strength beyond
// that. New, Rewrap and EncryptWriter apply the same check; Unlock and DecryptReader
// do not, so a rule added later never locks anyone out of existing data.
func CheckPassphrase(p string) error {
	return passphraseRule(utf8.RuneCountInString(p), strings.TrimSpace(p) == "")
}

// checkPassphrase is CheckPassphrase for a passphrase held in a byte slice, without
// copying it into a string that could not be cleared.
func checkPassphrase(p []byte) error {
	return passphraseRule(utf8.RuneCount(p), len(bytes.TrimSpace(p)) == 0)
}

func passphraseRule(chars int, blank bool) error {
	if blank {
		return ErrPassphraseEmpty
	}
	if chars < MinPassphraseLen {
		return ErrPassphraseShort
	}
	return nil
}
