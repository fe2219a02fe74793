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
	// MeasuresBaselineAbove is the baseline response and remission need to exceed:
	// "for a baseline above 9"; with 9 or less they do not apply.
	MeasuresBaselineAbove = 9
	// EndPointFrom, EndPointTo and EndPointDay are the end point after the induction
	// series: "the PHQ-9 closest to 3 weeks after the last session of the induction,
	// taken 14 to 31 days after it", in calendar days after that session's day.
	EndPointFrom, EndPointTo, EndPointDay = 14, 31, 21
	// LateResponderSessions is the session before which the late-responder fact may
	// be shown: "before the 12th session".
	LateResponderSessions = 12
)

// Outcome is the verdict in one word (docs/product.md item 6, docs/clinical.md).
type Outcome int

// The outcomes of a verdict, in the order Evaluate decides them. Remission is also a
// response. There is no "failed".
const (
	// NotEnoughData: no session, no usable baseline, nothing since the first session,
	// or no PHQ-9 in the last 14 days (Verdict.Missing says which).
	NotEnoughData Outcome = iota
	// DoesNotApply: the baseline is 9 or less, so response and remission do not apply;
	// the change is shown.
	DoesNotApply
	// TooEarly: the induction series is not over, or its end point is not taken yet;
	// the change so far is shown.
	TooEarly
	// NoResponseYet, Response and Remission are the judged outcomes.
	NoResponseYet
	Response
	Remission
)

var outcomeKeys = []string{"not_enough_data", "does_not_apply", "too_early", "no_response_yet", "response", "remission"}

// String is the outcome in words, as Keel shows it.
func (o Outcome) String() string {
	switch o {
	case DoesNotApply:
		return "response and remission do not apply"
	case TooEarly:
		return "too early to judge"
	case NoResponseYet:
		return "no response yet"
	case Response:
		return "response"
	case Remission:
		return "remission"
	}
	return "not enough data yet"
}

// Key is the outcome as a stable word for files and scripts: "not_enough_data",
// "does_not_apply", "too_early", "no_response_yet", "response", "remission".
func (o Outcome) Key() string {
	if o < 0 || int(o) >= len(outcomeKeys) {
		return outcomeKeys[0]
	}
	return outcomeKeys[o]
}

// Responded reports a response, remission included.
func (o Outcome) Responded() bool { return o == Response || o == Remission }

// Missing says what a NotEnoughData verdict lacks.
type Missing int

// What a verdict can lack, in the order Evaluate checks.
const (
	MissingNothing Missing = iota
	// MissingSession: no session of the course is done yet.
	MissingSession
	// MissingBaseline: no PHQ-9 taken before the first session.
	MissingBaseline
	// BaselineTooOld: the last PHQ-9 before the first session is more than 14 days
	// older than it: "shown as too old to be a baseline and not used" (Verdict.TooOld).
	BaselineTooOld
	// MissingSinceStart: no PHQ-9 since the first session to compare the baseline with.
	MissingSinceStart
	// MissingRecent: the latest PHQ-9 is more than RecentDays days old.
	MissingRecent
)

var missingKeys = []string{"", "no_session", "no_baseline", "baseline_too_old", "nothing_since_first_session", "no_recent_phq9"}

// Key is what is missing as a stable word ("" for nothing): "no_session",
// "no_baseline", "baseline_too_old", "nothing_since_first_session", "no_recent_phq9".
func (m Missing) Key() string {
	if m < 0 || int(m) >= len(missingKeys) {
		return ""
	}
	return missingKeys[m]
}

// Later says what scores after the end point show (docs/clinical.md: "later scores
// say whether the response held or was lost").
type Later int

// What the latest score says after the end point.
const (
	// NoLater: there is no score after the end point (or no end point).
	NoLater Later = iota
	// ResponseHeld: a response at the end point, and the latest is one too.
	ResponseHeld
	// ResponseLost: a response at the end point, and the latest is not one.
	ResponseLost
	// RespondedLater: no response at the end point, and the latest is one.
	RespondedLater
	// StillNoResponse: no response at the end point, nor now.
	StillNoResponse
)

var laterKeys = []string{"", "response_held", "response_lost", "response_later", "still_no_response"}

// Key is the later result as a stable word ("" for none): "response_held",
// "response_lost", "response_later", "still_no_response".
func (l Later) Key() string {
	if l < 0 || int(l) >= len(laterKeys) {
		return ""
	}
	return laterKeys[l]
}

// Score is one questionnaire total and when it was taken.
type Score struct {
	Total int
	// At is when it was taken, in the location of the time judged at; for a score
	// dated to a day without a time (DayOnly), noon of that day.
	At      time.Time
	DayOnly bool
	Source  model.ResponseSource
	// ID is the response's ID.
	ID uint64
}

// Date is the score's day as Keel writes it: "2 Feb 2026".
func (s Score) Date() string { return s.At.Format(dateLayout) }

// FromClinicForm reports a score entered from a clinic form.
func (s Score) FromClinicForm() bool { return s.Source == model.SourceClinicForm }

const dateLayout = "2 Jan 2006"

// Verdict is the honest evaluation of a course (docs/product.md item 6), exactly on
// the definitions of docs/clinical.md (PHQ-9 and "Typical schedules"), decided in
// this order:
//
//  1. No session of the course done: not enough data (MissingSession). The sessions
//     that count are CourseSessions'.
//  2. Baseline: the last PHQ-9 taken before the first session (model.Response.
//     TakenBefore: at or before its time, or dated to its day or earlier without a
//     time), and no more than 14 calendar days before the session's day. None:
//     MissingBaseline; an older one is kept as TooOld and not used (BaselineTooOld).
//  3. Latest: the latest PHQ-9 taken after the first session, up to now. None:
//     MissingSinceStart. Older than RecentDays (14) calendar days: MissingRecent.
//  4. A baseline of 9 or less: response and remission do not apply (DoesNotApply);
//     the change is shown.
//  5. The induction series (the course's first phase) not complete, or complete but
//     now before 14 days after its last session, or in the 14-31 day window with no
//     PHQ-9 in it yet: TooEarly, with the change so far.
//  6. End point: of the PHQ-9s taken 14 to 31 calendar days after the last induction
//     session, the one closest to day 21 (ties: the earlier). The outcome is the end
//     point's against the baseline; the latest, when later, says whether the response
//     held or was lost (Later). A course without an induction series (no course
//     entered), or a window passed with no PHQ-9 in it, is judged on the latest
//     (JudgedOnLatest).
//
// Response: a fall of 50% or more (2*score <= baseline, on whole numbers, so no
// rounding tips it). Remission: a score below 5. Both only for a baseline above 9;
// remission is then always also a response.
type Verdict struct {
	Outcome Outcome
	Missing Missing // why the outcome is NotEnoughData; MissingNothing otherwise
	// Baseline, EndPoint and Latest are the scores judged by, nil when there is none.
	// TooOld is the last PHQ-9 before the first session when it is too old to be the
	// baseline. With MissingRecent, Latest is the latest PHQ-9, too old to judge by.
	Baseline, TooOld, EndPoint, Latest *Score
	// LatestOutcome is the latest against the baseline when it is later than the end
	// point; Later says what that means for the end point's response.
	LatestOutcome Outcome
	Later         Later
	// JudgedOnLatest: the outcome compares the latest with the baseline, since there
	// is no end point (no induction series, or its window passed without a PHQ-9).
	JudgedOnLatest bool
	// AwaitingEndPoint: TooEarly because the end-point window is open and holds no
	// PHQ-9 yet.
	AwaitingEndPoint bool
	// Sessions is the number of sessions that count; FirstSession is the first.
	Sessions     int
	FirstSession time.Time
	// The induction series: InductionDone of InductionSessions sessions done, the
	// last of them at InductionEnd (zero until complete).
	InductionDone, InductionSessions int
	InductionComplete                bool
	InductionEnd                     time.Time
	// EndFrom and EndTo are the first and last days (midnight) of the end-point
	// window, set once the induction series is complete.
	EndFrom, EndTo time.Time
	// NoCourse: no course is entered, so every session counts as one course without
	// an induction series.
	NoCourse bool
	// ClinicBaseline: the baseline was entered from a clinic form.
	ClinicBaseline bool
	// Worse: the latest score is above the baseline.
	Worse bool
	// LateResponders: the late-responder fact may be shown (see LateResponders).
	LateResponders bool
}

// Evaluate gives the verdict for course c at now from the sessions and the PHQ-9
// responses (responses to other questionnaires are ignored). See Verdict for the rules.
// Calendar days are counted in now's location.
func Evaluate(c model.Course, sessions []model.Session, responses []model.Response, now time.Time) Verdict {
	return evaluate(c, courseSessions(c, sessions, now), scoresOf(model.PHQ9, responses, now), now)
}

// evaluate is Evaluate over the sessions that count and the PHQ-9 scores up to now,
// earliest first.
func evaluate(c model.Course, counted []*model.Session, scores []Score, now time.Time) Verdict {
	loc := now.Location()
	ind := c.Induction()
	v := Verdict{InductionSessions: max(ind.Sessions, 0), Sessions: len(counted), NoCourse: len(c.Phases) == 0}
	v.InductionDone = min(len(counted), v.InductionSessions)
	v.InductionComplete = ind.Sessions > 0 && len(counted) >= ind.Sessions
	if v.InductionComplete {
		v.InductionEnd = counted[ind.Sessions-1].At.In(loc)
		end := model.DayNumber(v.InductionEnd, loc)
		v.EndFrom, v.EndTo = model.DateOfDay(end+EndPointFrom, loc), model.DateOfDay(end+EndPointTo, loc)
	}
	if len(counted) == 0 {
		v.Missing = MissingSession
		return v
	}
	first := counted[0].At.In(loc)
	v.FirstSession = first

	// The baseline, and the scores after the first session.
	b := -1
	for i := range scores {
		if scores[i].before(first) {
			b = i
		}
	}
	var after []Score
	for i := range scores {
		if !scores[i].before(first) {
			after = append(after, scores[i])
		}
	}
	switch {
	case b < 0:
		v.Missing = MissingBaseline
		return v
	case model.DayNumber(first, loc)-model.DayNumber(scores[b].At, loc) > model.PHQ9.BaselineDays:
		v.TooOld, v.Missing = &scores[b], BaselineTooOld
		return v
	}
	base := scores[b]
	v.Baseline, v.ClinicBaseline = &base, base.FromClinicForm()
	if len(after) == 0 {
		v.Missing = MissingSinceStart
		return v
	}
	latest := after[len(after)-1]
	v.Latest = &latest
	v.Worse = latest.Total > base.Total
	if model.DayNumber(now, loc)-model.DayNumber(latest.At, loc) > RecentDays {
		v.Missing = MissingRecent
		return v
	}
	if base.Total <= MeasuresBaselineAbove {
		v.Outcome = DoesNotApply
		return v
	}

	today := model.DayNumber(now, loc)
	switch {
	case v.InductionSessions == 0:
		v.JudgedOnLatest = true
	case !v.InductionComplete || today < model.DayNumber(v.EndFrom, loc):
		v.Outcome = TooEarly
		return v
	default:
		end := model.DayNumber(v.InductionEnd, loc)
		best := -1
		for i := range after {
			d := model.DayNumber(after[i].At, loc) - end
			if d < EndPointFrom || d > EndPointTo {
				continue
			}
			if best < 0 || abs(d-EndPointDay) < abs(model.DayNumber(after[best].At, loc)-end-EndPointDay) {
				best = i
			}
		}
		switch {
		case best >= 0:
			ep := after[best]
			v.EndPoint = &ep
		case today <= model.DayNumber(v.EndTo, loc):
			v.Outcome, v.AwaitingEndPoint = TooEarly, true // in the window, before its PHQ-9
			return v
		default:
			v.JudgedOnLatest = true
		}
	}
	if v.JudgedOnLatest {
		v.Outcome = judge(base.Total, latest.Total)
	} else {
		v.Outcome = judge(base.Total, v.EndPoint.Total)
		if latest.At.After(v.EndPoint.At) {
			v.LatestOutcome = judge(base.Total, latest.Total)
			switch {
			case v.Outcome.Responded() && v.LatestOutcome.Responded():
				v.Later = ResponseHeld
			case v.Outcome.Responded():
				v.Later = ResponseLost
			case v.LatestOutcome.Responded():
				v.Later = RespondedLater
			default:
				v.Later = StillNoResponse
			}
		}
	}
	// docs/clinical.md "Typical schedules": the 10-12 figure only for an IV course,
	// after the induction and before the 12th session, never when the latest is worse
	// than the baseline; it is about people without a response after the series, so
	// only with none then and none since. Assess also withholds it beside a
	// deterioration flag.
	v.LateResponders = c.Route == model.RouteIV && v.InductionComplete && len(counted) < LateResponderSessions &&
		!v.Worse && v.Outcome == NoResponseYet && v.Later != RespondedLater
	return v
}

// Current is the outcome as it stands now: the latest's when a score after the end
// point says whether the response held (Later), the verdict's Outcome otherwise.
func (v Verdict) Current() Outcome {
	if v.Later != NoLater {
		return v.LatestOutcome
	}
	return v.Outcome
}

// Responded reports whether the verdict, as it stands now (Current), is a response,
// remission included.
func (v Verdict) Responded() bool { return v.Current().Responded() }

// judge is the outcome of score s against baseline b, for b above 9.
func judge(b, s int) Outcome {
	switch {
	case s < RemissionBelow:
		return Remission
	case responded(b, s):
		return Response
	}
	return NoResponseYet
}

// before reports whether s counts as taken before t (model.Response.TakenBefore).
func (s Score) before(t time.Time) bool {
	r := model.Response{At: s.At, DayOnly: s.DayOnly}
	return r.TakenBefore(t)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

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

// scoresOf returns the scores of instrument in taken up to now (model.Response.
// TakenBefore), earliest first, with their times in now's location, leaving out
// responses that do not score.
func scoresOf(in *model.Instrument, responses []model.Response, now time.Time) []Score {
	var out []Score
	for i := range responses {
		r := &responses[i]
		if r.Instrument != in.ID || !r.TakenBefore(now) {
			continue
		}
		total, err := model.Score(in, r.Answers)
		if err != nil {
			continue
		}
		out = append(out, Score{Total: total, At: r.At.In(now.Location()), DayOnly: r.DayOnly, Source: r.Source, ID: r.ID})
	}
	slices.SortStableFunc(out, func(a, b Score) int { return a.At.Compare(b.At) })
	return out
}

// LateResponders is the fact of docs/clinical.md "Typical schedules" about IV
// courses, shown as a fact about others (Verdict.LateResponders), never as a reason
// to continue.
const LateResponders = "About 20% of IV patients in one large clinic network responded only after 10-12 infusions " +
	"instead of six (Osmind, 2023)."

// NotADiagnosis is the reminder the window shows under the verdict: a score compares
// the person with themself and is not a diagnosis (docs/clinical.md, docs/product.md).
const NotADiagnosis = "This compares you only with yourself, on the questionnaire you answer; it is not a diagnosis."

// ClinicFormNote is said beside a baseline entered from a clinic form.
const ClinicFormNote = "Paper and app versions are not interchangeable (app scores ran about 3 points higher in one " +
	"study), so part of a change may come from the switch."

// change is the change from b to s in points and, with percent, in percent: "10
// points (56%) lower", "1 point higher", "no change".
func change(b, s int, percent bool) string {
	d := b - s
	if d == 0 {
		return "no change"
	}
	word := "lower"
	if d < 0 {
		word, d = "higher", -d
	}
	pts := plural(d, "point")
	if percent && b > 0 {
		return fmt.Sprintf("%s (%d%%) %s", pts, abs(percentLower(b, s)), word)
	}
	return pts + " " + word
}

// pair is "18 on 1 Feb 2026 (baseline) → 8 on 9 Mar 2026".
func pair(b, s Score) string {
	return fmt.Sprintf("%d on %s (baseline) → %d on %s", b.Total, b.Date(), s.Total, s.Date())
}

// result is a judged outcome in words, for score s against baseline b.
func result(o Outcome, worse bool) string {
	switch o {
	case Remission:
		return "a response and remission (below 5)"
	case Response:
		return "a response (50% or more lower); not yet remission (below 5)"
	}
	if worse {
		return "higher than the baseline, so no response"
	}
	return "no response yet (a response is 50% or more lower)"
}

// Summary is the verdict's first line: what it is, with the two scores it compares
// and their dates, or, without enough data, what is missing and what to do about it.
func (v Verdict) Summary() string {
	switch v.Outcome {
	case NotEnoughData:
		return v.missingText()
	case DoesNotApply:
		return fmt.Sprintf("PHQ-9 %s: %s. Response and remission are measured only from a baseline above %d, "+
			"so they do not apply to a baseline of %d.", pair(*v.Baseline, *v.Latest), change(v.Baseline.Total, v.Latest.Total, false),
			MeasuresBaselineAbove, v.Baseline.Total)
	case TooEarly:
		so := fmt.Sprintf("So far: PHQ-9 %s: %s.", pair(*v.Baseline, *v.Latest), change(v.Baseline.Total, v.Latest.Total, true))
		switch {
		case !v.InductionComplete:
			return fmt.Sprintf("Too early to judge the induction series (%d of %d sessions done). %s It is judged on "+
				"a PHQ-9 taken 14 to 31 days after its last session.", v.InductionDone, v.InductionSessions, so)
		case !v.AwaitingEndPoint:
			return fmt.Sprintf("Too early to judge the induction series: it is judged on the PHQ-9 closest to 3 weeks "+
				"after its last session (%s), taken %s. %s", v.InductionEnd.Format(dateLayout), v.window(), so)
		}
		return fmt.Sprintf("The induction series is judged on the PHQ-9 closest to 3 weeks after its last session (%s), "+
			"taken %s: answer one in that window. %s", v.InductionEnd.Format(dateLayout), v.window(), so)
	}
	if v.JudgedOnLatest {
		return fmt.Sprintf("PHQ-9 %s: %s: %s.", pair(*v.Baseline, *v.Latest), change(v.Baseline.Total, v.Latest.Total, true),
			result(v.Outcome, v.Worse))
	}
	ep := *v.EndPoint
	return fmt.Sprintf("End of the induction series: PHQ-9 %s, %s after its last session: %s: %s.",
		pair(*v.Baseline, ep), plural(model.DayNumber(ep.At, ep.At.Location())-model.DayNumber(v.InductionEnd, ep.At.Location()), "day"),
		change(v.Baseline.Total, ep.Total, true), result(v.Outcome, ep.Total > v.Baseline.Total))
}

// window is the end-point window in words: "from 2 Mar to 19 Mar 2026".
func (v Verdict) window() string {
	return fmt.Sprintf("from %s to %s", v.EndFrom.Format("2 Jan"), v.EndTo.Format(dateLayout))
}

// LatestLine is the latest score beside the end point (docs/clinical.md: "Report it
// beside the latest score"), "" when there is no later score.
func (v Verdict) LatestLine() string {
	if v.Later == NoLater {
		return ""
	}
	l, b := *v.Latest, *v.Baseline
	what := map[Later]string{
		ResponseHeld:    "the response held",
		ResponseLost:    "the response was lost",
		RespondedLater:  "a response since the end of the series",
		StillNoResponse: "still no response",
	}[v.Later]
	if v.Later == ResponseHeld && v.LatestOutcome == Remission {
		what += ", in remission (below 5)"
	}
	if v.Later == StillNoResponse && v.Worse {
		what = "higher than the baseline, so no response"
	}
	return fmt.Sprintf("Latest: PHQ-9 %d on %s, against %d on %s (baseline): %s: %s.", l.Total, l.Date(), b.Total, b.Date(),
		change(b.Total, l.Total, true), what)
}

func (v Verdict) missingText() string {
	const head = "Not enough data yet: "
	const enter = "If you answered one with your clinic in those days, enter it with its date; the weekly charts still show how things are going."
	first := v.FirstSession.Format(dateLayout)
	switch v.Missing {
	case MissingSession:
		return head + "no session of this course is marked done yet. The verdict compares a PHQ-9 from the 14 days " +
			"before the first session with later ones."
	case MissingBaseline:
		return head + fmt.Sprintf("there is no PHQ-9 from the 14 days before your first session (%s) to compare with. %s", first, enter)
	case BaselineTooOld:
		return head + fmt.Sprintf("your last PHQ-9 before your first session (%s) is %d on %s, too old to be a baseline: "+
			"a baseline must be from the 14 days before the first session. %s", first, v.TooOld.Total, v.TooOld.Date(), enter)
	case MissingSinceStart:
		return head + fmt.Sprintf("there is no PHQ-9 since your first session (%s) to compare with your baseline of %d on %s. "+
			"Answer a PHQ-9 to see the change.", first, v.Baseline.Total, v.Baseline.Date())
	case MissingRecent:
		return head + fmt.Sprintf("your latest PHQ-9 is %d on %s, more than %d days ago (your baseline is %d on %s). "+
			"Answer a PHQ-9 to see where you stand now.", v.Latest.Total, v.Latest.Date(), RecentDays, v.Baseline.Total, v.Baseline.Date())
	}
	return head + "answer a PHQ-9."
}

// Lines is the verdict as the window and `keel progress` show it, to the person: the
// Summary, the latest beside the end point, a note on a clinic-form baseline, where
// the induction series stands, the late-responder fact when it may be shown, and
// NotADiagnosis. No line reassures when the latest is worse than the baseline.
func (v Verdict) Lines() []string {
	out := []string{v.Summary()}
	if l := v.LatestLine(); l != "" {
		out = append(out, l)
	}
	if v.JudgedOnLatest && v.NoCourse {
		out = append(out, "No course is entered, so there is no induction series to judge at its end: this compares "+
			"the latest PHQ-9 with the baseline. Enter your course to have its series judged.")
	} else if v.JudgedOnLatest {
		out = append(out, fmt.Sprintf("There is no PHQ-9 %s, 14 to 31 days after the induction series, so the series "+
			"itself cannot be judged: this compares the latest PHQ-9 with the baseline.", v.window()))
	}
	if v.ClinicBaseline {
		out = append(out, fmt.Sprintf("Your baseline (%s) was entered from a clinic form. %s", v.Baseline.Date(), ClinicFormNote))
	}
	switch {
	case v.InductionSessions == 0:
	case v.InductionComplete:
		out = append(out, fmt.Sprintf("The induction series is complete (%d of %d sessions, the last on %s).",
			v.InductionDone, v.InductionSessions, v.InductionEnd.Format(dateLayout)))
	default:
		out = append(out, fmt.Sprintf("Induction series: %d of %d sessions done.", v.InductionDone, v.InductionSessions))
	}
	if v.LateResponders {
		out = append(out, LateResponders)
	}
	return append(out, NotADiagnosis)
}

// ClinicianLines is the verdict for the clinician's report: the same decision in a
// prescriber's terms, with the scores and dates, addressed to nobody.
func (v Verdict) ClinicianLines() []string {
	ds := func(s *Score) string { return fmt.Sprintf("%d (%s)", s.Total, s.Date()) }
	first := v.FirstSession.Format(dateLayout)
	var out []string
	switch v.Outcome {
	case NotEnoughData:
		switch v.Missing {
		case MissingSession:
			out = append(out, "Not enough data: no session recorded as done.")
		case MissingBaseline:
			out = append(out, fmt.Sprintf("Not enough data: no PHQ-9 in the 14 days before the first session (%s).", first))
		case BaselineTooOld:
			out = append(out, fmt.Sprintf("Not enough data: the last PHQ-9 before the first session (%s) is %s, more than "+
				"14 days earlier, so not used as a baseline.", first, ds(v.TooOld)))
		case MissingSinceStart:
			out = append(out, fmt.Sprintf("Not enough data: baseline PHQ-9 %s; none since the first session (%s).", ds(v.Baseline), first))
		case MissingRecent:
			out = append(out, fmt.Sprintf("Not enough data: baseline PHQ-9 %s; latest %s is more than %d days old.",
				ds(v.Baseline), ds(v.Latest), RecentDays))
		}
	case DoesNotApply:
		out = append(out, fmt.Sprintf("Baseline PHQ-9 %s is 9 or less: response and remission do not apply (the measures count "+
			"an index PHQ-9 above 9). Latest %s: %s.", ds(v.Baseline), ds(v.Latest), signedPoints(v.Baseline.Total, v.Latest.Total)))
	case TooEarly:
		state := fmt.Sprintf("%d of %d sessions done", v.InductionDone, v.InductionSessions)
		if v.InductionComplete {
			state = fmt.Sprintf("last session %s; end-point window %s", v.InductionEnd.Format(dateLayout), v.window())
		}
		out = append(out, fmt.Sprintf("Induction series not yet judged (%s). Baseline PHQ-9 %s → %s: %s so far.",
			state, ds(v.Baseline), ds(v.Latest), signed(v.Baseline.Total, v.Latest.Total)))
	default:
		if v.JudgedOnLatest {
			why := "No course entered"
			if !v.NoCourse {
				why = "No PHQ-9 in the end-point window " + v.window()
			}
			out = append(out, fmt.Sprintf("Baseline PHQ-9 %s → latest %s: %s: %s. %s: judged on the latest.",
				ds(v.Baseline), ds(v.Latest), signed(v.Baseline.Total, v.Latest.Total), clinicalResult(v.Outcome), why))
		} else {
			ep := v.EndPoint
			out = append(out, fmt.Sprintf("Induction end point: baseline PHQ-9 %s → %s, day %d after the last induction "+
				"session (%s): %s: %s.", ds(v.Baseline), ds(ep), model.DayNumber(ep.At, ep.At.Location())-model.DayNumber(v.InductionEnd, ep.At.Location()),
				v.InductionEnd.Format(dateLayout), signed(v.Baseline.Total, ep.Total), clinicalResult(v.Outcome)))
			if v.Later != NoLater {
				out = append(out, fmt.Sprintf("Latest PHQ-9 %s against baseline: %s: %s.", ds(v.Latest),
					signed(v.Baseline.Total, v.Latest.Total), v.Later.words()))
			}
		}
	}
	if v.ClinicBaseline {
		out = append(out, "Baseline entered from a clinic (paper) form; paper and app scores are not interchangeable.")
	}
	return out
}

// signed is the change from b to s as a clinician reads it: "−10 (−56%)", "+12 (+100%)", "0".
func signed(b, s int) string {
	d := s - b
	if d == 0 {
		return "no change"
	}
	sign := "+"
	if d < 0 {
		sign = "−"
	}
	if b == 0 {
		return fmt.Sprintf("%s%d", sign, abs(d))
	}
	return fmt.Sprintf("%s%d (%s%d%%)", sign, abs(d), sign, abs(percentLower(b, s)))
}

// signedPoints is the change from b to s in points only: "−1 point", "+2 points".
func signedPoints(b, s int) string {
	d := s - b
	switch {
	case d == 0:
		return "no change"
	case d < 0:
		return "−" + plural(-d, "point")
	}
	return "+" + plural(d, "point")
}

func clinicalResult(o Outcome) string {
	switch o {
	case Remission:
		return "response and remission (≥50% fall, score <5)"
	case Response:
		return "response (≥50% fall); not remission (score ≥5)"
	}
	return "no response (<50% fall)"
}

// words is the later result for the report.
func (l Later) words() string {
	switch l {
	case ResponseHeld:
		return "response held"
	case ResponseLost:
		return "response lost"
	case RespondedLater:
		return "response since the end point"
	case StillNoResponse:
		return "still no response"
	}
	return ""
}
