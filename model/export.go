package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// ExportFormat and ExportVersion head every JSON export (docs/export-format.md).
const (
	ExportFormat  = "keel-export"
	ExportVersion = 1
)

// Export is a whole database as one JSON document: every record of every kind, the
// settings and the user's checklist templates. Field names are stable; times are RFC
// 3339 with their offsets.
type Export struct {
	Format         string           `json:"format"`
	Version        int              `json:"version"`
	ExportedAt     time.Time        `json:"exported_at"`
	Settings       *Settings        `json:"settings,omitempty"`
	Templates      []Template       `json:"templates"`
	Sessions       []Session        `json:"sessions"`
	Checklists     []Checklist      `json:"checklists"`
	CheckIns       []CheckIn        `json:"checkins"`
	Questionnaires []ExportResponse `json:"questionnaires"`
	FollowUps      []FollowUp       `json:"followups"`
	Journal        []JournalEntry   `json:"journal"`
	Courses        []Course         `json:"courses"`
}

// ExportResponse is a questionnaire response with its total and band written out for
// people reading the file; on import they are checked against the answers, never
// trusted.
type ExportResponse struct {
	Response
	Total int    `json:"total"`
	Band  string `json:"band,omitempty"`
}

// History returns the export's records.
func (e *Export) History() History {
	h := History{Sessions: e.Sessions, Checklists: e.Checklists, CheckIns: e.CheckIns,
		FollowUps: e.FollowUps, Journal: e.Journal, Courses: e.Courses}
	for _, r := range e.Questionnaires {
		h.Responses = append(h.Responses, r.Response)
	}
	return h
}

// Snapshot reads every record, the settings and the templates in one read
// transaction, so the export is consistent even while the user keeps working.
func (s *Store) Snapshot() (Export, error) {
	e := Export{Format: ExportFormat, Version: ExportVersion, ExportedAt: s.now()}
	err := s.view(func(tx txn) error {
		var err error
		if e.Sessions, err = everyRecord[Session](tx, sessionsC); err != nil {
			return err
		}
		if e.Checklists, err = everyRecord[Checklist](tx, checklistsC); err != nil {
			return err
		}
		if e.CheckIns, err = everyRecord[CheckIn](tx, checkinsC); err != nil {
			return err
		}
		responses, err := everyRecord[Response](tx, responsesC)
		if err != nil {
			return err
		}
		for _, r := range responses {
			e.Questionnaires = append(e.Questionnaires, ExportResponse{Response: r, Total: r.Total(), Band: r.Band()})
		}
		if e.FollowUps, err = everyRecord[FollowUp](tx, followupsC); err != nil {
			return err
		}
		if e.Journal, err = everyRecord[JournalEntry](tx, journalC); err != nil {
			return err
		}
		if e.Courses, err = everyRecord[Course](tx, coursesC); err != nil {
			return err
		}
		if data := tx.Bucket(settingsBucket).Get(settingsKey); data != nil {
			st, err := decode[Settings](tx, settingsC, settingsKey, data)
			if err != nil {
				return err
			}
			e.Settings = &st
		}
		return tx.Bucket(templatesBucket).ForEach(func(k, v []byte) error {
			t, err := decode[Template](tx, templatesC, k, v)
			e.Templates = append(e.Templates, t)
			return err
		})
	})
	if err != nil {
		return e, fmt.Errorf("read the database for export: %w", err)
	}
	return e, nil
}

// everyRecord returns the records of c in ID order (never nil, so the JSON has []).
func everyRecord[T any, P recordPtr[T]](tx txn, c collection) ([]T, error) {
	out := []T{}
	err := tx.Bucket(c.bucket).ForEach(func(k, v []byte) error {
		r, err := decode[T](tx, c, k, v)
		out = append(out, r)
		return err
	})
	return out, err
}

// WriteJSON writes the export, indented, to w.
func (e *Export) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(e)
}

// Errors about files to import.
var (
	// ErrNotExport means the file is not a Keel JSON export.
	ErrNotExport = errors.New("not a Keel export")
	// ErrNewerExport means the export was written by a newer Keel.
	ErrNewerExport = errors.New("the export was written by a newer version of Keel")
)

// MaxImportBytes is the largest export Keel reads (a 10-year history is about 10 MB).
const MaxImportBytes = 256 << 20

// ReadExport parses a Keel JSON export. It refuses anything else in words: not JSON,
// not a Keel export, a newer format, unknown fields (a sign of a damaged or foreign
// file), trailing data.
func ReadExport(r io.Reader) (Export, error) {
	var e Export
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return e, fmt.Errorf("read the export: %w", err)
	}
	if len(data) > MaxImportBytes {
		return e, fmt.Errorf("the file is over %d MB: %w", MaxImportBytes>>20, ErrNotExport)
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil || head.Format != ExportFormat {
		return e, fmt.Errorf("the file does not start like a Keel export (%s): %w", shortJSONError(err), ErrNotExport)
	}
	if head.Version > ExportVersion {
		return e, fmt.Errorf("export version %d, this Keel reads up to %d: %w", head.Version, ExportVersion, ErrNewerExport)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return e, fmt.Errorf("the export is damaged (%s): %w", shortJSONError(err), ErrNotExport)
	}
	if dec.More() {
		return e, fmt.Errorf("the export has data after its end: %w", ErrNotExport)
	}
	for i, r := range e.Questionnaires {
		if r.Total != r.Response.Total() {
			return e, fmt.Errorf("questionnaire %d says total %d but its answers add up to %d: %w", r.ID, r.Total, r.Response.Total(), ErrNotExport)
		}
		e.Questionnaires[i].Band = r.Response.Band()
	}
	return e, nil
}

func shortJSONError(err error) string {
	if err == nil {
		return "no Keel format name"
	}
	s := err.Error()
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
