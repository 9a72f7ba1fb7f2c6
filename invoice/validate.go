package invoice

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Readers record in Where, under "!" + key, each cell whose value they could
// not read and have already reported; Validate then adds no second problem
// (such as "missing") for the same cell.
func (o *Order) bad(key string) bool {
	_, ok := o.Where["!"+key]
	return ok
}

// Validate checks the order against the trade rules and returns every
// problem, each at the cell that holds it. Problems found while reading (a
// quantity that is not a number) are the reader's; Validate checks what the
// values mean.
func (o *Order) Validate() Problems {
	var ps Problems
	required := func(key, value, what string) {
		if value == "" && !o.bad(key) {
			ps = append(ps, Errorf(o.At(key), ErrMissing, "%s (%s) is required", key, what))
		}
	}
	required("order_no", o.OrderNo, "order number, 订单号")
	required("seller_name_en", o.Seller.Name, "supplier's English name, 卖方英文名称")
	required("seller_address_en", o.Seller.Address, "supplier's English address, 卖方英文地址")
	required("buyer_name", o.Buyer.Name, "buyer's name, 买方名称")
	required("buyer_address", o.Buyer.Address, "buyer's address, 买方地址")
	if o.Currency.IsZero() && !o.bad("currency") {
		ps = append(ps, Errorf(o.At("currency"), ErrMissing, "currency (币种) is required, e.g. USD or CNY"))
	}
	if o.Shipment.Incoterm == "" && !o.bad("incoterm") {
		ps = append(ps, Errorf(o.At("incoterm"), ErrMissing, "incoterm (贸易术语) is required, e.g. FOB"))
	}
	if o.Shipment.Incoterm != "" && o.Shipment.Place == "" {
		ps = append(ps, Errorf(o.At("incoterm_place"), ErrPlace,
			"incoterm %s needs a named place (incoterm_place: the %s, e.g. %s)",
			o.Shipment.Incoterm, o.Shipment.Incoterm.NamedPlace(), placeExample(o.Shipment.Incoterm)))
	}
	if p := o.DepositPercent; p != nil && (p.IsNegative() || p.GreaterThan(hundred)) {
		ps = append(ps, Errorf(o.At("deposit_percent"), ErrPercent, "deposit_percent %s is outside 0–100", p.String()))
	}
	if !o.PIDate.IsZero() && !o.ValidUntil.IsZero() && o.ValidUntil.Before(o.PIDate) {
		ps = append(ps, Errorf(o.At("valid_until"), ErrDateOrder, "valid_until %s is before pi_date %s (%s)", o.ValidUntil, o.PIDate, o.At("pi_date")))
	}
	if o.Seller.TaxID != "" {
		if err := CheckTaxID(o.Seller.TaxID); err != nil {
			ps = append(ps, Errorf(o.At("seller_tax_id"), ErrTaxID, "seller_tax_id: %v", err))
		}
	}
	if o.Bank.SWIFT != "" {
		if err := CheckBIC(o.Bank.SWIFT); err != nil {
			ps = append(ps, Errorf(o.At("bank_swift"), ErrBIC, "bank_swift: %v", err))
		}
	}
	if o.Bank.CNAPS != "" {
		if err := CheckCNAPS(o.Bank.CNAPS); err != nil {
			ps = append(ps, Errorf(o.At("bank_cnaps"), ErrCNAPS, "bank_cnaps: %v", err))
		}
	}
	if o.DepositReceived != nil && o.DepositReceived.IsNegative() {
		ps = append(ps, Errorf(o.At("deposit_received"), ErrNegative, "deposit_received %s is negative", o.DepositReceived))
	}
	if len(o.Items) == 0 {
		ps = append(ps, Errorf(o.Source, ErrNoItems, "order %q has no item lines", o.OrderNo))
	}
	for i := range o.Items {
		ps = append(ps, o.validateItem(&o.Items[i])...)
	}
	for i := range o.Charges {
		c := &o.Charges[i]
		if c.DescriptionEN == "" && c.DescriptionZH == "" {
			ps = append(ps, Errorf(c.At("description_en"), ErrMissing, "charge of %s has no description (customs needs each charge named, 19 CFR 141.86)", c.Amount))
		}
	}
	ps = append(ps, o.checkBounds()...)
	if o.StatedTotal != nil && !o.Currency.IsZero() && !ps.HasErrors() {
		t := o.Totals()
		stated := o.Currency.Round(*o.StatedTotal)
		if !stated.Equal(t.Goods) && !stated.Equal(t.Total) {
			ps = append(ps, Errorf(o.At("stated_total"), ErrTotalMismatch,
				"total %s differs from the sum of the line amounts, %s (M-5)",
				o.StatedTotal, o.Currency.Format(t.Goods)))
		}
	}
	return ps
}

func placeExample(t Incoterm) string {
	switch t.NamedPlace() {
	case "port of shipment":
		return "Shenzhen"
	case "port of destination":
		return "Los Angeles"
	case "place of delivery":
		return "Yiwu factory"
	default:
		return "Chicago, IL"
	}
}

func (o *Order) validateItem(it *Item) Problems {
	var ps Problems
	if it.DescriptionEN == "" {
		what := "item"
		if it.DescriptionZH != "" {
			what = fmt.Sprintf("item %q", it.DescriptionZH)
		}
		ps = append(ps, Errorf(it.At("description_en"), ErrMissing,
			"%s has no English description (description_en); customs invoices must be in English, 19 CFR 141.86(d)", what))
	}
	qtyOK := !it.bad("quantity")
	if qtyOK && !it.Quantity.IsPositive() {
		qtyOK = false
		ps = append(ps, Errorf(it.At("quantity"), ErrNotPositive, "quantity %s is not a positive number", it.Quantity))
	}
	priceOK := !it.bad("unit_price")
	if priceOK && it.UnitPrice.IsNegative() {
		priceOK = false
		ps = append(ps, Errorf(it.At("unit_price"), ErrNegative, "unit_price %s is negative", it.UnitPrice))
	}
	if it.HSCode != "" {
		if err := CheckHSCode(it.HSCode); err != nil {
			ps = append(ps, Errorf(it.At("hs_code"), ErrHSCode, "%v", err))
		}
	}
	if it.StatedAmount != nil && qtyOK && priceOK && !o.Currency.IsZero() {
		want := it.Amount(o.Currency)
		if got := o.Currency.Round(*it.StatedAmount); !got.Equal(want) {
			ps = append(ps, Errorf(it.At("amount"), ErrAmountMismatch,
				"amount %s differs from quantity × unit price = %s (%s) × %s (%s) = %s (M-5)",
				it.StatedAmount, it.Quantity, it.At("quantity").Cell, it.UnitPrice, it.At("unit_price").Cell, o.Currency.Format(want)))
		}
	}
	return ps
}

// bad reports whether the reader already found the key's cell unreadable
// (see Order.bad).
func (it *Item) bad(key string) bool {
	_, ok := it.Where["!"+key]
	return ok
}

// ValidateBatch checks what no single order can: the same order number twice
// in one run would overwrite one order's documents with another's.
func ValidateBatch(orders []*Order) Problems {
	var ps Problems
	seen := map[string]*Order{}
	for _, o := range orders {
		if o.OrderNo == "" {
			continue
		}
		if first, ok := seen[o.OrderNo]; ok {
			ps = append(ps, Errorf(o.At("order_no"), ErrDuplicateOrder,
				"order_no %q appears twice in this batch (first at %s)", o.OrderNo, first.At("order_no")))
			continue
		}
		seen[o.OrderNo] = o
	}
	return ps
}

// Texts calls fn with every piece of text of the order that a document may
// print, with its canonical key and cell, so that callers can check that the
// font draws every character before rendering.
func (o *Order) Texts(fn func(key string, where Location, s string)) {
	f := func(key, s string) {
		if s != "" {
			fn(key, o.At(key), s)
		}
	}
	f("order_no", o.OrderNo)
	f("pi_no", o.PINo)
	f("ci_no", o.CINo)
	f("contract_no", o.ContractNo)
	for _, p := range []struct {
		prefix string
		p      Party
	}{{"seller", o.Seller}, {"buyer", o.Buyer}, {"consignee", o.Consignee}} {
		f(p.prefix+"_name"+suffixEN(p.prefix), p.p.Name)
		f(p.prefix+"_name_zh", p.p.NameZH)
		f(p.prefix+"_address"+suffixEN(p.prefix), p.p.Address)
		f(p.prefix+"_address_zh", p.p.AddressZH)
		f(p.prefix+"_phone", p.p.Phone)
		f(p.prefix+"_email", p.p.Email)
		f(p.prefix+"_website", p.p.Website)
		f(p.prefix+"_tax_id", p.p.TaxID)
	}
	f("signatory", o.Signatory)
	f("notify_party", o.NotifyParty)
	s := o.Shipment
	f("incoterm_place", s.Place)
	f("port_of_loading", s.PortOfLoading)
	f("port_of_discharge", s.PortOfDischarge)
	f("port_of_entry", s.PortOfEntry)
	f("country_of_origin", s.CountryOfOrigin)
	f("country_of_destination", s.CountryOfDestination)
	f("transport", s.Transport)
	f("vessel", s.Vessel)
	f("tracking_no", s.TrackingNo)
	f("lead_time", s.LeadTime)
	f("shipping_marks", s.ShippingMarks)
	f("packing", s.Packing)
	f("deposit_terms", o.DepositTerms)
	f("balance_terms", o.BalanceTerms)
	b := o.Bank
	f("bank_beneficiary", b.Beneficiary)
	f("bank_account", b.Account)
	f("bank_name", b.Name)
	f("bank_address", b.Address)
	f("remarks", o.Remarks)
	for i := range o.Items {
		it := &o.Items[i]
		g := func(key, s string) {
			if s != "" {
				fn(key, it.At(key), s)
			}
		}
		g("line_no", it.LineNo)
		g("sku", it.SKU)
		g("description_en", it.DescriptionEN)
		g("description_zh", it.DescriptionZH)
		g("spec", it.Spec)
		g("material", it.Material)
		g("hs_code", it.HSCode)
		g("origin", it.Origin)
		g("unit", it.Unit)
	}
	for i := range o.Charges {
		c := &o.Charges[i]
		if c.DescriptionEN != "" {
			fn("description_en", c.At("description_en"), c.DescriptionEN)
		}
		if c.DescriptionZH != "" {
			fn("description_zh", c.At("description_zh"), c.DescriptionZH)
		}
	}
}

func suffixEN(prefix string) string {
	if prefix == "seller" {
		return "_en"
	}
	return ""
}

// CheckCharacters reports each character of the order's text that cannot be
// drawn: one above U+FFFF (emoji, rare CJK extension characters), which the
// PDF writer cannot encode, or one the font has no glyph for (covers says
// which it has). The severity is the caller's: a warning for check, an error
// before rendering, since a PDF must never drop a character silently.
func (o *Order) CheckCharacters(covers func(rune) bool, sev Severity) Problems {
	var ps Problems
	o.Texts(func(key string, where Location, s string) {
		for _, r := range s {
			var why string
			switch {
			case strings.ContainsRune(lineBreaks, r) && !oneLineKeys[key]:
				continue // a line of its own in a multi-line box (IN-2)
			case r == utf8.RuneError:
				why = "is not valid text (a broken character encoding?)"
			case r > 0xFFFF:
				why = "is outside the Basic Multilingual Plane, which the PDF fonts cannot encode"
			case r < 0x20 && r != '\n' && r != '\t' && r != '\r':
				why = "is a control character"
			case r >= 0x20 && covers != nil && !covers(r):
				why = "is not in the bundled font"
			default:
				continue
			}
			p := Problem{Where: where, Severity: sev, Kind: ErrCharacter,
				Message: fmt.Sprintf("%s: character %q (U+%04X) %s", key, r, r, why)}
			ps = append(ps, p)
		}
	})
	return ps
}

// DecimalPtr returns a pointer to d, for optional figures.
func DecimalPtr(d decimal.Decimal) *decimal.Decimal { return &d }
