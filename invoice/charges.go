package invoice

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// ChargeKind is what a charge on the invoice pays for. Customs itemize
// charges by kind (CI-3, CI-9), and the Incoterm says which kinds the
// seller's price may include (I-2).
type ChargeKind string

// The kinds of charge a supplier adds to the goods.
const (
	// Freight is carriage of the goods: ocean, air, courier, inland.
	Freight ChargeKind = "freight"
	// Insurance is cargo insurance.
	Insurance ChargeKind = "insurance"
	// Packing is packing or packaging charged apart from the goods.
	Packing ChargeKind = "packing"
	// Commission is a buying or selling agent's commission.
	Commission ChargeKind = "commission"
	// Discount is an amount taken off the goods (negative).
	Discount ChargeKind = "discount"
	// OtherCharge is any other charge (moulds, samples, bank fees).
	OtherCharge ChargeKind = "other"
)

// ErrChargeKind means a kind column holds something other than freight,
// insurance, packing, commission, discount or other.
var ErrChargeKind = errors.New("unknown charge kind")

// ErrIncotermCharges warns that the charges do not agree with the
// Incoterm (I-2): freight on an FOB invoice, no insurance on a CIF one.
var ErrIncotermCharges = errors.New("charges do not agree with the Incoterm")

// chargeWords are the English and Chinese words that name each kind, in
// the order they are tried: "Freight and insurance" is freight.
var chargeWords = []struct {
	kind  ChargeKind
	words []string
}{
	{Freight, []string{"freight", "shipping", "carriage", "courier", "express fee", "delivery", "trucking", "haulage",
		"运费", "海运", "空运", "快递", "物流", "运输", "派送", "拖车", "陆运"}},
	{Insurance, []string{"insurance", "保险"}},
	{Packing, []string{"packing", "packaging", "pallet", "包装", "打托", "托盘"}},
	{Commission, []string{"commission", "agent fee", "agency fee", "佣金", "代理费"}},
	{Discount, []string{"discount", "rebate", "折扣", "优惠", "折让", "减免", "返点"}},
}

// inlandWords mark carriage to the port or place of shipment (pre-carriage),
// which the seller pays under FCA, FAS and FOB: it is part of their value.
var inlandWords = []string{"inland", "pre-carriage", "precarriage", "to port", "to the port", "drayage", "trucking to",
	"内陆", "拖车", "陆运至", "送至港", "送货到港"}

// Inland reports whether the charge is carriage to the port or place of
// shipment (inland trucking, 内陆拖车费) rather than the main carriage: a
// freight charge whose description says so.
func (c *Charge) Inland() bool {
	if !c.mentions(Freight) {
		return false
	}
	text := strings.ToLower(c.DescriptionEN + " " + c.DescriptionZH)
	for _, w := range inlandWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// beyondNamedPlace reports whether under term the charge is one the buyer
// bears past the named place (I-2): freight or insurance, except, under
// FCA, FAS and FOB, carriage to the place of shipment.
func (c *Charge) beyondNamedPlace(term Incoterm) bool {
	if !c.mentions(Freight) && !c.mentions(Insurance) {
		return false
	}
	if term != EXW && c.Inland() && !c.mentions(Insurance) {
		return false
	}
	return true
}

// chargeKindNames are the words a kind column may hold.
var chargeKindNames = map[string]ChargeKind{
	"freight": Freight, "运费": Freight, "insurance": Insurance, "保险": Insurance, "保险费": Insurance,
	"packing": Packing, "包装": Packing, "包装费": Packing, "commission": Commission, "佣金": Commission,
	"discount": Discount, "折扣": Discount, "other": OtherCharge, "其他": OtherCharge,
}

// ParseChargeKind reads a kind column: freight, insurance, packing,
// commission, discount or other, in English or Chinese (运费, 保险费, 包装费,
// 佣金, 折扣, 其他), in any case.
func ParseChargeKind(s string) (ChargeKind, error) {
	k, ok := chargeKindNames[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return "", fmt.Errorf("%w: %q; expected freight, insurance, packing, commission, discount or other", ErrChargeKind, s)
	}
	return k, nil
}

// ParseIncluded reads the list of charges the prices include ("freight,
// insurance", "运费 保险费", "both"): only freight and insurance can be
// included in a price.
func ParseIncluded(s string) ([]ChargeKind, error) {
	var out []ChargeKind
	add := func(k ChargeKind) {
		for _, have := range out {
			if have == k {
				return
			}
		}
		out = append(out, k)
	}
	for _, part := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ',' || r == ';' || r == '/' || r == '+' || r == '、' || r == '，' || r == ' ' || r == '&'
	}) {
		switch part {
		case "and", "和", "及":
		case "both", "all", "freight+insurance":
			add(Freight)
			add(Insurance)
		default:
			k, err := ParseChargeKind(part)
			if err != nil && (strings.Contains(part, "运费") || strings.Contains(part, "保险")) {
				// 运费和保险费, 含运保费: Chinese written without separators.
				if strings.Contains(part, "运") {
					add(Freight)
				}
				if strings.Contains(part, "保") {
					add(Insurance)
				}
				continue
			}
			if err != nil || (k != Freight && k != Insurance) {
				return nil, fmt.Errorf("%w: %q; included_in_prices lists freight and/or insurance", ErrChargeKind, part)
			}
			add(k)
		}
	}
	return out, nil
}

// Class is the charge's kind: the kind column when given, otherwise the
// first kind whose usual English or Chinese word (运费, 海运费, 保险费, 包装费,
// 佣金, 折扣 ...) the description holds; a negative amount named by none is a
// discount, anything else is other.
func (c *Charge) Class() ChargeKind {
	if c.Kind != "" {
		return c.Kind
	}
	text := strings.ToLower(c.DescriptionEN + " " + c.DescriptionZH)
	for _, cw := range chargeWords {
		for _, w := range cw.words {
			if strings.Contains(text, w) {
				return cw.kind
			}
		}
	}
	if c.Amount.IsNegative() {
		return Discount
	}
	return OtherCharge
}

// mentions reports whether the charge pays for kind: its class, or a
// description that also names kind ("Freight and insurance" covers both).
func (c *Charge) mentions(kind ChargeKind) bool {
	if c.Class() == kind {
		return true
	}
	if c.Kind != "" {
		return false
	}
	text := strings.ToLower(c.DescriptionEN + " " + c.DescriptionZH)
	for _, cw := range chargeWords {
		if cw.kind != kind {
			continue
		}
		for _, w := range cw.words {
			if strings.Contains(text, w) {
				return true
			}
		}
	}
	return false
}

// chargeNames are the English and Chinese names a charge without an
// English description is printed under.
var chargeNames = map[ChargeKind][2]string{
	Freight: {"Freight", "运费"}, Insurance: {"Insurance", "保险费"}, Packing: {"Packing", "包装费"},
	Commission: {"Commission", "佣金"}, Discount: {"Discount", "折扣"},
}

// Label is how the invoices name the charge: its English and Chinese
// descriptions, with the English name of its kind ("Freight 运费") when only
// the Chinese one was given, so that the CI stays in English (CI-4).
func (c *Charge) Label() string {
	en := strings.TrimSpace(c.DescriptionEN)
	if en == "" {
		if n, ok := chargeNames[c.Class()]; ok {
			en = n[0]
			if strings.TrimSpace(c.DescriptionZH) == "" {
				return en + " " + n[1]
			}
		}
	}
	return strings.TrimSpace(en + " " + strings.TrimSpace(c.DescriptionZH))
}

// descriptionAt is the cell that names the charge: its kind column when
// given, else its description.
func (c *Charge) descriptionAt() Location {
	given := map[string]bool{"kind": c.Kind != "", "description_en": c.DescriptionEN != "", "description_zh": c.DescriptionZH != ""}
	for _, key := range []string{"kind", "description_en", "description_zh"} {
		if l, ok := c.Where[key]; ok && given[key] {
			return l
		}
	}
	return c.At("description_en")
}

// buyerCarries reports whether under the rule the buyer arranges and pays
// the main carriage and its insurance (I-2): EXW, FCA, FAS, FOB.
func (t Incoterm) buyerCarries() bool {
	return t == EXW || t == FCA || t == FAS || t == FOB
}

// Includes reports whether the order states that its prices include kind.
func (o *Order) Includes(kind ChargeKind) bool {
	for _, k := range o.IncludedInPrices {
		if k == kind {
			return true
		}
	}
	return false
}

// checkIncoterm warns where the charges disagree with the Incoterm (I-2):
// freight or insurance charged under EXW, FCA, FAS or FOB (at the charge's
// cell; inland carriage to the place of shipment is the seller's under
// FCA, FAS and FOB); no freight under CFR or CPT, no insurance under CIF or CIP (at the
// Incoterm's cell), unless included_in_prices says the prices include it.
func (o *Order) checkIncoterm() Problems {
	var ps Problems
	term := o.Shipment.Incoterm
	switch {
	case term.buyerCarries():
		for i := range o.Charges {
			c := &o.Charges[i]
			if !c.beyondNamedPlace(term) {
				continue
			}
			for _, k := range []ChargeKind{Freight, Insurance} {
				if c.mentions(k) {
					ps = append(ps, Warnf(c.descriptionAt(), ErrIncotermCharges,
						"%s charge %q on a %s invoice: under %s the buyer pays the main carriage and its insurance, so the total is not the %s value; the CI shows the %s value before it (I-2, I-3)",
						k, c.Label(), term, term, term, term))
					break
				}
			}
		}
	case term == CFR || term == CPT || term == CIF || term == CIP:
		need := []ChargeKind{Freight}
		if term == CIF || term == CIP {
			need = append(need, Insurance)
		}
		for _, k := range need {
			if o.Includes(k) || o.hasCharge(k) {
				continue
			}
			ps = append(ps, Warnf(o.At("incoterm"), ErrIncotermCharges,
				"%s: the seller pays the %s, but no %s charge is listed; add it on the Charges sheet or write %s in included_in_prices if the unit prices include it (I-2)",
				term, k, k, k))
		}
	}
	return ps
}

func (o *Order) hasCharge(k ChargeKind) bool {
	for i := range o.Charges {
		if o.Charges[i].mentions(k) {
			return true
		}
	}
	return false
}

// NamedValue splits the charges around the Incoterm's named place when
// the buyer carries the main carriage (EXW, FCA, FAS, FOB) and the invoice
// charges freight or insurance all the same (I-3): before holds the indexes
// of the charges up to the named place (packing, commission, discounts),
// after those of freight and insurance, and value is the goods plus the
// charges before, the FOB (FCA, EXW, FAS) value US customs start from. ok
// is false when there is nothing to split.
func (o *Order) NamedValue() (value decimal.Decimal, before, after []int, ok bool) {
	if !o.Shipment.Incoterm.buyerCarries() {
		return decimal.Zero, nil, nil, false
	}
	_, value = o.lineAmounts() // the goods: no packing totals needed
	for i := range o.Charges {
		c := &o.Charges[i]
		if c.beyondNamedPlace(o.Shipment.Incoterm) {
			after = append(after, i)
			continue
		}
		before = append(before, i)
		value = value.Add(o.Currency.Round(c.Amount))
	}
	if len(after) == 0 {
		return decimal.Zero, nil, nil, false
	}
	return value, before, after, true
}
