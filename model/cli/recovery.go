package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"keel/model"
	"keel/model/store"
)

// The recovery commands work on a data folder whose window no longer starts: check
// and backups never open the database for writing (check opens nothing but read-only
// copies, backups only lists files), and restore puts a backup back even when the
// database is damaged, missing or empty.

var checkCommand = &Command{
	Name: "check", Args: "[--data DIR]",
	Summary: "verify the database and every backup, and say what is damaged",
	Detail: "Each file's pages, its consistency (bbolt's check), its layout and every stored value's checksum are verified; nothing is changed. " +
		"Values of an encrypted file are checked for their framing only (opening them needs the passphrase). " +
		"Exit status 0 when every file is good, 1 when one is damaged or cannot be read.",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		data := fs.String("data", "", "the data `folder` (default: the per-user one)")
		return func(args []string) int {
			if len(args) > 0 {
				return c.usage("keel check takes no arguments besides --data DIR")
			}
			dir, err := dataDirNoCreate(*data)
			if err != nil {
				return c.fail(err)
			}
			path := store.DataFile(dir)
			bad, total := 0, 0
			report := func(name string, err error) {
				total++
				switch {
				case err == nil:
					fmt.Fprintf(c.env.Stdout, "  good     %s\n", name)
				case errors.Is(err, model.ErrAlreadyRunning):
					fmt.Fprintf(c.env.Stdout, "  in use   %s: a running Keel holds it; close it to check this file\n", name)
				default:
					bad++
					fmt.Fprintf(c.env.Stdout, "  DAMAGED  %s: %s\n           detail: %v\n", name, model.Message(err), err)
				}
			}
			fmt.Fprintf(c.env.Stdout, "Checking %s\n", dir)
			if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
				fmt.Fprintf(c.env.Stdout, "  missing  %s\n", store.DataFileName)
				total++
				bad++
			} else {
				report(store.DataFileName, store.CheckFile(path))
			}
			list, err := store.ListBackups(path)
			if err != nil {
				return c.fail(err)
			}
			for _, b := range list {
				report(filepath.Join(store.BackupFolder, b.Name()), store.CheckFile(b.Path))
			}
			if bad > 0 {
				fmt.Fprintf(c.env.Stdout, "%d of %d files are damaged or missing.", bad, total)
				if good := total - bad; len(list) > 0 && good > 0 {
					fmt.Fprintf(c.env.Stdout, " Restore a good backup with: keel restore --data %s NAME", dir)
				}
				fmt.Fprintln(c.env.Stdout)
				return 1
			}
			fmt.Fprintf(c.env.Stdout, "All %d files are good.\n", total)
			return 0
		}
	},
}

var backupCommand = &Command{
	Name: "backup", Args: "[--data DIR]",
	Summary: "take a backup of the database now",
	Detail:  "The copy goes into the backups folder beside the database, as keel-YYYYMMDD-HHMMSS.db; an encrypted database is copied as it is, so no passphrase is needed.",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		data := fs.String("data", "", "the data `folder` (default: the per-user one)")
		return func(args []string) int {
			if len(args) > 0 {
				return c.usage("keel backup takes no arguments besides --data DIR")
			}
			dir, err := DataDir(*data)
			if err != nil {
				return c.fail(err)
			}
			st, err := store.Open(store.DataFile(dir), store.Options{})
			if err != nil {
				return c.fail(err)
			}
			defer st.Close()
			b, err := st.Backup()
			if err != nil {
				return c.fail(err)
			}
			fmt.Fprintf(c.env.Stdout, "Took a backup: %s (%s).\n", b.Path, size(b.Size))
			return 0
		}
	},
}

var backupsCommand = &Command{
	Name: "backups", Args: "[--data DIR]",
	Summary: "list the backups, newest first, with the names keel restore takes",
	Detail:  "Safety copies taken just before a restore are listed too (keel-before-restore-...), and can be restored like any backup.",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		data := fs.String("data", "", "the data `folder` (default: the per-user one)")
		return func(args []string) int {
			if len(args) > 0 {
				return c.usage("keel backups takes no arguments besides --data DIR")
			}
			dir, err := dataDirNoCreate(*data)
			if err != nil {
				return c.fail(err)
			}
			list, err := store.ListBackups(store.DataFile(dir))
			if err != nil {
				return c.fail(err)
			}
			if len(list) == 0 {
				fmt.Fprintf(c.env.Stdout, "There are no backups in %s.\n", filepath.Join(dir, store.BackupFolder))
				return 0
			}
			fmt.Fprintf(c.env.Stdout, "Backups in %s, newest first:\n", filepath.Join(dir, store.BackupFolder))
			for _, b := range list {
				note := ""
				if b.BeforeRestore {
					note = "  (your data just before a restore)"
				}
				fmt.Fprintf(c.env.Stdout, "  %s  %s  %8s%s\n", b.Name(), b.Taken.Format("2006-01-02 15:04:05"), size(b.Size), note)
			}
			fmt.Fprintf(c.env.Stdout, "Restore one with: keel restore --data %s NAME\n", dir)
			return 0
		}
	},
}

var restoreCommand = &Command{
	Name: "restore", Args: "[--data DIR] BACKUP",
	Summary: "put a backup back in place of the database",
	Detail: "BACKUP is a name as keel backups lists it, or the path of a backup file. There is no question: the current data is first kept as a backup " +
		"(keel-before-restore-..., listed by keel backups), so nothing is lost. When the database does not open (damaged, missing or empty), " +
		"it is kept beside it as keel-damaged-....db and the backup is put back as it is. Otherwise the data keeps its encryption and its current " +
		"passphrase: a backup protected by a passphrase the data no longer has asks for that passphrase.",
	define: func(fs *flag.FlagSet, c *context) func([]string) int {
		data := fs.String("data", "", "the data `folder` (default: the per-user one)")
		return func(args []string) int {
			if len(args) != 1 {
				return c.usage("name the backup to restore: keel restore --data DIR NAME (keel backups lists them)")
			}
			dir, err := DataDir(*data)
			if err != nil {
				return c.fail(err)
			}
			path := store.DataFile(dir)
			b, err := store.FindBackup(path, args[0])
			if err != nil {
				return c.fail(err)
			}
			st, err := store.Open(path, store.Options{})
			if errors.Is(err, model.ErrDamaged) || errors.Is(err, model.ErrNoData) {
				fmt.Fprintf(c.env.Stderr, "%s: the database does not open (%s)\n", c.name, model.Message(err))
				if err := store.RecoverFromBackup(path, b); err != nil {
					return c.fail(err)
				}
				fmt.Fprintf(c.env.Stdout, "Restored %s. Whatever was in %s is kept beside it as keel-damaged-YYYYMMDD-HHMMSS.db.\n", b.Name(), store.DataFileName)
				return 0
			}
			if err != nil {
				return c.fail(err)
			}
			defer st.Close()
			plan, err := st.PlanRestore(b)
			if err != nil {
				return c.fail(err)
			}
			fmt.Fprintln(c.env.Stderr, c.name+": "+plan.Summary())
			if plan.Reseal && st.Locked() {
				pass, err := c.passphrase("Passphrase for your Keel data: ")
				if err == nil {
					err = st.Unlock(pass)
				}
				if err != nil {
					return c.fail(err)
				}
				if plan, err = st.PlanRestore(b); err != nil {
					return c.fail(err)
				}
			}
			var opt store.RestoreOptions
			if plan.NeedsPassphrase {
				if opt.BackupPassphrase, err = c.passphrase("Passphrase of that backup (the one you used then): "); err != nil {
					return c.fail(err)
				}
			}
			aside, err := st.RestoreWith(b, opt)
			if err != nil {
				return c.fail(err)
			}
			fmt.Fprintf(c.env.Stdout, "Restored %s. Your data from before is kept as %s (keel backups lists it).\n", b.Name(), filepath.Base(aside))
			return 0
		}
	},
}

// dataDirNoCreate is the data folder as DataDir says, without creating it: for the
// commands that only read.
func dataDirNoCreate(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	dir, err := DefaultDataDir()
	if err != nil {
		return "", model.Errorf(model.ENotFound, "Keel cannot tell where your per-user folder is; give one with --data DIR.", err)
	}
	return dir, nil
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
