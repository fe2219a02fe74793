package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Record is a stored record of one kind. A pointer to each kind's type implements it.
type Record interface {
	// RecordID is the record's key within its kind; 0 for a record not stored yet.
	RecordID() uint64
	// SetRecordID gives the record its key.
	SetRecordID(id uint64)
	// IndexTime is when the record falls, for the kind's time index (zero for kinds
	// without one).
	IndexTime() time.Time
	// Stamp sets the created and updated times for a save at now; with keep, times the
	// record already has are kept (records that already have a history, as on import).
	Stamp(now time.Time, keep bool)
	// Validate says in words what is wrong with the record, as a *ValidationError.
	Validate(now time.Time) error
}

// Kind is one kind of record and everything Keel needs to know to store, export,
// import, count and tabulate it. Kinds lists them all: the store's buckets, JSON
// exports and imports, CSV files, the demo, the encryption rewrite and every count
// range over that list, so a new kind of record is one entry there.
type Kind struct {
	// Name names the kind everywhere: its field in a JSON export, its bucket in the
	// database, its CSV file (Name + ".csv").
	Name string
	// One and Many are how a person reads a count of it: "session", "sessions".
	One, Many string
	// Version is the shape of the JSON this Keel writes for the kind (see the store).
	Version int
	// Indexed kinds are kept in a time index by IndexTime; the others are found by ID.
	Indexed bool
	// New returns a new, empty record of the kind.
	New func() Record
	// Parent is the kind this one belongs to (a checklist, a follow-up or a journal
	// entry to a session), nil for a kind that stands alone.
	Parent *Kind
	// ParentID is the ID of a record's parent, 0 when it has none (a journal entry may
	// stand alone). Set only with Parent.
	ParentID func(Record) uint64
	// SetParentID ties a record to the parent with the given ID (an import gives
	// records of another Keel the IDs their parents have here). Set only with Parent.
	SetParentID func(Record, uint64)
	// DeriveID is the ID a record must have, computed from its parent's ID, for kinds
	// keyed by their parent (a checklist by its session, a follow-up by its session
	// and step); 0 when the record cannot have one. nil for kinds whose IDs come from
	// their own sequence.
	DeriveID func(Record) uint64
	// Table lays the kind out in its CSV file.
	Table Table
	// Export is the record as an export file holds it, when that differs from the
	// record (questionnaires carry their total and band for people reading the file).
	Export func(Record) any
	// Import reads one record of an export file, when that needs more than strict
	// JSON of the record. nil: DecodeStrict into New().
	Import func(data []byte) (Record, error)
}

// Count says n records of the kind in words: "1 session", "18 sessions".
func (k *Kind) Count(n int) string {
	if n == 1 {
		return "1 " + k.One
	}
	return fmt.Sprintf("%d %s", n, k.Many)
}

// Decode reads one record of the kind from an export file (see Import).
func (k *Kind) Decode(data []byte) (Record, error) {
	if k.Import != nil {
		return k.Import(data)
	}
	r := k.New()
	return r, DecodeStrict(data, r)
}

// MaxID is the largest ID of a record of a kind with its own sequence, and of a
// parent a record refers to: 2^51-1. IDs from 1 to MaxID are valid. It keeps every
// key Keel derives from an ID exact: a follow-up's ID is its session's ID times 4
// plus its step (FollowUpID), at most 2^53-1, the largest integer every JSON reader
// holds exactly. docs/export-format.md documents the range.
const MaxID uint64 = 1<<51 - 1

// CheckID says in words what is wrong with r's ID for kind k, nil when nothing is:
// an ID from 1 to MaxID for a kind with its own sequence; for a kind keyed by its
// parent (DeriveID), a parent ID in that range and the ID derived from it; and any
// parent a record refers to within that range.
func (k *Kind) CheckID(r Record) error {
	id := r.RecordID()
	if k.Parent != nil {
		if p := k.ParentID(r); p > MaxID {
			return fmt.Errorf("it belongs to %s %d, outside the IDs Keel uses (1 to %d)", k.Parent.One, p, MaxID)
		}
	}
	switch {
	case k.DeriveID != nil:
		if want := k.DeriveID(r); want == 0 || want != id {
			return fmt.Errorf("its ID %d does not match the %s it belongs to", id, k.Parent.One)
		}
	case id == 0:
		return fmt.Errorf("it has no ID")
	case id > MaxID:
		return fmt.Errorf("its ID %d is outside the IDs Keel uses (1 to %d)", id, MaxID)
	}
	return nil
}

// Exported is r as an export file holds it (see Export).
func (k *Kind) Exported(r Record) any {
	if k.Export != nil {
		return k.Export(r)
	}
	return r
}

// DecodeStrict unmarshals one JSON value into v, refusing unknown fields and
// anything after the value: a field Keel does not know is a sign of a damaged or
// foreign file, never something to drop silently.
func DecodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("data after the value")
	}
	return nil
}

// The kinds of record, in the order an import adds them (parents first).
var (
	// Sessions are the ketamine sessions, planned or done.
	Sessions = &Kind{Name: "sessions", One: "session", Many: "sessions", Version: 1, Indexed: true,
		New: func() Record { return &Session{} }, Table: sessionTable}
	// Checklists are the preparation checklists, one per session, keyed by its ID.
	Checklists = &Kind{Name: "checklists", One: "checklist", Many: "checklists", Version: 1,
		New: func() Record { return &Checklist{} }, Table: checklistTable,
		Parent: Sessions, ParentID: func(r Record) uint64 { return r.(*Checklist).SessionID },
		SetParentID: func(r Record, id uint64) { r.(*Checklist).SessionID = id },
		DeriveID: func(r Record) uint64 {
			if id := r.(*Checklist).SessionID; id <= MaxID {
				return id
			}
			return 0
		}}
	// CheckIns are the daily check-ins.
	CheckIns = &Kind{Name: "checkins", One: "check-in", Many: "check-ins", Version: 1, Indexed: true,
		New: func() Record { return &CheckIn{} }, Table: checkInTable}
	// Questionnaires are the questionnaire responses (PHQ-9, GAD-7, PCL-5).
	Questionnaires = &Kind{Name: "questionnaires", One: "questionnaire", Many: "questionnaires", Version: 1, Indexed: true,
		New: func() Record { return &Response{} }, Table: responseTable,
		Export: func(r Record) any { return exportResponse(*r.(*Response)) }, Import: importResponse}
	// FollowUps are the four short check-ins after a session, keyed by FollowUpID.
	FollowUps = &Kind{Name: "followups", One: "follow-up", Many: "follow-ups", Version: 1, Indexed: true,
		New: func() Record { return &FollowUp{} }, Table: followUpTable,
		Parent: Sessions, ParentID: func(r Record) uint64 { return r.(*FollowUp).SessionID },
		SetParentID: func(r Record, id uint64) { r.(*FollowUp).SessionID = id },
		DeriveID: func(r Record) uint64 {
			f := r.(*FollowUp)
			if f.SessionID == 0 || f.SessionID > MaxID || f.Step < 0 || f.Step >= len(FollowUpOffsets) {
				return 0
			}
			return FollowUpID(f.SessionID, f.Step)
		}}
	// Journal holds the journal entries, tied to a session or standing alone.
	Journal = &Kind{Name: "journal", One: "journal entry", Many: "journal entries", Version: 1, Indexed: true,
		New: func() Record { return &JournalEntry{} }, Table: journalTable,
		Parent: Sessions, ParentID: func(r Record) uint64 { return r.(*JournalEntry).SessionID },
		SetParentID: func(r Record, id uint64) { r.(*JournalEntry).SessionID = id }}
	// Courses are the treatment courses.
	Courses = &Kind{Name: "courses", One: "course", Many: "courses", Version: 1, Indexed: true,
		New: func() Record { return &Course{} }, Table: courseTable}
)

// Kinds lists every kind of record, parents before the kinds that belong to them.
var Kinds = []*Kind{Sessions, Checklists, CheckIns, Questionnaires, FollowUps, Journal, Courses}

// KindNamed returns the kind called name, or nil.
func KindNamed(name string) *Kind {
	for _, k := range Kinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// History is a whole set of records: what a database holds, an export carries, or
// the demo makes. Records refer to each other by ID (a checklist, follow-up or
// journal entry to its session).
type History struct {
	// Settings are the tracking choices, nil when the set has none.
	Settings *Settings
	// Templates are the user's edited checklist templates.
	Templates []Template

	records map[*Kind][]Record
}

// Add adds records of kind k.
func (h *History) Add(k *Kind, rs ...Record) {
	if h.records == nil {
		h.records = map[*Kind][]Record{}
	}
	h.records[k] = append(h.records[k], rs...)
}

// Of returns the records of kind k, in the order they were added.
func (h *History) Of(k *Kind) []Record { return h.records[k] }

// Count is the number of records of every kind (settings and templates not counted).
func (h *History) Count() int {
	n := 0
	for _, rs := range h.records {
		n += len(rs)
	}
	return n
}

// Summary says how many records of each kind there are, in words: "18 sessions,
// 294 check-ins". Kinds with none are left out; "no records" when there are none.
func (h *History) Summary() string {
	var parts []string
	for _, k := range Kinds {
		if n := len(h.records[k]); n > 0 {
			parts = append(parts, k.Count(n))
		}
	}
	if len(parts) == 0 {
		return "no records"
	}
	return strings.Join(parts, ", ")
}

// Records returns copies of the records of kind k in h, as values of their type:
// Records[Session](h, Sessions).
func Records[T any, P interface {
	*T
	Record
}](h *History, k *Kind) []T {
	rs := h.Of(k)
	out := make([]T, 0, len(rs))
	for _, r := range rs {
		if p, ok := r.(P); ok {
			out = append(out, *p)
		}
	}
	return out
}

// AddRecords adds values of their type as records of kind k: the other way round
// from Records.
func AddRecords[T any, P interface {
	*T
	Record
}](h *History, k *Kind, rs []T) {
	for i := range rs {
		h.Add(k, P(&rs[i]))
	}
}

// RecordID is the session's ID.
func (s *Session) RecordID() uint64 { return s.ID }

// SetRecordID sets the session's ID.
func (s *Session) SetRecordID(id uint64) { s.ID = id }

// IndexTime is when the session is or was.
func (s *Session) IndexTime() time.Time { return s.At }

// Stamp sets the created and updated times (see Record).
func (s *Session) Stamp(now time.Time, keep bool) { stampTimes(&s.Created, &s.Updated, now, keep) }

// RecordID is the ID of the checklist's session: a session has one checklist.
func (c *Checklist) RecordID() uint64 { return c.SessionID }

// SetRecordID sets the checklist's session ID.
func (c *Checklist) SetRecordID(id uint64) { c.SessionID = id }

// IndexTime is zero: checklists are found by their session.
func (c *Checklist) IndexTime() time.Time { return time.Time{} }

// Stamp sets the created and updated times (see Record).
func (c *Checklist) Stamp(now time.Time, keep bool) { stampTimes(&c.Created, &c.Updated, now, keep) }

// RecordID is the check-in's ID.
func (c *CheckIn) RecordID() uint64 { return c.ID }

// SetRecordID sets the check-in's ID.
func (c *CheckIn) SetRecordID(id uint64) { c.ID = id }

// IndexTime is when the check-in was made.
func (c *CheckIn) IndexTime() time.Time { return c.At }

// Stamp sets the created and updated times (see Record).
func (c *CheckIn) Stamp(now time.Time, keep bool) { stampTimes(&c.Created, &c.Updated, now, keep) }

// RecordID is the response's ID.
func (r *Response) RecordID() uint64 { return r.ID }

// SetRecordID sets the response's ID.
func (r *Response) SetRecordID(id uint64) { r.ID = id }

// IndexTime is when the questionnaire was taken.
func (r *Response) IndexTime() time.Time { return r.At }

// Stamp sets the created and updated times (see Record).
func (r *Response) Stamp(now time.Time, keep bool) { stampTimes(&r.Created, &r.Updated, now, keep) }

// RecordID is the follow-up's ID (see FollowUpID).
func (f *FollowUp) RecordID() uint64 { return f.ID }

// SetRecordID sets the follow-up's ID.
func (f *FollowUp) SetRecordID(id uint64) { f.ID = id }

// IndexTime is when the follow-up falls due.
func (f *FollowUp) IndexTime() time.Time { return f.Due }

// Stamp sets the created and updated times (see Record).
func (f *FollowUp) Stamp(now time.Time, keep bool) { stampTimes(&f.Created, &f.Updated, now, keep) }

// RecordID is the entry's ID.
func (j *JournalEntry) RecordID() uint64 { return j.ID }

// SetRecordID sets the entry's ID.
func (j *JournalEntry) SetRecordID(id uint64) { j.ID = id }

// IndexTime is when the entry was written.
func (j *JournalEntry) IndexTime() time.Time { return j.At }

// Stamp sets the created and updated times (see Record).
func (j *JournalEntry) Stamp(now time.Time, keep bool) {
	stampTimes(&j.Created, &j.Updated, now, keep)
}

// RecordID is the course's ID.
func (c *Course) RecordID() uint64 { return c.ID }

// SetRecordID sets the course's ID.
func (c *Course) SetRecordID(id uint64) { c.ID = id }

// IndexTime is when the course starts.
func (c *Course) IndexTime() time.Time { return c.Start }

// Stamp sets the created and updated times (see Record).
func (c *Course) Stamp(now time.Time, keep bool) { stampTimes(&c.Created, &c.Updated, now, keep) }

// ExportResponse is a questionnaire response as an export holds it: with its total
// and band written out for people reading the file. On import they are checked
// against the answers, never trusted.
type ExportResponse struct {
	Response
	Total int    `json:"total"`
	Band  string `json:"band,omitempty"`
}

func exportResponse(r Response) ExportResponse {
	return ExportResponse{Response: r, Total: r.Total(), Band: r.Band()}
}

func importResponse(data []byte) (Record, error) {
	var er ExportResponse
	if err := DecodeStrict(data, &er); err != nil {
		return nil, err
	}
	if er.Total != er.Response.Total() {
		return nil, fmt.Errorf("questionnaire %d says total %d but its answers add up to %d", er.ID, er.Total, er.Response.Total())
	}
	return &er.Response, nil
}

// MarshalJSON writes the history as one object: the settings, the templates, then a
// list per kind (named by Kind.Name, in the order of Kinds), each record as stored.
// Tests compare histories through it.
func (h History) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(`{"settings":`)
	for i, part := range []any{h.Settings, h.Templates} {
		data, err := json.Marshal(part)
		if err != nil {
			return nil, err
		}
		if i == 1 {
			buf.WriteString(`,"templates":`)
		}
		buf.Write(data)
	}
	for _, k := range Kinds {
		rs := h.records[k]
		if rs == nil {
			rs = []Record{}
		}
		data, err := json.Marshal(rs)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&buf, ",%q:", k.Name)
		buf.Write(data)
	}
	buf.WriteString("}")
	return buf.Bytes(), nil
}
