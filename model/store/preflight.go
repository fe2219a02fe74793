package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"

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
	_, _ = h.Write(m[:metaSumOffset])
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
// database: a recognisable meta page, a file at least as long as that meta says, and
// (walkPages) a page tree whose every page, element, key and value lies inside the
// file. bbolt maps the file into memory and follows page numbers and offsets without
// bounds checks: a page past the end of a truncated file crashes the whole app with
// SIGBUS, a wild page number or element offset with SIGSEGV, in goroutines of bbolt's
// own where no recover can reach (tx.Check runs in one). So such files are refused
// here, reading through ordinary bounds-checked reads, before bbolt sees them. A
// missing file is fine (it will be created); an empty one only when allowEmpty.
func preflight(path string, allowEmpty bool) error {
	_, err := inspect(path, allowEmpty)
	return err
}

// inspect is preflight that also returns how many values each top-level bucket holds
// (nil for a missing or allowed empty file), counted on the walk.
func inspect(path string, allowEmpty bool) (map[string]int, error) {
	// Lstat first: opening a FIFO to read it would wait for a writer forever.
	if info, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, errNotRegular(path, info.Mode())
	}
	f, err := openRegular(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errNotRegular(path, info.Mode())
	}
	size := info.Size()
	if size == 0 {
		if allowEmpty {
			return nil, nil
		}
		return nil, fmt.Errorf("the file is empty: %w", model.ErrDamaged)
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
	// bbolt uses the valid meta with the higher transaction ID.
	var m boltMeta
	switch {
	case err0 != nil && err1 != nil:
		return nil, fmt.Errorf("it is not a Keel database file (%v): %w", err0, model.ErrDamaged)
	case err0 != nil:
		m = m1
	case err1 != nil || m0.txid >= m1.txid:
		m = m0
	default:
		m = m1
	}
	// The high-water mark comes from the file: bound it by the file's length before
	// multiplying, so no crafted value can overflow into a small one.
	if m.highWater < 4 || m.highWater > uint64(size)/uint64(m.pageSize) { // #nosec G115 -- size is a file length, never negative
		return nil, fmt.Errorf("the file is cut short (%d bytes, %d pages of %d): %w", size, m.highWater, m.pageSize, model.ErrDamaged)
	}
	if m.root < 2 || m.root >= m.highWater || (m.freelist != noFreelist && (m.freelist < 2 || m.freelist >= m.highWater)) {
		return nil, fmt.Errorf("the file's index points outside it: %w", model.ErrDamaged)
	}
	counts, err := walkPages(f, m)
	if err != nil {
		return nil, fmt.Errorf("the file's structure is damaged (%v): %w", err, model.ErrDamaged)
	}
	return counts, nil
}

// bbolt's page layout: a 16-byte header (id uint64, flags uint16, count uint16,
// overflow uint32), then count 16-byte elements; an element's key starts pos bytes
// after the element itself, and a leaf's value right after its key. A leaf element
// flagged as a bucket holds a bucket header (root page uint64, sequence uint64) and,
// when root is 0, the bucket's own leaf page inline.
const (
	branchPage   = 0x01
	leafPage     = 0x02
	freelistPage = 0x10
	bucketLeaf   = 0x01
	elementSize  = 16
	bucketHeader = 16
	maxDepth     = 64
)

// pageWalker reads pages of a bbolt file with bounds checks.
type pageWalker struct {
	f        io.ReaderAt
	pageSize uint64
	hwm      uint64
	seen     map[uint64]bool
	counts   map[string]int
	whole    []byte // the whole file, when it was read at once
}

// read returns n bytes of the file at off, which the caller has checked lie inside
// the high-water mark.
func (w *pageWalker) read(off, n uint64) ([]byte, error) {
	if w.whole != nil {
		return w.whole[off : off+n], nil
	}
	buf := make([]byte, n)
	_, err := w.f.ReadAt(buf, int64(off)) // #nosec G115 -- off lies below the high-water mark, itself within the file
	return buf, err
}

// walkPages checks that every page reachable from meta m (the freelist, the tree of
// buckets, every nested bucket) lies in the file and is well formed, each referenced
// once. What it does not judge (key order, pages neither reachable nor free) is left to
// bbolt's tx.Check, which is safe to run once this passed.
// It returns how many values each top-level bucket holds.
func walkPages(f io.ReaderAt, m boltMeta) (map[string]int, error) {
	w := &pageWalker{f: f, pageSize: uint64(m.pageSize), hwm: m.highWater, seen: map[uint64]bool{}, counts: map[string]int{}}
	// A file of up to 64 MB (decades of history) is read in one go; a bigger one
	// page by page, so memory stays bounded.
	if size := m.highWater * uint64(m.pageSize); size <= 64<<20 {
		w.whole = make([]byte, size)
		if _, err := f.ReadAt(w.whole, 0); err != nil {
			return nil, err
		}
	}
	if m.freelist != noFreelist {
		if err := w.freelist(m.freelist); err != nil {
			return nil, err
		}
	}
	if err := w.tree(m.root, 0, nil, true); err != nil {
		return nil, err
	}
	return w.counts, nil
}

// page reads page id with its overflow pages.
func (w *pageWalker) page(id uint64, want uint16) ([]byte, error) {
	if id < 2 || id >= w.hwm {
		return nil, fmt.Errorf("page %d is outside the file", id)
	}
	head, err := w.read(id*w.pageSize, pageHeaderSize)
	if err != nil {
		return nil, fmt.Errorf("page %d: %v", id, err)
	}
	le := binary.LittleEndian
	overflow := uint64(le.Uint32(head[12:]))
	if got := le.Uint64(head); got != id {
		return nil, fmt.Errorf("page %d calls itself page %d", id, got)
	}
	if flags := le.Uint16(head[8:]); flags&want == 0 || flags&(flags-1) != 0 {
		return nil, fmt.Errorf("page %d has type %#x", id, flags)
	}
	if id+overflow >= w.hwm {
		return nil, fmt.Errorf("page %d runs past the end of the file", id)
	}
	for p := id; p <= id+overflow; p++ {
		if w.seen[p] {
			return nil, fmt.Errorf("page %d is used twice", p)
		}
		w.seen[p] = true
	}
	buf, err := w.read(id*w.pageSize, (overflow+1)*w.pageSize)
	if err != nil {
		return nil, fmt.Errorf("page %d: %v", id, err)
	}
	return buf, nil
}

func (w *pageWalker) freelist(id uint64) error {
	buf, err := w.page(id, freelistPage)
	if err != nil {
		return fmt.Errorf("freelist: %w", err)
	}
	le := binary.LittleEndian
	idx, count := uint64(0), uint64(le.Uint16(buf[10:]))
	if count == 0xFFFF {
		if len(buf) < pageHeaderSize+8 {
			return errors.New("freelist: cut short")
		}
		idx, count = 1, le.Uint64(buf[pageHeaderSize:])
	}
	if count > uint64(len(buf))/8 || pageHeaderSize+(idx+count)*8 > uint64(len(buf)) {
		return errors.New("freelist: more pages than it holds")
	}
	for i := idx; i < idx+count; i++ {
		if p := le.Uint64(buf[pageHeaderSize+i*8:]); p < 2 || p >= w.hwm {
			return fmt.Errorf("freelist: page %d is outside the file", p)
		}
	}
	return nil
}

// tree checks the branch or leaf page id and everything below it, counting its
// values into count (nil: not counted); top says it is the tree of the root bucket,
// whose elements are the top-level buckets.
func (w *pageWalker) tree(id uint64, depth int, count *int, top bool) error {
	if depth > maxDepth {
		return errors.New("the tree is too deep")
	}
	buf, err := w.page(id, branchPage|leafPage)
	if err != nil {
		return err
	}
	if binary.LittleEndian.Uint16(buf[8:])&leafPage != 0 {
		return w.leaf(buf, depth, count, top)
	}
	le := binary.LittleEndian
	n := uint64(le.Uint16(buf[10:]))
	if n == 0 || pageHeaderSize+n*elementSize > uint64(len(buf)) {
		return fmt.Errorf("branch page %d: %d elements do not fit", id, n)
	}
	for i := range n {
		e := pageHeaderSize + i*elementSize
		pos, ksize := uint64(le.Uint32(buf[e:])), uint64(le.Uint32(buf[e+4:]))
		if e+pos+ksize > uint64(len(buf)) {
			return fmt.Errorf("branch page %d: key %d lies outside the page", id, i)
		}
		if err := w.tree(le.Uint64(buf[e+8:]), depth+1, count, top); err != nil {
			return err
		}
	}
	return nil
}

// leaf checks a leaf page (a page of the file, or a bucket's inline page) and the
// buckets it holds.
func (w *pageWalker) leaf(buf []byte, depth int, count *int, top bool) error {
	if len(buf) < pageHeaderSize {
		return errors.New("an inline bucket is cut short")
	}
	le := binary.LittleEndian
	n := uint64(le.Uint16(buf[10:]))
	if pageHeaderSize+n*elementSize > uint64(len(buf)) {
		return fmt.Errorf("leaf page %d: %d elements do not fit", le.Uint64(buf), n)
	}
	for i := range n {
		e := pageHeaderSize + i*elementSize
		flags := le.Uint32(buf[e:])
		pos, ksize, vsize := uint64(le.Uint32(buf[e+4:])), uint64(le.Uint32(buf[e+8:])), uint64(le.Uint32(buf[e+12:]))
		start := e + pos + ksize
		if flags&^bucketLeaf != 0 || start+vsize > uint64(len(buf)) {
			return fmt.Errorf("leaf page %d: element %d lies outside the page", le.Uint64(buf), i)
		}
		if flags&bucketLeaf == 0 {
			if count != nil {
				*count++
			}
			continue
		}
		var inner *int // values of nested buckets below the top level are not counted
		var c int
		if top {
			inner = &c
			defer func(name string) { w.counts[name] = c }(string(buf[e+pos : e+pos+ksize]))
		}
		v := buf[start : start+vsize]
		if len(v) < bucketHeader {
			return fmt.Errorf("leaf page %d: bucket %d is cut short", le.Uint64(buf), i)
		}
		if depth > maxDepth {
			return errors.New("the buckets are nested too deep")
		}
		if root := le.Uint64(v); root != 0 {
			if err := w.tree(root, depth+1, inner, false); err != nil {
				return err
			}
			continue
		}
		inline := v[bucketHeader:]
		if len(inline) < pageHeaderSize || le.Uint16(inline[8:]) != leafPage {
			return fmt.Errorf("leaf page %d: inline bucket %d is not a leaf", le.Uint64(buf), i)
		}
		if err := w.leaf(inline, depth+1, inner, false); err != nil {
			return err
		}
	}
	return nil
}

// errNotRegular refuses a keel.db that is a folder, a FIFO, a device, a socket or a
// symbolic link: Keel only ever keeps its data in a plain file.
func errNotRegular(path string, mode os.FileMode) error {
	what := "not a plain file"
	switch {
	case mode&os.ModeSymlink != 0:
		what = "a symbolic link (Keel does not follow links to its data file)"
	case mode.IsDir():
		what = "a folder"
	case mode&os.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case mode&os.ModeSocket != 0:
		what = "a socket"
	case mode&os.ModeDevice != 0:
		what = "a device"
	}
	return model.Errorf(model.EDamaged, filepath.Base(path)+" is "+what+", not Keel's data file. Move it away, or restore a backup; nothing was changed.",
		fmt.Errorf("%s: mode %v: %w", path, mode, model.ErrDamaged))
}
