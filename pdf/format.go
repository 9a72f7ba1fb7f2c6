package pdf

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/invoice"
)

// decimals is how many digits d has after the point, trailing zeros
// dropped: 0.085 → 3, 12.50 → 1, 100 → 0.
func decimals(d decimal.Decimal) int32 {
	s := d.String()
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return int32(len(s) - i - 1)
	}
	return 0
}

// formatPrice writes a unit price with every significant decimal it has and
// at least the currency's minor units (M-1): ¥0.085 stays 0.085, $3.5 is
// 3.50, ¥1234.5 is 1,234.50.
func formatPrice(d decimal.Decimal, c invoice.Currency) string {
	places := max(decimals(d), c.MinorUnits)
	return invoice.Currency{Code: c.Code, MinorUnits: places}.Format(d)
}

// formatQuantity writes a quantity or packing figure as given, with
// thousands separators: 1,200, 12.5, 0.125.
func formatQuantity(d decimal.Decimal) string {
	return invoice.Currency{MinorUnits: decimals(d)}.Format(d)
}
