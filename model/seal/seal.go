// Package seal holds the cryptographic building blocks of Keel's optional passphrase
// protection. It knows nothing about bbolt or the store: the store decides what to
// seal, and this package decides how.
//
// The scheme:
//
//	data key   32 random bytes, made once by New; every stored value is sealed with it
//	value      Seal(AD(bucket, key), plaintext) = nonce(24) || XChaCha20-Poly1305 ciphertext+tag(16)
//	header     argon2id(passphrase, salt, params) -> wrapping key; the data key sealed under it
//	           (XChaCha20-Poly1305, random nonce); stored unencrypted in the meta bucket
//	export     an age file with a passphrase (scrypt) recipient, so `age -d` opens it
//
// Changing the passphrase (Rewrap) makes a new salt and a new wrapping of the same data
// key: no stored value is rewritten. Without the passphrase there is no recovery.
//
// A wrong passphrase and a damaged header look the same from here: the wrapped key does
// not open. Unlock reports both as ErrWrongPassphrase.
//
// Nothing in this package logs or prints passphrases or keys. It zeroes the key
// material it holds in byte slices once it is done with them (see also Key.Destroy),
// but Go cannot guarantee that this erases every copy: goroutine stacks are copied
// when they grow, the AEAD implementations keep their own copy of the key, argon2
// leaves its working memory to the garbage collector, and strings (such as the
// passphrases age takes) cannot be cleared at all. Zeroing lowers the exposure in a
// memory dump or swap; it does not remove it. (Go's runtime/secret, which would do
// better, is still an experiment.)
package seal

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/chacha20poly1305"
)

// Sizes of the parts of a sealed value and of the data key.
const (
	// KeySize is the size of the data key in bytes.
	KeySize = chacha20poly1305.KeySize
	// NonceSize is the size of the random nonce that starts every sealed value.
	NonceSize = chacha20poly1305.NonceSizeX
	// TagSize is the size of the authentication tag that ends every sealed value.
	TagSize = chacha20poly1305.Overhead
	// Overhead is how many bytes Seal adds to a plaintext.
	Overhead = NonceSize + TagSize
)

// Errors this package returns; callers test for them with errors.Is.
var (
	// ErrWrongPassphrase means the passphrase does not unlock the key: it is wrong,
	// or (indistinguishably) the header was damaged.
	ErrWrongPassphrase = errors.New("wrong passphrase")
	// ErrTampered means a sealed value does not open: it was sealed under another
	// key or for another bucket and key, or it was truncated, changed or damaged.
	ErrTampered = errors.New("encrypted data is damaged or was changed")
)

// Key is an unwrapped data key. It is never serialised: only its wrapped form, in a
// Header, is stored. Printing a Key with fmt prints no key bytes, and json.Marshal
// refuses it.
//
// Seal, Open and Rewrap are safe for concurrent use; Destroy is not safe to call
// concurrently with them.
type Key struct {
	raw  [KeySize]byte
	aead cipher.AEAD // holds its own copy of raw; nil once destroyed
}

// newKey makes a Key from raw key bytes; the caller clears its copy.
func newKey(raw []byte) *Key {
	k := &Key{}
	copy(k.raw[:], raw)
	aead, err := chacha20poly1305.NewX(k.raw[:])
	if err != nil {
		panic("seal: " + err.Error()) // unreachable: raw has KeySize bytes
	}
	k.aead = aead
	return k
}

// cipher returns the key's AEAD, panicking if the key was destroyed: sealing with a
// destroyed key is a programming error that must not pass silently.
func (k *Key) cipher() cipher.AEAD {
	if k.aead == nil {
		panic("seal: use of a destroyed Key")
	}
	return k.aead
}

// Seal encrypts and authenticates plaintext with XChaCha20-Poly1305 under a fresh
// random 24-byte nonce, binding it to ad (use AD(bucket, key) for stored values). It
// returns nonce || ciphertext || tag, len(plaintext)+Overhead bytes. Sealing the same
// plaintext twice gives different results.
//
// Seal panics if k was destroyed.
func (k *Key) Seal(ad, plaintext []byte) []byte {
	aead := k.cipher()
	out := make([]byte, NonceSize, NonceSize+len(plaintext)+TagSize)
	// crypto/rand.Read never returns an error: since Go 1.24 it crashes the
	// program instead, so a nonce is never left unset.
	rand.Read(out)
	return aead.Seal(out, out, plaintext, ad)
}

// Open checks and decrypts a value made by Seal with the same key and ad. Any failure
// (another key, another ad, a truncated, modified or empty value) is ErrTampered. The
// returned slice is newly allocated and never nil.
//
// Open panics if k was destroyed.
func (k *Key) Open(ad, sealed []byte) ([]byte, error) {
	aead := k.cipher()
	if len(sealed) < Overhead {
		return nil, ErrTampered
	}
	nonce, ct := sealed[:NonceSize], sealed[NonceSize:]
	plain, err := aead.Open(make([]byte, 0, len(ct)-TagSize), nonce, ct, ad)
	if err != nil {
		return nil, ErrTampered
	}
	return plain, nil
}

// Destroy zeroes the key bytes k holds and makes later use of k panic. It is best
// effort: the AEAD's own copy of the key cannot be reached and is left to the
// garbage collector.
func (k *Key) Destroy() {
	clear(k.raw[:])
	k.aead = nil
}

// Format prints a fixed placeholder for every verb, so that a Key (or a struct holding
// one) passed to fmt or log never shows key bytes. It has a value receiver so that
// both Key and *Key are covered.
func (k Key) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, "seal.Key{redacted}")
}

// MarshalJSON always fails: a data key is stored only wrapped, in a Header.
func (k Key) MarshalJSON() ([]byte, error) {
	return nil, errors.New("seal: a Key cannot be serialised; store its Header instead")
}

// AD returns the associated data that binds a stored value to its bucket and key, so
// that a sealed value copied to another place in the database does not open there.
// Each part is prefixed with its length (uvarint), so ("ab", "c") and ("a", "bc")
// differ. The encoding is part of the stored format: changing it makes every stored
// value unreadable.
func AD(bucket, key []byte) []byte {
	ad := make([]byte, 0, 2*binary.MaxVarintLen64+len(bucket)+len(key))
	ad = binary.AppendUvarint(ad, uint64(len(bucket)))
	ad = append(ad, bucket...)
	ad = binary.AppendUvarint(ad, uint64(len(key)))
	return append(ad, key...)
}
