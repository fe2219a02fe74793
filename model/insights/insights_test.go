package insights

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below on machines without a zone database

	"pgregory.net/rapid"

	"keel/model"
)

func loadLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// sessionWith adds a session on day d of March 2026 (10:00) whose week before has
// a mood of 4 on days -4..-1 and whose week after has moods 4+lo, 4+lo, 4+hi, 4+hi
// on days +1..+4: a change of (lo+hi)/2.
func sessionWith(h *history, d int, lo, hi int) *model.Session {
	s := h.session(h.at(2026, time.March, d, 10, 0))
	for k := 1; k <= 4; k++ {
		h.mood(h.at(2026, time.March, d-k, 20, 0), 4)
		h.mood(h.at(2026, time.March, d+k, 20, 0), 4+pick2(k <= 2, lo, hi))
	}
	return s
}

func pick2(ok bool, a, b int) int {
	if ok {
		return a
	}
	return b
}

// preparedHistory is eight sessions 12 days apart: four prepared for (8 of 10
// items) with changes +2, +3, +1.5, +2.5, and four not (5 of 10) with changes 0, +1,
// -0.5, +0.5. Nothing else is recorded, so preparation is the only comparison with
// enough data.
func preparedHistory(loc *time.Location, with, without [][2]int) (Records, time.Time) {
	h := newHistory(loc)
	day := -60
	for _, c := range with {
		h.checklist(sessionWith(h, day, c[0], c[1]), 8, 10)
		day += 12
	}
	for _, c := range without {
		h.checklist(sessionWith(h, day, c[0], c[1]), 5, 10)
		day += 12
	}
	return h.r, h.at(2026, time.March, day, 12, 0)
}

var (
	betterWith    = [][2]int{{2, 2}, {3, 3}, {1, 2}, {2, 3}}  // +2, +3, +1.5, +2.5
	betterWithout = [][2]int{{0, 0}, {1, 1}, {-1, 0}, {0, 1}} // 0, +1, -0.5, +0.5
)

// TestSessionChange checks one session's change by hand: two check-ins on a day
// count as their mean, a follow-up's mood counts on the day it was answered, and
// the days outside -7..+7 do not count.
func TestSessionChange(t *testing.T) {
	loc := loadLoc(t, "America/New_York")
	h := newHistory(loc)
	s := h.session(h.at(2026, time.March, 5, 10, 0))
	for d := 26; d <= 28; d++ { // days -7..-5 of Feb
		h.mood(h.at(2026, time.February, d, 21, 0), 4)
	}
	h.mood(h.at(2026, time.February, 25, 21, 0), 0) // day -8: left out
	h.mood(h.at(2026, time.March, 4, 8, 0), 3)      // day -1: two check-ins, mean 4
	h.mood(h.at(2026, time.March, 4, 21, 0), 5)
	h.mood(h.at(2026, time.March, 5, 21, 0), 10) // the session's day: left out
	for d := 6; d <= 12; d++ {
		h.mood(h.at(2026, time.March, d, 21, 0), 6)
	}
	h.mood(h.at(2026, time.March, 13, 21, 0), 10) // day +8: left out
	h.followUp(s, 1, 25*time.Hour, 8, -1, -1)     // day +1: (6+8)/2 = 7
	anx := 3
	h.r.CheckIns[0].Anxiety = &anx // anxiety on one day only: no change
	rep := Compute(h.r, Options{Now: h.at(2026, time.March, 20, 12, 0)})

	if len(rep.Sessions) != 1 {
		t.Fatalf("Sessions = %d, want 1", len(rep.Sessions))
	}
	got := rep.Sessions[0]
	want := Change{Before: ptr(4.0), After: ptr(43.0 / 7), BeforeDays: 4, AfterDays: 7, Change: ptr(43.0/7 - 4)}
	if got.Status != Compared || !sameChange(got.Mood, want) {
		t.Errorf("session = %s %s, want compared %s", got.Status, show(got.Mood), show(want))
	}
	if got.Anxiety.Change != nil || got.Anxiety.BeforeDays != 1 {
		t.Errorf("anxiety = %s, want 1 day before and no change", show(got.Anxiety))
	}
	if s := rep.Sources; s.CheckIns != 15 || s.FollowUps != 1 || s.MoodDays != 14 {
		t.Errorf("Sources = %+v, want 15 check-ins and 1 follow-up on 14 days", s)
	}
	if !strings.Contains(rep.Sources.Text, "check-ins and the follow-ups") {
		t.Errorf("Sources.Text = %q, want it to name both", rep.Sources.Text)
	}
	if rep.Summary.Compared != 1 || !near(*rep.Summary.MoodChange, 43.0/7-4) {
		t.Errorf("Summary = %+v", rep.Summary)
	}

	// Day -7 left out: three days before, still enough. Only day -1: too few. A
	// week after that is not over yet: too recent.
	tooFew := Compute(Records{Sessions: h.r.Sessions, CheckIns: h.r.CheckIns[1:], FollowUps: h.r.FollowUps},
		Options{Now: h.at(2026, time.March, 20, 12, 0)})
	if st := tooFew.Sessions[0].Status; st != Compared {
		t.Errorf("with day -7 left out: status %s, want compared (3 days)", st)
	}
	var fewer []model.CheckIn
	for _, c := range h.r.CheckIns {
		if c.At.Month() == time.March {
			fewer = append(fewer, c)
		}
	}
	if st := Compute(Records{Sessions: h.r.Sessions, CheckIns: fewer}, Options{Now: h.at(2026, time.March, 20, 12, 0)}).Sessions[0].Status; st != TooFewDays {
		t.Errorf("with only day -1 before: status %s, want %s", st, TooFewDays)
	}
	for _, c := range []struct {
		now  time.Time
		want SessionStatus
	}{
		{h.at(2026, time.March, 12, 23, 59), TooRecent}, // day +7 not over
		{h.at(2026, time.March, 13, 0, 0), Compared},
	} {
		if st := Compute(h.r, Options{Now: c.now}).Sessions[0].Status; st != c.want {
			t.Errorf("at %s: status %s, want %s", c.now, st, c.want)
		}
	}
}

func sameChange(a, b Change) bool {
	eq := func(x, y *float64) bool { return x == nil && y == nil || x != nil && y != nil && near(*x, *y) }
	return eq(a.Before, b.Before) && eq(a.After, b.After) && eq(a.Change, b.Change) && a.BeforeDays == b.BeforeDays && a.AfterDays == b.AfterDays
}

func show(c Change) string {
	data, _ := json.Marshal(c)
	return string(data)
}

// TestDaysAcrossDST: in New York the clocks went forward on 8 March 2026. A
// check-in at 00:30 every night is on its own calendar day before and after the
// change; counting days as 24-hour steps from the session would put the ones after
// the change on the day before.
func TestDaysAcrossDST(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"} {
		loc := loadLoc(t, name)
		h := newHistory(loc)
		h.session(h.at(2026, time.March, 5, 10, 0))
		for d := 26; d <= 28; d++ {
			h.mood(h.at(2026, time.February, d, 0, 30), 2)
		}
		for d := 1; d <= 4; d++ {
			h.mood(h.at(2026, time.March, d, 0, 30), 2)
		}
		for d := 6; d <= 12; d++ {
			h.mood(h.at(2026, time.March, d, 0, 30), 5)
		}
		h.mood(h.at(2026, time.March, 12, 23, 30), 7) // still day +7
		h.mood(h.at(2026, time.March, 13, 0, 15), 0)  // day +8
		rep := Compute(h.r, Options{Now: h.at(2026, time.April, 1, 12, 0)})
		want := Change{Before: ptr(2.0), After: ptr((6*5 + 6.0) / 7), BeforeDays: 7, AfterDays: 7, Change: ptr((6*5+6.0)/7 - 2)}
		if got := rep.Sessions[0].Mood; !sameChange(got, want) {
			t.Errorf("%s: %s, want %s", name, show(got), show(want))
		}
	}
}

// TestTimeZones: for random check-ins, follow-ups and sessions over a spring with
// clock changes, in several time zones, every session's change equals one worked
// out another way: days named by their date as written in the zone, and the week
// around a session stepped with AddDate from its noon.
func TestTimeZones(t *testing.T) {
	zones := []string{"UTC", "America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "Asia/Tokyo", "Pacific/Auckland", "Australia/Lord_Howe"}
	locs := make([]*time.Location, len(zones))
	for i, z := range zones {
		locs[i] = loadLoc(t, z)
	}
	start := time.Date(2026, time.February, 20, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		loc := locs[rapid.IntRange(0, len(locs)-1).Draw(t, "zone")]
		minute := func(name string) time.Time {
			return start.Add(time.Duration(rapid.IntRange(0, 60*24*60).Draw(t, name)) * time.Minute)
		}
		h := newHistory(loc)
		for range rapid.IntRange(0, 80).Draw(t, "checkins") {
			h.mood(minute("checkin"), rapid.IntRange(0, 10).Draw(t, "mood"))
		}
		for range rapid.IntRange(1, 5).Draw(t, "sessions") {
			s := h.session(minute("session"))
			for step := range 4 {
				if rapid.Bool().Draw(t, "answered") {
					h.followUp(s, step, time.Duration(rapid.IntRange(0, 96*60).Draw(t, "after"))*time.Minute, rapid.IntRange(0, 10).Draw(t, "fmood"), -1, -1)
				}
			}
		}
		now := start.AddDate(0, 0, 75)
		rep := Compute(h.r, Options{Now: now, Loc: loc})
		for _, s := range rep.Sessions {
			want := referenceChange(h.r, s.At, loc, now)
			if !sameChange(s.Mood, want) {
				t.Fatalf("%s, session at %s: %s, want %s", loc, s.At, show(s.Mood), show(want))
			}
		}
	})
}

// referenceChange works a session's mood change out from dates written as text.
func referenceChange(r Records, at time.Time, loc *time.Location, now time.Time) Change {
	key := func(t time.Time) string { return t.In(loc).Format("2006-01-02") }
	moods := map[string][]float64{}
	for _, c := range r.CheckIns {
		if c.Mood != nil && !c.At.After(now) {
			moods[key(c.At)] = append(moods[key(c.At)], float64(*c.Mood))
		}
	}
	for _, f := range r.FollowUps {
		if f.Filled != nil && f.Mood != nil && !f.Filled.After(now) {
			moods[key(*f.Filled)] = append(moods[key(*f.Filled)], float64(*f.Mood))
		}
	}
	a := at.In(loc)
	noon := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, loc)
	week := func(from, to int) (float64, int) {
		var sum float64
		n := 0
		for k := from; k <= to; k++ {
			if vs := moods[key(noon.AddDate(0, 0, k))]; len(vs) > 0 {
				var s float64
				for _, v := range vs {
					s += v
				}
				sum += s / float64(len(vs))
				n++
			}
		}
		return sum / float64(n), n
	}
	var c Change
	before, nb := week(-7, -1)
	after, na := week(1, 7)
	c.BeforeDays, c.AfterDays = nb, na
	if nb > 0 {
		c.Before = ptr(before)
	}
	if na > 0 {
		c.After = ptr(after)
	}
	over := key(now) >= key(noon.AddDate(0, 0, 8))
	if over && nb >= 3 && na >= 3 {
		c.Change = ptr(after - before)
	}
	return c
}

// TestPreparationExact: the groups, means and difference of preparedHistory, its
// interval against the exact bootstrap distribution (all 4^4 x 4^4 resamples) and its
// p-value against every split of the eight changes.
func TestPreparationExact(t *testing.T) {
	r, now := preparedHistory(loadLoc(t, "Europe/Berlin"), betterWith, betterWithout)
	rep := Compute(r, Options{Now: now})
	f := rep.SessionFindings[0]
	if f.ID != PreparationID || f.With.N != 4 || f.Without.N != 4 || !near(*f.With.Mean, 2.25) || !near(*f.Without.Mean, 0.25) || !near(*f.Difference, 2) {
		t.Fatalf("preparation = %+v, want 4 sessions at +2.25 against 4 at +0.25, difference 2", f)
	}
	with, without := []float64{2, 3, 1.5, 2.5}, []float64{0, 1, -0.5, 0.5}
	checkInterval(t, *f.Interval, exactBootstrap(with, without))
	// Every way of choosing 4 of the 8 changes: only the data's split and its mirror
	// image are as far apart, 2 of 70.
	if want := exactPermutationP(with, without); !near(*f.P, want) || !near(want, 2.0/70) {
		t.Errorf("p = %v, want %v (2 of 70 splits)", *f.P, want)
	}
	if rep.Tested != 1 || f.Verdict != LinkedBetter || !near(*f.AdjustedP, *f.P) {
		t.Errorf("tested %d, verdict %s, adjusted p %v; want the only comparison, linked better, p unadjusted", rep.Tested, f.Verdict, *f.AdjustedP)
	}
	if !strings.HasPrefix(f.Headline, "Sessions with 80% or more of the checklist done were followed by better weeks") ||
		!strings.Contains(f.Detail, "+2.3 for 4 sessions") || !strings.Contains(f.Detail, "Difference +2.0 points") || f.Care != CareTeam {
		t.Errorf("words: %q / %q / %q", f.Headline, f.Detail, f.Care)
	}
	if line := f.ClinicianLine(); !strings.Contains(line, "(n=4)") || !strings.Contains(line, "difference +2.0") {
		t.Errorf("ClinicianLine = %q", line)
	}
}

// checkInterval checks a Level interval read off Resamples random resamples against
// the exact distribution of the resampled difference (sorted): each end must cut off
// about (1-Level)/2 of it, give or take what Resamples draws can tell apart.
func checkInterval(t *testing.T, iv Interval, exact []float64) {
	t.Helper()
	share := func(ok func(float64) bool) float64 {
		n := 0
		for _, v := range exact {
			if ok(v) {
				n++
			}
		}
		return float64(n) / float64(len(exact))
	}
	const tol = 0.025 // more than 3 standard errors of a tail share at 1000 draws
	tail := (1 - Level) / 2
	if below, upTo := share(func(v float64) bool { return v < iv.Low-1e-9 }), share(func(v float64) bool { return v <= iv.Low+1e-9 }); below > tail+tol || upTo < tail-tol {
		t.Errorf("low end %v: exact shares below %v and up to %v, want about %v", iv.Low, below, upTo, tail)
	}
	if above, from := share(func(v float64) bool { return v > iv.High+1e-9 }), share(func(v float64) bool { return v >= iv.High-1e-9 }); above > tail+tol || from < tail-tol {
		t.Errorf("high end %v: exact shares above %v and from %v, want about %v", iv.High, above, from, tail)
	}
}

// exactBootstrap lists the difference of means of every resample of a and b (each
// with replacement at its own size), by counting through the resamples as numbers in
// base len(a) and len(b).
func exactBootstrap(a, b []float64) []float64 {
	means := func(xs []float64) []float64 {
		n := len(xs)
		total := int(math.Pow(float64(n), float64(n)))
		out := make([]float64, total)
		for code := range total {
			var sum float64
			for c, i := code, 0; i < n; i, c = i+1, c/n {
				sum += xs[c%n]
			}
			out[code] = sum / float64(n)
		}
		return out
	}
	ma, mb := means(a), means(b)
	out := make([]float64, 0, len(ma)*len(mb))
	for _, x := range ma {
		for _, y := range mb {
			out = append(out, x-y)
		}
	}
	slices.Sort(out)
	return out
}

// exactPermutationP goes through every split of a and b's values into groups of
// their sizes as bit masks.
func exactPermutationP(a, b []float64) float64 {
	all := append(slices.Clone(a), b...)
	mean := func(xs []float64) float64 {
		var s float64
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	obs := math.Abs(mean(a) - mean(b))
	hits, splits := 0, 0
	for mask := 0; mask < 1<<len(all); mask++ {
		var x, y []float64
		for i, v := range all {
			if mask&(1<<i) != 0 {
				x = append(x, v)
			} else {
				y = append(y, v)
			}
		}
		if len(x) != len(a) {
			continue
		}
		splits++
		if math.Abs(mean(x)-mean(y)) >= obs-1e-9 {
			hits++
		}
	}
	return float64(hits) / float64(splits)
}

// TestThresholds: two sessions on a side is not enough data; three is; "linked"
// needs the interval to leave out 0.
func TestThresholds(t *testing.T) {
	loc := time.UTC
	cases := []struct {
		name          string
		with, without [][2]int
		want          Verdict
	}{
		{"2 against 4", betterWith[:2], betterWithout, NotEnoughData},
		{"4 against 2", betterWith, betterWithout[:2], NotEnoughData},
		{"3 against 4", betterWith[:3], betterWithout, LinkedBetter},
		{"4 against 4", betterWith, betterWithout, LinkedBetter},
		{"worse", betterWithout, betterWith, LinkedWorse},
		{"overlapping", [][2]int{{2, 2}, {-1, -1}, {1, 1}, {0, 1}}, [][2]int{{0, 1}, {1, 1}, {-1, 0}, {0, 0}}, NoClearDifference},
	}
	for _, c := range cases {
		r, now := preparedHistory(loc, c.with, c.without)
		f := Compute(r, Options{Now: now}).SessionFindings[0]
		if f.Verdict != c.want {
			t.Errorf("%s: verdict %s, want %s (%s)", c.name, f.Verdict, c.want, f.Detail)
		}
		switch {
		case f.Verdict == NotEnoughData:
			if f.Interval != nil || f.P != nil || !strings.Contains(f.Detail, "at least 3 sessions on each side") {
				t.Errorf("%s: not enough data, yet interval %v, detail %q", c.name, f.Interval, f.Detail)
			}
		case f.Verdict.Linked() != f.Interval.ExcludesZero():
			t.Errorf("%s: verdict %s with interval %+v", c.name, f.Verdict, *f.Interval)
		}
	}
}

// TestDayThresholds: six days with a tag is not enough, seven from three weeks are;
// seven from two weeks are not.
func TestDayThresholds(t *testing.T) {
	build := func(tagged []int) Records {
		h := newHistory(time.UTC)
		for d := range 60 {
			c := h.mood(time.Date(2026, time.January, 1+d, 20, 0, 0, 0, time.UTC), 5+d%3)
			c.Tags = []string{"work"}
			if slices.Contains(tagged, d) {
				c.Tags = append(c.Tags, "Walk")
			}
		}
		return h.r
	}
	now := time.Date(2026, time.March, 5, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		tagged []int
		shown  bool
	}{
		{"6 days", []int{3, 10, 17, 24, 31, 38}, false},
		{"7 days in 7 weeks", []int{3, 10, 17, 24, 31, 38, 45}, true},
		{"7 days in 2 weeks", []int{5, 6, 7, 8, 9, 10, 11}, false}, // Tue 6 Jan to Mon 12 Jan
		{"7 days in 3 weeks", []int{3, 4, 5, 6, 7, 8, 11}, true},   // Sun 4, Mon 5 to Fri 9, Mon 12 Jan
	} {
		rep := Compute(build(c.tagged), Options{Now: now})
		var tag *Finding
		for i := range rep.DayFindings {
			if rep.DayFindings[i].Tag != "" {
				tag = &rep.DayFindings[i]
			}
		}
		if (tag != nil) != c.shown {
			t.Errorf("%s: tag finding %v, want shown %v", c.name, tag, c.shown)
			continue
		}
		if tag != nil && (tag.ID != "tag:walk" || tag.Tag != "Walk" || tag.With.N != 7 || tag.Without.N != 53 || tag.Interval == nil) {
			t.Errorf("%s: %+v", c.name, *tag)
		}
	}
}

// TestFactors: what makes a session prepared, slept after, integrated and so on.
func TestFactors(t *testing.T) {
	h := newHistory(time.UTC)
	at := func(d int) time.Time { return time.Date(2026, time.January, d, 10, 0, 0, 0, time.UTC) }
	a := h.session(at(5))
	h.checklist(a, 4, 5)                   // 80%
	h.followUp(a, 0, 4*time.Hour, 5, 3, 9) // +4 h: the night before; stress counts
	h.followUp(a, 1, 25*time.Hour, 5, 8, 3)
	h.followUp(a, 2, 49*time.Hour, 5, 6, 3)
	h.followUp(a, 3, 95*time.Hour, 5, -1, 1) // late, still within 96 h
	b := h.session(at(15))
	b.Setting, b.Intensity = model.SettingHomeSitter, ptr(7)
	h.checklist(b, 3, 4)
	h.followUp(b, 1, 24*time.Hour, 5, 7, -1)
	h.followUp(b, 3, 100*time.Hour, 5, -1, -1) // after 96 h: not counted as answered
	h.r.Journal = append(h.r.Journal, model.JournalEntry{ID: 99, At: at(15).Add(73 * time.Hour), Text: "too late"})
	c := h.session(at(25))
	c.Setting = model.SettingClinic
	h.r.Journal = append(h.r.Journal, model.JournalEntry{ID: 98, At: at(25).Add(71 * time.Hour), Text: "standing alone"})
	h.session(at(28))
	h.r.Journal = append(h.r.Journal, model.JournalEntry{ID: 97, SessionID: c.ID, At: at(28).Add(time.Hour), Text: "about c, written after d"})
	planned := h.session(at(30))
	planned.Status = model.StatusPlanned

	rep := Compute(h.r, Options{Now: at(40)})
	if len(rep.Sessions) != 4 {
		t.Fatalf("Sessions = %d, want the 4 done", len(rep.Sessions))
	}
	sa, sb, sc, sd := rep.Sessions[0], rep.Sessions[1], rep.Sessions[2], rep.Sessions[3]
	if !near(*sa.Preparation, 0.8) || !near(*sa.SleepAfter, 7) || !near(*sa.StressAfter, 4) || sa.FollowUps != 4 || !sa.Integrated || sa.Journal {
		t.Errorf("session a = %+v", sa)
	}
	if !near(*sb.Preparation, 0.75) || !near(*sb.SleepAfter, 7) || sb.StressAfter != nil || sb.FollowUps != 1 || sb.Integrated || *sb.Intensity != 7 {
		t.Errorf("session b = %+v", sb)
	}
	if sc.Preparation != nil || !sc.Journal || !sc.Integrated || sc.Setting != model.SettingClinic {
		t.Errorf("session c = %+v", sc)
	}
	if sd.Journal || sd.Integrated {
		t.Errorf("session d = %+v: an entry about another session counted", sd)
	}
}

// TestBenjaminiHochberg against values worked out by hand (R: p.adjust(p, "BH")).
func TestBenjaminiHochberg(t *testing.T) {
	for _, c := range []struct{ ps, want []float64 }{
		{[]float64{0.01, 0.04, 0.03, 0.005}, []float64{0.02, 0.04, 0.04, 0.02}},
		{[]float64{0.5}, []float64{0.5}},
		{[]float64{0.9, 0.01, 0.8}, []float64{0.9, 0.03, 0.9}},
		{nil, []float64{}},
	} {
		got := adjustBH(c.ps)
		ok := len(got) == len(c.want)
		for i := range got {
			ok = ok && near(got[i], c.want[i])
		}
		if !ok {
			t.Errorf("adjustBH(%v) = %v, want %v", c.ps, got, c.want)
		}
	}
}

// TestIntervalAndP on resamples whose shares below 0 are known.
func TestIntervalAndP(t *testing.T) {
	reps := make([]float64, 1000)
	for i := range reps {
		reps[i] = float64(i) - 30 // 30 below 0, one at 0
	}
	iv, p := intervalAndP(reps)
	if iv.Low != 19 || iv.High != 919 || !near(p, 2*32.0/1001) {
		t.Errorf("intervalAndP = %+v, %v; want 19..919 and p %v", iv, p, 2*32.0/1001)
	}
}

// TestDeterministic: the same records give the same report to the last byte; the
// order of the records does not matter.
func TestDeterministic(t *testing.T) {
	r, now := world{days: 400, prepEffect: 1}.make(3)
	one, _ := json.Marshal(Compute(r, Options{Now: now}))
	two, _ := json.Marshal(Compute(r, Options{Now: now}))
	if !bytes.Equal(one, two) {
		t.Fatal("two runs differ")
	}
	shuffled := r
	shuffled.CheckIns = slices.Clone(r.CheckIns)
	shuffled.Sessions = slices.Clone(r.Sessions)
	slices.Reverse(shuffled.CheckIns)
	slices.Reverse(shuffled.Sessions)
	if three, _ := json.Marshal(Compute(shuffled, Options{Now: now})); !bytes.Equal(one, three) {
		t.Error("the order of the records changed the report")
	}
	other, _ := json.Marshal(Compute(r, Options{Now: now, Seed: 99}))
	if bytes.Equal(one, other) {
		t.Error("another seed gave the very same resamples")
	}
}

// TestFalsePositives: over 200 made-up histories in which nothing makes any
// difference (a mood that wanders on its own), no comparison is called linked in
// more than about 10% of them.
func TestFalsePositives(t *testing.T) {
	const runs = 200
	linked := map[string]int{}
	anyLinked := 0
	for seed := range uint64(runs) {
		r, now := world{days: 240 + int(seed%5)*90}.make(1000 + seed)
		rep := Compute(r, Options{Now: now})
		found := false
		for _, f := range rep.Findings() {
			if f.Verdict.Linked() {
				linked[f.ID]++
				found = true
			}
		}
		if found {
			anyLinked++
		}
	}
	for id, n := range linked {
		if n > runs*12/100 {
			t.Errorf("%s called linked in %d of %d histories with no effect, want about 10%% at most", id, n, runs)
		}
	}
	t.Logf("histories with any comparison linked: %d of %d; by comparison: %v", anyLinked, runs, linked)
	if anyLinked > runs*20/100 {
		t.Errorf("%d of %d histories with no effect had a comparison linked", anyLinked, runs)
	}
}

// TestTrueEffects: strong planted differences are found, in the right direction,
// and nothing else is.
func TestTrueEffects(t *testing.T) {
	found := map[string]int{}
	const runs = 10
	for seed := range uint64(runs) {
		r, now := world{days: 1095, prepEffect: 2, sleepEffect: -2, nightEffect: 1, walkEffect: 1.5}.make(seed)
		rep := Compute(r, Options{Now: now})
		for _, f := range rep.Findings() {
			want := map[string]Verdict{PreparationID: LinkedBetter, SleepAfterID: LinkedWorse, SleepID: LinkedBetter, "tag:walk": LinkedBetter}[f.ID]
			switch {
			case want != "" && f.Verdict == want:
				found[f.ID]++
			case want != "" && f.Verdict.Linked():
				t.Errorf("seed %d: %s is %s, want %s", seed, f.ID, f.Verdict, want)
			}
		}
	}
	for _, id := range []string{PreparationID, SleepAfterID, SleepID, "tag:walk"} {
		if found[id] < runs*8/10 {
			t.Errorf("%s found in %d of %d histories, want most", id, found[id], runs)
		}
	}
}

// TestWords: every sentence of many reports keeps the rules of docs/product.md:
// nothing about dose or frequency, no advice, every comparison said to be a
// pattern and not a cause, every linked finding ending with the care team.
func TestWords(t *testing.T) {
	forbidden := regexp.MustCompile(`(?i)\b(dose|dosing|frequen\w*|should|more sessions|fewer sessions|increase|decrease|stop|try|cure|caused by|because of)\b`)
	for seed := range uint64(30) {
		w := world{days: 100 + int(seed)*40}
		if seed%2 == 0 {
			w.prepEffect, w.walkEffect, w.nightEffect = 2, -1.5, 1
		}
		r, now := w.make(seed)
		rep := Compute(r, Options{Now: now})
		texts := []string{rep.Sources.Text, rep.Summary.Text, rep.Association, rep.Comparisons}
		texts = append(texts, rep.Highlights(3)...)
		for _, f := range rep.Findings() {
			texts = append(texts, f.Headline, f.Detail, f.Care, f.With.Label, f.Without.Label, f.ClinicianLine())
			if f.Verdict != NotEnoughData && !strings.HasSuffix(f.Detail, PatternNotCause) {
				t.Errorf("%s: detail %q does not say it is a pattern, not a cause", f.ID, f.Detail)
			}
			if f.Verdict.Linked() != (f.Care == CareTeam) {
				t.Errorf("%s (%s): care line %q", f.ID, f.Verdict, f.Care)
			}
		}
		for _, s := range texts {
			if w := forbidden.FindString(s); w != "" {
				t.Errorf("%q says %q", s, w)
			}
		}
	}
}

// TestEmpty: no records at all, and a new user's first few.
func TestEmpty(t *testing.T) {
	rep := Compute(Records{}, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if rep.Tested != 0 || len(rep.Sessions) != 0 || rep.Summary.Text != "No finished sessions yet." || len(rep.SessionFindings) != 6 || len(rep.DayFindings) != 2 {
		t.Errorf("empty report = %+v", rep)
	}
	for _, f := range rep.Findings() {
		if f.Verdict != NotEnoughData || !strings.Contains(f.Detail, "yet.") || strings.Contains(f.Detail, "no sessions") {
			t.Errorf("%s with no records: %s, %q", f.ID, f.Verdict, f.Detail)
		}
	}
	if d := rep.SessionFindings[0].Detail; !strings.Contains(d, "has a preparation checklist yet") {
		t.Errorf("preparation with no records: %q", d)
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Error(err)
	}
	if h := rep.Highlights(3); len(h) != 1 || !strings.HasPrefix(h[0], "Not enough data yet") {
		t.Errorf("Highlights = %q", h)
	}

	// A new user's first weeks: two sessions, daily check-ins.
	r, now := world{days: 40}.make(1)
	rep = Compute(r, Options{Now: now})
	if rep.Summary.Compared != 2 {
		t.Errorf("forty days: %+v", rep.Summary)
	}
	for _, f := range rep.SessionFindings {
		if f.Verdict != NotEnoughData {
			t.Errorf("forty days: %s is %s", f.ID, f.Verdict)
		}
	}
}

// TestSleepDaysExact: six weeks of check-ins, 7 hours' sleep or more on Mondays,
// Wednesdays, Fridays and Sundays: the groups, their means and the interval against
// the exact distribution of the week-by-week bootstrap (all 6^6 ways of drawing the
// weeks).
func TestSleepDaysExact(t *testing.T) {
	h := newHistory(loadLoc(t, "Asia/Tokyo"))
	var with, without []float64
	type week struct{ sw, nw, so, no float64 }
	weeks := make([]week, 6)
	for d := range 42 {
		at := h.at(2026, time.January, 5+d, 21, 0) // Monday 5 January on
		good := d%7 == 0 || d%7 == 2 || d%7 == 4 || d%7 == 6
		mood := 4 + d%3 + d/7%2
		sleep := 6.0
		if good {
			mood += 1 + d/14
			sleep = 7.5
		}
		c := h.mood(at, mood)
		c.SleepHours = &sleep
		w := &weeks[d/7]
		if good {
			with = append(with, float64(mood))
			w.sw, w.nw = w.sw+float64(mood), w.nw+1
		} else {
			without = append(without, float64(mood))
			w.so, w.no = w.so+float64(mood), w.no+1
		}
	}
	rep := Compute(h.r, Options{Now: h.at(2026, time.February, 16, 9, 0)})
	f := rep.DayFindings[0]
	mean := func(xs []float64) float64 {
		var s float64
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	if f.ID != SleepID || f.With.N != 24 || f.Without.N != 18 || f.With.Weeks != 6 || f.Without.Weeks != 6 ||
		!near(*f.With.Mean, mean(with)) || !near(*f.Without.Mean, mean(without)) || !near(*f.Difference, mean(with)-mean(without)) {
		t.Fatalf("sleep = %+v, want 24 days at %v against 18 at %v", f, mean(with), mean(without))
	}
	var exact []float64
	for code := range 46656 {
		var sum week
		for c, i := code, 0; i < 6; i, c = i+1, c/6 {
			w := weeks[c%6]
			sum.sw, sum.nw, sum.so, sum.no = sum.sw+w.sw, sum.nw+w.nw, sum.so+w.so, sum.no+w.no
		}
		exact = append(exact, sum.sw/sum.nw-sum.so/sum.no)
	}
	slices.Sort(exact)
	checkInterval(t, *f.Interval, exact)
	if rep.Tested != 1 || f.Verdict != LinkedBetter {
		t.Errorf("tested %d, verdict %s (%s), want the one comparison, linked better", rep.Tested, f.Verdict, f.Detail)
	}
	if !strings.HasPrefix(f.Headline, "On days after 7 hours' sleep or more, your mood was higher") {
		t.Errorf("headline %q", f.Headline)
	}
}
