package spreadsheet

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/xuri/excelize/v2"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"thousands separator", "1,234.50", "1234.5", true},
		{"yuan sign", "¥1,234.50", "1234.5", true},
		{"full-width yuan sign and digits from a Chinese IME", "￥１２３．５", "123.5", true},
		{"US dollar prefix", "US$1,234.50", "1234.5", true},
		{"code after the figure", "1,234.50 USD", "1234.5", true},
		{"yuan character after the figure", "850元", "850", true},
		{"accounting negative for a discount", "(50.00)", "-50", true},
		{"1688 unit price with three decimals", "0.085", "0.085", true},
		{"Excel exponent", "1.5E-3", "0.0015", true},
		{"unit glued to a quantity", "12pcs", "", false},
		{"approximate quantity", "about 12", "", false},
		{"European decimal comma is ambiguous", "1,5", "", false},
		{"Excel error value", "#DIV/0!", "", false},
		{"blank", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := parseNumber(tc.in)
			if ok != tc.ok || (ok && d.String() != tc.want) {
				t.Errorf("parseNumber(%q) = %v, %v; want %s, %v", tc.in, d, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseDateAndPercent(t *testing.T) {
	dates := map[string]string{
		"45356": "2024-03-05", "2024-03-05": "2024-03-05", "2024/3/5": "2024-03-05",
		"2024年3月5日": "2024-03-05", "２０２４年３月５日": "2024-03-05", "2024-03-05 00:00:00": "2024-03-05",
		"5 Mar 2024": "2024-03-05", "Mar 5, 2024": "2024-03-05",
		"05/03/2024": "", "2024-02-30": "", "soon": "",
	}
	for in, want := range dates {
		d, ok := parseDate(in, false)
		if got := d.String(); ok != (want != "") || got != want {
			t.Errorf("parseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	percents := []struct {
		in       string
		fraction bool
		want     string
	}{{"30", false, "30"}, {"30%", false, "30"}, {"0.3", false, "30"}, {"1", false, "1"}, {"1", true, "100"}, {"0.5", true, "50"}, {"３０％", false, "30"}}
	for _, p := range percents {
		d, ok := parsePercent(p.in, p.fraction)
		if !ok || d.String() != p.want {
			t.Errorf("parsePercent(%q, %v) = %v, %v; want %s", p.in, p.fraction, d, ok, p.want)
		}
	}
	if got := rawNumber("0.30000000000000004"); got != "0.3" {
		t.Errorf("rawNumber float artefact = %s", got)
	}
	if got := rawNumber("6222021234567890123"); got != "6222021234567890123" {
		t.Errorf("rawNumber changed a 19-digit account number: %s", got)
	}
}

func TestReadLibreOfficeWorkbook(t *testing.T) {
	path := filepath.Join("testdata", "libreoffice-order.xlsx")
	rs, fps := ReadFile(path, Options{})
	if len(fps) > 0 || len(rs) != 1 {
		t.Fatalf("%d orders, file problems %v", len(rs), fps)
	}
	o := rs[0].Order
	if o.OrderNo != "PO-LO-1" || o.PIDate.String() != "2024-03-05" || len(o.Items) != 2 || o.Items[1].DescriptionZH != "竹杯垫" {
		t.Errorf("read %q %v %d items", o.OrderNo, o.PIDate, len(o.Items))
	}
	if got := o.Items[1].At("unit_price").String(); got != path+"!order!N3" {
		t.Errorf("unit price at %s", got)
	}
	if ps := append(rs[0].Problems, o.Validate()...); ps.HasErrors() {
		t.Errorf("problems: %v", ps)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

// Reading a CSV export: every value keeps its line and column, and a
// quantity with its unit glued on is an error, never a silent 12.
func ExampleRead() {
	data := []byte("order_no,description_en,quantity,unit_price\nPO-1,Ceramic mug,500,1.25\nPO-1,Bamboo coaster,12pcs,0.30\n")
	orders, fileProblems := Read("orders.csv", data, Options{})
	o := orders[0].Order
	fmt.Println(o.OrderNo, len(o.Items), o.Items[0].DescriptionEN, o.Items[0].At("unit_price"))
	fmt.Println(orders[0].Problems)
	fmt.Println(len(fileProblems))
	// Output:
	// PO-1 2 Ceramic mug orders.csv:2:4
	// orders.csv:3:3: quantity "12pcs" is not a number; expected a number such as 12 or 1,234.50; put the unit in the unit column
	// 0
}

func TestRawNumberTidiesBinaryFloatingPoint(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"sum that binary floating point cannot hold", "0.30000000000000004", "0.3"},
		{"price stored as 12.349999999999999", "12.349999999999999", "12.35"},
		{"small value in exponent form", "1.5E-3", "0.0015"},
		{"large value in exponent form", "1.23456E+5", "123456"},
		{"negative discount", "-6.2500000000000009", "-6.25"},
		{"ordinary price kept as written", "0.085", "0.085"},
		{"long account number typed as text", "6222021001234567890", "6222021001234567890"},
		{"20-digit account as Excel stores it: kept in exponent form (N-1)", "3.5150198120100002E+19", "3.5150198120100002E+19"},
		{"19-digit account as LibreOffice stores it", "1.00123450900057E+018", "1.00123450900057E+018"},
		{"15-digit figure in exponent form written out", "1.23456789012345E+14", "123456789012345"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rawNumber(tt.in); got != tt.want {
				t.Errorf("rawNumber(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestShownNumberRemovesBinaryNoiseOnly(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"weight Excel shows as 14.4", "14.3999999999999", "14.4"},
		{"CI total Excel shows as 1020", "1019.99999999999", "1020"},
		{"noise below one", "0.284999999999999", "0.285"},
		{"1688 unit price kept", "0.085", "0.085"},
		{"price with three decimals kept", "4.085", "4.085"},
		{"five decimals kept", "1.23456", "1.23456"},
		{"twelve real digits kept", "1.23456789012", "1.23456789012"},
		{"negative discount with noise", "-6.24999999999999", "-6.25"},
		{"zero", "0", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changed := shownNumber(decimal.RequireFromString(tt.in))
			if got.String() != tt.want || changed != (tt.in != tt.want) {
				t.Errorf("shownNumber(%s) = %s, %v; want %s", tt.in, got, changed, tt.want)
			}
		})
	}
}

// Identifiers typed as numbers: read as the cell's number format shows
// them when it shows every digit, refused when digits were lost (N-1).
func TestIdentifiersReadAsShown(t *testing.T) {
	order := fixtureBaseOrder()
	order = append(order, []any{"bank_cnaps", 104584000003}) // B17, General: 12 digits are safe
	order[5][1] = nil                                        // no USCC needed here
	items := fixtureBaseItems()
	items[1][4] = 3924.1   // HS code typed as a number under the format 0.00: shows 3924.10
	items[2][4] = 392490   // under 0000000000: shows 0000392490
	items[3][1] = 6.9e12   // SKU (an EAN) of 13 digits under General
	items[3][4] = "3924.9" // typed as text: read as typed
	book := fixtureBook{{name: "Order", rows: order}, {name: "Items", rows: items}}
	data, err := book.xlsx()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	two, _ := f.NewStyle(&excelize.Style{NumFmt: 2})
	ten, _ := f.NewStyle(&excelize.Style{CustomNumFmt: tmplPtr("0000000000")})
	f.SetCellStyle("Items", "E2", "E2", two)
	f.SetCellStyle("Items", "E3", "E3", ten)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	rs, fps := Read("ids.xlsx", buf.Bytes(), Options{})
	if len(fps) != 0 || len(rs) != 1 {
		t.Fatalf("%d orders, %v", len(rs), fps)
	}
	if len(rs[0].Problems) != 0 {
		t.Errorf("problems: %v", rs[0].Problems)
	}
	o := rs[0].Order
	got := []string{o.Bank.CNAPS, o.Items[0].HSCode, o.Items[1].HSCode, o.Items[2].SKU, o.Items[2].HSCode}
	want := []string{"104584000003", "3924.10", "0000392490", "6900000000000", "3924.9"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("read %q, want %q", got, want)
	}
}

func TestIdentifierWhoseDigitsWereLost(t *testing.T) {
	tests := []struct {
		name, csv, where, msg string
	}{
		{"account in exponent form after a round trip", "order_no,bank_account,description_en,quantity,unit_price\nPO-1,3.51501981201E+19,Mug,1,2\n",
			"a.csv:2:2", `bank_account "3.51501981201E+19" is a number in exponent form`},
		{"USCC damaged the same way", "order_no,seller_tax_id,description_en,quantity,unit_price\nPO-1,9.13301E+17,Mug,1,2\n",
			"a.csv:2:2", `seller_tax_id "9.13301E+17"`},
		{"HS code in exponent form", "order_no,description_en,hs_code,quantity,unit_price\nPO-1,Mug,6.912E+9,1,2\n",
			"a.csv:2:3", `hs_code "6.912E+9"`},
		{"order number in exponent form", "order_no,description_en,quantity,unit_price\n2.02403E+11,Mug,1,2\n",
			"a.csv:2:1", `order_no "2.02403E+11"`},
	}
	t.Run("model number 3E20 is no number", func(t *testing.T) {
		rs, _ := Read("a.csv", []byte("order_no,sku,description_en,quantity,unit_price\nPO-1,3E20,Mug,1,2\n"), Options{})
		if len(rs) != 1 || len(rs[0].Problems) != 0 || rs[0].Order.Items[0].SKU != "3E20" {
			t.Errorf("read %+v", rs)
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, fps := Read("a.csv", []byte(tt.csv), Options{})
			if len(fps) != 0 || len(rs) != 1 {
				t.Fatalf("%d orders, %v", len(rs), fps)
			}
			ps := rs[0].Problems
			if len(ps) != 1 || ps[0].Where.String() != tt.where || !strings.Contains(ps[0].Message, tt.msg) ||
				!strings.Contains(ps[0].Message, "format the column as Text") || !errors.Is(ps[0], invoice.ErrDigitsLost) {
				t.Fatalf("problems %v; want one at %s saying %s", ps, tt.where, tt.msg)
			}
			o := rs[0].Order
			for _, v := range []string{o.Bank.Account, o.Seller.TaxID, o.Items[0].HSCode} {
				if strings.Contains(v, "E+") || strings.Contains(v, "0000000") {
					t.Errorf("damaged value %q reached the order", v)
				}
			}
			for _, v := range o.Validate() {
				if v.Where.String() == tt.where {
					t.Errorf("Validate adds %v for a field already reported", v)
				}
			}
		})
	}
}

// Packing figures are read as their number format shows them; an HS code
// that a number cell cut short is named with the fix (N-1, N-2).
func TestPackingShownAndHSCodeNumberCell(t *testing.T) {
	items := fixtureBaseItems()
	items[0] = append(items[0], "N.W. (kg)", "CBM")
	items[1] = append(items[1], 14.43, 0.123456)
	items[2] = append(items[2], 14.3999999999999, 0.2)
	items[3] = append(items[3], 20, 0.1)
	items[3][4] = 6912 // HS code 6912.00 typed into a General cell
	r := readBook(t, "packing.xlsx", fixtureBook{{name: "Order", rows: fixtureBaseOrder()}, {name: "Items", rows: items, formats: map[string]string{"J": "0.0"}}})
	o := r.Order
	var got []string
	for _, it := range o.Items {
		got = append(got, it.NetWeightKG.String()+"/"+it.CBM.String())
	}
	if want := "14.4/0.123456 14.4/0.2 20/0.1"; strings.Join(got, " ") != want {
		t.Errorf("weights/volumes read %q, want %q", strings.Join(got, " "), want)
	}
	ps := r.Problems
	if len(ps) != 1 || ps[0].Where.Cell != "E4" || !errors.Is(ps[0], invoice.ErrHSCode) || !strings.Contains(ps[0].Message, `hs_code "6912" is a number cell`) {
		t.Errorf("problems %v; want the HS code at E4 named as a number cell", ps)
	}
	if vs := o.Validate(); vs.HasErrors() {
		t.Errorf("Validate finds errors the reader did not: %v", vs)
	}
}

// A price the number format shows rounded is used as the cell holds it,
// with a warning naming both (N-2).
func TestPriceShownRoundedIsAWarning(t *testing.T) {
	r := readBook(t, "prices.xlsx", fixtureBook{{name: "Order", rows: fixtureBaseOrder()}, {name: "Items", rows: fixtureBaseItems(), formats: map[string]string{"H": "0.00"}}})
	var got []string
	for _, p := range r.Problems {
		got = append(got, p.Error())
	}
	want := []string{
		"prices.xlsx!Items!H2: warning: unit_price 0.285 is shown as 0.29 by the cell's number format; the documents use 0.285, the value the cell holds (N-2)",
		"prices.xlsx!Items!H3: warning: unit_price 0.085 is shown as 0.09 by the cell's number format; the documents use 0.085, the value the cell holds (N-2)",
		"prices.xlsx!Items!H4: warning: unit_price 1.235 is shown as 1.24 by the cell's number format; the documents use 1.235, the value the cell holds (N-2)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !r.Order.Items[1].UnitPrice.Equal(decimal.RequireFromString("0.085")) {
		t.Errorf("unit price read as %s", r.Order.Items[1].UnitPrice)
	}
}

// readBook writes a workbook and reads its one order.
func readBook(t *testing.T, name string, book fixtureBook) Result {
	t.Helper()
	data, err := book.xlsx()
	if err != nil {
		t.Fatal(err)
	}
	return readOne(t, name, data)
}

// TestParseDateRefusesSerialsOfNoTradeYear: a number read as an Excel date
// serial that lands before 1990 or after 2099 is a mistyped cell, never a
// day printed on an invoice (IN-3): "2024" alone was dated 1905-07-16.
func TestParseDateRefusesSerialsOfNoTradeYear(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "" when refused
	}{
		{"the year alone typed into pi_date", "2024", ""},
		{"a validity of 30 days typed into valid_until", "30", ""},
		{"serial of 1989-12-31", "32873", ""},
		{"serial of 1990-01-01", "32874", "1990-01-01"},
		{"serial of a 2024 PI date", "45356", "2024-03-05"},
		{"serial of 2099-12-31", "73050", "2099-12-31"},
		{"serial of 2100-01-01", "73051", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := parseDate(tt.in, false)
			if got := d.String(); ok != (tt.want != "") || (ok && got != tt.want) {
				t.Errorf("parseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}
