package report

import (
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/insights"
)

// helpsRecords is eight sessions 12 days apart before now: the four prepared for
// (8 of 10 items done) followed by moods 2 or 3 points higher than the week before,
// the four others by no change; and a journal entry about the last one.
func helpsRecords() Records {
	var e Records
	for i := range 8 {
		id := uint64(i + 1)
		day := at(2025, time.November, 23+12*i, 0)
		s := model.Session{ID: id, At: day.Add(10 * time.Hour), Status: model.StatusDone, Route: model.RouteIV}
		e.Sessions = append(e.Sessions, s)
		done := 5
		lift := 0
		if i < 4 {
			done, lift = 8, 2+i%2
		}
		e.Checklists = append(e.Checklists, checklist(id, done, 10))
		for k := 1; k <= 4; k++ {
			e.CheckIns = append(e.CheckIns,
				model.CheckIn{At: day.AddDate(0, 0, -k).Add(20 * time.Hour), Mood: ip(4)},
				model.CheckIn{At: day.AddDate(0, 0, k).Add(20 * time.Hour), Mood: ip(4 + lift)})
		}
	}
	e.Journal = []model.JournalEntry{{ID: 1, SessionID: 8, At: e.Sessions[7].At.Add(time.Hour), Text: "private words"}}
	return e
}

// TestWhatHelps: the linked findings reach the report only when the person asks,
// one line each, and the page says what they are; the journal's words never do.
func TestWhatHelps(t *testing.T) {
	e := helpsRecords()
	if d := Build(e, Options{Now: now, Loc: loc}); d.WhatHelps != nil {
		t.Errorf("WhatHelps off: lines %q", d.WhatHelps)
	}
	d := Build(e, Options{Now: now, Loc: loc, WhatHelps: true})
	if len(d.WhatHelps) != 1 || !strings.HasPrefix(d.WhatHelps[0], "Sessions with ≥80% of the preparation checklist done (n=4) vs less (n=4)") {
		t.Fatalf("WhatHelps = %q, want the preparation line", d.WhatHelps)
	}
	rep := insights.Compute(insights.Records{Sessions: e.Sessions, Checklists: e.Checklists, CheckIns: e.CheckIns, Journal: e.Journal},
		insights.Options{Now: now, Loc: loc})
	if want := rep.SessionFindings[0].ClinicianLine(); d.WhatHelps[0] != want {
		t.Errorf("line %q, want the finding's %q", d.WhatHelps[0], want)
	}

	needPoppler(t)
	if off := pdfText(t, writePDF(t, Build(e, Options{Now: now, Loc: loc}))); strings.Contains(off, "better weeks") {
		t.Error("the PDF shows What helps though it is off")
	}
	text := pdfText(t, writePDF(t, d))
	for _, want := range []string{"What went with better weeks, in the patient's own records", "(n=4) vs less (n=4)", "not evidence of cause"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "private words") {
		t.Error("the PDF shows a journal entry's text")
	}
}
