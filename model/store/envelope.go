package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"

	"keel/model"

	"keel/model/seal"
)

// Every value of a record, the settings, a template, the demo mark and the state is
// versioned JSON in an envelope:
//
//	{"v":N,"c":"1a2b3c4d","d":{...}}
//
// v is the version of d's shape (model.Kind.Version), d the value, and c (from layout
// version 4 on: checksumLayout) the CRC-32C (Castagnoli), as 8 lowercase hex digits,
// of uvarint(len(bucket)) bucket uvarint(len(key)) key uvarint(v) d: the value bound
// to where it is stored. A flipped bit anywhere in the value, or a value moved under
// another key, no longer matches and reads as model.ErrDamaged instead of as a record
// with a field changed. The envelope and d are decoded strictly: an unknown field
// inside a known version, trailing bytes or a missing checksum are damage too. In an
// encrypted database the whole envelope is then sealed (seal.Key.Seal with the bucket
// and key as associated data), which authenticates it against tampering as well; the
// checksum only catches accidents, since anyone can recompute it.
const checksumLayout = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksum is c for the value d of version v stored under key in bucket.
func checksum(bucket, key []byte, v int, d []byte) string {
	var buf [binary.MaxVarintLen64]byte
	h := crc32.New(castagnoli)
	_, _ = h.Write(buf[:binary.PutUvarint(buf[:], uint64(len(bucket)))])
	_, _ = h.Write(bucket)
	_, _ = h.Write(buf[:binary.PutUvarint(buf[:], uint64(len(key)))])
	_, _ = h.Write(key)
	_, _ = h.Write(buf[:binary.PutUvarint(buf[:], uint64(v))]) // #nosec G115 -- a version, never negative
	_, _ = h.Write(d)
	return fmt.Sprintf("%08x", h.Sum32())
}

// envelope is the stored frame; C is a pointer so a missing checksum can be told
// from an empty one.
type envelope struct {
	V int             `json:"v"`
	C *string         `json:"c,omitempty"`
	D json.RawMessage `json:"d"`
}

// frame puts d (the JSON of a value of version v) in its envelope for key in
// bucket: with a checksum from checksumLayout on.
func frame(layout uint64, bucket, key []byte, v int, d []byte) ([]byte, error) {
	env := envelope{V: v, D: d}
	if layout >= checksumLayout {
		c := checksum(bucket, key, v, d)
		env.C = &c
	}
	return json.Marshal(env)
}

// unframe reads an envelope of a value stored under key in bucket (of a shape whose
// newest version is version) and returns its version and d. A bad frame or checksum
// is model.ErrDamaged; a version newer than version is model.ErrNewerVersion.
func unframe(layout uint64, name string, bucket, key, data []byte, version int) (int, []byte, error) {
	var env envelope
	if err := strictJSON(data, &env); err != nil || env.D == nil {
		return 0, nil, fmt.Errorf("read %s record: it is not a Keel value: %w", name, model.ErrDamaged)
	}
	if layout >= checksumLayout {
		if env.C == nil || *env.C != checksum(bucket, key, env.V, env.D) {
			return 0, nil, fmt.Errorf("read %s record %x: its checksum does not match, so it was changed on disk: %w", name, key, model.ErrDamaged)
		}
	}
	if env.V > version {
		return 0, nil, fmt.Errorf("read %s record of version %d: %w", name, env.V, model.ErrNewerVersion)
	}
	if env.V < 1 {
		return 0, nil, fmt.Errorf("read %s record of version %d: %w", name, env.V, model.ErrDamaged)
	}
	return env.V, env.D, nil
}

// strictJSON decodes one JSON value from data into out, refusing unknown fields and
// anything after the value.
func strictJSON(data []byte, out any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the value")
	}
	return nil
}

// encode turns v into the value stored under k in the bucket of sh: versioned JSON in
// its envelope, sealed with the bucket and key as associated data when the database
// is encrypted.
func (tx txn) encode(sh shape, k []byte, v any) ([]byte, error) {
	d, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	data, err := frame(tx.layout, sh.bucket, k, sh.version, d)
	if err != nil || tx.key == nil {
		return data, err
	}
	return tx.key.Seal(seal.AD(sh.bucket, k), data), nil
}

// open returns the envelope of a stored value: opened with the key when encrypted.
func (tx txn) open(sh shape, k, data []byte) ([]byte, error) {
	if tx.key == nil {
		return data, nil
	}
	plain, err := tx.key.Open(seal.AD(sh.bucket, k), data)
	if err != nil {
		return nil, fmt.Errorf("read %s record: it does not open with this database's key: %w", sh.name, model.ErrDamaged)
	}
	return plain, nil
}

// decodeInto reads the value stored under k in the bucket of sh into out.
func (tx txn) decodeInto(sh shape, k, data []byte, out any) error {
	plain, err := tx.open(sh, k, data)
	if err != nil {
		return err
	}
	_, d, err := unframe(tx.layout, sh.name, sh.bucket, k, plain, sh.version)
	if err != nil {
		return err
	}
	if err := strictJSON(d, out); err != nil {
		return fmt.Errorf("read %s record %s: %v: %w", sh.name, strconv.Quote(string(k)), err, model.ErrDamaged)
	}
	return nil
}
