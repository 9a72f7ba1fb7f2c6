package spreadsheet

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func tmplOpen(t *testing.T) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatalf("WriteTemplate: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("the template does not open with excelize: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

func TestTemplateSheets(t *testing.T) {
	f, _ := tmplOpen(t)
	got := strings.Join(f.GetSheetList(), ",")
	if want := "Instructions,Order,Items,Charges"; got != want {
		t.Errorf("sheets = %s, want %s", got, want)
	}
	if i := f.GetActiveSheetIndex(); f.GetSheetName(i) != "Instructions" {
		t.Errorf("workbook opens on %q, want the Instructions sheet", f.GetSheetName(i))
	}
	// Wrapped paragraphs need rows tall enough to show them: nothing resizes
	// rows on opening, so without a height they overlap.
	if h, err := f.GetRowHeight("Instructions", 3); err != nil || h < 30 {
		t.Errorf("Instructions row 3 (a long paragraph) is %v points high (%v), want at least two lines", h, err)
	}
	for _, s := range []string{"Order", "Items", "Charges"} {
		p, err := f.GetPanes(s)
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("sheet %s: header row not frozen (panes %+v, err %v)", s, p, err)
		}
	}
}

func TestTemplateHeadersReadBack(t *testing.T) {
	f, _ := tmplOpen(t)
	cases := []struct {
		name   string
		sheet  string
		idx    map[string]string
		fields []field
	}{
		{"item headers such as Description / 英文品名 *", "Items", itemIndex, itemFields},
		{"charge headers such as Amount / 金额", "Charges", chargeIndex, chargeFields},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, err := f.GetRows(c.sheet)
			if err != nil || len(rows) == 0 {
				t.Fatalf("GetRows(%s): %v", c.sheet, err)
			}
			seen := map[string]bool{}
			for i, h := range rows[0] {
				key, ok := lookup(c.idx, h)
				if !ok {
					t.Errorf("%s column %d header %q is not recognised by lookup", c.sheet, i+1, h)
					continue
				}
				if seen[key] {
					t.Errorf("%s header %q reads as %s a second time", c.sheet, h, key)
				}
				seen[key] = true
			}
			for _, fl := range c.fields {
				if fl.required(c.sheet == "Items") && !seen[fl.Key] {
					t.Errorf("%s has no column for required field %s", c.sheet, fl.Key)
				}
			}
		})
	}
	// Item headers are the fields' own labels, so each must read back as its
	// own key (not merely as some key).
	for i, key := range tmplItemColumns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		h, _ := f.GetCellValue("Items", cell)
		if got, _ := lookup(itemIndex, h); got != key {
			t.Errorf("Items!%s header %q reads as %q, want %q", cell, h, got, key)
		}
	}
}

func TestTemplateOrderSheet(t *testing.T) {
	f, _ := tmplOpen(t)
	rows, err := f.GetRows("Order")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(orderFields)+1 {
		t.Fatalf("Order sheet has %d rows, want a header and %d fields", len(rows), len(orderFields))
	}
	for i, fl := range orderFields {
		row := rows[i+1]
		if row[0] != fl.Key {
			t.Errorf("Order!A%d = %q, want key %q", i+2, row[0], fl.Key)
		}
		if key, ok := lookup(orderIndex, row[0]); !ok || key != fl.Key {
			t.Errorf("Order!A%d %q reads as %q", i+2, row[0], key)
		}
		label := row[2]
		if key, _ := lookup(orderIndex, label); key != fl.Key {
			t.Errorf("Order!C%d label %q reads as %q, want %q", i+2, label, key, fl.Key)
		}
		if fl.required(false) != strings.HasSuffix(label, "*") {
			t.Errorf("Order!C%d label %q: required=%v but marked %v", i+2, label, fl.required(false), strings.HasSuffix(label, "*"))
		}
		if fl.required(false) && (len(row) < 2 || row[1] == "") {
			t.Errorf("worked example leaves required field %s (Order!B%d) empty", fl.Key, i+2)
		}
	}
}

func TestTemplateDropDowns(t *testing.T) {
	f, _ := tmplOpen(t)
	dvs, err := f.GetDataValidations("Order")
	if err != nil {
		t.Fatal(err)
	}
	row := func(key string) string {
		for i, fl := range orderFields {
			if fl.Key == key {
				return fmt.Sprintf("B%d", i+2)
			}
		}
		return ""
	}
	cases := []struct {
		name, cell string
		mustList   []string
		mustNot    []string
	}{
		{"currency drop-down offers USD, CNY, EUR but not RMB", row("currency"), []string{"USD", "CNY", "EUR", "JPY"}, []string{"RMB", "CNH"}},
		{"incoterm drop-down is the 11 rules of Incoterms 2020", row("incoterm"), tmplIncoterms, []string{"DAT", "DDU"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var dv *excelize.DataValidation
			for _, d := range dvs {
				if d.Sqref == c.cell {
					dv = d
				}
			}
			if dv == nil {
				t.Fatalf("no data validation on Order!%s", c.cell)
			}
			if dv.Type != "list" {
				t.Errorf("validation type %q, want list", dv.Type)
			}
			list := strings.Split(strings.Trim(dv.Formula1, `"`), ",")
			have := map[string]bool{}
			for _, v := range list {
				have[v] = true
			}
			for _, v := range c.mustList {
				if !have[v] {
					t.Errorf("list %s lacks %s", dv.Formula1, v)
				}
			}
			for _, v := range c.mustNot {
				if have[v] {
					t.Errorf("list %s offers %s", dv.Formula1, v)
				}
			}
		})
	}
	if len(tmplIncoterms) != 11 {
		t.Errorf("%d Incoterms offered, want 11", len(tmplIncoterms))
	}
}

func TestTemplateWorkedExample(t *testing.T) {
	f, _ := tmplOpen(t)
	rows, err := f.GetRows("Items")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(tmplExampleItems) || len(tmplExampleItems) != 3 {
		t.Fatalf("Items has %d rows, want a header and the 3 example lines", len(rows))
	}
	col := func(key string) string {
		for i, k := range tmplItemColumns {
			if k == key {
				c, _ := excelize.ColumnNumberToName(i + 1)
				return c
			}
		}
		return ""
	}
	// The amount cells are formulas without cached values; computing them
	// must give quantity × unit price (M-5), as the reader will.
	want := []string{"1062.5", "1912.5", "1176"}
	for i, w := range want {
		cell := fmt.Sprintf("%s%d", col("amount"), i+2)
		got, err := f.CalcCellValue("Items", cell, excelize.Options{RawCellValue: true})
		if err != nil || got != w {
			t.Errorf("Items!%s computes to %q (%v), want %s", cell, got, err, w)
		}
	}
	pi, _ := f.GetCellValue("Order", "B4", excelize.Options{RawCellValue: true})
	if pi != "45356" { // 2024-03-05 as an Excel serial
		t.Errorf("Order!B4 (pi_date) raw = %q, want the serial 45356 of 2024-03-05", pi)
	}
}

func TestTemplateIsDeterministic(t *testing.T) {
	_, a := tmplOpen(t)
	_, b := tmplOpen(t)
	if !bytes.Equal(a, b) {
		t.Errorf("two WriteTemplate calls gave different bytes (%d vs %d)", len(a), len(b))
	}
}

// A new user's first step: write the blank workbook and open it in a
// spreadsheet program.
func ExampleWriteTemplate() {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		fmt.Println(err)
		return
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	fmt.Println(f.GetSheetList())
	header, _ := f.GetCellValue("Items", "C1")
	fmt.Println(header)
	// Output:
	// [Instructions Order Items Charges]
	// Description / 英文品名 *
}
