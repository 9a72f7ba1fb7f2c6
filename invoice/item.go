package invoice

import "github.com/shopspring/decimal"

// Item is one line of the order: a product, how many, at what price.
type Item struct {
	// LineNo is the supplier's line number (序号) as written; empty lines are
	// numbered in order.
	LineNo string
	// SKU is the model or item code (货号, 款号).
	SKU string
	// DescriptionEN is the English description customs classify by (CI-2,
	// 19 CFR 141.86(a)(3)).
	DescriptionEN string
	// DescriptionZH is the Chinese product name (品名).
	DescriptionZH string
	// Spec is the specification or model (规格型号).
	Spec     string
	Material string
	// HSCode is the tariff number as the user wrote it: 8513.10 or
	// 8513102000 (H-1).
	HSCode string
	// Origin is the line's country of origin when it differs from the order's.
	Origin string
	// ManufacturerName and ManufacturerAddress name the factory of this
	// line when it differs from the order's manufacturer (CI-10).
	ManufacturerName    string
	ManufacturerAddress string
	// Quantity is how many units; may be fractional (12.5 kg).
	Quantity decimal.Decimal
	// Unit is the unit of quantity: pcs, sets, kg, 个, 套.
	Unit string
	// UnitPrice is the price per unit; may carry more decimals than the
	// currency (¥0.085 is normal on 1688, M-1).
	UnitPrice decimal.Decimal
	// StatedAmount is the amount the spreadsheet shows for the line, checked
	// against quantity × unit price (M-5); nil when absent.
	StatedAmount *decimal.Decimal
	// Cartons, NetWeightKG, GrossWeightKG and CBM are the line's packing
	// figures; nil when not given.
	Cartons       *decimal.Decimal
	NetWeightKG   *decimal.Decimal
	GrossWeightKG *decimal.Decimal
	CBM           *decimal.Decimal
	// QtyPerCarton is how many units one carton holds (每箱数量, PCS/CTN);
	// LastCartonQty, when given, is what the last, partial carton holds
	// (尾箱数量). Both nil when not given (PL-1).
	QtyPerCarton  *decimal.Decimal
	LastCartonQty *decimal.Decimal
	// NetWeightPerCartonKG and GrossWeightPerCartonKG are one carton's
	// weights, given instead of (or as well as) the line's totals.
	NetWeightPerCartonKG   *decimal.Decimal
	GrossWeightPerCartonKG *decimal.Decimal
	// CartonSize is the outer carton's dimensions in cm as written (外箱尺寸,
	// Meas.): "60x40x35", "60*40*35", "60×40×35 cm"; see ParseCartonSize.
	CartonSize string
	// CartonNo is the carton number range as written (箱号): "1-24"; lines
	// that give the same range share mixed cartons. Empty: numbered in line
	// order (PL-1).
	CartonNo string

	// Where records, by canonical column key, the cell each value came from
	// when it is not a cell of the Columns table on Row.
	Where map[string]Location
	// Columns, when set, is the table the line was read from, shared by
	// all its lines: each of its columns is where the line's value for
	// that key was read, on row Row. A line keeps a row number, not a cell
	// per column (a batch of many orders holds many lines).
	Columns *Columns
	Row     int
	// Unread holds the columns whose cells could not be read (already
	// reported by the reader).
	Unread Unread
	// Source is the item's row.
	Source Location
}

// At returns where the column with the canonical key was read from, falling
// back to the item's row.
func (it *Item) At(key string) Location {
	if l, ok := it.Cell(key); ok {
		return l
	}
	return it.Source
}

// Cell returns where the column with the canonical key was read from, and
// false when the line has no such column.
func (it *Item) Cell(key string) (Location, bool) {
	if l, ok := it.Where[key]; ok {
		return l, true
	}
	return it.Columns.At(key, it.Row)
}

// Cells calls fn with each column's key and where the line's value for it
// was read.
func (it *Item) Cells(fn func(key string, at Location)) {
	for k, l := range it.Where {
		fn(k, l)
	}
	if it.Columns != nil {
		for k := range it.Columns.Keys {
			if _, ok := it.Where[k]; !ok {
				l, _ := it.Columns.At(k, it.Row)
				fn(k, l)
			}
		}
	}
}

// Amount is the line amount: quantity × unit price rounded half-up to the
// currency's minor unit (M-1).
func (it *Item) Amount(c Currency) decimal.Decimal {
	if x, ok := it.smallAmount(c); ok {
		return x.decimal()
	}
	return c.Round(it.Quantity.Mul(it.UnitPrice))
}

// smallAmount is Amount computed in a word, when the figures fit one.
func (it *Item) smallAmount(c Currency) (smallDec, bool) {
	q, ok := toSmall(it.Quantity)
	if !ok {
		return smallDec{}, false
	}
	p, ok := toSmall(it.UnitPrice)
	if !ok {
		return smallDec{}, false
	}
	a, ok := q.mul(p)
	if !ok {
		return smallDec{}, false
	}
	return a.round(c.MinorUnits)
}

// Charge is an amount added to (or, for a discount, taken off) the goods:
// freight, insurance, packing, commission. Customs wants each itemized
// (CI-3, 19 CFR 141.86(a)(6)).
type Charge struct {
	DescriptionEN string
	DescriptionZH string
	// Kind is what the charge is for, from the charge's kind column; empty
	// when not stated, and then recognised from the description (see
	// Charge.Class).
	Kind ChargeKind
	// Amount is the charge in the order's currency; negative for a discount
	// or rebate.
	Amount decimal.Decimal

	Where map[string]Location
	// Unread holds the columns whose cells could not be read.
	Unread Unread
	Source Location
}

// At returns where the column with the canonical key was read from.
func (c *Charge) At(key string) Location {
	if l, ok := c.Where[key]; ok {
		return l
	}
	return c.Source
}
