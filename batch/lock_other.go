//go:build !unix

package batch

import "os"

// lock is a no-op where flock is not available: concurrent runs into one
// folder are only safe on Unix.
func lock(f *os.File) error { return nil }

func unlock(f *os.File) error { return nil }

// abandoned cannot tell a dead run's file from a live one's without
// flock: nothing is cleaned up.
func abandoned(f *os.File) bool { return false }
