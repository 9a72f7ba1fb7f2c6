package batch

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrExists means an output file is already there and --force was not given:
// an issued invoice is evidence and is never overwritten by accident.
var ErrExists = errors.New("output file already exists (use --force to overwrite)")

// Temporary files of ours in an output folder: documents being written
// (".tradedocs-….tmp"), commit journals (".tradedocs-….commit", see
// commit.go) and documents a --force run has moved aside until the new
// ones are in place (".tradedocs-….old"). Each is locked by the run that
// made it while that run lives; one nobody holds was left by a run that
// died and is cleaned up by the next run in the folder.
const (
	ourPrefix     = ".tradedocs-"
	tmpSuffix     = ".tmp"
	journalSuffix = ".commit"
	asideSuffix   = ".old"
)

// ourName makes a fresh name for one of our temporary files in dir.
func ourName(dir, suffix string) string {
	var b [8]byte
	rand.Read(b[:])
	return filepath.Join(dir, ourPrefix+hex.EncodeToString(b[:])+suffix)
}

// createOurs creates and locks a new temporary file of ours in dir,
// readable by all (0644 less the umask) like any other document.
//
// Another run cleaning up could take the lock in the instant between the
// creation and the lock, and remove the file: the write that follows then
// fails (a temporary file) or goes unprotected (a journal: only a crash
// in the next milliseconds would matter). On Linux documents are staged
// unnamed, with no such instant.
func createOurs(dir, suffix string) (*os.File, error) {
	for {
		f, err := os.OpenFile(ourName(dir, suffix), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := lock(f); err != nil {
			f.Close()
			os.Remove(f.Name())
			return nil, err
		}
		return f, nil
	}
}

// stageUnnamed is false in tests of the temporary name route, the only
// one outside Linux.
var stageUnnamed = true

// staged is one document written in full and synced to disk, not yet
// under its name: an unnamed file (O_TMPFILE, Linux) or a locked
// temporary file of ours.
type staged struct {
	f   *os.File
	tmp string // "" for an unnamed file
}

// stage writes data to a new file in dir that no reader can see yet and,
// with sync, syncs it, so that a name given to it later always names a
// whole document, even after a power cut. (An order's files are synced
// together, see syncAll.)
func stage(dir string, data []byte, sync bool) (*staged, error) {
	if !stageUnnamed {
		return stageNamed(dir, data, sync)
	}
	if f := openUnnamed(dir); f != nil {
		if err := write(f, data, sync); err != nil {
			f.Close()
			return nil, err
		}
		return &staged{f: f}, nil
	}
	return stageNamed(dir, data, sync)
}

func stageNamed(dir string, data []byte, sync bool) (*staged, error) {
	f, err := createOurs(dir, tmpSuffix)
	if err != nil {
		return nil, err
	}
	if err := write(f, data, sync); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &staged{f: f, tmp: f.Name()}, nil
}

func write(f *os.File, data []byte, sync bool) error {
	if _, err := f.Write(data); err != nil {
		return err
	}
	if sync {
		return f.Sync()
	}
	return nil
}

// place gives a staged file its name path. Without replace an existing
// file is refused with ErrExists, atomically where the file system links
// (a concurrent run cannot slip in between the check and the write).
// data is the file's content, written again under a temporary name if an
// unnamed file cannot be linked in (no /proc, a sandbox) or is to replace
// a file (rename replaces, link does not).
func (s *staged) place(path string, data []byte, replace bool) error {
	if s.tmp == "" {
		err := linkUnnamed(s.f, path)
		if err == nil || errors.Is(err, ErrExists) && !replace {
			return err
		}
		named, serr := stageNamed(filepath.Dir(path), data, true)
		if serr != nil {
			return serr
		}
		s.f.Close()
		*s = *named
	}
	if replace {
		return s.rename(path)
	}
	err := os.Link(s.tmp, path)
	switch {
	case err == nil:
		os.Remove(s.tmp)
		s.tmp = ""
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	// Some shares refuse hard links: check, then rename (a concurrent run
	// could write the file in between; the check is the best left).
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	return s.rename(path)
}

// rename moves a staged file with a temporary name to path.
func (s *staged) rename(path string) error {
	if err := os.Rename(s.tmp, path); err != nil {
		return err
	}
	s.tmp = ""
	return nil
}

// drop discards a staged file that was not placed.
func (s *staged) drop() {
	if s.tmp != "" {
		os.Remove(s.tmp)
	}
	s.close()
}

// close releases the file (and its lock) once it is placed or dropped.
func (s *staged) close() {
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
}

// WriteFile writes one output file (the blank template, a single
// document) so that a reader never sees half a file and a failure leaves
// nothing behind: the content is written unnamed or under a temporary
// name, synced, and only then given its name. Without force an existing
// file is refused with ErrExists.
func WriteFile(path string, data []byte, force bool) error {
	s, err := stage(filepath.Dir(path), data, true)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	defer s.drop()
	return s.place(path, data, force)
}

// isOurs reports whether name is one of our temporary files with the
// given suffix.
func isOurs(name, suffix string) bool {
	return strings.HasPrefix(name, ourPrefix) && strings.HasSuffix(name, suffix)
}
