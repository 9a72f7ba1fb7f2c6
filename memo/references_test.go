package memo

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/invoice"
)

// The supplier books the deposit against its PI and the balance against
// its CI (T-9): each memo carries that number first, with the buyer's
// order number when both fit.
func TestRemittanceCarriesTheSuppliersReference(t *testing.T) {
	tests := []struct {
		name          string
		orderNo       string
		piNo, ciNo    string
		seller        string
		deposit       []string
		balance       []string
		wantShortened bool
	}{
		{"PI and CI numbers of their own", "HL-2024-0318", "SZBW-PI-240318", "SZBW-CI-240502", "Ningbo Sunrise Trading Co., Ltd.",
			[]string{"PAYMENT FOR GOODS 30PCT DEPOSIT", "PI SZBW-PI-240318", "ORDER HL-2024-0318", "Ningbo Sunrise Trading Co., Ltd."},
			[]string{"PAYMENT FOR GOODS 70PCT BALANCE", "CI SZBW-CI-240502", "ORDER HL-2024-0318", "Ningbo Sunrise Trading Co., Ltd."}, false},
		{"balance before the CI is issued cites the PI", "HL-2024-0318", "SZBW-PI-240318", "", "Ningbo Sunrise Trading Co., Ltd.",
			[]string{"PAYMENT FOR GOODS 30PCT DEPOSIT", "PI SZBW-PI-240318", "ORDER HL-2024-0318", "Ningbo Sunrise Trading Co., Ltd."},
			[]string{"PAYMENT FOR GOODS 70PCT BALANCE", "PI SZBW-PI-240318", "ORDER HL-2024-0318", "Ningbo Sunrise Trading Co., Ltd."}, false},
		{"PI numbered with the order number: the order alone", "HL-2024-0318", "HL-2024-0318", "", "Ningbo Sunrise Trading Co., Ltd.",
			[]string{"PAYMENT FOR GOODS 30PCT DEPOSIT", "ORDER HL-2024-0318", "Ningbo Sunrise Trading Co., Ltd."},
			[]string{"PAYMENT FOR GOODS 70PCT BALANCE", "ORDER HL-2024-0318", "Ningbo Sunrise Trading Co., Ltd."}, false},
		{"long numbers and a long name: the order number goes before the name loses a word", "AMZ-US-2024-03-15-SZHQ-01", "SZHQ-PI-2024-03-15-000123", "SZHQ-CI-2024-05-02-000123",
			"Shenzhen Huaqiang North Electronic Technology Trading Co., Ltd.",
			[]string{"PAYMENT FOR GOODS 30PCT DEPOSIT", "PI SZHQ-PI-2024-03-15-000123", "Shenzhen Huaqiang North Electronic", "Technology Trading Co., Ltd."},
			[]string{"PAYMENT FOR GOODS 70PCT BALANCE", "CI SZHQ-CI-2024-05-02-000123", "Shenzhen Huaqiang North Electronic", "Technology Trading Co., Ltd."}, true},
	}
	w := bundled(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder()
			o.OrderNo, o.PINo, o.CINo, o.Seller.Name = tt.orderNo, tt.piNo, tt.ciNo, tt.seller
			stages := o.Totals().Stages()
			for i, want := range [][]string{tt.deposit, tt.balance} {
				lines, ps := w.Remittance(o, stages[i])
				if ps.HasErrors() {
					t.Fatal(ps)
				}
				checkSWIFT(t, lines)
				if strings.Join(lines, "|") != strings.Join(want, "|") {
					t.Errorf("%s:\n got %q\nwant %q", stages[i].Kind, lines, want)
				}
				if got := hasKind(ps, ErrShortened, invoice.Warning); got != tt.wantShortened {
					t.Errorf("%s: shortening warning = %v, want %v (%v)", stages[i].Kind, got, tt.wantShortened, ps)
				}
				for _, p := range ps {
					if errors.Is(p, ErrShortened) && (p.Where.Cell != "B2" || !strings.Contains(p.Message, tt.orderNo)) {
						t.Errorf("warning %v does not name the order number's cell B2", p)
					}
				}
			}
		})
	}
}

func TestShortenedNameEndsCleanly(t *testing.T) {
	tests := []struct {
		name  string
		words string
		n     int
		want  string
	}{
		{"a cut after Co., drops the comma", "Yiwu Hongda Import and Export Co., Ltd.", 6, "Yiwu Hongda Import and Export Co."},
		{"a cut after and drops it", "Ningbo Plastic and Hardware Co., Ltd.", 3, "Ningbo Plastic"},
		{"a cut after a dash drops it", "Shenzhen Xinhuadu Parts - Trading Branch", 4, "Shenzhen Xinhuadu Parts"},
		{"nothing cut, nothing changed", "Acme Co.,", 2, "Acme Co.,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shortName(strings.Fields(tt.words), tt.n); got != tt.want {
				t.Errorf("shortName = %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("a memo never ends its name in a comma", func(t *testing.T) {
		o := testOrder()
		o.OrderNo = "AMZ-US-2024-03-15-SZHQ-ELEC-B00017"
		o.Seller.Name = "Yiwu Hongda Plastic & Hardware Import and Export Co., Ltd."
		lines, ps := bundled(t).Remittance(o, firstStage(o))
		if ps.HasErrors() || !hasKind(ps, ErrShortened, invoice.Warning) {
			t.Fatalf("want a shortened memo, got %q %v", lines, ps)
		}
		last := lines[len(lines)-1]
		if strings.HasSuffix(last, ",") || strings.HasSuffix(last, " and") {
			t.Errorf("memo ends %q", last)
		}
		if !strings.Contains(Ustrd(lines), "Plastic and Hardware") {
			t.Errorf("memo %q does not keep the case of Plastic and Hardware", lines)
		}
	})
}

func TestBeneficiaryBlockCarriesBankFormFields(t *testing.T) {
	o := testOrder()
	o.Bank.BeneficiaryAddress = "Room 1201, 99 Futian Road, Yiwu, Zhejiang, China"
	o.Bank.IntermediaryBank = "JPMorgan Chase Bank, New York"
	o.Bank.IntermediarySWIFT = "CHASUS33"
	o.Bank.Charges = "our"
	o.CINo = "SZHQ-CI-240502"
	var b bytes.Buffer
	if ps := bundled(t).Write(&b, o); ps.HasErrors() {
		t.Fatal(ps)
	}
	for _, want := range []string{
		"CI No.: SZHQ-CI-240502",
		"Beneficiary address: Room 1201, 99 Futian Road, Yiwu, Zhejiang, China",
		"Intermediary bank: JPMorgan Chase Bank, New York",
		"Intermediary BIC: CHASUS33",
		"Bank charges: OUR (field 71A)",
		"CI SZHQ-CI-240502",
	} {
		if !strings.Contains(strings.Join(strings.Fields(b.String()), " "), want) {
			t.Errorf("memo file lacks %q:\n%s", want, b.String())
		}
	}
	o.Bank.BeneficiaryAddress = "义乌市福田路99号"
	b.Reset()
	ps := bundled(t).Write(&b, o)
	if ps.HasErrors() || !hasKind(ps, ErrNotSWIFT, invoice.Warning) {
		t.Errorf("a Chinese-only beneficiary address: %v, want a warning", ps)
	}
}

func TestSinglePaymentCitesTheRightDocument(t *testing.T) {
	w := bundled(t)
	for _, tt := range []struct {
		name    string
		percent string
		want    string
	}{
		{"paid in full with the order: against the PI", "100", "PI SZHQ-PI-240315"},
		{"paid in full after shipment: against the CI", "0", "CI SZHQ-CI-240502"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := testOrder()
			o.PINo, o.CINo = "SZHQ-PI-240315", "SZHQ-CI-240502"
			o.DepositPercent = invoice.DecimalPtr(dec(tt.percent))
			lines, ps := w.Remittance(o, firstStage(o))
			if ps.HasErrors() || !lineWith(lines, tt.want) {
				t.Errorf("memo %q (%v) does not cite %q", lines, ps, tt.want)
			}
		})
	}
}
