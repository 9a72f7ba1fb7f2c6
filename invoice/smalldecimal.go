package invoice

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// This file holds the word-sized arithmetic the totals and the packing
// list run on. Every figure of a real order (a price of 0.085, a quantity
// of 1,250, a weight of 264.6 kg) is a coefficient of a few digits and a
// small exponent: adding and multiplying such figures as a
// shopspring/decimal allocates a big.Int for each intermediate result,
// while an int64 holds them exactly. A smallDec operation reports false
// when its result would not fit; the caller then does the same operation
// with shopspring/decimal. Either way the result is the same value with
// the same exponent as shopspring/decimal gives (a sum takes the smaller
// exponent, a product the sum of the exponents, Round(p) exponent -p), so
// a document prints the same digits whichever way a figure was computed.

// smallDec is the decimal v × 10^e.
type smallDec struct {
	v int64
	e int32
}

// maxSmallDigits is the most digits of a coefficient taken as a smallDec:
// 18, so that any one of them fits an int64.
const maxSmallDigits = 18

// pow10 holds 10^0 … 10^18.
var pow10 = func() (p [maxSmallDigits + 1]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// toSmall is d as a smallDec, when its coefficient has at most 18 digits.
func toSmall(d decimal.Decimal) (smallDec, bool) {
	if d.NumDigits() > maxSmallDigits {
		return smallDec{}, false
	}
	return smallDec{d.CoefficientInt64(), d.Exponent()}, true
}

// decimal is x as a shopspring decimal with the same exponent.
func (x smallDec) decimal() decimal.Decimal { return decimal.New(x.v, x.e) }

// scaled is v × 10^k (k ≥ 0), when it fits.
func scaled(v int64, k int64) (int64, bool) {
	if v == 0 {
		return 0, true
	}
	if k > maxSmallDigits {
		return 0, false
	}
	return mul64(v, pow10[k])
}

// mul64 is a × b, when it fits (never math.MinInt64, so that every result
// can be negated).
func mul64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(abs64(a), abs64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

// abs64 is |v| for v > math.MinInt64.
func abs64(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

// add is x + y at the smaller of the two exponents, as decimal.Add.
func (x smallDec) add(y smallDec) (smallDec, bool) {
	if x.e > y.e {
		x, y = y, x
	}
	yv, ok := scaled(y.v, int64(y.e)-int64(x.e))
	if !ok {
		return smallDec{}, false
	}
	s, ok := add64(x.v, yv)
	return smallDec{s, x.e}, ok
}

// add64 is a + b, when it fits and is not math.MinInt64.
func add64(a, b int64) (int64, bool) {
	r := a + b // wraps on overflow
	if (b > 0 && r < a) || (b < 0 && r > a) || r == math.MinInt64 {
		return 0, false
	}
	return r, true
}

// mul is x × y with the exponents added, as decimal.Mul.
func (x smallDec) mul(y smallDec) (smallDec, bool) {
	e := int64(x.e) + int64(y.e)
	if e > math.MaxInt32 || e < math.MinInt32 {
		return smallDec{}, false
	}
	v, ok := mul64(x.v, y.v)
	return smallDec{v, int32(e)}, ok
}

// round is x rounded half away from zero to places decimals, exponent
// -places, as decimal.Round (M-1).
func (x smallDec) round(places int32) (smallDec, bool) {
	k := -int64(places) - int64(x.e) // digits to drop
	if k <= 0 {
		v, ok := scaled(x.v, -k)
		return smallDec{v, -places}, ok
	}
	if k > maxSmallDigits {
		return smallDec{}, false
	}
	p := pow10[k]
	q, r := x.v/p, x.v%p
	if abs64(r) >= uint64(p/2) {
		if x.v < 0 {
			q--
		} else {
			q++
		}
	}
	return smallDec{q, -places}, true
}

// sub is x − y, as decimal.Sub.
func (x smallDec) sub(y smallDec) (smallDec, bool) { return x.add(smallDec{-y.v, y.e}) }

// addDecimal is a + b, as a.Add(b).
func addDecimal(a, b decimal.Decimal) decimal.Decimal {
	return inWords(a, b, smallDec.add, decimal.Decimal.Add)
}

// subDecimal is a − b, as a.Sub(b).
func subDecimal(a, b decimal.Decimal) decimal.Decimal {
	return inWords(a, b, smallDec.sub, decimal.Decimal.Sub)
}

// mulDecimal is a × b, as a.Mul(b).
func mulDecimal(a, b decimal.Decimal) decimal.Decimal {
	return inWords(a, b, smallDec.mul, decimal.Decimal.Mul)
}

// inWords is op(a, b) when a, b and the result fit a word, else big(a, b):
// the same value either way.
func inWords(a, b decimal.Decimal, op func(x, y smallDec) (smallDec, bool), big func(a, b decimal.Decimal) decimal.Decimal) decimal.Decimal {
	if x, ok := toSmall(a); ok {
		if y, ok := toSmall(b); ok {
			if r, ok := op(x, y); ok {
				return r.decimal()
			}
		}
	}
	return big(a, b)
}

// sum adds figures in order as a running decimal.Add from the zero value
// would, without a big.Int per step while the sum fits a word.
type sum struct {
	small smallDec // the sum while big is unset; starts at exponent 0
	big   *decimal.Decimal
	has   bool // a figure was added
}

// add adds d to the sum.
func (s *sum) add(d decimal.Decimal) {
	s.has = true
	if s.big == nil {
		if x, ok := toSmall(d); ok {
			if r, ok := s.small.add(x); ok {
				s.small = r
				return
			}
		}
		b := s.small.decimal()
		s.big = &b
	}
	*s.big = s.big.Add(d)
}

// addSmall adds x to the sum.
func (s *sum) addSmall(x smallDec) {
	if s.big == nil {
		if r, ok := s.small.add(x); ok {
			s.has = true
			s.small = r
			return
		}
	}
	s.add(x.decimal())
}

// addOpt adds *v when v is not nil.
func (s *sum) addOpt(v *decimal.Decimal) {
	if v != nil {
		s.add(*v)
	}
}

// total is the sum: the zero decimal.Decimal when nothing was added, as a
// running sum from it would leave it.
func (s *sum) total() decimal.Decimal {
	switch {
	case !s.has:
		return decimal.Decimal{}
	case s.big != nil:
		return *s.big
	}
	return s.small.decimal()
}
