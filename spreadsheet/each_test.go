package spreadsheet

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/invoice"
)

// sortedProblems orders problems by where and what: readers set an
// order's fields from a map, so two problems of one row may come in either
// order on any read.
func sortedProblems(ps invoice.Problems) invoice.Problems {
	ps = slices.Clone(ps)
	slices.SortStableFunc(ps, func(a, b invoice.Problem) int { return strings.Compare(a.Error(), b.Error()) })
	return ps
}

// sameReads fails when ReadEach's orders and file problems differ from
// ReadFile's (Read's, for bytes).
func sameReads(t *testing.T, name string, want []Result, wantFps invoice.Problems, got []Result, gotFps invoice.Problems) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: ReadEach gave %d orders, ReadFile %d", name, len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		w.Problems, g.Problems = sortedProblems(w.Problems), sortedProblems(g.Problems)
		if !reflect.DeepEqual(w, g) {
			t.Fatalf("%s: order %d differs\nReadEach: %+v\n%v\nReadFile: %+v\n%v", name, i+1, g.Order, g.Problems, w.Order, w.Problems)
		}
	}
	if !reflect.DeepEqual(sortedProblems(gotFps), sortedProblems(wantFps)) {
		t.Fatalf("%s: file problems differ\nReadEach: %v\nReadFile: %v", name, gotFps, wantFps)
	}
}

// collect reads data with readEach, keeping every order.
func collect(name string, data []byte) ([]Result, invoice.Problems) {
	var rs []Result
	fps := readEach(name, data, Options{}, func(r Result) bool { rs = append(rs, r); return true })
	return rs, fps
}

// TestReadEachAgreesWithReadFileOnEveryFile reads every workbook and CSV
// file the project ships and the broken fixtures both ways.
func TestReadEachAgreesWithReadFileOnEveryFile(t *testing.T) {
	n := 0
	for _, dir := range []string{"../examples", "../testdata", "testdata"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".xlsx") || strings.HasSuffix(p, ".csv")) {
				return nil
			}
			want, wantFps := ReadFile(p, Options{})
			var got []Result
			gotFps := ReadEach(p, Options{}, func(r Result) bool { got = append(got, r); return true })
			sameReads(t, p, want, wantFps, got, gotFps)
			n++
			return nil
		})
	}
	for _, b := range fixtureBrokenSet() {
		data, err := b.make()
		if err != nil {
			continue
		}
		want, wantFps := Read(b.file, data, Options{})
		got, gotFps := collect(b.file, data)
		sameReads(t, "fixture "+b.file, want, wantFps, got, gotFps)
		n++
	}
	if n < 20 {
		t.Fatalf("compared only %d files", n)
	}
	missing := ReadEach(filepath.Join(t.TempDir(), "none.xlsx"), Options{}, func(Result) bool { t.Fatal("an order from no file"); return false })
	if len(missing) != 1 || !strings.Contains(missing[0].Message, "cannot read the file") {
		t.Fatalf("a missing file: %v", missing)
	}
}

// manyOrdersSheets is a workbook of orders PO-1..PO-n whose Items rows are
// given, with a Charges sheet.
func manyOrdersSheets(n int, items [][]any, charges [][]any) testSheet {
	rows := [][]any{{"order_no", "seller_name_en", "buyer_name", "currency", "incoterm", "deposit_percent"}}
	for i := 1; i <= n; i++ {
		rows = append(rows, []any{fmt.Sprintf("PO-%d", i), "Shenzhen Example Co., Ltd.", "Harbor Lane Goods LLC", "USD", "FOB Shenzhen", 30})
	}
	return testSheet{name: "Orders", rows: rows}
}

// TestReadEachAgreesWithReadFileOnManyOrders covers the layouts ReadEach
// streams: lines in the orders' order, lines of orders mixed or in
// another order (read in rounds), total rows, lines naming no known
// order, charges, an order without lines, and a batch too big to hold.
func TestReadEachAgreesWithReadFileOnManyOrders(t *testing.T) {
	amounts := []string{"12.50", "US$13.75", "¥15.00", "16.25"} // ¥ in a USD order: M-6
	line := func(no string, i int) []any {
		return []any{no, fmt.Sprintf("Mug model %d", i), 10 + i, "pcs", "1.25", amounts[(i-1)%len(amounts)]}
	}
	itemHead := []any{"order_no", "description_en", "quantity", "unit", "unit_price", "amount"}
	inOrder := [][]any{itemHead}
	mixed := [][]any{itemHead}
	reversed := [][]any{itemHead}
	for o := 1; o <= 12; o++ {
		if o == 7 {
			continue // PO-7 has no lines
		}
		for i := 1; i <= 4; i++ {
			inOrder = append(inOrder, line(fmt.Sprintf("PO-%d", o), i))
		}
		inOrder = append(inOrder, []any{nil, "合计", nil, nil, nil, 10.0})
	}
	for i := 1; i <= 4; i++ {
		for o := 12; o >= 1; o-- {
			mixed = append(mixed, line(fmt.Sprintf("PO-%d", o), i))
		}
	}
	mixed = append(mixed, line("PO-99", 1), []any{"PO-3", "Total", nil, nil, nil, 99.0}, line("", 2))
	for o := 12; o >= 1; o-- {
		for i := 1; i <= 3; i++ {
			reversed = append(reversed, line(fmt.Sprintf("PO-%d", o), i))
		}
	}
	charges := testSheet{name: "Charges", rows: [][]any{{"order_no", "description_en", "amount"},
		{"PO-2", "Ocean freight", 350}, {"PO-11", "Insurance", 20}, {"PO-42", "Freight", 5}, {"PO-2", "Discount", -10}}}
	for _, tc := range []struct {
		name     string
		items    [][]any
		inFlight int
	}{
		{"an export: each order's lines together, in order, with total rows", inOrder, 20_000},
		{"lines of all orders mixed, one naming no order, read in rounds of 10 lines", mixed, 10},
		{"lines of all orders mixed, read in one round", mixed, 20_000},
		{"orders' lines together but in reverse order, read in rounds of 7 lines", reversed, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func(n int) { maxLinesInFlight = n }(maxLinesInFlight)
			maxLinesInFlight = tc.inFlight
			data := buildWorkbook(t, manyOrdersSheets(12, nil, nil), testSheet{name: "Items", rows: tc.items}, charges)
			want, wantFps := Read("many.xlsx", data, Options{})
			if len(want) != 12 {
				t.Fatalf("ReadFile read %d orders: %v", len(want), wantFps)
			}
			if !streams(t, data) {
				t.Fatal("ReadEach read the workbook whole")
			}
			got, gotFps := collect("many.xlsx", data)
			sameReads(t, tc.name, want, wantFps, got, gotFps)
			// Stopping early hands out no more orders.
			n := 0
			readEach("many.xlsx", data, Options{}, func(Result) bool { n++; return n < 5 })
			if n != 5 {
				t.Fatalf("yield said stop after 5 orders; %d handed out", n)
			}
		})
	}
	t.Run("prices under a 0.00 format, which excelize shows by parsing the sheet, read in rounds of 5 lines", func(t *testing.T) {
		defer func(n int) { maxLinesInFlight = n }(maxLinesInFlight)
		maxLinesInFlight = 5
		items := testSheet{name: "Items", numFmt: map[string]int{}}
		for r, row := range mixed {
			row = slices.Clone(row)
			if r > 0 && len(row) > 4 {
				row[4] = 1.255 // shown as 1.26: a warning (N-2)
				items.numFmt[fmt.Sprintf("E%d", r+1)] = 2
			}
			items.rows = append(items.rows, row)
		}
		data := buildWorkbook(t, manyOrdersSheets(12, nil, nil), items)
		if !streams(t, data) {
			t.Fatal("ReadEach read the workbook whole")
		}
		want, wantFps := Read("many.xlsx", data, Options{})
		got, gotFps := collect("many.xlsx", data)
		sameReads(t, "formatted", want, wantFps, got, gotFps)
	})
	t.Run("the bench workbook of 1,000 orders and 20,000 lines", func(t *testing.T) {
		data := manyOrdersWorkbook(t, 1000, 20)
		want, wantFps := Read("bench.xlsx", data, Options{})
		got, gotFps := collect("bench.xlsx", data)
		sameReads(t, "bench", want, wantFps, got, gotFps)
	})
}

// TestReadEachBigSheetFromZip reads a many-order workbook whose Items
// sheet excelize keeps in a temporary file (over 16 MB), so that ReadEach
// streams it from the zip, both ways.
func TestReadEachBigSheetFromZip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,500-order workbook")
	}
	data := manyOrdersWorkbook(t, 1500, 20)
	f, err := openWorkbook(t, data)
	if err != nil {
		t.Fatal(err)
	}
	_, inMemory := f.Pkg.Load("xl/worksheets/sheet2.xml")
	f.Close()
	if inMemory {
		t.Fatal("excelize kept the Items sheet in memory; the test no longer covers the stream from the zip")
	}
	if !streams(t, data) {
		t.Fatal("ReadEach read the workbook whole")
	}
	path := filepath.Join(t.TempDir(), "big.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want, wantFps := ReadFile(path, Options{})
	var got []Result
	gotFps := ReadEach(path, Options{}, func(r Result) bool { got = append(got, r); return true })
	sameReads(t, "big", want, wantFps, got, gotFps)
}

// FuzzReadEach holds ReadEach to Read on any workbook or CSV file: the
// same orders, problems and file problems, and no panic.
func FuzzReadEach(f *testing.F) {
	f.Add(manyOrdersWorkbook(f, 3, 2))
	f.Add(buildWorkbook(f, manyOrdersSheets(3, nil, nil), testSheet{name: "Items", rows: [][]any{
		{"order_no", "description_en", "quantity", "unit_price"}, {"PO-2", "Mug", 1, 2}, {"PO-1", "Cup", 3, "¥4"}, {"", "合计", nil, 9}, {"PO-9", "Lid", 1, 1}}},
		testSheet{name: "Charges", rows: [][]any{{"order_no", "description_en", "amount"}, {"PO-3", "Freight", 5}}}))
	f.Add(buildWorkbook(f, orderSheet(), itemsSheet([]any{1, "Mug", 12, "pcs", 2, 24})))
	f.Add([]byte(twoOrdersCSV))
	f.Add([]byte("Buyer:,Acme\norder_no,description_en,quantity,unit_price,amount\nPO-2,Mug,1,2\nPO-1,Cup,1,2\n,Lid,1,1\nTotal,,,,3\nPO-2,Bowl,1,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Rounds of two lines, where orders' rows are mixed.
		defer func(n int) { maxLinesInFlight = n }(maxLinesInFlight)
		maxLinesInFlight = 2
		want, wantFps := Read("f.xlsx", data, Options{})
		got, gotFps := collect("f.xlsx", data)
		sameReads(t, "fuzzed", want, wantFps, got, gotFps)
	})
}

// A flat table whose orders' rows are mixed: an order number met again
// adds to its order, a row without one continues the order above, a total
// row states the total of the order above, and the title block fills every
// order. ReadEach reads it in rounds of two lines and agrees with ReadFile.
func TestReadEachFlatTableOrdersMixed(t *testing.T) {
	const csvText = "Proforma invoices\n" +
		"Buyer:,Acme Inc\n" +
		"order_no,currency,description_en,quantity,unit_price,amount\n" +
		"PO-1,USD,Mug,1,2\n" +
		"PO-2,USD,Cup,3,4\n" +
		"PO-1,USD,Lid,5,6\n" +
		",,Plate,7,8\n" +
		"Total,,,,,99\n" +
		"PO-3,EUR,Bowl,1,1\n" +
		",Note,,,\n" +
		"PO-1,CNY,Fork,1,1\n"
	flatRows := [][]any{
		{"Order No.", "Currency", "Description", "Qty", "Unit Price"},
		{"PO-7", "USD", "Mug", 1, 2}, {"PO-8", "USD", "Cup", 1, 2}, {"PO-7", "USD", "Lid", 1, 2}, {nil, nil, "Plate", 1, 2}}
	xlsx := buildWorkbook(t, testSheet{name: "Items", rows: flatRows})
	// LibreOffice names the sheet of a converted orders.csv "orders".
	converted := buildWorkbook(t, testSheet{name: "orders", rows: flatRows})
	for _, tc := range []struct {
		name  string
		data  []byte
		want  map[string][]string // order → its lines
		first string
	}{
		{"orders.csv", []byte(csvText), map[string][]string{"PO-1": {"Mug", "Lid", "Plate", "Fork"}, "PO-2": {"Cup"}, "PO-3": {"Bowl"}}, "PO-1"},
		{"orders.xlsx", xlsx, map[string][]string{"PO-7": {"Mug", "Lid", "Plate"}, "PO-8": {"Cup"}}, "PO-7"},
		{"converted.xlsx", converted, map[string][]string{"PO-7": {"Mug", "Lid", "Plate"}, "PO-8": {"Cup"}}, "PO-7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantFps := Read(tc.name, tc.data, Options{})
			if len(want) != len(tc.want) || want[0].Order.OrderNo != tc.first {
				t.Fatalf("ReadFile read %d orders: %v", len(want), wantFps)
			}
			for _, r := range want {
				var lines []string
				for _, it := range r.Order.Items {
					lines = append(lines, it.DescriptionEN)
				}
				if !reflect.DeepEqual(lines, tc.want[r.Order.OrderNo]) {
					t.Fatalf("order %s has lines %v, want %v", r.Order.OrderNo, lines, tc.want[r.Order.OrderNo])
				}
			}
			if tc.name == "orders.csv" {
				po1 := want[0]
				if po1.Order.Buyer.Name != "Acme Inc" || want[2].Order.Buyer.Name != "Acme Inc" || po1.Order.StatedTotal == nil || po1.Order.StatedTotal.String() != "99" {
					t.Fatalf("PO-1: buyer %q, total %v; PO-3 buyer %q", po1.Order.Buyer.Name, po1.Order.StatedTotal, want[2].Order.Buyer.Name)
				}
				if !strings.Contains(fmt.Sprint(po1.Problems), `currency "CNY" differs`) {
					t.Fatalf("PO-1's currencies USD and CNY: no conflict in %v", po1.Problems)
				}
			}
			if strings.HasSuffix(tc.name, ".xlsx") && !streams(t, tc.data) {
				t.Fatal("ReadEach read the sheet whole")
			}
			defer func(n int) { maxLinesInFlight = n }(maxLinesInFlight)
			for _, inFlight := range []int{2, 20_000} {
				maxLinesInFlight = inFlight
				got, gotFps := collect(tc.name, tc.data)
				sameReads(t, tc.name, want, wantFps, got, gotFps)
			}
		})
	}
}

// Semicolon files (Excel in Europe) are read again on each pass: their
// decimal commas must be read alike every time, and an ambiguous figure
// stops the file alike.
func TestReadEachSemicolonFiles(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		orders     int
	}{
		{"decimal commas, orders mixed", "order_no;description_en;quantity;unit_price;amount\nPO-1;Mug;1.000;0,85;850,00\nPO-2;Cup;2;1.234,50;2.469,00\nPO-1;Lid;3;1,085;3,26\n", 2},
		{"decimal points", "order_no;description_en;quantity;unit_price\nPO-1;Mug;1;0.85\nPO-2;Cup;2;1,234.50\n", 2},
		{"1.085 with no decimal comma anywhere", "order_no;description_en;quantity;unit_price\nPO-1;Mug;1;1.085\nPO-2;Cup;2;3\n", 0},
		{"both conventions", "order_no;description_en;quantity;unit_price\nPO-1;Mug;1;0,85\nPO-2;Cup;2;0.5\n", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantFps := Read("eu.csv", []byte(tc.text), Options{})
			if len(want) != tc.orders {
				t.Fatalf("ReadFile read %d orders: %v", len(want), wantFps)
			}
			defer func(n int) { maxLinesInFlight = n }(maxLinesInFlight)
			maxLinesInFlight = 1
			got, gotFps := collect("eu.csv", []byte(tc.text))
			sameReads(t, tc.name, want, wantFps, got, gotFps)
		})
	}
}

// streams reports whether ReadEach streams the workbook's Items sheet
// (readManyEach) or flat table (readFlatEach), rather than reading it
// whole.
func streams(t *testing.T, data []byte) bool {
	t.Helper()
	wb, fps := openXLSX("x.xlsx", data, Options{})
	if wb == nil {
		t.Fatalf("cannot open: %v", fps)
	}
	defer wb.f.Close()
	wb.oneByOne = true
	l := wb.layout()
	out := &sink{yield: func(Result) bool { return true }}
	if l.orders != "" {
		_, ok := wb.readManyEach(l.orders, l.items, l.charges, out)
		return ok
	}
	_, ok := wb.readFlatEach(l.items, out)
	return ok
}

// A panic in the caller's yield (rendering an order, say) is the caller's:
// ReadEach does not report it as the file's internal error.
func TestReadEachPassesOnYieldsPanic(t *testing.T) {
	defer func() {
		if e := recover(); e != "render failed" {
			t.Fatalf("recovered %v, want the panic of yield", e)
		}
	}()
	fps := readEach("two.csv", []byte(twoOrdersCSV), Options{}, func(Result) bool { panic("render failed") })
	t.Fatalf("ReadEach returned %v", fps)
}
