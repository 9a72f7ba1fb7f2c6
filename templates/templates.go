// Package templates holds the words tradedocs puts on paper that a user may
// want to change without touching Go code: the bilingual labels of the
// invoices and the wording of the wire memo. The files are embedded in the
// binary; a directory given with --templates overrides them file by file.
package templates

import (
	"embed"
	"errors"
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

// ReadFile returns the named template file.
func (s Set) ReadFile(name string) ([]byte, error) {
	if s.dir != "" {
		b, err := os.ReadFile(filepath.Join(s.dir, name))
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return embedded.ReadFile(name)
}
