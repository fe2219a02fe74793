package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"keel/model"
	"keel/model/daylio"
	"keel/model/demo"
	"keel/model/exchange"
	"keel/model/report"
	"keel/model/store"
)

var demoCommand = &Command{
	Name: "demo", Args: "--data DIR [--years N]",
	Summary: "fill an empty folder with a made-up history, to try Keel out",
	Detail:  "The folder must hold no Keel records yet, so demo data never mixes with real data. Open it with keel --data DIR.",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		data := fs.String("data", "", "the `folder` to fill (required; it must hold no Keel records yet)")
		years := fs.Int("years", 1, "how many `years` of history to make (1-50)")
		return func(args []string) int {
			if *data == "" || *years < 1 || *years > 50 || len(args) > 0 {
				return c.usage("give an empty folder with --data DIR, and --years from 1 to 50")
			}
			st, ok := c.open(*data)
			if !ok {
				return 1
			}
			defer st.Close()
			empty, err := st.IsEmpty()
			if err != nil {
				return c.fail(err)
			}
			if !empty {
				return c.fail(model.Errorf(model.EExists, "That folder already holds Keel records; choose an empty folder so demo data never mixes with real data.", nil))
			}
			h := demo.Demo(time.Now(), *years, uint64(time.Now().UnixNano()))
			if err := errors.Join(st.Add(h), st.MarkDemo()); err != nil {
				return c.fail(err)
			}
			fmt.Fprintf(c.env.Stdout, "Wrote a demo history to %s: %s.\nOpen it with: keel --data %s\n", st.Path(), h.Summary(), *data)
			return 0
		}
	},
}

var exportCommand = &Command{
	Name: "export", Args: "[--data DIR] --format json|csv --out PATH",
	Summary: "write every record to a JSON file, or one CSV file per kind of record",
	Detail: "A JSON export holds everything and can be imported again (docs/export-format.md). " +
		"CSV files open in a spreadsheet. When the data is encrypted, the export is too, with the same passphrase (age: “age -d” opens it).",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		data := fs.String("data", "", "the data `folder` (default: the per-user one)")
		format := fs.String("format", "json", "json (every record, can be imported again) or csv (one file per kind of record)")
		out := fs.String("out", "", "the `path` to write: a file for json, a folder for csv (required)")
		return func(args []string) int {
			if *out == "" || (*format != "json" && *format != "csv") || len(args) > 0 {
				return c.usage("use --format json --out FILE, or --format csv --out FOLDER")
			}
			st, ok := c.openReading(*data)
			if !ok {
				return 1
			}
			defer st.Close()
			var pass []byte
			if st.Encrypted() {
				fmt.Fprintln(c.env.Stderr, c.name+": your data is encrypted, so the export will be too (age: “age -d” opens it).")
				var err error
				if pass, err = c.passphrase("Passphrase again, for the export: "); err == nil {
					err = st.CheckPassphrase(pass)
				}
				if err != nil {
					return c.fail(err)
				}
			}
			e, err := exchange.Snapshot(st)
			if err == nil && *format == "csv" {
				err = exchange.WriteCSVFiles(st, &e, *out, pass)
			} else if err == nil {
				err = exchange.WriteJSONFile(st, &e, *out, pass)
			}
			if err != nil {
				return c.fail(err)
			}
			fmt.Fprintf(c.env.Stdout, "Exported %d records (%s) to %s.\n", e.Count(), e.Summary(), *out)
			return 0
		}
	},
}

// moodFlags collects repeated --mood NAME=VALUE flags.
type moodFlags []string

func (m *moodFlags) String() string     { return strings.Join(*m, ", ") }
func (m *moodFlags) Set(s string) error { *m = append(*m, s); return nil }

var importCommand = &Command{
	Name: "import", Args: "[--data DIR] [--replace] [--from-another-keel] [--dry-run] FILE | [--data DIR] [--dry-run] --daylio FILE [--mood NAME=VALUE ...]",
	Summary: "bring in a Keel export, or a Daylio CSV export as check-ins",
	Detail: "Keel takes a backup first. Records already here are skipped; a record that differs from the one here is left unchanged " +
		"unless --replace is given. Another Keel's export comes in as new records, never attached to yours; an export of an older Keel " +
		"does not say whose it is and is matched by ID, unless --from-another-keel says it came from another install. " +
		"--dry-run says what the import would do and changes nothing. " +
		"Daylio moods Keel does not know need a value on its 0-10 scale: --mood \"ok but sleepy=4\"; the values are remembered for the next Daylio import, " +
		"and a changed value updates the check-ins imported with the old one.",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		data := fs.String("data", "", "the data `folder` (default: the per-user one)")
		replace := fs.Bool("replace", false, "replace records that differ from the file's (default: keep them and report them)")
		asNew := fs.Bool("from-another-keel", false, "an export of an older Keel came from another install: bring its records in as new ones")
		dryRun := fs.Bool("dry-run", false, "say what the import would do, and change nothing")
		daylioFile := fs.String("daylio", "", "import this Daylio CSV `file` as check-ins")
		var moods moodFlags
		fs.Var(&moods, "mood", "map a Daylio mood `NAME=VALUE` (VALUE on Keel's 0-10 scale); repeat for each")
		return func(args []string) int {
			if (*daylioFile == "") == (len(args) != 1) || (*daylioFile != "" && len(args) != 0) {
				return c.usage("give a Keel export (keel import --data DIR FILE) or a Daylio file (keel import --data DIR --daylio FILE)")
			}
			var mapping map[string]int
			if *daylioFile != "" {
				var err error
				if mapping, err = daylio.ParseMapping(moods); err != nil {
					return c.usage("%s", err)
				}
			}
			st, ok := c.open(*data)
			if !ok {
				return 1
			}
			defer st.Close()
			opt := store.ImportOptions{Replace: *replace, AsNew: *asNew, DryRun: *dryRun}
			var res store.ImportResult
			var err error
			if *daylioFile != "" {
				res, err = c.importDaylio(st, *daylioFile, mapping, *dryRun)
			} else {
				res, err = c.importExport(st, args[0], opt)
			}
			if err != nil {
				return c.fail(err)
			}
			c.report(res)
			return 0
		}
	},
}

// report prints what an import did (or would do): the summary, where the file came
// from, the moods whose values changed, and each record not imported.
func (c *context) report(res store.ImportResult) {
	out := c.env.Stdout
	fmt.Fprintln(out, res.Summary())
	switch {
	case res.From == store.AnotherKeel:
		fmt.Fprintln(out, "  The file comes from another Keel: its records are added as new ones, never attached to yours.")
	case res.From == store.OlderExport && res.Different() > 0:
		fmt.Fprintln(out, "  The file is an older Keel's, which does not say whose it is, so records were matched by ID; if it came from another install, import it with --from-another-keel.")
	}
	for _, ch := range res.Changes {
		fmt.Fprintln(out, "  new mood value:", ch)
	}
	for _, p := range res.Conflicts {
		fmt.Fprintln(out, "  left unchanged:", p)
	}
	for _, p := range res.Refused {
		fmt.Fprintln(out, "  refused:", p)
	}
	for _, list := range [][]store.ImportProblem{res.Settings.Conflicts, res.Settings.Refused, res.Templates.Conflicts, res.Templates.Refused} {
		for _, p := range list {
			fmt.Fprintln(out, "  not imported:", p)
		}
	}
}

// importExport imports a Keel export a record at a time, after taking a backup
// (exchange.ImportSource), or says what it would do (exchange.Plan).
func (c *context) importExport(st *store.Store, path string, opt store.ImportOptions) (store.ImportResult, error) {
	var askErr error
	src, err := exchange.OpenSource(path, func() []byte {
		pass, err := c.passphrase("Passphrase of " + path + ": ")
		askErr = err
		return pass
	})
	if askErr != nil {
		return store.ImportResult{}, askErr
	}
	if err != nil {
		return store.ImportResult{}, err
	}
	defer src.Close()
	return exchange.ImportSource(st, src, opt)
}

// importDaylio imports a Daylio CSV export as check-ins, with the moods valued by
// mapping, then by the values remembered from the last Daylio import, then by
// Daylio's defaults; a mood without a value needs a --mood, and the message says how
// to give it.
func (c *context) importDaylio(st *store.Store, path string, mapping map[string]int, dryRun bool) (store.ImportResult, error) {
	file, err := exchange.ReadDaylio(path, time.Local)
	if err != nil {
		return store.ImportResult{}, err
	}
	var res store.ImportResult
	if dryRun {
		var plan exchange.DaylioPlan
		plan, err = exchange.PlanDaylio(st, file, mapping)
		if err == nil && len(plan.Unmapped) > 0 {
			err = &exchange.UnmappedMoodsError{Moods: plan.Unmapped}
		}
		res = plan.Result
	} else {
		res, err = exchange.ImportDaylio(st, file, mapping)
	}
	var un *exchange.UnmappedMoodsError
	if errors.As(err, &un) {
		var hint []string
		for _, m := range un.Moods {
			hint = append(hint, fmt.Sprintf("--mood %q", m+"=VALUE"))
		}
		return res, model.Errorf(model.ENeedsChoice, "Keel does not know what these Daylio moods mean on its 0-10 scale: "+
			strings.Join(un.Moods, ", ")+". Say it with "+strings.Join(hint, " ")+
			" (rad, good, meh, bad and awful are 10, 8, 5, 2 and 0); nothing was imported.", nil)
	}
	return res, err
}

var reportCommand = &Command{
	Name: "report", Args: "[--data DIR] --out FILE.pdf [--from DATE --to DATE] [--a4] [--what-helps]",
	Summary: "write the one-page report for your clinician, as a PDF",
	Detail:  "The period is the last 90 days unless --from and --to say otherwise. The PDF is not encrypted: it is meant to be printed or handed over.",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		data := fs.String("data", "", "the data `folder` (default: the per-user one)")
		out := fs.String("out", "", "the PDF `file` to write (required)")
		from := fs.String("from", "", "first `day` of the period, YYYY-MM-DD (default: 90 days before --to)")
		to := fs.String("to", "", "last `day` of the period, YYYY-MM-DD (default: today)")
		a4 := fs.Bool("a4", false, "A4 paper instead of US Letter")
		helps := fs.Bool("what-helps", false, "add a line for each pattern of keel insights that is linked to better or harder weeks")
		return func(args []string) int {
			opt, err := reportPeriod(*from, *to, time.Local)
			if *out == "" || err != nil || len(args) > 0 {
				return c.usage("use --out FILE.pdf, and dates like --from 2026-01-01 --to 2026-03-31%s", errText(err))
			}
			if *a4 {
				opt.Paper = report.A4
			}
			opt.WhatHelps = *helps
			st, ok := c.openReading(*data)
			if !ok {
				return 1
			}
			defer st.Close()
			if err := report.Save(st, *out, opt); err != nil {
				return c.fail(err)
			}
			if st.Encrypted() {
				fmt.Fprintln(c.env.Stderr, c.name+": note that the report is not encrypted: it is meant to be printed or given to your clinician.")
			}
			fmt.Fprintf(c.env.Stdout, "Wrote the report to %s.\n", *out)
			return 0
		}
	},
}

// reportPeriod reads --from and --to ("" for the default) as days in loc, the
// person's time zone: --from 2026-01-01 starts at midnight there.
func reportPeriod(from, to string, loc *time.Location) (report.Options, error) {
	opt := report.Options{Loc: loc}
	var err error
	if from != "" {
		opt.From, err = model.ParseDate(from, loc)
	}
	if err == nil && to != "" {
		opt.To, err = model.ParseDate(to, loc)
	}
	return opt, err
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return " (" + err.Error() + ")"
}
