// Package templates holds the words tradedocs puts on paper that a user may
// want to change without touching Go code: the bilingual labels of the
// invoices and the wording of the wire memo. The files are embedded in the
// binary; a directory given with --templates overrides them file by file.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed *.json *.tmpl
var embedded embed.FS

// Set is a set of template files: the bundled ones, or a user's directory
// laid over them.
type Set struct{ dir string }

// Bundled is the set shipped in the binary.
var Bundled = Set{}

// Overlay returns a set in which each file present in dir replaces the bundled
// file of the same name.
func Overlay(dir string) Set { return Set{dir: dir} }

// ReadFile returns the named template file: the user's when the set's
// directory holds it, else the bundled one. A directory that does not exist
// (a mistyped --templates) is an error naming it, never a silent fall back
// to the bundled wording.
func (s Set) ReadFile(name string) ([]byte, error) {
	if s.dir != "" {
		b, err := os.ReadFile(filepath.Join(s.dir, name))
		if err == nil {
			return b, nil
		}
		if cerr := s.Check(); cerr != nil {
			return nil, cerr
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return embedded.ReadFile(name)
}

// Check reports a set whose directory does not exist or is not a
// directory.
func (s Set) Check() error {
	if s.dir == "" {
		return nil
	}
	st, err := os.Stat(s.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("templates folder %s does not exist", s.dir)
	case err != nil:
		return fmt.Errorf("templates folder %s: %w", s.dir, err)
	case !st.IsDir():
		return fmt.Errorf("templates folder %s is a file, not a folder", s.dir)
	}
	return nil
}
