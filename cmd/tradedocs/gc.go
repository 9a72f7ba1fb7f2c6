package main

import (
	"os"
	"runtime"
)

// ballastSize is the heap the garbage collector counts as live from the
// start, without it being used: Go collects when the heap has grown by as
// much as is live (GOGC=100), which in a short run means a collection
// every few megabytes while fonts and the first orders are set up. With
// the ballast, a run of a few orders collects nothing, and a batch
// collects about half as often, for at most this much more memory in use.
// The ballast is never written to, so it takes address space, not memory.
const ballastSize = 32 << 20

// withBallast runs fn with the ballast in place, unless GOGC is set (the
// user tunes the collector then).
func withBallast(fn func() int) int {
	if os.Getenv("GOGC") != "" {
		return fn()
	}
	ballast := make([]byte, ballastSize)
	defer runtime.KeepAlive(ballast)
	return fn()
}
