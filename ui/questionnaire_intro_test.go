package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"keel/model"
)

// TestPCL5WordingEventAndSource: the PCL-5 shows its whole published instruction and
// asks for the event; monthly (the default) it asks about the past month, and set
// in Settings to every 7 days, about the past week (docs/clinical.md, PCL-5). The
// event, the wording and where it was taken are kept with the response.
func TestPCL5WordingEventAndSource(t *testing.T) {
	for _, c := range []struct {
		every    string
		stem     string
		pastWeek bool
	}{{"30", "In the past month", false}, {"7", "In the past week", true}} {
		u, st := newTestUI(t)
		s, _ := st.Settings()
		s.PCL5 = true
		if err := st.SaveSettings(s); err != nil {
			t.Fatal(err)
		}
		u.Show(ScreenSettings)
		u.settings.pcl5Days.SetText(c.every)
		test.Tap(u.settings.save)
		if saved, _ := st.Settings(); saved.IntervalDays(model.PCL5) != atoi(t, c.every) {
			t.Fatalf("Settings saved the PCL-5 every %d days, want %s", saved.IntervalDays(model.PCL5), c.every)
		}
		q := startQuestionnaire(st, u.win, u, model.PCL5, nil)
		text := labelTexts(topOverlay(u.win))
		want := []string{c.stem, "Below is a list of problems", "Briefly identify the worst event"}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("every %s days: the PCL-5 does not say %q:\n%s", c.every, w, text)
			}
		}
		if c.pastWeek == strings.Contains(text, "in the past month") {
			t.Errorf("every %s days: the instruction is in the wrong wording:\n%s", c.every, text)
		}
		if radios := widgetsIn[*widget.RadioGroup](topOverlay(u.win)); len(radios) != 1 || strings.Join(radios[0].Options, "|") != "Answered in Keel|Entered from a clinic form" || radios[0].Selected != "Answered in Keel" {
			t.Errorf("every %s days: the PCL-5 does not ask where it is taken, in Keel by default", c.every)
		}
		entries := widgetsIn[*textEntry](q.intro.box)
		if len(entries) != 1 {
			t.Fatalf("the PCL-5 intro has %d entries, want the event", len(entries))
		}
		test.Type(entries[0], "the accident ")
		q.intro.source.SetSelected(model.SourceClinicForm.Label())
		q.onKey(&fyne.KeyEvent{Name: "2"})
		if q.intro.box.Visible() {
			t.Error("the instruction still takes the room after the first item")
		}
		for range len(model.PCL5.Items) - 1 {
			q.onKey(&fyne.KeyEvent{Name: "1"})
		}
		list, _ := st.Responses()
		if len(list) != 1 {
			t.Fatalf("stored %d responses", len(list))
		}
		r := list[0]
		if r.Event != "the accident" || r.Source != model.SourceClinicForm || r.PastWeek != c.pastWeek || r.Total() != 2+19 {
			t.Errorf("every %s days: stored event %q, source %q, past week %v, total %d", c.every, r.Event, r.Source, r.PastWeek, r.Total())
		}
	}
}

// TestPHQ9AsksNoEvent: the PHQ-9 has no instruction or event, taken in Keel by
// default.
func TestPHQ9AsksNoEvent(t *testing.T) {
	u, st := newTestUI(t)
	q := startQuestionnaire(st, u.win, u, model.PHQ9, nil)
	if n := len(widgetsIn[*textEntry](q.intro.box)); n != 0 {
		t.Errorf("the PHQ-9 asks for %d entries before its items", n)
	}
	if !strings.Contains(labelTexts(topOverlay(u.win)), "Over the last 2 weeks") {
		t.Error("the PHQ-9 lost its stem")
	}
	for range len(model.PHQ9.Items) + 1 {
		q.onKey(&fyne.KeyEvent{Name: "0"})
	}
	if list, _ := st.Responses(); len(list) != 1 || list[0].Source != model.SourceKeel || list[0].Event != "" || list[0].PastWeek {
		t.Errorf("stored %+v", list)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		n = 10*n + int(r-'0')
	}
	return n
}
