package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
)

// figure writes a packing figure as the documents print it: thousands
// separators, the decimals it has (1,579.6, 0.125).
func figure(d decimal.Decimal) string {
	places := int32(0)
	if s := d.String(); strings.Contains(s, ".") {
		places = int32(len(s) - strings.IndexByte(s, '.') - 1)
	}
	return invoice.Currency{MinorUnits: places}.Format(d)
}

// layoutText is pdftotext -layout's text of a PDF, which keeps a table
// row on one line.
func layoutText(t *testing.T, path string) string {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -layout %s: %v", path, err)
	}
	return string(out)
}

// TestPackingListOfEveryExample generates the examples and reads every
// packing list back: each field of the order and each packing figure is
// on it, no price or amount of money is, and its totals are exactly the
// CI's.
func TestPackingListOfEveryExample(t *testing.T) {
	out := t.TempDir()
	if code, stdout, stderr := runCmd(t, nil, "generate", "../../examples", "-o", out, "--quiet"); code != exitOK {
		t.Fatalf("generate: exit %d\n%s%s", code, stdout, stderr)
	}
	orders, ps := batch.Load([]string{"../../examples"}, batch.LoadOptions{Covers: fonts.Regular().Covers})
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	packed, mixed := 0, 0
	for _, o := range orders {
		pl := filepath.Join(out, batch.SafeName(o.OrderNo)+"-PL.pdf")
		if !o.HasPacking() {
			if _, err := os.Stat(pl); err == nil {
				t.Errorf("%s has no packing data but got a packing list", o.OrderNo)
			}
			continue
		}
		packed++
		t.Run(o.OrderNo, func(t *testing.T) {
			text := pdfText(t, pl)
			flat := squash(text)
			p := o.Packing()
			date := o.CIDate
			if date.IsZero() {
				date = o.PIDate
			}
			s := o.Shipment
			en, zh := invoice.PackagesInWords(int(p.Cartons.IntPart()), s.PackageType)
			want := []string{"PACKING LIST", "装箱单", o.InvoiceNo(), date.String(), o.OrderNo, o.ContractNo,
				o.Seller.Name, o.Seller.NameZH, o.Seller.Address, o.Seller.AddressZH, o.Buyer.Name, o.Buyer.Address,
				o.Consignee.Name, o.Consignee.Address, s.PortOfLoading, s.PortOfDischarge, s.Vessel, s.TrackingNo,
				s.ShippingMarks, s.Packing, en, zh}
			for _, l := range p.Lines {
				it := l.Item
				want = append(want, l.Range.String(), it.DescriptionEN, it.DescriptionZH, it.SKU, figure(it.Quantity), it.Unit)
				for _, v := range []*decimal.Decimal{l.QtyPerCarton, l.NetPerCarton, l.GrossPerCarton, l.Net, l.Gross} {
					if v != nil {
						want = append(want, figure(*v))
					}
				}
				if l.First {
					want = append(want, figure(l.Cartons))
					if l.Size != nil {
						want = append(want, l.Size.String())
					}
				}
				if l.CBM != nil {
					want = append(want, l.CBM.StringFixed(3))
				}
			}
			for _, w := range want {
				if strings.TrimSpace(w) != "" && !strings.Contains(flat, squash(w)) {
					t.Errorf("packing list lacks %q", w)
				}
			}

			// No price, amount, currency or money caption anywhere.
			tot := o.Totals()
			tokens := map[string]bool{}
			for _, f := range strings.Fields(layoutText(t, pl)) {
				tokens[f] = true
			}
			money := []string{o.Currency.Code, o.Currency.Format(tot.Total), o.Currency.Format(tot.Goods)}
			for i, it := range o.Items {
				money = append(money, o.Currency.Format(tot.Lines[i]), it.UnitPrice.String(), o.Currency.Format(it.UnitPrice))
			}
			for _, m := range money {
				if tokens[m] {
					t.Errorf("packing list prints %q, a price or amount of the order", m)
				}
			}
			for _, caption := range []string{"单价", "金额", "Unit Price", "Amount", "SAY TOTAL", "大写金额", "Deposit", "定金"} {
				if strings.Contains(text, caption) {
					t.Errorf("packing list prints the money caption %q", caption)
				}
			}

			// Its totals row against the CI's packing totals and the domain's.
			var row []string
			for _, line := range strings.Split(layoutText(t, pl), "\n") {
				if strings.Contains(line, "Total 合计") {
					row = strings.Fields(line)
				}
			}
			var nums []decimal.Decimal
			for _, f := range row {
				if d, err := decimal.NewFromString(strings.ReplaceAll(f, ",", "")); err == nil {
					nums = append(nums, d)
				}
			}
			plTotals := map[string]decimal.Decimal{}
			keys := []string{"cartons", "quantity"}
			has := map[string]bool{"net": p.HasNet, "gross": p.HasGross, "cbm": p.HasCBM}
			for _, k := range []string{"net", "gross", "cbm"} {
				if has[k] {
					keys = append(keys, k)
				}
			}
			if len(nums) != len(keys) {
				t.Fatalf("totals row %q: %d figures, want %d (%v)", row, len(nums), len(keys), keys)
			}
			for i, k := range keys {
				plTotals[k] = nums[i]
			}
			ci := squash(pdfText(t, filepath.Join(out, batch.SafeName(o.OrderNo)+"-CI.pdf")))
			// The CI's lines carry the PL's weights, also those given per carton.
			for _, l := range p.Lines {
				for _, w := range []*decimal.Decimal{l.Net, l.Gross} {
					if w != nil && !strings.Contains(ci, figure(*w)) {
						t.Errorf("CI lacks the weight %s of line %s", figure(*w), l.Item.LineNo)
					}
				}
			}
			for _, c := range []struct {
				key, ciLabel string
				domain       decimal.Decimal
			}{
				{"cartons", "总箱数", p.Cartons},
				{"quantity", "", p.Quantity},
				{"net", "总净重（千克）", p.NetKG},
				{"gross", "总毛重（千克）", p.GrossKG},
				{"cbm", "总体积（立方米）", p.CBM},
			} {
				got, ok := plTotals[c.key]
				if !ok {
					continue
				}
				if !got.Equal(c.domain) {
					t.Errorf("PL total %s %s, the order's packing says %s", c.key, got, c.domain)
				}
				if c.ciLabel == "" {
					continue
				}
				// The CI's packing totals are a grid whose reading order
				// pdftotext may interleave: the caption and the PL's figure,
				// as the CI writes figures, must both be there.
				if !strings.Contains(ci, c.ciLabel) || !strings.Contains(ci, withThousands(got)) {
					t.Errorf("CI prints no %s total of %s", c.ciLabel, withThousands(got))
				}
			}
		})
		for _, l := range o.Packing().Lines {
			if l.Mixed {
				mixed++
			}
		}
	}
	if packed < 2 || mixed == 0 {
		t.Errorf("examples: %d orders with packing data, %d lines in mixed cartons; want at least 2 and one mixed carton", packed, mixed)
	}
}

// Asking for packing lists of orders without packing data is an error that
// names the order, in check as in generate; the other orders are issued.
func TestDocsPLWithoutPackingData(t *testing.T) {
	in := t.TempDir()
	copyFile(t, "../../examples/orders.csv", filepath.Join(in, "orders.csv"))
	copyFile(t, "../../examples/packing-mixed-carton.xlsx", filepath.Join(in, "packing.xlsx"))
	code, stdout, _ := runCmd(t, nil, "check", "--docs", "pi,ci,pl", in)
	if code != exitFail || !strings.Contains(stdout, "order CSV-24-201 has no packing data") {
		t.Errorf("check --docs pl: exit %d\n%s", code, stdout)
	}
	out := t.TempDir()
	code, _, stderr := runCmd(t, nil, "generate", "--docs", "pi,ci,pl", "-o", out, "-q", in)
	if code != exitFail || !strings.Contains(stderr, "order CSV-24-202 has no packing data") {
		t.Errorf("generate --docs pl: exit %d\n%s", code, stderr)
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(pdfs) != 3 {
		t.Errorf("%d PDFs, want the packed order's PI, CI and PL: %v", len(pdfs), pdfs)
	}
	code, _, _ = runCmd(t, nil, "generate", "--docs", "pl", "-o", t.TempDir(), "-q", filepath.Join(in, "packing.xlsx"))
	if code != exitOK {
		t.Errorf("generate --docs pl of a packed order: exit %d", code)
	}
}

// --fba checks cartons against Amazon's limits for any consignee: the
// multi-order example packs bamboo boards 25.6 kg to the carton.
func TestFBAFlag(t *testing.T) {
	const f = "../../examples/multi-order.xlsx"
	if code, stdout, _ := runCmd(t, nil, "check", f); code != exitOK || strings.Contains(stdout, "FBA") {
		t.Errorf("without --fba: exit %d\n%s", code, stdout)
	}
	code, stdout, _ := runCmd(t, nil, "check", "--fba", f)
	if code != exitOK || !strings.Contains(stdout, "multi-order.xlsx!Items!L4: warning: a carton weighs 25.6 kg gross") {
		t.Errorf("with --fba: exit %d\n%s", code, stdout)
	}
}

// withThousands writes a figure as the documents do: 1,579.6.
func withThousands(d decimal.Decimal) string {
	s := d.String()
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
