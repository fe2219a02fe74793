// Package insights answers, from a person's own records, the questions of
// docs/product.md item 10 ("What helps you"): were the sessions they prepared for,
// slept well after, integrated, followed by better weeks? Did the setting or the
// intensity of a session matter? And on ordinary days, how did mood go with sleep,
// with stress and with each activity or tag?
//
// Everything here is pure: nothing reads the clock, the disk or the network.
// Compute takes the records (Records, or RecordsOf a model.History) and Options
// with the moment to judge at (Now), the calendar to count days on (Loc, the
// person's time zone) and a seed; the same records and options always give the
// same Report, to the last digit.
//
// # What is compared
//
// Daily mood is the mean of every mood recorded that calendar day (in Loc): the
// daily check-ins and the follow-ups answered that day (a follow-up counts on the
// day it was answered). Report.Sources says how many of each were used. Anxiety
// comes from the check-ins only; follow-ups do not ask it.
//
// A finished session's benefit is its mood change: the mean daily mood on days +1
// to +7 after it (day 0 is the session's own day) minus the mean on days -7 to -1,
// when each week has a mood on at least MinWindowDays days; the same for anxiety.
// Sessions close together share days, as they do in life. A session whose day +7 has
// not ended yet is "too recent".
//
// The session factors split the sessions with a benefit in two and compare the
// benefit of each side: preparation (PrepThreshold of the checklist done, or less;
// sessions without a checklist are left out), sleep in the 72 hours after (the mean
// hours slept of the follow-ups at +24, +48 and +72 hours, at or above the person's
// own median, or below; the +4 hour follow-up asks about the night before the
// session), stress in the 72 hours after (the mean stress of the four follow-ups,
// split the same way), integration (a journal entry written in the 72 hours after,
// about that session or standing alone, or all four follow-ups answered), setting
// (clinic, or home with or without a sitter) and intensity (IntenseThreshold or more,
// or less). Dose and the time between sessions are never factors, and nothing here
// tells anyone to change their treatment (docs/product.md, "What it must never do").
//
// The day factors compare daily mood: the mood of the day after a night of
// SleepNightHours or more (the hours a check-in or follow-up gives for "last night",
// on the day it was recorded) against shorter nights; days whose mean stress was
// HighStress or more against the others; and, among the days that have any tag
// (Daylio activities arrive as check-in tags), the days with each tag against those
// without it, for the MaxTags most used tags that have enough days.
//
// # How sure
//
// Every comparison gives both group sizes, the difference of the means and a 90%
// interval for it, from Resamples bootstrap resamples (sessions resampled within each
// group; days resampled a whole week at a time, since days of the same week are alike
// and a day-by-day bootstrap would be too sure of itself). A comparison needs
// MinSessions sessions, or MinDays days from MinWeeks different weeks, on each side;
// otherwise it says "not enough data yet".
//
// A difference is called linked to better (or worse) weeks only when its interval
// leaves out 0 and, with every comparison shown counted, it survives the
// Benjamini-Hochberg procedure at FalseDiscovery: its p-value comes from a
// permutation test for sessions (exact when the groups are small) and from the
// bootstrap for days. Otherwise it says "no clear difference so far". Resampling is
// driven by a generator seeded from Options.Seed and the comparison's ID, so the
// same data gives the same answer.
//
// Every sentence says that it is a pattern in the person's own records, not proof
// of cause, and a linked finding ends with the person's care team, never with
// advice.
package insights

import (
	"math"
	"time"

	"keel/model"
)

// The rules of the comparisons (see the package comment).
const (
	// WindowDays is the length of the weeks before and after a session, in days.
	WindowDays = 7
	// MinWindowDays is how many days of each week must have a mood (or an anxiety)
	// for a session's change to count.
	MinWindowDays = 3
	// PrepThreshold is the share of the checklist that makes a session "prepared for".
	PrepThreshold = 0.8
	// IntenseThreshold is the intensity (0-10) that makes a session "intense".
	IntenseThreshold = 7
	// SleepNightHours is the length of a "good night" for the daily sleep comparison.
	SleepNightHours = 7.0
	// HighStress is the mean stress (0-10) that makes a day "high-stress".
	HighStress = 7.0
	// MinSessions is the fewest sessions on each side of a session comparison.
	MinSessions = 3
	// MinDays is the fewest days on each side of a day comparison, and MinWeeks the
	// fewest different weeks those days must come from.
	MinDays  = 7
	MinWeeks = 3
	// MaxTags is the most tags compared: the most used ones with enough days.
	MaxTags = 10
	// Level is the coverage of the intervals.
	Level = 0.90
	// FalseDiscovery is the Benjamini-Hochberg level across the comparisons shown.
	FalseDiscovery = 0.10
	// Resamples is the number of bootstrap resamples (and of random permutations,
	// when the exact permutation test would take more).
	Resamples = 1000
	// DefaultSeed seeds the resampling when Options.Seed is 0.
	DefaultSeed uint64 = 0x6b65656c68656c70
)

// Options say when and where to judge.
type Options struct {
	// Now is the moment to judge at: records after it are left out, and a session
	// whose day +7 has not ended by then is too recent. Zero takes the time of the
	// latest record.
	Now time.Time
	// Loc is the calendar days are counted on: the person's time zone. nil is Now's
	// location.
	Loc *time.Location
	// Seed seeds the resampling; 0 takes DefaultSeed.
	Seed uint64
}

// Records are what Compute reads.
type Records struct {
	Sessions   []model.Session
	Checklists []model.Checklist
	CheckIns   []model.CheckIn
	FollowUps  []model.FollowUp
	Journal    []model.JournalEntry
}

// RecordsOf takes the records Compute reads out of h.
func RecordsOf(h *model.History) Records {
	return Records{
		Sessions:   model.Records[model.Session](h, model.Sessions),
		Checklists: model.Records[model.Checklist](h, model.Checklists),
		CheckIns:   model.Records[model.CheckIn](h, model.CheckIns),
		FollowUps:  model.Records[model.FollowUp](h, model.FollowUps),
		Journal:    model.Records[model.JournalEntry](h, model.Journal),
	}
}

// The JSON form of a Report (docs/insights-format.md).
const (
	FormatName    = "keel-insights"
	FormatVersion = 1
)

// Report is everything the "What helps" screen, the command line and the
// clinician's report show. Its JSON form is documented in docs/insights-format.md.
type Report struct {
	// Format is always "keel-insights", and Version the shape's version, 1.
	Format  string `json:"format"`
	Version int    `json:"version"`
	// At is the moment judged at (Options.Now), in the report's location; TimeZone
	// names that location.
	At       time.Time `json:"at"`
	TimeZone string    `json:"time_zone"`
	// Sources says where the daily mood came from.
	Sources Sources `json:"sources"`
	// Summary counts the finished sessions and gives their average change.
	Summary SessionSummary `json:"session_summary"`
	// Sessions are the finished sessions up to At, in time order, with their changes
	// and the factors recorded for them.
	Sessions []Session `json:"sessions"`
	// SessionFindings compare the sessions, one per factor, in a fixed order:
	// preparation, sleep after, stress after, integration, setting, intensity.
	SessionFindings []Finding `json:"session_findings"`
	// DayFindings compare days: sleep, stress, then the tags, most used first.
	DayFindings []Finding `json:"day_findings"`
	// Tested is the number of comparisons with enough data: the family the
	// Benjamini-Hochberg procedure counts. Linked is how many of them are linked.
	Tested int `json:"tested"`
	Linked int `json:"linked"`
	// Association and Comparisons are the two lines shown once: that these are
	// patterns, not causes; and how many comparisons were made and allowed for.
	Association string `json:"association"`
	Comparisons string `json:"comparisons"`
}

// Sources counts what the daily mood was made of: MoodDays days with a mood, from
// CheckIns check-ins and FollowUps answered follow-ups.
type Sources struct {
	MoodDays  int `json:"mood_days"`
	CheckIns  int `json:"checkins"`
	FollowUps int `json:"followups"`
	// Text says it in a sentence.
	Text string `json:"text"`
}

// SessionSummary counts the finished sessions: Compared have a mood change,
// TooRecent have not had their week after yet, TooFewDays lack moods on
// MinWindowDays days before or after. MoodChange and AnxietyChange are the means
// of the changes (nil without any), over Compared and AnxietyCompared sessions.
type SessionSummary struct {
	Finished        int      `json:"finished"`
	Compared        int      `json:"compared"`
	TooRecent       int      `json:"too_recent"`
	TooFewDays      int      `json:"too_few_days"`
	MoodChange      *float64 `json:"mood_change"`
	AnxietyCompared int      `json:"anxiety_compared"`
	AnxietyChange   *float64 `json:"anxiety_change"`
	// Text says it in plain words.
	Text string `json:"text"`
}

// SessionStatus says whether a session has a change to compare.
type SessionStatus string

// The statuses of a session.
const (
	Compared   SessionStatus = "compared"
	TooRecent  SessionStatus = "too_recent"
	TooFewDays SessionStatus = "too_few_days"
)

// Session is one finished session with its changes and its factors.
type Session struct {
	ID uint64    `json:"id"`
	At time.Time `json:"at"`
	// Status says whether Mood has a change.
	Status  SessionStatus `json:"status"`
	Mood    Change        `json:"mood"`
	Anxiety Change        `json:"anxiety"`
	// Preparation is the share of the checklist done (0-1), nil without a checklist.
	Preparation *float64 `json:"preparation"`
	// SleepAfter is the mean hours slept in the follow-ups at +24, +48 and +72 h;
	// StressAfter the mean stress of the four follow-ups; nil without any.
	SleepAfter  *float64 `json:"sleep_after"`
	StressAfter *float64 `json:"stress_after"`
	// Journal reports a journal entry in the 72 hours after; FollowUps counts the
	// follow-ups answered; Integrated is Journal or all four answered.
	Journal    bool          `json:"journal"`
	FollowUps  int           `json:"followups_answered"`
	Integrated bool          `json:"integrated"`
	Setting    model.Setting `json:"setting,omitempty"`
	Intensity  *int          `json:"intensity"`
}

// Change is a measure in the week before a session and the week after: the means of
// the daily values and on how many days; Change is After - Before, nil when either
// week has fewer than MinWindowDays days.
type Change struct {
	Before     *float64 `json:"before"`
	After      *float64 `json:"after"`
	BeforeDays int      `json:"before_days"`
	AfterDays  int      `json:"after_days"`
	Change     *float64 `json:"change"`
}

// Kind says what a finding compares.
type Kind string

// The kinds of finding.
const (
	// SessionKind compares sessions by their mood change.
	SessionKind Kind = "sessions"
	// DayKind compares days by their mood.
	DayKind Kind = "days"
)

// Verdict is what a finding comes to.
type Verdict string

// The verdicts. Only the two "linked" ones claim anything, and only an association.
const (
	NotEnoughData     Verdict = "not_enough_data"
	NoClearDifference Verdict = "no_clear_difference"
	LinkedBetter      Verdict = "linked_better"
	LinkedWorse       Verdict = "linked_worse"
)

// Linked reports whether the verdict is one of the linked ones.
func (v Verdict) Linked() bool { return v == LinkedBetter || v == LinkedWorse }

// The IDs of the findings; a tag's is TagID + the tag in lower case.
const (
	PreparationID = "preparation"
	SleepAfterID  = "sleep_after"
	StressAfterID = "stress_after"
	IntegrationID = "integration"
	SettingID     = "setting"
	IntensityID   = "intensity"
	SleepID       = "sleep"
	StressID      = "stress"
	TagID         = "tag:"
)

// Finding is one comparison: the sessions (or days) with a factor against those
// without it.
type Finding struct {
	ID    string `json:"id"`
	Kind  Kind   `json:"kind"`
	Title string `json:"title"`
	// Tag is the tag compared, as the person wrote it, for tag findings.
	Tag string `json:"tag,omitempty"`
	// Threshold is where the two sides split, in the factor's unit (a share of the
	// checklist, hours, stress 0-10, intensity 0-10); nil for yes/no factors.
	Threshold *float64 `json:"threshold,omitempty"`
	With      Group    `json:"with"`
	Without   Group    `json:"without"`
	// Difference is With.Mean - Without.Mean, in mood points (0-10), nil unless
	// both sides have at least one value.
	Difference *float64 `json:"difference"`
	// Interval is the Level interval of Difference, nil with too few on a side.
	Interval *Interval `json:"interval"`
	// P is the comparison's p-value and AdjustedP its Benjamini-Hochberg adjusted
	// value across the Report's Tested comparisons; nil with too few.
	P         *float64 `json:"p"`
	AdjustedP *float64 `json:"adjusted_p"`
	Verdict   Verdict  `json:"verdict"`
	// Headline, Detail and Care are the finding in plain words: what it comes to;
	// the numbers behind it; for a linked finding, "Worth mentioning to your care
	// team." ("" otherwise).
	Headline string `json:"headline"`
	Detail   string `json:"detail"`
	Care     string `json:"care,omitempty"`
}

// Group is one side of a comparison: its description, size and mean (mood change
// for sessions, mood for days; nil when empty). Weeks counts the different weeks a
// day group's days come from.
type Group struct {
	Label string   `json:"label"`
	N     int      `json:"n"`
	Mean  *float64 `json:"mean"`
	Weeks int      `json:"weeks,omitempty"`
}

// Interval is a range of the difference, Low to High.
type Interval struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// ExcludesZero reports whether the interval lies wholly above or below 0.
func (i Interval) ExcludesZero() bool { return i.Low > 0 || i.High < 0 }

// Compute works out every finding from the records (see the package comment).
func Compute(r Records, opt Options) Report {
	opt = opt.resolved(r)
	tl := newTimeline(r, opt)
	rep := Report{
		Format:   FormatName,
		Version:  FormatVersion,
		At:       opt.Now.In(opt.Loc),
		TimeZone: opt.Loc.String(),
		Sources:  tl.sources(),
	}
	rep.Sessions = tl.sessions(r)
	rep.Summary = summarise(rep.Sessions)
	rep.SessionFindings = sessionFindings(rep.Sessions, opt.Seed)
	rep.DayFindings = tl.dayFindings(opt.Seed)
	rep.judge()
	return rep
}

// Findings returns the session findings, then the day findings.
func (r *Report) Findings() []Finding {
	out := make([]Finding, 0, len(r.SessionFindings)+len(r.DayFindings))
	out = append(out, r.SessionFindings...)
	return append(out, r.DayFindings...)
}

// resolved fills in the options' defaults.
func (opt Options) resolved(r Records) Options {
	if opt.Now.IsZero() {
		opt.Now = latest(r)
	}
	if opt.Loc == nil {
		opt.Loc = opt.Now.Location()
	}
	if opt.Seed == 0 {
		opt.Seed = DefaultSeed
	}
	return opt
}

// latest is the time of the latest record, or the zero time.
func latest(r Records) time.Time {
	var t time.Time
	see := func(u time.Time) {
		if u.After(t) {
			t = u
		}
	}
	for i := range r.Sessions {
		if r.Sessions[i].Done() {
			see(r.Sessions[i].At)
		}
	}
	for i := range r.CheckIns {
		see(r.CheckIns[i].At)
	}
	for i := range r.FollowUps {
		if f := r.FollowUps[i].Filled; f != nil {
			see(*f)
		}
	}
	for i := range r.Journal {
		see(r.Journal[i].At)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
