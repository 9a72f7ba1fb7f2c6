package invoice

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// Currency is the ISO 4217 currency an order is priced and paid in (M-2).
type Currency struct {
	// Code is the three-letter ISO 4217 code: USD, CNY, EUR, JPY, KWD.
	Code string
	// MinorUnits is how many decimals an amount in this currency carries:
	// 2 for USD and CNY, 0 for JPY and KRW, 3 for BHD and KWD.
	MinorUnits int32
}

// currencyAliases are the names importers and suppliers write for the yuan.
// CNH (offshore yuan) is not an ISO 4217 code: invoices and payments say
// CNY (M-3).
var currencyAliases = map[string]string{
	"CNH": "CNY", "RMB": "CNY", "¥": "CNY", "￥": "CNY", "人民币": "CNY", "元": "CNY",
	"US$": "USD", "$": "USD", "美元": "USD", "€": "EUR", "欧元": "EUR",
}

// ParseCurrency reads a currency code. An alias of the yuan (CNH, RMB, ¥,
// 人民币) or of the dollar (US$, 美元) is read as its ISO code and reported in
// alias, so the caller can warn once. The minor units come from
// golang.org/x/text/currency (M-2), not from a hand-made table.
func ParseCurrency(s string) (c Currency, alias string, err error) {
	s = strings.TrimSpace(s)
	code := strings.ToUpper(s)
	if iso, ok := currencyAliases[code]; ok {
		alias, code = s, iso
	}
	if len(code) != 3 || code == "XXX" || code == "XTS" {
		return Currency{}, "", fmt.Errorf("%w: %q is not an ISO 4217 currency code (e.g. USD, CNY, EUR)", ErrCurrency, s)
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return Currency{}, "", fmt.Errorf("%w: %q is not an ISO 4217 currency code (e.g. USD, CNY, EUR)", ErrCurrency, s)
	}
	scale, _ := currency.Standard.Rounding(u)
	return Currency{Code: u.String(), MinorUnits: int32(scale)}, alias, nil
}

// MustCurrency is ParseCurrency for codes known to be valid, as in tests and
// examples.
func MustCurrency(code string) Currency {
	c, _, err := ParseCurrency(code)
	if err != nil {
		panic(err)
	}
	return c
}

// Round rounds an amount to the currency's minor unit, half away from zero
// (四舍五入, M-1): 0.125 USD → 0.13, -0.125 → -0.13 (a discount rounds like
// the amount it takes off).
func (c Currency) Round(d decimal.Decimal) decimal.Decimal {
	return d.Round(c.MinorUnits)
}

// Format writes an amount with thousands separators and exactly the currency's
// minor units, as invoices show it: 12,345.60 (USD), 1,235 (JPY),
// 1.250 (KWD). The currency code is not included.
func (c Currency) Format(d decimal.Decimal) string {
	s := c.Round(d).StringFixed(c.MinorUnits)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// String is the ISO code.
func (c Currency) String() string { return c.Code }

// IsZero reports whether no currency was set.
func (c Currency) IsZero() bool { return c.Code == "" }
