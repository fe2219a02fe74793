package ui

import (
	"encoding/json"
	"strconv"
	"strings"

	"keel/model"
)

// resolve handles a save of the settings refused because the stored ones changed
// after they were read (another Settings screen, an import): changes to different
// settings are merged and saved at once; a setting changed on both sides shows both
// and keeps the one chosen. Nothing typed is lost until then: the form keeps it.
func (s *settingsScreen) resolve(err error, base, mine model.Settings) {
	c, _ := model.ConflictOf(err)
	theirs := *c.Theirs.(*model.Settings)
	merged, clashes, mergeErr := model.Merge3(base, mine, theirs)
	if mergeErr != nil {
		merged, clashes = mine, c.Fields
	}
	if len(clashes) == 0 {
		if s.saveSettings(theirs, merged) {
			s.load() // shows what the other side changed too
		}
		return
	}
	s.status.SetText("Not saved yet: these settings were changed somewhere else.")
	showConflict(s.win, err, describeSettings(mine, clashes), describeSettings(theirs, clashes),
		func() {
			if s.saveSettings(theirs, merged) {
				s.load()
			}
		},
		func() {
			s.load()
			s.status.SetText("The newer settings are shown; yours were let go.")
		})
}

// settingNames are the words for the settings' JSON names.
var settingNames = map[string]string{
	model.FieldQuestionnaireDays: "Questionnaires every (days)",
	"pcl5":                       "PCL-5 offered",
	model.FieldPCL5Days:          "PCL-5 every (days)",
	model.FieldReportName:        "Your name on the report",
	model.FieldCountry:           "Country",
	model.FieldCrisis:            "Crisis card",
}

// describeSettings is st in words, for the settings named (JSON names).
func describeSettings(st model.Settings, fields []string) string {
	var values map[string]json.RawMessage
	if data, err := json.Marshal(st); err == nil {
		_ = json.Unmarshal(data, &values) // a struct always marshals to an object
	}
	var lines []string
	for _, name := range fields {
		label := settingNames[name]
		if label == "" {
			label = name
		}
		var value string
		switch name {
		case model.FieldCrisis:
			var rows []string
			for _, l := range st.Crisis {
				rows = append(rows, "  "+l.Name+": "+l.Detail)
			}
			value = "\n" + strings.Join(rows, "\n")
		case "pcl5":
			value = "no"
			if st.PCL5 {
				value = "yes"
			}
		case model.FieldQuestionnaireDays:
			value = strconv.Itoa(st.QuestionnaireDays)
		default:
			var text string
			if json.Unmarshal(values[name], &text) == nil {
				value = text
			} else {
				value = string(values[name])
			}
		}
		if strings.TrimSpace(value) == "" {
			value = "(empty)"
		}
		lines = append(lines, label+": "+value)
	}
	return strings.Join(lines, "\n\n")
}
