package insights

import (
	"keel/model"
	"keel/model/chart"
)

// CalendarNote is the line under the year-at-a-glance calendar.
const CalendarNote = "One square a day, coloured by that day's mood (the mean of its check-ins and follow-ups). " +
	"An empty square is a day with no mood recorded. A dot marks a session."

// Calendar is the year at a glance of docs/product.md item 10: the daily mood of
// the records up to opt.Now (see Daily), a year per row, from the first day with a
// record to the day of opt.Now, sessions marked. Draw it with its Draw or Render
// and size it with Height (model/chart).
func Calendar(r Records, opt Options) chart.MoodCalendar {
	opt = opt.resolved(r)
	days, sessions := Daily(r, opt)
	c := chart.MoodCalendar{
		Title: "A year at a glance: daily mood",
		Min:   0, Max: 10,
		Marks: sessions,
		To:    model.DateOfDay(model.DayNumber(opt.Now, opt.Loc), opt.Loc),
		Note:  CalendarNote,
		Empty: "No mood recorded yet: the daily check-in adds one.",
	}
	c.Days = make([]chart.DateValue, len(days))
	for i, d := range days {
		c.Days[i] = chart.DateValue{Date: d.Date, V: d.Mood}
	}
	return c
}
