package spreadsheet

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rawNumber(tt.in); got != tt.want {
				t.Errorf("rawNumber(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
