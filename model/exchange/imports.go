package exchange

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"keel/model"
	"keel/model/daylio"
	"keel/model/seal"
	"keel/model/store"
)

// checkSize refuses a plain file over MaxImportBytes before reading it. (An
// encrypted one is stopped by the reader once its plain text passes the limit.)
func checkSize(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fileError("read", path, err)
	}
	if !info.Mode().IsRegular() {
		return model.Errorf(model.ENotExport, fmt.Sprintf("%s is not a file, so nothing was imported.", filepath.Base(path)), model.ErrNotExport)
	}
	if info.Size() > MaxImportBytes+int64(seal.AgePrefixLen) {
		if enc, _ := IsEncryptedExport(path); !enc {
			return model.Errorf(model.ENotExport, fmt.Sprintf("%s is over %d MB, more than any Keel export, so nothing was imported.", filepath.Base(path), MaxImportBytes>>20), model.ErrNotExport)
		}
	}
	return nil
}

// ReadFile reads the Keel export at path into memory, asking for its passphrase
// with ask when it is encrypted (ask is called only then; nil from it gives up).
// For an import, OpenSource reads the file a record at a time instead.
func ReadFile(path string, ask func() []byte) (Export, error) {
	if err := checkSize(path); err != nil {
		return Export{}, err
	}
	r, closeFile, err := OpenExport(path, ask)
	if err != nil {
		return Export{}, err
	}
	defer closeFile()
	e, err := ReadExport(r)
	if err != nil {
		return Export{}, cannotImport(path, err)
	}
	return e, nil
}

func cannotImport(path string, err error) error {
	return model.Errorf(model.ErrorCode(err), filepath.Base(path)+" can't be imported. "+model.Message(err), err)
}

// Source is a Keel export file to import: read once by Plan and again by
// ImportSource (and once more by an import too large for one transaction), a
// record at a time, so memory does not grow with the file. An encrypted file's
// passphrase is asked for once, by OpenSource, and kept until Close.
type Source struct {
	path string
	pass []byte
}

// OpenSource checks that the file at path can be imported before anything is read
// from it: a file, not over MaxImportBytes and, when it is encrypted with age, one
// that the passphrase ask returns opens (ask is called only for an encrypted file;
// nil from it gives up).
func OpenSource(path string, ask func() []byte) (*Source, error) {
	if err := checkSize(path); err != nil {
		return nil, err
	}
	src := &Source{path: path}
	_, closeFile, err := OpenExport(path, func() []byte {
		src.pass = ask()
		return src.pass
	})
	if err != nil {
		return nil, err
	}
	_ = closeFile()
	return src, nil
}

// Path is the file's path.
func (s *Source) Path() string { return s.path }

// Close forgets the passphrase (as far as Go lets a program forget: the bytes are
// overwritten, copies the runtime made are not).
func (s *Source) Close() {
	for i := range s.pass {
		s.pass[i] = 0
	}
	s.pass = nil
}

// Feed is the store.ImportFeed that reads the file, a record at a time.
func (s *Source) Feed() store.ImportFeed {
	return func(sink *store.ImportSink) error {
		r, closeFile, err := OpenExport(s.path, func() []byte { return s.pass })
		if err != nil {
			return err
		}
		defer closeFile()
		return feedExport(s.path, r, sink)
	}
}

// feedExport reads the export in r (from the file at path) into sink.
func feedExport(path string, r io.Reader, sink *store.ImportSink) error {
	var e Export
	var sinkErr error
	keep := func(err error) error {
		sinkErr = err
		return err
	}
	err := decodeExport(r, &e, exportHandler{
		head:      func() error { return keep(sink.Begin(e.Provenance())) },
		settings:  func(st model.Settings) error { return keep(sink.Settings(st)) },
		templates: func(ts []model.Template) error { return keep(sink.Templates(ts)) },
		record:    func(k *model.Kind, rec model.Record) error { return keep(sink.Record(k, rec)) },
	})
	if err != nil && err != sinkErr {
		return cannotImport(path, err)
	}
	return err
}

// Plan works out what importing src into st would do, writing nothing: how many
// records are new, already here, different from what is here (Conflicts: what
// opt.Replace would replace) and refused, and which Keel made the file (From). The
// window asks its question (keep mine, use the file's, cancel) from it. It reads
// the whole file: call it off the window's goroutine.
func Plan(st *store.Store, src *Source, opt store.ImportOptions) (store.ImportResult, error) {
	opt.DryRun = true
	return st.ImportStream(src.Feed(), opt)
}

// ImportSource takes a backup of st, then imports src a record at a time (see
// store.Store.ImportStream): all of it or, on any failure, nothing. Without a
// backup nothing is imported.
func ImportSource(st *store.Store, src *Source, opt store.ImportOptions) (store.ImportResult, error) {
	if opt.DryRun {
		return Plan(st, src, opt)
	}
	if err := backupFirst(st); err != nil {
		return store.ImportResult{}, err
	}
	return st.ImportStream(src.Feed(), opt)
}

func backupFirst(st *store.Store) error {
	if _, err := st.Backup(); err != nil {
		return model.Errorf(model.ErrorCode(err), "No backup could be taken first, so nothing was imported. "+model.Message(err), err)
	}
	return nil
}

// Import takes a backup of st, then imports e's records, settings and templates (see
// store.Store.ImportStream). Without a backup nothing is imported.
func Import(st *store.Store, e Export, opt store.ImportOptions) (store.ImportResult, error) {
	if !opt.DryRun {
		if err := backupFirst(st); err != nil {
			return store.ImportResult{}, err
		}
	}
	return st.ImportStream(store.HistoryFeed(e.Provenance(), e.History), opt)
}

// ReadDaylio parses the Daylio CSV export at path, its times in loc.
func ReadDaylio(path string, loc *time.Location) (*daylio.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError("read", path, err)
	}
	defer f.Close()
	file, err := daylio.Parse(f, loc)
	if err != nil {
		return nil, model.Errorf(model.ENotExport, fmt.Sprintf("%s can't be imported: %s", filepath.Base(path), model.Sentence(err.Error())), err)
	}
	return file, nil
}

// UnmappedMoodsError means a Daylio file has moods Keel does not know the value of:
// the person must say what each means on Keel's 0-10 scale before anything is
// imported.
type UnmappedMoodsError struct {
	Moods []string
}

// Error names the moods.
func (e *UnmappedMoodsError) Error() string {
	return "Keel does not know what these Daylio moods mean on its 0-10 scale: " + strings.Join(e.Moods, ", ") +
		". Give each a value (rad, good, meh, bad and awful are 10, 8, 5, 2 and 0); nothing was imported."
}

// Unwrap makes the error an *model.Error for model.Message, with ENeedsChoice.
func (e *UnmappedMoodsError) Unwrap() error {
	return model.Errorf(model.ENeedsChoice, e.Error(), nil)
}

// Where a Daylio mood's value comes from (DaylioMood.From).
const (
	MoodGiven      = "given"      // in the mapping passed in
	MoodRemembered = "remembered" // from the earlier import of a Daylio file
	MoodDefault    = "default"    // Daylio's own rad, good, meh, bad or awful
)

// DaylioMood is one mood of a Daylio file and the value it gets on Keel's scale.
type DaylioMood struct {
	// Name is the mood as the file spells it.
	Name string
	// Value is its value from 0 to 10, nil when it has none (the person must choose).
	Value *int
	// From says where Value comes from: MoodGiven, MoodRemembered, MoodDefault, or ""
	// without a value.
	From string
	// Remembered is the value the earlier import remembered, nil when none.
	Remembered *int
}

// DaylioPlan is what importing a Daylio file with a mapping would do.
type DaylioPlan struct {
	// Moods are the file's moods, in the order they first appear, with their values.
	Moods []DaylioMood
	// Unmapped names the moods without a value; while there are any, nothing can be
	// imported and Result is empty.
	Unmapped []string
	// Mapping is the value of every mood of the file, by lower-case name: what
	// ImportDaylio would use and remember.
	Mapping map[string]int
	// Result is what the import would do (a dry run): check-ins to add, already here,
	// to update to changed mood values (Updated, and Changes mood by mood), changed
	// here and left unchanged (Conflicts), and refused.
	Result store.ImportResult
}

// Nothing reports whether the import would change nothing.
func (p DaylioPlan) Nothing() bool {
	return len(p.Unmapped) == 0 && p.Result.Added == 0 && p.Result.Updated == 0
}

// PlanDaylio works out what ImportDaylio(st, file, mapping) would do, writing
// nothing. Each mood takes its value from mapping (keys matched trimmed and in
// any case), else from the mapping remembered from the last Daylio import, else
// from Daylio's defaults (daylio.DefaultMoods). A value outside 0-10 is an error
// (model.EInvalid). It reads every check-in in the file's time range: call it off the
// window's goroutine.
func PlanDaylio(st *store.Store, file *daylio.File, mapping map[string]int) (DaylioPlan, error) {
	plan, cs, moods, err := planDaylio(st, file, mapping)
	if err != nil || len(plan.Unmapped) > 0 {
		return plan, err
	}
	plan.Result, err = st.ImportSourceCheckIns(cs, store.SourceImport{Source: daylio.Source, Moods: moods, Mapping: plan.Mapping, DryRun: true})
	return plan, err
}

func planDaylio(st *store.Store, file *daylio.File, mapping map[string]int) (DaylioPlan, []model.CheckIn, []string, error) {
	remembered, err := st.MoodMapping(daylio.Source)
	if err != nil {
		return DaylioPlan{}, nil, nil, err
	}
	given := map[string]int{}
	for n, v := range mapping {
		given[moodName(n)] = v
	}
	plan := DaylioPlan{Mapping: map[string]int{}}
	for _, name := range file.Moods {
		m := DaylioMood{Name: name}
		key := moodName(name)
		if v, ok := remembered[key]; ok {
			m.Remembered = &v
		}
		if v, ok := given[key]; ok {
			m.Value, m.From = &v, MoodGiven
		} else if m.Remembered != nil {
			m.Value, m.From = m.Remembered, MoodRemembered
		} else if v, ok := daylio.DefaultMoods[key]; ok {
			m.Value, m.From = &v, MoodDefault
		}
		if m.Value == nil {
			plan.Unmapped = append(plan.Unmapped, name)
		} else {
			if *m.Value < 0 || *m.Value > 10 {
				return plan, nil, nil, model.Errorf(model.EInvalid, fmt.Sprintf("The mood “%s” is set to %d, but Keel's moods go from 0 (very low) to 10 (very good).", name, *m.Value), nil)
			}
			plan.Mapping[key] = *m.Value
		}
		plan.Moods = append(plan.Moods, m)
	}
	if len(plan.Unmapped) > 0 {
		return plan, nil, nil, nil
	}
	cs, err := file.CheckIns(plan.Mapping)
	if err != nil {
		return plan, nil, nil, model.Errorf(model.EInvalid, model.Sentence(err.Error()), err)
	}
	moods := make([]string, len(file.Entries))
	for i, e := range file.Entries {
		moods[i] = e.Mood
	}
	return plan, cs, moods, nil
}

func moodName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ImportDaylio imports file's entries as check-ins, their moods valued as PlanDaylio
// says (mapping, then the remembered mapping, then daylio.DefaultMoods), after
// taking a backup; the values are remembered for the next Daylio import. When a mood
// has no value it returns an *UnmappedMoodsError naming them all and imports
// nothing. Importing the same file twice adds nothing the second time; importing it
// with a changed value for a mood updates the check-ins imported with the old value
// (Updated, Changes), and leaves those changed here since (Conflicts).
func ImportDaylio(st *store.Store, file *daylio.File, mapping map[string]int) (store.ImportResult, error) {
	plan, cs, moods, err := planDaylio(st, file, mapping)
	if err != nil {
		return store.ImportResult{}, err
	}
	if len(plan.Unmapped) > 0 {
		return store.ImportResult{}, &UnmappedMoodsError{Moods: plan.Unmapped}
	}
	if err := backupFirst(st); err != nil {
		return store.ImportResult{}, err
	}
	return st.ImportSourceCheckIns(cs, store.SourceImport{Source: daylio.Source, Moods: moods, Mapping: plan.Mapping})
}
