package invoice

import "github.com/shopspring/decimal"

// DefaultDepositPercent is the customary T/T deposit: 30% with the order,
// 70% before shipment (M-4).
var DefaultDepositPercent = decimal.NewFromInt(30)

var hundred = decimal.NewFromInt(100)

// Totals are the order's computed figures, the only place the documents and
// memos take amounts from.
type Totals struct {
	// Lines holds each item's amount, in item order (M-1).
	Lines []decimal.Decimal
	// Goods is the sum of the line amounts.
	Goods decimal.Decimal
	// Charges is the sum of the charges (discounts negative).
	Charges decimal.Decimal
	// Total is what the buyer pays: goods plus charges.
	Total decimal.Decimal
	// Deposit is Total × DepositPercent rounded to the minor unit; Balance
	// is Total − Deposit, so Deposit + Balance = Total exactly (M-4).
	Deposit decimal.Decimal
	Balance decimal.Decimal
	// DepositPercent and BalancePercent are the split, e.g. 30 and 70.
	DepositPercent decimal.Decimal
	BalancePercent decimal.Decimal
	// Received is the deposit the supplier confirmed; Due is Total minus
	// Received, the amount the CI asks for (CI-8).
	Received decimal.Decimal
	Due      decimal.Decimal

	// Quantity totals the items' quantities; Cartons, NetWeightKG,
	// GrossWeightKG and CBM total the packing figures. Has* say whether any
	// line gave that figure, so the CI shows only totals that mean something.
	Quantity      decimal.Decimal
	Cartons       decimal.Decimal
	NetWeightKG   decimal.Decimal
	GrossWeightKG decimal.Decimal
	CBM           decimal.Decimal
	HasCartons    bool
	HasNetWeight  bool
	HasGross      bool
	HasCBM        bool
}

// Totals computes the order's amounts and packing totals.
func (o *Order) Totals() Totals {
	t := o.amounts()
	pt := o.packingTotals()
	t.Cartons, t.NetWeightKG, t.GrossWeightKG, t.CBM = pt.cartons.total(), pt.net.total(), pt.gross.total(), pt.cbm.total()
	t.HasCartons, t.HasNetWeight, t.HasGross, t.HasCBM = pt.cartons.has, pt.net.has, pt.gross.has, pt.cbm.has
	return t
}

// TotalsOf is Totals for a caller that has the order's packing list
// already (a renderer drawing the CI beside it): the packing totals are
// taken from p, which must be o.Packing().
func (o *Order) TotalsOf(p PackingList) Totals {
	t := o.amounts()
	// The packing totals are the packing list's (PL-1): the CI prints
	// exactly what the packing list does.
	t.Cartons, t.NetWeightKG, t.GrossWeightKG, t.CBM = p.Cartons, p.NetKG, p.GrossKG, p.CBM
	t.HasCartons, t.HasNetWeight, t.HasGross, t.HasCBM = p.HasCartons, p.HasNet, p.HasGross, p.HasCBM
	return t
}

// amounts are the order's Totals but for the packing totals.
func (o *Order) amounts() Totals {
	var t Totals
	t.Lines, t.Goods = o.lineAmounts()
	var qty, charges sum
	for i := range o.Items {
		qty.add(o.Items[i].Quantity)
	}
	t.Quantity = qty.total()
	for i := range o.Charges {
		c := &o.Charges[i]
		if x, ok := toSmall(c.Amount); ok {
			if r, ok := x.round(o.Currency.MinorUnits); ok {
				charges.addSmall(r)
				continue
			}
		}
		charges.add(o.Currency.Round(c.Amount))
	}
	t.Charges = charges.total()
	t.Total = addDecimal(t.Goods, t.Charges)
	t.DepositPercent = o.depositPercent()
	t.BalancePercent = subDecimal(hundred, t.DepositPercent)
	t.Deposit, t.Balance = Split(t.Total, t.DepositPercent, o.Currency)
	if o.DepositReceived != nil {
		t.Received = o.Currency.Round(*o.DepositReceived)
	}
	t.Due = subDecimal(t.Total, t.Received)
	return t
}

// lineAmounts are the items' amounts (M-1) and their sum, the goods total.
func (o *Order) lineAmounts() ([]decimal.Decimal, decimal.Decimal) {
	lines := make([]decimal.Decimal, len(o.Items))
	var goods sum
	for i := range o.Items {
		it := &o.Items[i]
		if x, ok := it.smallAmount(o.Currency); ok {
			lines[i] = x.decimal()
			goods.addSmall(x)
		} else {
			lines[i] = it.Amount(o.Currency)
			goods.add(lines[i])
		}
	}
	return lines, goods.total()
}

func (o *Order) depositPercent() decimal.Decimal {
	if o.DepositPercent == nil {
		return DefaultDepositPercent
	}
	return *o.DepositPercent
}

// Split divides a total into deposit and balance (M-4): the deposit is
// total × percent / 100 rounded half-up to the currency's minor unit, and the
// balance is what remains, so the two always add up to the total exactly.
func Split(total, percent decimal.Decimal, c Currency) (deposit, balance decimal.Decimal) {
	if x, ok := splitSmall(total, percent, c); ok {
		deposit = x.decimal()
	} else {
		deposit = c.Round(total.Mul(percent).Div(hundred))
	}
	return deposit, subDecimal(total, deposit)
}

// splitSmall is Split's deposit computed in a word, when total × percent
// fits one and has at most 14 decimals, so that dividing it by 100 is
// exact at decimal.DivisionPrecision (16) decimals, as Div needs it to be
// for the same rounding.
func splitSmall(total, percent decimal.Decimal, c Currency) (smallDec, bool) {
	x, ok := toSmall(total)
	if !ok {
		return smallDec{}, false
	}
	y, ok := toSmall(percent)
	if !ok {
		return smallDec{}, false
	}
	p, ok := x.mul(y)
	if !ok || int64(p.e)-2 < -int64(decimal.DivisionPrecision) {
		return smallDec{}, false
	}
	return smallDec{p.v, p.e - 2}.round(c.MinorUnits)
}

// Stages lists the payments the buyer makes: deposit and balance, or a single
// payment when the deposit is 0% or 100%.
func (t Totals) Stages() []Stage {
	if t.DepositPercent.IsZero() || t.DepositPercent.Equal(hundred) {
		return []Stage{{Kind: FullPayment, Percent: hundred, Amount: t.Total}}
	}
	return []Stage{
		{Kind: DepositPayment, Percent: t.DepositPercent, Amount: t.Deposit},
		{Kind: BalancePayment, Percent: t.BalancePercent, Amount: t.Balance},
	}
}

// StageKind names a payment of the order.
type StageKind string

const (
	// DepositPayment is the advance (定金) paid against the PI.
	DepositPayment StageKind = "deposit"
	// BalancePayment is the rest (尾款), usually after inspection and before
	// shipment.
	BalancePayment StageKind = "balance"
	// FullPayment is a single payment of the whole total.
	FullPayment StageKind = "full"
)

// Stage is one wire transfer: which payment, what share, how much.
type Stage struct {
	Kind    StageKind
	Percent decimal.Decimal
	Amount  decimal.Decimal
}

// StageTerms says when a payment of the order is due, as the PI prints it
// beside the amount: the deposit terms for the deposit, the balance terms
// for the balance; a single payment takes the deposit terms when it is a
// 100% deposit (paid up front with the order) and the balance terms when
// nothing is paid up front (0% deposit, all due later).
func (o *Order) StageTerms(s Stage) string {
	switch s.Kind {
	case DepositPayment:
		return o.DepositTerms
	case BalancePayment:
		return o.BalanceTerms
	}
	if o.depositPercent().Equal(s.Percent) {
		return o.DepositTerms
	}
	return o.BalanceTerms
}
