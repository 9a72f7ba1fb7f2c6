package spreadsheet

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/invoice"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const twoOrdersCSV = `order_no,seller_name_en,seller_address_en,buyer_name,buyer_address,currency,incoterm,incoterm_place,description_en,quantity,unit_price,amount,pi_date
PO-1,Shenzhen Example Co.,1 Keji Rd,Acme,Reno,USD,FOB,Shenzhen,USB cable,"1,000",0.85,850.00,2024-03-05
PO-1,Shenzhen Example Co.,1 Keji Rd,Acme,Reno,USD,FOB,Shenzhen,Power bank,300,6.375,1912.50,2024-03-05
PO-2,Yiwu Toys,Yiwu,Acme,Reno,CNY,EXW,Yiwu,Plush bear,100,12.5,1250,2024-03-06
`

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name  string
		data  func(t *testing.T) []byte
		check func(t *testing.T, rs []Result)
	}{
		{
			name: "UTF-8 export with BOM, two orders grouped by order_no",
			data: func(*testing.T) []byte { return []byte("\xEF\xBB\xBF" + twoOrdersCSV) },
			check: func(t *testing.T, rs []Result) {
				if len(rs) != 2 || len(rs[0].Order.Items) != 2 || len(rs[1].Order.Items) != 1 {
					t.Fatalf("orders %d", len(rs))
				}
				o := rs[0].Order
				if o.OrderNo != "PO-1" || !o.Items[0].Quantity.Equal(dec("1000")) {
					t.Errorf("order %q qty %v", o.OrderNo, o.Items[0].Quantity)
				}
				if got := o.Items[1].At("unit_price").String(); got != "o.csv:3:11" {
					t.Errorf("unit_price of line 2 at %s", got)
				}
				if got := rs[1].Order.Source.String(); got != "o.csv:4" {
					t.Errorf("PO-2 from %s", got)
				}
				for _, r := range rs {
					if ps := append(r.Problems, r.Order.Validate()...); ps.HasErrors() {
						t.Errorf("%s: %v", r.Order.OrderNo, ps)
					}
				}
			},
		},
		{
			name: "GBK file saved by Excel on Chinese Windows, Chinese headers",
			data: func(t *testing.T) []byte {
				return gbk(t, "订单号,币种,英文品名,品名,数量,单价(元),金额（元）\r\nPO-9,人民币,Plush bear,毛绒熊,100,12.5,\"1,250.00\"\r\n")
			},
			check: func(t *testing.T, rs []Result) {
				o := rs[0].Order
				if o.OrderNo != "PO-9" || o.Currency.Code != "CNY" || o.Items[0].DescriptionZH != "毛绒熊" || !o.Items[0].StatedAmount.Equal(dec("1250")) {
					t.Errorf("read %q %v %q", o.OrderNo, o.Currency, o.Items[0].DescriptionZH)
				}
				if p := problemAt(rs[0].Problems, invoice.ErrCurrency, "o.csv:2:2"); p == nil || p.Severity != invoice.Warning {
					t.Errorf("want alias warning at 2:2: %v", rs[0].Problems)
				}
			},
		},
		{
			name: "order fields that disagree inside one order name both rows",
			data: func(*testing.T) []byte {
				return []byte(strings.Replace(twoOrdersCSV, "Reno,USD,FOB,Shenzhen,Power", "Reno,EUR,FOB,Shenzhen,Power", 1))
			},
			check: func(t *testing.T, rs []Result) {
				p := problemAt(rs[0].Problems, invoice.ErrConflict, "o.csv:3:6")
				if p == nil || !strings.Contains(p.Message, "o.csv:2:6") || !strings.Contains(p.Message, "EUR") {
					t.Errorf("conflict: %v", rs[0].Problems)
				}
			},
		},
		{
			name: "semicolon-separated file from a European Excel",
			data: func(*testing.T) []byte {
				return []byte("order_no;description_en;quantity;unit_price\nPO-3;Mug;12pcs;2\n")
			},
			check: func(t *testing.T, rs []Result) {
				if problemAt(rs[0].Problems, invoice.ErrNotANumber, "o.csv:2:3") == nil {
					t.Errorf("12pcs: %v", rs[0].Problems)
				}
			},
		},
		{
			name: "trailing 合计 row is the stated total",
			data: func(*testing.T) []byte {
				return []byte("description_en,quantity,unit_price,amount\nMug,10,2,20\nCup,1,5,5\n合计,,,26\n")
			},
			check: func(t *testing.T, rs []Result) {
				o := rs[0].Order
				if len(o.Items) != 2 || o.StatedTotal == nil || !o.StatedTotal.Equal(dec("26")) || o.Where["stated_total"].String() != "o.csv:4:4" {
					t.Errorf("items %d total %v", len(o.Items), o.StatedTotal)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, fps := Read("o.csv", tc.data(t), Options{})
			if len(fps) > 0 || len(rs) == 0 {
				t.Fatalf("file problems %v, %d orders", fps, len(rs))
			}
			tc.check(t, rs)
		})
	}
}

func TestReadCSVNotAnOrderFile(t *testing.T) {
	_, fps := Read("notes.csv", []byte("hello,world\nfoo,bar\n"), Options{})
	if len(fps) != 1 || !errors.Is(fps[0], invoice.ErrFile) || !strings.Contains(fps[0].Message, "no header row") {
		t.Errorf("got %v", fps)
	}
}

func TestReadCSVDecimalCommas(t *testing.T) {
	const head = "order_no;description_en;quantity;unit_price;amount\n"
	tests := []struct {
		name   string
		body   string
		prices []string // unit prices read, line by line
		amount string   // the first line's stated amount
		errAt  string   // or the cell of the error
		err    string
	}{
		{"German Excel export: 1,085 is one point oh eight five", "PO-1;Schraube;1.000;1,085;1.085,00\n",
			[]string{"1.085"}, "1085", "", ""},
		{"decimal commas without any thousands", "PO-1;Mug;10;0,85;8,5\nPO-1;Cup;2;12,5;25\n",
			[]string{"0.85", "12.5"}, "8.5", "", ""},
		{"euro signs around decimal commas", "PO-1;Mug;10;€ 0,85;8,50 €\n",
			[]string{"0.85"}, "8.5", "", ""},
		{"semicolons with decimal points, as some programs write them", "PO-1;Mug;1,000;0.85;850.00\n",
			[]string{"0.85"}, "850", "", ""},
		{"1.085 with no decimal comma anywhere is ambiguous", "PO-1;Mug;10;1.085;\n",
			nil, "", "o.csv:2:4", `"1.085" is ambiguous in a file separated by semicolons: 1085 with the dot grouping thousands`},
		{"a file mixing both conventions", "PO-1;Mug;10;0,85;\nPO-1;Cup;2;12.5;\n",
			nil, "", "o.csv:3:4", `"12.5" is written with a decimal point, but "0,85" (o.csv:2:4) with a decimal comma`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, fps := Read("o.csv", []byte(head+tc.body), Options{})
			if tc.err != "" {
				if p := problemAt(fps, invoice.ErrNotANumber, tc.errAt); p == nil || !strings.Contains(p.Message, tc.err) || len(rs) != 0 {
					t.Fatalf("want an error at %s saying %q, got %d orders, %v", tc.errAt, tc.err, len(rs), fps)
				}
				return
			}
			if len(fps) > 0 || len(rs) != 1 || len(rs[0].Order.Items) != len(tc.prices) {
				t.Fatalf("%v, %d orders", fps, len(rs))
			}
			for i, p := range tc.prices {
				if got := rs[0].Order.Items[i].UnitPrice; !got.Equal(dec(p)) {
					t.Errorf("line %d: unit price %s, want %s", i+1, got, p)
				}
			}
			if a := rs[0].Order.Items[0].StatedAmount; a == nil || !a.Equal(dec(tc.amount)) {
				t.Errorf("amount %v, want %s", a, tc.amount)
			}
			for _, p := range rs[0].Problems {
				if errors.Is(p, invoice.ErrNotANumber) {
					t.Errorf("%v", p)
				}
			}
		})
	}
}

// TestReadLibreOfficeGermanCSV reads what LibreOffice with a German locale
// writes (testdata/README.md): 1,25 is 1.25 (N-3); it was "not a number".
func TestReadLibreOfficeGermanCSV(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "libreoffice-de-order.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rs, fps := Read("de.csv", data, Options{})
	if len(fps) > 0 || len(rs) != 1 || len(rs[0].Order.Items) != 2 {
		t.Fatalf("%v, %d orders", fps, len(rs))
	}
	for i, want := range []struct{ qty, price string }{{"500", "1.25"}, {"1000", "0.3"}} {
		it := rs[0].Order.Items[i]
		if !it.Quantity.Equal(dec(want.qty)) || !it.UnitPrice.Equal(dec(want.price)) {
			t.Errorf("line %d: %s × %s, want %s × %s", i+1, it.Quantity, it.UnitPrice, want.qty, want.price)
		}
	}
	if ps := append(rs[0].Problems, rs[0].Order.Validate()...); ps.HasErrors() {
		t.Errorf("%v", ps)
	}
}

// TestReadTextSavedWithoutChinese: a spreadsheet program that saves a CSV in
// a Western encoding writes "?" for each Chinese character (LibreOffice's
// default "Text CSV" export does). The question marks must never reach a
// document: each such cell is an error naming it (IN-6).
func TestReadTextSavedWithoutChinese(t *testing.T) {
	const head = "order_no,seller_name_en,seller_name_zh,seller_address_en,buyer_name,buyer_address,currency,incoterm,incoterm_place,pi_date,description_en,description_zh,quantity,unit_price\n"
	tests := []struct {
		name  string
		line  string
		errAt string // "" when the file is fine
	}{
		{"supplier's Chinese name became question marks", `PO-1,Xiamen Sunrise Ceramics Co.,??????????,1 Tongji Rd,Acme,Reno,USD,FOB,Xiamen,2024-06-03,Coffee mug,陶瓷杯,100,1.5`, "o.csv:2:3"},
		{"Chinese description became question marks", `PO-1,Xiamen Sunrise Ceramics Co.,厦门日升陶瓷有限公司,1 Tongji Rd,Acme,Reno,USD,FOB,Xiamen,2024-06-03,Coffee mug,???,100,1.5`, "o.csv:2:12"},
		{"English description with Chinese lost inside it", `PO-1,Xiamen Sunrise Ceramics Co.,厦门日升陶瓷有限公司,1 Tongji Rd,Acme,Reno,USD,FOB,Xiamen,2024-06-03,Coffee mug ??,,100,1.5`, "o.csv:2:11"},
		{"one question mark is an ordinary character", `PO-1,Xiamen Sunrise Ceramics Co.,厦门日升陶瓷有限公司,1 Tongji Rd,Acme,Reno,USD,FOB,Xiamen,2024-06-03,Mug (what size?),陶瓷杯,100,1.5`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, fps := Read("o.csv", []byte(head+tc.line+"\n"), Options{})
			var ps invoice.Problems
			ps = append(ps, fps...)
			for _, r := range rs {
				ps = append(ps, r.Problems...)
				ps = append(ps, r.Order.Validate()...)
			}
			if tc.errAt == "" {
				if ps.HasErrors() {
					t.Fatalf("unexpected errors: %v", ps)
				}
				return
			}
			if p := problemAt(ps, invoice.ErrCharacter, tc.errAt); p == nil || !strings.Contains(p.Message, "UTF-8") {
				t.Fatalf("want an error at %s saying to save as UTF-8, got %v", tc.errAt, ps)
			}
			for _, p := range ps {
				if errors.Is(p, invoice.ErrMissing) {
					t.Errorf("the damaged cell is also called missing: %v", p)
				}
			}
		})
	}
}

// TestReadPriceInAnotherCurrency: a currency sign in a price, amount or
// charge that names another currency than the order's (a yuan price pasted
// into a USD order) is an error at the cell, never printed as USD (M-6).
func TestReadPriceInAnotherCurrency(t *testing.T) {
	const head = "order_no,seller_name_en,seller_address_en,buyer_name,buyer_address,currency,incoterm,incoterm_place,pi_date,description_en,quantity,unit_price,amount\n"
	tests := []struct {
		name     string
		currency string
		price    string
		amount   string
		errAt    string // "" when the sign agrees with the currency
	}{
		{"yuan sign on a USD order's price", "USD", "¥1.5", "150", "o.csv:2:12"},
		{"元 after a USD order's amount", "USD", "1.5", "150元", "o.csv:2:13"},
		{"euro price on a USD order", "USD", "€1.5", "150", "o.csv:2:12"},
		{"US$ on a USD order", "USD", "US$1.5", "$150.00", ""},
		{"RMB price on a CNY order", "CNY", "RMB 1.5", "¥150", ""},
		{"dollar sign on an HKD order", "HKD", "$1.5", "150", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			line := "PO-1,Xiamen Sunrise Ceramics Co.,1 Tongji Rd,Acme,Reno," + tc.currency + ",FOB,Xiamen,2024-06-03,Coffee mug,100,\"" + tc.price + "\",\"" + tc.amount + "\"\n"
			rs, fps := Read("o.csv", []byte(head+line), Options{})
			var ps invoice.Problems
			ps = append(ps, fps...)
			for _, r := range rs {
				ps = append(ps, r.Problems...)
			}
			if tc.errAt == "" {
				if ps.HasErrors() {
					t.Fatalf("unexpected errors: %v", ps)
				}
				return
			}
			if p := problemAt(ps, invoice.ErrCurrency, tc.errAt); p == nil || !strings.Contains(p.Message, tc.currency) {
				t.Fatalf("want a currency error at %s naming %s, got %v", tc.errAt, tc.currency, ps)
			}
		})
	}
}
