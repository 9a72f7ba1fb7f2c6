package pdf

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// packedSample is the sample order with full packing data: 50 cartons of
// desk lamps, and 84 mixed cartons (51-134) each holding 6 floor lamps
// and 20 bulb clips.
func packedSample() *invoice.Order {
	o := sampleOrder()
	o.Items[0].QtyPerCarton, o.Items[0].CartonSize, o.Items[0].CBM = decp("20"), "60x40x30", nil
	o.Items[1].Quantity, o.Items[1].QtyPerCarton, o.Items[1].CartonSize, o.Items[1].CBM = dec("504"), decp("6"), "62×45×40 cm", nil
	o.Items[1].CartonNo, o.Items[2].CartonNo = "51-134", "51-134"
	o.Items[0].CartonNo = "1-50"
	o.Items[2].Quantity, o.Items[2].QtyPerCarton, o.Items[2].Cartons, o.Items[2].CBM = dec("1680"), decp("20"), nil, nil
	o.Items[2].NetWeightKG, o.Items[2].GrossWeightKG = decp("8.4"), decp("8.4")
	return o
}

func TestPackingListText(t *testing.T) {
	r := testRenderer(t, "a4")
	o := packedSample()
	for _, p := range o.Validate() {
		if errors.Is(p, invoice.ErrPacking) || errors.Is(p, invoice.ErrCartonNo) {
			t.Fatalf("packed sample breaks a packing rule: %v", p)
		}
	}
	pdf := render(t, r, o, Packing)
	text := run(t, pdf, "pdftotext", "-enc", "UTF-8")
	flat := strings.Join(strings.Fields(text), "")
	want := []string{
		"PACKING LIST", "装箱单", "CI-240502-A", "2024-05-02", "PO-2024-0315", "SC-88-2024",
		"Shenzhen Brightway Lighting Technology Co., Ltd.", "深圳市明途照明科技有限公司", "广东省深圳市南山区科技路18号5栋",
		"Harbor Home Goods LLC", "1200 Commerce Way, Suite 300, Austin, TX 78701, USA", "Harbor Home Goods LLC c/o Lone Star Logistics", "4500 Port Rd, Houston, TX 77029, USA",
		"Notify party 通知方: Lone Star Customs Brokers Inc.", "Building 5, No. 18 Keji Road", "91440300MA5F1234XY",
		"Yantian, Shenzhen", "Houston", "COSCO SHIPPING ARIES V.045E", "COSU6234567890", "HARBOR HOME", "C/NO. 1-135",
		// line 1: 50 cartons of 20, 16.4 / 18.1 kg each, 0.072 m³ each
		"1-50", "LED desk lamp with USB charging port", "带USB充电口LED台灯", "BW-DL-201", "1,000", "16.4", "18.1", "820", "905", "60×40×30", "3.600",
		// the mixed cartons 51-134 once, with both lines' contents
		"51-134", "mixed", "混装", "(51-134)", "504", "sets", "2,100.5", "2,360", "62×45×40", "9.374",
		"Replacement bulb clip", "BW-SC-03", "1,680", "0.1", "8.4",
		// totals and the count in words
		"134", "3,184", "2,928.9", "3,273.4", "12.974",
		"SAY ONE HUNDRED THIRTY-FOUR CARTONS ONLY", "壹佰叁拾肆箱",
		"Li Wei, Sales Manager",
	}
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
			t.Errorf("packing list lacks %q", w)
		}
	}
	tokens := map[string]bool{}
	for _, f := range strings.Fields(run(t, pdf, "pdftotext", "-layout", "-enc", "UTF-8")) {
		tokens[f] = true
	}
	for _, money := range []string{"USD", "3.50", "12.80", "0.085", "3,500.00", "6,451.20", "142.80", "1,800.00", "475.67", "3,703.70"} {
		if tokens[money] {
			t.Errorf("packing list prints %q, a price or amount", money)
		}
	}
	for _, caption := range []string{"Unit Price", "单价", "Amount", "金额", "SAY TOTAL", "Bank", "收款", "Remarks"} {
		if strings.Contains(text, caption) {
			t.Errorf("packing list prints %q", caption)
		}
	}
	if info := run(t, pdf, "pdfinfo"); !strings.Contains(info, "Packing List CI-240502-A") {
		t.Errorf("PDF title is not the packing list's:\n%s", info)
	}
	run(t, pdf, "qpdf", "--check")
	fonts := strings.Split(strings.TrimSpace(run(t, pdf, "pdffonts")), "\n")[2:]
	if len(fonts) != 2 {
		t.Errorf("want the regular and bold subsets, got:\n%s", strings.Join(fonts, "\n"))
	}
	for _, f := range fonts {
		if fs := strings.Fields(f); len(fs) < 5 || fs[len(fs)-5] != "yes" {
			t.Errorf("font not embedded: %s", f)
		}
	}
}

// A 60-line packing list runs over pages: the column headings on each, one
// totals row at the end, the pages numbered.
func TestPackingListOfSixtyLines(t *testing.T) {
	r := testRenderer(t, "a4")
	o := manyItems(60)
	pdf := render(t, r, o, Packing)
	text := run(t, pdf, "pdftotext", "-enc", "UTF-8")
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	if len(pages) < 3 {
		t.Fatalf("60 lines on %d pages", len(pages))
	}
	if n := strings.Count(text, "Total 合计"); n != 1 {
		t.Errorf("totals row %d times", n)
	}
	tableEnds := false
	for i, pg := range pages {
		if !tableEnds && !strings.Contains(pg, "CTNS") {
			t.Errorf("page %d of the table has no column headings", i+1)
		}
		tableEnds = tableEnds || strings.Contains(pg, "Total 合计")
		n := itoa(len(pages))
		if !strings.Contains(pg, "Page "+itoa(i+1)+" of "+n) {
			t.Errorf("page %d is not numbered of %s", i+1, n)
		}
	}
	// 20 × (50 + 84 + 1) cartons, numbered to the end.
	if !strings.Contains(text, "2700") && !strings.Contains(text, "2,700") {
		t.Errorf("total of 2,700 cartons missing")
	}
	if flat := strings.Join(strings.Fields(text), " "); !strings.Contains(flat, "2616-2699") || !strings.Contains(flat, "SAY TWO THOUSAND SEVEN HUNDRED CARTONS ONLY") {
		t.Errorf("carton numbers or count in words missing")
	}
	run(t, pdf, "qpdf", "--check")
}

// The same order gives the same packing list, and issuing it changes
// neither the PI nor the CI by a byte.
func TestPackingListIsDeterministicAndLeavesInvoicesAlone(t *testing.T) {
	r := testRenderer(t, "a4")
	o := packedSample()
	if a, b := render(t, r, o, Packing), render(t, r, o, Packing); !bytes.Equal(a, b) {
		t.Error("two renderings of the packing list differ")
	}
	var pi, ci, pl bytes.Buffer
	if err := r.RenderSet(o, []Document{Proforma, Commercial, Packing}, []io.Writer{&pi, &ci, &pl}); err != nil {
		t.Fatal(err)
	}
	var pi2, ci2 bytes.Buffer
	if err := r.RenderSet(o, []Document{Proforma, Commercial}, []io.Writer{&pi2, &ci2}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pi.Bytes(), pi2.Bytes()) || !bytes.Equal(ci.Bytes(), ci2.Bytes()) {
		t.Error("the PI or CI changed when issued with the packing list")
	}
	if !bytes.Equal(pl.Bytes(), render(t, r, o, Packing)) {
		t.Error("the packing list differs when issued with the invoices")
	}
}

func TestPackingListNeedsPackingData(t *testing.T) {
	r := testRenderer(t, "a4")
	o := sampleOrder()
	for i := range o.Items {
		o.Items[i].Cartons = nil
	}
	var buf bytes.Buffer
	err := r.Render(&buf, o, Packing)
	if err == nil || !strings.Contains(err.Error(), "PO-2024-0315 has no packing data") || buf.Len() != 0 {
		t.Errorf("err %v, %d bytes written", err, buf.Len())
	}
}

// TestWritePackingSamples writes a 3-line and a 60-line packing list to
// $PDF_SAMPLES for eyeballing (pdftoppm -png -r 70).
func TestWritePackingSamples(t *testing.T) {
	dir := os.Getenv("PDF_SAMPLES")
	if dir == "" {
		t.Skip("set PDF_SAMPLES=dir to write sample PDFs")
	}
	r := testRenderer(t, "a4")
	os.WriteFile(dir+"/a4-PL.pdf", render(t, r, packedSample(), Packing), 0o644)
	os.WriteFile(dir+"/a4-60-lines-PL.pdf", render(t, r, manyItems(60), Packing), 0o644)
}

// BenchmarkRenderOrderWithPL20 draws the PI, CI and packing list of a
// 20-line order together, as a batch does for an order with packing data;
// compare its time per PDF with BenchmarkRenderOrder20's.
func BenchmarkRenderOrderWithPL20(b *testing.B) {
	r := testRenderer(b, "a4")
	o := fewProducts()
	var pi, ci, pl bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		pi.Reset()
		ci.Reset()
		pl.Reset()
		if err := r.RenderSet(o, []Document{Proforma, Commercial, Packing}, []io.Writer{&pi, &ci, &pl}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pi.Len()+ci.Len()+pl.Len())/3, "bytes/pdf")
	b.ReportMetric(float64(pl.Len()), "bytes/pl")
}

// TestPackingListSharesTheInvoicesSubset: the packing list of an order is a
// sibling of its PI and CI: when their characters make a small subset (the
// mixed-carton example's do), one subset serves all three (cut and
// compressed once), so the PL names the same tagged fonts as the PI.
func TestPackingListSharesTheInvoicesSubset(t *testing.T) {
	r := testRenderer(t, "a4")
	results, ps := spreadsheet.ReadFile("../examples/packing-mixed-carton.xlsx", spreadsheet.Options{})
	if ps.HasErrors() || len(results) != 1 {
		t.Fatalf("example: %v", ps)
	}
	o := results[0].Order
	fontsOf := func(doc Document) string {
		var names []string
		for _, line := range strings.Split(run(t, render(t, r, o, doc), "pdffonts"), "\n") {
			if f := strings.Fields(line); len(f) > 0 && strings.Contains(f[0], "+NotoSansSC") {
				names = append(names, f[0])
			}
		}
		if len(names) != 2 {
			t.Fatalf("%s: fonts %v, want a regular and a bold tagged subset", doc, names)
		}
		return strings.Join(names, " ")
	}
	if pi, pl := fontsOf(Proforma), fontsOf(Packing); pi != pl {
		t.Errorf("the PL embeds %s, the PI %s: want the one shared subset", pl, pi)
	}
}

// A weight given on some lines only: the packing list's totals row leaves
// that total out, as the CI does (Order.PackingComplete), instead of
// printing a sum of some lines as the shipment's.
func TestPackingListLeavesOutATotalOfSomeLines(t *testing.T) {
	tests := []struct {
		name    string
		blank   func(it *invoice.Item)
		partial string // the sum of the other lines, never printed
		kept    string // the complete total, printed
	}{
		{"net weight blank on the desk lamps", func(it *invoice.Item) { it.NetWeightKG, it.NetWeightPerCartonKG = nil, nil }, "2,108.9", "3,273.4"},
		{"gross weight blank on the desk lamps", func(it *invoice.Item) { it.GrossWeightKG, it.GrossWeightPerCartonKG = nil, nil }, "2,368.4", "2,928.9"},
	}
	r := testRenderer(t, "a4")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := packedSample()
			tt.blank(&o.Items[0])
			for _, kind := range []Document{Packing, Commercial} {
				tokens := map[string]bool{}
				for _, f := range strings.Fields(run(t, render(t, r, o, kind), "pdftotext", "-layout", "-enc", "UTF-8")) {
					tokens[f] = true
				}
				if tokens[tt.partial] {
					t.Errorf("%v prints %s, the total of the lines that give the weight", kind, tt.partial)
				}
				if !tokens[tt.kept] {
					t.Errorf("%v lacks the complete total %s", kind, tt.kept)
				}
			}
		})
	}
}
