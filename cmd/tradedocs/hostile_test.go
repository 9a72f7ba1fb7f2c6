package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tradedocs/tradedocs/internal/hostile"
)

// maxRSS is issue 10's memory bound for check and generate on any order
// file of at most 10 MB with at most 1,000 item lines.
const maxRSS = 500 << 20

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds tradedocs once for the tests that run it as a user would.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tradedocs-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "tradedocs")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// measured runs the binary under /usr/bin/time and returns its exit status,
// output and peak resident memory. A run past a minute is killed: a hang is
// a failure, not a slow pass.
func measured(t *testing.T, args ...string) (code int, out string, rss int64) {
	t.Helper()
	return measuredWithin(t, time.Minute, args...)
}

// measuredWithin is measured with another limit than a minute.
func measuredWithin(t *testing.T, limit time.Duration, args ...string) (code int, out string, rss int64) {
	t.Helper()
	timeCmd := "/usr/bin/time"
	if _, err := os.Stat(timeCmd); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (apt-get install time)", timeCmd)
		}
		t.Skipf("!!! SKIPPING: %s is not installed (apt-get install time) !!!", timeCmd)
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	report := filepath.Join(t.TempDir(), "time.txt")
	cmd := exec.CommandContext(ctx, timeCmd, append([]string{"-f", "%M %e", "-o", report, binary(t)}, args...)...)
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("tradedocs %s did not finish in %v", strings.Join(args, " "), limit)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	rep, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	// /usr/bin/time adds "Command exited with non-zero status 1" first.
	lines := strings.Split(strings.TrimSpace(string(rep)), "\n")
	f := strings.Fields(lines[len(lines)-1])
	kb, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		t.Fatalf("time report %q", rep)
	}
	t.Logf("%s: exit %d, peak %d MB, %s s", strings.Join(args[:1], " "), code, kb>>10, f[1])
	return code, b.String(), kb << 10
}

// TestHostileFilesStayBounded runs check and generate, as built, on each of
// issue 10's hostile files: each ends with exit status 1 and an error
// naming the file (and cell), writes no document, and stays under 500 MB.
func TestHostileFilesStayBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it on hostile files")
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pic := func(name string, w, h int) string {
		var b bytes.Buffer
		png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)))
		return write(name, b.Bytes())
	}
	fifo := filepath.Join(dir, "fifo.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	withOrder := func(extra ...[]string) []byte {
		return hostile.Workbook([]hostile.Sheet{
			hostile.Grid("Order", append(hostile.OrderRows(), extra...)),
			hostile.Grid("Items", hostile.Items(3)),
		})
	}
	huge := pic("huge.png", 8000, 8000) // 8000×8000 gray: over 6000 a side
	sums := make([][]string, 0, 1001)
	sums = append(sums, hostile.ItemHeader)
	for i := 1; i <= 1000; i++ {
		it := hostile.Item(i)
		it[2] = fmt.Sprintf("=Calc!B%d", i*10)
		sums = append(sums, it)
	}
	tests := []struct {
		name string
		file string
		data func() []byte
		want string // in the output, after the file's name
	}{
		{"100,000-formula chain", "chain.xlsx", func() []byte { return hostile.FormulaChain(100_000) },
			"chain.xlsx!Items!C2: formula =Calc!A1: the chain of formulas it depends on is more than 100 deep"},
		{"1,000 lines on 10,000 running sums", "sums.xlsx", func() []byte {
			return hostile.Workbook([]hostile.Sheet{hostile.Grid("Order", hostile.OrderRows()), hostile.Grid("Items", sums), hostile.RunningSums(10_000)})
		}, "the file's formulas read more than 1000000 cells"},
		{"rows bottom-up with a cell in XFD", "wide.xlsx", func() []byte { return hostile.OutOfOrderWide(10_000) },
			"wide.xlsx: the workbook's sheets would take"},
		{"3.7 million shared strings", "sst.xlsx", func() []byte { return hostile.SharedStrings(3_700_000) },
			"sst.xlsx: the workbook's table of texts (xl/sharedStrings.xml) has 3700000 entries"},
		{"2 million cell formats", "styles.xlsx", func() []byte { return hostile.Styles(2_000_000) },
			"styles.xlsx: the workbook's part xl/styles.xml has 2000004 elements"},
		{"150 MB of blanks in a sheet (540 MB before)", "blanks.xlsx", func() []byte { return hostile.Blanks(150) },
			"blanks.xlsx: the workbook unpacks to 150 MB (limit 64 MB)"},
		{"100,000 zip entries in 10 MB", "entries.xlsx", func() []byte { return hostile.ZipEntries(100_000) },
			"entries.xlsx: the workbook's zip holds"},
		{"a 10 MB CSV line of commas", "commas.csv", func() []byte { return hostile.CSVCommas(10 << 20) },
			"commas.csv:5: the line has 10485761 fields"},
		{"an undeclared entity in line 3", "entity.xlsx", func() []byte { return hostile.BrokenItems("&bogus;") },
			"entity.xlsx!Items: the sheet's XML is broken at line 2 (invalid character entity &bogus;)"},
		{"a sheet cut off in line 3", "cut.xlsx", hostile.TruncatedItems,
			"cut.xlsx!Items: the sheet's XML is broken"},
		{"logo=/dev/zero", "devzero.xlsx", func() []byte { return withOrder([]string{"logo", "/dev/zero"}) },
			"devzero.xlsx!Order!B10: logo: /dev/zero is outside the order file's folder"},
		{"chop is a FIFO", "fifo.xlsx", func() []byte { return withOrder([]string{"chop", "fifo.png"}) },
			"fifo.xlsx!Order!B10: chop: " + fifo + " is not a regular file (a FIFO)"},
		{"logo of 8000×8000 pixels", "huge.xlsx", func() []byte { return withOrder([]string{"logo", filepath.Base(huge)}) },
			"huge.xlsx!Order!B10: logo: " + huge + " is 8000×8000 pixels"},
		{"newline in the supplier's name", "newline.xlsx", func() []byte {
			rows := hostile.OrderRows()
			rows[2][1] = "Shenzhen Example Co., Ltd.\nAccount No.: 999999999 (NEW ACCOUNT)"
			return hostile.Workbook([]hostile.Sheet{hostile.Grid("Order", rows), hostile.Grid("Items", hostile.Items(3))})
		}, "newline.xlsx!Order!B3: seller_name_en holds a line break (U+000A)"},
		{"no PI date", "nodate.xlsx", func() []byte {
			rows := hostile.OrderRows()
			rows[1][1] = ""
			return hostile.Workbook([]hostile.Sheet{hostile.Grid("Order", rows), hostile.Grid("Items", hostile.Items(3))})
		}, "nodate.xlsx!Order!B2: pi_date (date of the proforma invoice, 形式发票日期) is required"},
		{"quantity of 1e999", "1e999.xlsx", func() []byte {
			items := hostile.Items(3)
			items[1][2] = "1e999"
			return hostile.Workbook([]hostile.Sheet{hostile.Grid("Order", hostile.OrderRows()), hostile.Grid("Items", items)})
		}, "1e999.xlsx!Items!C2: quantity"},
		{"German CSV with an ambiguous 1.085", "eu.csv", func() []byte {
			return []byte("order_no;pi_date;seller_name_en;seller_address_en;buyer_name;buyer_address;currency;incoterm;incoterm_place;description_en;quantity;unit_price\n" +
				"PO-1;2026-03-05;Shenzhen Example Co.;1 Keji Road;Example GmbH;Hamburg;EUR;FOB;Shenzhen;Mug;10;1.085\n")
		}, "eu.csv:2:12: \"1.085\" is ambiguous"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := write(tc.file, tc.data())
			for _, cmd := range []string{"check", "generate"} {
				args := []string{cmd, path}
				out := filepath.Join(t.TempDir(), "out")
				if cmd == "generate" {
					args = append(args, "-o", out, "--quiet")
				}
				code, output, rss := measured(t, args...)
				if code != exitFail {
					t.Errorf("%s: exit %d, want %d\n%s", cmd, code, exitFail, output)
				}
				if !strings.Contains(output, filepath.Join(dir, tc.want)) && !strings.Contains(output, tc.want) {
					t.Errorf("%s: output lacks %q:\n%s", cmd, tc.want, firstBytes(output, 2000))
				}
				if rss > maxRSS {
					t.Errorf("%s: peak memory %d MB, over %d MB", cmd, rss>>20, maxRSS>>20)
				}
				// The folder's lock (a dot file) may be there; no document.
				if docs, _ := filepath.Glob(filepath.Join(out, "[^.]*")); len(docs) > 0 {
					t.Errorf("%s wrote %v", cmd, docs)
				}
			}
		})
	}
}

func firstBytes(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// TestEuropeanCSVIsReadWithDecimalCommas generates the documents of a
// semicolon-separated order as German Excel writes it and reads the PDF
// back: 1,085 is 1.085 (N-3), never 1,085.00, and the total follows.
func TestEuropeanCSVIsReadWithDecimalCommas(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bestellung.csv")
	csv := "order_no;pi_date;seller_name_en;seller_address_en;buyer_name;buyer_address;currency;incoterm;incoterm_place;description_en;quantity;unit_price;amount\n" +
		"PO-EU-1;2026-03-05;Shenzhen Example Co., Ltd.;1 Keji Road, Shenzhen;Beispiel GmbH;Hafenstraße 1, Hamburg;EUR;FOB;Shenzhen;Screw M4;1.000;1,085;1.085,00\n" +
		"PO-EU-1;2026-03-05;Shenzhen Example Co., Ltd.;1 Keji Road, Shenzhen;Beispiel GmbH;Hafenstraße 1, Hamburg;EUR;FOB;Shenzhen;Washer M4;2.500;0,12;300,00\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := runCmd(t, nil, "generate", path, "-o", out, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	text := squash(pdfText(t, filepath.Join(out, "PO-EU-1-PI.pdf")))
	for _, want := range []string{"1.085", "1,085.00", "0.12", "300.00", "1,385.00"} {
		if !strings.Contains(text, want) {
			t.Errorf("PI lacks %q", want)
		}
	}
	if strings.Contains(text, "1,085,000") || strings.Contains(text, "1,385,000") {
		t.Errorf("a price read a thousand times too high:\n%s", text)
	}
}

// TestLargeValidFilesStayBounded: valid orders whose sheets carry 600,000
// more cells (just under the workbook's bound) are checked and issued under
// 500 MB: a 1,000-line order with a formula elsewhere (620 MB before
// formula cells were known without excelize parsing the sheet), and an
// order whose Order sheet has a merged label (its merges are read from the
// XML, not by excelize parsing the sheet).
func TestLargeValidFilesStayBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it on large files")
	}
	for _, tc := range []struct {
		name  string
		data  []byte
		order string
	}{
		{"junk.xlsx", hostile.OrderWithJunk(1000, 60_000), "PO-1"},
		{"blanks.xlsx", hostile.Blanks(62), "PO-1"},
		{"merged.xlsx", hostile.OrderSheetWithJunk(60_000), "PO-MERGED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"check", path}, {"generate", path, "-o", filepath.Join(dir, "out"), "--quiet"}} {
				code, out, rss := measured(t, args...)
				if code != exitOK {
					t.Errorf("%s: exit %d\n%s", args[0], code, firstBytes(out, 2000))
				}
				if rss > maxRSS {
					t.Errorf("%s: peak memory %d MB, over %d MB", args[0], rss>>20, maxRSS>>20)
				}
			}
			if pdfs, _ := filepath.Glob(filepath.Join(dir, "out", tc.order+"-*.pdf")); len(pdfs) != 2 {
				t.Errorf("PDFs of %s written: %v", tc.order, pdfs)
			}
		})
	}
}
