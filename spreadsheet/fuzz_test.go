package spreadsheet

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/internal/hostile"
	"github.com/tradedocs/tradedocs/invoice"

	"github.com/xuri/excelize/v2"
)

// checkNoPanic reads data and fails on a recovered panic: Read must turn
// every input into orders or problems on its own.
func checkNoPanic(t *testing.T, name string, data []byte) {
	rs, fps := Read(name, data, Options{})
	for _, p := range fps {
		if bytes.Contains([]byte(p.Message), []byte("internal error")) {
			t.Fatalf("panic: %v", p)
		}
	}
	for _, r := range rs {
		if r.Order == nil {
			t.Fatal("nil order")
		}
		r.Order.Validate()
	}
}

func FuzzReadXLSX(f *testing.F) {
	f.Add(buildWorkbook(f, orderSheet(), itemsSheet([]any{1, "Mug", "12pcs", "pcs", 2, formula("C2*E2")})))
	f.Add(buildWorkbook(f, testSheet{name: "报价单", rows: [][]any{
		{"Order No.: PO-1"}, {"No.", "Description", "Qty", "Unit Price"}, {1, "Mug", 1, 1}, {"合计", nil, 1, 1}}}))
	var b bytes.Buffer
	if err := WriteTemplate(&b); err == nil {
		f.Add(b.Bytes())
	}
	if data, err := os.ReadFile(filepath.Join("testdata", "libreoffice-order.xlsx")); err == nil {
		f.Add(data)
	}
	// Long digits in a number cell and packing figures: the sheet scan for
	// cell types and styles (display.go).
	for _, name := range []string{"bank-account-as-number.xlsx", "packing-partly-filled.xlsx"} {
		if data, err := os.ReadFile(filepath.Join(fixtureBrokenDir, name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkNoPanic(t, "f.xlsx", data) })
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(twoOrdersCSV))
	f.Add([]byte("\xEF\xBB\xBFdescription_en;quantity;unit_price\nMug;１２;¥1,234.50\n合计;;;\n"))
	f.Add([]byte("订单号,英文品名,数量,单价\n\"PO-1\",\"a\"\"b\",1e3,(5)\n,Cup,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkNoPanic(t, "f.csv", data) })
}

// BenchmarkRead1000Orders reads a workbook of 1,000 orders and 20,000 item
// lines (sheets Orders and Items), the size the issue sets a 2 s bound for.
func BenchmarkRead1000Orders(b *testing.B) {
	data := manyOrdersWorkbook(b, 1000, 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rs, fps := Read("bench.xlsx", data, Options{})
		if len(rs) != 1000 || len(fps) > 0 {
			b.Fatalf("%d orders, %v", len(rs), fps)
		}
	}
}

// manyOrdersWorkbook builds orders × lines item rows with excelize's stream
// writer (as a large export would be written).
func manyOrdersWorkbook(tb testing.TB, orders, lines int) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Orders")
	sw, err := f.NewStreamWriter("Orders")
	if err != nil {
		tb.Fatal(err)
	}
	sw.SetRow("A1", []any{"order_no", "pi_date", "seller_name_en", "seller_address_en", "buyer_name", "buyer_address", "currency", "incoterm", "incoterm_place", "deposit_percent"})
	for i := 0; i < orders; i++ {
		sw.SetRow(fmt.Sprintf("A%d", i+2), []any{fmt.Sprintf("PO-%04d", i), 45356, "Shenzhen Example Electronics Co., Ltd.", "88 Keji Road, Nanshan, Shenzhen", "Harbor Lane Goods LLC", "100 Main St, Austin, TX", "USD", "FOB", "Shenzhen", 30})
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.NewSheet("Items")
	sw, _ = f.NewStreamWriter("Items")
	sw.SetRow("A1", []any{"order_no", "line_no", "sku", "description_en", "description_zh", "hs_code", "quantity", "unit", "unit_price", "amount", "cartons", "net_weight_kg", "gross_weight_kg"})
	row := 2
	for i := 0; i < orders; i++ {
		for j := 0; j < lines; j++ {
			sw.SetRow(fmt.Sprintf("A%d", row), []any{fmt.Sprintf("PO-%04d", i), j + 1, fmt.Sprintf("SKU-%d", j), "USB-C charging cable, 1 m", "数据线", "8544.42", 100 + j, "pcs", 0.85, 0.85 * float64(100+j), 2, 12.5, 13.2})
			row++
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// checkLinesKept reads a valid five-line order that a fuzzer changed inside
// line 3 and fails when, without an error, any of the untouched lines 1,
// 2, 4 and 5 is missing: a broken file may be refused, never shortened.
func checkLinesKept(t *testing.T, name string, data []byte) {
	rs, fps := Read(name, data, Options{})
	all := append(invoice.Problems(nil), fps...)
	for _, r := range rs {
		all = append(all, r.Problems...)
		all = append(all, r.Order.Validate()...)
	}
	if all.HasErrors() {
		return
	}
	kept := map[string]bool{}
	for _, r := range rs {
		for _, it := range r.Order.Items {
			kept[it.DescriptionEN+" × "+it.Quantity.String()] = true
		}
	}
	for _, i := range []int{1, 2, 4, 5} {
		if line := fmt.Sprintf("Mug model %d × %d", i, i); !kept[line] {
			t.Fatalf("line %q vanished without an error; read %v", line, kept)
		}
	}
}

// FuzzXLSXLinesKept puts fuzzed XML text into the description cell of
// line 3 of a five-line Items sheet (hostile.BrokenItems).
func FuzzXLSXLinesKept(f *testing.F) {
	for _, s := range []string{"Mug", "&bogus;", "&#0;", "\xff", "<b>x</i>", "x</t></is></c></row></sheetData><sheetData><row><c><v>1", "x</t></is></c></row><row r=\"2\"><c><v>9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, junk string) { checkLinesKept(t, "f.xlsx", hostile.BrokenItems(junk)) })
}

// FuzzCSVLinesKept puts fuzzed text into the description of line 3 of a
// five-line CSV order.
func FuzzCSVLinesKept(f *testing.F) {
	for _, s := range []string{"Mug", `,"`, "\"\n", "\r", ";;", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, junk string) {
		var b strings.Builder
		b.WriteString(hostile.CSVHeader)
		for i := 1; i <= 5; i++ {
			line := hostile.CSVLine(i)
			if i == 3 {
				line = strings.Replace(line, "Mug model 3", "Mug model 3"+junk, 1)
			}
			b.WriteString(line)
		}
		checkLinesKept(t, "f.csv", []byte(b.String()))
	})
}
