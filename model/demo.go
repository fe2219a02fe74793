package model

import (
	"fmt"
	"math/rand/v2"
	"time"

	bolt "go.etcd.io/bbolt"
)

// History is a set of records of every kind, as written by the demo or read from an
// export.
type History struct {
	Sessions []Session
}

// Add validates every record of h and stores them all in one transaction: either all
// are saved or none is. Records are added as new ones (their IDs are reassigned).
func (s *Store) Add(h History) error {
	now := s.now()
	for i := range h.Sessions {
		if err := h.Sessions[i].Validate(now); err != nil {
			return fmt.Errorf("session %d of %d (%s): %w", i+1, len(h.Sessions), h.Sessions[i].At.Format(time.DateOnly), err)
		}
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		for i := range h.Sessions {
			sess := h.Sessions[i]
			sess.ID = 0
			if err := put(tx, sessionsC, &sess, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// IsEmpty reports whether the store holds no records at all.
func (s *Store) IsEmpty() (bool, error) {
	empty := true
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, c := range collections {
			if k, _ := tx.Bucket(c.bucket).Cursor().First(); k != nil {
				empty = false
			}
		}
		return nil
	})
	return empty, err
}

// Demo makes a realistic history ending at now, for trying Keel out, screenshots and
// benchmarks: a first course of 6 IV infusions over about two and a half weeks, then
// boosters about monthly, for years years (at least 1); later years add a second
// course with the nasal spray. The same now, years and seed give the same history.
func Demo(now time.Time, years int, seed uint64) History {
	if years < 1 {
		years = 1
	}
	d := demo{rng: rand.New(rand.NewPCG(seed, seed^0x6b65656c)), now: now}
	start := midnight(now).AddDate(-years, 0, 14)
	// First course: Mon, Wed, Fri, Mon, Wed and the Monday after.
	day := start
	for i, gap := range []int{0, 2, 2, 3, 2, 5} {
		day = day.AddDate(0, 0, gap)
		d.iv(day, i)
	}
	// Then boosters every 3-5 weeks, with a nasal-spray course (twice weekly) every
	// third year, up to yesterday.
	yesterday := midnight(now).AddDate(0, 0, -1)
	for n := 1; ; n++ {
		if n%36 == 0 {
			for i := range 8 {
				if next := day.AddDate(0, 0, 3+i%2); !next.After(yesterday) {
					day = next
					d.nasal(day, i)
				}
			}
		}
		day = day.AddDate(0, 0, 24+d.rng.IntN(14))
		if day.After(yesterday) {
			break
		}
		d.iv(day, 6+n)
	}
	d.plan(midnight(now).AddDate(0, 0, 6))
	d.plan(midnight(now).AddDate(0, 0, 34))
	return History{Sessions: d.sessions}
}

type demo struct {
	rng      *rand.Rand
	now      time.Time
	sessions []Session
}

func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

func ptr[T any](v T) *T { return &v }

var demoIntentions = []string{
	"Notice the loop of self-criticism without arguing with it.",
	"Let whatever comes up come up. Breathe into the chest.",
	"Ask what I am protecting myself from.",
	"Stay curious instead of bracing.",
	"Be kind to the part of me that is still scared of hoping.",
	"Look at the grief about Dad, gently.",
	"Rest. Nothing to achieve today.",
}

var demoNotes = []string{
	"Felt like floating above a quiet lake. Cried a little on the way home — good tears.",
	"Mostly flat. Music helped. Tired afterwards and slept 9 h.",
	"Strange colours, then a long calm stretch. Nurse checked my blood pressure twice.",
	"Bit of nausea at the start; the anti-nausea tablet helped.",
	"Saw the self-criticism from a distance for the first time in years.",
	"Confusing session. Wrote three pages in the journal the next morning.",
	"Talked with Léa about it in the evening. Felt lighter — «как будто снял рюкзак».",
}

var drivers = []string{"Sam (partner)", "Mum", "Friend (Jo)", "Sam (partner)", "Sister"}

func (d *demo) scale(lo, hi int) *int { return ptr(lo + d.rng.IntN(hi-lo+1)) }

func (d *demo) pick(words []string, n int) []string {
	out := []string{}
	for _, i := range d.rng.Perm(len(words))[:n] {
		out = append(out, words[i])
	}
	return out
}

func (d *demo) bp(sys, dia int) *BloodPressure {
	return &BloodPressure{Systolic: sys + d.rng.IntN(12), Diastolic: dia + d.rng.IntN(8)}
}

// done fills what a completed session has, improving slowly with n.
func (d *demo) done(s *Session, n int) {
	s.Status = StatusDone
	lift := min(n/3, 3)
	s.MoodBefore = d.scale(2+lift/2, 4+lift)
	s.MoodAfter = d.scale(*s.MoodBefore, min(*s.MoodBefore+4, 10))
	s.Intensity = d.scale(3, 8)
	s.Dissociation = d.scale(2, 8)
	s.Character = d.pick(Characters, 1+d.rng.IntN(2))
	if d.rng.IntN(3) == 0 {
		s.SideEffects = d.pick(SideEffects[:4], 1+d.rng.IntN(2))
	}
	s.BPBefore = d.bp(118, 74)
	s.BPAfter40 = d.bp(126, 80)
	s.BPDischarge = d.bp(120, 76)
	if d.rng.IntN(4) == 0 {
		s.BPAfter40 = &BloodPressure{Systolic: 144 + d.rng.IntN(8), Diastolic: 88 + d.rng.IntN(6)}
		s.SideEffects = append(s.SideEffects, "Raised blood pressure")
	}
	s.DroveHome = drivers[d.rng.IntN(len(drivers))]
	s.Notes = demoNotes[d.rng.IntN(len(demoNotes))]
}

func (d *demo) iv(day time.Time, n int) {
	s := Session{
		At: day.Add(10 * time.Hour), Route: RouteIV,
		Dose:     &Dose{Amount: 0.5, Unit: UnitMgPerKg},
		Provider: "Clearwater Ketamine Clinic", Setting: SettingClinic,
		Intention: demoIntentions[d.rng.IntN(len(demoIntentions))],
		Cost:      ptr(Money(550_00)),
	}
	if n >= 6 {
		s.Cost = ptr(Money(495_00))
	}
	if n%2 == 1 {
		s.Reimbursed = ptr(Money(120_00))
	}
	d.done(&s, n)
	d.sessions = append(d.sessions, s)
}

func (d *demo) nasal(day time.Time, n int) {
	devices := 2.0
	if n > 0 {
		devices = 3
	}
	s := Session{
		At: day.Add(9*time.Hour + 30*time.Minute), Route: RouteNasal,
		Dose:     &Dose{Amount: devices, Unit: UnitDevices},
		Provider: "Northside Psychiatry (Spravato)", Setting: SettingClinic,
		Intention: demoIntentions[d.rng.IntN(len(demoIntentions))],
		Cost:      ptr(Money(890_00)), Reimbursed: ptr(Money(712_00)),
	}
	d.done(&s, n+6)
	d.sessions = append(d.sessions, s)
}

func (d *demo) plan(day time.Time) {
	d.sessions = append(d.sessions, Session{
		At: day.Add(10 * time.Hour), Status: StatusPlanned, Route: RouteIV,
		Dose:     &Dose{Amount: 0.5, Unit: UnitMgPerKg},
		Provider: "Clearwater Ketamine Clinic", Setting: SettingClinic,
		Intention: "Keep the space I found last time. Ask about spacing boosters further apart.",
		Cost:      ptr(Money(495_00)),
	})
}
