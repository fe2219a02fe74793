// Package exchange reads and writes the files Keel's data travels in: the JSON
// export (docs/export-format.md), one CSV file per kind of record, the same files
// encrypted with age, and imports from them and from Daylio. An export is imported a
// record at a time (Source, Plan, ImportSource), so memory does not grow with the
// file. Every kind of record is handled through model.Kinds, so a new kind needs no
// change here.
package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"keel/model"
	"keel/model/store"
)

// Format and Version head every JSON export (docs/export-format.md). Version 2 added
// the database's identity and the origins of records imported from other Keels;
// this Keel reads versions 1 and 2.
const (
	Format  = "keel-export"
	Version = 2
)

// Export is a whole database as one JSON document: every record of every kind, the
// settings and the user's checklist templates. Field names are stable; times are RFC
// 3339 with their offsets.
type Export struct {
	Format     string
	Version    int
	ExportedAt time.Time
	// Database is the identity of the database exported (store.Store.Identity); ""
	// in an export of an older Keel.
	Database string
	// Origins are where the records this database imported from other Keels first
	// came from.
	Origins []store.Origin
	model.History
}

// Provenance is what the export says about where its records come from.
func (e *Export) Provenance() store.Provenance {
	head := ""
	if !e.ExportedAt.IsZero() {
		head = e.ExportedAt.Format(time.RFC3339Nano)
	}
	return store.Provenance{Database: e.Database, Origins: e.Origins, Head: head}
}

// Snapshot reads the whole store for an export, stamped with the store's clock.
func Snapshot(st *store.Store) (Export, error) {
	h, p, err := st.ExportSnapshot()
	if err != nil {
		return Export{}, fmt.Errorf("read the database for export: %w", err)
	}
	return Export{Format: Format, Version: Version, ExportedAt: st.Now(), Database: p.Database, Origins: p.Origins, History: h}, nil
}

// exportOrigin is one entry of an export's "origins" list.
type exportOrigin struct {
	Kind       string `json:"kind"`
	ID         uint64 `json:"id"`
	Database   string `json:"database"`
	OriginalID uint64 `json:"original_id"`
}

// WriteJSON writes the export to w, indented: the head, the settings and templates,
// then one list per kind of record in the order of model.Kinds. Records are written
// one at a time, so memory does not grow with the export.
func (e *Export) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	// A bufio.Writer keeps its first error and returns it from Flush, at the end.
	put := func(ss ...string) {
		for _, x := range ss {
			_, _ = bw.WriteString(x)
		}
	}
	field := func(name string, v any, last bool) error {
		data, err := marshal(v, "  ")
		if err != nil {
			return err
		}
		put(fmt.Sprintf("  %q: %s", name, data))
		if !last {
			put(",")
		}
		put("\n")
		return nil
	}
	put("{\n")
	if err := errors.Join(field("format", e.Format, false), field("version", e.Version, false),
		field("exported_at", e.ExportedAt, false)); err != nil {
		return err
	}
	if e.Database != "" {
		if err := field("database", e.Database, false); err != nil {
			return err
		}
		put(`  "origins": [`)
		for i, o := range e.Origins {
			data, err := json.Marshal(exportOrigin{o.Kind.Name, o.ID, o.Database, o.OriginalID})
			if err != nil {
				return err
			}
			if i > 0 {
				put(",")
			}
			put("\n    ")
			put(string(data))
		}
		if len(e.Origins) > 0 {
			put("\n  ")
		}
		put("],\n")
	}
	if e.Settings != nil {
		if err := field("settings", e.Settings, false); err != nil {
			return err
		}
	}
	templates := e.Templates
	if templates == nil {
		templates = []model.Template{}
	}
	if err := field("templates", templates, len(model.Kinds) == 0); err != nil {
		return err
	}
	for i, k := range model.Kinds {
		put(fmt.Sprintf("  %q: [", k.Name))
		rs := e.Of(k)
		for j, r := range rs {
			data, err := marshal(k.Exported(r), "    ")
			if err != nil {
				return fmt.Errorf("write %s %d: %w", k.Name, r.RecordID(), err)
			}
			if j > 0 {
				put(",")
			}
			put("\n    ")
			put(string(data))
		}
		if len(rs) > 0 {
			put("\n  ")
		}
		put("]")
		if i < len(model.Kinds)-1 {
			put(",")
		}
		put("\n")
	}
	put("}\n")
	return bw.Flush()
}

// marshal is JSON indented by two spaces under prefix, without HTML escaping (an
// export is read by people, not browsers).
func marshal(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// MaxImportBytes is the largest export Keel reads: 512 MiB. A ten-year history is
// about 10 MB; a million records as Keel writes them are about 330 MB (measured by
// BenchmarkImportMillion), so this holds them with room to spare, and a file twice
// the size is refused before a byte of it is read (see OpenSource). Memory does not
// grow with the file: records are read and imported one at a time.
const MaxImportBytes = 512 << 20

// importLimit is MaxImportBytes, lowered by tests.
var importLimit int64 = MaxImportBytes

// maxValueBytes bounds what the reader holds of any one value of an export (a
// record, the settings, the templates): the largest record Keel writes, a journal
// entry of model.MaxLongText characters each written as a six-byte escape, is
// under 150 KB, so a value that needs more is not Keel's, and reading stops there.
const maxValueBytes = 8 << 20

// ReadExport parses a Keel JSON export. It refuses anything else in words: not JSON,
// not a Keel export, a newer format, unknown fields (a sign of a damaged or foreign
// file), a cut-off file, trailing data, totals that do not match their answers.
func ReadExport(r io.Reader) (Export, error) {
	var e Export
	err := decodeExport(r, &e, exportHandler{
		record: func(k *model.Kind, rec model.Record) error {
			e.Add(k, rec)
			return nil
		},
		settings:  func(st model.Settings) error { e.Settings = &st; return nil },
		templates: func(ts []model.Template) error { e.Templates = ts; return nil },
	})
	return e, err
}

// exportHandler takes what decodeExport reads, as it reads it: head once, when the
// head (format, version, exported_at, database, origins) has been read and before
// anything else; then the settings, the templates and each record. Any may be nil.
type exportHandler struct {
	head      func() error
	settings  func(model.Settings) error
	templates func([]model.Template) error
	record    func(*model.Kind, model.Record) error
}

// handlerError carries an error of the handler through the decoder unchanged.
type handlerError struct{ err error }

func (h handlerError) Error() string { return h.err.Error() }
func (h handlerError) Unwrap() error { return h.err }

// headFields are the fields of an export's head, which come before everything else.
var headFields = map[string]bool{"format": true, "version": true, "exported_at": true, "database": true, "origins": true}

// decodeExport reads an export from r, filling e's head and handing the rest to h as
// it is read, one record at a time.
func decodeExport(r io.Reader, e *Export, h exportHandler) error {
	lr := &limitedReader{r: bufio.NewReaderSize(r, 64<<10), left: importLimit, window: maxValueBytes}
	dec := json.NewDecoder(lr)
	mark := func() { lr.mark = dec.InputOffset() }
	fail := func(format string, err error) error {
		var he handlerError
		switch {
		case errors.As(err, &he):
			return he.err
		case lr.left < 0:
			return model.Errorf(model.ENotExport, fmt.Sprintf("That file is over %d MB, more than any Keel export, so nothing was imported.", MaxImportBytes>>20), model.ErrNotExport)
		case lr.over:
			return model.Errorf(model.ENotExport, fmt.Sprintf("That file holds a value of over %d MB, larger than anything Keel writes, so it is not a Keel export and nothing was imported.", maxValueBytes>>20), model.ErrNotExport)
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			return model.Errorf(model.ENotExport, "That export is cut off before its end (the file may not have been copied whole), so nothing was imported.", model.ErrNotExport)
		}
		return fmt.Errorf(format+": %w", shortError(err), model.ErrNotExport)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		if err == nil || (errors.Is(err, io.EOF) && lr.read == 0) {
			err = errors.New("no JSON object")
		}
		return fail("the file does not start like a Keel export (%s)", err)
	}
	headDone := false
	endHead := func() error {
		if headDone {
			return nil
		}
		headDone = true
		if h.head == nil {
			return nil
		}
		if err := h.head(); err != nil {
			return handlerError{err}
		}
		return nil
	}
	seen := map[string]bool{}
	lastKind := -1 // the index in model.Kinds of the last list read
	for first := true; dec.More(); first = false {
		mark()
		tok, err := dec.Token()
		if err != nil {
			return fail("the export is damaged (%s)", err)
		}
		name, _ := tok.(string)
		if seen[name] {
			return fail("the export is damaged (%s)", fmt.Errorf("field %q twice", name))
		}
		seen[name] = true
		if first && name != "format" {
			return fail("the file does not start like a Keel export (%s)", fmt.Errorf("it starts with %q, not \"format\"", name))
		}
		if headFields[name] && headDone {
			return fail("the export is damaged (%s)", fmt.Errorf("%q comes after the records", name))
		}
		if !headFields[name] {
			if err := endHead(); err != nil {
				return fail("", err)
			}
		}
		mark()
		switch name {
		case "format":
			if err := dec.Decode(&e.Format); err != nil || e.Format != Format {
				if err == nil {
					err = fmt.Errorf("format %q", e.Format)
				}
				return fail("the file does not start like a Keel export (%s)", err)
			}
		case "version":
			if err := dec.Decode(&e.Version); err != nil {
				return fail("the export is damaged (%s)", err)
			}
			if e.Version > Version {
				return fmt.Errorf("export version %d, this Keel reads up to %d: %w", e.Version, Version, model.ErrNewerExport)
			}
		case "exported_at":
			err = dec.Decode(&e.ExportedAt)
		case "database":
			if err = dec.Decode(&e.Database); err == nil {
				if _, ok := store.ParseIdentity(e.Database); !ok {
					err = fmt.Errorf("%q is not a Keel database identity", e.Database)
				}
			}
		case "origins":
			err = decodeOrigins(dec, mark, &e.Origins)
		case "settings":
			var raw json.RawMessage
			if err = dec.Decode(&raw); err == nil {
				var st model.Settings
				if err = model.DecodeStrict(raw, &st); err == nil && h.settings != nil {
					if herr := h.settings(st); herr != nil {
						err = handlerError{herr}
					}
				}
			}
		case "templates":
			var raw json.RawMessage
			if err = dec.Decode(&raw); err == nil {
				var ts []model.Template
				if err = model.DecodeStrict(raw, &ts); err == nil && h.templates != nil {
					if herr := h.templates(ts); herr != nil {
						err = handlerError{herr}
					}
				}
			}
		default:
			i := slices.IndexFunc(model.Kinds, func(k *model.Kind) bool { return k.Name == name })
			if i < 0 {
				return fail("the export is damaged (%s)", fmt.Errorf("unknown field %q", name))
			}
			if i < lastKind {
				// Parents come first: a record never arrives before the one it belongs to.
				return fail("the export is damaged (%s)", fmt.Errorf("%q comes after %q", name, model.Kinds[lastKind].Name))
			}
			lastKind = i
			err = decodeList(dec, mark, model.Kinds[i], h.record)
		}
		if err != nil {
			return fail("the export is damaged (%s)", fmt.Errorf("%s: %w", name, err))
		}
	}
	mark()
	if _, err := dec.Token(); err != nil {
		return fail("the export is damaged (%s)", err)
	}
	if !seen["format"] {
		return fail("the file does not start like a Keel export (%s)", errors.New("no Keel format name"))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if lr.left < 0 || lr.over {
			return fail("", err)
		}
		return fmt.Errorf("the export has data after its end: %w", model.ErrNotExport)
	}
	if err := endHead(); err != nil {
		return fail("", err)
	}
	return nil
}

// decodeOrigins reads an export's list of origins, one entry at a time.
func decodeOrigins(dec *json.Decoder, mark func(), out *[]store.Origin) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		if err == nil {
			err = errors.New("not a list")
		}
		return err
	}
	for i := 0; dec.More(); i++ {
		mark()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		var o exportOrigin
		if err := model.DecodeStrict(raw, &o); err != nil {
			return fmt.Errorf("entry %d: %w", i+1, err)
		}
		k := model.KindNamed(o.Kind)
		if k == nil || k.DeriveID != nil {
			return fmt.Errorf("entry %d: %q is not a kind of record with IDs of its own", i+1, o.Kind)
		}
		*out = append(*out, store.Origin{Kind: k, ID: o.ID, Database: o.Database, OriginalID: o.OriginalID})
	}
	mark()
	_, err := dec.Token()
	return err
}

// decodeList reads a JSON list of records of kind k, one record at a time.
func decodeList(dec *json.Decoder, mark func(), k *model.Kind, fn func(*model.Kind, model.Record) error) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		if err == nil {
			err = errors.New("not a list")
		}
		return err
	}
	for i := 0; dec.More(); i++ {
		mark()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		r, err := k.Decode(raw)
		if err != nil {
			return fmt.Errorf("record %d: %w", i+1, err)
		}
		if fn != nil {
			if err := fn(k, r); err != nil {
				return handlerError{err}
			}
		}
	}
	mark()
	_, err := dec.Token()
	return err
}

// limitedReader reads from r until left bytes have been read, then reports EOF with
// left below zero, so a reader can tell "too big" from "cut off". It also stops
// (over) when more than window bytes were read past mark, the decoder's position
// at the start of the value it is reading: no single value makes it hold more.
type limitedReader struct {
	r                  io.Reader
	left               int64
	read, mark, window int64
	over               bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if l.window > 0 {
		room := l.window - (l.read - l.mark)
		if room < 0 {
			l.over = true
			return 0, errValueTooLarge
		}
		if int64(len(p)) > room+1 {
			p = p[:room+1] // so the decoder never buffers much past the window
		}
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	l.read += int64(n)
	if l.left < 0 {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

var errValueTooLarge = errors.New("a value larger than any Keel writes")

func shortError(err error) string {
	s := err.Error()
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}
