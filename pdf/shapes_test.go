package pdf

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/orderjson"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// word is one word pdftotext -bbox found, in points from the top left.
type word struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// bboxPage is one page of pdftotext -bbox output.
type bboxPage struct {
	w, h  float64
	words []word
}

var (
	pageRe = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordRe = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// bbox reads every word of the PDF with its box, page by page.
func bbox(t *testing.T, pdf []byte) []bboxPage {
	t.Helper()
	out := run(t, pdf, "pdftotext", "-bbox", "-enc", "UTF-8")
	var ps []bboxPage
	for _, chunk := range strings.Split(out, "<page ")[1:] {
		m := pageRe.FindStringSubmatch("<page " + chunk)
		p := bboxPage{w: atof(m[1]), h: atof(m[2])}
		for _, w := range wordRe.FindAllStringSubmatch(chunk, -1) {
			p.words = append(p.words, word{html.UnescapeString(w[5]), atof(w[1]), atof(w[2]), atof(w[3]), atof(w[4])})
		}
		ps = append(ps, p)
	}
	return ps
}

func atof(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }

// has reports whether the page holds every word of phrase.
func (p bboxPage) has(phrase string) bool {
	for _, w := range strings.Fields(phrase) {
		found := false
		for _, pw := range p.words {
			if pw.text == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// pagesWith are the pages (0-based) that hold every word of phrase.
func pagesWith(ps []bboxPage, phrase string) []int {
	var out []int
	for i, p := range ps {
		if p.has(phrase) {
			out = append(out, i)
		}
	}
	return out
}

// body is the page's words outside the running title and the footer.
func (p bboxPage) body() []word {
	var out []word
	for _, w := range p.words {
		if w.yMin > 45 && w.yMax < p.h-16/ptToMM {
			out = append(out, w)
		}
	}
	return out
}

// shape is one order shape the layout rules are checked on.
type shape struct {
	name string
	o    *invoice.Order
	// usual: an order of usual content (an example, or lines without
	// charges, bank details or remarks) that must be one page up to 5
	// lines.
	usual bool
}

// shapes are orders of 1 to 300 lines, with and without charges, bank
// details, remarks and a chop, and with lines that give only the usual
// columns (no specification, HS code, origin or packing figures).
func shapes(t *testing.T) []shape {
	chop := writePNG(t, "chop.png", 200, 200, color.NRGBA{220, 20, 20, 170})
	var out []shape
	for _, n := range []int{1, 3, 5, 8, 20, 66, 300} {
		full := manyItems(n)
		full.DepositReceived = decp("1000")
		out = append(out, shape{fmt.Sprintf("%d lines, charges, bank, remarks", n), full, false})
		if n == 300 {
			continue
		}
		bare := manyItems(n)
		bare.Charges, bare.Bank, bare.Remarks = nil, invoice.Bank{}, ""
		for i := range bare.Items {
			it := &bare.Items[i]
			it.Spec, it.Material, it.HSCode, it.Origin = "", "", "", ""
			it.Cartons, it.NetWeightKG, it.GrossWeightKG, it.CBM = nil, nil, nil, nil
		}
		out = append(out, shape{fmt.Sprintf("%d usual lines, no charges, bank or remarks", n), bare, true})
		chopped := manyItems(n)
		chopped.Chop = chop
		chopped.PictureDir = filepath.Dir(chop)
		chopped.Remarks = strings.Repeat("Carton labels in English and Chinese. 外箱唛头中英文。", 3)
		out = append(out, shape{fmt.Sprintf("%d lines with a chop and long remarks", n), chopped, false})
	}
	// Remarks and shipping marks longer than a page (a pasted contract).
	huge := manyItems(8)
	huge.Remarks = strings.Repeat("Goods to be inspected before shipment; defects replaced at the seller's cost. 出货前验货，瑕疵品由卖方承担更换费用。 ", 60)
	huge.Shipment.ShippingMarks = strings.Repeat("HARBOR HOME\nC/NO. 1-135\n", 50)
	out = append(out, shape{"remarks and shipping marks longer than a page", huge, false})
	// A line whose description is longer than a page (a pasted data sheet).
	tall := manyItems(4)
	tall.Items[1].DescriptionEN = strings.Repeat("Stainless steel body, double wall vacuum insulation, food-grade liner; WORD-MARK ", 120)
	out = append(out, shape{"a line longer than a page", tall, false})
	// The largest figures a real order has (98 million dollars, a price in
	// four decimals, a fraction of a unit): still whole words on one line.
	wide := manyItems(3)
	wide.Items[0].Quantity, wide.Items[0].UnitPrice = dec("1500000"), dec("65.4321")
	wide.Items[1].Quantity = dec("0.125")
	out = append(out, shape{"very large and fractional figures", wide, false})
	return out
}

// examples are the orders of the example spreadsheets.
func examples(t *testing.T) []shape {
	files, _ := filepath.Glob("../examples/*.xlsx")
	csvs, _ := filepath.Glob("../examples/*.csv")
	var out []shape
	for _, f := range append(files, csvs...) {
		results, ps := spreadsheet.ReadFile(f, spreadsheet.Options{})
		if ps.HasErrors() {
			t.Fatalf("%s: %v", f, ps)
		}
		for _, r := range results {
			out = append(out, shape{filepath.Base(f) + " " + r.Order.OrderNo, r.Order, true})
		}
	}
	if len(out) < 5 {
		t.Fatalf("%d example orders", len(out))
	}
	return out
}

// TestLayoutRulesFromThePDF renders every example and every shape as PI
// and CI and checks, from the PDF alone with poppler and qpdf, what a bank
// officer or a customs broker would look for.
func TestLayoutRulesFromThePDF(t *testing.T) {
	needTool(t, "pdftotext")
	needTool(t, "pdffonts")
	needTool(t, "pdfdetach")
	needTool(t, "qpdf")
	r := testRenderer(t, "a4")
	cases := append(examples(t), shapes(t)...)
	for _, sh := range cases {
		for _, doc := range []Document{Proforma, Commercial} {
			t.Run(sh.name+"/"+string(doc), func(t *testing.T) {
				t.Parallel()
				checkLayout(t, r, sh.o, doc, sh.usual)
			})
		}
	}
}

func checkLayout(t *testing.T, r *Renderer, o *invoice.Order, doc Document, usual bool) {
	b := render(t, r, o, doc)
	ps := bbox(t, b)
	l := r.labels
	cur := o.Currency
	tot := o.Totals()

	// Valid, fonts embedded as tagged subsets.
	run(t, b, "qpdf", "--check")
	fontsOut := run(t, b, "pdffonts")
	fontLine := regexp.MustCompile(`^([A-Z]{6})\+NotoSansSC-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes`)
	lines := strings.Split(strings.TrimSpace(fontsOut), "\n")[2:]
	if len(lines) == 0 {
		t.Error("pdffonts lists no font")
	}
	for _, ln := range lines {
		if !fontLine.MatchString(ln) {
			t.Errorf("pdffonts: %q is not an embedded subset named TAG+NotoSansSC-…", ln)
		}
	}

	// The order travels inside: the attached JSON is the order's, and
	// reads back to itself.
	if list := run(t, b, "pdfdetach", "-list"); !strings.Contains(list, orderjson.FileName) {
		t.Errorf("pdfdetach -list: %q", list)
	}
	saved := filepath.Join(t.TempDir(), "order.json")
	needTool(t, "pdfdetach")
	pdfPath := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(pdfPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdfdetach", "-save", "1", "-o", saved, pdfPath).CombinedOutput(); err != nil {
		t.Fatalf("pdfdetach -save: %v\n%s", err, out)
	}
	attached, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := orderjson.Marshal(o)
	if !bytes.Equal(attached, want) {
		t.Errorf("attached JSON is not the order's")
	}
	if back, ps := orderjson.Read("order.json", attached); len(ps) > 0 {
		t.Errorf("attached JSON does not read back: %v", ps)
	} else if again, _ := orderjson.Marshal(back); !bytes.Equal(again, attached) {
		t.Errorf("attached JSON does not round-trip")
	}

	// No text under 7 pt (a word's box is 1.448 em high in Noto Sans SC),
	// none run into the footer or off the page.
	for i, p := range ps {
		for _, w := range p.words {
			if size := (w.yMax - w.yMin) / 1.448; size < minSize-0.05 {
				t.Errorf("page %d: %q set at %.2f pt", i+1, w.text, size)
			}
			footer := w.yMin >= p.h-12/ptToMM
			if !footer && w.yMax > p.h-15/ptToMM {
				t.Errorf("page %d: %q runs into the footer (y %.1f of %.1f)", i+1, w.text, w.yMax, p.h)
			}
		}
	}

	// The signature is never alone on a page: it shares its page with the
	// statement before it (the PI's closing line, the CI's declaration).
	sig := l["signature"].ZH
	sigPages := pagesWith(ps, sig)
	if len(sigPages) != 1 {
		t.Fatalf("signature caption %q on pages %v", sig, sigPages)
	}
	sp := ps[sigPages[0]]
	before := "formalities; shipment."
	if doc == Commercial {
		before = "hereby certify origin."
	}
	if !sp.has(before) {
		t.Errorf("the signature's page %d lacks the statement before it (%q)", sigPages[0]+1, before)
	}
	sigWords := map[string]bool{}
	for _, s := range []string{l["for_seller"].String(), o.Seller.Name, o.Seller.NameZH, o.Signatory, l["signature"].String(),
		l["buyer_confirmation"].String(), o.Buyer.Name, o.Buyer.NameZH, l["buyer_signature"].String()} {
		for _, w := range strings.Fields(s) {
			sigWords[w] = true
		}
	}
	for i, p := range ps {
		alone := true
		for _, w := range p.body() {
			if !sigWords[w.text] {
				alone = false
				break
			}
		}
		if alone {
			t.Errorf("page %d holds only the signature block", i+1)
		}
	}

	// The bank block, the payment terms and the totals are each on one
	// page.
	together := func(what string, phrases ...string) {
		t.Helper()
		var first []int
		for _, ph := range phrases {
			at := pagesWith(ps, ph)
			if len(at) == 0 {
				t.Errorf("%s: %q not found", what, ph)
				return
			}
			if first == nil {
				first = at
			}
			if !overlaps(first, at) {
				t.Errorf("%s split: %q on pages %v, %q on pages %v", what, phrases[0], first, ph, at)
			}
		}
	}
	if doc == Proforma {
		terms := []string{l["payment_terms"].ZH}
		for _, st := range tot.Stages() {
			terms = append(terms, st.Percent.String()+"%:", fmt.Sprintf("%sPCT", st.Percent))
		}
		together("payment terms", terms...)
		bank := []string{l["bank"].ZH, l["beneficiary"].ZH}
		for _, v := range []string{o.Bank.Account, o.Bank.SWIFT, o.Bank.CNAPS, o.Bank.Name} {
			if v != "" {
				bank = append(bank, v)
			}
		}
		together("bank block", bank...)
	}
	last := o.Items[len(o.Items)-1]
	totals := []string{l["total"].ZH, cur.Format(tot.Total), last.DescriptionEN}
	if len(o.Charges) > 0 {
		totals = append(totals, l["goods_total"].ZH, cur.Format(tot.Goods))
		for _, c := range o.Charges {
			totals = append(totals, c.DescriptionZH, cur.Format(c.Amount))
		}
	}
	if doc == Commercial && o.DepositReceived != nil {
		totals = append(totals, l["balance_due"].ZH, cur.Format(tot.Due))
	}
	together("totals", totals...)

	// Nothing is cut: every copy of a repeated mark in a description is
	// there.
	for _, it := range o.Items {
		if n := strings.Count(it.DescriptionEN, "WORD-MARK"); n > 0 {
			got := 0
			for _, p := range ps {
				for _, w := range p.words {
					if w.text == "WORD-MARK" {
						got++
					}
				}
			}
			if got != n {
				t.Errorf("description has %d WORD-MARK, the PDF %d", n, got)
			}
		}
	}

	// Figures are whole words (never broken inside the value).
	for i, it := range o.Items {
		for _, v := range []string{cur.Format(tot.Lines[i]), formatPrice(it.UnitPrice, cur), formatQuantity(it.Quantity)} {
			if len(pagesWith(ps, v)) == 0 {
				t.Errorf("line %d: figure %q is not a whole word on any page", i+1, v)
			}
		}
	}

	// No column without a value in any line: its heading is not there.
	some := func(f func(it *invoice.Item) bool) bool {
		for i := range o.Items {
			if f(&o.Items[i]) {
				return true
			}
		}
		return false
	}
	optional := map[string]bool{
		l["col_hs_code"].ZH:      doc == Commercial && some(func(it *invoice.Item) bool { return it.HSCode != "" }),
		l["col_cartons"].ZH:      doc == Commercial && some(func(it *invoice.Item) bool { return it.Cartons != nil }),
		l["col_net_weight"].ZH:   doc == Commercial && some(func(it *invoice.Item) bool { return it.NetWeightKG != nil }),
		l["col_gross_weight"].ZH: doc == Commercial && some(func(it *invoice.Item) bool { return it.GrossWeightKG != nil }),
		l["col_unit"].ZH:         some(func(it *invoice.Item) bool { return it.Unit != "" }),
	}
	if doc == Proforma {
		optional["Specification"] = some(func(it *invoice.Item) bool { return it.Spec != "" })
	}
	for head, wanted := range optional {
		if got := len(pagesWith(ps, head)) > 0; got != wanted {
			t.Errorf("column heading %q present = %v, want %v (a column is there if and only if a line has a value)", head, got, wanted)
		}
	}

	// Decimal points line up: the unit prices with the column's most
	// decimals end at one x; those with fewer end further left.
	maxDec := 0
	for _, it := range o.Items {
		maxDec = max(maxDec, decimalsIn(formatPrice(it.UnitPrice, cur)))
	}
	p0 := ps[pagesWith(ps, l["col_unit_price"].ZH)[0]]
	rightEdge := map[int][]float64{}
	for _, it := range o.Items {
		s := formatPrice(it.UnitPrice, cur)
		for _, w := range p0.body() {
			if w.text == s && w.yMin > 100 {
				rightEdge[decimalsIn(s)] = append(rightEdge[decimalsIn(s)], w.xMax)
			}
		}
	}
	for dec, xs := range rightEdge {
		for _, x := range xs {
			if dec == maxDec && math.Abs(x-xs[0]) > 0.2 {
				t.Errorf("unit prices with %d decimals end at %.2f and %.2f", dec, xs[0], x)
			}
			if ref := rightEdge[maxDec]; dec < maxDec && len(ref) > 0 && x >= ref[0]-1 {
				t.Errorf("a unit price with %d decimals ends at %.2f, not left of those with %d (%.2f)", dec, x, maxDec, ref[0])
			}
		}
	}

	// An order of up to 5 usual lines is one page.
	if len(o.Items) <= 5 && usual && len(ps) != 1 {
		t.Errorf("%d usual lines on %d pages, want 1", len(o.Items), len(ps))
	}
}

func overlaps(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
