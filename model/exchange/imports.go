package exchange

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"keel/model"
	"keel/model/daylio"
	"keel/model/store"
)

// ReadFile reads the Keel export at path, asking for its passphrase with ask when it
// is encrypted (ask is called only then; nil from it gives up).
func ReadFile(path string, ask func() []byte) (Export, error) {
	r, closeFile, err := OpenExport(path, ask)
	if err != nil {
		return Export{}, err
	}
	defer closeFile()
	e, err := ReadExport(r)
	if err != nil {
		return Export{}, model.Errorf(model.ErrorCode(err), filepath.Base(path)+" can't be imported. "+model.Message(err), err)
	}
	return e, nil
}

// Import takes a backup of st, then imports e's records, settings and templates (see
// store.Store.Import). Without a backup nothing is imported. Both the window and the
// command line import through here.
func Import(st *store.Store, e Export, opt store.ImportOptions) (store.ImportResult, error) {
	if _, err := st.Backup(); err != nil {
		return store.ImportResult{}, model.Errorf(model.ErrorCode(err), "No backup could be taken first, so nothing was imported. "+model.Message(err), err)
	}
	return st.Import(e.History, opt)
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

// ImportDaylio imports file's entries as check-ins, their moods valued by mapping
// (then by daylio.DefaultMoods). When a mood has no value it returns an
// *UnmappedMoodsError naming them all and imports nothing. Importing the same file
// twice adds nothing the second time.
func ImportDaylio(st *store.Store, file *daylio.File, mapping map[string]int) (store.ImportResult, error) {
	if unknown := file.UnknownMoods(mapping); len(unknown) > 0 {
		return store.ImportResult{}, &UnmappedMoodsError{Moods: unknown}
	}
	cs, err := file.CheckIns(mapping)
	if err != nil {
		return store.ImportResult{}, model.Errorf(model.EInvalid, model.Sentence(err.Error()), err)
	}
	return st.ImportCheckIns(cs)
}
