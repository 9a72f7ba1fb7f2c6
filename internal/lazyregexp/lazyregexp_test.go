package lazyregexp

import (
	"regexp"
	"slices"
	"sync"
	"testing"
)

// Every method answers as the compiled regexp.Regexp does, also when the
// first uses race.
func TestSameAnswersAsRegexp(t *testing.T) {
	for _, tc := range []struct {
		name, pattern, text string
	}{
		{"ISO date written as text", `^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`, "2024年3月5日"},
		{"amount with a unit word", `\s*(usd|rmb|元|pcs)$`, "1,234.50 usd"},
		{"escaped characters in shared strings", `_x[a-fA-F\d]{4}_`, "a_x000D_b_x0009_c"},
		{"no match", `^[0-9]{12}$`, "12345"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lazy := &Regexp{str: tc.pattern} // not compiled yet, even in a test binary
			want := regexp.MustCompile(tc.pattern)
			var wg sync.WaitGroup
			for range 4 {
				wg.Add(1)
				go func() { defer wg.Done(); lazy.MatchString(tc.text) }()
			}
			wg.Wait()
			if lazy.MatchString(tc.text) != want.MatchString(tc.text) {
				t.Error("MatchString differs")
			}
			if !slices.Equal(lazy.FindStringSubmatch(tc.text), want.FindStringSubmatch(tc.text)) {
				t.Error("FindStringSubmatch differs")
			}
			if got, w := lazy.FindSubmatch([]byte(tc.text)), want.FindSubmatch([]byte(tc.text)); len(got) != len(w) {
				t.Error("FindSubmatch differs")
			}
			if got, w := lazy.FindAllStringSubmatchIndex(tc.text, -1), want.FindAllStringSubmatchIndex(tc.text, -1); len(got) != len(w) {
				t.Error("FindAllStringSubmatchIndex differs")
			}
			if lazy.ReplaceAllString(tc.text, "X") != want.ReplaceAllString(tc.text, "X") {
				t.Error("ReplaceAllString differs")
			}
			if lazy.String() != tc.pattern {
				t.Error("String is not the pattern")
			}
		})
	}
}

// Outside tests, New compiles nothing until the first use.
func TestNewDefersCompilation(t *testing.T) {
	saved := inTest
	defer func() { inTest = saved }()
	inTest = false
	r := New(`^\d+$`)
	if r.rx != nil {
		t.Fatal("compiled at New")
	}
	if !r.MatchString("42") || r.rx == nil {
		t.Error("not compiled at first use")
	}
	inTest = true
	if New(`^\d+$`).rx == nil {
		t.Error("a test binary did not compile at New")
	}
}
