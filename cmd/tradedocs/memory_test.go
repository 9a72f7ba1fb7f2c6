package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBatchMemoryIsFlat issues the PIs of thousands of orders of 20 lines
// under /usr/bin/time. generate reads each file order by order
// (spreadsheet.ReadEach) and keeps of each order only its number and
// problems (batch.LoadOptions.Light), then reads the file again and hands
// each order to the renderers as it is read: a month-end folder of 5,000
// orders stays under 300 MB (loaded whole it took 1 GB), and one
// workbook of 3,000 orders under 200 MB (held whole it took about
// 300 MB). The curve, 1,000 to 10,000 orders, is in scripts/bench.sh's
// MEMORY run.
func TestBatchMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of orders take about a minute")
	}
	tests := []struct {
		name    string
		orders  int
		perFile int // 0: one workbook
		maxMB   int
	}{
		{"month-end folder of five 1,000-order workbooks", 5000, 1000, 300},
		{"one workbook of 3,000 orders", 3000, 0, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "orders")
			if tc.perFile == 0 {
				src += ".xlsx"
			}
			mk := exec.Command("go", "run", "../../scripts/mkbench", "-o", src, "-orders", strconv.Itoa(tc.orders), "-lines", "20", "-per-file", strconv.Itoa(tc.perFile))
			if out, err := mk.CombinedOutput(); err != nil {
				t.Fatalf("mkbench: %v\n%s", err, out)
			}
			out := filepath.Join(t.TempDir(), "out")
			// About 25 s for 5,000 on two quiet cores; the limit is for a busy machine.
			code, msg, rss := measuredWithin(t, 4*time.Minute, "generate", "-q", "--docs", "pi", "-o", out, src)
			want := fmt.Sprintf("%d orders, %d PDFs, %d memos, 0 errors", tc.orders, tc.orders, tc.orders)
			if code != 0 || !strings.Contains(msg, want) {
				t.Fatalf("exit %d, want %q:\n%s", code, want, tail(msg, 2000))
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
			if pis != tc.orders {
				t.Errorf("%d PIs written, want %d", pis, tc.orders)
			}
			if rss > int64(tc.maxMB)<<20 {
				t.Errorf("peak memory %d MB for %d orders; want at most %d MB", rss>>20, tc.orders, tc.maxMB)
			}
			t.Logf("%d orders: peak RSS %d MB", tc.orders, rss>>20)
		})
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
