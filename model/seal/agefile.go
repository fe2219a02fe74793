package seal

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// ageIntro starts every binary age file (age-encryption.org/v1 format).
const ageIntro = "age-encryption.org/v1\n"

// maxArmorWhitespace is how much whitespace may precede an armored age file; the age
// command-line tool allows the same.
const maxArmorWhitespace = 1024

// AgePrefixLen is how many leading bytes of a file IsAge needs to see at most. Fewer
// are enough for a file without leading whitespace.
const AgePrefixLen = maxArmorWhitespace + len(armor.Header)

// exportWorkFactor is the scrypt cost EncryptWriter uses: 2^18, age's own default,
// 256 MiB and about 0.7 s here (see BenchmarkEncryptWriter).
const exportWorkFactor = 18

// maxImportWorkFactor bounds the scrypt cost DecryptReader accepts: 2^20 needs 1 GiB
// and a few seconds. age writes 2^18 by default, as EncryptWriter does; age itself
// would accept 2^22 (4 GiB), which a hostile file could use to exhaust a small
// machine.
const maxImportWorkFactor = 20

// Errors DecryptReader returns besides ErrWrongPassphrase and ErrTampered.
var (
	// ErrNotAge means the input is not an age-encrypted file at all.
	ErrNotAge = errors.New("the file is not encrypted (it is not an age file)")
	// ErrNotPassphraseEncrypted means the input is an age file encrypted to a key
	// (an age or SSH recipient) rather than with a passphrase.
	ErrNotPassphraseEncrypted = errors.New("the file is encrypted to a key, not with a passphrase")
)

// EncryptWriter returns a writer that encrypts what is written to it into w as an
// age file (binary, not armored) with a passphrase (scrypt) recipient, so that
// `age -d FILE` opens it with the same passphrase. Close must be called to write the
// last chunk; it does not close w. The passphrase must pass CheckPassphrase.
//
// EncryptWriter runs scrypt before it returns (about 0.7 s and 256 MiB), so call it
// off the UI goroutine, like the rest of an export.
func EncryptWriter(w io.Writer, passphrase string) (io.WriteCloser, error) {
	return EncryptWriterWithWorkFactor(w, passphrase, exportWorkFactor)
}

// EncryptWriterWithWorkFactor is EncryptWriter with scrypt's cost set to 2^logN,
// 1 <= logN <= 20. It exists so that tests of exports stay fast (logN 10 takes about
// 2 ms; scrypt is several times slower under the race detector): production
// code must use EncryptWriter. DecryptReader reads the cost from the file.
func EncryptWriterWithWorkFactor(w io.Writer, passphrase string, logN int) (io.WriteCloser, error) {
	if logN < 1 || logN > maxImportWorkFactor {
		return nil, fmt.Errorf("encrypt: scrypt work factor %d outside 1..%d", logN, maxImportWorkFactor)
	}
	if err := CheckPassphrase(passphrase); err != nil {
		return nil, err
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, fmt.Errorf("encrypt: %w", err)
	}
	r.SetWorkFactor(logN)
	wc, err := age.Encrypt(w, r)
	if err != nil {
		return nil, fmt.Errorf("encrypt: %w", err)
	}
	return wc, nil
}

// DecryptReader reads the header of the age file in r, binary or armored, and
// returns a reader of its plaintext. Errors: ErrNotAge if r is not an age file,
// ErrNotPassphraseEncrypted if it is encrypted to a key, ErrWrongPassphrase if the
// passphrase does not open it, and ErrTampered (wrapped with the detail) if the
// header is damaged or asks for more than 1 GiB of scrypt memory.
//
// Reading the plaintext can fail later too, with an error wrapping ErrTampered, if
// the file was truncated or changed: read to io.EOF and use nothing read before an
// error. DecryptReader runs scrypt before it returns (about 0.7 s for a file from
// EncryptWriter), so call it off the UI goroutine.
func DecryptReader(r io.Reader, passphrase string) (io.Reader, error) {
	br := bufio.NewReaderSize(r, AgePrefixLen)
	start, err := br.Peek(AgePrefixLen)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read encrypted file: %w", err)
	}
	var in io.Reader
	switch {
	case bytes.HasPrefix(start, []byte(ageIntro)):
		in = br
	case isArmored(start):
		in = armor.NewReader(br)
	default:
		return nil, ErrNotAge
	}
	if passphrase == "" {
		return nil, ErrWrongPassphrase // age cannot even try an empty one
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, fmt.Errorf("decrypt: %w", err)
	}
	id.SetMaxWorkFactor(maxImportWorkFactor)
	pr, err := age.Decrypt(in, id)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch) && len(noMatch.StanzaTypes) == 1 && noMatch.StanzaTypes[0] == "scrypt":
		return nil, ErrWrongPassphrase
	case errors.As(err, &noMatch):
		return nil, ErrNotPassphraseEncrypted
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrTampered, err)
	}
	return tamperReader{pr}, nil
}

// tamperReader marks every error of an age payload reader but io.EOF as ErrTampered.
type tamperReader struct{ r io.Reader }

func (t tamperReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%w: %w", ErrTampered, err)
	}
	return n, err
}

// IsAge reports whether prefix, the first bytes of a file (AgePrefixLen are always
// enough), starts like an age file, binary or armored. Import uses it to tell an
// encrypted export from a plain one before asking for a passphrase.
func IsAge(prefix []byte) bool {
	return bytes.HasPrefix(prefix, []byte(ageIntro)) || isArmored(prefix)
}

// isArmored reports whether prefix starts, after at most maxArmorWhitespace bytes of
// whitespace, with the armor header.
func isArmored(prefix []byte) bool {
	prefix = prefix[:min(len(prefix), AgePrefixLen)]
	return bytes.HasPrefix(bytes.TrimLeft(prefix, " \t\r\n"), []byte(armor.Header))
}
