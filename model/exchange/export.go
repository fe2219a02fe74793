// Package exchange reads and writes the files Keel's data travels in: the JSON
// export (docs/export-format.md), one CSV file per kind of record, the same files
// encrypted with age, and imports from them and from Daylio. Every kind of record is
// handled through model.Kinds, so a new kind needs no change here.
package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"keel/model"
	"keel/model/store"
)

// Format and Version head every JSON export (docs/export-format.md).
const (
	Format  = "keel-export"
	Version = 1
)

// Export is a whole database as one JSON document: every record of every kind, the
// settings and the user's checklist templates. Field names are stable; times are RFC
// 3339 with their offsets.
type Export struct {
	Format     string
	Version    int
	ExportedAt time.Time
	model.History
}

// Snapshot reads the whole store for an export, stamped with the store's clock.
func Snapshot(st *store.Store) (Export, error) {
	h, err := st.Snapshot()
	if err != nil {
		return Export{}, fmt.Errorf("read the database for export: %w", err)
	}
	return Export{Format: Format, Version: Version, ExportedAt: st.Now(), History: h}, nil
}

// WriteJSON writes the export to w, indented: the head, the settings and templates,
// then one list per kind of record in the order of model.Kinds. Records are written
// one at a time, so memory does not grow with the export.
func (e *Export) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	field := func(name string, v any, last bool) error {
		data, err := marshal(v, "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "  %q: %s", name, data)
		if !last {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		return nil
	}
	bw.WriteString("{\n")
	if err := errors.Join(field("format", e.Format, false), field("version", e.Version, false),
		field("exported_at", e.ExportedAt, false)); err != nil {
		return err
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
		fmt.Fprintf(bw, "  %q: [", k.Name)
		rs := e.Of(k)
		for j, r := range rs {
			data, err := marshal(k.Exported(r), "    ")
			if err != nil {
				return fmt.Errorf("write %s %d: %w", k.Name, r.RecordID(), err)
			}
			if j > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n    ")
			bw.Write(data)
		}
		if len(rs) > 0 {
			bw.WriteString("\n  ")
		}
		bw.WriteString("]")
		if i < len(model.Kinds)-1 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("}\n")
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

// MaxImportBytes is the largest export Keel reads (a 10-year history is about 10 MB).
const MaxImportBytes = 256 << 20

// ReadExport parses a Keel JSON export. It refuses anything else in words: not JSON,
// not a Keel export, a newer format, unknown fields (a sign of a damaged or foreign
// file), a cut-off file, trailing data, totals that do not match their answers.
func ReadExport(r io.Reader) (Export, error) {
	var e Export
	err := decodeExport(r, &e, func(k *model.Kind, rec model.Record) error {
		e.Add(k, rec)
		return nil
	})
	return e, err
}

// decodeExport reads an export from r, filling e's head, settings and templates and
// handing each record to fn as it is read.
func decodeExport(r io.Reader, e *Export, fn func(*model.Kind, model.Record) error) error {
	lr := &limitedReader{r: r, left: MaxImportBytes}
	dec := json.NewDecoder(bufio.NewReader(lr))
	fail := func(format string, err error) error {
		switch {
		case lr.left < 0:
			return model.Errorf(model.ENotExport, fmt.Sprintf("That file is over %d MB, more than any Keel export, so nothing was imported.", MaxImportBytes>>20), model.ErrNotExport)
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			return model.Errorf(model.ENotExport, "That export is cut off before its end (the file may not have been copied whole), so nothing was imported.", model.ErrNotExport)
		}
		return fmt.Errorf(format+": %w", shortError(err), model.ErrNotExport)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		if err == nil || errors.Is(err, io.EOF) {
			err = errors.New("no JSON object")
		}
		return fail("the file does not start like a Keel export (%s)", err)
	}
	seen := map[string]bool{}
	for first := true; dec.More(); first = false {
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
		case "settings":
			var raw json.RawMessage
			if err = dec.Decode(&raw); err == nil {
				var st model.Settings
				if err = model.DecodeStrict(raw, &st); err == nil {
					e.Settings = &st
				}
			}
		case "templates":
			var raw json.RawMessage
			if err = dec.Decode(&raw); err == nil {
				err = model.DecodeStrict(raw, &e.Templates)
			}
		default:
			k := model.KindNamed(name)
			if k == nil {
				return fail("the export is damaged (%s)", fmt.Errorf("unknown field %q", name))
			}
			err = decodeList(dec, k, fn)
		}
		if err != nil {
			return fail("the export is damaged (%s)", fmt.Errorf("%s: %w", name, err))
		}
	}
	if _, err := dec.Token(); err != nil {
		return fail("the export is damaged (%s)", err)
	}
	if !seen["format"] {
		return fail("the file does not start like a Keel export (%s)", errors.New("no Keel format name"))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("the export has data after its end: %w", model.ErrNotExport)
	}
	return nil
}

// decodeList reads a JSON list of records of kind k, one record at a time.
func decodeList(dec *json.Decoder, k *model.Kind, fn func(*model.Kind, model.Record) error) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		if err == nil {
			err = errors.New("not a list")
		}
		return err
	}
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		r, err := k.Decode(raw)
		if err != nil {
			return fmt.Errorf("record %d: %w", i+1, err)
		}
		if err := fn(k, r); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}

// limitedReader reads from r until left bytes have been read, then reports EOF with
// left below zero, so a reader can tell "too big" from "cut off".
type limitedReader struct {
	r    io.Reader
	left int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

func shortError(err error) string {
	s := err.Error()
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}
