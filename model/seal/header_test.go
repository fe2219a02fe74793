package seal

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

var (
	passphrase    = []byte("correct horse battery")
	newPassphrase = []byte("a different, longer passphrase")
)

func newTestKey(t testing.TB) (*Key, Header) {
	t.Helper()
	k, h, err := NewWithParams(passphrase, TestParams())
	if err != nil {
		t.Fatalf("NewWithParams: %v", err)
	}
	return k, h
}

func TestNewUnlock(t *testing.T) {
	k, h := newTestKey(t)
	ad := AD([]byte("journal"), []byte("1"))
	sealed := k.Seal(ad, []byte("entry"))

	tests := []struct {
		name       string
		passphrase []byte
		wantErr    error
	}{
		{"right", passphrase, nil},
		{"wrong", []byte("incorrect horse battery"), ErrWrongPassphrase},
		{"prefix", passphrase[:len(passphrase)-1], ErrWrongPassphrase},
		{"trailing newline", append(bytes.Clone(passphrase), '\n'), ErrWrongPassphrase},
		{"empty", nil, ErrWrongPassphrase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Unlock(tt.passphrase, h)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Unlock(%q) = %v, want %v", tt.passphrase, err, tt.wantErr)
			}
			if err != nil {
				if got != nil {
					t.Errorf("Unlock(%q) returned a key with error %v", tt.passphrase, err)
				}
				return
			}
			if plain, err := got.Open(ad, sealed); err != nil || string(plain) != "entry" {
				t.Errorf("unlocked key: Open = %q, %v, want %q, nil", plain, err, "entry")
			}
		})
	}
}

func TestNewMakesDistinctKeys(t *testing.T) {
	k1, h1 := newTestKey(t)
	k2, h2 := newTestKey(t)
	if k1.raw == k2.raw {
		t.Errorf("two New calls gave the same data key")
	}
	if bytes.Equal(h1.Salt, h2.Salt) || bytes.Equal(h1.Nonce, h2.Nonce) {
		t.Errorf("two New calls reused a salt or nonce: %x/%x, %x/%x", h1.Salt, h2.Salt, h1.Nonce, h2.Nonce)
	}
}

func TestNewRefusesWeakPassphrase(t *testing.T) {
	for _, p := range []string{"", "   ", "short"} {
		if _, _, err := NewWithParams([]byte(p), TestParams()); err == nil {
			t.Errorf("NewWithParams(%q) = nil error, want a refusal", p)
		}
	}
	k := testKey(t)
	if _, err := k.RewrapWithParams([]byte("short"), TestParams()); !errors.Is(err, ErrPassphraseShort) {
		t.Errorf("RewrapWithParams(%q) = %v, want %v", "short", err, ErrPassphraseShort)
	}
}

func TestNewRefusesBadParams(t *testing.T) {
	for _, p := range []Params{{}, {Time: 21, MemoryKiB: 64, Threads: 1}, {Time: 1, MemoryKiB: 8, Threads: 2}} {
		if _, _, err := NewWithParams(passphrase, p); !errors.Is(err, ErrInvalidHeader) {
			t.Errorf("NewWithParams(%+v) = %v, want %v", p, err, ErrInvalidHeader)
		}
	}
}

func TestRewrap(t *testing.T) {
	k, oldHeader := newTestKey(t)
	ad := AD([]byte("sessions"), []byte("9"))
	before := k.Seal(ad, []byte("sealed before the change"))

	h, err := k.RewrapWithParams(newPassphrase, TestParams())
	if err != nil {
		t.Fatalf("RewrapWithParams: %v", err)
	}
	if bytes.Equal(h.Salt, oldHeader.Salt) {
		t.Errorf("Rewrap kept the salt %x", h.Salt)
	}
	if _, err := Unlock(passphrase, h); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("Unlock(old passphrase, new header) = %v, want %v", err, ErrWrongPassphrase)
	}
	k2, err := Unlock(newPassphrase, h)
	if err != nil {
		t.Fatalf("Unlock(new passphrase, new header) = %v, want nil", err)
	}
	if got, err := k2.Open(ad, before); err != nil || string(got) != "sealed before the change" {
		t.Errorf("Open(data sealed before Rewrap) = %q, %v, want it readable", got, err)
	}
	if _, err := Unlock(newPassphrase, oldHeader); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("Unlock(new passphrase, old header) = %v, want %v", err, ErrWrongPassphrase)
	}
}

// TestProductionParams runs New and Unlock once with DefaultParams.
func TestProductionParams(t *testing.T) {
	if testing.Short() {
		t.Skip("argon2id with production parameters takes about a second")
	}
	k, h, err := New(passphrase)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if h.Params != DefaultParams() {
		t.Errorf("New header params = %+v, want %+v", h.Params, DefaultParams())
	}
	sealed := k.Seal(nil, []byte("x"))
	k2, err := Unlock(passphrase, h)
	if err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	if got, err := k2.Open(nil, sealed); err != nil || string(got) != "x" {
		t.Errorf("Open = %q, %v, want %q, nil", got, err, "x")
	}
}

// TestStoredFormat opens a header and a value written by this package when the
// format was set. If it fails, data already on users' disks would no longer open:
// change the code back, or add a new HeaderVersion and keep reading this one.
func TestStoredFormat(t *testing.T) {
	const (
		header = `{"version":1,"kdf":"argon2id","params":{"time":1,"memory_kib":64,"threads":1},` +
			`"salt":"TpYcridWaH0zzFH22NaWZg==","nonce":"2Tfm1T79irmsGRf7LgV/EEXBi/B0ERCH",` +
			`"wrapped_key":"uT7xm39//73n2BG0dbxuhyf5lq71IsQcw1CEwffznu6Y9ag2cNA0bmlkJ5x/h5YH"}`
		sealed = "13d75f8d89d778bdfe333d536dd45fb52ec3e380e207e81e714dcab4a88794ac75a69d3f" +
			"49272744a40ee3544e5336f2122b83406d1a716ee1c0cf6c6995b2efc82f4eff63"
		want = `{"v":1,"d":{"text":"golden"}}`
	)
	var h Header
	if err := h.UnmarshalBinary([]byte(header)); err != nil {
		t.Fatalf("UnmarshalBinary(stored header) = %v", err)
	}
	k, err := Unlock([]byte("golden passphrase"), h)
	if err != nil {
		t.Fatalf("Unlock(stored header) = %v, want nil", err)
	}
	value, _ := hex.DecodeString(sealed)
	got, err := k.Open(AD([]byte("journal"), []byte{0, 0, 0, 0, 0, 0, 0, 1}), value)
	if err != nil || string(got) != want {
		t.Errorf("Open(stored value) = %q, %v, want %q, nil", got, err, want)
	}
}

func TestHeaderJSONRoundTrip(t *testing.T) {
	k, h := newTestKey(t)
	data, err := json.Marshal(h)
	if err != nil {
		t.Fatalf("json.Marshal(header): %v", err)
	}
	var got Header
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("json.Unmarshal(%s): %v", data, err)
	}
	if !reflect.DeepEqual(got, h) {
		t.Errorf("json round trip = %+v, want %+v", got, h)
	}
	bin, err := h.MarshalBinary()
	if err != nil {
		t.Fatalf("MarshalBinary: %v", err)
	}
	var gotBin Header
	if err := gotBin.UnmarshalBinary(bin); err != nil || !reflect.DeepEqual(gotBin, h) {
		t.Errorf("UnmarshalBinary(MarshalBinary(h)) = %+v, %v, want %+v", gotBin, err, h)
	}
	// The decoded header must still unlock the same key.
	k2, err := Unlock(passphrase, got)
	if err != nil || k2.raw != k.raw {
		t.Errorf("Unlock(decoded header) = %v, want the original key", err)
	}
	// Embedded in a larger JSON document, the strict decoding still applies.
	var doc struct{ H Header }
	if err := json.Unmarshal([]byte(`{"H":{"version":2}}`), &doc); !errors.Is(err, ErrInvalidHeader) {
		t.Errorf("json.Unmarshal(document with a bad header) = %v, want %v", err, ErrInvalidHeader)
	}
}

func TestHeaderRejects(t *testing.T) {
	_, h := newTestKey(t)
	good, err := h.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	// edited returns the good header's JSON changed by edit.
	edited := func(edit func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		data, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	params := func(p map[string]any) []byte {
		return edited(func(m map[string]any) { m["params"] = p })
	}
	b64 := func(n int) string { return base64.StdEncoding.EncodeToString(make([]byte, n)) }
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", []byte(``)},
		{"null", []byte(`null`)},
		{"empty object", []byte(`{}`)},
		{"array", []byte(`[1,2,3]`)},
		{"string", []byte(`"argon2id"`)},
		{"garbage", []byte("\x00\xff\x13garbage")},
		{"truncated", good[:len(good)/2]},
		{"trailing data", append(bytes.Clone(good), ` {}`...)},
		{"version 0", edited(func(m map[string]any) { m["version"] = 0 })},
		{"version 2", edited(func(m map[string]any) { m["version"] = 2 })},
		{"version negative", edited(func(m map[string]any) { m["version"] = -1 })},
		{"version as string", edited(func(m map[string]any) { m["version"] = "1" })},
		{"version missing", edited(func(m map[string]any) { delete(m, "version") })},
		{"other kdf", edited(func(m map[string]any) { m["kdf"] = "scrypt" })},
		{"kdf missing", edited(func(m map[string]any) { delete(m, "kdf") })},
		{"unknown field", edited(func(m map[string]any) { m["recovery"] = "please" })},
		{"params missing", edited(func(m map[string]any) { delete(m, "params") })},
		{"params null", params(nil)},
		{"time 0", params(map[string]any{"time": 0, "memory_kib": 64, "threads": 1})},
		{"time 21", params(map[string]any{"time": 21, "memory_kib": 64, "threads": 1})},
		{"time 2^32", params(map[string]any{"time": 1 << 32, "memory_kib": 64, "threads": 1})},
		{"memory 2^40", params(map[string]any{"time": 1, "memory_kib": 1 << 40, "threads": 1})},
		{"memory over 1 GiB", params(map[string]any{"time": 1, "memory_kib": 1<<20 + 1, "threads": 1})},
		{"memory 4 GiB", params(map[string]any{"time": 1, "memory_kib": 1<<32 - 1, "threads": 1})},
		{"memory below 8 per thread", params(map[string]any{"time": 1, "memory_kib": 15, "threads": 2})},
		{"memory negative", params(map[string]any{"time": 1, "memory_kib": -1, "threads": 1})},
		{"memory fractional", params(map[string]any{"time": 1, "memory_kib": 64.5, "threads": 1})},
		{"threads 0", params(map[string]any{"time": 1, "memory_kib": 64, "threads": 0})},
		{"threads 17", params(map[string]any{"time": 1, "memory_kib": 1024, "threads": 17})},
		{"threads 256", params(map[string]any{"time": 1, "memory_kib": 1024, "threads": 256})},
		{"unknown param", params(map[string]any{"time": 1, "memory_kib": 64, "threads": 1, "lanes": 4})},
		{"salt short", edited(func(m map[string]any) { m["salt"] = b64(SaltSize - 1) })},
		{"salt long", edited(func(m map[string]any) { m["salt"] = b64(SaltSize + 1) })},
		{"salt not base64", edited(func(m map[string]any) { m["salt"] = "!!!!" })},
		{"salt missing", edited(func(m map[string]any) { delete(m, "salt") })},
		{"nonce short", edited(func(m map[string]any) { m["nonce"] = b64(12) })},
		{"nonce missing", edited(func(m map[string]any) { delete(m, "nonce") })},
		{"wrapped key short", edited(func(m map[string]any) { m["wrapped_key"] = b64(KeySize) })},
		{"wrapped key long", edited(func(m map[string]any) { m["wrapped_key"] = b64(KeySize + TagSize + 1) })},
		{"wrapped key missing", edited(func(m map[string]any) { delete(m, "wrapped_key") })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Header{KDF: "unchanged"}
			if err := got.UnmarshalBinary(tt.data); !errors.Is(err, ErrInvalidHeader) {
				t.Errorf("UnmarshalBinary(%q) = %v, want %v", tt.data, err, ErrInvalidHeader)
			}
			if got.KDF != "unchanged" {
				t.Errorf("UnmarshalBinary(%q) changed the header on error: %+v", tt.data, got)
			}
			if err := json.Unmarshal(tt.data, &got); err == nil {
				t.Errorf("json.Unmarshal(%q) = nil, want an error", tt.data)
			}
		})
	}
	// The edits above must break only what they say: the unedited header passes.
	var ok Header
	if err := ok.UnmarshalBinary(edited(func(map[string]any) {})); err != nil {
		t.Errorf("UnmarshalBinary(unedited header) = %v, want nil", err)
	}
}

func TestHeaderValidateBeforeUse(t *testing.T) {
	_, good := newTestKey(t)
	tests := []struct {
		name string
		edit func(h *Header)
	}{
		{"zero header", func(h *Header) { *h = Header{} }},
		{"memory just over 1 GiB", func(h *Header) { h.Params.MemoryKiB = maxMemoryKiB + 1 }},
		{"memory 2^31 KiB", func(h *Header) { h.Params.MemoryKiB = 1 << 31 }},
		{"time 21", func(h *Header) { h.Params.Time = maxTime + 1 }},
		{"threads 0", func(h *Header) { h.Params.Threads = 0 }},
		{"nil salt", func(h *Header) { h.Salt = nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := good
			tt.edit(&h)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Unlock(passphrase, h)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrInvalidHeader) {
				t.Errorf("Unlock(%+v) = %v, want %v", h.Params, err, ErrInvalidHeader)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
				t.Errorf("Unlock(%+v) allocated %d bytes before refusing, want under 1 MiB", h.Params, grew)
			}
			if data, err := json.Marshal(h); err == nil {
				t.Errorf("json.Marshal(%+v) = %s, want an error: an unreadable header must not be stored", h.Params, data)
			}
		})
	}
}

func TestCheckPassphrase(t *testing.T) {
	tests := []struct {
		p    string
		want error
	}{
		{"", ErrPassphraseEmpty},
		{"        ", ErrPassphraseEmpty},
		{"\t\n ", ErrPassphraseEmpty},
		{"a", ErrPassphraseShort},
		{"1234567", ErrPassphraseShort},
		{"ééééééé", ErrPassphraseShort}, // 7 characters, 14 bytes
		{"12345678", nil},
		{"éééééééé", nil},
		{"correct horse battery staple", nil},
		{" spaced ", nil},
	}
	for _, tt := range tests {
		if got := CheckPassphrase(tt.p); !errors.Is(got, tt.want) {
			t.Errorf("CheckPassphrase(%q) = %v, want %v", tt.p, got, tt.want)
		}
		if got := checkPassphrase([]byte(tt.p)); !errors.Is(got, tt.want) {
			t.Errorf("checkPassphrase(%q) = %v, want %v", tt.p, got, tt.want)
		}
	}
	if msg := ErrPassphraseShort.Error(); !strings.Contains(msg, "8 characters") {
		t.Errorf("ErrPassphraseShort = %q, want it to say how long", msg)
	}
}

func FuzzHeader(f *testing.F) {
	_, h, err := NewWithParams(passphrase, TestParams())
	if err != nil {
		f.Fatal(err)
	}
	good, err := h.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"version":1,"kdf":"argon2id","params":{"time":1,"memory_kib":1099511627776,"threads":1}}`))
	f.Add([]byte(`{"version":2}`))
	f.Add([]byte("\x00\x01\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var h Header
		if err := h.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrInvalidHeader) {
				t.Fatalf("UnmarshalBinary(%q) = %v, want an error wrapping %v", data, err, ErrInvalidHeader)
			}
			return
		}
		if err := h.Validate(); err != nil {
			t.Fatalf("UnmarshalBinary(%q) accepted a header that Validate rejects: %v", data, err)
		}
		again, err := h.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary(decoded %q) = %v", data, err)
		}
		var h2 Header
		if err := h2.UnmarshalBinary(again); err != nil || !reflect.DeepEqual(h, h2) {
			t.Fatalf("round trip of %q = %+v, %v, want %+v", data, h2, err, h)
		}
		// Unlock only cheap headers: a valid one may ask for 1 GiB.
		if h.Params.MemoryKiB <= 1024 && h.Params.Time <= 2 {
			if _, err := Unlock([]byte("not the passphrase"), h); !errors.Is(err, ErrWrongPassphrase) {
				t.Fatalf("Unlock(wrong passphrase, %q) = %v, want %v", data, err, ErrWrongPassphrase)
			}
		}
	})
}

// BenchmarkUnlock measures Unlock, that is argon2id, with DefaultParams (what a
// user waits for) and with TestParams (what other packages' tests pay).
func BenchmarkUnlock(b *testing.B) {
	for _, bb := range []struct {
		name   string
		params Params
	}{{"default", DefaultParams()}, {"test", TestParams()}} {
		b.Run(bb.name, func(b *testing.B) {
			_, h, err := NewWithParams(passphrase, bb.params)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := Unlock(passphrase, h); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
