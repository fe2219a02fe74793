package report

import (
	"time"

	"keel/model/insights"
)

// whatHelps is one line per linked finding of the What helps screen (model/insights,
// docs/product.md item 10), over all the records up to now, when the person chose to
// share them (Options.WhatHelps); nil otherwise. The findings look at the person's
// whole history, not only the report's period: a pattern needs many weeks. Journal
// entries count only as written or not (integration); their words never reach the
// report.
func whatHelps(e Records, opt Options, now time.Time, loc *time.Location) []string {
	if !opt.WhatHelps {
		return nil
	}
	rep := insights.Compute(insights.Records{
		Sessions: e.Sessions, Checklists: e.Checklists, CheckIns: e.CheckIns, FollowUps: e.FollowUps, Journal: e.Journal,
	}, insights.Options{Now: now, Loc: loc})
	var lines []string
	for _, f := range rep.Findings() {
		if line := f.ClinicianLine(); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// whatHelps writes the shared findings, if any: a heading, a line each and what they
// are (insights.ClinicianNote).
func (p *page) whatHelps() {
	lines := p.d.WhatHelps
	if len(lines) == 0 {
		return
	}
	const lh = 4.1
	measure := func(draw bool, y float64) float64 {
		h := 0.0
		for _, l := range lines {
			p.font("", body, ink)
			if draw {
				p.cell(margin, y+h, 3, lh, "•", "L")
			}
			h += p.para(margin+3, y+h, p.width-3, lh, draw, run{l, "", body, ink})
		}
		return h + p.para(margin, y+h, p.width, readLH, draw, run{insights.ClinicianNote, "", small, muted})
	}
	p.need(6 + measure(false, 0))
	p.heading(margin, p.width, "What went with better weeks, in the patient's own records")
	p.y += 6
	p.y += measure(true, p.y) + 3
}
