package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"keel/model"
	"keel/model/insights"
)

var insightsCommand = &Command{
	Name: "insights", Args: "[--data DIR] [--at DATE] [--format text|json]",
	Summary: "say what has gone with your better weeks so far, from your own records",
	Detail: "The findings of the What helps screen: for each finished session, the change in mood from the week before " +
		"to the week after; sessions compared by preparation, sleep and stress after, integration, setting and intensity; " +
		"days compared by sleep, stress and tags. Each with both group sizes, the difference and a 90% interval. These are " +
		"patterns in your own records, not proof of cause. --at judges as of the end of that day; days are counted in this " +
		"computer's time zone. The JSON shape is described in docs/insights-format.md.",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		data := fs.String("data", "", "the data `folder` (default: the per-user one)")
		at := fs.String("at", "", "judge as of the end of this `day`, YYYY-MM-DD (default: now)")
		format := fs.String("format", "text", "text (plain sentences) or json (every number, for scripts)")
		return func(args []string) int {
			var day time.Time
			var err error
			if *at != "" {
				day, err = model.ParseDate(*at, time.Local)
			}
			if err != nil || (*format != "text" && *format != "json") || len(args) > 0 {
				return c.usage("use --format text or --format json, and a day like --at 2026-03-31%s", errText(err))
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
			now := judgedAt(st.Now(), day, time.Local)
			rep := insights.Compute(insights.RecordsOf(&h), insights.Options{Now: now, Loc: time.Local})
			if *format == "json" {
				enc := json.NewEncoder(c.env.Stdout)
				enc.SetIndent("", "  ")
				err = enc.Encode(rep)
			} else {
				err = writeInsights(c.env.Stdout, &rep)
			}
			if err != nil {
				return c.fail(err)
			}
			return 0
		}
	},
}

// judgedAt is when the insights are judged: now in loc, or the last moment of day
// (a day parsed in loc; zero for none) when that is earlier.
func judgedAt(now, day time.Time, loc *time.Location) time.Time {
	now = now.In(loc)
	if !day.IsZero() {
		if end := model.NextMidnight(day).Add(-time.Nanosecond); end.Before(now) {
			return end
		}
	}
	return now
}

// writeInsights writes the report as plain text, wrapped for a terminal.
func writeInsights(w io.Writer, r *insights.Report) error {
	var b strings.Builder
	para := func(indent, s string) {
		for _, l := range wrapText(s, 78-len(indent)) {
			b.WriteString(indent + l + "\n")
		}
	}
	bullet := func(s string) {
		for i, l := range wrapText(s, 76) {
			b.WriteString(pickString(i == 0, "* ", "  ") + l + "\n")
		}
	}
	fmt.Fprintf(&b, "What helps, from your own records up to %s\n\n", r.At.Format("2 Jan 2006, 15:04"))
	para("", r.Association)
	para("", r.Sources.Text)
	b.WriteString("\nSessions\n")
	para("", r.Summary.Text)
	findings := func(list []insights.Finding) {
		for _, f := range list {
			b.WriteString("\n")
			bullet(f.Headline)
			para("  ", f.Detail)
			if f.Care != "" {
				para("  ", f.Care)
			}
		}
	}
	findings(r.SessionFindings)
	b.WriteString("\nDays\n")
	findings(r.DayFindings)
	b.WriteString("\n")
	para("", r.Comparisons)
	if len(r.Sessions) > 0 {
		b.WriteString("\nEach finished session: mood the week before -> after (days with a mood)\n")
		for _, s := range r.Sessions {
			b.WriteString("  " + sessionLine(s) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sessionLine is one session of the list: its date, its mood change and factors.
func sessionLine(s insights.Session) string {
	num := func(v *float64, format string) string {
		if v == nil {
			return "-"
		}
		return fmt.Sprintf(format, *v)
	}
	m := s.Mood
	line := fmt.Sprintf("%s  %s -> %s (%d, %d days)", s.At.Format("2006-01-02"), num(m.Before, "%.1f"), num(m.After, "%.1f"), m.BeforeDays, m.AfterDays)
	switch s.Status {
	case insights.Compared:
		line += "  change " + num(m.Change, "%+.1f")
	case insights.TooRecent:
		line += "  too recent"
	default:
		line += "  too few days"
	}
	var parts []string
	if s.Preparation != nil {
		parts = append(parts, fmt.Sprintf("prepared %.0f%%", 100**s.Preparation))
	}
	if s.SleepAfter != nil {
		parts = append(parts, fmt.Sprintf("slept %.1f h", *s.SleepAfter))
	}
	if s.StressAfter != nil {
		parts = append(parts, fmt.Sprintf("stress %.1f", *s.StressAfter))
	}
	if s.Integrated {
		parts = append(parts, "integrated")
	}
	if s.Setting != "" {
		parts = append(parts, strings.ToLower(s.Setting.Label()))
	}
	if s.Intensity != nil {
		parts = append(parts, fmt.Sprintf("intensity %d", *s.Intensity))
	}
	if len(parts) > 0 {
		line += "; " + strings.Join(parts, ", ")
	}
	return line
}

func pickString(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

// wrapText breaks s into lines of at most width characters where it can, at spaces.
func wrapText(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case len([]rune(line))+1+len([]rune(word)) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	return append(lines, line)
}
