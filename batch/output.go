package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

// ErrExists means an output file is already there and --force was not given:
// an issued invoice is evidence and is never overwritten by accident.
var ErrExists = errors.New("output file already exists (use --force to overwrite)")

// SafeName turns an order number into a file name part that every file
// system accepts: path separators, characters Windows forbids and control
// characters become "_", leading and trailing dots and spaces go. Chinese
// and other letters stay. An order number with nothing usable gives "".
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), unicode.IsControl(r), r == 0xFFFD:
			b.WriteByte('_')
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Trim(b.String(), ". ")
	if r := []rune(name); len(r) > 100 {
		name = strings.TrimRight(string(r[:100]), ". ")
	}
	if strings.Trim(name, "_ ") == "" {
		return ""
	}
	return name
}

// WriteFile writes one output file (a document, the blank template) so that
// a reader never sees half a document and a failure leaves nothing behind:
// a new file is written unnamed and linked in where Linux offers it
// (writeNew), otherwise through a temporary file in the same directory and
// a rename. Without force an existing file is refused with ErrExists.
func WriteFile(path string, data []byte, force bool) error {
	if !force {
		if done, err := writeNew(path, data); done {
			return err
		}
	}
	f, err := createTemp(path)
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil && !force {
		// plan checked before anything was written; check again just
		// before the rename, since another run may have written the file
		// meanwhile. (Link would be atomic but fails on some shares.)
		if _, err := os.Lstat(path); err == nil {
			werr = fmt.Errorf("%s: %w", path, ErrExists)
		}
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return werr
	}
	return nil
}

// createTemp creates the temporary file for path beside it, readable by all
// (0644 less the umask) like any other document: ".PO-1-PI.pdf.<pid>.tmp",
// or a random name if that is taken (a run that crashed with the same pid).
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	name := filepath.Join(dir, "."+base+"."+strconv.Itoa(os.Getpid())+".tmp")
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return os.CreateTemp(dir, "."+base+".*.tmp")
	}
	return f, err
}
