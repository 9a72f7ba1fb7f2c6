package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// problemLines keeps the lines of a command's output that report a problem
// in the given file (they start with its name), sorted: the set of
// problems, whatever order and stream they were printed in.
func problemLines(out, file string) []string {
	var ps []string
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(line, file); ok && (strings.HasPrefix(rest, "!") || strings.HasPrefix(rest, ":")) {
			ps = append(ps, line)
		}
	}
	slices.Sort(ps)
	return slices.Compact(ps)
}

// TestCheckPredictsGenerate runs check and generate on every example and
// every file of testdata/broken: the same exit status and the same set of
// problems, so that a file check passes is a file generate issues.
func TestCheckPredictsGenerate(t *testing.T) {
	var files []string
	for _, dir := range []string{"../../examples", "../../testdata/broken"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			switch filepath.Ext(e.Name()) {
			case ".xlsx", ".csv":
				files = append(files, filepath.Join(dir, e.Name()))
			}
		}
	}
	if len(files) < 30 {
		t.Fatalf("only %d files", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ccode, cout, cerr := runCmd(t, nil, "check", file)
			gcode, gout, gerr := runCmd(t, nil, "generate", "-q", "-o", t.TempDir(), file)
			if ccode != gcode {
				t.Errorf("check exits %d, generate %d\ncheck:\n%s%s\ngenerate:\n%s%s", ccode, gcode, cout, cerr, gout, gerr)
			}
			cp, gp := problemLines(cout+cerr, file), problemLines(gout+gerr, file)
			if strings.Contains(file, "broken") && len(cp) == 0 {
				t.Errorf("check finds nothing wrong in a broken file:\n%s", cout)
			}
			if strings.Join(cp, "\n") != strings.Join(gp, "\n") {
				t.Errorf("check reports\n%s\ngenerate reports\n%s", strings.Join(cp, "\n"), strings.Join(gp, "\n"))
			}
		})
	}
}

// TestCheckTakesGeneratesFonts: a font without Chinese characters makes
// generate refuse (the labels are bilingual), and check with the same
// --font says so and exits 1 too, naming the font.
func TestCheckTakesGeneratesFonts(t *testing.T) {
	latin := "../../internal/fpdf/testdata/DejaVuSansCondensed.ttf"
	file := "../../examples/usd-fob-30-70.xlsx"
	for _, flag := range []string{"--font", "--bold-font"} {
		t.Run(flag, func(t *testing.T) {
			ccode, cout, cerr := runCmd(t, nil, "check", flag, latin, file)
			gcode, gout, gerr := runCmd(t, nil, "generate", "-q", flag, latin, "-o", t.TempDir(), file)
			if ccode != exitFail || gcode != exitFail {
				t.Fatalf("check exit %d, generate exit %d; want both %d\n%s%s\n%s%s", ccode, gcode, exitFail, cout, cerr, gout, gerr)
			}
			for _, out := range []string{cout + cerr, gout + gerr} {
				if !strings.Contains(out, "DejaVuSansCondensed") || !strings.Contains(out, "label") {
					t.Errorf("output does not name the font and the label:\n%s", out)
				}
			}
		})
	}
}
