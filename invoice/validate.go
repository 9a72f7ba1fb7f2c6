package invoice

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Kinds of problem found in what spreadsheet programs do to values and in
// workbooks filled in by hand (see also problem.go).
var (
	// ErrDigitsLost is an identifier (bank account, HS code, USCC ...)
	// stored as a number that kept only 15 digits (N-1).
	ErrDigitsLost = errors.New("identifier stored as a number lost digits")
	// ErrShown is a value read as the spreadsheet shows it rather than as
	// its cell stores it (binary noise removed, N-2).
	ErrShown = errors.New("value read as shown")
	// ErrTemplateExample is a value still equal to the blank workbook's
	// worked example.
	ErrTemplateExample = errors.New("template example value")
	// ErrUnknownField is a field name the reader does not know.
	ErrUnknownField = errors.New("unknown field")
	// ErrPackingGaps is packing data given on some lines only.
	ErrPackingGaps = errors.New("incomplete packing data")
)

// RequiredField is a field without which no document is issued: the
// parties, the money and the terms of sale every PI and CI states
// (19 CFR 141.86(a)), and on every item line what was sold, how many and at
// what price. It is the one list both the reader's blank workbook (which
// marks these fields *) and Validate use.
type RequiredField struct {
	// Key is the field's canonical key, as in the Order sheet's column A.
	Key string
	// Item says the field is an item line's column, not an order field.
	Item bool
	// What names the field for the user in English and Chinese.
	What string
	// Note is added to the missing-field message, e.g. an example value.
	Note string
	// missing reports whether the order (or item) lacks the value.
	missing func(o *Order, it *Item) bool
}

// RequiredFields lists the required order fields, in the order of the blank
// workbook, then the required item columns.
var RequiredFields = []RequiredField{
	{Key: "order_no", What: "order number, 订单号", missing: func(o *Order, _ *Item) bool { return o.OrderNo == "" }},
	// Every document prints a date and none may be made up (IN-3); the CI
	// takes the PI date, with a warning, when it has none of its own.
	{Key: "pi_date", What: "date of the proforma invoice, 形式发票日期", missing: func(o *Order, _ *Item) bool { return o.PIDate.IsZero() }},
	{Key: "seller_name_en", What: "supplier's English name, 卖方英文名称", missing: func(o *Order, _ *Item) bool { return o.Seller.Name == "" }},
	{Key: "seller_address_en", What: "supplier's English address, 卖方英文地址", missing: func(o *Order, _ *Item) bool { return o.Seller.Address == "" }},
	{Key: "buyer_name", What: "buyer's name, 买方名称", missing: func(o *Order, _ *Item) bool { return o.Buyer.Name == "" }},
	{Key: "buyer_address", What: "buyer's address, 买方地址", missing: func(o *Order, _ *Item) bool { return o.Buyer.Address == "" }},
	{Key: "currency", What: "币种", Note: ", e.g. USD or CNY", missing: func(o *Order, _ *Item) bool { return o.Currency.IsZero() }},
	{Key: "incoterm", What: "贸易术语", Note: ", e.g. FOB", missing: func(o *Order, _ *Item) bool { return o.Shipment.Incoterm == "" }},
	// incoterm_place is checked with its rule (ErrPlace): the message names
	// the place the rule wants.
	{Key: "incoterm_place", What: "Incoterm named place, 指定地点"},
	{Key: "description_en", Item: true, What: "English description, 英文品名"},
	{Key: "quantity", Item: true, What: "quantity, 数量"},
	{Key: "unit_price", Item: true, What: "unit price, 单价"},
}

// IsRequired reports whether the order field (item false) or item column
// (item true) with the canonical key is required.
func IsRequired(key string, item bool) bool {
	for _, f := range RequiredFields {
		if f.Key == key && f.Item == item {
			return true
		}
	}
	return false
}

// Validate checks the order against the trade rules and returns every
// problem, each at the cell that holds it. Problems found while reading (a
// quantity that is not a number) are the reader's; Validate checks what the
// values mean.
func (o *Order) Validate() Problems {
	var ps Problems
	for _, f := range RequiredFields {
		if !f.Item && f.missing != nil && f.missing(o, nil) && !o.Unread.Has(f.Key) {
			ps = append(ps, Errorf(o.At(f.Key), ErrMissing, "%s (%s) is required%s", f.Key, f.What, f.Note))
		}
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
	ps = append(ps, o.validatePacking()...)
	for i := range o.Charges {
		c := &o.Charges[i]
		if c.DescriptionEN == "" && c.DescriptionZH == "" {
			ps = append(ps, Errorf(c.At("description_en"), ErrMissing, "charge of %s has no description (customs needs each charge named, 19 CFR 141.86)", c.Amount))
		}
	}
	ps = append(ps, o.checkIncoterm()...)
	ps = append(ps, o.checkCustoms()...)
	ps = append(ps, o.packingGaps()...)
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

// packingFigures are the item columns whose totals the CI prints (CI-5),
// by canonical key, with what the CI calls their total.
var packingFigures = []struct {
	key, total string
	get        func(it *Item) bool
}{
	// A line without cartons in an order that has them is an error of
	// the packing list (PL-1), not a gap.
	{"net_weight_kg", "total net weight", func(it *Item) bool { return it.NetWeightKG != nil || it.NetWeightPerCartonKG != nil }},
	{"gross_weight_kg", "total gross weight", func(it *Item) bool { return it.GrossWeightKG != nil || it.GrossWeightPerCartonKG != nil }},
	// The volume is computed from the carton size, and a mixed carton's
	// from the group it shares.
	{"cbm", "total volume", func(it *Item) bool { return it.CBM != nil || it.CartonSize != "" || it.CartonNo != "" }},
}

// PackingComplete reports whether the packing figure with the canonical key
// (net_weight_kg, gross_weight_kg, cbm; any other key, cartons among them,
// is complete here) is given, or derivable, on every item
// line, so that its total is the shipment's: a total over some lines only
// would pass for the whole shipment on the CI and is not printed.
func (o *Order) PackingComplete(key string) bool {
	for _, f := range packingFigures {
		if f.key != key {
			continue
		}
		for i := range o.Items {
			if !f.get(&o.Items[i]) {
				return false
			}
		}
	}
	return true
}

// packingGaps warns, at each blank cell, about a packing figure given on
// some item lines only: the total would be short, so the CI leaves it out.
func (o *Order) packingGaps() Problems {
	var ps Problems
	for _, f := range packingFigures {
		given := 0
		for i := range o.Items {
			if f.get(&o.Items[i]) {
				given++
			}
		}
		if given == 0 || given == len(o.Items) {
			continue
		}
		for i := range o.Items {
			it := &o.Items[i]
			if f.get(it) || it.Unread.Has(f.key) {
				continue
			}
			ps = append(ps, Warnf(it.At(f.key), ErrPackingGaps,
				"%s is blank on this line while %d of the %d lines give it; fill it in: until every line has one, the CI and the packing list print no %s",
				f.key, given, len(o.Items), f.total))
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
	if it.DescriptionEN == "" && !it.Unread.Has("description_en") {
		what := "item"
		if it.DescriptionZH != "" {
			what = fmt.Sprintf("item %q", it.DescriptionZH)
		}
		ps = append(ps, Errorf(it.At("description_en"), ErrMissing,
			"%s has no English description (description_en); customs invoices must be in English, 19 CFR 141.86(d)", what))
	} else if !HasEnglish(it.DescriptionEN) {
		ps = append(ps, Errorf(it.At("description_en"), ErrMissing,
			"description_en %q has no English; customs invoices must be in English, 19 CFR 141.86(d) (CI-4): write the English description, e.g. \"Plastic storage box 塑料收纳箱\"", it.DescriptionEN))
	}
	qtyOK := !it.Unread.Has("quantity")
	if qtyOK && !it.Quantity.IsPositive() {
		qtyOK = false
		ps = append(ps, Errorf(it.At("quantity"), ErrNotPositive, "quantity %s is not a positive number", it.Quantity))
	}
	priceOK := !it.Unread.Has("unit_price")
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
				"amount %s differs from quantity × unit price = %s × %s = %s (M-5)",
				it.StatedAmount, withPlace(it.Quantity.String(), it.At("quantity")), withPlace(it.UnitPrice.String(), it.At("unit_price")), o.Currency.Format(want)))
		}
	}
	return ps
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
	f("package_type", s.PackageType)
	f("deposit_terms", o.DepositTerms)
	f("balance_terms", o.BalanceTerms)
	b := o.Bank
	f("bank_beneficiary", b.Beneficiary)
	f("bank_account", b.Account)
	f("bank_name", b.Name)
	f("bank_address", b.Address)
	f("bank_beneficiary_address", b.BeneficiaryAddress)
	f("intermediary_bank", b.IntermediaryBank)
	f("intermediary_swift", b.IntermediarySWIFT)
	f("manufacturer_name", o.Manufacturer.Name)
	f("manufacturer_address", o.Manufacturer.Address)
	f("rebates", o.Rebates)
	f("assists", o.Assists)
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
		g("manufacturer_name", it.ManufacturerName)
		g("manufacturer_address", it.ManufacturerAddress)
		g("carton_size_cm", it.CartonSize)
		g("carton_no", it.CartonNo)
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
	return o.CheckCharactersIn("", covers, sev)
}

// CheckCharactersIn is CheckCharacters for the fonts named font in messages
// ("not in NotoSerif.ttf"); an empty name means the bundled font.
func (o *Order) CheckCharactersIn(font string, covers func(rune) bool, sev Severity) Problems {
	if font == "" {
		font = "the bundled font"
	}
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
				why = "is not in " + font
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

// withPlace is a value with the cell it was read from, "2000 (E5)", or
// the value alone when it has no cell.
func withPlace(v string, l Location) string {
	if p := l.Place(); p != "" {
		return v + " (" + p + ")"
	}
	return v
}
