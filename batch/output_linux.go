package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// openUnnamed opens a new file in dir that has no name (O_TMPFILE): it
// vanishes with its descriptor if the process dies before linkUnnamed
// gives it one, so a crash leaves nothing behind. It is also one directory
// change instead of a create and a rename. Nil where the file system or
// kernel does not offer it; stage then uses a temporary name.
func openUnnamed(dir string) *os.File {
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_RDWR|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return nil
	}
	return os.NewFile(uintptr(fd), filepath.Join(dir, "(unnamed)"))
}

// linkUnnamed gives an unnamed file the name path with linkat, which
// refuses an existing name atomically (ErrExists). Any other error means
// the link is not possible here (no /proc, a sandbox) and the caller
// takes the temporary name route, which either works or says why not.
func linkUnnamed(f *os.File, path string) error {
	err := unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(int(f.Fd())), unix.AT_FDCWD, path, unix.AT_SYMLINK_FOLLOW)
	if errors.Is(err, unix.EEXIST) {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	return err
}
