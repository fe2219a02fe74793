package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"keel/model"

	bolt "go.etcd.io/bbolt"
)

// ImportProblem is one record an import did not add, and why.
type ImportProblem struct {
	Kind   string // "sessions", "checkins", ...
	ID     uint64
	Reason string
}

// String is "session 12: the mood is from 0 to 10 (you entered 11)."
func (p ImportProblem) String() string {
	if p.ID == 0 {
		return p.Kind + ": " + p.Reason
	}
	return fmt.Sprintf("%s %d: %s", p.Kind, p.ID, p.Reason)
}

// FileOrigin says which Keel made an export, as far as an import can tell.
type FileOrigin int

// The origins of an export.
const (
	// ThisKeel: the export was made from this database (or from a backup of it).
	ThisKeel FileOrigin = iota + 1
	// AnotherKeel: made by another Keel install. Its records come in under new IDs,
	// their links to each other kept, and never touch this database's own records.
	AnotherKeel
	// OlderExport: made by an older Keel, whose exports do not say which Keel made
	// them. Its records are matched by ID, as this database's own (unless
	// ImportOptions.AsNew).
	OlderExport
)

// ImportResult says what an import did, or, for a dry run, would do. Every record
// of the file is counted exactly once: Added + Skipped + Replaced + Updated +
// len(Conflicts) + len(Refused) == Total. Settings and templates are not records:
// they are counted apart, in Settings and Templates.
type ImportResult struct {
	// Total is the number of records in the file.
	Total int
	// Added are new records.
	Added int
	// Skipped are records already here, identical.
	Skipped int
	// Replaced are records here with other content, replaced because the user asked.
	Replaced int
	// Updated are check-ins imported earlier from another app, brought up to date
	// with a changed mapping (see ImportSourceCheckIns); Changes says which.
	Updated int
	// Conflicts are records here with other content, left unchanged, and records
	// whose parent is such a record (they are never attached to a record here that
	// differs from the file's).
	Conflicts []ImportProblem
	// Refused are records that are not valid, not added.
	Refused []ImportProblem
	// Changes are the mood values that differ from the earlier import of the same
	// app's check-ins, each with the number of check-ins it updated.
	Changes []MoodChange
	// Settings and Templates are what happened to the file's settings and checklist
	// templates.
	Settings, Templates Tally
	// From says which Keel made the file (0 for check-ins from another app).
	From FileOrigin
	// DryRun is set when nothing was written: the numbers say what the import would do.
	DryRun bool
}

// Tally counts what an import did with things that are not records (the settings,
// the templates).
type Tally struct {
	Added, Skipped, Replaced int
	Conflicts, Refused       []ImportProblem
}

func (t Tally) empty() bool {
	return t.Added+t.Skipped+t.Replaced+len(t.Conflicts)+len(t.Refused) == 0
}

// MoodChange is a mood of another app whose value on Keel's scale changed since the
// check-ins were first imported.
type MoodChange struct {
	Mood     string
	From, To int
	// CheckIns is how many imported check-ins it updates.
	CheckIns int
}

// String is "“meh” 5 → 4: 14 check-ins".
func (c MoodChange) String() string {
	n := fmt.Sprintf("%d check-ins", c.CheckIns)
	if c.CheckIns == 1 {
		n = "1 check-in"
	}
	return fmt.Sprintf("“%s” %d → %d: %s", c.Mood, c.From, c.To, n)
}

// Different is the number of records that differ from what is here and are left
// unchanged: the records an import with ImportOptions.Replace would replace.
func (r ImportResult) Different() int { return len(r.Conflicts) }

// Problems lists every record, setting and template not imported, and why.
func (r ImportResult) Problems() []ImportProblem {
	var out []ImportProblem
	for _, list := range [][]ImportProblem{r.Conflicts, r.Refused, r.Settings.Conflicts, r.Settings.Refused, r.Templates.Conflicts, r.Templates.Refused} {
		out = append(out, list...)
	}
	return out
}

// Summary says in a sentence or two what happened (or, for a dry run, would): the
// counts, which add up to the records in the file, then the settings and templates.
func (r ImportResult) Summary() string {
	verb := func(done, plan string) string {
		if r.DryRun {
			return plan
		}
		return done
	}
	parts := []string{
		fmt.Sprintf("%d %s", r.Added, verb("added", "to add")),
		fmt.Sprintf("%d already here", r.Skipped),
	}
	if r.Replaced > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", r.Replaced, verb("replaced", "to replace")))
	}
	if r.Updated > 0 {
		parts = append(parts, fmt.Sprintf("%d %s to the new mood values", r.Updated, verb("updated", "to update")))
	}
	if n := len(r.Conflicts); n > 0 {
		parts = append(parts, fmt.Sprintf("%d different from what is here %s", n, verb("and left unchanged", "(left unchanged unless you use the file's)")))
	}
	if n := len(r.Refused); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", n, verb("refused", "to refuse")))
	}
	records := "records"
	if r.Total == 1 {
		records = "record"
	}
	s := strings.Join(parts, ", ") + fmt.Sprintf(" (%d %s in the file).", r.Total, records)
	if t := r.Settings; !t.empty() {
		switch {
		case t.Added > 0:
			s += verb(" The settings were added.", " The settings will be added.")
		case t.Skipped > 0:
			s += " The settings are the same as yours."
		case t.Replaced > 0:
			s += verb(" Your settings were replaced by the file's.", " Your settings will be replaced by the file's.")
		case len(t.Conflicts) > 0:
			s += verb(" The file's settings differ from yours; yours were kept.", " The file's settings differ from yours.")
		default:
			s += verb(" The file's settings were refused.", " The file's settings will be refused.")
		}
	}
	if t := r.Templates; !t.empty() {
		var tp []string
		for _, c := range []struct {
			n          int
			done, plan string
		}{{t.Added, "added", "to add"}, {t.Skipped, "already here", "already here"}, {t.Replaced, "replaced", "to replace"},
			{len(t.Conflicts), "different and left unchanged", "different"}, {len(t.Refused), "refused", "to refuse"}} {
			if c.n > 0 {
				tp = append(tp, fmt.Sprintf("%d %s", c.n, verb(c.done, c.plan)))
			}
		}
		s += " Checklist templates: " + strings.Join(tp, ", ") + "."
	}
	return s
}

// ImportOptions choose what an import does.
type ImportOptions struct {
	// Replace overwrites records whose ID is already used by a different record.
	Replace bool
	// AsNew treats an export that does not say which Keel made it (OlderExport) as
	// another Keel's: its records come in under new IDs, linked as in the file. For
	// an older export of another install; the same file imported again adds
	// nothing, but another older export of the same install would add its records
	// again. It changes nothing for exports that say which Keel made them.
	AsNew bool
	// DryRun works out what the import would do and writes nothing.
	DryRun bool
}

// ImportFeed hands an import what a file holds through sink, in the file's order,
// and returns the first error sink returned (wrapped or not). An import may call it
// twice (one too large for a single transaction starts again on a copy of the
// database), so it must read its file afresh each time; the store's lock is held
// while it runs, so it must not call the store.
type ImportFeed func(sink *ImportSink) error

// ImportSink takes what a file holds: Begin first, then the settings, templates and
// records in any order, each record after its parent (a session before its
// checklist, follow-ups and journal entries).
type ImportSink struct{ imp *importer }

// Begin says where the records come from. Without it, they are taken as an older
// export's (OlderExport).
func (s *ImportSink) Begin(p Provenance) error { return s.imp.begin(p) }

// Record imports one record of kind k (r is changed: it gets its IDs here).
func (s *ImportSink) Record(k *model.Kind, r model.Record) error { return s.imp.record(k, r) }

// Settings imports the file's settings.
func (s *ImportSink) Settings(st model.Settings) error {
	s.imp.ensureBegun()
	return importSettings(s.imp.tx, &st, s.imp.now, s.imp.opt, s.imp.write, &s.imp.res.Settings)
}

// Templates imports the file's checklist templates.
func (s *ImportSink) Templates(ts []model.Template) error {
	s.imp.ensureBegun()
	return importTemplates(s.imp.tx, ts, s.imp.now, s.imp.opt, s.imp.write, &s.imp.res.Templates)
}

// HistoryFeed feeds the records, settings and templates of h, from p. Each record
// keeps its IDs (the import changes them while it places the record, then they are
// set back); times it lacks are stamped, as a save would.
func HistoryFeed(p Provenance, h model.History) ImportFeed {
	return func(sink *ImportSink) error {
		if err := sink.Begin(p); err != nil {
			return err
		}
		if h.Settings != nil {
			if err := sink.Settings(*h.Settings); err != nil {
				return err
			}
		}
		if h.Templates != nil {
			if err := sink.Templates(h.Templates); err != nil {
				return err
			}
		}
		for _, k := range model.Kinds {
			for _, r := range h.Of(k) {
				// The import gives r its IDs here; h keeps the file's, for a second run.
				id, parent := r.RecordID(), uint64(0)
				if k.Parent != nil {
					parent = k.ParentID(r)
				}
				err := sink.Record(k, r)
				r.SetRecordID(id)
				if k.Parent != nil && k.SetParentID != nil {
					k.SetParentID(r, parent)
				}
				if err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// Import adds the records of h, as records of this database (see ImportStream).
// (Take a backup first: see Backup.)
func (s *Store) Import(h model.History, opt ImportOptions) (ImportResult, error) {
	return s.ImportStream(HistoryFeed(Provenance{}, h), opt)
}

// ImportStream imports what feed hands it, atomically: either everything is written
// or nothing. Records of this database (or of an older export, which does not say,
// unless opt.AsNew) keep their IDs: one already here with the same content is
// skipped, one here with other content is a conflict, left unchanged unless
// opt.Replace. Records of another Keel get new IDs here, their links to each other
// kept, and are remembered, so the same file again adds nothing. A record whose
// parent was refused is refused; one whose parent differs from the record here and
// was left unchanged is a conflict, never attached to it. An invalid record, one
// with an ID outside 1 to model.MaxID, or a second record with the same ID in the
// file, is refused with its reason. Settings and templates follow the same rules.
// Nothing is ever overwritten silently.
//
// Memory stays bounded by the work, not the file: up to liveImportLimit records
// go into one transaction; a larger import starts again on a copy of the database,
// committed every importBatch records and swapped in when complete (swapIn), with
// the store locked against every other use meanwhile.
func (s *Store) ImportStream(feed ImportFeed, opt ImportOptions) (ImportResult, error) {
	now := s.now()
	var res ImportResult
	if opt.DryRun {
		err := s.view(func(tx txn) error {
			imp := newImporter(tx, now, opt, false)
			var err error
			res, err = imp.run(feed)
			return err
		})
		if err != nil {
			return ImportResult{}, fmt.Errorf("import: %w", err)
		}
		return res, nil
	}
	err := s.update(func(tx txn) error {
		imp := newImporter(tx, now, opt, true)
		imp.limit = liveImportLimit
		var err error
		res, err = imp.run(feed)
		return err
	})
	if errors.Is(err, errTooLarge) {
		res, err = s.importRebuilt(feed, opt, now)
	}
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	return res, nil
}

// liveImportLimit is the most records an import writes in one transaction of the
// live database; importBatch the records per transaction on a copy.
var (
	liveImportLimit = 20_000
	importBatch     = 10_000
)

var errTooLarge = errors.New("too many records for one transaction")

// importRebuilt imports into a copy of the database, in transactions of importBatch
// records, then swaps the copy in. The store is locked meanwhile.
func (s *Store) importRebuilt(feed ImportFeed, opt ImportOptions, now time.Time) (ImportResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.locked() {
		return ImportResult{}, model.ErrLocked
	}
	tmp := s.path + rewriteSuffix
	_ = os.Remove(tmp)
	if err := s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(tmp, 0o600) }); err != nil {
		_ = os.Remove(tmp)
		return ImportResult{}, fmt.Errorf("copy the database: %w", err)
	}
	// Synced once, whole, before the swap: a crash before leaves a stale copy that
	// the next open removes.
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{NoSync: true, NoGrowSync: true, Timeout: s.opt.Timeout})
	if err != nil {
		_ = os.Remove(tmp)
		return ImportResult{}, fmt.Errorf("open the copy: %w", err)
	}
	imp := newImporter(txn{}, now, opt, true)
	begin := func() error {
		btx, err := db.Begin(true)
		imp.tx = newTxn(btx, s.key)
		return err
	}
	imp.after = func() error {
		if imp.res.Total%importBatch != 0 {
			return nil
		}
		if err := imp.tx.Commit(); err != nil {
			return err
		}
		return begin()
	}
	res, err := func() (ImportResult, error) {
		if err := begin(); err != nil {
			return ImportResult{}, err
		}
		res, err := imp.run(feed)
		if err != nil {
			_ = imp.tx.Rollback()
			return res, err
		}
		return res, errors.Join(imp.tx.Commit(), db.Sync())
	}()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp)
		return ImportResult{}, err
	}
	if err := s.swapIn(tmp); err != nil {
		return ImportResult{}, fmt.Errorf("put the imported database in place (nothing was imported): %w", err)
	}
	s.lastWrite.Store(time.Now().UnixNano())
	return res, nil
}

// outcome is what an import did with one record.
type outcome uint8

const (
	added outcome = iota + 1
	skipped
	replaced
	conflict
	refused
)

// placed is where a parent record of the file went: its ID here (fresh: a new
// record whose ID is not known yet in a dry run) and what became of it.
type placed struct {
	id    uint64
	out   outcome
	fresh bool
}

type kindID struct {
	k  *model.Kind
	id uint64
}

// globalID is a record's ID in the database it first came from.
type globalID struct {
	db string // identityLen bytes
	id uint64
}

// importer imports one file's contents into one transaction (or, on a copy, into
// one transaction after another).
type importer struct {
	tx    txn
	now   time.Time
	opt   ImportOptions
	write bool
	// local is this database's identity; from the file's database's (or a stand-in,
	// with AsNew) when its records are another Keel's (foreign).
	local, from []byte
	foreign     bool
	begun       bool
	origins     map[kindID]globalID
	// seen are the file IDs met so far, taken the IDs here they went to (foreign
	// imports only; otherwise they are the same).
	seen, taken map[*model.Kind]map[uint64]struct{}
	// parents are where the file's records of parent kinds went, by file ID.
	parents map[*model.Kind]map[uint64]placed
	// sim is, in a dry run, the next ID a new record of each kind would get.
	sim   map[*model.Kind]uint64
	res   ImportResult
	limit int
	after func() error
}

func newImporter(tx txn, now time.Time, opt ImportOptions, write bool) *importer {
	imp := &importer{tx: tx, now: now, opt: opt, write: write,
		seen: map[*model.Kind]map[uint64]struct{}{}, taken: map[*model.Kind]map[uint64]struct{}{},
		parents: map[*model.Kind]map[uint64]placed{}, sim: map[*model.Kind]uint64{}}
	imp.res.DryRun = !write
	for _, k := range model.Kinds {
		imp.seen[k] = map[uint64]struct{}{}
		imp.taken[k] = map[uint64]struct{}{}
		if k.Parent != nil {
			imp.parents[k.Parent] = map[uint64]placed{}
		}
	}
	return imp
}

// run feeds the import and returns its result.
func (imp *importer) run(feed ImportFeed) (ImportResult, error) {
	if err := feed(&ImportSink{imp}); err != nil {
		return ImportResult{}, err
	}
	imp.ensureBegun()
	return imp.res, nil
}

func (imp *importer) ensureBegun() {
	if !imp.begun {
		_ = imp.begin(Provenance{}) // cannot fail without a database or origins
	}
}

// begin decides whose records the file holds.
func (imp *importer) begin(p Provenance) error {
	if imp.begun {
		return fmt.Errorf("the file says where it comes from twice: %w", model.ErrNotExport)
	}
	imp.begun = true
	imp.local = identityOf(imp.tx)
	damaged := func(format string, a ...any) error {
		return model.Errorf(model.ENotExport, "That export is damaged ("+fmt.Sprintf(format, a...)+"), so nothing was imported.", model.ErrNotExport)
	}
	var from []byte
	if p.Database != "" {
		var ok bool
		if from, ok = ParseIdentity(p.Database); !ok {
			return damaged("its database is named %q, not as Keel names databases", p.Database)
		}
	}
	switch {
	case from != nil && imp.local != nil && bytes.Equal(from, imp.local):
		imp.res.From = ThisKeel
	case from != nil:
		imp.res.From, imp.foreign, imp.from = AnotherKeel, true, from
	default:
		imp.res.From = OlderExport
		if imp.opt.AsNew {
			imp.foreign, imp.from = true, standInIdentity(p.Head)
		}
	}
	if !imp.foreign || len(p.Origins) == 0 {
		return nil
	}
	imp.origins = make(map[kindID]globalID, len(p.Origins))
	for _, o := range p.Origins {
		db, ok := ParseIdentity(o.Database)
		switch {
		case o.Kind == nil || o.Kind.DeriveID != nil:
			return damaged("an origin of a kind that has none")
		case !ok || bytes.Equal(db, imp.from):
			return damaged("the origin of %s %d names no other database", o.Kind.One, o.ID)
		case o.ID == 0 || o.ID > model.MaxID || o.OriginalID == 0 || o.OriginalID > model.MaxID:
			return damaged("the origin of %s %d has an ID outside 1 to %d", o.Kind.One, o.ID, model.MaxID)
		}
		key := kindID{o.Kind, o.ID}
		if _, dup := imp.origins[key]; dup {
			return damaged("%s %d has two origins", o.Kind.One, o.ID)
		}
		imp.origins[key] = globalID{string(db), o.OriginalID}
	}
	return nil
}

// record imports one record of the file and counts what became of it.
func (imp *importer) record(k *model.Kind, r model.Record) error {
	imp.ensureBegun()
	imp.res.Total++
	if imp.limit > 0 && imp.res.Total > imp.limit {
		return errTooLarge
	}
	out, err := imp.place(k, r)
	if err != nil {
		return err
	}
	switch out {
	case added:
		imp.res.Added++
	case skipped:
		imp.res.Skipped++
	case replaced:
		imp.res.Replaced++
	}
	if imp.after != nil {
		return imp.after()
	}
	return nil
}

// place decides what becomes of record r of kind k, and writes it when it is added
// or replaces a record here. Conflicts and refusals are noted in imp.res.
func (imp *importer) place(k *model.Kind, r model.Record) (outcome, error) {
	fileID := r.RecordID()
	// problem notes a record not imported; here is its ID here, for a conflict.
	problem := func(out outcome, here uint64, reason string) (outcome, error) {
		p := ImportProblem{Kind: k.Name, ID: fileID, Reason: reason}
		if out == refused {
			imp.res.Refused = append(imp.res.Refused, p)
		} else {
			imp.res.Conflicts = append(imp.res.Conflicts, p)
		}
		imp.note(k, fileID, placed{id: here, out: out})
		return out, nil
	}
	refuse := func(reason string) (outcome, error) { return problem(refused, 0, reason) }
	if err := k.CheckID(r); err != nil {
		return refuse(err.Error())
	}
	if _, dup := imp.seen[k][fileID]; dup {
		imp.res.Refused = append(imp.res.Refused, ImportProblem{k.Name, fileID, "the file holds two " + k.Many + " with this ID; only the first one counts"})
		return refused, nil
	}
	imp.seen[k][fileID] = struct{}{}
	if err := r.Validate(imp.now); err != nil {
		return refuse(explainShort(err))
	}
	parentDiffers, parentFresh := false, false
	if k.Parent != nil {
		if pf := k.ParentID(r); pf != 0 {
			p, ok := imp.parent(k.Parent, pf)
			switch {
			case !ok:
				return refuse(fmt.Sprintf("its %s %d is neither in the file nor here", k.Parent.One, pf))
			case p.out == refused:
				return refuse(fmt.Sprintf("its %s %d was refused", k.Parent.One, pf))
			case p.out == conflict:
				parentDiffers = true
			}
			if p.id != pf || p.fresh {
				if k.SetParentID == nil {
					return refuse("Keel cannot give it the ID its " + k.Parent.One + " has here")
				}
				k.SetParentID(r, p.id)
			}
			parentFresh = p.fresh
		}
	}
	var id uint64
	var fresh bool
	var origin globalID
	switch {
	case k.DeriveID != nil:
		id, fresh = k.DeriveID(r), parentFresh
	case !imp.foreign:
		id = fileID
	default:
		id, fresh, origin = imp.here(k, fileID)
	}
	if !fresh {
		r.SetRecordID(id)
	}
	if imp.foreign && !fresh {
		if _, dup := imp.taken[k][id]; dup {
			return refuse(fmt.Sprintf("another record of the file is the same %s here (%d)", k.One, id))
		}
		imp.taken[k][id] = struct{}{}
	}
	// Stamped as it would be stored, so a record without times (a file written by
	// hand) compares with what an earlier import stored of it.
	r.Stamp(imp.now, true)
	var old model.Record
	if !fresh {
		var err error
		old, err = getRecord(imp.tx, k, id)
		switch {
		case errors.Is(err, model.ErrNotFound):
			old = nil
		case err != nil:
			return 0, err
		}
	}
	var out outcome
	switch {
	case parentDiffers && (old == nil || !sameRecord(old, r)):
		return problem(conflict, id, fmt.Sprintf("its %s is different from the one here, which was left unchanged", k.Parent.One))
	case old == nil:
		out = added
	case sameRecord(old, r):
		out = skipped
	case !imp.opt.Replace:
		reason := "a different record with this ID is already here"
		if id != fileID {
			reason = fmt.Sprintf("it is %s %d here, which is different now", k.One, id)
		}
		return problem(conflict, id, reason)
	default:
		out = replaced
	}
	if out == added || out == replaced {
		var err error
		if id, err = imp.put(k, r, id, fresh, origin); err != nil {
			return 0, err
		}
	}
	imp.note(k, fileID, placed{id: id, out: out, fresh: fresh && !imp.write})
	return out, nil
}

// note remembers where a record of a parent kind went, for the records that belong
// to it; the first record with an ID wins.
func (imp *importer) note(k *model.Kind, fileID uint64, p placed) {
	if m := imp.parents[k]; m != nil {
		if _, ok := m[fileID]; !ok {
			m[fileID] = p
		}
	}
}

// parent returns where the parent of kind k with file ID fileID is: placed by this
// import, or already here.
func (imp *importer) parent(k *model.Kind, fileID uint64) (placed, bool) {
	if p, ok := imp.parents[k][fileID]; ok {
		return p, true
	}
	id := fileID
	if imp.foreign {
		var fresh bool
		if id, fresh, _ = imp.here(k, fileID); fresh {
			return placed{}, false
		}
	}
	if fileID > model.MaxID || imp.tx.Bucket(bucketOf(k)).Get(idKey(id)) == nil {
		return placed{}, false
	}
	return placed{id: id, out: skipped}, true
}

// here is the ID here of another Keel's record of kind k with file ID fileID: its
// own ID when it first came from this database, the ID an earlier import gave it, or
// none yet (fresh), with where it first came from.
func (imp *importer) here(k *model.Kind, fileID uint64) (id uint64, fresh bool, origin globalID) {
	origin, ok := imp.origins[kindID{k, fileID}]
	if !ok {
		origin = globalID{string(imp.from), fileID}
	}
	if imp.local != nil && origin.db == string(imp.local) {
		return origin.id, false, origin
	}
	if id, ok := lookupSource(imp.tx, []byte(origin.db), k, origin.id); ok {
		return id, false, origin
	}
	return 0, true, origin
}

// put writes r under id (a new ID when fresh) and returns the ID it got. A fresh
// record of another Keel is remembered with its origin.
func (imp *importer) put(k *model.Kind, r model.Record, id uint64, fresh bool, origin globalID) (uint64, error) {
	if !imp.write {
		if fresh && k.DeriveID == nil {
			imp.sim[k]++
			return imp.sim[k], nil
		}
		return id, nil
	}
	if fresh && k.DeriveID == nil {
		r.SetRecordID(0)
	}
	if err := putRecord(imp.tx, k, r, imp.now, true); err != nil {
		return 0, err
	}
	id = r.RecordID()
	if fresh && k.DeriveID == nil {
		if err := putOrigin(imp.tx, k, id, []byte(origin.db), origin.id); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func importSettings(tx txn, st *model.Settings, now time.Time, opt ImportOptions, write bool, t *Tally) error {
	if err := st.Validate(now); err != nil {
		t.Refused = append(t.Refused, ImportProblem{"settings", 0, explainShort(err)})
		return nil
	}
	b := tx.Bucket(settingsBucket)
	if data := b.Get(settingsKey); data != nil {
		old, err := decode[model.Settings](tx, settingsShape, settingsKey, data)
		if err != nil {
			return err
		}
		switch {
		case sameRecord(old, *st):
			t.Skipped++
			return nil
		case !opt.Replace:
			t.Conflicts = append(t.Conflicts, ImportProblem{"settings", 0, "the settings here differ from the file's"})
			return nil
		}
		t.Replaced++
	} else {
		t.Added++
	}
	if !write {
		return nil
	}
	data, err := tx.encode(settingsShape, settingsKey, st)
	if err != nil {
		return err
	}
	return b.Put(settingsKey, data)
}

func importTemplates(tx txn, ts []model.Template, now time.Time, opt ImportOptions, write bool, tl *Tally) error {
	b := tx.Bucket(templatesBucket)
	seen := map[model.Route]bool{}
	for _, t := range ts {
		if err := t.Validate(now); err != nil {
			tl.Refused = append(tl.Refused, ImportProblem{"templates", 0, string(t.Route) + ": " + explainShort(err)})
			continue
		}
		if seen[t.Route] {
			tl.Refused = append(tl.Refused, ImportProblem{"templates", 0, "the file holds two " + t.Route.Label() + " checklists; the first one was taken"})
			continue
		}
		seen[t.Route] = true
		if data := b.Get([]byte(t.Route)); data != nil {
			old, err := decode[model.Template](tx, templatesShape, []byte(t.Route), data)
			if err != nil {
				return err
			}
			switch {
			case sameRecord(old, t):
				tl.Skipped++
				continue
			case !opt.Replace:
				tl.Conflicts = append(tl.Conflicts, ImportProblem{"templates", 0, "the " + t.Route.Label() + " checklist here differs from the file's"})
				continue
			}
			tl.Replaced++
		} else {
			tl.Added++
		}
		if !write {
			continue
		}
		data, err := tx.encode(templatesShape, []byte(t.Route), t)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(t.Route), data); err != nil {
			return err
		}
	}
	return nil
}

// sameRecord compares two records as they are stored: by their JSON.
func sameRecord(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

func explainShort(err error) string {
	var v *model.ValidationError
	if errors.As(err, &v) {
		return v.Error()
	}
	return err.Error()
}

// Check-ins from another app.
//
// The values a person gave an app's moods on Keel's scale are remembered per app, in
// the settings bucket under "mapping/<source>" (sealed like the settings), so the
// next import of that app's export uses them and a changed value can be told from
// a check-in changed here.

var mappingShape = shape{name: "mood mapping", bucket: settingsBucket, version: 1}

func mappingKey(source string) []byte { return []byte("mapping/" + source) }

// storedMapping is the stored form of a remembered mapping.
type storedMapping struct {
	Moods map[string]int `json:"moods"`
}

// MoodMapping returns the mood values remembered for source (such as "daylio"),
// keyed by lower-case mood name; nil when nothing was imported from it yet.
func (s *Store) MoodMapping(source string) (map[string]int, error) {
	var m map[string]int
	err := s.view(func(tx txn) error {
		var err error
		m, err = mappingOf(tx, source)
		return err
	})
	return m, err
}

func mappingOf(tx txn, source string) (map[string]int, error) {
	data := tx.Bucket(settingsBucket).Get(mappingKey(source))
	if data == nil {
		return nil, nil
	}
	sm, err := decode[storedMapping](tx, mappingShape, mappingKey(source), data)
	return sm.Moods, err
}

// SourceImport says where check-ins of ImportSourceCheckIns come from.
type SourceImport struct {
	// Source is the app ("daylio"), the Source of every check-in.
	Source string
	// Moods are the app's mood names of the check-ins, one per check-in, and Mapping
	// the value on Keel's scale each name was given (keys matched in lower case). The
	// import remembers Mapping for Source. nil Moods: no mapping is involved.
	Moods   []string
	Mapping map[string]int
	// DryRun works out what the import would do and writes nothing.
	DryRun bool
}

// ImportCheckIns adds check-ins from another app (such as a Daylio export) in one
// transaction (see ImportSourceCheckIns, without moods).
func (s *Store) ImportCheckIns(cs []model.CheckIn) (ImportResult, error) {
	return s.ImportSourceCheckIns(cs, SourceImport{})
}

// ImportSourceCheckIns adds check-ins from another app in one transaction. A
// check-in whose Source and SourceKey are already stored is skipped when its mood is
// the same; when its mood differs and the stored one is the value its mood name had
// before (the remembered mapping, or, for a name never remembered, the value most
// check-ins of that name hold here), the stored check-in's mood is updated (Updated,
// Changes); otherwise it was changed here and is left unchanged (a conflict). So the
// same file twice adds nothing, and the same file with a changed mapping updates
// exactly the check-ins the change concerns. An invalid check-in is refused with
// its reason. The mapping is remembered in the same transaction.
func (s *Store) ImportSourceCheckIns(cs []model.CheckIn, opt SourceImport) (ImportResult, error) {
	res := ImportResult{Total: len(cs), DryRun: opt.DryRun}
	if len(cs) == 0 {
		return res, nil
	}
	if opt.Moods != nil && len(opt.Moods) != len(cs) {
		return res, fmt.Errorf("import check-ins: %d mood names for %d check-ins", len(opt.Moods), len(cs))
	}
	now := s.now()
	from, to := cs[0].At, cs[0].At
	for _, c := range cs {
		from, to = minTime(from, c.At), maxTime(to, c.At)
	}
	fn := func(tx txn) error {
		res.Changes = nil
		res.Added, res.Skipped, res.Updated, res.Conflicts, res.Refused = 0, 0, 0, nil, nil
		type storedCheckIn struct {
			id   uint64
			mood *int
		}
		stored := map[string]storedCheckIn{}
		err := scan[model.CheckIn](tx, model.CheckIns, from, to.Add(time.Second), false, func(c model.CheckIn) bool {
			if c.SourceKey != "" {
				stored[c.Source+"\x00"+c.SourceKey] = storedCheckIn{c.ID, c.Mood}
			}
			return true
		})
		if err != nil {
			return err
		}
		remembered, err := mappingOf(tx, opt.Source)
		if err != nil {
			return err
		}
		name := func(i int) string {
			if opt.Moods == nil {
				return ""
			}
			return strings.ToLower(strings.TrimSpace(opt.Moods[i]))
		}
		// before is the value each mood name had at the earlier import.
		before := map[string]int{}
		held := map[string]map[int]int{}
		for i, c := range cs {
			n := name(i)
			if v, ok := remembered[n]; ok {
				before[n] = v
				continue
			}
			if st, ok := stored[c.Source+"\x00"+c.SourceKey]; ok && st.mood != nil && n != "" {
				if held[n] == nil {
					held[n] = map[int]int{}
				}
				held[n][*st.mood]++
			}
		}
		for n, counts := range held {
			best, most := 0, 0
			for v, k := range counts {
				if k > most || (k == most && v < best) {
					best, most = v, k
				}
			}
			before[n] = best
		}
		changes := map[string]*MoodChange{}
		var order []string
		done := map[string]bool{}
		for i := range cs {
			c := cs[i]
			key := c.Source + "\x00" + c.SourceKey
			when := c.At.Format("2006-01-02 15:04")
			if c.SourceKey != "" && done[key] {
				res.Refused = append(res.Refused, ImportProblem{"checkins", 0, when + ": the file holds this entry twice; only the first one counts"})
				continue
			}
			done[key] = true
			st, here := stored[key]
			switch {
			case c.SourceKey == "" || !here:
				if err := c.Validate(now); err != nil {
					res.Refused = append(res.Refused, ImportProblem{"checkins", 0, when + ": " + explainShort(err)})
					continue
				}
				res.Added++
				if opt.DryRun {
					continue
				}
				c.ID = 0
				if err := put(tx, model.CheckIns, &c, now); err != nil {
					return err
				}
				continue
			case sameMood(st.mood, c.Mood):
				res.Skipped++
				continue
			}
			n := name(i)
			was, known := before[n]
			if !known || st.mood == nil || *st.mood != was || c.Mood == nil {
				res.Conflicts = append(res.Conflicts, ImportProblem{"checkins", st.id, when + ": changed here since it was imported; left unchanged"})
				continue
			}
			res.Updated++
			ch := changes[n]
			if ch == nil {
				ch = &MoodChange{Mood: strings.TrimSpace(opt.Moods[i]), From: was, To: *c.Mood}
				changes[n] = ch
				order = append(order, n)
			}
			ch.CheckIns++
			if opt.DryRun {
				continue
			}
			old, err := get[model.CheckIn](tx, model.CheckIns, st.id)
			if err != nil {
				return err
			}
			old.Mood = c.Mood
			if err := put(tx, model.CheckIns, &old, now); err != nil {
				return err
			}
		}
		for _, n := range order {
			res.Changes = append(res.Changes, *changes[n])
		}
		if opt.DryRun || opt.Moods == nil {
			return nil
		}
		merged := map[string]int{}
		for n, v := range remembered {
			merged[n] = v
		}
		for n, v := range opt.Mapping {
			merged[strings.ToLower(strings.TrimSpace(n))] = v
		}
		data, err := tx.encode(mappingShape, mappingKey(opt.Source), storedMapping{Moods: merged})
		if err != nil {
			return err
		}
		return tx.Bucket(settingsBucket).Put(mappingKey(opt.Source), data)
	}
	var err error
	if opt.DryRun {
		err = s.view(fn)
	} else {
		err = s.update(fn)
	}
	if err != nil {
		return ImportResult{}, fmt.Errorf("import check-ins: %w", err)
	}
	return res, nil
}

func sameMood(a, b *int) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }
