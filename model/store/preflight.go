package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"

	"keel/model"
)

// bbolt's file layout, as far as preflight reads it: two meta pages at the start, each
// a 16-byte page header followed by the meta fields, in the machine's (little-endian)
// byte order, checksummed with FNV-64a over the fields before the checksum.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSumOffset  = 56
	metaSize       = 64
	minPageSize    = 512
	maxPageSize    = 64 << 10
	noFreelist     = ^uint64(0)
)

type boltMeta struct {
	pageSize        uint32
	root, freelist  uint64
	highWater, txid uint64
}

// readMeta parses the meta at offset off of f, or says why it is not one.
func readMeta(f io.ReaderAt, off int64) (boltMeta, error) {
	buf := make([]byte, pageHeaderSize+metaSize)
	if _, err := f.ReadAt(buf, off); err != nil {
		return boltMeta{}, err
	}
	m := buf[pageHeaderSize:]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != boltMagic {
		return boltMeta{}, errors.New("no bbolt signature")
	}
	if v := le.Uint32(m[4:]); v != boltVersion {
		return boltMeta{}, fmt.Errorf("bbolt format version %d", v)
	}
	h := fnv.New64a()
	h.Write(m[:metaSumOffset])
	if h.Sum64() != le.Uint64(m[metaSumOffset:]) {
		return boltMeta{}, errors.New("checksum mismatch")
	}
	meta := boltMeta{
		pageSize: le.Uint32(m[8:]), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]),
		highWater: le.Uint64(m[40:]), txid: le.Uint64(m[48:]),
	}
	if meta.pageSize < minPageSize || meta.pageSize > maxPageSize || meta.pageSize&(meta.pageSize-1) != 0 {
		return boltMeta{}, fmt.Errorf("page size %d", meta.pageSize)
	}
	return meta, nil
}

// preflight checks, without handing the file to bbolt, that path holds a whole bbolt
// database: a recognisable meta page, and a file at least as long as that meta says.
// bbolt maps the file into memory and would crash the whole app (SIGBUS) on reading a
// page past the end of a truncated file, so such files must be refused before. A
// missing file is fine (it will be created); an empty one only when allowEmpty.
func preflight(path string, allowEmpty bool) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	size := info.Size()
	if size == 0 {
		if allowEmpty {
			return nil
		}
		return fmt.Errorf("the file is empty: %w", model.ErrDamaged)
	}
	m0, err0 := readMeta(f, 0)
	var m1 boltMeta
	err1 := errors.New("no first meta")
	if err0 == nil {
		m1, err1 = readMeta(f, int64(m0.pageSize))
	} else {
		// The first meta is damaged; the second sits at the usual page size.
		for ps := int64(minPageSize); ps <= maxPageSize && err1 != nil; ps *= 2 {
			m1, err1 = readMeta(f, ps)
		}
	}
	var m boltMeta
	switch {
	case err0 != nil && err1 != nil:
		return fmt.Errorf("it is not a Keel database file (%v): %w", err0, model.ErrDamaged)
	case err0 != nil:
		m = m1
	case err1 != nil || m0.txid >= m1.txid:
		m = m0
	default:
		m = m1
	}
	want := int64(m.highWater) * int64(m.pageSize)
	if m.highWater < 4 || want < 0 || size < want {
		return fmt.Errorf("the file is cut short (%d of %d bytes): %w", size, want, model.ErrDamaged)
	}
	if m.root >= m.highWater || (m.freelist != noFreelist && m.freelist >= m.highWater) {
		return fmt.Errorf("the file's index points outside it: %w", model.ErrDamaged)
	}
	return nil
}
