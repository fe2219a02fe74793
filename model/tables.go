package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Table is how a kind of record is laid out in a CSV file: a header row, then the
// rows of each record (one for most kinds; a checklist has one per item). Cells are
// plain text: numbers as numbers, times in RFC 3339, nothing for "not recorded".
type Table struct {
	Header []string
	Rows   func(Record) [][]string
}

// tableOf makes the Table of a kind from its columns.
func tableOf[T any, P interface {
	*T
	Record
}](cols []column[T]) Table {
	return tableOfRows(cols, func(r P) []T { return []T{*r} })
}

// tableOfRows makes the Table of a kind whose records each give several rows.
func tableOfRows[T, R any, P interface {
	*T
	Record
}](cols []column[R], rows func(P) []R) Table {
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.name
	}
	return Table{Header: header, Rows: func(r Record) [][]string {
		p, ok := r.(P)
		if !ok {
			return nil
		}
		var out [][]string
		for _, row := range rows(p) {
			cells := make([]string, len(cols))
			for i, c := range cols {
				cells[i] = c.get(row)
			}
			out = append(out, cells)
		}
		return out
	}}
}

var (
	sessionTable   = tableOf[Session](sessionColumns)
	checkInTable   = tableOf[CheckIn](checkInColumns)
	responseTable  = tableOf[Response](responseColumns())
	followUpTable  = tableOf[FollowUp](followUpColumns)
	journalTable   = tableOf[JournalEntry](journalColumns)
	courseTable    = tableOf[Course](courseColumns)
	checklistTable = tableOfRows(checklistColumns, func(c *Checklist) []checklistRow {
		rows := make([]checklistRow, len(c.Items))
		for i := range c.Items {
			rows[i] = checklistRow{*c, i}
		}
		return rows
	})
)

// column is one column of a CSV export: its header and how to read it off a record.
type column[T any] struct {
	name string
	get  func(T) string
}

func intCell(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}

func floatCell(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func moneyCell(m *Money) string {
	if m == nil {
		return ""
	}
	return m.String()
}

func timeCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func idCell(id uint64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatUint(id, 10)
}

func bpCells(name string, get func(Session) *BloodPressure) []column[Session] {
	return []column[Session]{
		{name + "_systolic", func(s Session) string {
			if bp := get(s); bp != nil {
				return strconv.Itoa(bp.Systolic)
			}
			return ""
		}},
		{name + "_diastolic", func(s Session) string {
			if bp := get(s); bp != nil {
				return strconv.Itoa(bp.Diastolic)
			}
			return ""
		}},
	}
}

var sessionColumns = append(append(append([]column[Session]{
	{"id", func(s Session) string { return idCell(s.ID) }},
	{"date", func(s Session) string { return timeCell(s.At) }},
	{"status", func(s Session) string { return string(s.Status) }},
	{"route", func(s Session) string { return s.Route.Label() }},
	{"dose", func(s Session) string {
		if s.Dose == nil {
			return ""
		}
		return strconv.FormatFloat(s.Dose.Amount, 'f', -1, 64)
	}},
	{"dose_unit", func(s Session) string {
		if s.Dose == nil {
			return ""
		}
		return string(s.Dose.Unit)
	}},
	{"provider", func(s Session) string { return s.Provider }},
	{"setting", func(s Session) string { return labelOf(s.Setting) }},
	{"intention", func(s Session) string { return s.Intention }},
	{"mood_before", func(s Session) string { return intCell(s.MoodBefore) }},
	{"mood_after", func(s Session) string { return intCell(s.MoodAfter) }},
	{"intensity", func(s Session) string { return intCell(s.Intensity) }},
	{"character", func(s Session) string { return strings.Join(s.Character, "; ") }},
	{"dissociation", func(s Session) string { return intCell(s.Dissociation) }},
	{"side_effects", func(s Session) string { return strings.Join(s.SideEffects, "; ") }},
}, bpCells("bp_before", func(s Session) *BloodPressure { return s.BPBefore })...),
	append(bpCells("bp_40min", func(s Session) *BloodPressure { return s.BPAfter40 }),
		bpCells("bp_discharge", func(s Session) *BloodPressure { return s.BPDischarge })...)...),
	[]column[Session]{
		{"bp_above_140_90", func(s Session) string { return yesNo(s.HighBP()) }},
		{"drove_home", func(s Session) string { return s.DroveHome }},
		{"cost", func(s Session) string { return moneyCell(s.Cost) }},
		{"reimbursed", func(s Session) string { return moneyCell(s.Reimbursed) }},
		{"notes", func(s Session) string { return s.Notes }},
	}...)

func labelOf(s Setting) string {
	if s == "" {
		return ""
	}
	return s.Label()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

var checkInColumns = []column[CheckIn]{
	{"id", func(c CheckIn) string { return idCell(c.ID) }},
	{"date", func(c CheckIn) string { return timeCell(c.At) }},
	{"mood", func(c CheckIn) string { return intCell(c.Mood) }},
	{"anxiety", func(c CheckIn) string { return intCell(c.Anxiety) }},
	{"sleep_hours", func(c CheckIn) string { return floatCell(c.SleepHours) }},
	{"sleep_quality", func(c CheckIn) string { return intCell(c.SleepQuality) }},
	{"stress", func(c CheckIn) string { return intCell(c.Stress) }},
	{"note", func(c CheckIn) string { return c.Note }},
	{"tags", func(c CheckIn) string { return strings.Join(c.Tags, "; ") }},
	{"source", func(c CheckIn) string { return c.Source }},
}

// maxItems is the most items any instrument has: the questionnaire CSV has that many
// answer columns, empty where an instrument has fewer.
func maxItems() int {
	n := 0
	for _, in := range Instruments {
		n = max(n, len(in.Items))
	}
	return n
}

func responseColumns() []column[Response] {
	cols := []column[Response]{
		{"id", func(r Response) string { return idCell(r.ID) }},
		{"date", func(r Response) string { return timeCell(r.At) }},
		{"questionnaire", func(r Response) string {
			if in := r.InstrumentOf(); in != nil {
				return in.Name
			}
			return r.Instrument
		}},
		{"total", func(r Response) string { return strconv.Itoa(r.Total()) }},
		{"band", func(r Response) string { return r.Band() }},
	}
	for i := range maxItems() {
		cols = append(cols, column[Response]{fmt.Sprintf("item_%d", i+1), func(r Response) string {
			if i < len(r.Answers) {
				return strconv.Itoa(r.Answers[i])
			}
			return ""
		}})
	}
	return append(cols,
		column[Response]{"unscored_difficulty", func(r Response) string { return intCell(r.Extra) }},
		column[Response]{"source", func(r Response) string {
			if r.Source == SourceKeel {
				return "keel"
			}
			return string(r.Source)
		}},
		column[Response]{"day_only", func(r Response) string { return strconv.FormatBool(r.DayOnly) }},
		column[Response]{"past_week", func(r Response) string { return strconv.FormatBool(r.PastWeek) }},
		column[Response]{"event", func(r Response) string { return r.Event }},
	)
}

var followUpColumns = []column[FollowUp]{
	{"id", func(f FollowUp) string { return idCell(f.ID) }},
	{"session_id", func(f FollowUp) string { return idCell(f.SessionID) }},
	{"when", func(f FollowUp) string { return f.Label() }},
	{"due", func(f FollowUp) string { return timeCell(f.Due) }},
	{"answered", func(f FollowUp) string {
		if f.Filled == nil {
			return ""
		}
		return timeCell(*f.Filled)
	}},
	{"late", func(f FollowUp) string {
		if f.Filled == nil {
			return ""
		}
		return yesNo(f.Late(*f.Filled))
	}},
	{"mood", func(f FollowUp) string { return intCell(f.Mood) }},
	{"sleep_hours", func(f FollowUp) string { return floatCell(f.SleepHours) }},
	{"sleep_quality", func(f FollowUp) string { return intCell(f.SleepQuality) }},
	{"stress", func(f FollowUp) string { return intCell(f.Stress) }},
	{"rumination", func(f FollowUp) string { return intCell(f.Rumination) }},
	{"less_sticky", func(f FollowUp) string { return intCell(f.LessSticky) }},
	{"note", func(f FollowUp) string { return f.Note }},
}

var journalColumns = []column[JournalEntry]{
	{"id", func(j JournalEntry) string { return idCell(j.ID) }},
	{"date", func(j JournalEntry) string { return timeCell(j.At) }},
	{"session_id", func(j JournalEntry) string { return idCell(j.SessionID) }},
	{"prompt", func(j JournalEntry) string { return j.Prompt }},
	{"text", func(j JournalEntry) string { return j.Text }},
}

// checklistRow is one item of one session's checklist: the checklist CSV has a row
// per item.
type checklistRow struct {
	c Checklist
	i int
}

var checklistColumns = []column[checklistRow]{
	{"session_id", func(r checklistRow) string { return idCell(r.c.SessionID) }},
	{"route", func(r checklistRow) string { return r.c.Route.Label() }},
	{"item", func(r checklistRow) string { return r.c.Items[r.i].Text }},
	{"done_at", func(r checklistRow) string {
		if d := r.c.Items[r.i].DoneAt; d != nil {
			return timeCell(*d)
		}
		return ""
	}},
}

var courseColumns = []column[Course]{
	{"id", func(c Course) string { return idCell(c.ID) }},
	{"name", func(c Course) string { return c.Name }},
	{"plan", func(c Course) string { return c.Template.Label() }},
	{"route", func(c Course) string { return labelOrEmpty(c.Route) }},
	{"start", func(c Course) string { return timeCell(c.Start) }},
	{"phases", func(c Course) string {
		var parts []string
		for _, p := range c.Phases {
			n := "ongoing"
			if p.Sessions > 0 {
				n = Count(p.Sessions, "session")
			}
			parts = append(parts, fmt.Sprintf("%s: %s every %d-%d days", p.Name, n, p.MinDays, p.MaxDays))
		}
		return strings.Join(parts, "; ")
	}},
	{"notes", func(c Course) string { return c.Notes }},
}

func labelOrEmpty(r Route) string {
	if r == "" {
		return ""
	}
	return r.Label()
}
