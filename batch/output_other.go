//go:build !linux

package batch

import (
	"errors"
	"os"
)

// openUnnamed is Linux's O_TMPFILE; elsewhere documents are staged under
// temporary names.
func openUnnamed(dir string) *os.File { return nil }

func linkUnnamed(f *os.File, path string) error { return errors.ErrUnsupported }
