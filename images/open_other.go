//go:build !unix

package images

import "os"

// openNoFollow opens a file for reading; Load has resolved its links and
// checks that it is a regular file before reading.
func openNoFollow(path string) (*os.File, error) {
	return os.Open(path)
}
