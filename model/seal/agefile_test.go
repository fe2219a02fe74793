package seal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"filippo.io/age"
	"filippo.io/age/armor"
)

const (
	exportPassphrase = "export passphrase"
	// fastWorkFactor keeps scrypt cheap in tests that are not about its cost.
	fastWorkFactor = 10
)

// encryptFast encrypts plain with the export passphrase at fastWorkFactor.
func encryptFast(t testing.TB, plain []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := EncryptWriterWithWorkFactor(&buf, exportPassphrase, fastWorkFactor)
	if err != nil {
		t.Fatalf("EncryptWriterWithWorkFactor: %v", err)
	}
	if _, err := w.Write(plain); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return buf.Bytes()
}

// decryptAll decrypts enc with passphrase and reads the plaintext to the end.
func decryptAll(enc []byte, passphrase string) ([]byte, error) {
	r, err := DecryptReader(bytes.NewReader(enc), passphrase)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func TestAgeRoundTrip(t *testing.T) {
	for _, size := range []int{0, 1, 500, 64 * 1024, 64*1024 + 1, 300_000} {
		plain := bytes.Repeat([]byte("keel "), size/5+1)[:size]
		enc := encryptFast(t, plain)
		if !IsAge(enc) {
			t.Errorf("IsAge(encrypted %d bytes) = false, want true", size)
		}
		if size > 20 && bytes.Contains(enc, plain[:20]) {
			t.Errorf("encrypted %d bytes contain the plaintext", size)
		}
		got, err := decryptAll(enc, exportPassphrase)
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("decrypt(encrypt(%d bytes)) = %d bytes, %v, want the plaintext", size, len(got), err)
		}
	}
}

// lookAge returns the path of the age command, or skips the test.
func lookAge(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("age")
	if err != nil {
		t.Skip("the age command is not installed (Debian: apt-get install age)")
	}
	return path
}

// TestEncryptWriter checks what EncryptWriter itself writes, at its real scrypt cost
// (slow under the race detector, so it is done once): DecryptReader opens it, and so
// does `age -d`, which is what users are told to use.
func TestEncryptWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("scrypt at age's default cost takes about a second each way")
	}
	plain := []byte(`{"version":1,"journal":[{"text":"today was better"}]}` + "\n")
	dir := t.TempDir()
	enc := filepath.Join(dir, "keel-export.age")
	f, err := os.Create(enc)
	if err != nil {
		t.Fatal(err)
	}
	w, err := EncryptWriter(f, exportPassphrase)
	if err != nil {
		t.Fatalf("EncryptWriter: %v", err)
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(enc)
	if err != nil {
		t.Fatal(err)
	}
	header := fmt.Sprintf("%s-> scrypt ", ageIntro)
	if !bytes.HasPrefix(data, []byte(header)) || !bytes.Contains(data[:80], []byte(" 18\n")) {
		t.Errorf("EncryptWriter wrote %.80q, want a binary age file with one scrypt stanza of work factor 18", data)
	}

	t.Run("DecryptReader", func(t *testing.T) {
		got, err := decryptAll(data, exportPassphrase)
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("DecryptReader(EncryptWriter output) = %q, %v, want %q", got, err, plain)
		}
	})
	t.Run("age -d", func(t *testing.T) {
		agePath := lookAge(t)
		out := filepath.Join(dir, "keel-export.json")
		runAge(t, agePath, exportPassphrase, []string{"Enter passphrase"}, "-d", "-o", out, enc)
		got, err := os.ReadFile(out)
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("age -d = %q, %v, want %q", got, err, plain)
		}
	})
}

// TestAgeCLIEncrypted checks that a file made with `age -p -a` opens with
// DecryptReader, as a user may encrypt a backup by hand. (The binary form is the one
// EncryptWriter writes; only the armored one is tried here, to keep scrypt runs few.)
func TestAgeCLIEncrypted(t *testing.T) {
	if testing.Short() {
		t.Skip("scrypt at age's default cost takes about a second")
	}
	agePath := lookAge(t)
	dir := t.TempDir()
	plain := []byte("made by the age command\n")
	in := filepath.Join(dir, "plain.txt")
	if err := os.WriteFile(in, plain, 0o600); err != nil {
		t.Fatal(err)
	}
	enc := filepath.Join(dir, "plain.txt.age")
	runAge(t, agePath, exportPassphrase, []string{"Enter passphrase", "Confirm passphrase"}, "-p", "-a", "-o", enc, in)
	data, err := os.ReadFile(enc)
	if err != nil {
		t.Fatal(err)
	}
	if !IsAge(data) || !isArmored(data) {
		t.Errorf("IsAge(age -p -a output %.40q) = false, want true", data)
	}
	got, err := decryptAll(data, exportPassphrase)
	if err != nil || !bytes.Equal(got, plain) {
		t.Errorf("DecryptReader(age -p -a output) = %q, %v, want %q", got, err, plain)
	}
}

func TestEncryptWriterRefuses(t *testing.T) {
	for _, p := range []string{"", "short"} {
		if _, err := EncryptWriter(io.Discard, p); err == nil {
			t.Errorf("EncryptWriter(%q) = nil error, want a refusal", p)
		}
	}
	for _, logN := range []int{-1, 0, maxImportWorkFactor + 1, 31} {
		if _, err := EncryptWriterWithWorkFactor(io.Discard, exportPassphrase, logN); err == nil {
			t.Errorf("EncryptWriterWithWorkFactor(%d) = nil error, want a refusal", logN)
		}
	}
}

func TestDecryptReaderErrors(t *testing.T) {
	enc := encryptFast(t, []byte("the whole journal"))

	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	var toKey bytes.Buffer
	w, err := age.Encrypt(&toKey, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "x")
	w.Close()

	costly := bytes.Replace(enc, []byte(" 10\n"), []byte(" 21\n"), 1)
	if bytes.Equal(costly, enc) {
		t.Fatal("could not find the work factor in the header")
	}
	mac := bytes.Index(enc, []byte("\n--- ")) + len("\n--- ")
	badMAC := bytes.Clone(enc)
	badMAC[mac] ^= 'A' ^ 'B' // base64 letters stay letters, so the header still parses

	tests := []struct {
		name       string
		input      []byte
		passphrase string
		want       error
	}{
		{"wrong passphrase", enc, "Export passphrase", ErrWrongPassphrase},
		{"empty passphrase", enc, "", ErrWrongPassphrase},
		{"plain json", []byte(`{"version":1,"sessions":[]}`), exportPassphrase, ErrNotAge},
		{"empty file", nil, exportPassphrase, ErrNotAge},
		{"intro only", []byte("age-encryption.org/v1"), exportPassphrase, ErrNotAge},
		{"other age version", []byte("age-encryption.org/v2\n-> x\n"), exportPassphrase, ErrNotAge},
		{"encrypted to a key", toKey.Bytes(), exportPassphrase, ErrNotPassphraseEncrypted},
		{"header truncated", enc[:len(ageIntro)+10], exportPassphrase, ErrTampered},
		{"header mac changed", badMAC, exportPassphrase, ErrTampered},
		{"work factor too large", costly, exportPassphrase, ErrTampered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := DecryptReader(bytes.NewReader(tt.input), tt.passphrase)
			if !errors.Is(err, tt.want) || r != nil {
				t.Errorf("DecryptReader(%.40q) = %v, want %v", tt.input, err, tt.want)
			}
		})
	}
}

func TestDecryptReaderPayloadDamage(t *testing.T) {
	plain := bytes.Repeat([]byte("a week of check-ins "), 10_000) // several 64 KiB chunks
	enc := encryptFast(t, plain)
	flipped := bytes.Clone(enc)
	flipped[len(flipped)-100] ^= 1
	tests := []struct {
		name  string
		input []byte
	}{
		{"last byte flipped", flipped},
		{"truncated", enc[:len(enc)-10]},
		{"last chunk dropped", enc[:len(enc)-(len(plain)%(64*1024))-16]},
		{"extra bytes", append(bytes.Clone(enc), "more"...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decryptAll(tt.input, exportPassphrase)
			if !errors.Is(err, ErrTampered) {
				t.Errorf("reading damaged file = %d bytes, %v, want %v", len(got), err, ErrTampered)
			}
		})
	}
}

func TestDecryptReaderReadError(t *testing.T) {
	diskErr := errors.New("disk on fire")
	_, err := DecryptReader(iotest.ErrReader(diskErr), exportPassphrase)
	if !errors.Is(err, diskErr) || errors.Is(err, ErrNotAge) {
		t.Errorf("DecryptReader(failing reader) = %v, want it to wrap %v", err, diskErr)
	}
}

func TestDecryptReaderArmored(t *testing.T) {
	var armored bytes.Buffer
	aw := armor.NewWriter(&armored)
	r, err := age.NewScryptRecipient(exportPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(fastWorkFactor)
	w, err := age.Encrypt(aw, r)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "armored export")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := aw.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		leading string
		want    error
	}{
		{"no whitespace", "", nil},
		{"blank lines", "\n  \r\n", nil},
		{"1024 newlines", strings.Repeat("\n", 1024), nil},
		{"1025 newlines", strings.Repeat("\n", 1025), ErrNotAge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := append([]byte(tt.leading), armored.Bytes()...)
			got, err := decryptAll(input, exportPassphrase)
			if !errors.Is(err, tt.want) {
				t.Fatalf("decrypt(armored) = %v, want %v", err, tt.want)
			}
			if err == nil && string(got) != "armored export" {
				t.Errorf("decrypt(armored) = %q, want %q", got, "armored export")
			}
			if _, err := decryptAll(input, "wrong passphrase"); tt.want == nil && !errors.Is(err, ErrWrongPassphrase) {
				t.Errorf("decrypt(armored, wrong passphrase) = %v, want %v", err, ErrWrongPassphrase)
			}
		})
	}
}

func TestIsAge(t *testing.T) {
	tests := []struct {
		prefix string
		want   bool
	}{
		{"age-encryption.org/v1\n-> scrypt", true},
		{"age-encryption.org/v1\n", true},
		{"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl", true},
		{"\r\n \n-----BEGIN AGE ENCRYPTED FILE-----", true},
		{strings.Repeat("\n", 1024) + "-----BEGIN AGE ENCRYPTED FILE-----", true},
		{strings.Repeat("\n", 1025) + "-----BEGIN AGE ENCRYPTED FILE-----", false}, // age refuses it too
		{"", false},
		{"age-encryption.org/v1", false},
		{"age-encryption.org/v2\n", false},
		{"AGE-ENCRYPTION.ORG/V1\n", false},
		{`{"version":1}`, false},
		{"-----BEGIN PGP MESSAGE-----", false},
		{"x-----BEGIN AGE ENCRYPTED FILE-----", false},
	}
	for _, tt := range tests {
		if got := IsAge([]byte(tt.prefix)); got != tt.want {
			t.Errorf("IsAge(%.50q) = %v, want %v", tt.prefix, got, tt.want)
		}
	}
}

// BenchmarkEncryptWriter measures a 500-byte export at EncryptWriter's scrypt cost
// and at the cost tests use; the scrypt run dominates both.
func BenchmarkEncryptWriter(b *testing.B) {
	plain := bytes.Repeat([]byte("x"), benchValue)
	for _, bb := range []struct {
		name string
		logN int
	}{{"default", exportWorkFactor}, {"test", fastWorkFactor}} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				w, err := EncryptWriterWithWorkFactor(io.Discard, exportPassphrase, bb.logN)
				if err != nil {
					b.Fatal(err)
				}
				w.Write(plain)
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
