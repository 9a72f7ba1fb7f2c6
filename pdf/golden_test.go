package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/internal/testorders"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/spreadsheet"
	"github.com/tradedocs/tradedocs/templates"
)

// update rewrites the golden hashes from what the renderer draws now:
// go test ./pdf -run TestGoldenBytes -update.
var update = flag.Bool("update", false, "rewrite pdf/testdata/golden.sha256 from the current renderer")

const goldenFile = "testdata/golden.sha256"

// goldenOrder is one order of the golden set, drawn in both paper sizes.
type goldenOrder struct {
	name string
	o    *invoice.Order
}

// goldenOrders are the orders whose PDFs must not change by a byte when the
// renderer is made faster: every example file, a batch of the CSV example
// as internal/testorders writes it, the orders the layout tests draw (1 to
// 300 lines, long remarks, a line taller than a page, huge figures, a
// chop), packing lists and a trading company's CI.
func goldenOrders(t *testing.T) []goldenOrder {
	var out []goldenOrder
	files, _ := filepath.Glob("../examples/*.xlsx")
	csvs, _ := filepath.Glob("../examples/*.csv")
	batch, err := testorders.CSV("../examples/orders.csv", "GOLD-1", "GOLD-2", "GOLD-3/B")
	if err != nil {
		t.Fatal(err)
	}
	batchFile := filepath.Join(t.TempDir(), "batch.csv")
	if err := os.WriteFile(batchFile, batch, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range append(append(files, csvs...), batchFile) {
		results, ps := spreadsheet.ReadFile(f, spreadsheet.Options{})
		if ps.HasErrors() {
			t.Fatalf("%s: %v", f, ps)
		}
		for _, r := range results {
			if r.Order == nil || r.Problems.HasErrors() {
				t.Fatalf("%s: order %v: %v", f, r.Order, r.Problems)
			}
			out = append(out, goldenOrder{filepath.Base(f) + " " + r.Order.OrderNo, r.Order})
		}
	}
	// The chop of the shapes is written to a new temporary folder, whose
	// path the attached order would carry: the golden orders take theirs
	// from testdata, by a path relative to the package.
	const chop = "testdata/golden-chop.png"
	if _, err := os.Stat(chop); err != nil && *update {
		png, err := os.ReadFile(writePNG(t, "chop.png", 200, 200, color.NRGBA{220, 20, 20, 170}))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(chop, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range shapes(t) {
		if s.o.Chop != "" {
			s.o.Chop, s.o.PictureDir = chop, "testdata"
		}
		out = append(out, goldenOrder{s.name, s.o})
	}
	logo := sampleOrder()
	logo.Logo, logo.Chop, logo.PictureDir = chop, chop, "testdata"
	out = append(out,
		goldenOrder{"sample", sampleOrder()},
		goldenOrder{"sample with logo and chop", logo},
		goldenOrder{"packed sample", packedSample()},
		goldenOrder{"60 lines", manyItems(60)},
		goldenOrder{"trading company", tradingCompanyOrder()},
	)
	for _, k := range []int{1, 3, 12, 20} {
		out = append(out, goldenOrder{fmt.Sprintf("20 lines of %d products", k), products(k)})
	}
	return out
}

// TestGoldenBytes renders the golden orders, every document each has (PI,
// CI, and PL when it has packing data) together and each alone, in A4 and
// Letter, with the test memo and with the bundled memo writer and a fixed
// date, and compares each PDF's SHA-256 with the hash recorded in
// testdata/golden.sha256. A speed-up of the renderer must not change a
// byte.
func TestGoldenBytes(t *testing.T) {
	if testing.Short() && !*update {
		t.Skip("golden bytes: not in -short")
	}
	memos, err := memo.New(templates.Bundled)
	if err != nil {
		t.Fatal(err)
	}
	type variant struct {
		name string
		r    *Renderer
	}
	var variants []variant
	for _, paper := range []Paper{"a4", "letter"} {
		variants = append(variants, variant{string(paper), testRenderer(t, paper)})
		r, err := New(Options{Regular: fonts.Regular(), Bold: fonts.Bold(), Paper: paper,
			Memo: memos.PrintedLines, Date: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		variants = append(variants, variant{string(paper) + " memo dated", r})
	}
	got := map[string]string{}
	var names []string
	put := func(name string, b []byte) {
		if _, dup := got[name]; dup {
			t.Fatalf("case %q twice", name)
		}
		sum := sha256.Sum256(b)
		got[name] = hex.EncodeToString(sum[:])
		names = append(names, name)
	}
	for _, g := range goldenOrders(t) {
		docs := []Document{Proforma, Commercial}
		if g.o.HasPacking() {
			docs = append(docs, Packing)
		}
		for _, v := range variants {
			if v.name != "a4" && strings.Contains(g.name, "300") {
				continue // the longest order once is enough
			}
			bufs := make([]bytes.Buffer, len(docs))
			ws := make([]io.Writer, len(docs))
			for i := range bufs {
				ws[i] = &bufs[i]
			}
			if err := v.r.RenderSet(g.o, docs, ws); err != nil {
				t.Fatalf("%s %s: %v", g.name, v.name, err)
			}
			for i, doc := range docs {
				put(g.name+" | "+v.name+" | set "+string(doc), bufs[i].Bytes())
				var alone bytes.Buffer
				if err := v.r.Render(&alone, g.o, doc); err != nil {
					t.Fatalf("%s %s %s: %v", g.name, v.name, doc, err)
				}
				if !bytes.Equal(alone.Bytes(), bufs[i].Bytes()) {
					t.Errorf("%s %s: %s alone differs from the same in its set", g.name, v.name, doc)
				}
			}
		}
	}
	if *update {
		var b strings.Builder
		for _, n := range names {
			fmt.Fprintf(&b, "%s  %s\n", got[n], n)
		}
		if err := os.WriteFile(goldenFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d hashes to %s", len(names), goldenFile)
		return
	}
	data, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (run with -update to record)", err)
	}
	want := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("%s: bad line %q", goldenFile, line)
		}
		want[name] = sum
	}
	changed := 0
	for _, n := range names {
		w, ok := want[n]
		switch {
		case !ok:
			t.Errorf("%s: not in %s", n, goldenFile)
		case w != got[n]:
			changed++
			t.Errorf("%s: bytes changed (SHA-256 %s, golden %s)", n, got[n][:12], w[:12])
		}
	}
	for n := range want {
		if !slices.Contains(names, n) {
			t.Errorf("%s: in %s but not drawn", n, goldenFile)
		}
	}
	if changed > 0 {
		t.Logf("%d PDFs changed. A change meant to alter the documents (a label, a layout rule, a font) is recorded with go test ./pdf -run TestGoldenBytes -update; a speed-up must not change a byte.", changed)
	}
	if changed == 0 && len(want) < 200 {
		t.Errorf("only %d golden PDFs", len(want))
	}
}
