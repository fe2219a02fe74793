package insights

import (
	"fmt"
	"slices"
	"time"

	"gonum.org/v1/gonum/stat"

	"keel/model"
)

// The 72 hours after a session, and how long its follow-ups count as answered: the
// last one's window closes a day after it falls due (model.FollowUp.Closes).
const (
	after72       = 72 * time.Hour
	followUpsOpen = 96 * time.Hour
)

// sessions lists the finished sessions up to tl.now, in time order, with their
// changes and factors.
func (tl *timeline) sessions(r Records) []Session {
	checklists := make(map[uint64]*model.Checklist, len(r.Checklists))
	for i := range r.Checklists {
		checklists[r.Checklists[i].SessionID] = &r.Checklists[i]
	}
	followUps := map[uint64][]*model.FollowUp{}
	for i := range r.FollowUps {
		f := &r.FollowUps[i]
		followUps[f.SessionID] = append(followUps[f.SessionID], f)
	}
	journal := make([]time.Time, 0, len(r.Journal)) // entries that may count for any session
	tied := map[uint64][]time.Time{}
	for _, j := range r.Journal {
		if j.At.After(tl.now) {
			continue
		}
		if j.SessionID == 0 {
			journal = append(journal, j.At)
		} else {
			tied[j.SessionID] = append(tied[j.SessionID], j.At)
		}
	}
	slices.SortFunc(journal, time.Time.Compare)

	var done []*model.Session
	for i := range r.Sessions {
		s := &r.Sessions[i]
		if s.Done() && !s.At.IsZero() && !s.At.After(tl.now) {
			done = append(done, s)
		}
	}
	slices.SortStableFunc(done, func(a, b *model.Session) int { return a.At.Compare(b.At) })

	out := make([]Session, 0, len(done))
	for _, s := range done {
		d0 := model.DayNumber(s.At, tl.loc)
		complete := tl.today > d0+WindowDays
		ss := Session{ID: s.ID, At: s.At.In(tl.loc), Setting: s.Setting, Intensity: s.Intensity,
			Mood: tl.change(d0, complete, moodOf), Anxiety: tl.change(d0, complete, anxietyOf)}
		switch {
		case !complete:
			ss.Status = TooRecent
		case ss.Mood.Change == nil:
			ss.Status = TooFewDays
		default:
			ss.Status = Compared
		}
		if c := checklists[s.ID]; c != nil && len(c.Items) > 0 {
			ss.Preparation = ptr(c.Score(*s).Fraction())
		}
		var sleep, stress acc
		var steps [4]bool
		for _, f := range followUps[s.ID] {
			if f.Filled == nil || f.Filled.After(tl.now) || f.Step < 0 || f.Step >= len(steps) {
				continue
			}
			if f.Step > 0 { // the +4 h follow-up's "last night" is the night before
				sleep.addHours(f.SleepHours)
			}
			stress.addInt(f.Stress)
			if !f.Filled.After(s.At.Add(followUpsOpen)) {
				steps[f.Step] = true
			}
		}
		if sleep.n > 0 {
			ss.SleepAfter = ptr(sleep.mean())
		}
		if stress.n > 0 {
			ss.StressAfter = ptr(stress.mean())
		}
		for _, ok := range steps {
			if ok {
				ss.FollowUps++
			}
		}
		ss.Journal = within(tied[s.ID], s.At) || within(journal, s.At)
		ss.Integrated = ss.Journal || ss.FollowUps == len(steps)
		out = append(out, ss)
	}
	return out
}

// within reports whether a time in ts falls in the 72 hours after at.
func within(ts []time.Time, at time.Time) bool {
	for _, t := range ts {
		if !t.Before(at) && !t.After(at.Add(after72)) {
			return true
		}
	}
	return false
}

// summarise counts the sessions and averages their changes.
func summarise(ss []Session) SessionSummary {
	var sum SessionSummary
	var mood, anxiety []float64
	for _, s := range ss {
		sum.Finished++
		switch s.Status {
		case Compared:
			sum.Compared++
			mood = append(mood, *s.Mood.Change)
		case TooRecent:
			sum.TooRecent++
		default:
			sum.TooFewDays++
		}
		if s.Anxiety.Change != nil {
			anxiety = append(anxiety, *s.Anxiety.Change)
		}
	}
	sum.AnxietyCompared = len(anxiety)
	if len(mood) > 0 {
		sum.MoodChange = ptr(stat.Mean(mood, nil))
	}
	if len(anxiety) > 0 {
		sum.AnxietyChange = ptr(stat.Mean(anxiety, nil))
	}
	sum.Text = summaryText(sum)
	return sum
}

// sessionRule is one session comparison: which side a compared session is on (ok
// false leaves it out), given the split point for median factors.
type sessionRule struct {
	id     string
	median func(s *Session) *float64 // the value split at its median, or nil
	split  *float64                  // a fixed split, shown as the threshold
	side   func(s *Session, median float64) (with, ok bool)
}

var sessionRules = []sessionRule{
	{id: PreparationID, split: ptr(PrepThreshold), side: func(s *Session, _ float64) (bool, bool) {
		return s.Preparation != nil && *s.Preparation >= PrepThreshold-1e-9, s.Preparation != nil
	}},
	{id: SleepAfterID, median: func(s *Session) *float64 { return s.SleepAfter }, side: func(s *Session, m float64) (bool, bool) {
		return s.SleepAfter != nil && *s.SleepAfter >= m, s.SleepAfter != nil
	}},
	{id: StressAfterID, median: func(s *Session) *float64 { return s.StressAfter }, side: func(s *Session, m float64) (bool, bool) {
		return s.StressAfter != nil && *s.StressAfter >= m, s.StressAfter != nil
	}},
	{id: IntegrationID, side: func(s *Session, _ float64) (bool, bool) { return s.Integrated, true }},
	{id: SettingID, side: func(s *Session, _ float64) (bool, bool) {
		switch s.Setting {
		case model.SettingClinic:
			return true, true
		case model.SettingHomeSitter, model.SettingHomeAlone:
			return false, true
		}
		return false, false
	}},
	{id: IntensityID, split: ptr(float64(IntenseThreshold)), side: func(s *Session, _ float64) (bool, bool) {
		return s.Intensity != nil && *s.Intensity >= IntenseThreshold, s.Intensity != nil
	}},
}

// sessionFindings compares the compared sessions on each factor.
func sessionFindings(ss []Session, seed uint64) []Finding {
	var compared []*Session
	for i := range ss {
		if ss[i].Status == Compared {
			compared = append(compared, &ss[i])
		}
	}
	out := make([]Finding, len(sessionRules))
	for i, r := range sessionRules {
		f := Finding{ID: r.id, Kind: SessionKind, Threshold: r.split}
		split := 0.0
		if r.median != nil {
			var vs []float64
			for _, s := range compared {
				if v := r.median(s); v != nil {
					vs = append(vs, *v)
				}
			}
			if len(vs) > 0 {
				slices.Sort(vs)
				split = stat.Quantile(0.5, stat.Empirical, vs, nil)
				f.Threshold = ptr(split)
			}
		}
		var with, without []float64
		for _, s := range compared {
			w, ok := r.side(s, split)
			switch {
			case !ok:
			case w:
				with = append(with, *s.Mood.Change)
			default:
				without = append(without, *s.Mood.Change)
			}
		}
		f.With, f.Without = groupOf(with), groupOf(without)
		if f.With.Mean != nil && f.Without.Mean != nil {
			f.Difference = ptr(*f.With.Mean - *f.Without.Mean)
		}
		if len(with) >= MinSessions && len(without) >= MinSessions {
			rng := newRNG(seed, r.id)
			iv, _ := intervalAndP(bootstrapDiff(with, without, rng))
			p := permutationP(with, without, rng)
			f.Interval, f.P = &iv, &p
		}
		out[i] = f
	}
	return out
}

func groupOf(vs []float64) Group {
	g := Group{N: len(vs)}
	if len(vs) > 0 {
		g.Mean = ptr(stat.Mean(vs, nil))
	}
	return g
}

// count is n and the noun, singular or plural: "no sessions", "1 session", "3
// sessions".
func count(n int, noun string) string {
	switch n {
	case 0:
		return "no " + noun + "s"
	case 1:
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
