package model

import (
	"strconv"
	"strings"
	"time"
)

// CheckInDraft is a daily check-in as typed in the form.
type CheckInDraft struct {
	Mood, Anxiety, SleepHours, SleepQuality, Stress, Note string
}

// Parse turns the draft into a check-in at at, or a *ValidationError naming each field.
func (d CheckInDraft) Parse(at, now time.Time) (CheckIn, error) {
	v := &ValidationError{}
	c := CheckIn{At: at, Note: strings.TrimSpace(d.Note)}
	c.Mood = v.parseScale(FieldMood, d.Mood)
	c.Anxiety = v.parseScale(FieldAnxiety, d.Anxiety)
	c.SleepQuality = v.parseScale(FieldSleepQuality, d.SleepQuality)
	c.Stress = v.parseScale(FieldStress, d.Stress)
	c.SleepHours = v.parseHours(FieldSleepHours, d.SleepHours)
	return c, v.merge(c.Validate(now))
}

// Update returns stored with the draft's answers in place of its own: the same
// check-in (ID, time, tags, source) edited from the version stored carried, so the
// store refuses it with a conflict if stored changed meanwhile; or a
// *ValidationError naming each field.
func (d CheckInDraft) Update(stored CheckIn, now time.Time) (CheckIn, error) {
	c, err := d.Parse(stored.At, now)
	c.ID, c.Tags, c.Source, c.SourceKey = stored.ID, stored.Tags, stored.Source, stored.SourceKey
	c.Created, c.Updated = stored.Created, stored.Updated
	return c, err
}

// DraftOfCheckIn fills a draft from a stored check-in, for editing.
func DraftOfCheckIn(c CheckIn) CheckInDraft {
	return CheckInDraft{
		Mood: scaleText(c.Mood), Anxiety: scaleText(c.Anxiety), SleepHours: hoursText(c.SleepHours),
		SleepQuality: scaleText(c.SleepQuality), Stress: scaleText(c.Stress), Note: c.Note,
	}
}

// FollowUpDraft is a follow-up's answers as typed in the form.
type FollowUpDraft struct {
	Mood, SleepHours, SleepQuality, Stress, Rumination, LessSticky, Note string
}

// Apply fills f with the draft's answers, answered at now, or returns a
// *ValidationError naming each field.
func (d FollowUpDraft) Apply(f FollowUp, now time.Time) (FollowUp, error) {
	v := &ValidationError{}
	f.Mood = v.parseScale(FieldMood, d.Mood)
	f.SleepQuality = v.parseScale(FieldSleepQuality, d.SleepQuality)
	f.Stress = v.parseScale(FieldStress, d.Stress)
	f.Rumination = v.parseScale(FieldRumination, d.Rumination)
	f.LessSticky = v.parseScale(FieldLessSticky, d.LessSticky)
	f.SleepHours = v.parseHours(FieldSleepHours, d.SleepHours)
	f.Note = strings.TrimSpace(d.Note)
	if f.Filled == nil {
		f.Filled = &now
	}
	return f, v.merge(f.Validate(now))
}

// DraftOfFollowUp fills a draft from a stored follow-up, for editing.
func DraftOfFollowUp(f FollowUp) FollowUpDraft {
	return FollowUpDraft{
		Mood: scaleText(f.Mood), SleepHours: hoursText(f.SleepHours), SleepQuality: scaleText(f.SleepQuality),
		Stress: scaleText(f.Stress), Rumination: scaleText(f.Rumination), LessSticky: scaleText(f.LessSticky), Note: f.Note,
	}
}

func hoursText(h *float64) string {
	if h == nil {
		return ""
	}
	return strconv.FormatFloat(*h, 'f', -1, 64)
}

func (e *ValidationError) parseScale(field, text string) *int {
	n, err := ParseScale(text)
	if err != nil {
		e.add(field, "%s", Sentence(err.Error()))
	}
	return n
}

// parseHours reads hours of sleep: "7", "7.5", "7,5", "7h30". Empty gives nil.
func (e *ValidationError) parseHours(field, text string) *float64 {
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "" {
		return nil
	}
	if h, m, ok := strings.Cut(t, "h"); ok {
		hours, err1 := strconv.Atoi(strings.TrimSpace(h))
		mins, err2 := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(m, "m")))
		if m == "" {
			mins, err2 = 0, nil
		}
		if err1 == nil && err2 == nil && mins >= 0 && mins < 60 {
			v := float64(hours) + float64(mins)/60
			return &v
		}
	}
	v, ok, err := ParseAmount(t)
	if err != nil || !ok {
		e.add(field, "Write hours of sleep like 7 or 7.5.")
		return nil
	}
	return &v
}

// merge adds the problems of err (a *ValidationError or nil) to e and returns e as an
// error when it holds any.
func (e *ValidationError) merge(err error) error {
	if v, ok := err.(*ValidationError); ok {
		for _, p := range v.Problems {
			e.add(p.Field, "%s", p.Message)
		}
	} else if err != nil {
		return err
	}
	return e.orNil()
}

// Fields are the check-in form's texts by field name, for keeping it as a Draft.
func (d CheckInDraft) Fields() map[string]string {
	return map[string]string{FieldMood: d.Mood, FieldAnxiety: d.Anxiety, FieldSleepHours: d.SleepHours,
		FieldSleepQuality: d.SleepQuality, FieldStress: d.Stress, FieldNote: d.Note}
}

// CheckInDraftOf is the check-in form as a Draft kept it (see Fields).
func CheckInDraftOf(f map[string]string) CheckInDraft {
	return CheckInDraft{Mood: f[FieldMood], Anxiety: f[FieldAnxiety], SleepHours: f[FieldSleepHours],
		SleepQuality: f[FieldSleepQuality], Stress: f[FieldStress], Note: f[FieldNote]}
}

// Fields are the follow-up form's texts by field name, for keeping it as a Draft.
func (d FollowUpDraft) Fields() map[string]string {
	return map[string]string{FieldMood: d.Mood, FieldSleepHours: d.SleepHours, FieldSleepQuality: d.SleepQuality,
		FieldStress: d.Stress, FieldRumination: d.Rumination, FieldLessSticky: d.LessSticky, FieldNote: d.Note}
}

// FollowUpDraftOf is the follow-up form as a Draft kept it (see Fields).
func FollowUpDraftOf(f map[string]string) FollowUpDraft {
	return FollowUpDraft{Mood: f[FieldMood], SleepHours: f[FieldSleepHours], SleepQuality: f[FieldSleepQuality],
		Stress: f[FieldStress], Rumination: f[FieldRumination], LessSticky: f[FieldLessSticky], Note: f[FieldNote]}
}
