package model

import (
	"strings"
	"time"
)

// Phase is one stretch of a treatment plan: a number of sessions (0 for open-ended)
// spaced about every MinDays to MaxDays days.
type Phase struct {
	Name     string `json:"name"`
	Sessions int    `json:"sessions"`
	MinDays  int    `json:"min_days"`
	MaxDays  int    `json:"max_days"`
}

// CourseTemplate names a built-in plan.
type CourseTemplate string

// The course templates of docs/clinical.md, "Typical schedules" (editable, never enforced).
const (
	CourseIV       CourseTemplate = "iv_induction"
	CourseNasal    CourseTemplate = "esketamine"
	CourseLozenge  CourseTemplate = "lozenge"
	CourseCustom   CourseTemplate = "custom"
	maxCourseSteps                = 200
)

// CourseTemplates lists the built-in plans in the order they are offered.
var CourseTemplates = []CourseTemplate{CourseIV, CourseNasal, CourseLozenge, CourseCustom}

var courseLabels = map[CourseTemplate]string{
	CourseIV:      "IV induction: 6 infusions over 2-3 weeks",
	CourseNasal:   "Esketamine nasal spray: twice weekly for 4 weeks, weekly for weeks 5-8, then every 1-2 weeks",
	CourseLozenge: "At-home lozenges: a series of 6 sessions",
	CourseCustom:  "Custom plan",
}

// Label is the template in words.
func (c CourseTemplate) Label() string { return labelOr(courseLabels, c) }

// Course is a planned series of sessions (docs/product.md item 6): an induction series,
// then maintenance. Progress, pace and the verdict are computed from it and the
// sessions recorded since Start.
type Course struct {
	ID       uint64         `json:"id"`
	Name     string         `json:"name"`
	Template CourseTemplate `json:"template"`
	Route    Route          `json:"route"`
	Start    time.Time      `json:"start"`
	// Phases in order; the first one is the induction series the verdict follows.
	Phases  []Phase   `json:"phases"`
	Notes   string    `json:"notes,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// NewCourse fills a course from a built-in template, starting at start.
func NewCourse(t CourseTemplate, start time.Time) Course {
	c := Course{Template: t, Start: start, Name: t.Label()}
	switch t {
	case CourseIV:
		c.Route, c.Name = RouteIV, "IV ketamine course"
		c.Phases = []Phase{{Name: "Induction", Sessions: 6, MinDays: 2, MaxDays: 4}, {Name: "Boosters", MinDays: 14, MaxDays: 42}}
	case CourseNasal:
		c.Route, c.Name = RouteNasal, "Esketamine (Spravato) course"
		c.Phases = []Phase{
			{Name: "Induction, weeks 1-4", Sessions: 8, MinDays: 3, MaxDays: 4},
			{Name: "Weeks 5-8", Sessions: 4, MinDays: 7, MaxDays: 7},
			{Name: "Maintenance", MinDays: 7, MaxDays: 14},
		}
	case CourseLozenge:
		c.Route, c.Name = RouteLozenge, "At-home lozenge series"
		c.Phases = []Phase{{Name: "Series", Sessions: 6, MinDays: 3, MaxDays: 7}}
	default:
		c.Name = "My treatment plan"
		c.Phases = []Phase{{Name: "Series", Sessions: 6, MinDays: 2, MaxDays: 7}}
	}
	return c
}

// Induction is the course's first phase.
func (c *Course) Induction() Phase {
	if len(c.Phases) == 0 {
		return Phase{}
	}
	return c.Phases[0]
}

// The field names used in validation messages for a course.
const (
	FieldName   = "name"
	FieldStart  = "start"
	FieldPhases = "phases"
)

// Validate checks the name, start and phases.
func (c *Course) Validate(time.Time) error {
	v := &ValidationError{}
	if strings.TrimSpace(c.Name) == "" {
		v.add(FieldName, "Give the course a name.")
	}
	v.checkText(FieldName, "The name", c.Name, MaxShortText)
	v.checkText(FieldNotes, "The notes", c.Notes, MaxLongText)
	if c.Start.IsZero() || c.Start.Before(minDate) || !c.Start.Before(maxDate) {
		v.add(FieldStart, "Choose the date the course starts.")
	}
	if _, ok := routeLabels[c.Route]; c.Route != "" && !ok {
		v.add(FieldRoute, "Choose a route for the course.")
	}
	if len(c.Phases) == 0 || c.Phases[0].Sessions < 1 {
		v.add(FieldPhases, "The first phase needs at least one session.")
	}
	total := 0
	for i, p := range c.Phases {
		total += p.Sessions
		switch {
		case p.Sessions < 0 || total > maxCourseSteps:
			v.add(FieldPhases, "Phase %d: choose up to %d sessions in all.", i+1, maxCourseSteps)
		case p.MinDays < 1 || p.MaxDays < p.MinDays || p.MaxDays > 365:
			v.add(FieldPhases, "Phase %d: sessions every %d to %d days does not work; use 1 to 365, smallest first.", i+1, p.MinDays, p.MaxDays)
		}
	}
	return v.orNil()
}
