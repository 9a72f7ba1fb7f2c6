package fpdf

import (
	"fmt"
	"testing"
)

// TestColorStringsCached: a colour set again in a document gets the string
// it got the first time, which is what formatting it afresh gives, for
// every operator pair and components in and out of range, also once the
// short list is full (patch 28).
func TestColorStringsCached(t *testing.T) {
	f := New("P", "mm", "A4", "")
	fresh := func(r, g, b int, gray, full string) string {
		return New("P", "mm", "A4", "").rgbColorValue(r, g, b, gray, full).str
	}
	for round := 0; round < 2; round++ {
		for _, c := range [][3]int{{0, 0, 0}, {255, 255, 255}, {25, 25, 25}, {22, 52, 96}, {130, 130, 130},
			{232, 237, 244}, {-5, 300, 7}, {1, 2, 3}, {128, 128, 129}, {10, 20, 30}, {200, 100, 50}} {
			for _, ops := range [][2]string{{"G", "RG"}, {"g", "rg"}, {"", ""}} {
				got := f.rgbColorValue(c[0], c[1], c[2], ops[0], ops[1]).str
				if want := fresh(c[0], c[1], c[2], ops[0], ops[1]); got != want {
					t.Fatalf("round %d, colour %v %q: %q, formatted afresh %q", round, c, ops, got, want)
				}
			}
		}
	}
	if len(f.fmt.colors) != 16 {
		t.Errorf("%d colours kept, want the list full (16)", len(f.fmt.colors))
	}
}

// TestAppendZeroPadded: the cross-reference offsets as fmt's %010d writes
// them.
func TestAppendZeroPadded(t *testing.T) {
	for _, v := range []int{0, 1, 9, 10, 123456, 999999999, 1000000000, 9999999999, 12345678901, -1, -42} {
		if got, want := string(appendZeroPadded([]byte("x"), v, 10)), fmt.Sprintf("x%010d", v); got != want {
			t.Errorf("%d: %q, want %q", v, got, want)
		}
	}
}
