package insights

import (
	"math"
	"math/rand/v2"
	"time"

	"keel/model"
)

// history builds a set of records by hand, in one location.
type history struct {
	r   Records
	loc *time.Location
	id  uint64
}

func newHistory(loc *time.Location) *history { return &history{loc: loc} }

func (h *history) next() uint64 {
	h.id++
	return h.id
}

// at is the given date and time in the history's location.
func (h *history) at(y int, m time.Month, d, hour, min int) time.Time {
	return time.Date(y, m, d, hour, min, 0, 0, h.loc)
}

// mood adds a check-in with a mood at t.
func (h *history) mood(t time.Time, mood int) *model.CheckIn {
	h.r.CheckIns = append(h.r.CheckIns, model.CheckIn{ID: h.next(), At: t, Mood: &mood})
	return &h.r.CheckIns[len(h.r.CheckIns)-1]
}

// session adds a finished session at t and returns its ID.
func (h *history) session(t time.Time) *model.Session {
	h.r.Sessions = append(h.r.Sessions, model.Session{ID: h.next(), At: t, Status: model.StatusDone, Route: model.RouteIV})
	return &h.r.Sessions[len(h.r.Sessions)-1]
}

// checklist gives session s a checklist of total items, done of them ticked.
func (h *history) checklist(s *model.Session, done, total int) {
	c := model.NewChecklist(s.ID, model.Template{Route: s.Route})
	for i := range total {
		it := model.ChecklistItem{Text: "item"}
		if i < done {
			at := s.At.Add(-time.Hour)
			it.DoneAt = &at
		}
		c.Items = append(c.Items, it)
	}
	h.r.Checklists = append(h.r.Checklists, c)
}

// followUp answers follow-up step of s, after hours, with the given sleep and stress
// (negative: not given).
func (h *history) followUp(s *model.Session, step int, after time.Duration, mood int, sleep float64, stress int) {
	f := model.NewFollowUps(*s)[step]
	filled := s.At.Add(after)
	f.Filled = &filled
	if mood >= 0 {
		f.Mood = &mood
	}
	if sleep >= 0 {
		f.SleepHours = &sleep
	}
	if stress >= 0 {
		f.Stress = &stress
	}
	h.r.FollowUps = append(h.r.FollowUps, f)
}

// world is a made-up person: a mood that wanders (AR(1) around 6), sessions every
// three weeks or so with random preparation, follow-ups, journal entries, settings
// and intensities, check-ins on most days with sleep, stress and tags. The effects
// plant differences: each is added to the mood of days +1..+7 after a session with
// the factor (sessions) or to the mood of a day with it (days); zero plants none.
type world struct {
	days                    int
	prepEffect, sleepEffect float64 // sessions prepared for, sessions with 7.25 h sleep or more after
	nightEffect, walkEffect float64 // days after 7 h sleep or more, days tagged "walk"
}

var worldStart = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// make returns the world's records, seeded, and the moment after its last day.
func (w world) make(seed uint64) (Records, time.Time) {
	rng := rand.New(rand.NewPCG(seed, 0x77))
	h := newHistory(time.UTC)
	lift := make([]float64, w.days+8)
	for d := 10 + rng.IntN(7); d < w.days-8; d += 14 + rng.IntN(15) {
		s := h.session(worldStart.AddDate(0, 0, d).Add(10 * time.Hour))
		s.Setting = []model.Setting{model.SettingClinic, model.SettingHomeSitter, model.SettingHomeAlone}[rng.IntN(3)]
		s.Intensity = ptr(rng.IntN(11))
		done := 3 + rng.IntN(8)
		h.checklist(s, done, 10)
		effect := 0.0
		if done >= 8 {
			effect += w.prepEffect
		}
		var sleep float64
		var n int
		for step := range 4 {
			if rng.IntN(7) == 0 {
				continue
			}
			hours := math.Round((5.5+rng.Float64()*3.5)*2) / 2
			h.followUp(s, step, model.FollowUpOffsets[step]+time.Duration(rng.IntN(90))*time.Minute, -1, hours, rng.IntN(8))
			if step > 0 {
				sleep += hours
				n++
			}
		}
		if n > 0 && sleep/float64(n) >= 7.25 {
			effect += w.sleepEffect
		}
		if rng.IntN(2) == 0 {
			h.r.Journal = append(h.r.Journal, model.JournalEntry{ID: h.next(), SessionID: s.ID, At: s.At.Add(30 * time.Hour), Text: "notes"})
		}
		for k := 1; k <= 7; k++ {
			lift[d+k] += effect
		}
	}
	noise := 0.0
	for d := range w.days {
		noise = 0.5*noise + rng.NormFloat64()*1.1
		if rng.IntN(7) == 0 {
			continue
		}
		sleep := math.Round((5+rng.Float64()*4)*2) / 2
		stress := min(10, int(rng.ExpFloat64()*3.5))
		v := 6 + noise + lift[d]
		if sleep >= 7 {
			v += w.nightEffect
		}
		var tags []string
		for _, t := range []struct {
			name string
			p    float64
		}{{"walk", 0.3}, {"Work", 0.5}, {"friends", 0.2}, {"reading", 0.15}} {
			if rng.Float64() < t.p {
				tags = append(tags, t.name)
			}
		}
		if slicesContains(tags, "walk") {
			v += w.walkEffect
		}
		mood := max(0, min(10, int(math.Round(v))))
		c := h.mood(worldStart.AddDate(0, 0, d).Add(time.Duration(19*60+rng.IntN(240))*time.Minute), mood)
		c.SleepHours, c.Stress, c.Tags = &sleep, &stress, tags
	}
	return h.r, worldStart.AddDate(0, 0, w.days)
}

func slicesContains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
