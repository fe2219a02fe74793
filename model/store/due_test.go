package store

import (
	"testing"
	"time"

	"keel/model"
)

func TestStoreDueInputs(t *testing.T) {
	st := openTest(t)
	s, _ := st.SaveSession(model.Session{At: testNow.Add(-3 * time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	st.SaveCheckIn(model.CheckIn{At: testNow.Add(-time.Hour), Mood: ptr(6)})
	st.SaveResponse(model.Response{Instrument: model.PHQ9.ID, At: testNow.AddDate(0, 0, -8), Answers: make([]int, 9)})
	st.SaveResponse(model.Response{Instrument: model.PHQ9.ID, At: testNow.AddDate(0, 0, -2), Answers: make([]int, 9)})
	in, err := st.DueInputs(testNow)
	if err != nil {
		t.Fatal(err)
	}
	if !in.CheckedInToday || len(in.OpenFollowUps) != 2 || in.OpenFollowUps[0].SessionID != s.ID {
		t.Errorf("DueInputs = %+v, want today's check-in and the session's first two follow-ups (due up to a day ahead)", in)
	}
	if got := in.LastResponse[model.PHQ9.ID]; !got.Equal(testNow.AddDate(0, 0, -2)) {
		t.Errorf("LastResponse[phq9] = %v, want the newer one", got)
	}
	if _, ok := in.LastResponse[model.GAD7.ID]; ok {
		t.Error("LastResponse has a GAD-7 that was never answered")
	}
}
