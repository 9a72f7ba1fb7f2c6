package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestExamplesCheckClean: a new user's first command, `tradedocs check
// examples/`, shows every bundled order clean — no error and no warning,
// only the summary line — so each example shows what examples/README.md
// says it does and nothing a check objects to. When a new check warns
// about an example, the example's data is made right (in
// spreadsheet/fixtures_test.go), never the check weakened.
func TestExamplesCheckClean(t *testing.T) {
	entries, err := os.ReadDir("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	var files int
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); ext == ".xlsx" || ext == ".csv" {
			files++
		}
	}
	code, out, errOut := runCmd(t, nil, "check", "../../examples")
	want := regexp.MustCompile(fmt.Sprintf(`^%d files, [1-9][0-9]* orders: 0 errors, 0 warnings$`, files))
	if code != exitOK || errOut != "" || !want.MatchString(strings.TrimSpace(out)) {
		t.Errorf("check examples/: exit %d, want %d and only a summary matching %s\n%s%s", code, exitOK, want, out, errOut)
	}
}
