package invoice

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// packingCols are the columns of the packing test order's Items sheet.
var packingCols = map[string]string{
	"quantity": "F", "cartons": "J", "qty_per_carton": "K", "last_carton_qty": "L", "carton_size_cm": "M",
	"net_weight_kg": "N", "gross_weight_kg": "O", "cbm": "P", "carton_no": "Q",
	"net_weight_per_carton_kg": "R", "gross_weight_per_carton_kg": "S",
}

// packingLine is an item line with packing figures; empty strings are
// cells left blank.
func packingLine(row, desc, qty, cartons, perCarton, size, nw, gw, cbm, cartonNo string) Item {
	where := map[string]Location{}
	for k, c := range packingCols {
		where[k] = Location{File: "pl.xlsx", Sheet: "Items", Cell: c + row}
	}
	opt := func(s string) *decimal.Decimal {
		if s == "" {
			return nil
		}
		return DecimalPtr(d(s))
	}
	return Item{DescriptionEN: desc, Quantity: d(qty), Unit: "pcs", UnitPrice: d("1.25"),
		Cartons: opt(cartons), QtyPerCarton: opt(perCarton), CartonSize: size,
		NetWeightKG: opt(nw), GrossWeightKG: opt(gw), CBM: opt(cbm), CartonNo: cartonNo,
		Where: where, Source: Location{File: "pl.xlsx", Sheet: "Items", Cell: "A" + row}}
}

// packedOrder is a valid three-line order with full packing data: 24, 60
// and 40 cartons, 124 in all.
func packedOrder() *Order {
	o := sampleOrder()
	o.Items = []Item{
		packingLine("2", "LED desk lamp", "480", "24", "20", "60x40x35", "240", "264", "2.016", ""),
		packingLine("3", "USB-C cable 1 m", "6000", "60", "100", "50*30*30", "300", "330", "", ""),
		packingLine("4", "Phone stand", "800", "40", "20", "40×30×25 cm", "320", "352", "1.2", ""),
	}
	return o
}

func TestParseCartonSize(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means an error
	}{
		{"60x40x35", "60×40×35"},
		{"60*40*35", "60×40×35"},
		{"60×40×35 cm", "60×40×35"},
		{"60 X 40 X 35CM", "60×40×35"},
		{"62.5x41x30.5", "62.5×41×30.5"},
		{"６０＊４０＊３５", "60×40×35"},
		{"60x40", ""},
		{"60x40x0", ""},
		{"60x40x-35", ""},
		{"24 x 16 x 14 in", ""},
		{"big box", ""},
		{"1e-999999999x1x1", ""},
		{"1e3x40x35", ""},
	}
	for _, tt := range tests {
		s, err := ParseCartonSize(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseCartonSize(%q) = %s, want an error", tt.in, s)
		case tt.want != "" && err != nil:
			t.Errorf("ParseCartonSize(%q): %v", tt.in, err)
		case tt.want != "" && s.String() != tt.want:
			t.Errorf("ParseCartonSize(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
	s, _ := ParseCartonSize("60x40x35")
	if got := s.Volume().String(); got != "0.084" {
		t.Errorf("volume of 60×40×35 cm = %s m³, want 0.084", got)
	}
}

func TestParseCartonRange(t *testing.T) {
	tests := []struct {
		in       string
		from, to int // 0, 0: an error
	}{
		{"1-24", 1, 24},
		{"25~84", 25, 84},
		{"85 to 124", 85, 124},
		{"85–124", 85, 124},
		{"1至10", 1, 10},
		{"7", 7, 7},
		{"C/NO. 1-24", 1, 24},
		{"24-1", 0, 0},
		{"0-5", 0, 0},
		{"1-24-30", 0, 0},
		{"A-B", 0, 0},
	}
	for _, tt := range tests {
		r, err := ParseCartonRange(tt.in)
		if tt.from == 0 {
			if err == nil {
				t.Errorf("ParseCartonRange(%q) = %s, want an error", tt.in, r)
			}
			continue
		}
		if err != nil || r.From != tt.from || r.To != tt.to {
			t.Errorf("ParseCartonRange(%q) = %v, %v; want %d-%d", tt.in, r, err, tt.from, tt.to)
		}
	}
}

func TestPackingComputesRangesWeightsAndVolume(t *testing.T) {
	o := packedOrder()
	p := o.Packing()
	wantRanges := []string{"1-24", "25-84", "85-124"}
	for i, pl := range p.Lines {
		if pl.Range.String() != wantRanges[i] {
			t.Errorf("line %d cartons %s, want %s", i+1, pl.Range, wantRanges[i])
		}
	}
	// Line 2 gives no CBM: 0.045 m³ × 60 = 2.7.
	if c := p.Lines[1].CBM; c == nil || c.StringFixed(3) != "2.700" {
		t.Errorf("line 2 CBM %v, want 2.700 from its carton size", c)
	}
	// Per-carton weights divide exactly: 240 / 24 = 10, 264 / 24 = 11.
	if n, g := p.Lines[0].NetPerCarton, p.Lines[0].GrossPerCarton; n == nil || g == nil || n.String() != "10" || g.String() != "11" {
		t.Errorf("line 1 per carton N.W. %v G.W. %v, want 10 and 11", n, g)
	}
	checks := []struct {
		what string
		got  decimal.Decimal
		want string
	}{
		{"cartons", p.Cartons, "124"},
		{"quantity", p.Quantity, "7280"},
		{"net weight", p.NetKG, "860"},
		{"gross weight", p.GrossKG, "946"},
		{"CBM", p.CBM, "5.916"},
	}
	for _, c := range checks {
		if c.got.String() != c.want {
			t.Errorf("total %s = %s, want %s", c.what, c.got, c.want)
		}
	}
	// The CI's totals are these same figures.
	tot := o.Totals()
	if !tot.Cartons.Equal(p.Cartons) || !tot.NetWeightKG.Equal(p.NetKG) || !tot.GrossWeightKG.Equal(p.GrossKG) || !tot.CBM.Equal(p.CBM) {
		t.Errorf("Totals %s ctns %s/%s kg %s m³ differ from Packing", tot.Cartons, tot.NetWeightKG, tot.GrossWeightKG, tot.CBM)
	}
	if ps := o.Validate(); len(ps) != 0 {
		t.Errorf("valid packed order: %v", ps)
	}
}

func TestPackingMixedCartonCountedOnce(t *testing.T) {
	o := packedOrder()
	// Lines 2 and 3 share cartons 25-34: 10 mixed cartons, each holding 100
	// cables and 20 stands.
	o.Items[1] = packingLine("3", "USB-C cable 1 m", "1000", "10", "100", "50x30x30", "50", "58", "", "25-34")
	o.Items[2] = packingLine("4", "Phone stand", "200", "", "20", "", "80", "84", "", "25-34")
	o.Items[0].CartonNo = "1-24"
	p := o.Packing()
	if got := p.Cartons.String(); got != "34" {
		t.Errorf("cartons %s, want 34: the mixed cartons count once", got)
	}
	if !p.Lines[1].Mixed || !p.Lines[2].Mixed || !p.Lines[1].First || p.Lines[2].First {
		t.Errorf("mixed flags: %+v %+v", p.Lines[1], p.Lines[2])
	}
	if p.Lines[2].CBM != nil || p.Lines[1].CBM == nil || p.Lines[1].CBM.StringFixed(3) != "0.450" {
		t.Errorf("mixed group CBM %v / %v, want 0.450 once", p.Lines[1].CBM, p.Lines[2].CBM)
	}
	if got := p.CBM.StringFixed(3); got != "2.466" {
		t.Errorf("total CBM %s, want 2.016 + 0.450 = 2.466", got)
	}
	if ps := o.Validate(); len(ps) != 0 {
		t.Errorf("valid mixed carton: %v", ps)
	}
	// Both lines of the mixed carton may state its 10 cartons: still 34.
	o.Items[2].Cartons = DecimalPtr(d("10"))
	if got := o.Packing().Cartons.String(); got != "34" {
		t.Errorf("cartons %s with the count on both lines, want 34", got)
	}
	if ps := o.Validate(); len(ps) != 0 {
		t.Errorf("mixed carton with the count on both lines: %v", ps)
	}
}

func TestPackingPerCartonWeights(t *testing.T) {
	o := packedOrder()
	it := &o.Items[0]
	it.NetWeightKG, it.GrossWeightKG = nil, nil
	it.NetWeightPerCartonKG, it.GrossWeightPerCartonKG = DecimalPtr(d("10.5")), DecimalPtr(d("11.25"))
	p := o.Packing()
	if n, g := p.Lines[0].Net, p.Lines[0].Gross; n.String() != "252" || g.String() != "270" {
		t.Errorf("line weights %s/%s, want 24 × 10.5 = 252 and 24 × 11.25 = 270", n, g)
	}
	if ps := o.Validate(); len(ps) != 0 {
		t.Errorf("per-carton weights: %v", ps)
	}
	// 250 kg over 24 cartons is 10.41666… kg: not printed as a carton's weight.
	it.NetWeightPerCartonKG, it.NetWeightKG = nil, DecimalPtr(d("250"))
	if n := o.Packing().Lines[0].NetPerCarton; n != nil {
		t.Errorf("N.W. per carton %s printed for an inexact average", n)
	}
}

func TestValidatePacking(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(o *Order)
		cell  string
		kind  error
		sev   Severity
		want  string
	}{
		{"a carton short of the quantity", func(o *Order) { o.Items[0].Quantity = d("470") }, "K2", ErrPacking, Error, "24 × 20 = 480 differs from quantity 470"},
		{"last partial carton stated", func(o *Order) {
			o.Items[0].Quantity = d("470")
			o.Items[0].LastCartonQty = DecimalPtr(d("10"))
		}, "", nil, Error, ""},
		{"last carton as full as the others", func(o *Order) { o.Items[0].LastCartonQty = DecimalPtr(d("20")) }, "L2", ErrPacking, Error, "not a partial carton"},
		{"gross lighter than net", func(o *Order) { o.Items[1].GrossWeightKG = DecimalPtr(d("290")) }, "O3", ErrPacking, Error, "less than net weight 300"},
		{"net weight zero", func(o *Order) { o.Items[2].NetWeightKG = DecimalPtr(d("0")) }, "N4", ErrPacking, Error, "not more than 0"},
		{"CBM disagrees with the carton size", func(o *Order) { o.Items[0].CBM = DecimalPtr(d("2.1")) }, "P2", ErrPacking, Error, "= 2.016 m³"},
		{"CBM rounded per carton", func(o *Order) {
			o.Items[0].CartonSize = "61x41x36" // 0.090036 m³: 0.090 × 24 = 2.160, exact 2.161
			o.Items[0].CBM = DecimalPtr(d("2.16"))
		}, "", nil, Error, ""},
		{"unreadable carton size", func(o *Order) { o.Items[1].CartonSize = "50x30" }, "M3", ErrPacking, Error, "not a carton size"},
		{"fractional cartons", func(o *Order) { o.Items[2].Cartons = DecimalPtr(d("40.5")) }, "J4", ErrPacking, Error, "whole number"},
		{"a line without cartons", func(o *Order) { o.Items[2].Cartons = nil }, "J4", ErrPacking, Error, "no cartons"},
		{"carton ranges with a gap", func(o *Order) {
			o.Items[0].CartonNo, o.Items[1].CartonNo, o.Items[2].CartonNo = "1-24", "26-85", "86-125"
		}, "Q3", ErrCartonNo, Error, "start at 25"},
		{"carton ranges overlapping", func(o *Order) {
			o.Items[0].CartonNo, o.Items[1].CartonNo, o.Items[2].CartonNo = "1-24", "20-79", "80-119"
		}, "Q3", ErrCartonNo, Error, "overlaps cartons 1-24"},
		{"range not the carton count", func(o *Order) {
			o.Items[0].CartonNo, o.Items[1].CartonNo, o.Items[2].CartonNo = "1-24", "25-80", "81-120"
		}, "Q3", ErrCartonNo, Error, "numbers 56 cartons but cartons (J3) says 60"},
		{"carton range turned into a date by Excel", func(o *Order) {
			o.Items[0].CartonNo, o.Items[1].CartonNo, o.Items[2].CartonNo = "45315", "25-84", "85-124"
		}, "Q2", ErrCartonNo, Error, "looks like a date"},
		{"one line not numbered", func(o *Order) { o.Items[0].CartonNo, o.Items[1].CartonNo = "1-24", "25-84" }, "Q4", ErrCartonNo, Error, "e.g. 85-124"},
		{"per-carton and line weight disagree", func(o *Order) { o.Items[0].NetWeightPerCartonKG = DecimalPtr(d("9")) }, "N2", ErrPacking, Error, "differs from net_weight_per_carton_kg × cartons"},
		{"per-carton gross under per-carton net", func(o *Order) {
			it := &o.Items[1]
			it.NetWeightKG, it.GrossWeightKG = nil, nil
			it.NetWeightPerCartonKG, it.GrossWeightPerCartonKG = DecimalPtr(d("5")), DecimalPtr(d("4.8"))
		}, "S3", ErrPacking, Error, "gross weight 288 kg is less than net weight 300 kg (R3)"},
		{"mixed cartons of two sizes", func(o *Order) {
			o.Items[1] = packingLine("3", "USB-C cable", "1000", "10", "100", "50x30x30", "50", "58", "", "25-34")
			o.Items[2] = packingLine("4", "Phone stand", "200", "", "20", "40x30x25", "80", "84", "", "25-34")
			o.Items[0].CartonNo = "1-24"
		}, "M4", ErrPacking, Error, "although the lines share cartons 25-34"},
		{"Amazon consignee, heavy carton", func(o *Order) {
			o.Consignee = Party{Name: "Amazon.com Services LLC (ONT8)", Address: "24300 Nandina Ave, Moreno Valley, CA 92551"}
			o.Items[2].GrossWeightKG = DecimalPtr(d("1000")) // 25 kg a carton
		}, "O4", ErrFBA, Warning, "over Amazon FBA's 22.7 kg"},
		{"Amazon consignee, long carton", func(o *Order) {
			o.Consignee = Party{Name: "FBA warehouse LGB8"}
			o.Items[0].CartonSize, o.Items[0].CBM = "65x40x35", nil
		}, "M2", ErrFBA, Warning, "63.5 cm"},
		{"heavy carton to a forwarder is no FBA matter", func(o *Order) {
			o.Consignee = Party{Name: "Pacific Gateway Logistics"}
			o.Items[2].GrossWeightKG = DecimalPtr(d("1000"))
		}, "", nil, Error, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := packedOrder()
			tt.spoil(o)
			ps := o.Validate()
			if tt.cell == "" {
				if len(ps) != 0 {
					t.Fatalf("want no problem, got %v", ps)
				}
				return
			}
			if len(ps) != 1 {
				t.Fatalf("want one problem, got %d: %v", len(ps), ps)
			}
			p := ps[0]
			if p.Where.Cell != tt.cell || !errors.Is(p, tt.kind) || p.Severity != tt.sev || !strings.Contains(p.Message, tt.want) {
				t.Errorf("got %s (%v, %v), want %s %s containing %q", p.Error(), p.Kind, p.Severity, tt.cell, tt.sev, tt.want)
			}
			if !strings.Contains(p.Message, "PL-") {
				t.Errorf("message cites no rule: %s", p.Message)
			}
		})
	}
}

func TestFBAProblemsOnRequest(t *testing.T) {
	o := packedOrder()
	o.Items[2].GrossWeightKG = DecimalPtr(d("1000"))
	if ps := o.Validate(); len(ps) != 0 {
		t.Fatalf("no Amazon consignee, no FBA check: %v", ps)
	}
	ps := o.FBAProblems()
	if len(ps) != 1 || ps[0].Severity != Warning || ps[0].Where.Cell != "O4" || !strings.Contains(ps[0].Message, "25 kg") {
		t.Errorf("--fba: %v", ps)
	}
}

func TestPackagesInWords(t *testing.T) {
	tests := []struct {
		n      int
		kind   string
		en, zh string
	}{
		{124, "", "SAY ONE HUNDRED TWENTY-FOUR CARTONS ONLY", "壹佰贰拾肆箱"},
		{1, "cartons", "SAY ONE CARTON ONLY", "壹箱"},
		{10, "CTNS", "SAY TEN CARTONS ONLY", "壹拾箱"},
		{3, "pallets", "SAY THREE PALLETS ONLY", "叁托"},
		{2005, "托盘", "SAY TWO THOUSAND FIVE PALLETS ONLY", "贰仟零伍托"},
		{40, "bags", "SAY FORTY BAGS ONLY", "肆拾袋"},
		{6, "wooden crates", "SAY SIX WOODEN CRATES ONLY", "陆件"},
	}
	for _, tt := range tests {
		en, zh := PackagesInWords(tt.n, tt.kind)
		if en != tt.en || zh != tt.zh {
			t.Errorf("PackagesInWords(%d, %q) = %q, %q; want %q, %q", tt.n, tt.kind, en, zh, tt.en, tt.zh)
		}
	}
}

// FuzzPackingCells feeds carton sizes and ranges as users type them:
// parsing never panics, and what it accepts prints back to the same value.
func FuzzPackingCells(f *testing.F) {
	for _, s := range []string{"60x40x35", "60*40*35", "60×40×35 cm", "1-24", "85 to 124", "7", "1e5x1x1", "C/NO. 1-24"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, err := ParseCartonSize(s); err == nil {
			back, err := ParseCartonSize(c.String())
			if err != nil || back.String() != c.String() || c.Longest().GreaterThan(decimal.NewFromInt(10000)) {
				t.Errorf("%q → %s → %v, %v", s, c, back, err)
			}
		}
		if r, err := ParseCartonRange(s); err == nil {
			back, err := ParseCartonRange(r.String())
			if err != nil || back != r || r.Count() < 1 {
				t.Errorf("%q → %s → %v, %v", s, r, back, err)
			}
		}
	})
}

func TestCartonRangesOutOfLineOrder(t *testing.T) {
	o := packedOrder()
	o.Items[0].CartonNo, o.Items[1].CartonNo, o.Items[2].CartonNo = "41-64", "65-124", "1-40"
	ps := o.Validate()
	if len(ps) != 2 || ps[0].Where.Cell != "Q2" || !strings.Contains(ps[0].Message, "expected it to start at 1") ||
		ps[1].Where.Cell != "Q4" || !strings.Contains(ps[1].Message, "carton numbers run in line order") {
		t.Errorf("got %v", ps)
	}
}

// A month's consolidated shipment of 20,000 lines, one carton each, is
// numbered and checked in one pass over the lines.
func TestPackingOfManyLines(t *testing.T) {
	o := packedOrder()
	base := o.Items[0]
	o.Items = make([]Item, 20000)
	for i := range o.Items {
		it := base
		it.Quantity, it.Cartons, it.QtyPerCarton = d("20"), DecimalPtr(d("1")), DecimalPtr(d("20"))
		it.NetWeightKG, it.GrossWeightKG, it.CBM = DecimalPtr(d("10")), DecimalPtr(d("11")), nil
		it.CartonNo = fmt.Sprintf("%d", i+1)
		o.Items[i] = it
	}
	if ps := o.Validate(); len(ps) != 0 {
		t.Fatalf("%d problems, first %v", len(ps), ps[0])
	}
	p := o.Packing()
	if p.Cartons.String() != "20000" || p.CBM.String() != "1680" || p.Lines[19999].Range.String() != "20000" {
		t.Errorf("%s cartons, %s m³, last %s", p.Cartons, p.CBM, p.Lines[19999].Range)
	}
}

// BenchmarkPacking computes the packing list of a 20-line order as a
// supplier fills it in: cartons, line weights (divided back to a carton's
// weight), carton sizes (giving the volume) and, on every fourth line, a
// stated CBM.
func BenchmarkPacking(b *testing.B) {
	o := benchPackedOrder()
	b.ReportAllocs()
	for b.Loop() {
		if p := o.Packing(); !p.HasCBM || p.Cartons.IntPart() != 20*24 {
			b.Fatalf("packing: %s cartons", p.Cartons)
		}
	}
}

// benchPackedOrder is a 20-line order of 24 cartons a line with weights
// and carton sizes.
func benchPackedOrder() *Order {
	o := &Order{Currency: MustCurrency("USD"), Charges: []Charge{{DescriptionEN: "Freight", Amount: d("486")}}}
	for i := range 20 {
		it := Item{DescriptionEN: "Item", Quantity: d("480"), UnitPrice: d("12.35"), Cartons: DecimalPtr(d("24")),
			NetWeightKG: DecimalPtr(d("240")), GrossWeightKG: DecimalPtr(d("264.6")), CartonSize: "60x40x35"}
		if i%4 == 3 {
			it.CBM = DecimalPtr(d("2.016"))
		}
		o.Items = append(o.Items, it)
	}
	return o
}

// BenchmarkPackingNumbered is BenchmarkPacking on an order that numbers
// its cartons (1-24, 25-48 …) and gives each line its own carton size.
func BenchmarkPackingNumbered(b *testing.B) {
	o := benchPackedOrder()
	for i := range o.Items {
		it := &o.Items[i]
		it.CartonNo = fmt.Sprintf("%d-%d", 24*i+1, 24*i+24)
		it.CartonSize = fmt.Sprintf("%dx40x35", 40+i)
	}
	b.ReportAllocs()
	for b.Loop() {
		if p := o.Packing(); !p.HasCBM || p.Cartons.IntPart() != 20*24 {
			b.Fatalf("packing: %s cartons", p.Cartons)
		}
	}
}
