package main

import (
	"runtime"
	"testing"
)

// The ballast counts as live heap while a command runs, so that a short
// run does not collect, unless the user set GOGC.
func TestBallastIsLiveHeapUnlessGOGCIsSet(t *testing.T) {
	for _, tc := range []struct {
		name string
		gogc string
		want bool
	}{
		{"default collector", "", true},
		{"GOGC set by the user", "100", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var during uint64
			withBallast(func() int {
				var m runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&m)
				during = m.HeapAlloc
				return 0
			})
			if got := during >= before.HeapAlloc+ballastSize*9/10; got != tc.want {
				t.Errorf("heap %d MB during the run, %d MB before: ballast live %v, want %v", during>>20, before.HeapAlloc>>20, got, tc.want)
			}
		})
	}
}
