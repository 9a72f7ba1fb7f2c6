package spreadsheet

// This file generates the packing list example (a shipment to an Amazon
// fulfilment centre with a mixed carton) and the broken workbooks of the
// packing rules (PL-1, PL-2); fixtures_test.go writes them with the others.

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/invoice"
)

// fixturePackingItems are the packing example's lines: carton numbers,
// quantity per carton, carton size and weights per carton (lines 1, 2, 5)
// or per line (the mixed carton 85-114: 50 spoon sets and 30 cups in each).
// Line 2 states its CBM (0.043008 m³ × 60 = 2.580); the others leave it to
// the carton size. 124 cartons in all, none over FBA's limits.
var fixturePackingItems = [][]any{
	{"1-24", 1, "KT-250", "Silicone kitchen tongs, 9 in, heat resistant to 230 C", "硅胶厨房夹", "3924.10", 1200, "pcs", 1.35, 1620.00, 24, 50, "52x36x30", nil, nil, 9.5, 10.4, nil},
	{"25-84", 2, "SP-12", "Stainless steel slotted spatula, 12 in", "不锈钢漏铲", "8215.99", 6000, "pcs", 0.42, 2520.00, 60, 100, "48*32*28", nil, nil, 12, 12.8, 2.58},
	{"85-114", 3, "MS-4", "Stainless steel measuring spoon set, 4 pieces", "不锈钢量勺四件套", "8215.99", 1500, "sets", 0.88, 1320.00, 30, 50, "45×35×30 cm", 186, 222, nil, nil, nil},
	{"85-114", 4, "MC-1", "Glass measuring cup, 500 ml", "玻璃量杯", "7013.37", 900, "pcs", 0.65, 585.00, nil, 30, nil, 135, 144, nil, nil, nil},
	{"115-124", 5, "CB-40", "Bamboo cutting board, 40 x 30 cm", "竹砧板", "4419.11", 200, "pcs", 3.15, 630.00, 10, 20, "45x34x32", nil, nil, 18.5, 19.6, nil},
}

func fixturePackingBook() fixtureBook {
	order := [][]any{
		{"Order No. / 订单号", "AMZ-2024-0611"},
		{"pi_date", tmplDate(2024, time.May, 20)},
		{"ci_no", "NBK-CI-0611"},
		{"Invoice Date / 发票日期", tmplDate(2024, time.June, 11)},
		{"seller_name_en", "Ningbo Kestrel Kitchenware Co., Ltd."},
		{"seller_name_zh", "宁波凯斯厨具有限公司"},
		{"seller_address_en", "No. 88 Jinhai Road, Beilun District, Ningbo, Zhejiang 315800, China"},
		{"seller_phone", "+86 574 8688 0000"},
		{"seller_tax_id", fixtureUSCC("91330206MA2KX8PL5")},
		{"signatory", "Zhou Min, Export Manager"},
		{"buyer_name", "Harbor Lane Goods LLC"},
		{"buyer_address", "2150 East Maple Avenue, Unit B, El Segundo, CA 90245, USA"},
		{"Ship To / 收货人", "Amazon.com Services LLC (ONT8)"},
		{"consignee_address", "24300 Nandina Avenue, Moreno Valley, CA 92551, USA"},
		{"currency", "USD"},
		{"incoterm", "FOB"},
		{"incoterm_place", "Ningbo"},
		{"port_of_loading", "Ningbo, China"},
		{"port_of_discharge", "Los Angeles, CA, USA"},
		{"port_of_entry", "Los Angeles, CA (2704)"},
		{"transport", "Sea freight, FCL"},
		{"Vessel / 船名", "COSCO SHIPPING ARIES V.045E"},
		{"B/L No. / 提单号", "COSU6345127890"},
		{"ship_date", tmplDate(2024, time.June, 15)},
		{"shipping_marks", "HARBOR LANE / AMZ-2024-0611 / FBA ONT8 / C/NO. 1-124"},
		{"packing", "Export cartons, 5-ply"},
		{"Package Type / 包装种类", "cartons"},
		{"deposit_percent", 30},
		{"bank_beneficiary", "NINGBO KESTREL KITCHENWARE CO., LTD."},
		{"bank_account", "3901120009000765432"},
		{"bank_name", "Bank of Ningbo, Beilun Sub-branch"},
		{"bank_swift", "BKNBCN2N"},
	}
	items := [][]any{{"C/No. / 箱号", "No.", "SKU", "Description", "品名", "HS Code", "Qty", "Unit", "Unit Price (USD)", "Amount (USD)",
		"CTNS / 箱数", "PCS/CTN / 每箱数量", "Meas. (cm) / 外箱尺寸", "N.W.(KG) / 净重", "G.W.(KG) / 毛重", "N.W./CTN (kg)", "G.W./CTN (kg)", "CBM / 体积"}}
	items = append(items, fixturePackingItems...)
	return fixtureBook{
		{name: "Order", rows: order, widths: map[string]float64{"A": 30, "B": 60}},
		{name: "Items", rows: items, widths: map[string]float64{"D": 48, "M": 14}},
	}
}

// fixturePackingBaseItems are the broken workbooks' items with packing
// columns J CTNS, K PCS/CTN, L Meas., M N.W., N G.W., O CBM, P C/No.
func fixturePackingBaseItems() [][]any {
	items := fixtureBaseItems()
	items[0] = append(items[0], "CTNS", "PCS/CTN", "Meas. (cm)", "N.W. (kg)", "G.W. (kg)", "CBM", "C/No.")
	items[1] = append(items[1], 10, 100, "50x30x25", 15, 17, 0.375, nil)
	items[2] = append(items[2], 5, 250, "40x30x20", 7.5, 8.5, 0.12, nil)
	items[3] = append(items[3], 8, 50, "45x30x30", 40, 44, 0.324, nil)
	return items
}

// fixtureSpoilPacking is fixtureSpoil on the workbook with packing columns.
func fixtureSpoilPacking(edit func(order, items *[][]any)) func() ([]byte, error) {
	return fixtureSpoilItems(fixturePackingBaseItems, edit)
}

// fixturePackingBroken are the broken workbooks of the packing rules, one
// per check of PL-1 and the FBA limits of PL-2.
func fixturePackingBroken() []fixtureBroken {
	e := func(cell, sev, substr, value string) []fixtureExpect {
		return []fixtureExpect{{sheet: "Items", cell: cell, severity: sev, substr: substr, value: value}}
	}
	ranges := func(a, b, c string) func(_, it *[][]any) {
		return func(_, it *[][]any) { (*it)[1][15], (*it)[2][15], (*it)[3][15] = a, b, c }
	}
	return []fixtureBroken{
		{"packing-qty-per-carton.xlsx", fixtureSpoilPacking(func(_, it *[][]any) { (*it)[1][10] = 90 }),
			e("K2", "error", "differs from quantity 1000", "90")},
		{"packing-gross-below-net.xlsx", fixtureSpoilPacking(func(_, it *[][]any) { (*it)[2][13] = 7 }),
			e("N3", "error", "less than net weight", "7")},
		{"packing-net-weight-zero.xlsx", fixtureSpoilPacking(func(_, it *[][]any) { (*it)[3][12] = 0 }),
			e("M4", "error", "not more than 0", "0")},
		{"packing-cbm-mismatch.xlsx", fixtureSpoilPacking(func(_, it *[][]any) { (*it)[1][14] = 0.5 }),
			e("O2", "error", "differs from carton size", "0.5")},
		{"packing-carton-size-unreadable.xlsx", fixtureSpoilPacking(func(_, it *[][]any) { (*it)[2][11] = "40x30" }),
			e("L3", "error", "not a carton size", "40x30")},
		{"packing-carton-no-gap.xlsx", fixtureSpoilPacking(ranges("1-10", "12-16", "17-24")),
			e("P3", "error", "start at 11", "12-16")},
		{"packing-carton-no-overlap.xlsx", fixtureSpoilPacking(ranges("1-10", "8-12", "13-20")),
			e("P3", "error", "overlaps cartons 1-10", "8-12")},
		{"packing-carton-no-count.xlsx", fixtureSpoilPacking(ranges("1-10", "11-14", "15-22")),
			e("P3", "error", "numbers 4 cartons", "11-14")},
		{"packing-carton-no-date.xlsx", fixtureSpoilPacking(func(_, it *[][]any) {
			(*it)[1][15], (*it)[2][15], (*it)[3][15] = tmplDate(2024, time.January, 10), "11-15", "16-23" // 1-10 typed into a General cell
		}), e("P2", "error", "looks like a date", "45301")},
		{"packing-cartons-missing.xlsx", fixtureSpoilPacking(func(_, it *[][]any) { (*it)[2][9] = nil }),
			e("J3", "error", "no cartons", "")},
		{"packing-last-carton-full.xlsx", fixtureSpoilPacking(func(_, it *[][]any) {
			(*it)[0] = append((*it)[0], "Last Carton Qty")
			(*it)[1] = append((*it)[1], 100)
		}), e("Q2", "error", "not a partial carton", "100")},
		{"packing-weight-per-carton-disagrees.xlsx", fixtureSpoilPacking(func(_, it *[][]any) {
			(*it)[0] = append((*it)[0], "N.W./CTN (kg)")
			(*it)[1] = append((*it)[1], 1.6) // 10 × 1.6 = 16, not 15
		}), e("M2", "error", "differs from net_weight_per_carton_kg", "15")},
		{"packing-mixed-carton-sizes.xlsx", fixtureSpoilPacking(func(_, it *[][]any) {
			(*it)[1][15], (*it)[2][15], (*it)[3][15] = "1-10", "11-15", "11-15"
			(*it)[3][9], (*it)[3][10], (*it)[3][14] = nil, 80, nil // 400 sets, 80 in each of the shared cartons
		}), e("L4", "error", "although the lines share cartons 11-15", "45x30x30")},
		{"packing-fba-long-side.xlsx", fixtureSpoilPacking(func(o, it *[][]any) {
			*o = append(*o, []any{"consignee_name", "Amazon.com Services LLC (LGB8)"})
			(*it)[1][11], (*it)[1][14] = "65x30x25", nil
		}), e("L2", "warning", "63.5 cm", "65x30x25")},
		{"packing-fba-heavy-carton.xlsx", fixtureSpoilPacking(func(o, it *[][]any) {
			*o = append(*o, []any{"consignee_name", "Amazon.com Services LLC (LGB8)"})
			(*it)[3][12], (*it)[3][13] = 190, 200 // 25 kg a carton
		}), e("N4", "warning", "22.7 kg", "200")},
	}
}

func TestPackingFixturesRead(t *testing.T) {
	data, err := fixturePackingBook().xlsx()
	if err != nil {
		t.Fatal(err)
	}
	results, ps := Read("packing.xlsx", data, Options{})
	if ps.HasErrors() || len(results) != 1 {
		t.Fatalf("packing example: %d orders, %v", len(results), ps)
	}
	o := results[0].Order
	if ps := o.Validate(); len(ps) != 0 {
		t.Fatalf("packing example does not validate cleanly: %v", ps)
	}
	p := o.Packing()
	if p.Cartons.String() != "124" || !p.Lines[2].Mixed || !p.Lines[3].Mixed || p.Lines[3].First {
		t.Errorf("packing example: %s cartons, mixed %v/%v", p.Cartons, p.Lines[2].Mixed, p.Lines[3].Mixed)
	}
	if o.Items[0].CartonSize != "52x36x30" || o.Items[2].CartonNo != "85-114" || o.Shipment.PackageType != "cartons" ||
		o.Items[0].QtyPerCarton == nil || o.Items[0].NetWeightPerCartonKG == nil || o.Items[0].GrossWeightPerCartonKG == nil {
		t.Errorf("packing columns not read: %+v", o.Items[0])
	}
	if !o.ShipsToAmazon() {
		t.Error("the example's consignee is an Amazon fulfilment centre")
	}
}

// The packing example as LibreOffice Calc saves it (soffice --headless
// --convert-to xlsx, testdata/libreoffice/packing-mixed-carton.xlsx) reads
// to the same packing figures as the file excelize wrote: carton ranges and
// sizes stay text, not dates or numbers.
func TestPackingExampleSavedByLibreOffice(t *testing.T) {
	read := func(path string) *invoice.Order {
		t.Helper()
		results, ps := ReadFile(path, Options{})
		if ps.HasErrors() || len(results) != 1 || results[0].Problems.HasErrors() {
			t.Fatalf("%s: %v %v", path, ps, results)
		}
		return results[0].Order
	}
	a := read(filepath.Join(fixtureExamplesDir, "packing-mixed-carton.xlsx"))
	b := read(filepath.Join(fixtureLibreDir, "packing-mixed-carton.xlsx"))
	if ps := b.Validate(); len(ps) != 0 {
		t.Errorf("LibreOffice copy: %v", ps)
	}
	str := func(d *decimal.Decimal) string {
		if d == nil {
			return "-"
		}
		return d.String()
	}
	for i := range a.Items {
		x, y := &a.Items[i], &b.Items[i]
		got := []string{y.CartonNo, y.CartonSize, str(y.Cartons), str(y.QtyPerCarton), str(y.NetWeightKG), str(y.GrossWeightKG),
			str(y.NetWeightPerCartonKG), str(y.GrossWeightPerCartonKG), str(y.CBM)}
		want := []string{x.CartonNo, x.CartonSize, str(x.Cartons), str(x.QtyPerCarton), str(x.NetWeightKG), str(x.GrossWeightKG),
			str(x.NetWeightPerCartonKG), str(x.GrossWeightPerCartonKG), str(x.CBM)}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("line %d: LibreOffice copy %q, original %q", i+1, got, want)
		}
	}
	pa, pb := a.Packing(), b.Packing()
	if !pa.Cartons.Equal(pb.Cartons) || !pa.NetKG.Equal(pb.NetKG) || !pa.GrossKG.Equal(pb.GrossKG) || !pa.CBM.Equal(pb.CBM) ||
		b.Shipment.PackageType != "cartons" {
		t.Errorf("totals differ: %v/%v kg %v/%v kg %v/%v m³ %v/%v ctns", pa.NetKG, pb.NetKG, pa.GrossKG, pb.GrossKG, pa.CBM, pb.CBM, pa.Cartons, pb.Cartons)
	}
}
