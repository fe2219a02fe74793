package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"keel/model"
	"keel/model/progress"
)

var progressCommand = &Command{
	Name: "progress", Args: "[--data DIR] [--at DATE] [--format text|json]",
	Summary: "say how the course is going: the verdict, its scores and dates, deterioration flags, item 9",
	Detail: "Judged as the window's Progress screen and the clinician's report judge it (docs/clinical.md), as of " +
		"--at (the end of that day) or now. --format json writes the same as one JSON document (docs/progress-format.md). " +
		"It reads the data and changes nothing.",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		data := fs.String("data", "", "the data `folder` (default: the per-user one)")
		atFlag := fs.String("at", "", "judge as of the end of this `day`, YYYY-MM-DD, or an RFC 3339 time (default: now)")
		format := fs.String("format", "text", "text (to read) or json (docs/progress-format.md)")
		return func(args []string) int {
			at := time.Now()
			var err error
			if *atFlag != "" {
				at, err = parseProgressAt(*atFlag)
			}
			if err != nil || (*format != "text" && *format != "json") || len(args) > 0 {
				return c.usage("use --at 2026-03-12 and --format text or json%s", errText(err))
			}
			st, ok := c.open(*data)
			if !ok {
				return 1
			}
			defer st.Close()
			h, err := st.Snapshot()
			if err != nil {
				return c.fail(err)
			}
			a := progress.Assess(model.Records[model.Course](&h, model.Courses), model.Records[model.Session](&h, model.Sessions),
				model.Records[model.Response](&h, model.Questionnaires), at)
			if *format == "json" {
				err = writeProgressJSON(c.env.Stdout, &a)
			} else {
				err = writeProgressText(c.env.Stdout, &a)
			}
			if err != nil {
				return c.fail(err)
			}
			return 0
		}
	},
}

// parseProgressAt reads --at: a day (its end, in the local time zone) or an RFC 3339 time.
func parseProgressAt(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(time.Local), nil
	}
	d, err := model.ParseDate(s, time.Local)
	if err != nil {
		return time.Time{}, err
	}
	y, m, day := d.Date()
	return time.Date(y, m, day, 23, 59, 59, 0, time.Local), nil
}

const progressDayLayout = "2 Jan 2006"

// writeProgressText writes the assessment to read: the course, the verdict, the
// measures, the flags and the item 9 history.
func writeProgressText(w io.Writer, a *progress.Assessment) error {
	var b strings.Builder
	v := a.Verdict
	fmt.Fprintf(&b, "Judged as of %s.\n\n", a.At.Format("2 Jan 2006 15:04"))
	if a.Course == nil {
		fmt.Fprintf(&b, "Course: none entered; all %s count as one course.\n", progressPlural(len(a.Sessions), "session"))
	} else {
		c := a.Course
		fmt.Fprintf(&b, "Course: %s, started %s", c.Name, c.Start.In(a.At.Location()).Format(progressDayLayout))
		if c.Route != "" {
			fmt.Fprintf(&b, " (%s)", c.Route.Label())
		}
		fmt.Fprintf(&b, "; %s counted.\n", progressPlural(len(a.Sessions), "session"))
		if v.InductionSessions > 0 {
			fmt.Fprintf(&b, "Induction series: %d of %d sessions", v.InductionDone, v.InductionSessions)
			if v.InductionComplete {
				fmt.Fprintf(&b, ", the last on %s; end point taken %s to %s", v.InductionEnd.Format(progressDayLayout),
					v.EndFrom.Format(progressDayLayout), v.EndTo.Format(progressDayLayout))
			}
			b.WriteString(".\n")
		}
	}
	fmt.Fprintf(&b, "\nVerdict: %s\n", v.Current())
	for _, l := range v.Lines() {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	b.WriteString("\nScores over the course:\n")
	for _, t := range a.Tracks {
		fmt.Fprintf(&b, "  %-6s baseline %s", t.Instrument.Name, progressScoreWords(t.Instrument, t.Baseline))
		if t.Baseline == nil && t.TooOld != nil {
			fmt.Fprintf(&b, " (%d on %s is too old)", t.TooOld.Total, t.TooOld.Date())
		}
		if t.Instrument == model.PHQ9 {
			fmt.Fprintf(&b, "; end point %s", progressScoreWords(t.Instrument, v.EndPoint))
		}
		fmt.Fprintf(&b, "; latest %s; %s in the course\n", progressScoreWords(t.Instrument, t.Latest), progressPlural(t.N, "answer"))
	}
	b.WriteString("\nDeterioration:\n")
	if len(a.Flags) == 0 {
		b.WriteString("  none\n")
	}
	for _, f := range a.Flags {
		fmt.Fprintf(&b, "  %s\n", f.Text())
	}
	fmt.Fprintf(&b, "\nPHQ-9 item 9 above 0 over the course (%s answered):\n", progressPlural(a.Item9Answered, "PHQ-9"))
	if len(a.Item9) == 0 {
		b.WriteString("  none\n")
	}
	for _, it := range a.Item9 {
		fmt.Fprintf(&b, "  %s: %s", it.At.Format(progressDayLayout), strings.ToLower(it.Label))
		if it.Source == model.SourceClinicForm {
			b.WriteString(" (from a clinic form)")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// progressScoreWords is "18 (moderately severe) on 1 Feb 2026", "none".
func progressScoreWords(in *model.Instrument, s *progress.Score) string {
	if s == nil {
		return "none"
	}
	band := model.BandOf(in, s.Total)
	if band != "" {
		band = " (" + band + ")"
	}
	out := fmt.Sprintf("%d%s on %s", s.Total, band, s.Date())
	if s.FromClinicForm() {
		out += ", from a clinic form"
	}
	return out
}

func progressPlural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// The JSON document of `keel progress --format json`, described in
// docs/progress-format.md. Its field names never change meaning; new optional
// fields may be added.
type (
	progressDoc struct {
		Format   string            `json:"format"`
		Version  int               `json:"version"`
		At       time.Time         `json:"at"`
		Course   progressCourse    `json:"course"`
		Verdict  progressVerdict   `json:"verdict"`
		Measures []progressMeasure `json:"measures"`
		Flags    []progressFlag    `json:"flags"`
		Item9    progressItem9     `json:"item9"`
		Reassure bool              `json:"reassure"`
	}
	progressCourse struct {
		Entered   bool               `json:"entered"`
		Name      string             `json:"name"`
		Route     string             `json:"route"`
		Start     *time.Time         `json:"start"`
		Sessions  int                `json:"sessions"`
		Induction *progressInduction `json:"induction"`
	}
	progressInduction struct {
		Sessions     int        `json:"sessions"`
		Done         int        `json:"done"`
		Complete     bool       `json:"complete"`
		Last         *time.Time `json:"last"`
		EndPointFrom *string    `json:"end_point_from"`
		EndPointTo   *string    `json:"end_point_to"`
	}
	progressVerdict struct {
		State          string         `json:"state"`
		Missing        string         `json:"missing"`
		Later          string         `json:"later"`
		LatestState    string         `json:"latest_state"`
		Current        string         `json:"current"`
		JudgedOnLatest bool           `json:"judged_on_latest"`
		ClinicBaseline bool           `json:"clinic_baseline"`
		Worse          bool           `json:"worse"`
		LateResponders bool           `json:"late_responders"`
		Baseline       *progressScore `json:"baseline"`
		TooOld         *progressScore `json:"too_old"`
		EndPoint       *progressScore `json:"end_point"`
		Latest         *progressScore `json:"latest"`
		Lines          []string       `json:"lines"`
	}
	progressScore struct {
		Total   int       `json:"total"`
		Band    string    `json:"band"`
		At      time.Time `json:"at"`
		Date    string    `json:"date"`
		DayOnly bool      `json:"day_only"`
		Source  string    `json:"source"`
		ID      uint64    `json:"id"`
	}
	progressMeasure struct {
		Instrument string         `json:"instrument"`
		Name       string         `json:"name"`
		Max        int            `json:"max"`
		Count      int            `json:"count"`
		Baseline   *progressScore `json:"baseline"`
		TooOld     *progressScore `json:"too_old"`
		Previous   *progressScore `json:"previous"`
		Latest     *progressScore `json:"latest"`
	}
	progressFlag struct {
		Instrument   string         `json:"instrument"`
		Threshold    int            `json:"threshold"`
		Latest       *progressScore `json:"latest"`
		FromBaseline *progressRise  `json:"from_baseline"`
		FromPrevious *progressRise  `json:"from_previous"`
		Text         string         `json:"text"`
	}
	progressRise struct {
		From   *progressScore `json:"from"`
		Points int            `json:"points"`
	}
	progressItem9 struct {
		Answered int                   `json:"answered"`
		Positive []progressItem9Answer `json:"positive"`
	}
	progressItem9Answer struct {
		At      time.Time `json:"at"`
		Date    string    `json:"date"`
		Answer  int       `json:"answer"`
		Label   string    `json:"label"`
		DayOnly bool      `json:"day_only"`
		Source  string    `json:"source"`
		ID      uint64    `json:"id"`
	}
)

func progressSource(s model.ResponseSource) string {
	if s == model.SourceKeel {
		return "keel"
	}
	return string(s)
}

func progressScoreOf(in *model.Instrument, s *progress.Score) *progressScore {
	if s == nil {
		return nil
	}
	return &progressScore{Total: s.Total, Band: model.BandOf(in, s.Total), At: s.At, Date: s.At.Format(time.DateOnly),
		DayOnly: s.DayOnly, Source: progressSource(s.Source), ID: s.ID}
}

func progressRiseOf(in *model.Instrument, r *progress.Rise) *progressRise {
	if r == nil {
		return nil
	}
	return &progressRise{From: progressScoreOf(in, &r.From), Points: r.Points}
}

// writeProgressJSON writes the assessment as the document of docs/progress-format.md.
func writeProgressJSON(w io.Writer, a *progress.Assessment) error {
	v := a.Verdict
	doc := progressDoc{Format: "keel-progress", Version: 1, At: a.At, Reassure: a.Reassure(),
		Measures: []progressMeasure{}, Flags: []progressFlag{}, Item9: progressItem9{Answered: a.Item9Answered, Positive: []progressItem9Answer{}}}
	doc.Course = progressCourse{Entered: a.Course != nil, Name: a.CourseName(), Sessions: len(a.Sessions)}
	if c := a.Course; c != nil {
		start := c.Start.In(a.At.Location())
		doc.Course.Route, doc.Course.Start = string(c.Route), &start
		if v.InductionSessions > 0 {
			ind := &progressInduction{Sessions: v.InductionSessions, Done: v.InductionDone, Complete: v.InductionComplete}
			if v.InductionComplete {
				last, from, to := v.InductionEnd, v.EndFrom.Format(time.DateOnly), v.EndTo.Format(time.DateOnly)
				ind.Last, ind.EndPointFrom, ind.EndPointTo = &last, &from, &to
			}
			doc.Course.Induction = ind
		}
	}
	later, latest := v.Later.Key(), ""
	if v.Later != progress.NoLater {
		latest = v.LatestOutcome.Key()
	}
	doc.Verdict = progressVerdict{State: v.Outcome.Key(), Missing: v.Missing.Key(), Later: later, LatestState: latest,
		Current: v.Current().Key(), JudgedOnLatest: v.JudgedOnLatest, ClinicBaseline: v.ClinicBaseline, Worse: v.Worse,
		LateResponders: v.LateResponders, Baseline: progressScoreOf(model.PHQ9, v.Baseline), TooOld: progressScoreOf(model.PHQ9, v.TooOld),
		EndPoint: progressScoreOf(model.PHQ9, v.EndPoint), Latest: progressScoreOf(model.PHQ9, v.Latest), Lines: v.Lines()}
	for _, t := range a.Tracks {
		in := t.Instrument
		doc.Measures = append(doc.Measures, progressMeasure{Instrument: in.ID, Name: in.Name, Max: in.MaxTotal(), Count: t.N,
			Baseline: progressScoreOf(in, t.Baseline), TooOld: progressScoreOf(in, t.TooOld), Previous: progressScoreOf(in, t.Previous), Latest: progressScoreOf(in, t.Latest)})
	}
	for _, f := range a.Flags {
		in := f.Instrument
		doc.Flags = append(doc.Flags, progressFlag{Instrument: in.ID, Threshold: in.Deterioration, Latest: progressScoreOf(in, &f.Latest),
			FromBaseline: progressRiseOf(in, f.FromBaseline), FromPrevious: progressRiseOf(in, f.FromPrevious), Text: f.Text()})
	}
	for _, it := range a.Item9 {
		doc.Item9.Positive = append(doc.Item9.Positive, progressItem9Answer{At: it.At, Date: it.At.Format(time.DateOnly), Answer: it.Answer,
			Label: it.Label, DayOnly: it.DayOnly, Source: progressSource(it.Source), ID: it.ID})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
