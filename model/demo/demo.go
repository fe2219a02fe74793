// Package demo makes made-up histories for trying Keel out, for screenshots and for
// benchmarks.
package demo

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"keel/model"
)

// Demo makes a realistic history ending at now, for trying Keel out, screenshots and
// benchmarks. The first year: a PHQ-9 of about 18 and GAD-7 of about 14 before a course
// of 6 IV infusions over two and a half weeks, then boosters every 3-5 weeks; weekly
// questionnaires that improve unevenly, with a dip around weeks 6-9; daily check-ins
// on most days; checklists mostly complete, now and then much less; follow-ups and
// integration journal entries after most sessions. Later years hold steady with
// boosters and, every third year, a nasal-spray course. Two sessions are planned
// ahead. The same now, years and seed give the same history.
//
// The history has the structure the field notes describe (docs/product.md, "What the
// field notes say"), so that the "What helps" screen has something to show: the week
// after a session is lighter when its checklist was 80% or more done and when the
// nights after it were long, whatever its intensity; days with a walk or time with
// friends, and days after a good night, are a little better.
func Demo(now time.Time, years int, seed uint64) model.History {
	if years < 1 {
		years = 1
	}
	// #nosec G404 -- made-up data: the same seed must give the same demo, nothing is secret
	d := &demo{rng: rand.New(rand.NewPCG(seed, seed^0x6b65656c)), now: now, lift: map[time.Time]float64{}}
	start := midnight(now).AddDate(-years, 0, 14)
	d.start = start
	yesterday := midnight(now).AddDate(0, 0, -1)

	// Sessions: the first course (Mon, Wed, Fri, Mon, Wed and the Monday after), then
	// boosters every 3-5 weeks, with a nasal-spray course every third year.
	day := start.AddDate(0, 0, 7)
	course := model.NewCourse(model.CourseIV, day)
	course.ID = d.next(6)
	d.courses = append(d.courses, course)
	for i, gap := range []int{0, 2, 2, 3, 2, 5} {
		day = day.AddDate(0, 0, gap)
		d.iv(day, i)
	}
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
	d.plan(midnight(now).AddDate(0, 0, 6), true)
	d.plan(midnight(now).AddDate(0, 0, 34), false)

	// Questionnaires weekly (a day late now and then, a week skipped rarely), from a
	// few days before the first session: that first one, the baseline the verdict
	// compares with, is never skipped.
	first := start.AddDate(0, 0, 3).Add(19 * time.Hour)
	for q := first; q.Before(now); q = q.AddDate(0, 0, 7) {
		if d.rng.IntN(12) == 0 && !q.Equal(first) {
			continue
		}
		at := q.Add(time.Duration(d.rng.IntN(26)) * time.Hour)
		if at.After(now) {
			break
		}
		d.questionnaires(at)
	}
	// Check-ins on most evenings.
	for c := start.Add(21 * time.Hour); c.Before(now); c = c.AddDate(0, 0, 1) {
		if d.rng.IntN(7) == 0 {
			continue
		}
		d.checkIn(c.Add(time.Duration(d.rng.IntN(120)-60) * time.Minute))
	}
	// A few entries that stand alone.
	for j := start.AddDate(0, 0, 40); j.Before(now); j = j.AddDate(0, 0, 45+d.rng.IntN(30)) {
		d.journal(0, j.Add(22*time.Hour), "", demoStandalone[d.rng.IntN(len(demoStandalone))])
	}
	return d.history()
}

type demo struct {
	rng   *rand.Rand
	now   time.Time
	start time.Time
	ids   [7]uint64
	// lift is how much lighter each day is for the sessions before it (see afterEffect).
	lift map[time.Time]float64

	sessions       []model.Session
	checklists     []model.Checklist
	checkIns       []model.CheckIn
	responses      []model.Response
	followUpList   []model.FollowUp
	journalEntries []model.JournalEntry
	courses        []model.Course
}

// history gathers what the demo made. Only planned sessions and follow-ups not yet
// due lie ahead of now: a check-in, questionnaire or journal entry whose random time
// fell after now is left out, since the store refuses records dated in the future.
func (d *demo) history() model.History {
	var h model.History
	past := func(t time.Time) bool { return !t.After(d.now) }
	model.AddRecords(&h, model.Sessions, d.sessions)
	model.AddRecords(&h, model.Checklists, d.checklists)
	model.AddRecords(&h, model.CheckIns, keep(d.checkIns, func(c model.CheckIn) bool { return past(c.At) }))
	model.AddRecords(&h, model.Questionnaires, keep(d.responses, func(r model.Response) bool { return past(r.At) }))
	model.AddRecords(&h, model.FollowUps, d.followUpList)
	model.AddRecords(&h, model.Journal, keep(d.journalEntries, func(j model.JournalEntry) bool { return past(j.At) }))
	model.AddRecords(&h, model.Courses, d.courses)
	return h
}

func keep[T any](rs []T, ok func(T) bool) []T {
	var out []T
	for _, r := range rs {
		if ok(r) {
			out = append(out, r)
		}
	}
	return out
}

func midnight(t time.Time) time.Time { return model.Midnight(t) }

func ptr[T any](v T) *T { return &v }

// next hands out IDs per kind, in time order of creation.
func (d *demo) next(kind int) uint64 {
	d.ids[kind]++
	return d.ids[kind]
}

// depression is the demo's underlying PHQ-9 level on day t: about 18 before treatment,
// falling through the first course, a dip around weeks 6-9 ("a dip between sessions
// is common"), then settling around 6 with small waves.
func (d *demo) depression(t time.Time) float64 {
	w := t.Sub(d.start).Hours() / 24 / 7 // weeks since the start
	switch {
	case w < 1:
		return 18
	case w < 4:
		return 18 - 3*(w-1) // 18 -> 9 over the course
	case w < 6:
		return 9
	case w < 9:
		return 9 + 4*math.Sin((w-6)/3*math.Pi) // the dip, up to 13
	case w < 26:
		return 9 - 3*(w-9)/17 // 9 -> 6
	}
	return 5.5 + 1.5*math.Sin(w/5)
}

// noisy is level rounded, give or take spread, at most top (callers clamp at 0).
func (d *demo) noisy(level float64, spread int, top int) int {
	return min(top, int(math.Round(level))+d.rng.IntN(2*spread+1)-spread)
}

// answers spreads a total over n items of 0..top, as a real questionnaire would be.
func (d *demo) answers(total, n, top int, keepLastZero bool) []int {
	a := make([]int, n)
	limit := n
	if keepLastZero {
		limit = n - 1
	}
	total = max(0, min(total, limit*top))
	for total > 0 {
		i := d.rng.IntN(limit)
		if a[i] < top {
			a[i]++
			total--
		}
	}
	return a
}

func (d *demo) questionnaires(at time.Time) {
	level := d.depression(at)
	phq := max(0, d.noisy(level, 2, 27))
	ans := d.answers(phq, 9, 3, true)
	if level >= 15 && d.rng.IntN(2) == 0 {
		ans[8] = 1 // item 9, "several days", early on, as is common before treatment
	}
	diff := min(3, phq/7)
	d.responses = append(d.responses, model.Response{ID: d.next(3), Instrument: model.PHQ9.ID, At: at, Answers: ans, Extra: &diff})
	gad := max(0, d.noisy(level*0.78, 2, 21))
	d.responses = append(d.responses, model.Response{ID: d.next(3), Instrument: model.GAD7.ID, At: at.Add(4 * time.Minute), Answers: d.answers(gad, 7, 3, false)})
}

func (d *demo) scale10(v float64) *int {
	return ptr(max(0, min(10, int(math.Round(v))+d.rng.IntN(3)-1)))
}

func (d *demo) checkIn(at time.Time) {
	level := d.depression(at) // 0..27
	lift := d.lift[midnight(at)]
	sleep := math.Round((6.3+d.rng.Float64()*2-level*0.03)*2) / 2
	if sleep >= 7 {
		lift += 0.4
	}
	var tags []string
	for _, a := range demoActivities {
		if d.rng.Float64() < a.share {
			tags = append(tags, a.name)
			lift += a.lift
		}
	}
	c := model.CheckIn{
		ID: d.next(2), At: at,
		Mood:         d.scale10(8.5 - level*0.3 + lift),
		Anxiety:      d.scale10(1.5 + level*0.25 - lift/2),
		SleepHours:   &sleep,
		SleepQuality: d.scale10(7.5 - level*0.2),
		Stress:       d.scale10(2.5 + level*0.2),
		Tags:         tags,
	}
	if d.rng.IntN(6) == 0 {
		c.Note = demoCheckInNotes[d.rng.IntN(len(demoCheckInNotes))]
	}
	d.checkIns = append(d.checkIns, c)
}

// demoActivities are the tags of the demo's check-ins, as a Daylio import brings
// them: how often each comes up and how much lighter a day with it is.
var demoActivities = []struct {
	name  string
	share float64
	lift  float64
}{{"work", 0.55, 0}, {"walk", 0.35, 0.7}, {"friends", 0.2, 0.6}, {"reading", 0.25, 0}, {"therapy", 0.08, 0}}

// afterEffect makes the week after session s lighter by how it went: better when
// it was prepared for (80% or more of the checklist done) and when the nights after
// it were long (7.5 hours or more on average), never by its intensity. The lift
// fades over the seven days.
func (d *demo) afterEffect(s model.Session, prep model.Preparation, sleep float64) {
	lift := -0.3
	if prep.Fraction() >= 0.8 {
		lift += 1.2
	}
	if sleep >= 7.5 {
		lift += 1.0
	}
	day := midnight(s.At)
	for k := 1; k <= 7; k++ {
		d.lift[day.AddDate(0, 0, k)] += lift * (1 - float64(k-1)/10)
	}
}

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

var demoCheckInNotes = []string{
	"Long day at work, but I noticed the tension instead of drowning in it.",
	"Walked by the river. Quiet head.",
	"Slept badly, everything felt heavier.",
	"Argument with my brother; bounced back quicker than usual.",
	"Therapy today. Tired but good.",
	"Low afternoon. Reminded myself dips are common.",
}

var demoJournal = map[string][]string{
	model.IntegrationPrompts[0]: {
		"An old memory of school, but it didn't grab me the way it usually does.",
		"Mostly sadness about the lost years, and then, oddly, relief.",
		"A sense of being held. Hard to put into words.",
	},
	model.IntegrationPrompts[1]: {
		"The inner critic sounded further away, like a radio in another room.",
		"I could look at the to-do list without the dread.",
		"My body felt less braced. Shoulders down.",
	},
	model.IntegrationPrompts[2]: {
		"Pause before answering the critical voice: is this true?",
		"Ten minutes outside every morning, whatever the weather.",
		"Tell J. what I need instead of hoping they guess.",
	},
}

var demoStandalone = []string{
	"Three months in. Not fixed, but there is more space between me and the dark thoughts.",
	"Rough week. Writing it down so I remember it passed last time too.",
	"Noticed I laughed properly today. Small thing, big thing.",
	"Spoke to my GP about the long-term plan. Felt listened to.",
}

var drivers = []string{"Sam (partner)", "Mum", "Friend (Jo)", "Sam (partner)", "Sister"}

func (d *demo) pick(words []string, n int) []string {
	var out []string
	for _, i := range d.rng.Perm(len(words))[:n] {
		out = append(out, words[i])
	}
	return out
}

func (d *demo) bp(sys, dia int) *model.BloodPressure {
	return &model.BloodPressure{Systolic: sys + d.rng.IntN(12), Diastolic: dia + d.rng.IntN(8)}
}

// done fills what a completed session has, with moods that follow the demo's course,
// then adds its checklist, follow-ups and journal entries.
func (d *demo) done(s *model.Session) {
	s.Status = model.StatusDone
	level := d.depression(s.At)
	s.MoodBefore = d.scale10(8 - level*0.3)
	s.MoodAfter = ptr(min(10, *s.MoodBefore+1+d.rng.IntN(3)))
	s.Intensity = ptr(3 + d.rng.IntN(6))
	s.Dissociation = ptr(2 + d.rng.IntN(7))
	s.Character = d.pick(model.Characters, 1+d.rng.IntN(2))
	if d.rng.IntN(3) == 0 {
		s.SideEffects = d.pick(model.SideEffects[:4], 1+d.rng.IntN(2))
	}
	s.BPBefore = d.bp(118, 74)
	s.BPAfter40 = d.bp(126, 80)
	s.BPDischarge = d.bp(120, 76)
	if d.rng.IntN(5) == 0 {
		s.BPAfter40 = &model.BloodPressure{Systolic: 144 + d.rng.IntN(8), Diastolic: 88 + d.rng.IntN(6)}
		s.SideEffects = append(s.SideEffects, "Raised blood pressure")
	}
	s.DroveHome = drivers[d.rng.IntN(len(drivers))]
	s.Notes = demoNotes[d.rng.IntN(len(demoNotes))]
	s.ID = d.next(0)
	d.sessions = append(d.sessions, *s)
	share := 0.85 + 0.15*d.rng.Float64() // most sessions well prepared, some less
	if d.rng.IntN(10) < 3 {
		share = 0.3 + 0.4*d.rng.Float64()
	}
	d.followUps(*s, d.checklist(*s, share))
	if d.rng.IntN(5) < 3 {
		for _, p := range d.pick(model.IntegrationPrompts, 1+d.rng.IntN(2)) {
			at := s.At.Add(time.Duration(20+d.rng.IntN(50)) * time.Hour)
			if at.Before(d.now) {
				d.journal(s.ID, at, p, demoJournal[p][d.rng.IntN(len(demoJournal[p]))])
			}
		}
	}
}

// checklist ticks about share of a session's default checklist, a day or two before
// it, and returns how much of it is done.
func (d *demo) checklist(s model.Session, share float64) model.Preparation {
	c := model.NewChecklist(s.ID, model.DefaultTemplate(s.Route))
	for i := range c.Items {
		if c.Items[i].Kind == model.ItemTick && d.rng.Float64() < share {
			at := s.At.Add(-time.Duration(2+d.rng.IntN(40)) * time.Hour)
			c.Items[i].DoneAt = &at
		}
	}
	d.checklists = append(d.checklists, c)
	return c.Score(s)
}

// followUps fills most of a session's four follow-ups, the odd one late or missed.
// The hours slept come first: with the preparation they decide how light the week
// after is (afterEffect), which the moods then follow.
func (d *demo) followUps(s model.Session, prep model.Preparation) {
	var list []model.FollowUp
	var slept float64
	nights := 0
	for _, f := range model.NewFollowUps(s) {
		if f.Due.After(d.now) {
			continue
		}
		if d.rng.IntN(6) != 0 {
			filled := f.Due.Add(time.Duration(d.rng.IntN(180)) * time.Minute)
			if d.rng.IntN(8) == 0 {
				filled = f.Closes().Add(5 * time.Hour) // late
			}
			if filled.After(d.now) {
				continue
			}
			f.Filled = &filled
			f.SleepHours = ptr(math.Round((6.5+d.rng.Float64()*2)*2) / 2)
			if f.Step > 0 { // the +4 h follow-up's "last night" is the night before
				slept += *f.SleepHours
				nights++
			}
		}
		list = append(list, f)
	}
	if nights > 0 {
		slept /= float64(nights)
	}
	d.afterEffect(s, prep, slept)
	for _, f := range list {
		if f.Filled != nil {
			level := d.depression(f.Due)
			lift := d.lift[midnight(*f.Filled)]
			f.Mood = d.scale10(8.5 - level*0.3 + lift)
			f.SleepQuality = d.scale10(7 - level*0.15)
			f.Stress = d.scale10(2 + level*0.2)
			f.Rumination = d.scale10(1.5 + level*0.3 - lift/2)
			f.LessSticky = d.scale10(7 - level*0.15 + lift/2)
		}
		d.followUpList = append(d.followUpList, f)
	}
}

func (d *demo) journal(sessionID uint64, at time.Time, prompt, text string) {
	d.journalEntries = append(d.journalEntries, model.JournalEntry{ID: d.next(5), At: at, SessionID: sessionID, Prompt: prompt, Text: strings.TrimSpace(text)})
}

func (d *demo) iv(day time.Time, n int) {
	s := model.Session{
		At: day.Add(10 * time.Hour), Route: model.RouteIV,
		Dose:     &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg},
		Provider: "Clearwater Ketamine Clinic", Setting: model.SettingClinic,
		Intention: demoIntentions[d.rng.IntN(len(demoIntentions))],
		Cost:      ptr(model.Money(550_00)),
	}
	if n >= 6 {
		s.Cost = ptr(model.Money(495_00))
	}
	if n%2 == 1 {
		s.Reimbursed = ptr(model.Money(120_00))
	}
	d.done(&s)
}

func (d *demo) nasal(day time.Time, n int) {
	devices := 2.0
	if n > 0 {
		devices = 3
	}
	s := model.Session{
		At: day.Add(9*time.Hour + 30*time.Minute), Route: model.RouteNasal,
		Dose:     &model.Dose{Amount: devices, Unit: model.UnitDevices},
		Provider: "Northside Psychiatry (Spravato)", Setting: model.SettingClinic,
		Intention: demoIntentions[d.rng.IntN(len(demoIntentions))],
		Cost:      ptr(model.Money(890_00)), Reimbursed: ptr(model.Money(712_00)),
	}
	d.done(&s)
}

// plan adds a planned session; the nearer one has its checklist partly ticked already.
func (d *demo) plan(day time.Time, started bool) {
	s := model.Session{
		ID: d.next(0), At: day.Add(10 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV,
		Dose:     &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg},
		Provider: "Clearwater Ketamine Clinic", Setting: model.SettingClinic,
		Cost: ptr(model.Money(495_00)),
	}
	if started {
		s.Intention = "Keep the space I found last time. Ask about spacing boosters further apart."
	}
	d.sessions = append(d.sessions, s)
	c := model.NewChecklist(s.ID, model.DefaultTemplate(s.Route))
	if started {
		for i := range c.Items[:4] {
			if c.Items[i].Kind == model.ItemTick {
				at := d.now.Add(-time.Duration(1+i) * time.Hour)
				c.Items[i].DoneAt = &at
			}
		}
	}
	d.checklists = append(d.checklists, c)
}
