package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
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

// TestFolderNamesEverySpreadsheet: a folder given to check or generate
// names every spreadsheet it cannot read, with the advice the file gets
// when given by name; Office lock files are skipped.
func TestFolderNamesEverySpreadsheet(t *testing.T) {
	dir := t.TempDir()
	var ods bytes.Buffer
	zw := zip.NewWriter(&ods)
	w, _ := zw.Create("mimetype")
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	zw.Close()
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	files := map[string][]byte{"march.ods": ods.Bytes(), "april.xls": ole, "may.xlsb": ole, "june.et": ole, "july.numbers": ods.Bytes()}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "~$april.xlsx"), []byte("lock"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"check", dir}, {"generate", "-q", "-o", t.TempDir(), dir}} {
		code, out, errOut := runCmd(t, nil, cmd...)
		if code != exitFail {
			t.Errorf("%s: exit %d, want %d", cmd[0], code, exitFail)
		}
		for name := range files {
			path := filepath.Join(dir, name)
			_, alone, _ := runCmd(t, nil, "check", path)
			advice := problemLines(alone, path)
			if len(advice) != 1 || !strings.Contains(advice[0], "save it as .xlsx") {
				t.Errorf("check %s alone: %q", name, advice)
				continue
			}
			if !strings.Contains(out+errOut, advice[0]) {
				t.Errorf("%s of the folder does not say %q:\n%s%s", cmd[0], advice[0], out, errOut)
			}
		}
		if strings.Contains(out+errOut, "~$") {
			t.Errorf("%s reads the lock file:\n%s%s", cmd[0], out, errOut)
		}
	}
}

// TestCIPrintsOnlyCompletePackingTotals: a weight on some lines only is no
// total for the shipment; the CI leaves that total out
// and prints each line's figure as the spreadsheet shows it (N-2).
func TestCIPrintsOnlyCompletePackingTotals(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCmd(t, nil, "generate", "-q", "--docs", "ci", "-o", out, "../../testdata/broken/packing-partly-filled.xlsx")
	if code != exitOK {
		t.Fatalf("generate: exit %d\n%s%s", code, stdout, stderr)
	}
	text := pdfText(t, filepath.Join(out, "PO-2024-0117-CI.pdf"))
	for _, absent := range []string{"总净重", "14.3999"} {
		if strings.Contains(text, absent) {
			t.Errorf("the CI prints %q:\n%s", absent, text)
		}
	}
	// Cartons are on every line of this order: their total is printed.
	if !strings.Contains(text, "总箱数") {
		t.Errorf("the CI lacks the total cartons of an order giving them on every line:\n%s", text)
	}
	if !strings.Contains(text, "14.4") || !strings.Contains(text, "41.5") {
		t.Errorf("the CI lacks the lines' weights 41.5 and 14.4:\n%s", text)
	}
	// A complete packing column still gets its total.
	full := t.TempDir()
	if code, o, e := runCmd(t, nil, "generate", "-q", "--docs", "ci", "-o", full, "../../examples/usd-fob-30-70.xlsx"); code != exitOK {
		t.Fatalf("generate example: exit %d\n%s%s", code, o, e)
	}
	matches, _ := filepath.Glob(filepath.Join(full, "*-CI.pdf"))
	if len(matches) != 1 || !strings.Contains(pdfText(t, matches[0]), "总净重") {
		t.Errorf("the example's CI (%v) has no total net weight", matches)
	}
}

// TestCheckNamesTheFontThatLacksACharacter: with a Latin font and English
// labels, the example's Chinese product names cannot be drawn; check and
// generate both refuse, each naming the cells and the font files.
func TestCheckNamesTheFontThatLacksACharacter(t *testing.T) {
	raw, err := os.ReadFile("../../templates/labels.json")
	if err != nil {
		t.Fatal(err)
	}
	var labels map[string]map[string]string
	if err := json.Unmarshal(raw, &labels); err != nil {
		t.Fatal(err)
	}
	for _, l := range labels {
		l["zh"] = l["en"] // English-only labels: the Latin font draws them
	}
	tmpl := t.TempDir()
	b, _ := json.Marshal(labels)
	if err := os.WriteFile(filepath.Join(tmpl, "labels.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	regular := "../../internal/fpdf/testdata/DejaVuSansCondensed.ttf"
	bold := "../../internal/fpdf/testdata/DejaVuSansCondensed-Bold.ttf"
	file := "../../examples/usd-fob-30-70.xlsx"
	flags := []string{"--font", regular, "--bold-font", bold, "--templates", tmpl}
	ccode, cout, _ := runCmd(t, nil, append(append([]string{"check"}, flags...), file)...)
	gcode, gout, gerr := runCmd(t, nil, append(append([]string{"generate", "-q", "-o", t.TempDir()}, flags...), file)...)
	if ccode != exitFail || gcode != exitFail {
		t.Fatalf("check exit %d, generate exit %d; want %d\n%s\n%s%s", ccode, gcode, exitFail, cout, gout, gerr)
	}
	cp, gp := problemLines(cout, file), problemLines(gout+gerr, file)
	if len(cp) == 0 || strings.Join(cp, "\n") != strings.Join(gp, "\n") {
		t.Errorf("check reports\n%s\ngenerate reports\n%s", strings.Join(cp, "\n"), strings.Join(gp, "\n"))
	}
	want := "is not in DejaVuSansCondensed.ttf or DejaVuSansCondensed-Bold.ttf"
	for _, line := range cp {
		if !regexp.MustCompile(`\.xlsx![A-Za-z]+![A-Z]+\d+: `).MatchString(line) || !strings.Contains(line, want) {
			t.Errorf("problem %q does not name its cell and the fonts", line)
		}
	}
}
