package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// ManifestName is the file in the output folder that lists every document
// issued there, with its SHA-256, so an audit can prove which file was sent.
const ManifestName = "manifest.csv"

// lockName is the file whose lock (flock) every run holds while it reads
// or changes the manifest or cleans up after a dead run. It stays in the
// folder: removing a lock file that another run may have open would let
// two runs hold "the" lock at once.
const lockName = ".tradedocs.lock"

var manifestHeader = []string{"order_no", "document", "file", "sha256", "total", "currency"}

// ManifestRow is one issued file: which order, which document (PI, CI,
// memo), its file name, its SHA-256 and the order's total.
type ManifestRow struct {
	OrderNo, Document, File, SHA256, Total, Currency string
}

func (r ManifestRow) record() []string {
	return []string{r.OrderNo, r.Document, r.File, r.SHA256, r.Total, r.Currency}
}

// ManifestError is a manifest.csv that tradedocs cannot read: a column
// added by hand, a broken quote. No document is written into a folder
// whose manifest cannot record it.
type ManifestError struct {
	Path string
	Line int
	Msg  string
}

func (e *ManifestError) Error() string {
	return fmt.Sprintf("%s:%d: %s; manifest.csv is written by tradedocs: restore it or move it away", e.Path, e.Line, e.Msg)
}

// readManifest reads the rows of the manifest at path (none if it does
// not exist yet), strictly: a header other than ours or a row of another
// width is a ManifestError naming the file and line. Rows come in file
// order: a run appends the rows of each order it commits, and a later row
// for a file replaces an earlier one (the file was re-issued with --force).
func readManifest(path string) ([]ManifestRow, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	var rows []ManifestRow
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		line, _ := r.FieldPos(0)
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &ManifestError{path, pe.Line, pe.Err.Error()}
		}
		if err != nil {
			return nil, err
		}
		if first {
			if !slices.Equal(rec, manifestHeader) {
				return nil, &ManifestError{path, line, fmt.Sprintf("header is %q, want %q", strings.Join(rec, ","), strings.Join(manifestHeader, ","))}
			}
			continue
		}
		if len(rec) != len(manifestHeader) {
			return nil, &ManifestError{path, line, fmt.Sprintf("row has %d fields, want %d (%s)", len(rec), len(manifestHeader), strings.Join(manifestHeader, ","))}
		}
		if rec[2] == "" || strings.ContainsAny(rec[2], `/\`) {
			return nil, &ManifestError{path, line, fmt.Sprintf("file %q is not a file name in this folder", rec[2])}
		}
		rows = append(rows, ManifestRow{rec[0], rec[1], rec[2], rec[3], rec[4], rec[5]})
	}
}

// merged keeps the last row of each file, sorted by file name.
func merged(rows []ManifestRow) []ManifestRow {
	return mergeInPlace(slices.Clone(rows))
}

// mergeInPlace is merged reusing rows: sorted by file name, stably, so
// that the last of a file's rows is the last of its run, which is kept.
// A run of 10,000 orders ends by sorting its 40,000 rows: no map and no
// second copy of them.
func mergeInPlace(rows []ManifestRow) []ManifestRow {
	slices.SortStableFunc(rows, func(a, b ManifestRow) int { return strings.Compare(a.File, b.File) })
	out := rows[:0]
	for i, r := range rows {
		if i+1 < len(rows) && rows[i+1].File == r.File {
			continue // a later row of the file replaces it
		}
		out = append(out, r)
	}
	return out
}

func encodeRows(header bool, rows []ManifestRow) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if header {
		w.Write(manifestHeader)
	}
	for _, r := range rows {
		w.Write(r.record())
	}
	w.Flush()
	return buf.Bytes()
}

// folder is an output folder while a run writes into it. Every change of
// the manifest and every clean-up happens under the folder's lock (flock
// on .tradedocs.lock, shared with other runs) and, within this run, under
// mu (a flock is held by an open file, not by a goroutine).
type folder struct {
	dir      string
	lockFile *os.File
	mu       sync.Mutex
	appended bool // rows were appended: the manifest is sorted again at the end
	// listed is the files manifest.csv listed when the run began, with
	// the order number of each.
	listed map[string]string
	// journals are this run's empty commit journals, ready for the next
	// commits (takeJournal), under jmu.
	journals []*os.File
	jmu      sync.Mutex
}

// openFolder opens the output folder dir (which exists) for a run: under
// its lock, it finishes or undoes the commits of runs that died (see
// recoverCommits), removes their temporary files, and reads manifest.csv,
// so that a manifest tradedocs cannot extend is reported before any
// document is written.
func openFolder(dir string) (*folder, error) {
	lf, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	fo := &folder{dir: dir, lockFile: lf}
	err = fo.locked(func() error {
		if _, err := readManifest(fo.manifestPath()); err != nil {
			return err
		}
		if err := fo.recoverCommits(); err != nil {
			return err
		}
		rows, err := readManifest(fo.manifestPath())
		fo.listed = map[string]string{}
		for _, r := range rows {
			fo.listed[r.File] = r.OrderNo
		}
		return err
	})
	if err != nil {
		lf.Close()
		return nil, err
	}
	return fo, nil
}

func (fo *folder) manifestPath() string { return filepath.Join(fo.dir, ManifestName) }

// locked runs fn holding the folder's lock.
func (fo *folder) locked(fn func() error) error {
	fo.mu.Lock()
	defer fo.mu.Unlock()
	if err := lock(fo.lockFile); err != nil {
		return fmt.Errorf("%s: lock: %w", filepath.Join(fo.dir, lockName), err)
	}
	defer unlock(fo.lockFile)
	return fn()
}

// appendRows records committed files at the end of manifest.csv (with
// its header if the manifest is new), so that a run killed a moment
// later has listed every order it completed. Called under the lock.
func (fo *folder) appendRows(rows []ManifestRow) error {
	path := fo.manifestPath()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err == nil {
		_, err = f.Write(encodeRows(st.Size() == 0, rows))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fo.appended = true
	return nil
}

// rewrite writes the manifest at path again, one row per file, sorted by file
// name, atomically, and syncs it and the folder (rows is sorted in place).
// Called under the lock.
func (fo *folder) rewrite(path string, rows []ManifestRow) error {
	s, err := stageNamed(fo.dir, encodeRows(true, mergeInPlace(rows)), true)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer s.drop()
	if err := s.rename(path); err != nil {
		return err
	}
	return syncDir(fo.dir)
}

// close sorts the manifest if this run appended to it, and releases the
// folder. It is called at the end of every run, also when orders failed.
func (fo *folder) close() error {
	defer fo.lockFile.Close()
	fo.closeJournals()
	if !fo.appended {
		return nil
	}
	return fo.locked(func() error {
		rows, err := readManifest(fo.manifestPath())
		if err != nil {
			return err
		}
		return fo.rewrite(fo.manifestPath(), rows)
	})
}

// syncDir makes the folder's new names durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// UpdateManifest merges rows into the manifest at path: a row for a file
// already listed replaces it (the file was re-issued with --force), other
// rows are kept, so one folder can receive several runs, even at once: the
// merge happens under the folder's lock. The manifest is written
// atomically, sorted by file name.
func UpdateManifest(path string, rows []ManifestRow) error {
	fo, err := openFolder(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer fo.lockFile.Close()
	return fo.locked(func() error {
		old, err := readManifest(path)
		if err != nil {
			return err
		}
		return fo.rewrite(path, append(old, rows...))
	})
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func mkdirAll(dir string) error {
	if dir == "" {
		return nil
	}
	return os.MkdirAll(dir, 0o755)
}
