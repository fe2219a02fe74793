package progress

import (
	"fmt"
	"slices"
	"time"

	"keel/model"
)

// The verdict's numbers, from docs/clinical.md ("PHQ-9").
const (
	// RecentDays is how recent the latest PHQ-9 must be, in calendar days before now,
	// for a verdict: "no PHQ-9 in the last 14 days" means not enough data.
	RecentDays = 14
	// RemissionBelow is the score a PHQ-9 must be below for remission: "a score below 5".
	RemissionBelow = 5
	// RemissionBaselineAbove is the baseline a remission needs to exceed: "for a
	// baseline above 9".
	RemissionBaselineAbove = 9
)

// Outcome is the verdict in one word (docs/product.md item 6, docs/clinical.md).
type Outcome int

// The outcomes of a verdict. Remission is also a response. There is no "failed".
const (
	NotEnoughData Outcome = iota
	NoResponseYet
	Response
	Remission
)

// String is the outcome in words, as Keel shows it.
func (o Outcome) String() string {
	switch o {
	case NoResponseYet:
		return "no response yet"
	case Response:
		return "response"
	case Remission:
		return "remission"
	}
	return "not enough data yet"
}

// Missing says what a NotEnoughData verdict lacks.
type Missing int

// What a verdict can lack, in the order Evaluate checks.
const (
	MissingNothing Missing = iota
	// MissingSession: no session of the course is done yet, so there is no
	// "first session" to take the baseline at.
	MissingSession
	// MissingBaseline: no PHQ-9 on or before the first session (docs/clinical.md).
	MissingBaseline
	// MissingRecent: no PHQ-9 in the last RecentDays days (docs/clinical.md).
	MissingRecent
	// MissingSinceStart: the latest PHQ-9 is the baseline itself; there is nothing
	// since the first session to compare it with.
	MissingSinceStart
)

// Score is one PHQ-9 total and when it was answered.
type Score struct {
	Total int
	At    time.Time
}

// Verdict is the honest evaluation of a course (docs/product.md item 6), on the
// definitions of docs/clinical.md:
//
//   - Baseline: the last PHQ-9 on or before the first session of the course, "on
//     or before" read by the clock: a PHQ-9 answered later on the day of the first
//     session already reflects it. The first session is the first one that counts
//     (see CourseSessions).
//   - Current: the latest PHQ-9 up to now. It must be from the last RecentDays (14)
//     calendar days of now (in now's location; 14 days ago counts, 15 does not), and
//     answered after the first session.
//   - Response: current <= 50% of baseline, a fall of 50% or more, decided on whole
//     numbers (2*current <= baseline) so that no rounding can tip it; a baseline of
//     0 cannot fall, so it never gives a response.
//   - Remission: current < 5, counted only when baseline > 9. It is always also a
//     response, since current <= 4 <= baseline/2 when baseline >= 10.
//
// PHQ-9 responses that do not score are ignored.
type Verdict struct {
	Outcome Outcome
	Missing Missing // why the outcome is NotEnoughData; MissingNothing otherwise
	// Baseline and Current are set when found (HasBaseline, HasCurrent). With
	// MissingRecent, Current is the latest PHQ-9, too old to judge by.
	Baseline, Current       Score
	HasBaseline, HasCurrent bool
	// FirstSession is the time of the first session that counts (zero when none).
	// It and the scores' times are in now's location.
	FirstSession time.Time
	// PercentLower is how much lower Current is than Baseline, in whole percent,
	// rounded to the nearest (halves away from zero); negative when higher. It is 0
	// when Baseline is 0. It is only shown, never used to decide.
	PercentLower int
	// Remission counts only when RemissionCounted (baseline above 9).
	RemissionCounted bool
	// InductionDone of InductionSessions are done; before InductionComplete a verdict
	// is a verdict "so far".
	InductionDone, InductionSessions int
	InductionComplete                bool
}

// Evaluate gives the verdict for course c at now from the sessions and the PHQ-9
// responses (responses to other questionnaires are ignored). See Verdict for the rules.
func Evaluate(c model.Course, sessions []model.Session, responses []model.Response, now time.Time) Verdict {
	v, _ := evaluate(c, courseSessions(c, sessions, now), responses, now)
	return v
}

// evaluate is Evaluate over the sessions that count; it also returns the valid
// PHQ-9 scores up to now, earliest first.
func evaluate(c model.Course, counted []*model.Session, responses []model.Response, now time.Time) (Verdict, []Score) {
	ind := c.Induction()
	v := Verdict{InductionSessions: max(ind.Sessions, 0)}
	v.InductionDone = min(len(counted), v.InductionSessions)
	v.InductionComplete = ind.Sessions > 0 && len(counted) >= ind.Sessions
	scores := phq9Scores(responses, now)
	if len(counted) == 0 {
		v.Missing = MissingSession
		return v, scores
	}
	v.FirstSession = counted[0].At.In(now.Location())
	i := -1
	for j, s := range scores {
		if !s.At.After(v.FirstSession) {
			i = j
		}
	}
	if i < 0 {
		v.Missing = MissingBaseline
		return v, scores
	}
	v.Baseline, v.HasBaseline = scores[i], true
	latest := scores[len(scores)-1]
	if model.CalendarDays(latest.At.In(now.Location()), now) > RecentDays {
		v.Current, v.Missing = latest, MissingRecent
		return v, scores
	}
	if i == len(scores)-1 {
		v.Missing = MissingSinceStart
		return v, scores
	}
	v.Current, v.HasCurrent = latest, true
	b, cur := v.Baseline.Total, v.Current.Total
	v.PercentLower = percentLower(b, cur)
	v.RemissionCounted = b > RemissionBaselineAbove
	switch {
	case v.RemissionCounted && cur < RemissionBelow:
		v.Outcome = Remission
	case responded(b, cur):
		v.Outcome = Response
	default:
		v.Outcome = NoResponseYet
	}
	return v, scores
}

// Responded reports whether the verdict is a response, remission included.
func (v Verdict) Responded() bool { return v.Outcome == Response || v.Outcome == Remission }

// responded reports a fall of 50% or more from baseline b to current c.
func responded(b, c int) bool { return b > 0 && 2*c <= b }

// percentLower is 100*(b-c)/b rounded to the nearest whole number, halves away from
// zero, or 0 when b is 0.
func percentLower(b, c int) int {
	if b <= 0 {
		return 0
	}
	num := 100 * (b - c)
	if num >= 0 {
		return (2*num + b) / (2 * b)
	}
	return -((-2*num + b) / (2 * b))
}

// phq9Scores returns the PHQ-9 totals answered up to now, earliest first, with their
// times in now's location, leaving out responses that do not score.
func phq9Scores(responses []model.Response, now time.Time) []Score {
	var out []Score
	for i := range responses {
		r := &responses[i]
		if r.Instrument != model.PHQ9.ID || r.At.After(now) {
			continue
		}
		total, err := model.Score(model.PHQ9, r.Answers)
		if err != nil {
			continue
		}
		out = append(out, Score{Total: total, At: r.At.In(now.Location())})
	}
	slices.SortStableFunc(out, func(a, b Score) int { return a.At.Compare(b.At) })
	return out
}

// LateResponders is the context docs/clinical.md gives for a "no response yet" verdict.
const LateResponders = "About 20% of people respond only after 10-12 infusions (Osmind, 2023), so no response " +
	"after the first series is not a failure."

// NotADiagnosis is the reminder every verdict carries: a score compares the user with
// themself and is not a diagnosis (docs/clinical.md, docs/product.md).
const NotADiagnosis = "This compares you only with yourself, on the questionnaire you answer in Keel; it is not a diagnosis."

// Summary is the verdict in one line with its numbers, as "Baseline 18 → now 8: 56%
// lower: response; not yet remission", or, without enough data, what is missing and
// what to do about it. Before the induction series is complete it starts "So far: ".
func (v Verdict) Summary() string {
	if v.Outcome == NotEnoughData {
		return v.missingText()
	}
	head := "Baseline"
	if !v.InductionComplete {
		head = "So far: baseline"
	}
	return fmt.Sprintf("%s %d → now %d: %s: %s", head, v.Baseline.Total, v.Current.Total, v.change(), v.result())
}

func (v Verdict) change() string {
	switch {
	case v.Current.Total == v.Baseline.Total:
		return "no change"
	case v.Baseline.Total == 0:
		return "higher"
	case v.PercentLower < 0:
		return fmt.Sprintf("%d%% higher", -v.PercentLower)
	}
	return fmt.Sprintf("%d%% lower", v.PercentLower)
}

func (v Verdict) result() string {
	switch {
	case v.Outcome == Remission:
		return "response and remission"
	case v.Outcome == Response && v.RemissionCounted:
		return "response; not yet remission"
	case v.Outcome == Response:
		return fmt.Sprintf("response; remission is counted only from a baseline above %d", RemissionBaselineAbove)
	}
	return "no response yet (a response is 50% or more lower)"
}

func (v Verdict) missingText() string {
	const head = "Not enough data yet: "
	switch v.Missing {
	case MissingSession:
		return head + "no session of this course is marked done yet. The verdict compares a PHQ-9 from " +
			"before the first session with a recent one."
	case MissingBaseline:
		return head + fmt.Sprintf("there is no PHQ-9 from before your first session (%s) to compare with. "+
			"If you answered one with your clinic, enter it with its date; the weekly charts still show how "+
			"things are going.", v.FirstSession.Format("2 Jan 2006"))
	case MissingRecent:
		return head + fmt.Sprintf("your latest PHQ-9 is from %s, more than %d days ago. Answer a PHQ-9 "+
			"to see where you stand now.", v.Current.At.Format("2 Jan 2006"), RecentDays)
	case MissingSinceStart:
		return head + fmt.Sprintf("there is no PHQ-9 since your first session (%s). Answer a PHQ-9 to "+
			"compare with your baseline of %d.", v.FirstSession.Format("2 Jan 2006"), v.Baseline.Total)
	}
	return head + "answer a PHQ-9."
}

// Lines is the verdict as Keel shows it: the Summary, where the induction series
// stands, the LateResponders context after "no response yet", and the NotADiagnosis
// reminder.
func (v Verdict) Lines() []string {
	out := []string{v.Summary()}
	switch {
	case v.InductionSessions == 0:
	case v.Outcome == NotEnoughData:
		out = append(out, fmt.Sprintf("Induction series: %d of %d done.", v.InductionDone, v.InductionSessions))
	case v.InductionComplete:
		out = append(out, fmt.Sprintf("The induction series is complete (%d of %d).", v.InductionDone, v.InductionSessions))
	default:
		out = append(out, fmt.Sprintf("The induction series is not complete yet (%d of %d done), so this is "+
			"a verdict so far.", v.InductionDone, v.InductionSessions))
	}
	if v.Outcome == NoResponseYet {
		out = append(out, LateResponders)
	}
	return append(out, NotADiagnosis)
}
