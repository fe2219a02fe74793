package exchange

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"keel/model"
	"keel/model/atomicfile"
)

// CSVFile is the name of kind k's CSV file.
func CSVFile(k *model.Kind) string { return k.Name + ".csv" }

// WriteCSV writes one CSV file per kind of record of h into dir (created private to
// the user), each through a temporary file renamed into place, so a failure never
// leaves a file half-written or destroys one that was there. With wrap, each file's
// bytes go through the writer wrap returns (age encryption: name.csv.age) on their way
// to the disk, so no plain byte reaches dir. See WriteTable for the format.
func WriteCSV(dir string, h *model.History, wrap func(io.Writer) (io.WriteCloser, error), ext string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for _, k := range model.Kinds {
		name := CSVFile(k) + ext
		err := atomicfile.Write(filepath.Join(dir, name), func(w io.Writer) error {
			if wrap == nil {
				return WriteTable(w, k, h.Of(k))
			}
			ww, err := wrap(w)
			if err != nil {
				return err
			}
			if err := WriteTable(ww, k, h.Of(k)); err != nil {
				return err
			}
			return ww.Close()
		})
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

// WriteTable writes the records rs of kind k as CSV to w: UTF-8 with a byte-order
// mark so spreadsheets detect it, a header row, then k.Table's rows, with text that a
// spreadsheet would take for a formula neutralised (see CSVCell) and one kind of line
// break inside cells (LF: LibreOffice and Excel read it, and what CSV readers give
// back).
func WriteTable(w io.Writer, k *model.Kind, rs []model.Record) error {
	bw := bufio.NewWriter(w)
	// The bufio and csv writers keep their first error: cw.Error and bw.Flush below
	// return it.
	_, _ = bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	_ = cw.Write(k.Table.Header)
	for _, r := range rs {
		for _, row := range k.Table.Rows(r) {
			for i, c := range row {
				row[i] = CSVCell(strings.ReplaceAll(c, "\r\n", "\n"))
			}
			_ = cw.Write(row)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// CSVCell neutralises text a spreadsheet would run as a formula: a cell starting with
// =, +, -, @, tab or carriage return gets a leading apostrophe (OWASP's advice).
// Plain numbers, negative ones included, stay numbers. A cell whose apostrophes are
// followed by one of those gets one more apostrophe, so the guard can always be told
// from the text.
func CSVCell(s string) string {
	const risky = "=+-@\t\r"
	k := len(s) - len(strings.TrimLeft(s, "'"))
	switch {
	case k == len(s) || !strings.ContainsRune(risky, rune(s[k])):
		return s
	case k > 0:
		return "'" + s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil && s[0] != '=' && s[0] != '@' {
		return s
	}
	return "'" + s
}
