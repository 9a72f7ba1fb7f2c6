package memo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/templates"
)

func TestRemittanceSupplierNames(t *testing.T) {
	tests := []struct {
		name    string
		seller  string
		orderNo string
		// wantName is the supplier's name as the memo must show it
		// (normalised); wantShort says the name must lose words.
		wantName  string
		wantShort bool
		wantRef   string
	}{
		{"long Shenzhen trading company fits in two lines", "Shenzhen Huaqiang North Electronic Technology Trading Co., Ltd.", "PO-2024-0315",
			"Shenzhen Huaqiang North Electronic Technology Trading Co., Ltd.", false, "PO-2024-0315"},
		{"import and export company with an ampersand", "Yiwu Hongda Import & Export Co., Ltd.", "PO-2024-0316",
			"Yiwu Hongda Import and Export Co., Ltd.", false, "PO-2024-0316"},
		{"full-width letters typed with a Chinese input method", "ＡＢＣ Ｔｒａｄｉｎｇ Ｃｏ．，Ｌｔｄ．", "PO-7",
			"ABC Trading Co.,Ltd.", false, "PO-7"},
		{"German supplier with accents", "Café Müller GmbH", "DE-2024-11",
			"Cafe Muller GmbH", false, "DE-2024-11"},
		{"apostrophe and ampersand in a Hong Kong name", "O'Brien & Sons Trading (HK) Limited", "HK-88",
			"O'Brien and Sons Trading (HK) Limited", false, "HK-88"},
		{"curly apostrophe from a Word document", "Lucky’s Toys Factory", "LT-1",
			"Lucky's Toys Factory", false, "LT-1"},
		{"quoted brand name", `Xiamen "Sunshine" Outdoor Products Co., Ltd`, "XM-2024-5",
			"Xiamen 'Sunshine' Outdoor Products Co., Ltd", false, "XM-2024-5"},
		{"hyphenated pinyin and no space after the comma", "Dongguan Xin-Da-Long Precision Hardware Co.,Ltd", "DG-0042",
			"Dongguan Xin-Da-Long Precision Hardware Co.,Ltd", false, "DG-0042"},
		{"hash in the order number becomes NO.", "Ningbo Sunrise Trading Co., Ltd.", "PO#123",
			"Ningbo Sunrise Trading Co., Ltd.", false, "PONO.123"},
		{"full-width order number", "Ningbo Sunrise Trading Co., Ltd.", "ＰＯ２０２４０３１５",
			"Ningbo Sunrise Trading Co., Ltd.", false, "PO20240315"},
		{"order number with spaces is never split", "Guangzhou Baiyun Leather Goods Factory", "PO 2024 0315 A",
			"Guangzhou Baiyun Leather Goods Factory", false, "PO 2024 0315 A"},
		{"very long partnership name loses words from the end", "Guangzhou Baiyun District Xinshidai Leather Goods Factory (General Partnership) Branch Office", "PO-2024-0315",
			"Guangzhou Baiyun District Xinshidai Leather Goods Factory (General Partnership) Branch Office", true, "PO-2024-0315"},
		{"34-character order number squeezes the name", "Ningbo Beilun Haitian Plastic Machinery Manufacturing Group Co., Ltd.", "AMZ-US-2024-03-15-SZHQ-ELEC-B00017",
			"Ningbo Beilun Haitian Plastic Machinery Manufacturing Group Co., Ltd.", true, "AMZ-US-2024-03-15-SZHQ-ELEC-B00017"},
		{"e-mail address in the name", "Acme Sourcing (sales@acme-sourcing.com)", "AC-1",
			"Acme Sourcing (sales at acme-sourcing.com)", false, "AC-1"},
		{"name with a dash between words never starts a line with it", "Shenzhen Xinhuadu Electronic Parts - Trading Branch", "WS-2024-77",
			"Shenzhen Xinhuadu Electronic Parts - Trading Branch", false, "WS-2024-77"},
	}
	w := bundled(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder()
			o.Seller.Name, o.OrderNo = tt.seller, tt.orderNo
			for _, s := range o.Totals().Stages() {
				lines, ps := w.Remittance(o, s)
				if ps.HasErrors() {
					t.Fatalf("%s: unexpected errors: %v", s.Kind, ps)
				}
				checkSWIFT(t, lines)
				if !lineWith(lines, tt.wantRef) {
					t.Errorf("%s: order number %q not whole on one line: %q", s.Kind, tt.wantRef, lines)
				}
				if !lineWith(lines, StageText(s)) {
					t.Errorf("%s: stage %q not whole on one line: %q", s.Kind, StageText(s), lines)
				}
				if !lineWith(lines, Purpose) {
					t.Errorf("%s: %q missing: %q", s.Kind, Purpose, lines)
				}
				u := Ustrd(lines)
				shortened := hasKind(ps, ErrShortened, invoice.Warning)
				if shortened != tt.wantShort {
					t.Errorf("%s: shortened = %v, want %v (problems %v, memo %q)", s.Kind, shortened, tt.wantShort, ps, lines)
				}
				if !tt.wantShort {
					if !strings.Contains(u, tt.wantName) {
						t.Errorf("%s: supplier %q missing from %q", s.Kind, tt.wantName, u)
					}
					continue
				}
				// The name shown is the full name cut after a whole word.
				words := strings.Fields(tt.wantName)
				found := false
				for n := len(words) - 1; n >= 1; n-- {
					prefix := strings.Join(words[:n], " ")
					if strings.HasSuffix(u, " "+prefix) {
						found = true
						for _, p := range ps {
							if errors.Is(p, ErrShortened) && !strings.Contains(p.Message, `"`+prefix+`"`) {
								t.Errorf("%s: warning %q does not quote the shortened name %q", s.Kind, p.Message, prefix)
							}
							if errors.Is(p, ErrShortened) && p.Where.Cell != "B5" {
								t.Errorf("%s: warning at %v, want the seller_name_en cell B5", s.Kind, p.Where)
							}
						}
						break
					}
				}
				if strings.Count(u, "(") != strings.Count(u, ")") {
					t.Errorf("%s: shortened name leaves a parenthesis open: %q", s.Kind, u)
				}
				if !found {
					t.Errorf("%s: memo %q does not end in whole words of %q", s.Kind, u, tt.wantName)
				}
			}
		})
	}
}

func TestRemittanceErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(o *invoice.Order)
		kind   error
		// wantIn are substrings of the error message; wantCell where it is.
		wantIn   []string
		wantCell string
	}{
		{"supplier with only a Chinese name", func(o *invoice.Order) { o.Seller.Name = "" },
			ErrChineseOnly, []string{"SWIFT cannot carry Chinese", "seller_name_en", "bank_beneficiary"}, "B5"},
		{"Chinese typed into the English name column", func(o *invoice.Order) { o.Seller.Name = "深圳市华强北电子科技有限公司" },
			ErrChineseOnly, []string{"Chinese", "seller_name_en"}, "B5"},
		{"no supplier name at all", func(o *invoice.Order) { o.Seller = invoice.Party{} },
			invoice.ErrMissing, []string{"seller_name_en"}, "B5"},
		{"Chinese in the order number", func(o *invoice.Order) { o.OrderNo = "订单2024-15" },
			ErrNotSWIFT, []string{"order_no", "Chinese"}, "B2"},
		{"order number longer than a memo line", func(o *invoice.Order) { o.OrderNo = "AMZ-US-2024-03-15-SHENZHEN-HUAQIANG-0001" },
			ErrTooLong, []string{"AMZ-US-2024-03-15-SHENZHEN-HUAQIANG-0001", "order_no"}, "B2"},
		{"order number with spaces too long for a line", func(o *invoice.Order) { o.OrderNo = "PO 2024 0315 SHENZHEN HUAQIANG NORTH 1" },
			ErrTooLong, []string{"order_no"}, "B2"},
		{"lower-case BIC", func(o *invoice.Order) { o.Bank.SWIFT = "bkchcnbj" },
			invoice.ErrBIC, []string{"bank_swift", "write it as BKCHCNBJ"}, "B20"},
		{"euro sign in the name", func(o *invoice.Order) { o.Seller.Name = "Euro€Trade GmbH" },
			ErrNotSWIFT, []string{"U+20AC", "seller_name_en"}, "B5"},
	}
	w := bundled(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder()
			tt.change(o)
			lines, ps := w.Remittance(o, firstStage(o))
			if lines != nil {
				t.Errorf("lines = %q, want nil with an error", lines)
			}
			var hit *invoice.Problem
			for i := range ps {
				if errors.Is(ps[i], tt.kind) && ps[i].Severity == invoice.Error {
					hit = &ps[i]
				}
			}
			if hit == nil {
				t.Fatalf("no error of kind %v in %v", tt.kind, ps)
			}
			for _, s := range tt.wantIn {
				if !strings.Contains(hit.Message, s) {
					t.Errorf("message %q lacks %q", hit.Message, s)
				}
			}
			if hit.Where.Cell != tt.wantCell {
				t.Errorf("problem at %v, want cell %s", hit.Where, tt.wantCell)
			}
		})
	}
}

func TestRemittanceStages(t *testing.T) {
	tests := []struct {
		name    string
		percent *decimal.Decimal
		want    [][]string
	}{
		{"customary 30/70 split when no deposit is given", nil, [][]string{
			{"PAYMENT FOR GOODS 30PCT DEPOSIT", "ORDER PO-1", "Ningbo Sunrise Trading Co., Ltd."},
			{"PAYMENT FOR GOODS 70PCT BALANCE", "ORDER PO-1", "Ningbo Sunrise Trading Co., Ltd."},
		}},
		{"fractional deposit keeps its decimals", invoice.DecimalPtr(dec("33.5")), [][]string{
			{"PAYMENT FOR GOODS 33.5PCT DEPOSIT", "ORDER PO-1", "Ningbo Sunrise Trading Co., Ltd."},
			{"PAYMENT FOR GOODS 66.5PCT BALANCE", "ORDER PO-1", "Ningbo Sunrise Trading Co., Ltd."},
		}},
		{"deposit written 50.00 in the sheet", invoice.DecimalPtr(dec("50.00")), [][]string{
			{"PAYMENT FOR GOODS 50PCT DEPOSIT", "ORDER PO-1", "Ningbo Sunrise Trading Co., Ltd."},
			{"PAYMENT FOR GOODS 50PCT BALANCE", "ORDER PO-1", "Ningbo Sunrise Trading Co., Ltd."},
		}},
		{"paid in full up front", invoice.DecimalPtr(dec("100")), [][]string{
			{"PAYMENT FOR GOODS 100PCT PAYMENT", "ORDER PO-1", "Ningbo Sunrise Trading Co., Ltd."},
		}},
		{"no deposit, one payment", invoice.DecimalPtr(decimal.Zero), [][]string{
			{"PAYMENT FOR GOODS 100PCT PAYMENT", "ORDER PO-1", "Ningbo Sunrise Trading Co., Ltd."},
		}},
	}
	w := bundled(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder()
			o.OrderNo, o.Seller.Name, o.DepositPercent = "PO-1", "Ningbo Sunrise Trading Co., Ltd.", tt.percent
			stages := o.Totals().Stages()
			if len(stages) != len(tt.want) {
				t.Fatalf("%d stages, want %d", len(stages), len(tt.want))
			}
			for i, s := range stages {
				lines, ps := w.Remittance(o, s)
				if len(ps) != 0 {
					t.Errorf("unexpected problems: %v", ps)
				}
				if strings.Join(lines, "\n") != strings.Join(tt.want[i], "\n") {
					t.Errorf("stage %s:\n got %q\nwant %q", s.Kind, lines, tt.want[i])
				}
			}
		})
	}
}

func TestRemittancePINumberWhenNoOrderNumber(t *testing.T) {
	o := testOrder()
	o.OrderNo, o.PINo, o.Seller.Name = "", "PI-2024-088", "Acme Co."
	lines, ps := bundled(t).Remittance(o, firstStage(o))
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	if !lineWith(lines, "PI PI-2024-088") {
		t.Errorf("memo %q does not carry the PI number", lines)
	}
}

func TestRemittanceBeneficiaryNameWhenNoSellerName(t *testing.T) {
	o := testOrder()
	o.Seller.Name, o.Bank.Beneficiary = "", "SHENZHEN HUAQIANG TRADING CO LTD"
	lines, ps := bundled(t).Remittance(o, firstStage(o))
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	if !lineWith(lines, "SHENZHEN HUAQIANG TRADING CO LTD") {
		t.Errorf("memo %q does not name the supplier by its bank name", lines)
	}
}

func TestUserTemplates(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // memo lines; nil when an error is wanted
		errIn      string   // substring of the template error
	}{
		{"upper-cased single paragraph wraps at 35",
			"{{.Purpose}} {{.Stage}} ORDER {{.OrderRef}} {{.Supplier | upper}}",
			[]string{"PAYMENT FOR GOODS 30PCT DEPOSIT", "ORDER PO-2024-0315 SHENZHEN", "HUAQIANG NORTH ELECTRONIC", "TECHNOLOGY TRADING CO., LTD."}, ""},
		{"ampersand and percent written by the user are substituted",
			"{{.Stage}} & {{.Purpose}}\nPO {{.OrderRef}} 100% {{.Supplier}}",
			[]string{"30PCT DEPOSIT AND PAYMENT FOR GOODS", "PO PO-2024-0315 100PCT Shenzhen", "Huaqiang North Electronic", "Technology Trading Co., Ltd."}, ""},
		{"blank lines in the template are skipped",
			"\n\n{{.Purpose}} {{.Stage}}\n\n{{.OrderRef}}\n\n",
			[]string{"PAYMENT FOR GOODS 30PCT DEPOSIT", "PO-2024-0315"}, ""},
		{"Chinese wording is an error", "货款 {{.Stage}} {{.OrderRef}}", nil, "SWIFT cannot carry"},
		{"a line starting with a dash is an error", "- {{.Stage}}\n{{.OrderRef}}", nil, "T-4"},
		{"a line starting with a colon is an error", "{{.Stage}}\n:70: {{.OrderRef}}", nil, "T-4"},
		{"leaving out the order number is an error", "{{.Purpose}} {{.Stage}} {{.Supplier}}", nil, "order number"},
		{"leaving out the stage is an error", "{{.Purpose}} {{.OrderRef}} {{.Supplier}}", nil, "payment stage"},
		{"an unknown field is an error", "{{.Stage}} {{.OrderRef}} {{.Invoice}}", nil, "Invoice"},
		{"too many fixed lines is an error, not silently cut", "{{.Stage}}\n{{.OrderRef}}\nONE\nTWO\nTHREE", nil, "35 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := withTemplate(t, tt.text)
			o := testOrder()
			lines, ps := w.Remittance(o, firstStage(o))
			if tt.want == nil {
				if !ps.HasErrors() || lines != nil {
					t.Fatalf("want an error, got lines %q, problems %v", lines, ps)
				}
				if !strings.Contains(ps.Error(), tt.errIn) {
					t.Errorf("problems %q lack %q", ps.Error(), tt.errIn)
				}
				return
			}
			if ps.HasErrors() {
				t.Fatal(ps)
			}
			checkSWIFT(t, lines)
			if strings.Join(lines, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", lines, tt.want)
			}
		})
	}
}

func TestNewRejectsBrokenTemplate(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, TemplateName), []byte("{{.Stage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(templates.Overlay(dir)); err == nil || !strings.Contains(err.Error(), "memo template") {
		t.Fatalf("New accepted a memo.tmpl that does not parse: %v", err)
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
		ok   bool
	}{
		{"short paragraph", "ORDER PO-1", []string{"ORDER PO-1"}, true},
		{"breaks at the last space that fits", "Shenzhen Huaqiang North Electronic Technology", []string{"Shenzhen Huaqiang North Electronic", "Technology"}, true},
		{"dash word stays with the word before it", "Aaaaaaaaaa Bbbbbbbbbb Cccccccccc Dddd -Eeee", []string{"Aaaaaaaaaa Bbbbbbbbbb Cccccccccc", "Dddd -Eeee"}, true},
		{"word longer than a line is cut", strings.Repeat("X", 40), []string{strings.Repeat("X", 35), "XXXXX"}, true},
		{"glued field longer than a line does not fit", strings.Repeat("Y", 20) + string(glue) + strings.Repeat("Z", 20), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := wrap(tt.in, MaxLineLen)
			if ok != tt.ok || strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("wrap = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// Four full lines of 35 characters join to 143 characters, more than the 140
// of ISO 20022 Ustrd (T-5), so the name must lose a word even though field
// 70 alone would take it.
func TestRemittanceKeepsUstrdWithin140(t *testing.T) {
	w := withTemplate(t, "{{.Stage}} {{.Purpose}} ABC\n{{.OrderRef}}\n{{.Supplier}}")
	o := testOrder()
	o.OrderNo = "PO-2024-0315-ABCDEFGHIJ-KLMNOPQRST" // 34
	o.OrderNo += "U"                                 // 35
	o.Seller.Name = "Aaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbbbb Ccccccccccccccccc Ddddddddddddddddd"
	lines, ps := w.Remittance(o, firstStage(o))
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	checkSWIFT(t, lines)
	if !hasKind(ps, ErrShortened, invoice.Warning) {
		t.Errorf("no shortening warning: %q is %d characters joined", lines, len(Ustrd(lines)))
	}
	want := "30PCT DEPOSIT PAYMENT FOR GOODS ABC|PO-2024-0315-ABCDEFGHIJ-KLMNOPQRSTU|Aaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbbbb|Ccccccccccccccccc"
	if got := strings.Join(lines, "|"); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
