//go:build unix

package batch

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive lock on f (flock), waiting for another process
// that holds it. The lock goes with the file's descriptor: it ends when f
// is closed or the process dies, so a killed run never leaves it behind.
func lock(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// unlock releases lock.
func unlock(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_UN) }

// abandoned reports whether no live process holds a lock on f: the
// temporary file or commit journal it belongs to was left by a run that
// died. It takes the lock when it can, so the caller may clean up.
func abandoned(f *os.File) bool {
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil
}
