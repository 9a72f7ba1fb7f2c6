package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBatchMemoryIsFlat issues the PIs of 5,000 orders of 20 lines (a
// month-end folder of five 1,000-order workbooks, as scripts/mkbench
// writes them) under /usr/bin/time: generate reads one file at a time and
// keeps of each order only its number and problems (batch.LoadOptions.Light),
// so the batch stays under 300 MB; loaded whole it took 1 GB. (The curve,
// 1,000 to 10,000 orders, is in scripts/bench.sh's MEMORY=1 run.)
func TestBatchMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("5,000 orders take about half a minute")
	}
	dir := filepath.Join(t.TempDir(), "orders")
	mk := exec.Command("go", "run", "../../scripts/mkbench", "-o", dir, "-orders", "5000", "-lines", "20", "-per-file", "1000")
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("mkbench: %v\n%s", err, out)
	}
	out := filepath.Join(t.TempDir(), "out")
	// About 25 s on two quiet cores; the limit is for a busy machine.
	code, msg, rss := measuredWithin(t, 4*time.Minute, "generate", "-q", "--docs", "pi", "-o", out, dir)
	if code != 0 || !strings.Contains(msg, "5000 orders, 5000 PDFs, 5000 memos, 0 errors") {
		t.Fatalf("exit %d:\n%s", code, tail(msg, 2000))
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	pis := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "-PI.pdf") {
			pis++
		}
	}
	if pis != 5000 {
		t.Errorf("%d PIs written, want 5000", pis)
	}
	if rss > 300<<20 {
		t.Errorf("peak memory %d MB for 5,000 orders; want at most 300 MB (flat in the number of orders)", rss>>20)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
