package memo

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
)

var update = flag.Bool("update", false, "rewrite the golden memo files in testdata/")

func TestBIC(t *testing.T) {
	tests := []struct {
		name, bic string
		valid     bool
	}{
		{"Bank of China head office, 8 characters", "BKCHCNBJ", true},
		{"Bank of China with branch code", "BKCHCNBJ300", true},
		{"HSBC Hong Kong", "HSBCHKHHHKH", true},
		{"ICBC Shenzhen branch", "ICBKCNBJSZN", true},
		{"lower case as typed in a spreadsheet (T-6 wants capitals)", "bkchcnbj", false},
		{"digits where the country goes", "BKCH12BJ", false},
		{"too short", "BKCHCN", false},
		{"twelve characters", "BKCHCNBJ3000", false},
		{"nine characters", "BKCHCNBJ3", false},
		{"XX is not a country", "BKCHXXBJ", false},
		{"spaces inside", "BKCH CN BJ", false},
	}
	w := bundled(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder()
			o.Bank.SWIFT = tt.bic
			lines, ps := w.Remittance(o, firstStage(o))
			bad := hasKind(ps, invoice.ErrBIC, invoice.Error)
			if bad == tt.valid {
				t.Fatalf("BIC %q: error = %v, want valid = %v (%v)", tt.bic, bad, tt.valid, ps)
			}
			if !tt.valid {
				if lines != nil {
					t.Errorf("lines %q with an invalid BIC, want nil", lines)
				}
				if ps[0].Where.Cell != "B20" {
					t.Errorf("BIC problem at %v, want the bank_swift cell B20", ps[0].Where)
				}
				var buf bytes.Buffer
				if ps := w.Write(&buf, o); !hasKind(ps, invoice.ErrBIC, invoice.Error) || buf.Len() != 0 {
					t.Errorf("Write with BIC %q: problems %v, wrote %d bytes; want the error and nothing written", tt.bic, ps, buf.Len())
				}
			}
		})
	}
}

func TestWriteAmountsEqualThePI(t *testing.T) {
	tests := []struct {
		name     string
		currency string
		price    string
		percent  *decimal.Decimal
		want     []string // the Amount lines, in stage order
	}{
		{"US dollars, 30% of 12,345.67 rounds to 3,703.70", "USD", "12345.67", nil,
			[]string{"USD 3,703.70", "USD 8,641.97"}},
		{"yen have no minor unit", "JPY", "1234567", nil,
			[]string{"JPY 370,370", "JPY 864,197"}},
		{"Kuwaiti dinar have three decimals", "KWD", "1234.567", nil,
			[]string{"KWD 370.370", "KWD 864.197"}},
		{"yuan with a 50% deposit", "CNY", "88888.89", invoice.DecimalPtr(dec("50")),
			[]string{"CNY 44,444.45", "CNY 44,444.44"}},
		{"one payment of the whole total", "USD", "12345.67", invoice.DecimalPtr(dec("100")),
			[]string{"USD 12,345.67"}},
	}
	w := bundled(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder()
			o.Currency = invoice.MustCurrency(tt.currency)
			o.DepositPercent = tt.percent
			o.Items = []invoice.Item{{DescriptionEN: "Goods", Quantity: decimal.NewFromInt(1), UnitPrice: dec(tt.price)}}
			var buf bytes.Buffer
			if ps := w.Write(&buf, o); ps.HasErrors() {
				t.Fatal(ps)
			}
			var got []string
			for _, l := range strings.Split(buf.String(), "\n") {
				if v, ok := strings.CutPrefix(l, "Amount:"); ok {
					got = append(got, strings.TrimSpace(v))
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("amounts %q, want %q", got, tt.want)
			}
			// The same figures as the PI takes from invoice.Totals (M-4).
			totals := o.Totals()
			sum := decimal.Zero
			for i, s := range totals.Stages() {
				if want := o.Currency.Code + " " + o.Currency.Format(s.Amount); got[i] != want {
					t.Errorf("stage %s: memo says %s, Totals say %s", s.Kind, got[i], want)
				}
				sum = sum.Add(s.Amount)
			}
			if !sum.Equal(totals.Total) {
				t.Errorf("stages add up to %s, total is %s", sum, totals.Total)
			}
		})
	}
}

func TestWriteGolden(t *testing.T) {
	w := bundled(t)
	o := testOrder()
	var a, b bytes.Buffer
	if ps := w.Write(&a, o); len(ps) != 0 {
		t.Fatalf("problems on a complete order: %v", ps)
	}
	w.Write(&b, o)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same order differ")
	}
	golden := filepath.Join("testdata", o.OrderNo+"-memo.txt")
	if *update {
		if err := os.WriteFile(golden, a.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./memo -run Golden -update to create it)", err)
	}
	if !bytes.Equal(a.Bytes(), want) {
		t.Errorf("memo differs from %s:\n%s", golden, a.String())
	}
	for _, s := range []string{"Beneficiary:", "Account No.:         7451 0000 1234 5678", "SWIFT/BIC:           BKCHCNBJ45A",
		"CNAPS:               104584000003", "Bank:                Bank of China, Shenzhen Branch", "ORDER PO-2024-0315", "USD 3,703.70", "USD 8,641.97"} {
		if !strings.Contains(a.String(), s) {
			t.Errorf("memo lacks %q", s)
		}
	}
}

func TestWriteProblems(t *testing.T) {
	tests := []struct {
		name    string
		change  func(o *invoice.Order)
		kind    error
		sev     invoice.Severity
		written string // text the memo must hold when written; "" for none
	}{
		{"missing account number is a warning", func(o *invoice.Order) { o.Bank.Account = "" },
			invoice.ErrMissing, invoice.Warning, "SWIFT/BIC:"},
		{"missing BIC is a warning", func(o *invoice.Order) { o.Bank.SWIFT = "" },
			invoice.ErrMissing, invoice.Warning, "Account No.:"},
		{"CNAPS code of 11 digits", func(o *invoice.Order) { o.Bank.CNAPS = "10458400000" },
			invoice.ErrCNAPS, invoice.Error, ""},
		{"beneficiary with accents is written without them, with a warning", func(o *invoice.Order) { o.Bank.Beneficiary = "Société Générale Trading" },
			ErrTransliterated, invoice.Warning, "Beneficiary:         Societe Generale Trading"},
		{"Chinese beneficiary name cannot go on a SWIFT transfer", func(o *invoice.Order) { o.Bank.Beneficiary = "深圳市华强北电子科技有限公司" },
			ErrChineseOnly, invoice.Error, ""},
		{"Chinese bank name is printed as written with a warning", func(o *invoice.Order) { o.Bank.Name = "中国银行深圳分行" },
			ErrNotSWIFT, invoice.Warning, "Bank:                中国银行深圳分行"},
		{"no currency", func(o *invoice.Order) { o.Currency = invoice.Currency{} },
			invoice.ErrMissing, invoice.Error, ""},
		{"supplier with only a Chinese name", func(o *invoice.Order) { o.Seller.Name = "" },
			ErrChineseOnly, invoice.Error, ""},
	}
	w := bundled(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder()
			tt.change(o)
			var buf bytes.Buffer
			ps := w.Write(&buf, o)
			if !hasKind(ps, tt.kind, tt.sev) {
				t.Fatalf("no %v %v in %v", tt.sev, tt.kind, ps)
			}
			if tt.written == "" {
				if buf.Len() != 0 {
					t.Errorf("wrote %q despite an error", buf.String())
				}
				return
			}
			if ps.HasErrors() {
				t.Fatalf("unexpected errors: %v", ps)
			}
			if !strings.Contains(buf.String(), tt.written) {
				t.Errorf("memo lacks %q:\n%s", tt.written, buf.String())
			}
		})
	}
}

func TestWriteStage(t *testing.T) {
	tests := []struct {
		name    string
		percent *decimal.Decimal
		kind    invoice.StageKind
		want    string
		errKind error
	}{
		{"deposit lines only, ready to paste", nil, invoice.DepositPayment,
			"PAYMENT FOR GOODS 30PCT DEPOSIT\nORDER PO-2024-0315\nShenzhen Huaqiang North Electronic\nTechnology Trading Co., Ltd.\n", nil},
		{"balance lines only", nil, invoice.BalancePayment,
			"PAYMENT FOR GOODS 70PCT BALANCE\nORDER PO-2024-0315\nShenzhen Huaqiang North Electronic\nTechnology Trading Co., Ltd.\n", nil},
		{"full payment", invoice.DecimalPtr(dec("100")), invoice.FullPayment,
			"PAYMENT FOR GOODS 100PCT PAYMENT\nORDER PO-2024-0315\nShenzhen Huaqiang North Electronic\nTechnology Trading Co., Ltd.\n", nil},
		{"deposit asked of an order paid in full", invoice.DecimalPtr(dec("100")), invoice.DepositPayment, "", ErrNoStage},
		{"balance asked of an order with no deposit", invoice.DecimalPtr(decimal.Zero), invoice.BalancePayment, "", ErrNoStage},
	}
	w := bundled(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder()
			o.DepositPercent = tt.percent
			var buf bytes.Buffer
			ps := w.WriteStage(&buf, o, tt.kind)
			if tt.errKind != nil {
				if !hasKind(ps, tt.errKind, invoice.Error) || buf.Len() != 0 {
					t.Fatalf("problems %v, wrote %q; want %v and nothing written", ps, buf.String(), tt.errKind)
				}
				if !strings.Contains(ps.Error(), "full") {
					t.Errorf("error %q does not name the stage the order has", ps.Error())
				}
				return
			}
			if len(ps) != 0 {
				t.Fatalf("problems: %v", ps)
			}
			if buf.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", buf.String(), tt.want)
			}
		})
	}
}

func TestWriteDedupsBankWarnings(t *testing.T) {
	o := testOrder()
	o.Bank.Account = ""
	ps := bundled(t).Write(&bytes.Buffer{}, o)
	n := 0
	for _, p := range ps {
		if errors.Is(p, invoice.ErrMissing) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d missing-account warnings for a two-stage order, want 1: %v", n, ps)
	}
}

// TestUnreadBankFieldIsNotCalledMissing: an account number the reader
// rejected (a spreadsheet turned it into 3.51501981201E+19) was reported at
// its cell already; the memo must not add a warning that it is missing.
func TestUnreadBankFieldIsNotCalledMissing(t *testing.T) {
	tests := []struct {
		name string
		key  string
		drop func(o *invoice.Order)
	}{
		{"account number in exponent form after a CSV went through LibreOffice", "bank_account", func(o *invoice.Order) { o.Bank.Account = "" }},
		{"BIC cell the reader could not read", "bank_swift", func(o *invoice.Order) { o.Bank.SWIFT = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder()
			tt.drop(o)
			o.Unread.Mark(tt.key, invoice.Location{File: "orders.xlsx", Sheet: "orders", Cell: "L2"})
			ps := bundled(t).Write(&bytes.Buffer{}, o)
			for _, p := range ps {
				if errors.Is(p, invoice.ErrMissing) {
					t.Errorf("unread %s reported as missing: %v", tt.key, p)
				}
			}
		})
	}
}
