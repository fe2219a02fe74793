package insights

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The lines that go with every set of findings.
const (
	// PatternNotCause ends every finding that compares something.
	PatternNotCause = "This is a pattern in your own records, not proof that one thing caused the other."
	// CareTeam ends every linked finding.
	CareTeam = "Worth mentioning to your care team."
	// SmallDifference is the difference, in mood points, under which a linked
	// finding says "a little": a clear difference need not be a large one.
	SmallDifference = 0.5
	// AssociationLine is said once above the findings.
	AssociationLine = "These are patterns in your own records, not proof of cause: sessions and days differ in many ways Keel cannot see."
)

// phrasing is how a finding is said. with and without follow "3 sessions" or "3
// days"; a %s in them takes the threshold. clinWith and clinWithout are the same for
// the clinician's report, in the third person.
type phrasing struct {
	title                 string
	with, without         string
	clinWith, clinWithout string
	// noThreshold replace with and clinWith when the split is the person's median and
	// there is none yet.
	noThreshold, clinNoThreshold string
}

var phrasings = map[string]phrasing{
	PreparationID: {title: "Preparation",
		with: "with 80% or more of the checklist done", without: "with less of it done",
		clinWith: "with ≥80% of the preparation checklist done", clinWithout: "less"},
	SleepAfterID: {title: "Sleep after a session",
		with: "with %s hours' sleep a night or more in the 72 hours after", without: "with less sleep",
		clinWith: "with follow-up sleep ≥%s h a night in the 72 h after (the patient's median)", clinWithout: "less",
		noThreshold: "with more sleep than usual in the 72 hours after", clinNoThreshold: "with more follow-up sleep"},
	StressAfterID: {title: "Stress after a session",
		with: "with stress of %s or more in the 72 hours after", without: "with less stress",
		clinWith: "with follow-up stress ≥%s/10 in the 72 h after (the patient's median)", clinWithout: "less",
		noThreshold: "with more stress than usual in the 72 hours after", clinNoThreshold: "with more follow-up stress"},
	IntegrationID: {title: "Integration",
		with: "with a journal entry or all four follow-ups in the 72 hours after", without: "without either",
		clinWith: "with a journal entry or all four follow-ups within 72 h", clinWithout: "neither"},
	SettingID: {title: "Setting",
		with: "at a clinic", without: "at home",
		clinWith: "at a clinic", clinWithout: "at home"},
	IntensityID: {title: "Intensity",
		with: "you rated 7 or more for intensity", without: "you rated lower",
		clinWith: "rated ≥7/10 for intensity", clinWithout: "<7"},
	SleepID: {title: "Sleep",
		with: "after 7 hours' sleep or more", without: "after shorter nights",
		clinWith: "after ≥7 h sleep", clinWithout: "after <7 h"},
	StressID: {title: "Stress",
		with: "with stress of 7 or more", without: "with less stress",
		clinWith: "with stress ≥7/10", clinWithout: "<7"},
}

// phrasingOf is f's phrasing, with the threshold filled in.
func phrasingOf(f *Finding) phrasing {
	p, ok := phrasings[f.ID]
	if !ok { // a tag
		q := "“" + f.Tag + "”"
		return phrasing{title: "Days with " + q,
			with: "with " + q, without: "without it",
			clinWith: "tagged " + q, clinWithout: "without it"}
	}
	if strings.Contains(p.with, "%s") {
		if f.Threshold == nil {
			p.with, p.clinWith = p.noThreshold, p.clinNoThreshold
		} else {
			v := short(*f.Threshold)
			p.with, p.clinWith = fmt.Sprintf(p.with, v), fmt.Sprintf(p.clinWith, v)
		}
	}
	return p
}

// judge gives every finding its verdict and words, counting the comparisons with
// enough data as one family for the Benjamini-Hochberg procedure.
func (r *Report) judge() {
	var tested []*Finding
	for _, list := range [][]Finding{r.SessionFindings, r.DayFindings} {
		for i := range list {
			if list[i].Interval != nil {
				tested = append(tested, &list[i])
			}
		}
	}
	ps := make([]float64, len(tested))
	for i, f := range tested {
		ps[i] = *f.P
	}
	adj := adjustBH(ps)
	r.Tested = len(tested)
	for i, f := range tested {
		f.AdjustedP = ptr(adj[i])
		f.Verdict = NoClearDifference
		if f.Interval.ExcludesZero() && adj[i] <= FalseDiscovery {
			f.Verdict = LinkedBetter
			if *f.Difference < 0 {
				f.Verdict = LinkedWorse
			}
			r.Linked++
		}
	}
	for _, list := range [][]Finding{r.SessionFindings, r.DayFindings} {
		for i := range list {
			f := &list[i]
			if f.Interval == nil {
				f.Verdict = NotEnoughData
			}
			p := phrasingOf(f)
			f.Title = p.title
			f.With.Label, f.Without.Label = p.with, p.without
			f.words(p, r.Tested)
		}
	}
	r.Association = AssociationLine
	r.Comparisons = comparisonsLine(r.Tested)
}

// comparisonsLine is the one line about multiple comparisons.
func comparisonsLine(m int) string {
	switch m {
	case 0:
		return "Nothing has enough data to compare yet."
	case 1:
		return "Keel made 1 comparison so far."
	}
	return fmt.Sprintf("Keel made %d comparisons. When many things are compared, a few look linked just by chance, "+
		"so Keel says “linked” only when a difference holds up after allowing for that (the Benjamini-Hochberg method).", m)
}

// words writes the finding's headline, detail and care line.
func (f *Finding) words(p phrasing, tested int) {
	noun, Noun := "session", "Sessions"
	if f.Kind == DayKind {
		noun, Noun = "day", "Days"
	}
	f.Care = ""
	switch f.Verdict {
	case NotEnoughData:
		f.Headline = p.title + ": not enough data yet."
		if f.With.N+f.Without.N == 0 {
			f.Detail = missing(f)
			return
		}
		if f.Kind == SessionKind {
			f.Detail = fmt.Sprintf("Keel needs at least %d sessions on each side to compare; so far it has %s %s and %s %s.",
				MinSessions, count(f.With.N, noun), p.with, count(f.Without.N, noun), p.without)
		} else {
			f.Detail = fmt.Sprintf("Keel needs at least %d days on each side, from at least %d different weeks; so far it has %s %s%s and %s %s%s.",
				MinDays, MinWeeks, count(f.With.N, noun), p.with, inWeeks(f.With), count(f.Without.N, noun), p.without, inWeeks(f.Without))
		}
		return
	case LinkedBetter, LinkedWorse:
		better := f.Verdict == LinkedBetter
		little := pick(math.Abs(*f.Difference) < SmallDifference, "a little ", "")
		if f.Kind == SessionKind {
			f.Headline = fmt.Sprintf("%s %s were followed by %s%s weeks than sessions %s.", Noun, p.with, little, pick(better, "better", "worse"), p.without)
		} else {
			f.Headline = fmt.Sprintf("On days %s, your mood was %s%s than on days %s.", p.with, little, pick(better, "higher", "lower"), p.without)
		}
		f.Care = CareTeam
	default:
		f.Headline = p.title + ": no clear difference so far."
	}

	var d []string
	if f.Kind == SessionKind {
		d = append(d, fmt.Sprintf("Change in mood from the week before to the week after: %s for %s %s, %s for %s %s.",
			signed(*f.With.Mean), count(f.With.N, noun), p.with, signed(*f.Without.Mean), count(f.Without.N, noun), p.without))
	} else {
		d = append(d, fmt.Sprintf("Average mood: %s on %s %s, %s on %s %s.",
			plain(*f.With.Mean), count(f.With.N, noun), p.with, plain(*f.Without.Mean), count(f.Without.N, noun), p.without))
	}
	d = append(d, fmt.Sprintf("Difference %s points on the 0-10 scale; likely range %s to %s (90%%).",
		signed(*f.Difference), signed(f.Interval.Low), signed(f.Interval.High)))
	switch {
	case f.Verdict.Linked():
	case f.Interval.ExcludesZero():
		d = append(d, fmt.Sprintf("Keel compared %d things at once, so a difference like this could be chance.", tested))
	default:
		d = append(d, "That range includes no difference at all.")
	}
	switch f.ID {
	case SleepAfterID:
		d = append(d, fmt.Sprintf("The split, %s hours, is your own middle value.", short(*f.Threshold)))
	case StressAfterID:
		d = append(d, fmt.Sprintf("The split, a stress of %s, is your own middle value.", short(*f.Threshold)))
	}
	if f.ID == IntensityID {
		switch f.Verdict {
		case LinkedBetter:
			d = append(d, "The field notes observed the opposite for most people; either way, this is one pattern in your records.")
		case LinkedWorse:
			d = append(d, "This fits what the field notes observed: intensity is not what makes a session help.")
		default:
			d = append(d, "The field notes observed that how intense a session feels matters less than what comes after; so far your records fit that.")
		}
	}
	d = append(d, PatternNotCause)
	f.Detail = strings.Join(d, " ")
}

// missing says what a finding with nothing on either side lacks.
func missing(f *Finding) string {
	if f.Kind == DayKind {
		what := map[string]string{SleepID: "hours slept", StressID: "stress"}[f.ID]
		if what == "" {
			what = "tags"
		}
		return fmt.Sprintf("Keel needs at least %d days on each side; no day with a mood has %s recorded yet.", MinDays, what)
	}
	what, ok := map[string]string{
		PreparationID: "a preparation checklist",
		SleepAfterID:  "hours slept in its follow-ups",
		StressAfterID: "stress in its follow-ups",
		SettingID:     "its setting recorded",
		IntensityID:   "its intensity recorded",
	}[f.ID]
	if !ok {
		return fmt.Sprintf("Keel needs at least %d sessions on each side, with moods in the week before and after; none has them yet.", MinSessions)
	}
	return fmt.Sprintf("Keel needs at least %d sessions on each side; none of the sessions with moods in the week before and after has %s yet.", MinSessions, what)
}

// ClinicianLine is the finding as one line of the clinician's report, "" unless it
// is linked.
func (f *Finding) ClinicianLine() string {
	if !f.Verdict.Linked() {
		return ""
	}
	p := phrasingOf(f)
	if f.Kind == SessionKind {
		return fmt.Sprintf("Sessions %s (n=%d) vs %s (n=%d): mean mood change, week after minus week before (0-10), %s vs %s; "+
			"difference %s, 90%% interval %s to %s, Benjamini-Hochberg adjusted p %s.",
			p.clinWith, f.With.N, p.clinWithout, f.Without.N, signed(*f.With.Mean), signed(*f.Without.Mean),
			signed(*f.Difference), signed(f.Interval.Low), signed(f.Interval.High), pValue(*f.AdjustedP))
	}
	return fmt.Sprintf("Days %s (n=%d) vs %s (n=%d): mean daily mood (0-10) %s vs %s; "+
		"difference %s, 90%% interval %s to %s, Benjamini-Hochberg adjusted p %s.",
		p.clinWith, f.With.N, p.clinWithout, f.Without.N, plain(*f.With.Mean), plain(*f.Without.Mean),
		signed(*f.Difference), signed(f.Interval.Low), signed(f.Interval.High), pValue(*f.AdjustedP))
}

// ClinicianNote is the line under the clinician lines.
const ClinicianNote = "Associations in the patient's own self-tracked records, shared at the patient's choice; " +
	"adjusted for multiple comparisons, not evidence of cause."

// Highlights are the few lines the Progress screen's summary shows: the headlines
// of up to n linked findings (the clearest first) and the line that they are
// patterns, not causes; or one line saying why there is nothing to show yet.
func (r *Report) Highlights(n int) []string {
	var linked []*Finding
	for _, list := range [][]Finding{r.SessionFindings, r.DayFindings} {
		for i := range list {
			if list[i].Verdict.Linked() {
				linked = append(linked, &list[i])
			}
		}
	}
	slices.SortStableFunc(linked, func(a, b *Finding) int {
		switch {
		case *a.AdjustedP < *b.AdjustedP:
			return -1
		case *a.AdjustedP > *b.AdjustedP:
			return 1
		}
		return 0
	})
	if len(linked) == 0 {
		switch {
		case r.Tested == 0 && r.Summary.Compared < 2*MinSessions:
			return []string{fmt.Sprintf("Not enough data yet to see what goes with your better weeks: %s can be compared so far. Keep checking in.",
				count(r.Summary.Compared, "session"))}
		case r.Tested == 0:
			return []string{"Not enough data yet to see what goes with your better weeks. Keep checking in."}
		}
		return []string{fmt.Sprintf("No clear pattern so far in %s.", count(r.Tested, "comparison"))}
	}
	var out []string
	for _, f := range linked[:min(n, len(linked))] {
		out = append(out, f.Headline)
	}
	return append(out, AssociationLine)
}

// summaryText says the session summary in plain words.
func summaryText(s SessionSummary) string {
	if s.Finished == 0 {
		return "No finished sessions yet."
	}
	var text string
	if s.Finished == 1 {
		switch {
		case s.Compared == 1:
			text = fmt.Sprintf("Your 1 finished session had moods on at least %d days in the week before and in the week after.", MinWindowDays)
		case s.TooRecent == 1:
			text = "Your 1 finished session is too recent to compare (the week after is not over)."
		default:
			text = "Your 1 finished session had too few days with a mood around it to compare."
		}
	} else {
		var parts []string
		if s.Compared > 0 {
			parts = append(parts, fmt.Sprintf("%d had moods on at least %d days in the week before and in the week after", s.Compared, MinWindowDays))
		}
		if s.TooRecent > 0 {
			parts = append(parts, fmt.Sprintf("%d %s too recent (the week after is not over)", s.TooRecent, pick(s.TooRecent == 1, "is", "are")))
		}
		if s.TooFewDays > 0 {
			parts = append(parts, fmt.Sprintf("%d had too few days with a mood around %s", s.TooFewDays, pick(s.TooFewDays == 1, "it", "them")))
		}
		text = fmt.Sprintf("Of your %s, %s.", count(s.Finished, "finished session"), joinAnd(parts))
	}
	if s.MoodChange != nil {
		text += fmt.Sprintf(" %s was %s the week before", pick(s.Compared == 1, "Mood in the week after it", "On average, mood in the week after a session"),
			comparedTo(*s.MoodChange, "higher than", "lower than"))
		if s.AnxietyChange != nil {
			text += fmt.Sprintf(", and anxiety %s", comparedTo(*s.AnxietyChange, "higher", "lower"))
		}
		text += " (0-10 scales)."
	}
	return text
}

// comparedTo is "0.9 points higher than", "about the same as".
func comparedTo(v float64, up, down string) string {
	r := math.Round(v*10) / 10
	switch {
	case r > 0:
		return plain(r) + " points " + up
	case r < 0:
		return plain(-r) + " points " + down
	}
	if strings.HasSuffix(up, "than") {
		return "about the same as"
	}
	return "about the same"
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func inWeeks(g Group) string {
	if g.N == 0 {
		return ""
	}
	return " (in " + count(g.Weeks, "week") + ")"
}

func pick(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

// signed is v to one decimal with its sign: "+1.4", "-0.3", "0".
func signed(v float64) string {
	r := math.Round(v*10) / 10
	if r == 0 {
		return "0"
	}
	return fmt.Sprintf("%+.1f", r)
}

// plain is v to one decimal: "6.8".
func plain(v float64) string { return fmt.Sprintf("%.1f", math.Round(v*10)/10) }

// short is v to one decimal at most: "7.5", "7".
func short(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// pValue is a p-value as a clinician reads it: "0.012", "< 0.001".
func pValue(p float64) string {
	if p < 0.001 {
		return "< 0.001"
	}
	return fmt.Sprintf("%.3f", p)
}
