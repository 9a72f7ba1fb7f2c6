package orderjson

import (
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/invoice"
)

// The members of the JSON, by key. The keys of values read from a
// spreadsheet are the spreadsheet reader's canonical keys (the Where keys
// of invoice.Order and invoice.Item), so that a value's key also finds its
// cell; the parties' other fields follow the same pattern.

type orderField struct {
	key string
	get func(o *invoice.Order) string
	set func(o *invoice.Order, s string) error
}

// lineField is a field of an item or a charge (T).
type lineField[T any] struct {
	key string
	get func(o *invoice.Order, l *T) string
	set func(l *T, s string) error
}

type (
	itemField   = lineField[invoice.Item]
	chargeField = lineField[invoice.Charge]
)

// text is a string field of the order.
func text(key string, p func(o *invoice.Order) *string) orderField {
	return orderField{key: key,
		get: func(o *invoice.Order) string { return *p(o) },
		set: func(o *invoice.Order, s string) error { *p(o) = s; return nil }}
}

// date is a date field, written 2024-03-15.
func date(key string, p func(o *invoice.Order) *invoice.Date) orderField {
	return orderField{key: key,
		get: func(o *invoice.Order) string { return p(o).String() },
		set: func(o *invoice.Order, s string) error {
			t, err := time.Parse("2006-01-02", s)
			if err != nil {
				return kindError{invoice.ErrDate, "is not a date written 2024-03-15"}
			}
			*p(o) = invoice.DateOf(t)
			return nil
		}}
}

// amount is an optional amount of the order in its currency.
func amount(key string, p func(o *invoice.Order) **decimal.Decimal) orderField {
	return orderField{key: key,
		get: func(o *invoice.Order) string {
			if d := *p(o); d != nil {
				return money(*d, o.Currency)
			}
			return ""
		},
		set: func(o *invoice.Order, s string) error {
			d, err := number(s)
			if err != nil {
				return err
			}
			*p(o) = &d
			return nil
		}}
}

// money writes an amount as a plain decimal with at least the currency's
// minor units and every decimal it has: "93416.40", "0.085".
func money(d decimal.Decimal, c invoice.Currency) string {
	places := max(c.MinorUnits, -d.Exponent())
	if d.Exponent() >= 0 {
		places = c.MinorUnits
	}
	return d.StringFixed(places)
}

// number reads a plain decimal: digits, a point, a sign; no separators.
func number(s string) (decimal.Decimal, error) {
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != '-' {
			return decimal.Decimal{}, kindError{invoice.ErrNotANumber, "is not a plain decimal number (digits and a point, no separators)"}
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil || len(s) > 40 {
		return decimal.Decimal{}, kindError{invoice.ErrNotANumber, "is not a plain decimal number (digits and a point, no separators)"}
	}
	return d, nil
}

func party(prefix string, p func(o *invoice.Order) *invoice.Party, name, address string) []orderField {
	return []orderField{
		text(prefix+name, func(o *invoice.Order) *string { return &p(o).Name }),
		text(prefix+"name_zh", func(o *invoice.Order) *string { return &p(o).NameZH }),
		text(prefix+address, func(o *invoice.Order) *string { return &p(o).Address }),
		text(prefix+"address_zh", func(o *invoice.Order) *string { return &p(o).AddressZH }),
		text(prefix+"phone", func(o *invoice.Order) *string { return &p(o).Phone }),
		text(prefix+"email", func(o *invoice.Order) *string { return &p(o).Email }),
		text(prefix+"website", func(o *invoice.Order) *string { return &p(o).Website }),
		text(prefix+"tax_id", func(o *invoice.Order) *string { return &p(o).TaxID }),
	}
}

var orderFields = concat(
	[]orderField{
		text("order_no", func(o *invoice.Order) *string { return &o.OrderNo }),
		text("pi_no", func(o *invoice.Order) *string { return &o.PINo }),
		date("pi_date", func(o *invoice.Order) *invoice.Date { return &o.PIDate }),
		date("valid_until", func(o *invoice.Order) *invoice.Date { return &o.ValidUntil }),
		text("ci_no", func(o *invoice.Order) *string { return &o.CINo }),
		date("ci_date", func(o *invoice.Order) *invoice.Date { return &o.CIDate }),
		text("contract_no", func(o *invoice.Order) *string { return &o.ContractNo }),
	},
	// The seller's English name and address keep the spreadsheet's keys
	// (seller_name_en, seller_address_en).
	party("seller_", func(o *invoice.Order) *invoice.Party { return &o.Seller }, "name_en", "address_en"),
	[]orderField{text("signatory", func(o *invoice.Order) *string { return &o.Signatory })},
	party("buyer_", func(o *invoice.Order) *invoice.Party { return &o.Buyer }, "name", "address"),
	party("consignee_", func(o *invoice.Order) *invoice.Party { return &o.Consignee }, "name", "address"),
	[]orderField{
		text("notify_party", func(o *invoice.Order) *string { return &o.NotifyParty }),
		{key: "currency",
			get: func(o *invoice.Order) string { return o.Currency.Code },
			set: func(o *invoice.Order, s string) error {
				c, alias, err := invoice.ParseCurrency(s)
				if err != nil || alias != "" {
					return kindError{invoice.ErrCurrency, "is not an ISO 4217 currency code"}
				}
				o.Currency = c
				return nil
			}},
		{key: "incoterm",
			get: func(o *invoice.Order) string { return string(o.Shipment.Incoterm) },
			set: func(o *invoice.Order, s string) error {
				t, place, err := invoice.ParseIncoterm(s)
				if err != nil || place != "" {
					return kindError{invoice.ErrIncoterm, "is not an Incoterms 2020 rule code (FOB, CIF, EXW ...)"}
				}
				o.Shipment.Incoterm = t
				return nil
			}},
		text("incoterm_place", func(o *invoice.Order) *string { return &o.Shipment.Place }),
		text("port_of_loading", func(o *invoice.Order) *string { return &o.Shipment.PortOfLoading }),
		text("port_of_discharge", func(o *invoice.Order) *string { return &o.Shipment.PortOfDischarge }),
		text("port_of_entry", func(o *invoice.Order) *string { return &o.Shipment.PortOfEntry }),
		text("country_of_origin", func(o *invoice.Order) *string { return &o.Shipment.CountryOfOrigin }),
		text("country_of_destination", func(o *invoice.Order) *string { return &o.Shipment.CountryOfDestination }),
		text("transport", func(o *invoice.Order) *string { return &o.Shipment.Transport }),
		text("vessel", func(o *invoice.Order) *string { return &o.Shipment.Vessel }),
		text("tracking_no", func(o *invoice.Order) *string { return &o.Shipment.TrackingNo }),
		date("ship_date", func(o *invoice.Order) *invoice.Date { return &o.Shipment.ShipDate }),
		text("lead_time", func(o *invoice.Order) *string { return &o.Shipment.LeadTime }),
		text("shipping_marks", func(o *invoice.Order) *string { return &o.Shipment.ShippingMarks }),
		text("packing", func(o *invoice.Order) *string { return &o.Shipment.Packing }),
		text("package_type", func(o *invoice.Order) *string { return &o.Shipment.PackageType }),
		text("manufacturer_name", func(o *invoice.Order) *string { return &o.Manufacturer.Name }),
		text("manufacturer_address", func(o *invoice.Order) *string { return &o.Manufacturer.Address }),
		text("rebates", func(o *invoice.Order) *string { return &o.Rebates }),
		text("assists", func(o *invoice.Order) *string { return &o.Assists }),
		{key: "included_in_prices",
			get: func(o *invoice.Order) string {
				ks := make([]string, len(o.IncludedInPrices))
				for i, k := range o.IncludedInPrices {
					ks[i] = string(k)
				}
				return strings.Join(ks, ",")
			},
			set: func(o *invoice.Order, s string) error {
				ks, err := invoice.ParseIncluded(s)
				if err != nil {
					return kindError{invoice.ErrChargeKind, "is not freight, insurance or both"}
				}
				o.IncludedInPrices = ks
				return nil
			}},
		{key: "deposit_percent",
			get: func(o *invoice.Order) string {
				if o.DepositPercent == nil {
					return ""
				}
				return o.DepositPercent.String()
			},
			set: func(o *invoice.Order, s string) error {
				d, err := number(s)
				if err != nil {
					return err
				}
				o.DepositPercent = &d
				return nil
			}},
		text("deposit_terms", func(o *invoice.Order) *string { return &o.DepositTerms }),
		text("balance_terms", func(o *invoice.Order) *string { return &o.BalanceTerms }),
		amount("deposit_received", func(o *invoice.Order) **decimal.Decimal { return &o.DepositReceived }),
		text("bank_beneficiary", func(o *invoice.Order) *string { return &o.Bank.Beneficiary }),
		text("bank_account", func(o *invoice.Order) *string { return &o.Bank.Account }),
		text("bank_name", func(o *invoice.Order) *string { return &o.Bank.Name }),
		text("bank_address", func(o *invoice.Order) *string { return &o.Bank.Address }),
		text("bank_swift", func(o *invoice.Order) *string { return &o.Bank.SWIFT }),
		text("bank_cnaps", func(o *invoice.Order) *string { return &o.Bank.CNAPS }),
		text("bank_beneficiary_address", func(o *invoice.Order) *string { return &o.Bank.BeneficiaryAddress }),
		text("intermediary_bank", func(o *invoice.Order) *string { return &o.Bank.IntermediaryBank }),
		text("intermediary_swift", func(o *invoice.Order) *string { return &o.Bank.IntermediarySWIFT }),
		text("bank_charges", func(o *invoice.Order) *string { return &o.Bank.Charges }),
		text("remarks", func(o *invoice.Order) *string { return &o.Remarks }),
		text("logo", func(o *invoice.Order) *string { return &o.Logo }),
		text("chop", func(o *invoice.Order) *string { return &o.Chop }),
		amount("stated_total", func(o *invoice.Order) **decimal.Decimal { return &o.StatedTotal }),
	},
)

func concat[T any](parts ...[]T) []T {
	var out []T
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// itemText is a string field of an item.
func itemText(key string, p func(it *invoice.Item) *string) itemField {
	return itemField{key: key,
		get: func(_ *invoice.Order, it *invoice.Item) string { return *p(it) },
		set: func(it *invoice.Item, s string) error { *p(it) = s; return nil }}
}

// itemNumber is a required figure of an item; money says whether it is
// written with at least the currency's minor units.
func itemNumber(key string, p func(it *invoice.Item) *decimal.Decimal, isMoney bool) itemField {
	return itemField{key: key,
		get: func(o *invoice.Order, it *invoice.Item) string {
			if isMoney {
				return money(*p(it), o.Currency)
			}
			return p(it).String()
		},
		set: func(it *invoice.Item, s string) error {
			d, err := number(s)
			*p(it) = d
			return err
		}}
}

// itemOptional is an optional figure of an item.
func itemOptional(key string, p func(it *invoice.Item) **decimal.Decimal, isMoney bool) itemField {
	return itemField{key: key,
		get: func(o *invoice.Order, it *invoice.Item) string {
			d := *p(it)
			switch {
			case d == nil:
				return ""
			case isMoney:
				return money(*d, o.Currency)
			}
			return d.String()
		},
		set: func(it *invoice.Item, s string) error {
			d, err := number(s)
			if err == nil {
				*p(it) = &d
			}
			return err
		}}
}

var itemFields = []itemField{
	itemText("line_no", func(it *invoice.Item) *string { return &it.LineNo }),
	itemText("sku", func(it *invoice.Item) *string { return &it.SKU }),
	itemText("description_en", func(it *invoice.Item) *string { return &it.DescriptionEN }),
	itemText("description_zh", func(it *invoice.Item) *string { return &it.DescriptionZH }),
	itemText("spec", func(it *invoice.Item) *string { return &it.Spec }),
	itemText("material", func(it *invoice.Item) *string { return &it.Material }),
	itemText("hs_code", func(it *invoice.Item) *string { return &it.HSCode }),
	itemText("origin", func(it *invoice.Item) *string { return &it.Origin }),
	itemNumber("quantity", func(it *invoice.Item) *decimal.Decimal { return &it.Quantity }, false),
	itemText("unit", func(it *invoice.Item) *string { return &it.Unit }),
	itemNumber("unit_price", func(it *invoice.Item) *decimal.Decimal { return &it.UnitPrice }, true),
	// amount is the line amount the spreadsheet stated, checked against
	// quantity × unit price (M-5); the computed one is in totals.
	itemOptional("amount", func(it *invoice.Item) **decimal.Decimal { return &it.StatedAmount }, true),
	itemOptional("cartons", func(it *invoice.Item) **decimal.Decimal { return &it.Cartons }, false),
	itemOptional("net_weight_kg", func(it *invoice.Item) **decimal.Decimal { return &it.NetWeightKG }, false),
	itemOptional("gross_weight_kg", func(it *invoice.Item) **decimal.Decimal { return &it.GrossWeightKG }, false),
	itemOptional("cbm", func(it *invoice.Item) **decimal.Decimal { return &it.CBM }, false),
	itemOptional("qty_per_carton", func(it *invoice.Item) **decimal.Decimal { return &it.QtyPerCarton }, false),
	itemOptional("last_carton_qty", func(it *invoice.Item) **decimal.Decimal { return &it.LastCartonQty }, false),
	itemOptional("net_weight_per_carton_kg", func(it *invoice.Item) **decimal.Decimal { return &it.NetWeightPerCartonKG }, false),
	itemOptional("gross_weight_per_carton_kg", func(it *invoice.Item) **decimal.Decimal { return &it.GrossWeightPerCartonKG }, false),
	itemText("carton_size_cm", func(it *invoice.Item) *string { return &it.CartonSize }),
	itemText("carton_no", func(it *invoice.Item) *string { return &it.CartonNo }),
	itemText("manufacturer_name", func(it *invoice.Item) *string { return &it.ManufacturerName }),
	itemText("manufacturer_address", func(it *invoice.Item) *string { return &it.ManufacturerAddress }),
}

var chargeFields = []chargeField{
	{key: "description_en",
		get: func(_ *invoice.Order, c *invoice.Charge) string { return c.DescriptionEN },
		set: func(c *invoice.Charge, s string) error { c.DescriptionEN = s; return nil }},
	{key: "description_zh",
		get: func(_ *invoice.Order, c *invoice.Charge) string { return c.DescriptionZH },
		set: func(c *invoice.Charge, s string) error { c.DescriptionZH = s; return nil }},
	{key: "kind",
		get: func(_ *invoice.Order, c *invoice.Charge) string { return string(c.Kind) },
		set: func(c *invoice.Charge, s string) error {
			k, err := invoice.ParseChargeKind(s)
			if err != nil {
				return kindError{invoice.ErrChargeKind, "is not freight, insurance, packing, commission, discount or other"}
			}
			c.Kind = k
			return nil
		}},
	{key: "amount",
		get: func(o *invoice.Order, c *invoice.Charge) string { return money(c.Amount, o.Currency) },
		set: func(c *invoice.Charge, s string) error {
			d, err := number(s)
			c.Amount = d
			return err
		}},
}

var (
	orderFieldsByKey  = byKey(orderFields, func(f orderField) string { return f.key })
	itemFieldsByKey   = byKey(itemFields, func(f itemField) string { return f.key })
	chargeFieldsByKey = byKey(chargeFields, func(f chargeField) string { return f.key })
)

// The fields in the order of their keys, as Marshal writes them.
var (
	orderFieldsSorted  = sortedBy(orderFields, func(f orderField) string { return f.key })
	itemFieldsSorted   = sortedBy(itemFields, func(f itemField) string { return f.key })
	chargeFieldsSorted = sortedBy(chargeFields, func(f chargeField) string { return f.key })
)

func sortedBy[T any](fs []T, key func(T) string) []T {
	out := slices.Clone(fs)
	slices.SortFunc(out, func(a, b T) int { return strings.Compare(key(a), key(b)) })
	return out
}

func byKey[T any](fs []T, key func(T) string) map[string]T {
	m := make(map[string]T, len(fs))
	for _, f := range fs {
		m[key(f)] = f
	}
	return m
}
