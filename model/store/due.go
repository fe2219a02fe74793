package store

import (
	"time"

	"keel/model"
)

// DueInputs gathers what Due needs at now with short range scans: open follow-ups due
// in the last LookBack up to a day ahead, the newest response of each instrument, and
// today's check-ins.
func (s *Store) DueInputs(now time.Time) (model.DueInputs, error) {
	var in model.DueInputs
	var err error
	if in.Settings, err = s.Settings(); err != nil {
		return in, err
	}
	fs, err := s.FollowUpsDueBetween(now.Add(-model.LookBack), now.Add(24*time.Hour))
	if err != nil {
		return in, err
	}
	for _, f := range fs {
		if f.Open() {
			in.OpenFollowUps = append(in.OpenFollowUps, f)
		}
	}
	var ids []string
	for _, inst := range in.Settings.Enabled() {
		ids = append(ids, inst.ID)
	}
	last, err := s.LastResponses(now.AddDate(-1, 0, 0), ids...)
	if err != nil {
		return in, err
	}
	in.LastResponse = map[string]time.Time{}
	for id, r := range last {
		in.LastResponse[id] = r.At
	}
	today, err := s.CheckInsBetween(model.Midnight(now), model.NextMidnight(now))
	if err != nil {
		return in, err
	}
	in.CheckedInToday = len(today) > 0
	midnight := model.Midnight(now)
	in.DoneToday = in.CheckedInToday
	for _, at := range in.LastResponse {
		in.DoneToday = in.DoneToday || !at.Before(midnight)
	}
	for _, f := range fs {
		in.DoneToday = in.DoneToday || (f.Filled != nil && !f.Filled.Before(midnight))
	}
	return in, nil
}
