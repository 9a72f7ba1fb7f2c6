package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// An order's documents are committed together: a run that fails or dies
// leaves each order in the folder either whole or absent.
//
//  1. Stage: every document is written in full to a file nobody sees yet
//     (unnamed, or a locked .tradedocs-….tmp); the order's files are
//     synced together (one journal commit of the file system serves them
//     all).
//  2. Journal: .tradedocs-….commit lists the order's files with their
//     SHA-256 (its manifest rows) and, under --force, the name each old
//     file is moved aside to. The run holds the journal's lock until the
//     commit is over.
//  3. Place: old files are moved aside (--force), then each staged file
//     gets its name. If one cannot (it exists now, the disk is full), the
//     names given are removed and the old files put back.
//  4. Record: the rows are appended to manifest.csv; the old files and
//     the journal are removed.
//
// A run killed during 3 or 4 leaves its journal unlocked. The next run in
// the folder reads it (recoverCommits): if every file is in place with
// its SHA-256 it records the rows the dead run could not; otherwise it
// removes the files the dead run placed (those with the journal's
// SHA-256, never another file) and puts the old ones back.

// orderFile is one document of an order on its way into the folder.
type orderFile struct {
	row   ManifestRow
	data  []byte
	aside string // where --force keeps the old file meanwhile
	st    *staged
}

// beforePlace lets tests act at the moment a file is about to get its
// name (as a concurrent run could).
var beforePlace = func(path string) {}

// commit puts an order's files into the folder, all or none, and records
// them in the manifest. The error names the file that failed.
func (fo *folder) commit(files []orderFile, replace bool) (err error) {
	for i := range files {
		f := &files[i]
		path := filepath.Join(fo.dir, f.row.File)
		if f.st, err = stage(fo.dir, f.data, false); err != nil {
			dropAll(files)
			return fmt.Errorf("%s: %w", path, unwrapPathError(err))
		}
		if replace {
			f.aside = ourName(fo.dir, asideSuffix)
		}
	}
	defer dropAll(files)
	if err := syncAll(files); err != nil {
		return err
	}
	// The journal is not synced: it is there for a run that is killed
	// (its page cache survives), and a power cut in the microseconds of
	// step 3 is not worth a sync per order.
	journal, err := fo.takeJournal()
	if err == nil {
		_, err = journal.WriteAt(encodeJournal(files), 0)
	}
	if err != nil {
		if journal != nil {
			journal.Close()
			os.Remove(journal.Name())
		}
		return fmt.Errorf("%s: commit journal: %w", fo.dir, unwrapPathError(err))
	}
	keepJournal := false
	defer func() {
		if !keepJournal {
			fo.returnJournal(journal)
			return
		}
		journal.Close()
	}()
	placed := 0
	// undo removes the files placed and puts the old ones back. An old
	// file that cannot be put back (something took its name) stays aside,
	// and so does the journal that says where: nothing is lost.
	undo := func(err error) error {
		for _, f := range files[:placed] {
			os.Remove(filepath.Join(fo.dir, f.row.File))
		}
		for _, f := range files {
			if f.aside == "" {
				continue
			}
			if rerr := os.Rename(f.aside, filepath.Join(fo.dir, f.row.File)); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
				keepJournal = true
				err = fmt.Errorf("%w; the old %s is kept as %s", err, f.row.File, filepath.Base(f.aside))
			}
		}
		return err
	}
	for i := range files {
		f := &files[i]
		path := filepath.Join(fo.dir, f.row.File)
		if replace {
			if err := os.Rename(path, f.aside); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return undo(fmt.Errorf("%s: %w", path, unwrapPathError(err)))
			}
		}
		beforePlace(path)
		if err := f.st.place(path, f.data, replace); err != nil {
			if errors.Is(err, ErrExists) {
				return undo(fmt.Errorf("%s: %w", path, ErrExists))
			}
			return undo(fmt.Errorf("%s: %w", path, unwrapPathError(err)))
		}
		placed++
	}
	rows := make([]ManifestRow, len(files))
	for i, f := range files {
		rows[i] = f.row
	}
	if err := fo.locked(func() error { return fo.appendRows(rows) }); err != nil {
		return undo(err)
	}
	for _, f := range files {
		if f.aside != "" {
			os.Remove(f.aside)
		}
	}
	return nil
}

// takeJournal gives a commit an empty journal of this run: one left by an
// earlier commit, or a new one. A journal is emptied, not removed, when
// its commit is over, and kept locked until the run ends (closeJournals),
// which spares two file system operations per order; an empty journal
// that a dead run left says no commit was under way, and recoverCommit
// removes it.
func (fo *folder) takeJournal() (*os.File, error) {
	fo.jmu.Lock()
	if n := len(fo.journals); n > 0 {
		j := fo.journals[n-1]
		fo.journals = fo.journals[:n-1]
		fo.jmu.Unlock()
		return j, nil
	}
	fo.jmu.Unlock()
	return createOurs(fo.dir, journalSuffix)
}

// returnJournal empties a journal whose commit is over and keeps it for
// the next; one that cannot be emptied is removed.
func (fo *folder) returnJournal(j *os.File) {
	if err := j.Truncate(0); err != nil {
		os.Remove(j.Name())
		j.Close()
		return
	}
	fo.jmu.Lock()
	fo.journals = append(fo.journals, j)
	fo.jmu.Unlock()
}

// closeJournals removes the run's empty journals at its end.
func (fo *folder) closeJournals() {
	fo.jmu.Lock()
	defer fo.jmu.Unlock()
	for _, j := range fo.journals {
		os.Remove(j.Name())
		j.Close()
	}
	fo.journals = nil
}

// syncAll syncs an order's staged files at once: the file system commits
// them together instead of one after the other.
func syncAll(files []orderFile) error {
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f.st.f.Sync(); err != nil {
				errs[i] = fmt.Errorf("%s: %w", f.row.File, unwrapPathError(err))
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func dropAll(files []orderFile) {
	for _, f := range files {
		if f.st != nil {
			f.st.drop()
		}
	}
}

// encodeJournal writes the journal: per file its manifest row and the
// name its old file is moved aside to ("" without --force).
func encodeJournal(files []orderFile) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for _, f := range files {
		aside := ""
		if f.aside != "" {
			aside = filepath.Base(f.aside)
		}
		w.Write(append(f.row.record(), aside))
	}
	w.Flush()
	return buf.Bytes()
}

// recoverCommits finishes or undoes the commits of runs that died, and
// removes the temporary files they left; files of live runs (locked) are
// left alone. Called under the folder's lock.
func (fo *folder) recoverCommits() error {
	entries, err := os.ReadDir(fo.dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case isOurs(name, journalSuffix):
			if err := fo.recoverCommit(filepath.Join(fo.dir, name)); err != nil {
				return err
			}
		case isOurs(name, tmpSuffix):
			path := filepath.Join(fo.dir, name)
			if f, err := os.Open(path); err == nil {
				if abandoned(f) {
					os.Remove(path)
				}
				f.Close()
			}
		}
	}
	return nil
}

// recoverCommit finishes or undoes one dead run's commit from its journal.
func (fo *folder) recoverCommit(path string) error {
	j, err := os.Open(path)
	if err != nil {
		return nil // finished meanwhile
	}
	defer j.Close()
	if !abandoned(j) {
		return nil
	}
	recs, err := csv.NewReader(j).ReadAll()
	if err != nil {
		// The run died writing its journal, before placing any file.
		return os.Remove(path)
	}
	var rows []ManifestRow
	complete, keep := true, false
	for _, r := range recs {
		if len(r) != len(manifestHeader)+1 || filepath.Base(r[2]) != r[2] {
			return os.Remove(path)
		}
		row := ManifestRow{r[0], r[1], r[2], r[3], r[4], r[5]}
		rows = append(rows, row)
		if !hasSum(filepath.Join(fo.dir, row.File), row.SHA256) {
			complete = false
		}
	}
	for i, r := range recs {
		final := filepath.Join(fo.dir, rows[i].File)
		aside := ""
		if b := r[len(r)-1]; isOurs(b, asideSuffix) && filepath.Base(b) == b {
			aside = filepath.Join(fo.dir, b)
		}
		switch {
		case complete && aside != "":
			os.Remove(aside)
		case !complete:
			if hasSum(final, rows[i].SHA256) {
				os.Remove(final)
			}
			if aside != "" && exists(aside) {
				if exists(final) || os.Rename(aside, final) != nil {
					keep = true // something took the old file's name: keep it aside
				}
			}
		}
	}
	if complete && len(rows) > 0 {
		if err := fo.appendRows(rows); err != nil {
			return err
		}
	}
	if keep {
		return nil // the journal says where the old files are
	}
	return os.Remove(path)
}

// hasSum reports whether the file at path holds the content whose
// SHA-256 is sum (hex).
func hasSum(path, sum string) bool {
	data, err := os.ReadFile(path)
	return err == nil && sha256Hex(data) == sum
}
