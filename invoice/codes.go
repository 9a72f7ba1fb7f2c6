package invoice

import (
	"fmt"
	"strings"

	"github.com/tradedocs/tradedocs/internal/lazyregexp"
	"golang.org/x/text/language"
)

// CheckHSCode checks a tariff number (H-1): 6 to 13 digits, the dots and
// spaces people write between groups allowed (8513.10.20.00, 8513 10).
func CheckHSCode(s string) error {
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n++
		case r == '.' || r == ' ':
		default:
			return fmt.Errorf("%w: HS code %q has %q; expected 6–13 digits such as 8513.10", ErrHSCode, s, r)
		}
	}
	if n < 6 || n > 13 {
		return fmt.Errorf("%w: HS code %q has %d digits; expected 6–13 such as 8513.10", ErrHSCode, s, n)
	}
	return nil
}

// uscc alphabet: digits and capital letters without I, O, Z, S, V
// (GB 32100-2015).
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CheckTaxID checks a Chinese unified social credit code (统一社会信用代码,
// U-1): 18 characters whose last is a check character computed over the
// first 17 (GB 32100-2015, modulus 31).
func CheckTaxID(s string) error {
	code := strings.ToUpper(strings.TrimSpace(s))
	if len([]rune(code)) != 18 {
		return fmt.Errorf("%w: %q has %d characters; a unified social credit code has 18", ErrTaxID, s, len([]rune(code)))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccAlphabet, code[i])
		if v < 0 {
			return fmt.Errorf("%w: %q has %q at position %d, which a unified social credit code cannot hold", ErrTaxID, s, code[i], i+1)
		}
		sum += v * usccWeights[i]
	}
	want := usccAlphabet[(31-sum%31)%31]
	if code[17] != want {
		return fmt.Errorf("%w: %q ends in %q but its check character should be %q (GB 32100-2015)", ErrTaxID, s, code[17], want)
	}
	return nil
}

var bicPattern = lazyregexp.New(`^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$`)

// CheckBIC checks a SWIFT/BIC code (T-6): 8 or 11 characters, bank code,
// ISO 3166 country code (CN, HK), location and optional branch.
func CheckBIC(s string) error {
	if !bicPattern.MatchString(s) {
		return fmt.Errorf("%w: %q; a SWIFT/BIC code is 8 or 11 capital letters and digits, e.g. BKCHCNBJ or BKCHCNBJ300", ErrBIC, s)
	}
	if r, err := language.ParseRegion(s[4:6]); err != nil || !r.IsCountry() {
		return fmt.Errorf("%w: %q has country %q, which is not an ISO 3166 country code", ErrBIC, s, s[4:6])
	}
	return nil
}

var cnapsPattern = lazyregexp.New(`^[0-9]{12}$`)

// CheckCNAPS checks a CNAPS bank code (T-8): 12 digits.
func CheckCNAPS(s string) error {
	if !cnapsPattern.MatchString(s) {
		return fmt.Errorf("%w: %q; a CNAPS code is 12 digits", ErrCNAPS, s)
	}
	return nil
}
