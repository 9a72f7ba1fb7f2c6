package invoice

import (
	"errors"
	"strings"
	"testing"
)

func chargeAt(cell, en, zh, amount string) Charge {
	l := Location{File: "order.xlsx", Sheet: "Charges", Cell: cell}
	return Charge{DescriptionEN: en, DescriptionZH: zh, Amount: d(amount),
		Where: map[string]Location{"description_en": l}, Source: l}
}

func TestChargeClass(t *testing.T) {
	tests := []struct {
		name   string
		c      Charge
		want   ChargeKind
		others []ChargeKind // kinds the charge also covers
	}{
		{"ocean freight in English", chargeAt("A2", "Ocean freight Yantian to Los Angeles, LCL 3.1 CBM", "", "486"), Freight, nil},
		{"海运费 only in Chinese", chargeAt("A2", "", "海运费", "486"), Freight, nil},
		{"courier for samples", chargeAt("A2", "DHL courier for samples", "", "45"), Freight, nil},
		{"cargo insurance naming the CIF value", chargeAt("A2", "Cargo insurance, 110% of CIF value", "保险费", "41.35"), Insurance, nil},
		{"freight and insurance on one line covers both", chargeAt("A2", "Freight and insurance to Hamburg", "", "700"), Freight, []ChargeKind{Insurance}},
		{"export packing on pallets", chargeAt("A2", "Export pallets", "打托费", "60"), Packing, nil},
		{"包装费 only in Chinese", chargeAt("A2", "", "包装费", "60"), Packing, nil},
		{"agent's commission", chargeAt("A2", "Buying agent commission 3%", "佣金", "120"), Commission, nil},
		{"early-order discount", chargeAt("A2", "Early-order discount", "提前下单折扣", "-50"), Discount, nil},
		{"a negative amount named by nothing is a discount", chargeAt("A2", "Loyalty", "", "-20"), Discount, nil},
		{"mould fee is other", chargeAt("A2", "Mould fee", "模具费", "300"), OtherCharge, nil},
		{"explicit kind wins over the words", func() Charge {
			c := chargeAt("A2", "Shipping marks printing", "", "15")
			c.Kind = Packing
			return c
		}(), Packing, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Class(); got != tt.want {
				t.Errorf("Class() = %s, want %s", got, tt.want)
			}
			for _, k := range tt.others {
				if !tt.c.mentions(k) {
					t.Errorf("charge does not cover %s", k)
				}
			}
		})
	}
}

func TestParseChargeKindAndIncluded(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want ChargeKind
		ok   bool
	}{{"Freight", Freight, true}, {"保险费", Insurance, true}, {" discount ", Discount, true}, {"其他", OtherCharge, true}, {"postage", "", false}} {
		got, err := ParseChargeKind(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseChargeKind(%q) = %q, %v", tt.in, got, err)
		}
	}
	for _, tt := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"freight, insurance", "freight insurance", true},
		{"insurance", "insurance", true},
		{"运费和保险费", "freight insurance", true},
		{"both", "freight insurance", true},
		{"packing", "", false},
		{"yes", "", false},
	} {
		ks, err := ParseIncluded(tt.in)
		var got []string
		for _, k := range ks {
			got = append(got, string(k))
		}
		if strings.Join(got, " ") != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseIncluded(%q) = %v, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestIncotermAgreesWithCharges(t *testing.T) {
	freight := chargeAt("A2", "Ocean freight Yantian to Los Angeles", "海运费", "486")
	insurance := chargeAt("A3", "Cargo insurance, 110% of invoice value", "保险费", "38.47")
	packing := chargeAt("A4", "Export pallets", "打托费", "60")
	tests := []struct {
		name    string
		term    Incoterm
		charges []Charge
		incl    []ChargeKind
		want    []string // "cell: substring"
	}{
		{"FOB Shenzhen with ocean freight and insurance to Los Angeles", FOB, []Charge{freight, insurance},
			nil, []string{"A2: freight charge", "A3: insurance charge"}},
		{"EXW Yiwu with export packing only is coherent", EXW, []Charge{packing}, nil, nil},
		{"FCA with the forwarder's freight", FCA, []Charge{freight}, nil, []string{"A2: under FCA the buyer pays"}},
		{"CIF Hamburg with freight and insurance is coherent", CIF, []Charge{freight, insurance}, nil, nil},
		{"CIF Hamburg with freight but no insurance", CIF, []Charge{freight}, nil, []string{"B21: no insurance charge"}},
		{"CIF price that includes insurance, stated so", CIF, []Charge{freight}, []ChargeKind{Insurance}, nil},
		{"CFR with no freight charge", CFR, nil, nil, []string{"B21: no freight charge"}},
		{"CIP with nothing listed and nothing included", CIP, nil, nil, []string{"B21: no freight", "B21: no insurance"}},
		{"CPT with freight included in prices", CPT, nil, []ChargeKind{Freight}, nil},
		{"DAP with freight to the door needs nothing", DAP, []Charge{freight}, nil, nil},
		{"FOB Shenzhen with inland trucking to Yantian port is coherent", FOB,
			[]Charge{chargeAt("A2", "Inland trucking to Yantian port", "内陆拖车费", "85")}, nil, nil},
		{"EXW with inland trucking: the buyer collects at the works", EXW,
			[]Charge{chargeAt("A2", "Inland trucking to Yantian port", "内陆拖车费", "85")}, nil, []string{"A2: freight charge"}},
		{"FOB with 拖车费 only in Chinese", FOB, []Charge{chargeAt("A2", "", "拖车费", "85")}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := sampleOrder()
			o.Shipment.Incoterm = tt.term
			o.Charges = tt.charges
			o.IncludedInPrices = tt.incl
			var got []string
			for _, p := range o.Validate() {
				if !errors.Is(p, ErrIncotermCharges) {
					t.Errorf("unexpected problem %v", p)
					continue
				}
				if p.Severity != Warning {
					t.Errorf("%v is not a warning", p)
				}
				got = append(got, p.Where.Cell+": "+p.Message)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d warnings, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				cell, sub, _ := strings.Cut(w, ": ")
				if !strings.HasPrefix(got[i], cell+": ") || !strings.Contains(got[i], sub) {
					t.Errorf("warning %d = %q, want at %s mentioning %q", i, got[i], cell, sub)
				}
			}
		})
	}
}

func TestNamedValueSplitsChargesAtTheNamedPlace(t *testing.T) {
	o := sampleOrder() // goods 1,250.00, FOB Shenzhen
	o.Charges = []Charge{
		chargeAt("A2", "Ocean freight Yantian to Los Angeles", "海运费", "486"),
		chargeAt("A3", "Export pallets", "打托费", "60"),
		chargeAt("A4", "Cargo insurance", "保险费", "38.47"),
		chargeAt("A5", "Early-order discount", "", "-50"),
		chargeAt("A6", "Inland trucking to Yantian port", "内陆拖车费", "85"),
	}
	value, before, after, ok := o.NamedValue()
	if !ok || value.StringFixed(2) != "1345.00" {
		t.Fatalf("NamedValue = %s, %v; want the FOB value 1,250 + 60 − 50 + 85 = 1,345.00", value, ok)
	}
	if len(before) != 3 || before[0] != 1 || before[1] != 3 || before[2] != 4 || len(after) != 2 || after[0] != 0 || after[1] != 2 {
		t.Errorf("before %v, after %v; want packing, discount and inland trucking before, freight and insurance after", before, after)
	}
	if tot := o.Totals().Total.StringFixed(2); tot != "1869.47" {
		t.Errorf("total %s, want 1,869.47: the split changes no amount", tot)
	}
	o.Shipment.Incoterm = EXW
	if value, _, _, _ := o.NamedValue(); value.StringFixed(2) != "1260.00" {
		t.Errorf("EXW value %s, want 1,260.00: inland trucking is past the works", value)
	}
	o.Shipment.Incoterm = CIF
	if _, _, _, ok := o.NamedValue(); ok {
		t.Error("a CIF order shows an FOB subtotal")
	}
	o.Shipment.Incoterm = FOB
	o.Charges = o.Charges[1:2]
	if _, _, _, ok := o.NamedValue(); ok {
		t.Error("an FOB order without freight or insurance shows a subtotal")
	}
}

func TestChargeLabelStaysEnglish(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    Charge
		want string
	}{
		{"English and Chinese given", chargeAt("A2", "Ocean freight", "海运费", "1"), "Ocean freight 海运费"},
		{"only 海运费: the kind's English name goes first", chargeAt("A2", "", "海运费", "1"), "Freight 海运费"},
		{"only 模具费: nothing to translate it with", chargeAt("A2", "", "模具费", "1"), "模具费"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Label(); got != tt.want {
				t.Errorf("Label() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIncotermWarningNamesTheChargeCell(t *testing.T) {
	at := func(cell string) Location { return Location{File: "order.xlsx", Sheet: "Charges", Cell: cell} }
	tests := []struct {
		name string
		c    Charge
		want string
	}{
		{"kind column filled: the kind cell", Charge{DescriptionEN: "DHL", Kind: Freight, Amount: d("45"),
			Where: map[string]Location{"kind": at("B2"), "description_en": at("A2")}}, "B2"},
		{"kind column blank: the English description", Charge{DescriptionEN: "Sea freight", Amount: d("45"),
			Where: map[string]Location{"kind": at("B3"), "description_en": at("A3"), "description_zh": at("C3")}}, "A3"},
		{"only a Chinese description: its cell", Charge{DescriptionZH: "海运费", Amount: d("45"),
			Where: map[string]Location{"description_en": at("A4"), "description_zh": at("C4")}}, "C4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := sampleOrder()
			o.Charges = []Charge{tt.c}
			ps := o.Validate()
			if len(ps) != 1 || ps[0].Where.Cell != tt.want {
				t.Errorf("got %v, want one warning at %s", ps, tt.want)
			}
		})
	}
}
