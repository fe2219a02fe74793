package model

import (
	"slices"
	"strings"
	"time"
)

// CrisisLine is one resource on the crisis card.
type CrisisLine struct {
	Name   string `json:"name"`
	Detail string `json:"detail"`
}

// Settings are the choices about what Keel tracks; they live in the database with the
// records. (How the window looks lives in the app's preferences.)
//
// Fields added later are optional in the JSON and their zero values mean what Keel
// did before them, so settings stored by an older Keel read unchanged.
type Settings struct {
	// QuestionnaireDays is how many days after the last one the PHQ-9 and GAD-7 are due.
	QuestionnaireDays int  `json:"questionnaire_days"`
	PCL5              bool `json:"pcl5"`
	// PCL5Days is how many days after the last one the PCL-5 is due; 0 means
	// DefaultPCL5Days (monthly, docs/clinical.md PCL-5). See IntervalDays.
	PCL5Days int `json:"pcl5_days,omitempty"`
	// ReportName is printed on the clinician's report, if set.
	ReportName string `json:"report_name,omitempty"`
	// Country is the country whose crisis lines the card shows: an ISO 3166 code
	// ("US", "CA"), CountryElsewhere for one the person says is not listed, or ""
	// while the person has not chosen (the card then guesses from the system locale:
	// see CrisisCountry). Always changeable in Settings.
	Country string `json:"country,omitempty"`
	// Crisis are the person's own crisis lines, shown on the card after their
	// country's (docs/clinical.md, crisis resources): shown, never dialled. Settings
	// from before the country table hold Keel's old built-in lines here; OwnCrisisLines
	// leaves those out.
	Crisis []CrisisLine `json:"crisis"`
}

// DefaultCrisisLines are the US crisis lines Keel has always stored in a new
// database's settings, and still does, so that a window reading Settings.Crisis
// directly shows them. They are not the person's own: OwnCrisisLines leaves them out,
// and the card takes the country's lines from CrisisTable instead (CrisisCardFor).
var DefaultCrisisLines = []CrisisLine{
	{Name: "988 Suicide & Crisis Lifeline (US)", Detail: "Call or text 988, any time."},
	{Name: "Crisis Text Line (US)", Detail: "Text HOME to 741741."},
	{Name: "Emergency", Detail: "Call 911 in the US, or your local emergency number."},
	{Name: "Outside the US", Detail: "Call your local emergency number. Your doctor, a pharmacist or your local health service can tell you the crisis line where you live."},
}

// DefaultPCL5Days is the PCL-5's default interval: monthly (docs/clinical.md, PCL-5).
const DefaultPCL5Days = 30

// PastWeekBelowDays is the interval below which a questionnaire with a past-week
// version is asked in it: an interval under 28 days (the shortest month) is more
// often than monthly (docs/clinical.md PCL-5: "use the past-week wording when it is
// asked more often").
const PastWeekBelowDays = 28

// DefaultSettings are the settings of a new database: PHQ-9 and GAD-7 every 7 days,
// PCL-5 off (monthly when on), no country chosen yet (the card guesses it), and no
// own crisis lines (Crisis holds DefaultCrisisLines, which are not the person's own).
func DefaultSettings() Settings {
	return Settings{QuestionnaireDays: 7, Crisis: append([]CrisisLine{}, DefaultCrisisLines...)}
}

// IntervalDays is how many days after the last one in is due: PCL5Days (monthly by
// default) for the PCL-5, QuestionnaireDays (7 when unset) for the others.
func (s *Settings) IntervalDays(in *Instrument) int {
	if in == PCL5 {
		if s.PCL5Days > 0 {
			return s.PCL5Days
		}
		return DefaultPCL5Days
	}
	if s.QuestionnaireDays > 0 {
		return s.QuestionnaireDays
	}
	return 7
}

// WordingFor is the wording to ask in with these settings: the past-week version of
// an instrument that has one when it is due more often than monthly (IntervalDays
// below PastWeekBelowDays), the standard version otherwise.
func (s *Settings) WordingFor(in *Instrument) Wording {
	return in.Wording(s.IntervalDays(in) < PastWeekBelowDays)
}

// OwnCrisisLines are the person's own crisis lines: Crisis without the lines an older
// Keel stored there by default (DefaultCrisisLines, exactly as it wrote them).
func (s *Settings) OwnCrisisLines() []CrisisLine {
	var out []CrisisLine
	for _, l := range s.Crisis {
		if !slices.Contains(DefaultCrisisLines, l) {
			out = append(out, l)
		}
	}
	return out
}

// The field names used in validation messages for settings.
const (
	FieldQuestionnaireDays = "questionnaire_days"
	FieldPCL5Days          = "pcl5_days"
	FieldReportName        = "report_name"
	FieldCountry           = "country"
	FieldCrisis            = "crisis"
)

// Validate checks the intervals (1-60 days), the country and the crisis lines.
func (s *Settings) Validate(time.Time) error {
	v := &ValidationError{}
	if s.QuestionnaireDays < 1 || s.QuestionnaireDays > 60 {
		v.add(FieldQuestionnaireDays, "Choose an interval from 1 to 60 days (7 or 14 are usual).")
	}
	if s.PCL5Days < 0 || s.PCL5Days > 60 {
		v.add(FieldPCL5Days, "Choose an interval for the PCL-5 from 1 to 60 days (monthly, 30, is usual).")
	}
	if !validCountry(s.Country) {
		v.add(FieldCountry, "Choose your country from the list, or “another country”.")
	}
	v.checkText(FieldReportName, "The name", s.ReportName, MaxShortText)
	for _, l := range s.Crisis {
		if strings.TrimSpace(l.Name) == "" || strings.TrimSpace(l.Detail) == "" {
			v.add(FieldCrisis, "Each crisis resource needs a name and what to do.")
		}
		v.checkText(FieldCrisis, "A crisis resource", l.Name+l.Detail, 2*MaxShortText)
	}
	return v.orNil()
}

// Enabled lists the instruments switched on.
func (s *Settings) Enabled() []*Instrument {
	var out []*Instrument
	for _, in := range Instruments {
		if !in.Optional || (in == PCL5 && s.PCL5) {
			out = append(out, in)
		}
	}
	return out
}
