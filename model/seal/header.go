package seal

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// HeaderVersion is the only Header format this package reads and writes.
const HeaderVersion = 1

// KDFArgon2id names the key derivation function in a Header.
const KDFArgon2id = "argon2id"

// SaltSize is the size of the argon2id salt in a Header.
const SaltSize = 16

// Bounds a Header's parameters must stay within. Unlock checks them before running
// argon2id, so a damaged or hostile header cannot make it allocate more than
// maxMemoryKiB or run for minutes.
const (
	maxTime      = 20
	maxMemoryKiB = 1 << 20 // 1 GiB
	maxThreads   = 16
)

// wrapAD is the associated data of the wrapped data key: it separates it from every
// other use of XChaCha20-Poly1305 and ties it to this header version. It is part of
// the stored format: changing it locks out every existing header.
var wrapAD = []byte("keel/seal v1 wrapped data key")

// ErrInvalidHeader means a Header is malformed, of an unknown version, or has
// parameters out of bounds. Every error from Header.Validate, UnmarshalJSON and
// UnmarshalBinary wraps it.
var ErrInvalidHeader = errors.New("invalid encryption header")

// Params are the argon2id cost parameters. Time is the number of passes (1 to 20),
// MemoryKiB the memory in KiB (8×Threads to 1 GiB), Threads the parallelism (1 to
// 16).
type Params struct {
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

// DefaultParams returns the argon2id parameters New and Rewrap use: 4 passes over
// 256 MiB with 2 threads, about 0.4 s on the 2-core machine Keel is developed on (see
// BenchmarkUnlock) and a few times that on an old laptop. Memory is what makes
// guessing on GPUs expensive, so it is favoured over passes. The parameters are
// stored in each Header, so changing them later does not lock anyone out: old
// headers keep theirs until the next Rewrap.
func DefaultParams() Params {
	return Params{Time: 4, MemoryKiB: 256 * 1024, Threads: 2}
}

// TestParams returns cheap parameters (one pass over 64 KiB, about 0.1 ms),
// for tests in other packages that need a real Key fast. Production code must use New
// and Rewrap, never NewWithParams(…, TestParams()): these parameters give a
// passphrase no protection against guessing.
func TestParams() Params {
	return Params{Time: 1, MemoryKiB: 64, Threads: 1}
}

func (p Params) validate() error {
	switch {
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("%w: argon2id time %d outside 1..%d", ErrInvalidHeader, p.Time, maxTime)
	case p.Threads < 1 || p.Threads > maxThreads:
		return fmt.Errorf("%w: argon2id threads %d outside 1..%d", ErrInvalidHeader, p.Threads, maxThreads)
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxMemoryKiB:
		return fmt.Errorf("%w: argon2id memory %d KiB outside %d..%d", ErrInvalidHeader, p.MemoryKiB, 8*uint32(p.Threads), maxMemoryKiB)
	}
	return nil
}

// Header is what is stored, unencrypted, to unlock the data key: the format version,
// the key derivation function and its parameters, the salt, and the data key sealed
// under the key derived from the passphrase (nonce and wrapped key). It holds no
// secret. Its JSON form (also returned by MarshalBinary, for storing in a bbolt
// value) is checked strictly when read: garbage, unknown fields, an unknown version
// or out-of-range parameters are errors wrapping ErrInvalidHeader.
type Header struct {
	Version    int    `json:"version"`     // HeaderVersion
	KDF        string `json:"kdf"`         // KDFArgon2id
	Params     Params `json:"params"`      // argon2id cost
	Salt       []byte `json:"salt"`        // SaltSize random bytes for argon2id
	Nonce      []byte `json:"nonce"`       // NonceSize random bytes for the wrapping
	WrappedKey []byte `json:"wrapped_key"` // the data key sealed under the derived key, KeySize+TagSize bytes
}

// headerJSON has Header's fields and none of its methods, so that encoding/json can
// be used on it without recursing into Header's own MarshalJSON and UnmarshalJSON.
type headerJSON Header

// Validate reports whether h is a header this package can unlock: the known version
// and KDF, parameters within bounds and parts of the right sizes. It does not check
// the passphrase.
func (h Header) Validate() error {
	if h.Version != HeaderVersion {
		return fmt.Errorf("%w: unsupported version %d", ErrInvalidHeader, h.Version)
	}
	if h.KDF != KDFArgon2id {
		return fmt.Errorf("%w: unsupported key derivation function", ErrInvalidHeader)
	}
	if err := h.Params.validate(); err != nil {
		return err
	}
	switch {
	case len(h.Salt) != SaltSize:
		return fmt.Errorf("%w: salt is %d bytes, want %d", ErrInvalidHeader, len(h.Salt), SaltSize)
	case len(h.Nonce) != NonceSize:
		return fmt.Errorf("%w: nonce is %d bytes, want %d", ErrInvalidHeader, len(h.Nonce), NonceSize)
	case len(h.WrappedKey) != KeySize+TagSize:
		return fmt.Errorf("%w: wrapped key is %d bytes, want %d", ErrInvalidHeader, len(h.WrappedKey), KeySize+TagSize)
	}
	return nil
}

// MarshalJSON encodes h as JSON, refusing a header that Validate rejects so that
// nothing unreadable is ever stored.
func (h Header) MarshalJSON() ([]byte, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(headerJSON(h))
}

// UnmarshalJSON decodes a header strictly: unknown fields, trailing data and anything
// Validate rejects are errors wrapping ErrInvalidHeader, and *h is left unchanged.
func (h *Header) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var v headerJSON
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidHeader, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the header", ErrInvalidHeader)
	}
	if err := Header(v).Validate(); err != nil {
		return err
	}
	*h = Header(v)
	return nil
}

// MarshalBinary returns h's JSON form; see MarshalJSON.
func (h Header) MarshalBinary() ([]byte, error) {
	return h.MarshalJSON()
}

// UnmarshalBinary decodes a header written by MarshalBinary; see UnmarshalJSON.
func (h *Header) UnmarshalBinary(data []byte) error {
	return h.UnmarshalJSON(data)
}

// New makes a random data key and wraps it under a key derived from passphrase with
// argon2id and DefaultParams. Store the Header; keep the Key only while the user has
// unlocked Keel. The passphrase must pass CheckPassphrase.
func New(passphrase []byte) (*Key, Header, error) {
	return NewWithParams(passphrase, DefaultParams())
}

// NewWithParams is New with chosen argon2id parameters. It exists for tests (with
// TestParams) and for benchmarks: production code must use New.
func NewWithParams(passphrase []byte, p Params) (*Key, Header, error) {
	var raw [KeySize]byte
	rand.Read(raw[:]) // never fails; see Seal
	k := newKey(raw[:])
	clear(raw[:])
	h, err := k.RewrapWithParams(passphrase, p)
	if err != nil {
		k.Destroy()
		return nil, Header{}, err
	}
	return k, h, nil
}

// Unlock derives the wrapping key from passphrase and h and unwraps the data key.
// With DefaultParams it takes about half a second and 256 MiB: call it off the UI
// goroutine. A
// header that Validate rejects is refused, with an error wrapping ErrInvalidHeader,
// before argon2id runs. If the wrapped key does not open, the passphrase is wrong
// (or the header damaged): ErrWrongPassphrase. Nothing is changed either way.
func Unlock(passphrase []byte, h Header) (*Key, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	kek := deriveKEK(passphrase, h)
	defer clear(kek)
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, fmt.Errorf("unlock: %w", err) // unreachable: kek has KeySize bytes
	}
	raw, err := aead.Open(nil, h.Nonce, h.WrappedKey, wrapAD)
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	defer clear(raw)
	return newKey(raw), nil
}

// Rewrap wraps the same data key under newPassphrase, with a new salt, a new nonce
// and DefaultParams, and returns the header to store in place of the old one. Data
// sealed before stays readable; nothing else needs rewriting. The old header still
// unlocks with the old passphrase, so the caller must replace it. The passphrase must
// pass CheckPassphrase.
func (k *Key) Rewrap(newPassphrase []byte) (Header, error) {
	return k.RewrapWithParams(newPassphrase, DefaultParams())
}

// RewrapWithParams is Rewrap with chosen argon2id parameters, for tests; production
// code must use Rewrap.
func (k *Key) RewrapWithParams(newPassphrase []byte, p Params) (Header, error) {
	k.cipher() // panic now if k was destroyed
	if err := checkPassphrase(newPassphrase); err != nil {
		return Header{}, err
	}
	if err := p.validate(); err != nil {
		return Header{}, err
	}
	h := Header{
		Version: HeaderVersion,
		KDF:     KDFArgon2id,
		Params:  p,
		Salt:    make([]byte, SaltSize),
		Nonce:   make([]byte, NonceSize),
	}
	rand.Read(h.Salt)
	rand.Read(h.Nonce)
	kek := deriveKEK(newPassphrase, h)
	defer clear(kek)
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return Header{}, fmt.Errorf("wrap key: %w", err) // unreachable
	}
	h.WrappedKey = aead.Seal(nil, h.Nonce, k.raw[:], wrapAD)
	return h, nil
}

// deriveKEK runs argon2id with h's salt and parameters, which the caller has
// validated.
func deriveKEK(passphrase []byte, h Header) []byte {
	return argon2.IDKey(passphrase, h.Salt, h.Params.Time, h.Params.MemoryKiB, h.Params.Threads, KeySize)
}
