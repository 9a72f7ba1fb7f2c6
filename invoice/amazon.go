package invoice

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// AmazonAccount is the Amazon selling account a supplier's invoice is
// uploaded to: Amazon compares the invoice's buyer with it.
type AmazonAccount struct {
	// Name and Address are the account's legal name and address exactly as
	// Seller Central shows them.
	Name, Address string
}

// Requirement is one thing Amazon looks for in an invoice, met or
// not for one order, with where to fix it.
type Requirement struct {
	// What names the requirement: "CI date within 365 days".
	What string
	Met  bool
	// Detail says what was found: the date, the names compared, the lines
	// without a model.
	Detail string
	// Where is the cell to fix when the requirement is not met.
	Where Location
}

// AmazonWindow is how old an invoice Amazon accepts: 365 days.
const AmazonWindow = 365

// AmazonReadiness checks the order's commercial invoice against what
// Amazon asks of an invoice for authenticity or category approval:
// the CI dated within 365 days before asOf (and not after it); the buyer's
// name and address equal to the account's once case and spacing are
// normalised; the supplier's address, phone and website present; every
// line with a model or SKU (or UPC) and a quantity. The PI never qualifies
// and the CI must be the supplier's own document.
func (o *Order) AmazonReadiness(acct AmazonAccount, asOf Date) []Requirement {
	var rs []Requirement
	add := func(what string, met bool, where Location, format string, args ...any) {
		rs = append(rs, Requirement{What: what, Met: met, Detail: fmt.Sprintf(format, args...), Where: where})
	}

	date := o.InvoiceDate()
	key := "ci_date"
	if o.CIDate.IsZero() {
		key = "pi_date"
	}
	what := fmt.Sprintf("CI date within %d days of %s", AmazonWindow, asOf)
	switch {
	case date.IsZero():
		add(what, false, o.At("ci_date"), "the CI has no date (ci_date)")
	case asOf.Before(date):
		add(what, false, o.At(key), "%s %s is after %s", key, date, asOf)
	default:
		days := int(asOf.Time().Sub(date.Time()) / (24 * time.Hour))
		add(what, days <= AmazonWindow, o.At(key), "%s %s is %d days before %s", key, date, days, asOf)
	}

	same := func(a, b string) bool { return normalFold(a) == normalFold(b) }
	add("buyer name matches the account", same(o.Buyer.Name, acct.Name), o.At("buyer_name"),
		"buyer_name %q, account %q", o.Buyer.Name, acct.Name)
	add("buyer address matches the account", same(o.Buyer.Address, acct.Address), o.At("buyer_address"),
		"buyer_address %q, account %q", o.Buyer.Address, acct.Address)

	for _, f := range []struct{ what, key, v string }{
		{"supplier address", "seller_address_en", o.Seller.Address},
		{"supplier phone", "seller_phone", o.Seller.Phone},
		{"supplier website", "seller_website", o.Seller.Website},
	} {
		v := strings.TrimSpace(f.v)
		if v == "" {
			add(f.what+" present", false, o.At(f.key), "%s is empty", f.key)
		} else {
			add(f.what+" present", true, o.At(f.key), "%s", v)
		}
	}

	var noModel, noQty []string
	var noModelAt, noQtyAt Location
	for i := range o.Items {
		it := &o.Items[i]
		if strings.TrimSpace(it.SKU) == "" {
			if noModel == nil {
				noModelAt = it.At("sku")
			}
			noModel = append(noModel, "line "+it.LineNo)
		}
		if !it.Quantity.IsPositive() {
			if noQty == nil {
				noQtyAt = it.At("quantity")
			}
			noQty = append(noQty, "line "+it.LineNo)
		}
	}
	if len(noModel) > 0 {
		add("every line has a model, SKU or UPC", false, noModelAt, "no sku on %s", strings.Join(noModel, ", "))
	} else {
		add("every line has a model, SKU or UPC", len(o.Items) > 0, o.Source, "%d lines", len(o.Items))
	}
	if len(noQty) > 0 {
		add("every line has a quantity", false, noQtyAt, "no quantity on %s", strings.Join(noQty, ", "))
	} else {
		q := o.Totals().Quantity
		note := ""
		if q.LessThan(decimal.NewFromInt(10)) {
			note = "; Amazon often asks for at least 10 units for category approval"
		}
		add("every line has a quantity", len(o.Items) > 0, o.Source, "%s units in all%s", q, note)
	}
	return rs
}

// normalFold is a name or address for comparing: case folded, runs of
// spaces (and line breaks) as one.
func normalFold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// String is the requirement as the check command prints it: "met" or
// "NOT MET", what, what was found and, when not met, the cell to fix.
func (r Requirement) String() string {
	if r.Met {
		return fmt.Sprintf("met      %s: %s", r.What, r.Detail)
	}
	s := fmt.Sprintf("NOT MET  %s: %s", r.What, r.Detail)
	if w := r.Where.String(); w != "" {
		s += " (" + w + ")"
	}
	return s
}

// AllMet reports whether every requirement is met.
func AllMet(rs []Requirement) bool {
	for _, r := range rs {
		if !r.Met {
			return false
		}
	}
	return true
}
