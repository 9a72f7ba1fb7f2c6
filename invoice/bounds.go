package invoice

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Kinds of problems found by the bounds every order is held to (issue 10).
var (
	// ErrFormula is a spreadsheet formula that was not computed: too deep,
	// circular, an error value such as #DIV/0!, or a reference to another
	// workbook.
	ErrFormula = errors.New("formula not computed")
	// ErrOutOfRange is a figure no order holds: an amount past MaxAmount, a
	// quantity past MaxQuantity, more decimals than MaxDecimals, a total
	// that is not positive (IN-1).
	ErrOutOfRange = errors.New("figure out of range")
	// ErrLineBreak is a line break in a field printed on one line: a name,
	// a number, a code (IN-2).
	ErrLineBreak = errors.New("line break in a one-line field")
)

// Bounds on the figures of one order (IN-1). They are far above any real
// purchase and keep a damaged or hostile file (a quantity of 1e999, a
// 600-digit total) from reaching a document or a wire memo.
var (
	// MaxAmount is the largest unit price, line amount, charge or total, in
	// the order's currency: 10^12 (a trillion dollars, yuan or yen).
	MaxAmount = decimal.New(1, 12)
	// MaxQuantity is the largest quantity of one item line: 10^9 units.
	MaxQuantity = decimal.New(1, 9)
)

// MaxDecimals is the most decimals a figure may carry: more than a
// spreadsheet cell holds (15 significant digits, so 0.0853333333333333 from
// =2.56/30 has 16), while 1e-999 has 999.
const MaxDecimals = 20

// checkBounds reports figures outside the bounds (IN-1), a total that is
// not positive, and line breaks in one-line fields (IN-2).
func (o *Order) checkBounds() Problems {
	var ps Problems
	figure := func(at Location, key string, d decimal.Decimal, limit decimal.Decimal) bool {
		switch {
		case d.Abs().GreaterThan(limit):
			ps = append(ps, Errorf(at, ErrOutOfRange, "%s %s is larger than %s, the most an order may state (IN-1)", key, short(d), limit.String()))
		case d.Exponent() < -MaxDecimals && !d.Equal(d.Truncate(MaxDecimals)):
			ps = append(ps, Errorf(at, ErrOutOfRange, "%s %s has more than %d decimals (IN-1)", key, short(d), MaxDecimals))
		default:
			return true
		}
		return false
	}
	inRange := true
	for i := range o.Items {
		it := &o.Items[i]
		ok := figure(it.At("quantity"), "quantity", it.Quantity, MaxQuantity)
		ok = figure(it.At("unit_price"), "unit_price", it.UnitPrice, MaxAmount) && ok
		for _, w := range []struct {
			key string
			v   *decimal.Decimal
		}{{"amount", it.StatedAmount}, {"cartons", it.Cartons}, {"net_weight_kg", it.NetWeightKG}, {"gross_weight_kg", it.GrossWeightKG}, {"cbm", it.CBM}} {
			if w.v != nil {
				ok = figure(it.At(w.key), w.key, *w.v, MaxAmount) && ok
			}
		}
		if ok && !o.Currency.IsZero() {
			ok = figure(it.At("quantity"), "amount (quantity × unit price)", it.Amount(o.Currency), MaxAmount)
		}
		inRange = inRange && ok
	}
	for i := range o.Charges {
		c := &o.Charges[i]
		inRange = figure(c.At("amount"), "charge", c.Amount, MaxAmount) && inRange
	}
	for _, f := range []struct {
		key string
		v   *decimal.Decimal
	}{{"deposit_received", o.DepositReceived}, {"stated_total", o.StatedTotal}} {
		if f.v != nil {
			inRange = figure(o.At(f.key), f.key, *f.v, MaxAmount) && inRange
		}
	}
	if inRange && len(o.Items) > 0 && !o.Currency.IsZero() {
		t := o.Totals()
		switch {
		case t.Total.GreaterThan(MaxAmount):
			ps = append(ps, Errorf(o.Source, ErrOutOfRange, "the order's total %s is larger than %s, the most an order may state (IN-1)", o.Currency.Format(t.Total), MaxAmount.String()))
		case !t.Total.IsPositive() && !o.itemsBad():
			what := "the item lines"
			if len(o.Charges) > 0 {
				what = fmt.Sprintf("the item lines (%s) and charges (%s)", o.Currency.Format(t.Goods), o.Currency.Format(t.Charges))
			}
			ps = append(ps, Errorf(o.Source, ErrOutOfRange, "the order's total is %s %s: %s must add up to more than zero; no invoice or wire is issued for it (IN-1)", o.Currency.Code, o.Currency.Format(t.Total), what))
		}
	}
	ps = append(ps, o.checkOneLine()...)
	return ps
}

// itemsBad reports an item line whose quantity or price is unreadable,
// not positive or negative: Validate reports it at its cell, and the total
// it makes is no news.
func (o *Order) itemsBad() bool {
	for i := range o.Items {
		it := &o.Items[i]
		if it.Unread.Has("quantity") || it.Unread.Has("unit_price") || !it.Quantity.IsPositive() || it.UnitPrice.IsNegative() {
			return true
		}
	}
	return false
}

// short writes a figure for a message, cut to 40 characters: 1e999 has a
// thousand digits.
func short(d decimal.Decimal) string {
	s := d.String()
	if len(s) > 40 {
		return fmt.Sprintf("%s… (%d digits)", s[:20], len(s))
	}
	return s
}

// lineBreaks are the characters that end a line in text: CR, LF, vertical
// tab, form feed, NEL, and Unicode's line and paragraph separators.
const lineBreaks = "\r\n\v\f\u0085\u2028\u2029"

// oneLineKeys are the fields printed on one line of a document or a memo:
// names, numbers and codes. Addresses, remarks, terms, marks and
// descriptions may hold several lines, which the documents draw as lines of
// their own box (and memos join with spaces).
var oneLineKeys = map[string]bool{
	"order_no": true, "pi_no": true, "ci_no": true, "contract_no": true,
	"seller_name_en": true, "seller_name_zh": true, "buyer_name": true, "buyer_name_zh": true,
	"consignee_name": true, "consignee_name_zh": true,
	"seller_phone": true, "buyer_phone": true, "consignee_phone": true,
	"seller_email": true, "buyer_email": true, "consignee_email": true,
	"seller_website": true, "buyer_website": true, "consignee_website": true,
	"seller_tax_id": true, "buyer_tax_id": true, "consignee_tax_id": true,
	"signatory": true, "incoterm_place": true,
	"port_of_loading": true, "port_of_discharge": true, "port_of_entry": true,
	"country_of_origin": true, "country_of_destination": true,
	"transport": true, "vessel": true, "tracking_no": true,
	"bank_beneficiary": true, "bank_account": true, "bank_name": true,
	"line_no": true, "sku": true, "hs_code": true, "origin": true, "unit": true,
}

// checkOneLine reports line breaks in one-line fields (IN-2): a newline in a
// supplier's name added a fake "Account No." line to the wire memo, and one
// in an account number became a space inside the number.
func (o *Order) checkOneLine() Problems {
	var ps Problems
	o.Texts(func(key string, where Location, s string) {
		if !oneLineKeys[key] {
			return
		}
		if i := strings.IndexAny(s, lineBreaks); i >= 0 {
			r := []rune(s[i:])[0]
			ps = append(ps, Errorf(where, ErrLineBreak, "%s holds a line break (U+%04X) after %q; it is printed on one line, where the rest would look like a line of its own: remove the break (IN-2)", key, r, s[:i]))
		}
	})
	return ps
}
