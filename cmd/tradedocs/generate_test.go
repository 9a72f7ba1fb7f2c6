package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
)

// squash drops white space, since pdftotext breaks long strings into lines.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// TestGenerateIssuesEveryExample generates the documents of every example
// order and reads each PDF back with pdftotext: every field the order gives
// must be there, in both languages, with the amounts the domain computes.
func TestGenerateIssuesEveryExample(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCmd(t, nil, "generate", "../../examples", "-o", out, "--quiet")
	if code != exitOK {
		t.Fatalf("generate: exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "memos, 0 errors in ") {
		t.Errorf("summary line: %q", stdout)
	}
	orders, ps := batch.Load([]string{"../../examples"}, batch.LoadOptions{Covers: fonts.Regular().Covers})
	if ps.HasErrors() || len(orders) < 5 {
		t.Fatalf("examples: %d orders, %v", len(orders), ps)
	}
	for _, o := range orders {
		t.Run(o.OrderNo, func(t *testing.T) {
			tot := o.Totals()
			for _, doc := range []string{"PI", "CI"} {
				path := filepath.Join(out, batch.SafeName(o.OrderNo)+"-"+doc+".pdf")
				// In content order (-raw): a wrapped cell's lines follow each
				// other; in reading order a neighbouring column on the same
				// line would come between them.
				text := squash(pdfTextRaw(t, path))
				want := []string{o.OrderNo, o.Seller.Name, o.Buyer.Name, o.Currency.Format(tot.Total),
					invoice.WordsEN(tot.Total, o.Currency), invoice.WordsZH(tot.Total, o.Currency)}
				if doc == "PI" {
					want = append(want, "形式发票", o.ProformaNo())
					if len(tot.Stages()) == 2 {
						want = append(want, o.Currency.Format(tot.Deposit), o.Currency.Format(tot.Balance))
					}
				} else {
					want = append(want, "商业发票", o.InvoiceNo(), o.OriginCountry())
				}
				if o.Seller.NameZH != "" {
					want = append(want, o.Seller.NameZH)
				}
				for i, it := range o.Items {
					want = append(want, it.DescriptionEN, o.Currency.Format(tot.Lines[i]))
					if it.DescriptionZH != "" {
						want = append(want, it.DescriptionZH)
					}
					if doc == "CI" && it.HSCode != "" {
						want = append(want, it.HSCode)
					}
				}
				for _, c := range o.Charges {
					want = append(want, c.DescriptionEN, o.Currency.Format(c.Amount))
				}
				for _, w := range want {
					if w != "" && !strings.Contains(text, squash(w)) {
						t.Errorf("%s lacks %q", filepath.Base(path), w)
					}
				}
			}
			memo, err := os.ReadFile(filepath.Join(out, batch.SafeName(o.OrderNo)+"-memo.txt"))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tot.Stages() {
				if !strings.Contains(string(memo), o.Currency.Format(s.Amount)) {
					t.Errorf("memo lacks the %s amount %s:\n%s", s.Kind, o.Currency.Format(s.Amount), memo)
				}
			}
		})
	}
	manifest, err := os.ReadFile(filepath.Join(out, batch.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	packed := 0
	for _, o := range orders {
		if o.HasPacking() {
			packed++
		}
	}
	if n := strings.Count(string(manifest), "\n"); n != 1+3*len(orders)+packed {
		t.Errorf("manifest has %d lines, want header + 3 per order (%d orders) + a packing list for each of the %d with packing data", n, len(orders), packed)
	}
}

func TestGenerateNeverOverwritesWithoutForce(t *testing.T) {
	out := t.TempDir()
	env := map[string]string{}
	if code, _, errOut := runCmd(t, env, "generate", "../../examples/usd-fob-30-70.xlsx", "-o", out, "-q"); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, errOut)
	}
	first := hashDir(t, out)
	// Make one file look edited by hand: a refused run must not touch it.
	var victim string
	for name := range first {
		if strings.HasSuffix(name, "-CI.pdf") {
			victim = filepath.Join(out, name)
		}
	}
	if err := os.WriteFile(victim, []byte("signed copy"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCmd(t, env, "generate", "../../examples/usd-fob-30-70.xlsx", "-o", out, "-q")
	if code != exitFail || !strings.Contains(errOut, filepath.Base(victim)) || !strings.Contains(errOut, "already exists") {
		t.Errorf("second run: exit %d, stderr %q; want a refusal naming %s", code, errOut, filepath.Base(victim))
	}
	if b, _ := os.ReadFile(victim); string(b) != "signed copy" {
		t.Errorf("refused run overwrote %s", victim)
	}
	if code, _, errOut := runCmd(t, env, "generate", "../../examples/usd-fob-30-70.xlsx", "-o", out, "-q", "--force"); code != exitOK {
		t.Fatalf("--force run: exit %d: %s", code, errOut)
	}
	if again := hashDir(t, out); again[filepath.Base(victim)] != first[filepath.Base(victim)] {
		t.Errorf("--force did not restore the same bytes: the output is not reproducible")
	}
	for name := range hashDir(t, out) {
		if strings.Contains(name, ".tmp") {
			t.Errorf("temporary file left behind: %s", name)
		}
	}
}

func TestGenerateIsReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	env := map[string]string{"SOURCE_DATE_EPOCH": "1709596800"}
	for _, dir := range []string{a, b} {
		if code, _, errOut := runCmd(t, env, "generate", "../../examples", "-o", dir, "-q", "--workers", "2"); code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	}
	ha, hb := hashDir(t, a), hashDir(t, b)
	if len(ha) < 10 {
		t.Fatalf("only %d files", len(ha))
	}
	for name, h := range ha {
		if hb[name] != h {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestMemoStagePrintsOnlyRemittanceLines(t *testing.T) {
	for _, stage := range []string{"deposit", "balance"} {
		t.Run(stage, func(t *testing.T) {
			code, out, errOut := runCmd(t, nil, "memo", "../../examples/usd-fob-30-70.xlsx", "--stage", stage)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
			if len(lines) > 4 {
				t.Errorf("%d lines, want at most 4:\n%s", len(lines), out)
			}
			for _, l := range lines {
				if !swiftLine.MatchString(l) || strings.HasPrefix(l, "-") || strings.HasPrefix(l, ":") {
					t.Errorf("line %q breaks SWIFT field 70 rules", l)
				}
			}
			if !strings.Contains(out, strings.ToUpper(stage)) {
				t.Errorf("memo does not name the %s:\n%s", stage, out)
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A month-end folder with one broken order: the broken one is reported with
// its cell, the others are issued, and the run still fails.
func TestGenerateBatchWithOneBadOrder(t *testing.T) {
	in := t.TempDir()
	copyFile(t, "../../examples/usd-fob-30-70.xlsx", filepath.Join(in, "a-good.xlsx"))
	copyFile(t, "../../testdata/broken/qty-not-a-number.xlsx", filepath.Join(in, "b-bad.xlsx"))
	tests := []struct {
		name     string
		flags    []string
		wantPDFs int
	}{
		{"the batch goes on: PI, CI and packing list of the good order", nil, 3},
		{"fail-fast stops before issuing anything", []string{"--fail-fast"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			code, stdout, stderr := runCmd(t, nil, append([]string{"generate", in, "-o", out, "-q"}, tt.flags...)...)
			if code != exitFail {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(stderr, "b-bad.xlsx!Items!") || !strings.Contains(stderr, `"12pcs"`) {
				t.Errorf("stderr does not point at the bad cell:\n%s", stderr)
			}
			pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
			if len(pdfs) != tt.wantPDFs {
				t.Errorf("%d PDFs written, want %d (stdout %q)", len(pdfs), tt.wantPDFs, stdout)
			}
		})
	}
}

func TestGenerateRejectsAFontFpdfCannotUse(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "collection.ttc")
	if err := os.WriteFile(bad, []byte("ttcf\x00\x01\x00\x00garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr := runCmd(t, nil, "generate", "../../examples/usd-fob-30-70.xlsx", "-o", out, "--font", bad)
	if code != exitFail || !strings.Contains(stderr, "collection.ttc") {
		t.Errorf("exit %d, stderr %q; want an error naming the font file", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("files written despite the bad font: %v", entries)
	}
}

// The USD example as saved by LibreOffice (cached formula values, its own
// styles and shared strings) reads as the same order as the file excelize
// wrote.
func TestWorkbookSavedByLibreOfficeReadsTheSame(t *testing.T) {
	load := func(path string) *batch.Order {
		orders, ps := batch.Load([]string{path}, batch.LoadOptions{})
		if ps.HasErrors() || len(orders) != 1 || !orders[0].OK() {
			t.Fatalf("%s: %d orders, %v %v", path, len(orders), ps, orders)
		}
		return orders[0]
	}
	a := load("../../examples/usd-fob-30-70.xlsx")
	b := load("../../testdata/libreoffice/usd-fob-30-70.xlsx")
	ta, tb := a.Totals(), b.Totals()
	if a.OrderNo != b.OrderNo || !ta.Total.Equal(tb.Total) || !ta.Deposit.Equal(tb.Deposit) || len(a.Items) != len(b.Items) ||
		a.PIDate != b.PIDate || a.Seller != b.Seller || a.Bank != b.Bank {
		t.Fatalf("LibreOffice copy differs: %s %s %s vs %s %s %s", a.OrderNo, ta.Total, a.PIDate, b.OrderNo, tb.Total, b.PIDate)
	}
	for i := range a.Items {
		x, y := a.Items[i], b.Items[i]
		if x.DescriptionEN != y.DescriptionEN || x.DescriptionZH != y.DescriptionZH || x.HSCode != y.HSCode ||
			!x.Quantity.Equal(y.Quantity) || !x.UnitPrice.Equal(y.UnitPrice) {
			t.Errorf("item %d differs: %+v vs %+v", i+1, x, y)
		}
	}
}

// A character the PDF cannot draw is only a warning for check, but generate
// refuses the order rather than drop the character silently.
func TestGenerateRefusesCharactersItCannotDraw(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCmd(t, nil, "generate", "../../testdata/broken/non-bmp-description.xlsx", "-o", out, "-q")
	if code != exitFail || !strings.Contains(stderr, "non-bmp-description.xlsx!Items!") || !strings.Contains(stderr, "U+") ||
		strings.Contains(stderr, "warning: description") {
		t.Errorf("exit %d, stderr:\n%s\nwant an error naming the cell and the character", code, stderr)
	}
	if pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf")); len(pdfs) != 0 {
		t.Errorf("PDFs written: %v", pdfs)
	}
}
