package batch

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// On Linux a new file is written unnamed and linked in: check that route
// is the one taken (where the file system offers it) and that it keeps
// WriteFile's promises.
func TestWriteNewLinksAFinishedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "PO-1-CI.pdf")
	done, err := writeNew(path, []byte("%PDF-1.3 complete"))
	if !done {
		t.Skipf("!!! O_TMPFILE is not available on %s: WriteFile uses temporary names there !!!", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "%PDF-1.3 complete" {
		t.Errorf("file holds %q", b)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm&0o644 != perm || perm&0o600 != 0o600 {
		t.Errorf("mode %v, want 0644 less the umask", perm)
	}
	if done, err := writeNew(path, []byte("other")); !done || !errors.Is(err, ErrExists) {
		t.Errorf("second write: done %v, %v; want ErrExists", done, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "%PDF-1.3 complete" {
		t.Errorf("refused write changed the file to %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("directory holds %d entries, want the one file", len(entries))
	}
}
