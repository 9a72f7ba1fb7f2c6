package invoice

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestSplitAlwaysAddsUp(t *testing.T) {
	tests := []struct {
		name             string
		total, percent   string
		currency         string
		deposit, balance string
	}{
		{"usd 30/70 whose deposit needs rounding up", "12345.67", "30", "USD", "3703.70", "8641.97"},
		{"usd 30/70 whose deposit rounds half up", "0.05", "30", "USD", "0.02", "0.03"},
		{"cny 30/70 on a 1688 order", "10625.00", "30", "CNY", "3187.50", "7437.50"},
		{"jpy has no minor unit", "100001", "30", "JPY", "30000", "70001"},
		{"kwd has three minor units", "1000.005", "30", "KWD", "300.002", "700.003"},
		{"odd percentage", "999.99", "33.3", "USD", "333.00", "666.99"},
		{"no deposit: everything is balance", "500.00", "0", "USD", "0.00", "500.00"},
		{"full prepayment", "500.00", "100", "USD", "500.00", "0.00"},
		{"discount larger than goods is a credit", "-10.01", "30", "USD", "-3.00", "-7.01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustCurrency(tt.currency)
			dep, bal := Split(d(tt.total), d(tt.percent), c)
			if !dep.Equal(d(tt.deposit)) || !bal.Equal(d(tt.balance)) {
				t.Errorf("Split(%s, %s%%) = %s + %s, want %s + %s", tt.total, tt.percent, dep, bal, tt.deposit, tt.balance)
			}
			if !dep.Add(bal).Equal(d(tt.total)) {
				t.Errorf("deposit %s + balance %s != total %s (M-4)", dep, bal, tt.total)
			}
		})
	}
}

func TestTotalsOfAnOrder(t *testing.T) {
	o := &Order{
		Currency: MustCurrency("USD"),
		Items: []Item{
			{DescriptionEN: "LED strip", Quantity: d("1250"), UnitPrice: d("0.085"), Cartons: DecimalPtr(d("5")), NetWeightKG: DecimalPtr(d("12.5"))},
			{DescriptionEN: "Power adapter", Quantity: d("3"), UnitPrice: d("3.335")},
		},
		Charges: []Charge{
			{DescriptionEN: "Freight", Amount: d("120")},
			{DescriptionEN: "Discount", Amount: d("-6.25")},
		},
	}
	tt := o.Totals()
	want := map[string]struct{ got, want string }{
		"line 1 (1250 × 0.085, M-1)":            {tt.Lines[0].StringFixed(2), "106.25"},
		"line 2 (3 × 3.335 = 10.005 rounds up)": {tt.Lines[1].StringFixed(2), "10.01"},
		"goods":                                 {tt.Goods.StringFixed(2), "116.26"},
		"charges":                               {tt.Charges.StringFixed(2), "113.75"},
		"total":                                 {tt.Total.StringFixed(2), "230.01"},
		"deposit 30% by default":                {tt.Deposit.StringFixed(2), "69.00"},
		"balance":                               {tt.Balance.StringFixed(2), "161.01"},
		"due when nothing received":             {tt.Due.StringFixed(2), "230.01"},
		"cartons":                               {tt.Cartons.String(), "5"},
	}
	for name, c := range want {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", name, c.got, c.want)
		}
	}
	if !tt.HasCartons || !tt.HasNetWeight || tt.HasGross || tt.HasCBM {
		t.Errorf("packing totals flags = %v %v %v %v, want only cartons and net weight", tt.HasCartons, tt.HasNetWeight, tt.HasGross, tt.HasCBM)
	}
	if got := len(tt.Stages()); got != 2 {
		t.Errorf("30%% deposit gives %d payment stages, want 2", got)
	}
	zero := d("0")
	o.DepositPercent = &zero
	if st := o.Totals().Stages(); len(st) != 1 || st[0].Kind != FullPayment || !st[0].Amount.Equal(d("230.01")) {
		t.Errorf("0%% deposit stages = %+v, want one full payment of 230.01", st)
	}
}

func TestCurrencyFormatAndRound(t *testing.T) {
	tests := []struct {
		name, code, amount, want string
	}{
		{"dollars with thousands separators", "USD", "1234567.891", "1,234,567.89"},
		{"half a cent rounds up", "USD", "0.125", "0.13"},
		{"negative half a cent rounds away from zero", "USD", "-0.125", "-0.13"},
		{"yen has no decimals", "JPY", "1234.5", "1,235"},
		{"dinar has three", "KWD", "1.2345", "1.235"},
		{"small amount", "CNY", "5", "5.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MustCurrency(tt.code).Format(d(tt.amount)); got != tt.want {
				t.Errorf("Format(%s %s) = %s, want %s", tt.code, tt.amount, got, tt.want)
			}
		})
	}
}

func TestParseCurrency(t *testing.T) {
	tests := []struct {
		name, in, code, alias string
		wantErr               bool
	}{
		{"iso code", "USD", "USD", "", false},
		{"lower case", "eur", "EUR", "", false},
		{"offshore yuan is invoiced as CNY (M-3)", "CNH", "CNY", "CNH", false},
		{"RMB is read as CNY", "RMB", "CNY", "RMB", false},
		{"yen sign used for yuan", "¥", "CNY", "¥", false},
		{"chinese name", "人民币", "CNY", "人民币", false},
		{"made-up code", "XYZ", "", "", true},
		{"a word", "dollars", "", "", true},
		{"no-currency code", "XXX", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, alias, err := ParseCurrency(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseCurrency(%q) err = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if c.Code != tt.code || alias != tt.alias {
				t.Errorf("ParseCurrency(%q) = %q alias %q, want %q alias %q", tt.in, c.Code, alias, tt.code, tt.alias)
			}
		})
	}
}

// BenchmarkTotals computes a 20-line order with charges: the arithmetic every
// document and memo of a batch takes its amounts from.
func BenchmarkTotals(b *testing.B) {
	o := &Order{Currency: MustCurrency("USD"), Charges: []Charge{{DescriptionEN: "Freight", Amount: d("486")}}}
	for i := 0; i < 20; i++ {
		o.Items = append(o.Items, Item{DescriptionEN: "Item", Quantity: d("1250"), UnitPrice: d("0.085"), Cartons: DecimalPtr(d("5"))})
	}
	b.ReportAllocs()
	for b.Loop() {
		if t := o.Totals(); !t.Deposit.Add(t.Balance).Equal(t.Total) {
			b.Fatal("split does not add up")
		}
	}
}

func TestStageTerms(t *testing.T) {
	o := &Order{Currency: MustCurrency("USD"), DepositTerms: "upon PI confirmation", BalanceTerms: "before shipment",
		Items: []Item{{Quantity: d("10"), UnitPrice: d("10")}}}
	tests := []struct {
		name    string
		percent *decimal.Decimal
		want    []string
	}{
		{"customary 30/70: each payment its own terms", nil, []string{"upon PI confirmation", "before shipment"}},
		{"paid in full with the order: the deposit terms", DecimalPtr(d("100")), []string{"upon PI confirmation"}},
		{"nothing up front: the balance terms", DecimalPtr(d("0")), []string{"before shipment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o.DepositPercent = tt.percent
			var got []string
			for _, s := range o.Totals().Stages() {
				got = append(got, o.StageTerms(s))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("terms %q, want %q", got, tt.want)
			}
		})
	}
}

// BenchmarkTotalsPacked computes the totals of a 20-line order with full
// packing data, as each document and memo of a batch does.
func BenchmarkTotalsPacked(b *testing.B) {
	o := benchPackedOrder()
	b.ReportAllocs()
	for b.Loop() {
		if t := o.Totals(); !t.HasCBM || !t.Deposit.Add(t.Balance).Equal(t.Total) {
			b.Fatal("totals")
		}
	}
}
