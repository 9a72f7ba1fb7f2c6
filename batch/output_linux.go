package batch

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// writeNew writes a file that must not exist yet as an unnamed file in its
// directory (O_TMPFILE) and then gives it its name with linkat, which
// refuses an existing name: a reader never sees half a document, nothing is
// left behind on failure, and the refusal is atomic. It is also one
// directory change instead of a create and a rename, and fewer system calls
// than a temporary name (no poller registration, no separate existence
// check). done is false where the file system or kernel does not offer
// O_TMPFILE or will not link the file in (no /proc, a sandbox): WriteFile
// then takes the temporary name route.
func writeNew(path string, data []byte) (done bool, err error) {
	fd, err := unix.Open(filepath.Dir(path), unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, 0o644)
	if err != nil {
		// EOPNOTSUPP, EISDIR (kernels before 3.11), EINVAL …: not
		// available here. A missing directory is reported as such.
		if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ENOTDIR) {
			return true, fmt.Errorf("open %s: %w", path, err)
		}
		return false, nil
	}
	defer unix.Close(fd)
	for rest := data; len(rest) > 0; {
		n, err := unix.Write(fd, rest)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return true, fmt.Errorf("write %s: %w", path, err)
		}
		rest = rest[n:]
	}
	err = unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(fd), unix.AT_FDCWD, path, unix.AT_SYMLINK_FOLLOW)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.EEXIST):
		return true, fmt.Errorf("%s: %w", path, ErrExists)
	}
	// No /proc, a file system or sandbox that refuses the link: the
	// unnamed file goes with its descriptor, and the temporary name route
	// either works or says why not.
	return false, nil
}
