package invoice

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// The packing list and the totals are computed in machine words where the
// figures fit (smalldecimal.go); these tests hold them to the arithmetic
// they replaced (arith_ref_test.go): every figure the same value with the
// same exponent, so every document prints the same digits.

// sameDecimal reports whether a and b are the same value with the same
// exponent.
func sameDecimal(a, b decimal.Decimal) bool {
	return a.Equal(b) && a.Exponent() == b.Exponent() && a.String() == b.String()
}

func samePtr(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return sameDecimal(*a, *b)
}

func showPtr(p *decimal.Decimal) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprintf("%s(e%d)", p, p.Exponent())
}

// diffPacking lists how the packing lists got and want differ.
func diffPacking(got, want PackingList) []string {
	var d []string
	sums := []struct {
		name       string
		g, w       decimal.Decimal
		gHas, wHas bool
	}{
		{"cartons", got.Cartons, want.Cartons, got.HasCartons, want.HasCartons},
		{"quantity", got.Quantity, want.Quantity, true, true},
		{"net", got.NetKG, want.NetKG, got.HasNet, want.HasNet},
		{"gross", got.GrossKG, want.GrossKG, got.HasGross, want.HasGross},
		{"cbm", got.CBM, want.CBM, got.HasCBM, want.HasCBM},
	}
	for _, s := range sums {
		if !sameDecimal(s.g, s.w) || s.gHas != s.wHas {
			d = append(d, fmt.Sprintf("total %s %s(e%d) %v, want %s(e%d) %v", s.name, s.g, s.g.Exponent(), s.gHas, s.w, s.w.Exponent(), s.wHas))
		}
	}
	if len(got.Lines) != len(want.Lines) {
		return append(d, fmt.Sprintf("%d lines, want %d", len(got.Lines), len(want.Lines)))
	}
	for i := range got.Lines {
		g, w := got.Lines[i], want.Lines[i]
		if g.Item != w.Item || g.Range != w.Range || g.Group != w.Group || g.Mixed != w.Mixed || g.First != w.First {
			d = append(d, fmt.Sprintf("line %d: range %v group %d mixed %v first %v, want %v %d %v %v", i, g.Range, g.Group, g.Mixed, g.First, w.Range, w.Group, w.Mixed, w.First))
		}
		if !sameDecimal(g.Cartons, w.Cartons) {
			d = append(d, fmt.Sprintf("line %d: cartons %s, want %s", i, g.Cartons, w.Cartons))
		}
		for _, f := range []struct {
			name string
			g, w *decimal.Decimal
		}{
			{"qty per carton", g.QtyPerCarton, w.QtyPerCarton}, {"net", g.Net, w.Net}, {"gross", g.Gross, w.Gross},
			{"net per carton", g.NetPerCarton, w.NetPerCarton}, {"gross per carton", g.GrossPerCarton, w.GrossPerCarton}, {"cbm", g.CBM, w.CBM},
		} {
			if !samePtr(f.g, f.w) {
				d = append(d, fmt.Sprintf("line %d: %s %s, want %s", i, f.name, showPtr(f.g), showPtr(f.w)))
			}
		}
		if (g.Size == nil) != (w.Size == nil) || g.Size != nil &&
			(!sameDecimal(g.Size.L, w.Size.L) || !sameDecimal(g.Size.W, w.Size.W) || !sameDecimal(g.Size.H, w.Size.H)) {
			d = append(d, fmt.Sprintf("line %d: size %v, want %v", i, g.Size, w.Size))
		}
	}
	return d
}

// diffTotals lists how the totals got and want differ.
func diffTotals(got, want Totals) []string {
	var d []string
	if len(got.Lines) != len(want.Lines) {
		d = append(d, fmt.Sprintf("%d line amounts, want %d", len(got.Lines), len(want.Lines)))
	} else {
		for i := range got.Lines {
			if !sameDecimal(got.Lines[i], want.Lines[i]) {
				d = append(d, fmt.Sprintf("line %d amount %s(e%d), want %s(e%d)", i, got.Lines[i], got.Lines[i].Exponent(), want.Lines[i], want.Lines[i].Exponent()))
			}
		}
	}
	for _, f := range []struct {
		name string
		g, w decimal.Decimal
	}{
		{"goods", got.Goods, want.Goods}, {"charges", got.Charges, want.Charges}, {"total", got.Total, want.Total},
		{"deposit", got.Deposit, want.Deposit}, {"balance", got.Balance, want.Balance},
		{"deposit %", got.DepositPercent, want.DepositPercent}, {"balance %", got.BalancePercent, want.BalancePercent},
		{"received", got.Received, want.Received}, {"due", got.Due, want.Due}, {"quantity", got.Quantity, want.Quantity},
		{"cartons", got.Cartons, want.Cartons}, {"net", got.NetWeightKG, want.NetWeightKG},
		{"gross", got.GrossWeightKG, want.GrossWeightKG}, {"cbm", got.CBM, want.CBM},
	} {
		if !sameDecimal(f.g, f.w) {
			d = append(d, fmt.Sprintf("%s %s(e%d), want %s(e%d)", f.name, f.g, f.g.Exponent(), f.w, f.w.Exponent()))
		}
	}
	if got.HasCartons != want.HasCartons || got.HasNetWeight != want.HasNetWeight || got.HasGross != want.HasGross || got.HasCBM != want.HasCBM {
		d = append(d, fmt.Sprintf("has %v %v %v %v, want %v %v %v %v", got.HasCartons, got.HasNetWeight, got.HasGross, got.HasCBM,
			want.HasCartons, want.HasNetWeight, want.HasGross, want.HasCBM))
	}
	return d
}

// checkAgainstReference fails t when the order's packing list, totals or
// problems differ from the reference arithmetic's.
func checkAgainstReference(t *testing.T, o *Order) {
	t.Helper()
	for _, d := range diffPacking(o.Packing(), o.refPacking()) {
		t.Errorf("Packing: %s", d)
	}
	for _, d := range diffTotals(o.Totals(), o.refTotals()) {
		t.Errorf("Totals: %s", d)
	}
	for _, d := range diffTotals(o.TotalsOf(o.Packing()), o.refTotals()) {
		t.Errorf("TotalsOf: %s", d)
	}
	for i := range o.Items {
		it := &o.Items[i]
		if got, want := it.Amount(o.Currency), o.Currency.Round(it.Quantity.Mul(it.UnitPrice)); !sameDecimal(got, want) {
			t.Errorf("line %d Amount %s(e%d), want %s(e%d)", i, got, got.Exponent(), want, want.Exponent())
		}
	}
}

func opt(s string) *decimal.Decimal {
	if s == "" {
		return nil
	}
	return DecimalPtr(d(s))
}

func TestArithmeticAgreesWithReference(t *testing.T) {
	line := func(qty, price, cartons, cartonNo, size, nw, gw, cbm string) Item {
		return Item{DescriptionEN: "item", Quantity: d(qty), UnitPrice: d(price), Cartons: opt(cartons), CartonNo: cartonNo,
			CartonSize: size, NetWeightKG: opt(nw), GrossWeightKG: opt(gw), CBM: opt(cbm)}
	}
	perCartonLine := func(qty, cartons, nwEach, gwEach string) Item {
		it := line(qty, "1.25", cartons, "", "60x40x35", "", "", "")
		it.NetWeightPerCartonKG, it.GrossWeightPerCartonKG = opt(nwEach), opt(gwEach)
		return it
	}
	tests := []struct {
		name     string
		currency string
		items    []Item
		charges  []string
		percent  string
		received string
		check    func(t *testing.T, tt Totals, p PackingList)
	}{
		{"three lines numbered in order, volume from sizes and stated", "USD", []Item{
			line("480", "12.5", "24", "", "60x40x35", "240", "264", "2.016"),
			line("6000", "0.85", "60", "", "50*30*30", "300", "330", ""),
			line("800", "3.2", "40", "", "40×30×25 cm", "320", "352", "1.2"),
		}, []string{"120"}, "", "", func(t *testing.T, tt Totals, p PackingList) {
			if tt.CBM.String() != "5.916" || tt.Cartons.String() != "124" {
				t.Errorf("cbm %s cartons %s, want 5.916 and 124", tt.CBM, tt.Cartons)
			}
		}},
		{"mixed cartons: two lines share 25-34, size on the second line only", "USD", []Item{
			line("480", "12.5", "24", "1-24", "60x40x35", "240", "264", ""),
			line("1000", "0.85", "10", "25-34", "", "50", "58", ""),
			line("200", "3.2", "", "25-34", "50x30x30", "80", "84", ""),
		}, nil, "", "", func(t *testing.T, tt Totals, p PackingList) {
			if tt.Cartons.String() != "34" || tt.CBM.String() != "2.466" || p.Lines[2].Size == nil || !p.Lines[1].Mixed {
				t.Errorf("cartons %s cbm %s, want 34 and 2.016 + 0.45", tt.Cartons, tt.CBM)
			}
		}},
		{"mixed cartons that are not next to each other", "USD", []Item{
			line("10", "1", "2", "1-2", "10x10x10", "", "", ""),
			line("10", "1", "3", "3-5", "", "", "", "0.5"),
			line("10", "1", "", "1-2", "20x20x20", "", "", "0.125"),
		}, nil, "", "", nil},
		{"ranges going back and overlapping", "USD", []Item{
			line("10", "1", "", "41-64", "", "", "", ""),
			line("10", "1", "", "65-124", "", "", "", ""),
			line("10", "1", "", "1-40", "", "", "", ""),
			line("10", "1", "", "30-50", "", "", "", ""),
			line("10", "1", "", "65-124", "", "", "", ""),
		}, nil, "", "", nil},
		{"a carton range made a date by a spreadsheet program", "USD", []Item{
			line("10", "1", "24", "45292", "", "", "", ""),
			line("10", "1", "3", "", "", "", "", ""),
		}, nil, "", "", nil},
		{"per-carton weights, a partial count and a count that is not whole", "USD", []Item{
			perCartonLine("240", "24", "10.5", "11.25"),
			perCartonLine("25", "2.5", "4", "4.4"),
			perCartonLine("10", "0", "4", "4.4"),
			perCartonLine("10", "", "4", "4.4"),
		}, nil, "", "", nil},
		{"weights that divide to the gram and weights that do not", "USD", []Item{
			line("10", "1", "24", "", "", "250", "264.6", ""),
			line("10", "1", "3", "", "", "1", "0.003", ""),
			line("10", "1", "7", "", "", "0.0005", "-14", ""),
			line("10", "1", "8", "", "", "0", "1e-20", ""),
		}, nil, "", "", nil},
		{"carton sizes with decimals giving CBM to round", "USD", []Item{
			line("10", "1", "7", "", "62.5x41x30.5", "", "", ""),
			line("10", "1", "3", "", "0.001x0.001x0.001", "", "", ""),
			line("10", "1", "1000000", "", "10000x10000x10000", "", "", ""),
			line("10", "1", "1", "", "60 X 40 X 35CM", "", "", ""),
			line("10", "1", "1", "", "60x40", "", "", ""),
		}, nil, "", "", nil},
		{"zero quantities and a zero price", "USD", []Item{
			line("0", "12.5", "", "", "", "", "", ""),
			line("5", "0", "", "", "", "", "", ""),
			line("0.000", "0.00", "", "", "", "", "", ""),
		}, nil, "", "", nil},
		{"half cents round away from zero, discounts too", "USD", []Item{
			line("3", "3.335", "", "", "", "", "", ""),
			line("1", "0.125", "", "", "", "", "", ""),
			line("1", "0.0049999", "", "", "", "", "", ""),
		}, []string{"-0.125", "0.005", "-10.004999"}, "33.33", "", func(t *testing.T, tt Totals, p PackingList) {
			if tt.Lines[0].String() != "10.01" || tt.Lines[1].String() != "0.13" || tt.Charges.String() != "-10.12" {
				t.Errorf("lines %v charges %s, want 10.01, 0.13 and -0.13 + 0.01 - 10.00 = -10.12", tt.Lines, tt.Charges)
			}
		}},
		{"yen have no minor unit", "JPY", []Item{
			line("3", "333.5", "", "", "", "", "", ""),
			line("7", "0.5", "", "", "", "", "", ""),
		}, []string{"-0.5", "1500"}, "", "1000.4", func(t *testing.T, tt Totals, p PackingList) {
			if tt.Lines[0].String() != "1001" || tt.Lines[0].Exponent() != 0 || tt.Received.String() != "1000" {
				t.Errorf("line %s(e%d) received %s, want 1001 and 1000", tt.Lines[0], tt.Lines[0].Exponent(), tt.Received)
			}
		}},
		{"three-decimal dinars", "KWD", []Item{
			line("3", "0.3335", "", "", "", "", "", ""),
		}, []string{"1.0005"}, "", "", nil},
		{"amounts at the IN-1 bounds, past a machine word", "USD", []Item{
			line("1000000000", "1000000000000", "", "", "", "", "", ""),
			line("999999999.99", "999999999999.995", "", "", "", "", "", ""),
			line("1", "1000000000000", "1000000", "", "", "1000000000000", "", ""),
		}, []string{"1000000000000"}, "", "1000000000000", nil},
		{"deposit percent with more decimals than the division keeps", "USD", []Item{
			line("7", "13.13", "", "", "", "", "", ""),
		}, nil, "33.33333333333333333333", "", nil},
		{"nothing up front and everything up front", "USD", []Item{
			line("7", "13.13", "", "", "", "", "", ""),
		}, nil, "0", "0.004", nil},
		{"no lines", "USD", nil, nil, "", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := &Order{Currency: MustCurrency(tc.currency), Items: tc.items, DepositPercent: opt(tc.percent), DepositReceived: opt(tc.received)}
			for _, c := range tc.charges {
				o.Charges = append(o.Charges, Charge{DescriptionEN: "charge", Amount: d(c)})
			}
			checkAgainstReference(t, o)
			if tc.check != nil {
				tc.check(t, o.Totals(), o.Packing())
			}
		})
	}
}

// randomOrder builds an order from r's choices among figures real and
// hostile: prices of 1688 sellers, weights that divide and that do not,
// carton numbers in order, shared, going back, made dates.
func randomOrder(r *rand.Rand) *Order {
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	num := func() string {
		if r.IntN(4) == 0 {
			return pick("0", "-3", "1e3", "2.5", "999999999999999999999", "0.000000000000000000001", "1000000000000", "12.3456789012345678")
		}
		return fmt.Sprintf("%d.%0*d", r.IntN(100000), r.IntN(4)+1, r.IntN(1000))
	}
	optNum := func() *decimal.Decimal {
		if r.IntN(3) == 0 {
			return nil
		}
		return DecimalPtr(d(num()))
	}
	o := &Order{Currency: MustCurrency(pick("USD", "CNY", "JPY", "KWD", "EUR"))}
	if r.IntN(3) == 0 {
		o.DepositPercent = DecimalPtr(d(pick("0", "100", "50", "33.33", "33.33333333333333333333", "12.5", "-10", "150")))
	}
	if r.IntN(3) == 0 {
		o.DepositReceived = DecimalPtr(d(num()))
	}
	for range r.IntN(4) {
		c := Charge{DescriptionEN: "charge", Amount: d(num())}
		if r.IntN(2) == 0 {
			c.Amount = c.Amount.Neg() // a discount
		}
		o.Charges = append(o.Charges, c)
	}
	for range r.IntN(12) {
		it := Item{DescriptionEN: "item", Quantity: d(num()), UnitPrice: d(num())}
		if r.IntN(5) > 0 {
			it.Cartons = DecimalPtr(d(pick("1", "24", "60", "3", "2.5", "0", "-2", "1000000", "1000001", "24.000", "1234567890123456789.5")))
		}
		if r.IntN(3) == 0 {
			it.CartonNo = pick("1-24", "25-34", "25-34", "1-2", "7", "45292", "30", "3-5", "３-５", "C/NO. 1-24", "1 - 3", "x", " ")
		}
		if r.IntN(2) == 0 {
			it.CartonSize = pick("60x40x35", "60x40x35", "62.5x41x30.5", "60*40*35", "60 X 40 X 35CM", "0.001x0.001x0.001", "10000x10000x10000", "bad", "60x40")
		}
		it.NetWeightKG, it.GrossWeightKG, it.CBM = optNum(), optNum(), optNum()
		if r.IntN(3) == 0 {
			it.NetWeightPerCartonKG, it.GrossWeightPerCartonKG = optNum(), optNum()
		}
		o.Items = append(o.Items, it)
	}
	return o
}

// TestArithmeticOnRandomOrders compares the arithmetic with the reference
// on thousands of random orders (the same ones every run).
func TestArithmeticOnRandomOrders(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		o := randomOrder(r)
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkAgainstReference(t, o) })
		if t.Failed() {
			return
		}
	}
}

func FuzzArithmetic(f *testing.F) {
	for _, s := range [][2]uint64{{1, 2}, {3, 4}, {20260101, 7}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b uint64) {
		checkAgainstReference(t, randomOrder(rand.New(rand.NewPCG(a, b))))
	})
}

// TestSmallDecimalOperations holds each word operation to
// shopspring/decimal's at the edges of a word.
func TestSmallDecimalOperations(t *testing.T) {
	values := []string{"0", "1", "-1", "0.5", "-0.5", "0.125", "-0.125", "0.0049999", "999999999999999999", "-999999999999999999",
		"9.99999999999999999", "1e18", "1e-18", "123456789.123456789", "5e-19", "4999999999999999999e-19", "0.000", "100"}
	for _, as := range values {
		for _, bs := range values {
			a, b := d(as), d(bs)
			x, okx := toSmall(a)
			y, oky := toSmall(b)
			if !okx || !oky {
				continue
			}
			if r, ok := x.add(y); ok && !sameDecimal(r.decimal(), a.Add(b)) {
				t.Errorf("%s + %s = %s, want %s", as, bs, r.decimal(), a.Add(b))
			}
			if r, ok := x.sub(y); ok && !sameDecimal(r.decimal(), a.Sub(b)) {
				t.Errorf("%s − %s = %s, want %s", as, bs, r.decimal(), a.Sub(b))
			}
			if r, ok := x.mul(y); ok && !sameDecimal(r.decimal(), a.Mul(b)) {
				t.Errorf("%s × %s = %s, want %s", as, bs, r.decimal(), a.Mul(b))
			}
		}
		a := d(as)
		x, ok := toSmall(a)
		if !ok {
			continue
		}
		for p := int32(-2); p <= 20; p++ {
			if r, ok := x.round(p); ok && !sameDecimal(r.decimal(), a.Round(p)) {
				t.Errorf("%s rounded to %d = %s, want %s", as, p, r.decimal(), a.Round(p))
			}
		}
	}
	if _, ok := toSmall(d("1000000000000000000")); ok {
		t.Error("a 19-digit coefficient taken as a word")
	}
	if _, ok := (smallDec{999999999999999999, 0}).mul(smallDec{10, 0}); ok {
		t.Error("a product past a word reported as fitting")
	}
	if _, ok := (smallDec{999999999999999999, 0}).add(smallDec{1, -1}); ok {
		t.Error("a sum past a word reported as fitting")
	}
}

// checkCartonCells fails t when ParseCartonSize or ParseCartonRange read s
// otherwise than the reference (the normalising, regular-expression
// reading alone): same sides, same exponents, same error.
func checkCartonCells(t *testing.T, s string) {
	t.Helper()
	got, err := ParseCartonSize(s)
	want, werr := refParseCartonSize(s)
	if fmt.Sprint(err) != fmt.Sprint(werr) ||
		!sameDecimal(got.L, want.L) || !sameDecimal(got.W, want.W) || !sameDecimal(got.H, want.H) {
		t.Errorf("ParseCartonSize(%q) = %v, %v; want %v, %v", s, got, err, want, werr)
	}
	r, err := ParseCartonRange(s)
	wr, werr := refParseCartonRange(s)
	if r != wr || fmt.Sprint(err) != fmt.Sprint(werr) {
		t.Errorf("ParseCartonRange(%q) = %v, %v; want %v, %v", s, r, err, wr, werr)
	}
}

func TestCartonCellsAgreeWithReference(t *testing.T) {
	cells := []string{
		"60x40x35", "60X40X35", "60*40*35", "62.5x41x30.5", "0.001x0.001x0.001", "10000x10000x10000", "10000.001x1x1",
		"99999x1x1", "100000x1x1", "60x40", "60x40x35x20", "60x40x", "x40x35", "60xx40x35", "60x40x35.", "60.x40x35",
		"60x40x35.1234", "0x40x35", "00060x040x035", "60x40x35cm", "60×40×35", "60 x 40 x 35", " 60x40x35", "60x40x35 ",
		"６０x40x35", "60x-40x35", "1e2x1x1",
		"1-24", "7", "0", "0-5", "24-1", "1-", "-1", "1--2", "123456-999999", "1234567", "1-1234567", "1 - 24", "1~24",
		"c/no 1-24", "１-２４", "", "-", "x",
	}
	for _, s := range cells {
		checkCartonCells(t, s)
	}
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "0123456789.xX*- ×c"
	for range 20000 {
		b := make([]rune, r.IntN(14))
		for i := range b {
			b[i] = []rune(alphabet)[r.IntN(len([]rune(alphabet)))]
		}
		checkCartonCells(t, string(b))
	}
}

func FuzzCartonCellsAgree(f *testing.F) {
	for _, s := range []string{"60x40x35", "62.5*41*30.5", "1-24", "7", "60 X 40 X 35CM", "C/NO. 1-24"} {
		f.Add(s)
	}
	f.Fuzz(checkCartonCells)
}
