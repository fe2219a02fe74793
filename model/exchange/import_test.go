package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"keel/model"
	"keel/model/store"

	"pgregory.net/rapid"
)

// exportOf is the JSON export of st.
func exportOf(t interface{ Fatalf(string, ...any) }, st *store.Store) []byte {
	e, err := Snapshot(st)
	if err != nil {
		t.Fatalf("Snapshot() = %v", err)
	}
	var buf bytes.Buffer
	if err := e.WriteJSON(&buf); err != nil {
		t.Fatalf("WriteJSON() = %v", err)
	}
	return buf.Bytes()
}

// bytesFeed feeds an import from an export held in memory.
func bytesFeed(data []byte) store.ImportFeed {
	return func(sink *store.ImportSink) error { return feedExport("export.json", bytes.NewReader(data), sink) }
}

// importBytes imports data into st as ImportSource would, without the backup.
func importBytes(st *store.Store, data []byte, opt store.ImportOptions) (store.ImportResult, error) {
	return st.ImportStream(bytesFeed(data), opt)
}

// checkAddsUp fails when the result does not count every record of the file once.
func checkAddsUp(t interface{ Fatalf(string, ...any) }, res store.ImportResult) {
	if n := res.Added + res.Skipped + res.Replaced + res.Updated + len(res.Conflicts) + len(res.Refused); n != res.Total {
		t.Fatalf("import result counts %d records, the file holds %d: %+v", n, res.Total, res)
	}
}

// twoInstalls is the case of the report: two Keels, each with a session 1. Mine is
// planned; theirs is done, with four follow-ups, a journal entry and a checklist.
func twoInstalls(t *testing.T) (mine, theirs *store.Store) {
	mine, theirs = openTest(t), openTest(t)
	if _, err := mine.SaveSession(model.Session{At: testNow.Add(48 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV, Intention: "mine"}); err != nil {
		t.Fatal(err)
	}
	s, err := theirs.SaveSession(model.Session{At: testNow.Add(-24 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIM, Intention: "theirs"})
	if err != nil {
		t.Fatal(err)
	}
	s.Status = model.StatusDone
	if s, err = theirs.SaveSession(s); err != nil {
		t.Fatal(err)
	}
	if _, err := theirs.SaveJournal(model.JournalEntry{At: testNow.Add(-time.Hour), SessionID: s.ID, Text: "their entry"}); err != nil {
		t.Fatal(err)
	}
	if _, err := theirs.SaveCheckIn(model.CheckIn{At: testNow.Add(-2 * time.Hour), Mood: ptr(6)}); err != nil {
		t.Fatal(err)
	}
	return mine, theirs
}

// TestImportAnotherInstallNeverAttachesToMine: importing another install's export
// used to attach its follow-ups and journal entry to my own session 1. Now its
// records come in as new ones, linked to each other, mine untouched; the same file
// again adds nothing; and my records coming back in its export are already here.
func TestImportAnotherInstallNeverAttachesToMine(t *testing.T) {
	mine, theirs := twoInstalls(t)
	before, _ := mine.Snapshot()
	file := exportOf(t, theirs)
	res, err := importBytes(mine, file, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkAddsUp(t, res)
	// Their session, its checklist, 4 follow-ups, the journal entry and the check-in.
	if res.From != store.AnotherKeel || res.Added != 8 || res.Total != 8 {
		t.Fatalf("Import(their export) = %+v; want all 8 records added as another Keel's", res)
	}
	my, _ := mine.Session(1)
	if !sameJSON(t, my, *before.Of(model.Sessions)[0].(*model.Session)) {
		t.Errorf("my session 1 changed: %+v", my)
	}
	if fs, _ := mine.FollowUpsOf(1); len(fs) != 0 {
		t.Errorf("my planned session 1 picked up %d follow-ups", len(fs))
	}
	if j, _ := mine.JournalOf(my); len(j) != 0 {
		t.Errorf("my session 1 picked up journal entries %+v", j)
	}
	sessions, _ := mine.Sessions()
	var got model.Session
	for _, s := range sessions {
		if s.Intention == "theirs" {
			got = s
		}
	}
	fs, _ := mine.FollowUpsOf(got.ID)
	j, _ := mine.JournalOf(got)
	c, ok, _ := mine.Checklist(got.ID)
	if got.ID == 1 || len(fs) != 4 || len(j) != 1 || !ok || c.SessionID != got.ID {
		t.Errorf("their session came in as %d with %d follow-ups, %d journal entries, checklist %v; want a new ID with all of them", got.ID, len(fs), len(j), ok)
	}
	if again, _ := importBytes(mine, file, store.ImportOptions{}); again.Added != 0 || again.Skipped != 8 {
		t.Errorf("the same file again = %+v, want all 8 already here", again)
	}
	// Back the other way: their own records in my export are theirs, already there;
	// only my session (and its checklist) is new to them.
	back, err := importBytes(theirs, exportOf(t, mine), store.ImportOptions{})
	if err != nil || back.Added != 2 || back.Skipped != 8 {
		t.Errorf("my export into theirs = %+v, %v; want my 2 records added, their 8 already there", back, err)
	}
}

// TestImportOwnExportAddsNothing: my own export, or the same file twice, adds
// nothing.
func TestImportOwnExportAddsNothing(t *testing.T) {
	_, theirs := twoInstalls(t)
	res, err := importBytes(theirs, exportOf(t, theirs), store.ImportOptions{})
	if err != nil || res.From != store.ThisKeel || res.Added != 0 || res.Skipped != res.Total || res.Total != 8 {
		t.Errorf("Import(own export) = %+v, %v; want all 8 already here", res, err)
	}
}

// olderExport is data as an older Keel wrote it: version 1, without the
// database's identity and origins.
func olderExport(t *testing.T, data []byte) []byte {
	e, err := ReadExport(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	e.Version, e.Database, e.Origins = 1, "", nil
	var buf bytes.Buffer
	if err := e.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `"database"`) {
		t.Fatalf("an older export has a database:\n%s", buf.String())
	}
	return buf.Bytes()
}

// TestImportOlderExportOfAnotherInstall: a version 1 export does not say which Keel
// made it. Matched by ID, the conflicting session is left unchanged and its records
// are not attached to mine; with AsNew it all comes in as another Keel's, once.
func TestImportOlderExportOfAnotherInstall(t *testing.T) {
	mine, theirs := twoInstalls(t)
	file := olderExport(t, exportOf(t, theirs))
	res, err := importBytes(mine, file, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkAddsUp(t, res)
	// Session 1 and its checklist and follow-ups differ; the journal entry's session
	// is left unchanged; the check-in is new.
	if res.From != store.OlderExport || res.Added != 1 || len(res.Conflicts) != 7 {
		t.Fatalf("Import(older export) = %+v; want the check-in added, the session and its 6 records left", res)
	}
	if fs, _ := mine.FollowUpsOf(1); len(fs) != 0 {
		t.Errorf("my session picked up %d follow-ups from an older export", len(fs))
	}
	other := openTest(t)
	other.SaveSession(model.Session{At: testNow.Add(48 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV, Intention: "mine"})
	for round := range 2 {
		res, err = importBytes(other, file, store.ImportOptions{AsNew: true})
		if err != nil || res.Added != 8*(1-round) || res.Skipped != 8*round {
			t.Errorf("Import(older export, as new) %d = %+v, %v", round+1, res, err)
		}
	}
	if s, _ := other.Sessions(); len(s) != 2 {
		t.Errorf("after the import as new: %d sessions, want mine and theirs", len(s))
	}
}

// TestPlanSaysWhatImportDoesAndWritesNothing: the conflict question's numbers come
// from Plan, which writes nothing, so Cancel leaves everything as it was.
func TestPlanSaysWhatImportDoesAndWritesNothing(t *testing.T) {
	mine, theirs := twoInstalls(t)
	path := filepath.Join(t.TempDir(), "theirs.json")
	if err := os.WriteFile(path, olderExport(t, exportOf(t, theirs)), 0o600); err != nil {
		t.Fatal(err)
	}
	src, err := OpenSource(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	before, _ := mine.Snapshot()
	plan, err := Plan(mine, src, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := mine.Snapshot()
	if !sameJSON(t, before, after) || !plan.DryRun || plan.Different() != 7 || plan.Added != 1 {
		t.Fatalf("Plan() = %+v; want 1 new and 7 different, and nothing written", plan)
	}
	if !strings.HasPrefix(plan.Summary(), "1 to add, 0 already here, 7 different from what is here (left unchanged unless you use the file's)") {
		t.Errorf("plan summary %q", plan.Summary())
	}
	if b, _ := mine.Backups(); len(b) != 0 {
		t.Errorf("Plan took %d backups", len(b))
	}
	res, err := ImportSource(mine, src, store.ImportOptions{Replace: true})
	// Replaced: my session 1 and its checklist, by theirs.
	if err != nil || res.Replaced != 2 || res.Added != 6 {
		t.Errorf("ImportSource(replace) = %+v, %v", res, err)
	}
	if b, _ := mine.Backups(); len(b) != 1 {
		t.Errorf("ImportSource took %d backups, want 1", len(b))
	}
}

// TestReadExportSaysCutOff: a file cut off anywhere says it is cut off (it used to
// say it "does not start like a Keel export").
func TestReadExportSaysCutOff(t *testing.T) {
	_, theirs := twoInstalls(t)
	data := bytes.TrimSpace(exportOf(t, theirs))
	for n := 1; n < len(data); n++ {
		_, err := ReadExport(bytes.NewReader(data[:n]))
		if !strings.Contains(model.Message(err), "cut off") {
			t.Fatalf("ReadExport(first %d of %d bytes) = %q, want it to say the file is cut off", n, len(data), model.Message(err))
		}
	}
}

// TestReadExportRefusesListsOutOfOrder: a record never comes before the record it
// belongs to.
func TestReadExportRefusesListsOutOfOrder(t *testing.T) {
	in := `{"format":"keel-export","version":2,"followups":[],"sessions":[]}`
	if _, err := ReadExport(strings.NewReader(in)); !errors.Is(err, model.ErrNotExport) || !strings.Contains(err.Error(), `"sessions" comes after "followups"`) {
		t.Errorf("ReadExport(follow-ups before sessions) = %v", err)
	}
	in = `{"format":"keel-export","version":2,"sessions":[],"database":"893c1244a6cb31230b3de0998aa95d02"}`
	if _, err := ReadExport(strings.NewReader(in)); !errors.Is(err, model.ErrNotExport) {
		t.Errorf("ReadExport(database after the records) = %v", err)
	}
}

// peakHeap is the most heap memory in use while fn ran, sampled every
// millisecond, above what was in use before.
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if v := read(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	if v := read(); v > peak.Load() {
		peak.Store(v)
	}
	if peak.Load() < base {
		return 0
	}
	return peak.Load() - base
}

// endless is a reader of head followed by filler, forever (or until n bytes).
type endless struct {
	head   []byte
	filler byte
	n      int64
}

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	i := copy(p, e.head)
	e.head = e.head[i:]
	for ; i < len(p); i++ {
		p[i] = e.filler
	}
	if int64(len(p)) > e.n {
		p = p[:e.n]
	}
	e.n -= int64(len(p))
	return len(p), nil
}

// TestHugeFileIsRefusedCheaply: a 1 GB file used to take 611 MB of memory to be
// refused. A file over MaxImportBytes is refused before a byte is read; a stream
// with a value larger than any Keel writes stops after 8 MB.
func TestHugeFileIsRefusedCheaply(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"format":"keel-export","version":2,"exported_at":"`)
	if err := f.Truncate(1 << 30); err != nil { // sparse: no gigabyte written
		t.Skip(err)
	}
	f.Close()
	var openErr, readErr error
	n := peakHeap(func() {
		_, openErr = OpenSource(path, nil)
		_, readErr = ReadFile(path, nil)
	})
	if !errors.Is(openErr, model.ErrNotExport) || !errors.Is(readErr, model.ErrNotExport) || !strings.Contains(model.Message(openErr), "over 512 MB") {
		t.Errorf("OpenSource(1 GB) = %v, ReadFile = %v; want both refused as too large", openErr, readErr)
	}
	if n > 1<<20 {
		t.Errorf("refusing a 1 GB file held %d bytes", n)
	}
	t.Logf("OpenSource and ReadFile of a 1 GB file: refused holding %d KB at most", n>>10)
	for _, in := range []*endless{
		{head: []byte(`{"format":"keel-export","version":2,"exported_at":"`), filler: 'a', n: 1 << 30},
		{head: []byte(`{"format":"keel-export","version":2,"sessions":[{"notes":"`), filler: 'x', n: 1 << 30},
		{head: []byte(`{"format":"keel-export","version":2,"sessions":[`), filler: ' ', n: 1 << 30},
	} {
		var err error
		head := string(in.head)
		n := peakHeap(func() { _, err = ReadExport(in) })
		if !errors.Is(err, model.ErrNotExport) || !strings.Contains(model.Message(err), "larger than anything Keel writes") {
			t.Errorf("ReadExport(%s…) = %v", head, err)
		}
		t.Logf("ReadExport(%s…): refused holding %.1f MB at most, after reading %d MB", head, float64(n)/(1<<20), (1<<30-in.n)>>20)
		// The value is cut at 8 MB; the decoder's buffer may have doubled past it.
		if n > 48<<20 {
			t.Errorf("ReadExport(%s…) held %d MB before refusing", head, n>>20)
		}
		if in.n < 1<<30-64<<20 {
			t.Errorf("ReadExport(%s…) read %d MB before refusing", head, (1<<30-in.n)>>20)
		}
	}
}

// TestOverLimitStreamImportsNothing: an export that passes the limit part-way is
// refused whole, however many records came before.
func TestOverLimitStreamImportsNothing(t *testing.T) {
	defer func(l int64) { importLimit = l }(importLimit)
	st := openTest(t)
	var h model.History
	for i := range 300 {
		h.Add(model.CheckIns, &model.CheckIn{ID: uint64(i + 1), At: testNow.Add(-time.Duration(i) * time.Hour), Mood: ptr(5), Note: strings.Repeat("n", 100)})
	}
	if err := st.Add(h); err != nil {
		t.Fatal(err)
	}
	data := exportOf(t, st)
	importLimit = int64(len(data) / 2)
	dst := openTest(t)
	_, err := importBytes(dst, data, store.ImportOptions{})
	if !errors.Is(err, model.ErrNotExport) || !strings.Contains(model.Message(err), "more than any Keel export") {
		t.Fatalf("import of an over-limit file = %v", err)
	}
	if c, _ := dst.CheckInsBetween(time.Time{}, time.Time{}); len(c) != 0 {
		t.Errorf("an over-limit file left %d check-ins", len(c))
	}
}

// TestExampleInFormatDocument reads the example of docs/export-format.md: money is
// integer cents, and the whole example imports with its links.
func TestExampleInFormatDocument(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "export-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "## Example")
	start := strings.Index(after, "```json\n")
	end := strings.Index(after[start+8:], "```")
	if !ok || start < 0 || end < 0 {
		t.Fatal("docs/export-format.md has no example under ## Example")
	}
	e, err := ReadExport(strings.NewReader(after[start+8 : start+8+end]))
	if err != nil {
		t.Fatalf("the example does not read: %v", err)
	}
	s := model.Records[model.Session](&e.History, model.Sessions)
	if len(s) != 1 || s[0].Cost == nil || *s[0].Cost != 550_00 || s[0].Reimbursed.String() != "120.00" {
		t.Fatalf("the example's session costs %v, want 550.00 as 55000 cents", s)
	}
	for _, k := range model.Kinds {
		if len(e.Of(k)) == 0 {
			t.Errorf("the example has no %s", k.Many)
		}
	}
	st := openTest(t)
	res, err := Import(st, e, store.ImportOptions{})
	if err != nil || res.Added != e.Count() || res.From != store.AnotherKeel || res.Settings.Added != 1 {
		t.Fatalf("Import(example) = %+v, %v; want all %d records added", res, err, e.Count())
	}
	list, _ := st.Sessions()
	if fs, _ := st.FollowUpsOf(list[0].ID); len(fs) != 2 {
		t.Errorf("the example's session has %d follow-ups after import, want 2", len(fs))
	}
	_, p, _ := st.ExportSnapshot()
	if len(p.Origins) == 0 || p.Origins[0].Database != "5d0f6e1c2b3a49788796a5b4c3d2e1f0" || p.Origins[0].OriginalID != 12 {
		t.Errorf("origins after importing the example = %+v; want the check-in's first origin kept", p.Origins)
	}
}

// TestImportAcrossInstallsProperty: for any two histories in two installs,
// exporting one and importing it into the other leaves the other's own records
// unchanged, brings every record in with its links, adds nothing the second time,
// and the plan said exactly what the import did.
func TestImportAcrossInstallsProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		a, b := openTest(t), openTest(t)
		ha, hb := genHistory(rt), genHistory(rt)
		if err := errors.Join(a.Add(ha), b.Add(hb)); err != nil {
			rt.Fatal(err)
		}
		file := exportOf(rt, a)
		own, _ := b.Snapshot()
		plan, err := importBytes(b, file, store.ImportOptions{DryRun: true})
		if err != nil {
			rt.Fatal(err)
		}
		res, err := importBytes(b, file, store.ImportOptions{})
		if err != nil {
			rt.Fatal(err)
		}
		checkAddsUp(rt, res)
		plan.DryRun = false
		if !sameJSON(rt, plan, res) {
			rt.Fatalf("plan %+v\nimport %+v", plan, res)
		}
		if res.Added != ha.Count() || res.Total != ha.Count() {
			rt.Fatalf("Import() = %+v; want all %d records of the other install added", res, ha.Count())
		}
		after, p, _ := b.ExportSnapshot()
		// b's own records are all there, unchanged.
		for _, k := range model.Kinds {
			stored := map[uint64]model.Record{}
			for _, r := range after.Of(k) {
				stored[r.RecordID()] = r
			}
			for _, r := range own.Of(k) {
				if !sameJSON(rt, stored[r.RecordID()], r) {
					rt.Fatalf("%s %d of this install changed:\n got %+v\nwant %+v", k.One, r.RecordID(), stored[r.RecordID()], r)
				}
			}
		}
		// Every record of a is in b, under the ID its origin says, with its parent's.
		aid, _ := a.Identity()
		here := map[*model.Kind]map[uint64]uint64{}
		for _, o := range p.Origins {
			if o.Database != aid {
				rt.Fatalf("origin %+v is not the other install", o)
			}
			if here[o.Kind] == nil {
				here[o.Kind] = map[uint64]uint64{}
			}
			here[o.Kind][o.OriginalID] = o.ID
		}
		theirs, _ := a.Snapshot()
		for _, k := range model.Kinds {
			stored := map[uint64]model.Record{}
			for _, r := range after.Of(k) {
				stored[r.RecordID()] = r
			}
			for _, r := range theirs.Of(k) {
				want := k.New()
				if err := copyRecord(r, want); err != nil {
					rt.Fatal(err)
				}
				if k.Parent != nil && k.ParentID(r) != 0 {
					pid, ok := here[k.Parent][k.ParentID(r)]
					if !ok {
						rt.Fatalf("%s %d: its %s %d did not come in", k.One, r.RecordID(), k.Parent.One, k.ParentID(r))
					}
					k.SetParentID(want, pid)
				}
				if k.DeriveID != nil {
					want.SetRecordID(k.DeriveID(want))
				} else {
					want.SetRecordID(here[k][r.RecordID()])
				}
				if got := stored[want.RecordID()]; got == nil || !sameJSON(rt, got, want) {
					rt.Fatalf("%s %d of the other install is\n %+v here, want\n %+v", k.One, r.RecordID(), got, want)
				}
			}
		}
		again, err := importBytes(b, file, store.ImportOptions{})
		if err != nil || again.Added != 0 || again.Skipped != again.Total {
			rt.Fatalf("second import = %+v, %v; want everything already here", again, err)
		}
		// And back: a's records in b's export are a's own.
		back, err := importBytes(a, exportOf(rt, b), store.ImportOptions{})
		if err != nil || back.Added != hb.Count() || back.Skipped != ha.Count() {
			rt.Fatalf("b's export into a = %+v, %v; want b's %d added and a's %d already here", back, err, hb.Count(), ha.Count())
		}
	})
}

// copyRecord copies r into dst through its JSON.
func copyRecord(r, dst model.Record) error {
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, dst)
}

// TestImportSummaryOfAnExportAddsUp: the summary states the records of the file,
// and its numbers add up to them.
func TestImportSummaryOfAnExportAddsUp(t *testing.T) {
	mine, theirs := twoInstalls(t)
	res, err := importBytes(mine, olderExport(t, exportOf(t, theirs)), store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("1 added, 0 already here, 7 different from what is here and left unchanged (%d records in the file).", res.Total)
	if s := res.Summary(); !strings.HasPrefix(s, want) {
		t.Errorf("Summary() = %q, want it to start %q", s, want)
	}
}
