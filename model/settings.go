package model

import (
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
type Settings struct {
	// QuestionnaireDays is how many days after the last one a questionnaire is due.
	QuestionnaireDays int  `json:"questionnaire_days"`
	PCL5              bool `json:"pcl5"`
	// ReportName is printed on the clinician's report, if set.
	ReportName string `json:"report_name,omitempty"`
	// Crisis is the crisis card: shown, never dialled (docs/clinical.md, crisis resources).
	Crisis []CrisisLine `json:"crisis"`
}

// DefaultCrisisLines are the resources of docs/clinical.md, "Crisis resources".
var DefaultCrisisLines = []CrisisLine{
	{Name: "988 Suicide & Crisis Lifeline (US)", Detail: "Call or text 988, any time."},
	{Name: "Crisis Text Line (US)", Detail: "Text HOME to 741741."},
	{Name: "Emergency", Detail: "Call 911 in the US, or your local emergency number."},
	{Name: "Outside the US", Detail: "Call your local emergency number. Your doctor, a pharmacist or your local health service can tell you the crisis line where you live."},
}

// DefaultSettings are the settings of a new database: questionnaires every 7 days,
// PCL-5 off, the crisis resources of docs/clinical.md.
func DefaultSettings() Settings {
	return Settings{QuestionnaireDays: 7, Crisis: append([]CrisisLine{}, DefaultCrisisLines...)}
}

// The field names used in validation messages for settings.
const (
	FieldQuestionnaireDays = "questionnaire_days"
	FieldReportName        = "report_name"
	FieldCrisis            = "crisis"
)

// Validate checks the interval (1-60 days) and the crisis lines.
func (s *Settings) Validate(time.Time) error {
	v := &ValidationError{}
	if s.QuestionnaireDays < 1 || s.QuestionnaireDays > 60 {
		v.add(FieldQuestionnaireDays, "Choose an interval from 1 to 60 days (7 or 14 are usual).")
	}
	v.checkText(FieldReportName, "The name", s.ReportName, MaxShortText)
	if len(s.Crisis) == 0 {
		v.add(FieldCrisis, "Keep at least one crisis resource.")
	}
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
