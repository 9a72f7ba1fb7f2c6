package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/xuri/excelize/v2"
)

// testSheet describes one sheet of a workbook built in a test.
type testSheet struct {
	name   string
	rows   [][]any // row 1 first; nil cells stay empty
	merges [][2]string
	// numFmt gives cells a built-in number format (9 = "0%").
	numFmt map[string]int
}

// formula is a cell holding a formula with no cached value, as programs
// (not Excel) write them.
type formula string

// buildWorkbook writes sheets to .xlsx bytes with excelize.
func buildWorkbook(t testing.TB, sheets ...testSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				var err error
				if fm, ok := v.(formula); ok {
					err = f.SetCellFormula(s.name, name, string(fm))
				} else {
					err = f.SetCellValue(s.name, name, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		for cell, nf := range s.numFmt {
			id, err := f.NewStyle(&excelize.Style{NumFmt: nf})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(s.name, cell, cell, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// orderSheet is a minimal valid Order sheet, with extra rows appended.
func orderSheet(extra ...[]any) testSheet {
	rows := [][]any{
		{"order_no", "PO-1"},
		{"seller_name_en", "Shenzhen Example Co., Ltd."},
		{"seller_address_en", "1 Keji Road, Shenzhen"},
		{"buyer_name", "Harbor Lane Goods LLC"},
		{"buyer_address", "100 Main St, Austin, TX"},
		{"currency", "USD"},
		{"incoterm", "FOB"},
		{"incoterm_place", "Shenzhen"},
	}
	return testSheet{name: "Order", rows: append(rows, extra...)}
}

var itemHeader = []any{"line_no", "description_en", "quantity", "unit", "unit_price", "amount"}

func itemsSheet(rows ...[]any) testSheet {
	return testSheet{name: "Items", rows: append([][]any{itemHeader}, rows...)}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// problemAt finds the problem of the kind at the location string.
func problemAt(ps invoice.Problems, kind error, where string) *invoice.Problem {
	for i := range ps {
		if errors.Is(ps[i], kind) && ps[i].Where.String() == where {
			return &ps[i]
		}
	}
	return nil
}

// readOne reads a workbook that must hold exactly one order and no file
// problems.
func readOne(t *testing.T, name string, data []byte) Result {
	t.Helper()
	rs, fps := Read(name, data, Options{})
	if len(fps) > 0 {
		t.Fatalf("file problems: %v", fps)
	}
	if len(rs) != 1 {
		t.Fatalf("got %d orders, want 1", len(rs))
	}
	return rs[0]
}

func TestReadTemplateWorkedExample(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTemplate(&b); err != nil {
		t.Fatal(err)
	}
	r := readOne(t, "blank.xlsx", b.Bytes())
	o := r.Order
	if o.OrderNo == "" || len(o.Items) != len(tmplExampleItems) || len(o.Charges) == 0 {
		t.Fatalf("order %q with %d items and %d charges", o.OrderNo, len(o.Items), len(o.Charges))
	}
	// The amount cells are formulas without cached values: computed.
	for i, it := range o.Items {
		if it.StatedAmount == nil || !it.StatedAmount.Equal(it.Amount(o.Currency)) {
			t.Errorf("item %d: stated amount %v, want %v", i+1, it.StatedAmount, it.Amount(o.Currency))
		}
	}
	// The example is a valid order: its only errors are the leftovers
	// that make check refuse an untouched template.
	leftovers := 0
	for _, p := range append(r.Problems, o.Validate()...) {
		if !errors.Is(p, invoice.ErrTemplateExample) {
			t.Errorf("worked example: %v", p)
		}
		leftovers++
	}
	if leftovers < 10 {
		t.Errorf("only %d leftovers reported for the untouched example", leftovers)
	}
}

func TestReadSingleOrder(t *testing.T) {
	tests := []struct {
		name   string
		sheets []testSheet
		check  func(t *testing.T, r Result)
	}{
		{
			name: "Chinese labels, RMB and an Incoterm with its place in one cell",
			sheets: []testSheet{
				{name: "订单", rows: [][]any{
					{"订单号", "PO-88"}, {"卖方英文名称", "Yiwu Toys Co."}, {"卖方英文地址", "Yiwu"},
					{"买方", "Acme"}, {"买方地址", "Reno"}, {"币种", "RMB"}, {"贸易术语", "FOB Ningbo"},
				}},
				{name: "明细", rows: [][]any{
					{"序号", "英文品名", "品名", "数量(PCS)", "单价（元）", "金额（元）"},
					{1, "Plush bear", "毛绒熊", 100, 12.5, 1250},
				}},
			},
			check: func(t *testing.T, r Result) {
				o := r.Order
				if o.OrderNo != "PO-88" || o.Currency.Code != "CNY" || o.Shipment.Incoterm != invoice.FOB || o.Shipment.Place != "Ningbo" {
					t.Errorf("order fields: %q %v %v %q", o.OrderNo, o.Currency, o.Shipment.Incoterm, o.Shipment.Place)
				}
				if p := problemAt(r.Problems, invoice.ErrCurrency, "x.xlsx!订单!B6"); p == nil || p.Severity != invoice.Warning {
					t.Errorf("want a warning for RMB at B6, got %v", r.Problems)
				}
				if got := o.Where["incoterm_place"].String(); got != "x.xlsx!订单!B7" {
					t.Errorf("incoterm_place read from %s", got)
				}
				it := o.Items[0]
				if it.DescriptionZH != "毛绒熊" || !it.UnitPrice.Equal(dec("12.5")) || it.At("unit_price").Cell != "E2" {
					t.Errorf("item %+v", it)
				}
			},
		},
		{
			name: "supplier quote: merged title, header on row 6, blank rows, 合计 row and bank footer",
			sheets: []testSheet{{
				name: "报价单",
				rows: [][]any{
					{"深圳市示例电子有限公司 PROFORMA INVOICE"},
					{},
					{"Order No. / 订单号: PO-7", nil, nil, "PI Date:", "2024年3月5日"},
					{"Currency / 币种", "USD", nil, "Price Terms", "FOB Shenzhen"},
					{},
					{"No.", "Model No.", "Description", "Qty", "Unit Price (US$)", "Total Amount(USD)", "备注2"},
					{1, "UC-100", "USB-C cable", "1,000", "0.85", 850},
					{2, "PB-10K", "Power bank", 300, 6.375, 1912.5},
					{},
					{3, "DL-07", "Desk lamp", 120, "$9.80", "1,176.00"},
					{"合计 Total", nil, nil, 1420, nil, 3938.5},
					{},
					{"SWIFT:", "BKCHCNBJ45A"},
				},
				merges: [][2]string{{"A1", "G1"}},
			}},
			check: func(t *testing.T, r Result) {
				o := r.Order
				if o.OrderNo != "PO-7" || o.Currency.Code != "USD" || o.Shipment.Place != "Shenzhen" || o.PIDate.String() != "2024-03-05" {
					t.Errorf("title block: %q %v %q %v", o.OrderNo, o.Currency, o.Shipment.Place, o.PIDate)
				}
				if o.Bank.SWIFT != "BKCHCNBJ45A" {
					t.Errorf("footer SWIFT %q", o.Bank.SWIFT)
				}
				if len(o.Items) != 3 {
					t.Fatalf("%d items, want 3", len(o.Items))
				}
				if !o.Items[0].Quantity.Equal(dec("1000")) || !o.Items[2].UnitPrice.Equal(dec("9.8")) || o.Items[2].At("quantity").Cell != "D10" {
					t.Errorf("items %+v", o.Items)
				}
				if o.StatedTotal == nil || !o.StatedTotal.Equal(dec("3938.5")) || o.Where["stated_total"].Cell != "F11" {
					t.Errorf("stated total %v at %v", o.StatedTotal, o.Where["stated_total"])
				}
				if r.Problems.HasErrors() {
					t.Errorf("problems: %v", r.Problems)
				}
			},
		},
		{
			name: "English header row over a Chinese one",
			sheets: []testSheet{orderSheet(), {name: "Items", rows: [][]any{
				{"Description", "Qty", "Unit Price", "Weight"},
				{"英文品名", "数量", "单价", "净重"},
				{"Mug", 10, 2, 5},
			}}},
			check: func(t *testing.T, r Result) {
				if len(r.Order.Items) != 1 || r.Order.Items[0].NetWeightKG == nil || len(r.Problems) > 0 {
					t.Errorf("items %+v problems %v", r.Order.Items, r.Problems)
				}
			},
		},
		{
			name: "quantity 12pcs is an error at its cell, never a silent 12",
			sheets: []testSheet{orderSheet(), itemsSheet(
				[]any{1, "Mug", "12pcs", "pcs", 2, 24},
				[]any{2, "Cup", nil, "pcs", nil, nil},
			)},
			check: func(t *testing.T, r Result) {
				p := problemAt(r.Problems, invoice.ErrNotANumber, "x.xlsx!Items!C2")
				if p == nil || !strings.Contains(p.Message, `"12pcs"`) || !strings.Contains(p.Message, "quantity") {
					t.Fatalf("problems %v", r.Problems)
				}
				for _, cell := range []string{"x.xlsx!Items!C3", "x.xlsx!Items!E3"} {
					if problemAt(r.Problems, invoice.ErrMissing, cell) == nil {
						t.Errorf("blank cell %s not reported: %v", cell, r.Problems)
					}
				}
				for _, p := range r.Order.Validate() {
					if strings.Contains(p.Message, "quantity") || strings.Contains(p.Message, "unit_price") {
						t.Errorf("Validate reported the unreadable cell again: %v", p)
					}
				}
			},
		},
		{
			name: "bad date, unknown currency and the withdrawn Incoterm DAT",
			sheets: []testSheet{{name: "Order", rows: [][]any{
				{"order_no", "PO-2"}, {"pi_date", "next Tuesday"}, {"currency", "XYZ"}, {"incoterm", "DAT"},
			}}, itemsSheet([]any{1, "Mug", 1, "pcs", 1, 1})},
			check: func(t *testing.T, r Result) {
				for _, want := range []struct {
					kind error
					cell string
					text string
				}{{invoice.ErrDate, "B2", "next Tuesday"}, {invoice.ErrCurrency, "B3", "XYZ"}, {invoice.ErrIncoterm, "B4", "DPU"}} {
					p := problemAt(r.Problems, want.kind, "x.xlsx!Order!"+want.cell)
					if p == nil || !strings.Contains(p.Message, want.text) {
						t.Errorf("want %v at %s mentioning %q; got %v", want.kind, want.cell, want.text, r.Problems)
					}
				}
				for _, p := range r.Order.Validate() {
					if errors.Is(p, invoice.ErrMissing) && (strings.Contains(p.Message, "currency") || strings.Contains(p.Message, "incoterm")) {
						t.Errorf("Validate reported an unreadable cell as missing: %v", p)
					}
				}
			},
		},
		{
			name: "dates as an Excel serial, 2024/3/5 and 2024年3月5日",
			sheets: []testSheet{orderSheet([]any{"pi_date", 45356}, []any{"valid_until", "2024/4/4"}, []any{"ship_date", "2024年5月1日"}),
				itemsSheet([]any{1, "Mug", 1, "pcs", 1, 1})},
			check: func(t *testing.T, r Result) {
				o := r.Order
				if o.PIDate.String() != "2024-03-05" || o.ValidUntil.String() != "2024-04-04" || o.Shipment.ShipDate.String() != "2024-05-01" {
					t.Errorf("dates %v %v %v; problems %v", o.PIDate, o.ValidUntil, o.Shipment.ShipDate, r.Problems)
				}
			},
		},
		{
			name: "deposit 30% as a percent-formatted 0.3, and deposit_received yes",
			sheets: []testSheet{
				func() testSheet {
					s := orderSheet([]any{"deposit_percent", 0.3}, []any{"deposit_received", "yes"})
					s.numFmt = map[string]int{"B9": 9}
					return s
				}(),
				itemsSheet([]any{1, "Mug", 1, "pcs", 1, 1}),
			},
			check: func(t *testing.T, r Result) {
				o := r.Order
				if o.DepositPercent == nil || !o.DepositPercent.Equal(dec("30")) {
					t.Errorf("deposit_percent %v", o.DepositPercent)
				}
				if problemAt(r.Problems, invoice.ErrNotANumber, "x.xlsx!Order!B10") == nil || o.DepositReceived != nil {
					t.Errorf("deposit_received yes: %v", r.Problems)
				}
			},
		},
		{
			name: "full prepayment: 1 in a cell formatted as 100%",
			sheets: []testSheet{
				func() testSheet {
					s := orderSheet([]any{"deposit_percent", 1})
					s.numFmt = map[string]int{"B9": 10}
					return s
				}(),
				itemsSheet([]any{1, "Mug", 1, "pcs", 1, 1}),
			},
			check: func(t *testing.T, r Result) {
				if d := r.Order.DepositPercent; d == nil || !d.Equal(dec("100")) {
					t.Errorf("deposit_percent %v, want 100", d)
				}
			},
		},
		{
			name: "deposit 1 in a plain cell of a workbook that shows another cell as a percentage",
			sheets: []testSheet{
				func() testSheet {
					s := orderSheet([]any{"deposit_percent", 1})
					s.numFmt = map[string]int{"B2": 9}
					return s
				}(),
				itemsSheet([]any{1, "Mug", 1, "pcs", 1, 1}),
			},
			check: func(t *testing.T, r Result) {
				if d := r.Order.DepositPercent; d == nil || !d.Equal(dec("1")) {
					t.Errorf("deposit_percent %v, want 1", d)
				}
			},
		},
		{
			name: "deposit 1 in a workbook with no percentage format at all",
			sheets: []testSheet{
				orderSheet([]any{"deposit_percent", 1}),
				itemsSheet([]any{1, "Mug", 1, "pcs", 1, 1}),
			},
			check: func(t *testing.T, r Result) {
				if d := r.Order.DepositPercent; d == nil || !d.Equal(dec("1")) {
					t.Errorf("deposit_percent %v, want 1", d)
				}
			},
		},
		{
			name: "logo and chop paths are relative to the workbook's folder",
			sheets: []testSheet{orderSheet([]any{"logo", "img/logo.png"}, []any{"chop", "/abs/chop.png"}),
				itemsSheet([]any{1, "Mug", 1, "pcs", 1, 1})},
			check: func(t *testing.T, r Result) {
				if r.Order.Logo != filepath.Join("orders", "img", "logo.png") || r.Order.Chop != "/abs/chop.png" {
					t.Errorf("logo %q chop %q", r.Order.Logo, r.Order.Chop)
				}
			},
		},
		{
			name: "charges with a discount and a blank freight line",
			sheets: []testSheet{orderSheet(), itemsSheet([]any{1, "Mug", 10, "pcs", 2, 20}), {name: "费用", rows: [][]any{
				{"Description", "费用名称", "Amount"},
				{"Freight", "运费", nil},
				{"Insurance", "保险费", "12.50"},
				{"Discount", "折扣", -5},
			}}},
			check: func(t *testing.T, r Result) {
				cs := r.Order.Charges
				if len(cs) != 2 || !cs[0].Amount.Equal(dec("12.5")) || !cs[1].Amount.Equal(dec("-5")) || cs[1].At("amount").Cell != "C4" {
					t.Errorf("charges %+v", cs)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			name := "x.xlsx"
			if strings.Contains(tc.name, "relative") {
				name = filepath.Join("orders", "x.xlsx")
			}
			tc.check(t, readOne(t, name, buildWorkbook(t, tc.sheets...)))
		})
	}
}

func TestReadManyOrders(t *testing.T) {
	data := buildWorkbook(t,
		testSheet{name: "Orders", rows: [][]any{
			{"Order No. / 订单号", "Seller", "Seller Address", "Buyer", "Buyer Address", "Currency", "Incoterm", "Incoterm Place", "PI Date"},
			{"PO-1", "S", "SA", "B", "BA", "USD", "FOB", "Shenzhen", "2024-03-05"},
			{"PO-2", "S", "SA", "B", "BA", "CNH", "EXW", "Yiwu", "2024-03-05"},
		}},
		testSheet{name: "Items", rows: [][]any{
			{"order_no", "description_en", "quantity", "unit_price"},
			{"PO-1", "Mug", 10, 2},
			{"PO-2", "Cup", 5, 3},
			{"PO-1", "Plate", 1, 7},
			{"PO-9", "Ghost", 1, 1},
		}},
		testSheet{name: "Charges", rows: [][]any{
			{"order_no", "description_en", "amount"},
			{"PO-2", "Freight", 100},
		}},
	)
	rs, fps := Read("many.xlsx", data, Options{})
	if len(rs) != 2 {
		t.Fatalf("%d orders", len(rs))
	}
	if len(rs[0].Order.Items) != 2 || len(rs[1].Order.Items) != 1 || len(rs[1].Order.Charges) != 1 {
		t.Errorf("grouping: %d, %d items, %d charges", len(rs[0].Order.Items), len(rs[1].Order.Items), len(rs[1].Order.Charges))
	}
	if rs[1].Order.Source.String() != "many.xlsx!Orders!A3" || rs[1].Order.Currency.Code != "CNY" {
		t.Errorf("second order from %v in %v", rs[1].Order.Source, rs[1].Order.Currency)
	}
	if p := problemAt(fps, invoice.ErrMissing, "many.xlsx!Items!A5"); p == nil || !strings.Contains(p.Message, "PO-9") {
		t.Errorf("item of unknown order: %v", fps)
	}
	for _, r := range rs {
		if ps := append(r.Problems, r.Order.Validate()...); ps.HasErrors() {
			t.Errorf("%s: %v", r.Order.OrderNo, ps)
		}
	}
}

func TestReadFileProblems(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"workbook without any item table", buildWorkbook(t, testSheet{name: "Notes", rows: [][]any{{"hello"}}}), "no item table"},
		{"Items sheet without a header row", buildWorkbook(t, orderSheet(), testSheet{name: "Items", rows: [][]any{{"a", "b"}, {1, 2}}}), "no header row"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, fps := Read("f.xlsx", tc.data, Options{})
			if len(fps) == 0 || !strings.Contains(fps.Error(), tc.want) || !errors.Is(fps[0], invoice.ErrFile) {
				t.Errorf("got %v, want %q", fps, tc.want)
			}
		})
	}
}

func TestVerboseListsIgnoredColumns(t *testing.T) {
	data := buildWorkbook(t, orderSheet(), testSheet{name: "Items", rows: [][]any{
		{"Description", "Qty", "Price", "备注2"}, {"Mug", 1, 1, "x"}}})
	var notes []string
	Read("v.xlsx", data, Options{Verbose: func(s string) { notes = append(notes, s) }})
	if !strings.Contains(strings.Join(notes, "\n"), `v.xlsx!Items!D1: ignored column "备注2"`) {
		t.Errorf("notes: %q", notes)
	}
}

func TestUnknownFieldNames(t *testing.T) {
	at := invoice.Location{File: "o.xlsx", Sheet: "Order", Cell: "A9"}
	tests := []struct {
		name, cell string
		warn       bool
		msg        string
	}{
		{"key typed with a letter missing", "bank_acount", true, "did you mean bank_account?"},
		{"key with two letters swapped", "buyer_adress", true, "did you mean buyer_address?"},
		{"label written as words", "Seller Adress", true, "did you mean seller_address_en?"},
		{"key-shaped name close to nothing", "freight_forwarder", true, "use a key from the blank workbook"},
		{"a title above the fields", "Proforma invoice details", false, ""},
		{"a note in Chinese", "请在B列填写", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, warn := unknownField(at, tt.cell)
			if warn != tt.warn {
				t.Fatalf("unknownField(%q) reports %v, want %v (%v)", tt.cell, warn, tt.warn, p)
			}
			if warn && (p.Severity != invoice.Warning || p.Where != at || !strings.Contains(p.Message, tt.msg) || !errors.Is(p, invoice.ErrUnknownField)) {
				t.Errorf("unknownField(%q) = %v; want a warning at A9 saying %q", tt.cell, p, tt.msg)
			}
		})
	}
}

// A flat item table (the CSV layout) saved as a workbook gets the sheet
// name of its file: orders, Sheet1, or anything else. Its layout is found
// by its header, not by that name.
func TestFlatTableWhateverTheSheetName(t *testing.T) {
	data, err := fixtureOrdersCSV()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]any
	for _, rec := range recs {
		row := make([]any, len(rec))
		for i, v := range rec {
			row[i] = v
		}
		rows = append(rows, row)
	}
	for _, name := range []string{"orders", "Sheet1", "flat", "Orders 2024-06"} {
		t.Run(name, func(t *testing.T) {
			b, err := fixtureBook{{name: name, rows: rows}}.xlsx()
			if err != nil {
				t.Fatal(err)
			}
			rs, fps := Read("orders.xlsx", b, Options{})
			if len(fps) != 0 || len(rs) != 2 {
				t.Fatalf("%d orders, file problems %v", len(rs), fps)
			}
			for _, r := range rs {
				if ps := append(r.Problems, r.Order.Validate()...); ps.HasErrors() {
					t.Errorf("order %s: %v", r.Order.OrderNo, ps)
				}
			}
			if rs[0].Order.OrderNo != "CSV-24-201" || len(rs[0].Order.Items) != 3 || len(rs[1].Order.Items) != 2 {
				t.Errorf("read %s with %d items, %s with %d", rs[0].Order.OrderNo, len(rs[0].Order.Items), rs[1].Order.OrderNo, len(rs[1].Order.Items))
			}
		})
	}
}
