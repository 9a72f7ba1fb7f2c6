//go:build unix

package images

import (
	"os"
	"syscall"
)

// openNoFollow opens a file for reading without following a symbolic link
// in its last element and without blocking (a FIFO with no writer would
// wait forever); Load checks that it is a regular file before reading.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
}
