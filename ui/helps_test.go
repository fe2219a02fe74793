package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"keel/model"
)

// TestWhatHelpsScreen: a new user with a few records reads "not enough data yet"
// for every factor; the screen never talks about dose or frequency.
func TestWhatHelpsScreen(t *testing.T) {
	u, st := newTestUI(t)
	for i := range 3 {
		at := testNow.AddDate(0, 0, -7*(i+1))
		if _, err := st.SaveSession(model.Session{At: at, Status: model.StatusDone, Route: model.RouteIV, Intensity: ptr(5 + i)}); err != nil {
			t.Fatal(err)
		}
	}
	for d := 1; d <= 25; d++ {
		if _, err := st.SaveCheckIn(model.CheckIn{At: testNow.AddDate(0, 0, -d).Add(-time.Hour), Mood: ptr(4 + d%3)}); err != nil {
			t.Fatal(err)
		}
	}
	u.Show(ScreenWhatHelps)
	text := labelTexts(u.helps.content) + richTexts(u.helps.content)
	for _, want := range []string{"What helps you", "not proof of cause", "Preparation", "Intensity", "Not enough data yet", "care team"} {
		if !strings.Contains(text, want) {
			t.Errorf("the What helps screen does not say %q:\n%s", want, text)
		}
	}
	findings := labelTexts(u.helps.sessions) + labelTexts(u.helps.days) + u.helps.summary.Text
	if bad := regexp.MustCompile(`(?i)\b(dose|doses|mg|more often|less often|increase|decrease)\b`).FindString(findings); bad != "" {
		t.Errorf("the What helps screen talks about %q", bad)
	}
	if strings.Contains(text, "Working it out") {
		t.Error("the findings were never drawn")
	}
}
