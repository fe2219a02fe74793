package seal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// testKey returns a fresh key made with cheap parameters.
func testKey(t testing.TB) *Key {
	t.Helper()
	k, _, err := NewWithParams([]byte("correct horse battery"), TestParams())
	if err != nil {
		t.Fatalf("NewWithParams: %v", err)
	}
	return k
}

func TestSealOpenRoundTrip(t *testing.T) {
	k := testKey(t)
	tests := []struct {
		name      string
		ad, plain []byte
	}{
		{"empty", nil, nil},
		{"empty plaintext with ad", AD([]byte("sessions"), []byte{0, 0, 0, 0, 0, 0, 0, 1}), []byte{}},
		{"json", AD([]byte("journal"), []byte{0, 0, 0, 0, 0, 0, 0, 7}), []byte(`{"v":1,"d":{"text":"a hard day"}}`)},
		{"binary", []byte{0xff}, bytes.Repeat([]byte{0, 1, 2, 0xff}, 1000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sealed := k.Seal(tt.ad, tt.plain)
			if len(sealed) != len(tt.plain)+Overhead {
				t.Errorf("len(Seal) = %d, want %d", len(sealed), len(tt.plain)+Overhead)
			}
			got, err := k.Open(tt.ad, sealed)
			if err != nil || !bytes.Equal(got, tt.plain) {
				t.Fatalf("Open(Seal(%q)) = %q, %v, want %q, nil", tt.plain, got, err, tt.plain)
			}
			if got == nil {
				t.Errorf("Open(Seal(%q)) = nil, want a non-nil slice", tt.plain)
			}
		})
	}
}

func TestOpenRejects(t *testing.T) {
	k := testKey(t)
	other := testKey(t)
	ad := AD([]byte("checkins"), []byte{0, 0, 0, 0, 0, 0, 0, 3})
	sealed := k.Seal(ad, []byte("thoughts I have not told anyone"))
	flip := func(i int) []byte {
		b := bytes.Clone(sealed)
		b[i] ^= 0x01
		return b
	}
	tests := []struct {
		name   string
		key    *Key
		ad     []byte
		sealed []byte
	}{
		{"wrong key", other, ad, sealed},
		{"wrong bucket", k, AD([]byte("journal"), []byte{0, 0, 0, 0, 0, 0, 0, 3}), sealed},
		{"wrong record", k, AD([]byte("checkins"), []byte{0, 0, 0, 0, 0, 0, 0, 4}), sealed},
		{"no ad", k, nil, sealed},
		{"truncated tag", k, ad, sealed[:len(sealed)-1]},
		{"nonce and tag only", k, ad, sealed[:Overhead]},
		{"shorter than overhead", k, ad, sealed[:Overhead-1]},
		{"nonce only", k, ad, sealed[:NonceSize]},
		{"empty", k, ad, []byte{}},
		{"nil", k, ad, nil},
		{"flipped nonce bit", k, ad, flip(0)},
		{"flipped ciphertext bit", k, ad, flip(NonceSize + 3)},
		{"flipped tag bit", k, ad, flip(len(sealed) - 1)},
		{"extra byte", k, ad, append(bytes.Clone(sealed), 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.key.Open(tt.ad, tt.sealed)
			if !errors.Is(err, ErrTampered) || got != nil {
				t.Errorf("Open(%q) = %q, %v, want nil, %v", tt.sealed, got, err, ErrTampered)
			}
		})
	}
}

func TestSealUsesFreshNonce(t *testing.T) {
	k := testKey(t)
	plain := []byte("same words every day")
	a, b := k.Seal(nil, plain), k.Seal(nil, plain)
	if bytes.Equal(a, b) {
		t.Errorf("Seal(%q) twice gave the same %x", plain, a)
	}
	if bytes.Equal(a[:NonceSize], b[:NonceSize]) {
		t.Errorf("Seal(%q) twice used the same nonce %x", plain, a[:NonceSize])
	}
}

func TestAD(t *testing.T) {
	tests := []struct {
		b1, k1, b2, k2 string
	}{
		{"ab", "c", "a", "bc"},
		{"", "abc", "abc", ""},
		{"a", "", "", "a"},
		{"sessions", "\x00\x00\x00\x00\x00\x00\x00\x01", "sessions", "\x00\x00\x00\x00\x00\x00\x00\x02"},
		{"\x01a", "", "", "\x01a"},
		{strings.Repeat("b", 200), "k", strings.Repeat("b", 201), ""},
	}
	for _, tt := range tests {
		a, b := AD([]byte(tt.b1), []byte(tt.k1)), AD([]byte(tt.b2), []byte(tt.k2))
		if bytes.Equal(a, b) {
			t.Errorf("AD(%q, %q) = AD(%q, %q) = %q, want them to differ", tt.b1, tt.k1, tt.b2, tt.k2, a)
		}
	}
	if a, b := AD([]byte("x"), []byte("y")), AD([]byte("x"), []byte("y")); !bytes.Equal(a, b) {
		t.Errorf("AD(x, y) = %q then %q, want the same", a, b)
	}
}

func TestSealOpenProperty(t *testing.T) {
	k := testKey(t)
	rapid.Check(t, func(t *rapid.T) {
		ad := rapid.SliceOf(rapid.Byte()).Draw(t, "ad")
		plain := rapid.SliceOf(rapid.Byte()).Draw(t, "plaintext")
		sealed := k.Seal(ad, plain)
		got, err := k.Open(ad, sealed)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("Open(ad, Seal(ad, %q)) = %q, %v, want the plaintext", plain, got, err)
		}
		i := rapid.IntRange(0, len(sealed)-1).Draw(t, "byte")
		mask := rapid.ByteRange(1, 255).Draw(t, "mask")
		bad := bytes.Clone(sealed)
		bad[i] ^= mask
		if got, err := k.Open(ad, bad); !errors.Is(err, ErrTampered) {
			t.Fatalf("Open with byte %d ^ %#x = %q, %v, want %v", i, mask, got, err, ErrTampered)
		}
	})
}

func TestADProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := rapid.SliceOfN(rapid.ByteRange(0, 3), 0, 6) // small alphabet: collisions would show
		b1, k1 := gen.Draw(t, "bucket1"), gen.Draw(t, "key1")
		b2, k2 := gen.Draw(t, "bucket2"), gen.Draw(t, "key2")
		same := bytes.Equal(b1, b2) && bytes.Equal(k1, k2)
		if got := bytes.Equal(AD(b1, k1), AD(b2, k2)); got != same {
			t.Fatalf("AD(%q, %q) == AD(%q, %q) is %v, want %v", b1, k1, b2, k2, got, same)
		}
	})
}

func TestKeyIsNotPrinted(t *testing.T) {
	k := testKey(t)
	k.raw = [KeySize]byte{0xde, 0xad, 0xbe, 0xef} // recognisable in any format
	holder := struct {
		Name string
		K    Key
		P    *Key
	}{"x", *k, k}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%d", "%q"} {
		for _, v := range []any{k, *k, holder} {
			out := fmt.Sprintf(verb, v)
			for _, leak := range []string{"dead", "DEAD", "222", "0xde", "\\xde"} {
				if strings.Contains(out, leak) {
					t.Errorf("Sprintf(%q, %T) = %q, contains key bytes %q", verb, v, out, leak)
				}
			}
		}
	}
	if got := fmt.Sprint(k); got != "seal.Key{redacted}" {
		t.Errorf("Sprint(key) = %q, want %q", got, "seal.Key{redacted}")
	}
	if b, err := json.Marshal(k); err == nil {
		t.Errorf("json.Marshal(key) = %s, nil, want an error", b)
	}
}

func TestDestroy(t *testing.T) {
	k := testKey(t)
	k.Destroy()
	if k.raw != [KeySize]byte{} {
		t.Errorf("after Destroy, key bytes = %x, want zeros", k.raw)
	}
	for name, use := range map[string]func(){
		"Seal":   func() { k.Seal(nil, []byte("x")) },
		"Open":   func() { k.Open(nil, make([]byte, Overhead)) },
		"Rewrap": func() { k.RewrapWithParams([]byte("a new passphrase"), TestParams()) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%s after Destroy did not panic", name)
				}
			}()
			use()
		})
	}
}

// benchValue is the size of a typical stored record (a check-in or a journal entry).
const benchValue = 500

func BenchmarkSeal(b *testing.B) {
	k := testKey(b)
	ad := AD([]byte("checkins"), []byte{0, 0, 0, 0, 0, 0, 0, 1})
	plain := bytes.Repeat([]byte("x"), benchValue)
	b.SetBytes(benchValue)
	for b.Loop() {
		k.Seal(ad, plain)
	}
}

func BenchmarkOpen(b *testing.B) {
	k := testKey(b)
	ad := AD([]byte("checkins"), []byte{0, 0, 0, 0, 0, 0, 0, 1})
	sealed := k.Seal(ad, bytes.Repeat([]byte("x"), benchValue))
	b.SetBytes(benchValue)
	for b.Loop() {
		if _, err := k.Open(ad, sealed); err != nil {
			b.Fatal(err)
		}
	}
}
