package invoice

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/internal/lazyregexp"
	"golang.org/x/text/unicode/norm"
)

// This file holds the packing list's figures (装箱单): which cartons each
// line is packed in, what they hold and weigh, their volume, and the totals
// that the packing list and the commercial invoice both print (PL-1), with
// the checks that make them agree and the Amazon FBA carton limits (PL-2).

// Kinds of packing problem.
var (
	// ErrPacking means packing figures that contradict each other: cartons
	// × quantity per carton against the quantity, net against gross
	// weight, the volume against the carton size (PL-1).
	ErrPacking = errors.New("packing figures disagree")
	// ErrCartonNo means carton numbers that are unreadable, leave a gap,
	// overlap or do not add up to the carton count (PL-1).
	ErrCartonNo = errors.New("carton numbers do not run without gaps or overlaps")
	// ErrFBA means a carton outside Amazon FBA's limits for standard boxes
	// (PL-2); always a warning.
	ErrFBA = errors.New("carton outside Amazon FBA limits")
)

// FBA carton limits (PL-2).
var (
	// FBAMaxCartonKG is the heaviest standard box Amazon FBA takes without
	// a team-lift label: 50 lb, 22.7 kg gross.
	FBAMaxCartonKG = decimal.RequireFromString("22.7")
	// FBAMaxSideCM is the longest side of a standard FBA box: 25 in, 63.5 cm.
	FBAMaxSideCM = decimal.RequireFromString("63.5")
)

var million = decimal.NewFromInt(1_000_000)

// CartonSize is an outer carton's length, width and height in centimetres
// (外箱尺寸).
type CartonSize struct{ L, W, H decimal.Decimal }

var (
	sizeSep = lazyregexp.New(`\s*[x×X*＊]\s*`)
	// sizeSide is one side in cm as written: no exponent, no sign, at most
	// five digits before the point and three after.
	sizeSide = lazyregexp.New(`^\d{1,5}(\.\d{1,3})?$`)
)

// ParseCartonSize reads a carton size as suppliers write it: "60x40x35",
// "60*40*35", "60×40×35 cm", "60 X 40 X 35CM". Three positive numbers in
// centimetres; millimetres or inches are not guessed.
func ParseCartonSize(s string) (CartonSize, error) {
	if c, ok := plainCartonSize(s); ok {
		return c, nil
	}
	t := strings.TrimSpace(norm.NFKC.String(s))
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "CM"), "cm"))
	t = strings.TrimSpace(strings.TrimSuffix(t, "厘米"))
	parts := sizeSep.Split(t, -1)
	if len(parts) != 3 {
		return CartonSize{}, fmt.Errorf("carton_size_cm %q is not a carton size; expected length × width × height in cm, e.g. 60x40x35", s)
	}
	var d [3]decimal.Decimal
	for i, p := range parts {
		v, err := decimal.NewFromString(p)
		if !sizeSide.MatchString(p) || err != nil || !v.IsPositive() || v.GreaterThan(maxSide) {
			return CartonSize{}, fmt.Errorf("carton_size_cm %q: %q is not a length in cm; expected e.g. 60x40x35", s, p)
		}
		d[i] = v
	}
	return CartonSize{d[0], d[1], d[2]}, nil
}

// plainCartonSize reads a carton size written the plain way, "60x40x35"
// or "62.5*41*30.5": three sides as sizeSide takes them, ASCII digits,
// between single x, X or * and nothing else, without the normalising and
// the regular expressions ParseCartonSize needs for the rest. Not ok means
// ParseCartonSize decides.
func plainCartonSize(s string) (CartonSize, bool) {
	var d [3]decimal.Decimal
	for i := range d {
		n := plainSide(s)
		if n == 0 || n < len(s) && (i == 2 || s[n] != 'x' && s[n] != 'X' && s[n] != '*') || n == len(s) && i < 2 {
			return CartonSize{}, false
		}
		v, err := decimal.NewFromString(s[:n])
		if err != nil || !v.IsPositive() || v.GreaterThan(maxSide) {
			return CartonSize{}, false
		}
		d[i] = v
		if i < 2 {
			s = s[n+1:]
		}
	}
	return CartonSize{d[0], d[1], d[2]}, true
}

// maxSide is the longest carton side ParseCartonSize takes, in cm.
var maxSide = decimal.NewFromInt(10000)

// plainSide is the length of the side sizeSide matches at the start of s
// (one to five digits, then perhaps a point and one to three), 0 if none.
func plainSide(s string) int {
	n := digits(s, 5)
	if n == 0 {
		return 0
	}
	if n < len(s) && s[n] == '.' {
		f := digits(s[n+1:], 3)
		if f == 0 {
			return 0
		}
		n += 1 + f
	}
	if n < len(s) && '0' <= s[n] && s[n] <= '9' {
		return 0 // more digits than sizeSide allows
	}
	return n
}

// digits is the number of ASCII digits s starts with, if at most most.
func digits(s string, most int) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
		if n > most {
			return 0
		}
	}
	return n
}

// Volume is one carton's volume in cubic metres, exact.
func (c CartonSize) Volume() decimal.Decimal { return c.L.Mul(c.W).Mul(c.H).Div(million) }

// Longest is the carton's longest side in cm.
func (c CartonSize) Longest() decimal.Decimal { return decimal.Max(c.L, c.W, c.H) }

// String writes the size as the packing list prints it: "60×40×35".
func (c CartonSize) String() string { return c.L.String() + "×" + c.W.String() + "×" + c.H.String() }

// CartonRange is a run of carton numbers, From to To inclusive (箱号
// 1-24); the zero value is no range.
type CartonRange struct{ From, To int }

var rangeRE = lazyregexp.New(`^(?:(?:c/?no|ctn no|no)\.?\s*)?(\d{1,6})\s*(?:(?:-|–|—|~|～|至|到|to)\s*(\d{1,6}))?$`)

// ParseCartonRange reads a carton number range: "1-24", "25~84", "85 to
// 124", "7" (one carton).
func ParseCartonRange(s string) (CartonRange, error) {
	first, last, ok := plainCartonRange(s)
	if !ok {
		t := strings.ToLower(strings.TrimSpace(norm.NFKC.String(s)))
		m := rangeRE.FindStringSubmatch(t)
		if m == nil {
			return CartonRange{}, fmt.Errorf("carton_no %q is not a carton number range; expected e.g. 1-24", s)
		}
		first, last = m[1], m[2]
	}
	from, _ := strconv.Atoi(first)
	to := from
	if last != "" {
		to, _ = strconv.Atoi(last)
	}
	if from < 1 || to < from {
		return CartonRange{}, fmt.Errorf("carton_no %q: carton numbers start at 1 and run upwards, e.g. 1-24", s)
	}
	return CartonRange{from, to}, nil
}

// plainCartonRange splits a carton range written the plain way, "1-24" or
// "7" (one to six ASCII digits, perhaps a hyphen and one to six more, and
// nothing else), as rangeRE would, without normalising and matching it.
// Not ok means ParseCartonRange decides.
func plainCartonRange(s string) (first, last string, ok bool) {
	n := digits(s, 6)
	switch {
	case n == 0:
		return "", "", false
	case n == len(s):
		return s, "", true
	case s[n] != '-':
		return "", "", false
	}
	if m := digits(s[n+1:], 6); m == 0 || n+1+m != len(s) {
		return "", "", false
	}
	return s[:n], s[n+1:], true
}

// Count is the number of cartons in the range.
func (r CartonRange) Count() int {
	if r.From == 0 {
		return 0
	}
	return r.To - r.From + 1
}

// IsZero reports whether there is no range.
func (r CartonRange) IsZero() bool { return r.From == 0 }

// String writes the range as the packing list prints it: "1-24", or "7"
// for one carton.
func (r CartonRange) String() string {
	switch {
	case r.From == 0:
		return ""
	case r.From == r.To:
		return strconv.Itoa(r.From)
	}
	return strconv.Itoa(r.From) + "-" + strconv.Itoa(r.To)
}

// PackingLine is one item line of the packing list with its computed
// figures. Lines that share a carton range form one carton group (mixed
// cartons): the group's cartons and volume are counted once, on its first
// line.
type PackingLine struct {
	// Item is the order line.
	Item *Item
	// Range is the cartons the line is packed in, as given or numbered in
	// line order; zero when the line gives no cartons.
	Range CartonRange
	// Group numbers the carton groups from 0 in order; Mixed says the group
	// has several lines, and First that this line is its first.
	Group int
	Mixed bool
	First bool
	// Cartons is the number of cartons of the line's group.
	Cartons decimal.Decimal
	// QtyPerCarton is the units of this line in each carton.
	QtyPerCarton *decimal.Decimal
	// NetPerCarton and GrossPerCarton are this line's weight in each
	// carton: as given, or the line's weight divided by the cartons when
	// that is exact to the gram; nil otherwise.
	NetPerCarton, GrossPerCarton *decimal.Decimal
	// Net and Gross are the line's weights in kg: as given, or per carton
	// × cartons.
	Net, Gross *decimal.Decimal
	// Size is the carton size when given (for a mixed group, any line's).
	Size *CartonSize
	// CBM is the group's volume in m³, on its first line only: as given,
	// or the size × cartons rounded to 3 decimals.
	CBM *decimal.Decimal
}

// PackingList is the order's packing: its lines and totals. The CI's
// packing totals are these same figures (Order.Totals takes them from
// here), so the two documents cannot disagree.
type PackingList struct {
	Lines []PackingLine
	// Cartons counts every carton once (a mixed carton once, not once per
	// line); Quantity totals the lines' quantities; NetKG, GrossKG and CBM
	// total the lines' weights and the groups' volumes. Has* say whether
	// any line gave that figure.
	Cartons, Quantity, NetKG, GrossKG, CBM decimal.Decimal
	HasCartons, HasNet, HasGross, HasCBM   bool
}

// HasPacking reports whether the order gives packing data (cartons or
// carton numbers on any line), and so has a packing list.
func (o *Order) HasPacking() bool {
	for i := range o.Items {
		if it := &o.Items[i]; it.Cartons != nil || strings.TrimSpace(it.CartonNo) != "" {
			return true
		}
	}
	return false
}

// Packing computes the packing list. It never fails: figures that cannot
// be read or do not fit are left out here and reported by Validate.
func (o *Order) Packing() PackingList {
	p := PackingList{Lines: make([]PackingLine, len(o.Items))}
	t := o.packing(p.Lines)
	p.Cartons, p.Quantity, p.NetKG, p.GrossKG, p.CBM = t.cartons.total(), t.quantity.total(), t.net.total(), t.gross.total(), t.cbm.total()
	p.HasCartons, p.HasNet, p.HasGross, p.HasCBM = t.cartons.has, t.net.has, t.gross.has, t.cbm.has
	return p
}

// packingTotals are the packing list's totals, the figures Totals takes
// from it, computed without the lines' own figures.
func (o *Order) packingTotals() packTotals { return o.packing(nil) }

// packTotals are the running totals of a packing list.
type packTotals struct{ cartons, quantity, net, gross, cbm sum }

// cartonGroup is what the packing list knows of one carton group: its
// first line, its lines, its cartons, the first volume a line of it states
// and the first carton size a line of it gives.
type cartonGroup struct {
	first, lines int
	cartons      decimal.Decimal
	cbm          *decimal.Decimal
	size         *CartonSize
	// volume is the group's volume when computed from its size (cbm
	// then points to it).
	volume decimal.Decimal
}

// packing computes the packing totals and, when lines is not nil (then
// one per item), each line's figures. Lines that share a carton range form
// one carton group: its cartons, carton size and volume are the group's,
// counted once (PL-1).
func (o *Order) packing(lines []PackingLine) packTotals {
	var t packTotals
	n := cartonNumbering{o: o, stated: -1, next: 1}
	groups := make([]cartonGroup, 0, len(o.Items))
	lastCount, lastCartons := 0, decimal.Decimal{} // consecutive lines often have as many cartons
	var sizes sizeCache
	var boxes decimalBoxes
	for i := range o.Items {
		it := &o.Items[i]
		t.quantity.add(it.Quantity)
		r, g, first := n.place(it)
		var grp *cartonGroup
		var cartons decimal.Decimal
		if g >= 0 {
			if first {
				var c decimal.Decimal
				switch {
				case r.IsZero(): // one line with a count that is not whole
					c = *it.Cartons
				case r.Count() == lastCount:
					c = lastCartons
				default:
					lastCount, lastCartons = r.Count(), decimal.NewFromInt(int64(r.Count()))
					c = lastCartons
				}
				groups = append(groups, cartonGroup{first: i, cartons: c})
			}
			grp = &groups[g]
			grp.lines++
			cartons = grp.cartons
			if grp.cbm == nil {
				grp.cbm = it.CBM
			}
		}
		var size *CartonSize
		if lines != nil || grp != nil && grp.cbm == nil && grp.size == nil {
			size = sizes.parse(it.CartonSize)
		}
		if grp != nil && grp.size == nil {
			grp.size = size
		}
		net := lineWeight(it.NetWeightKG, it.NetWeightPerCartonKG, cartons, &boxes)
		gross := lineWeight(it.GrossWeightKG, it.GrossWeightPerCartonKG, cartons, &boxes)
		t.net.addOpt(net)
		t.gross.addOpt(gross)
		if lines != nil {
			lines[i] = PackingLine{Item: it, QtyPerCarton: it.QtyPerCarton, Range: r, Group: g, First: first, Cartons: cartons,
				Size: size, Net: net, Gross: gross,
				NetPerCarton:   perCarton(it.NetWeightPerCartonKG, net, cartons, &boxes),
				GrossPerCarton: perCarton(it.GrossWeightPerCartonKG, gross, cartons, &boxes)}
		}
	}
	for g := range groups {
		grp := &groups[g]
		t.cartons.add(grp.cartons)
		if grp.cbm == nil && grp.size != nil {
			if x, ok := smallVolume(*grp.size, grp.cartons); ok && lines == nil {
				t.cbm.addSmall(x) // only the total is wanted
				continue
			}
			grp.volume = groupVolume(*grp.size, grp.cartons)
			grp.cbm = &grp.volume
		}
		t.cbm.addOpt(grp.cbm)
		if lines != nil {
			lines[grp.first].CBM = grp.cbm
		}
	}
	// Mixed groups: the size of any line is the group's.
	for i := range lines {
		pl := &lines[i]
		if pl.Group < 0 {
			continue
		}
		grp := &groups[pl.Group]
		pl.Mixed = grp.lines > 1
		if pl.Size == nil {
			pl.Size = grp.size
		}
	}
	return t
}

// cartonNumbering numbers the lines' cartons in line order (PL-1): a line
// that gives readable carton numbers keeps them, a line that gives only a
// whole count gets the next free numbers, and the lines with one range
// form one carton group.
type cartonNumbering struct {
	o *Order
	// stated is o.statedCartons(), or -1 until a carton number needs it.
	stated int
	// next is the number after the last carton of every range so far.
	next int
	// ranges is each group's range, zero for a group of one line with a
	// count that is not whole.
	ranges []CartonRange
	// index finds a range's group; made only when a range does not come
	// after all those before it.
	index map[CartonRange]int
}

// place is a line's carton range, its group (-1 for a line without
// cartons) and whether the line is the group's first.
func (n *cartonNumbering) place(it *Item) (r CartonRange, group int, first bool) {
	if u, ok := n.userRange(it); ok {
		r = u
	} else if c, ok := wholeCartons(it.Cartons); ok {
		r = CartonRange{n.next, n.next + c - 1}
	}
	switch {
	case !r.IsZero():
		group, first = n.group(r)
		n.next = max(n.next, r.To+1)
	case it.Cartons != nil:
		group, first = n.add(r), true
	default:
		group = -1
	}
	return r, group, first
}

// group is the carton group of range r, and whether r opens it.
func (n *cartonNumbering) group(r CartonRange) (int, bool) {
	if r.From >= n.next { // after every range so far: a new group
		return n.add(r), true
	}
	if k := len(n.ranges) - 1; k >= 0 && n.ranges[k] == r { // the mixed cartons of the line before
		return k, false
	}
	if n.index == nil {
		n.index = make(map[CartonRange]int, len(n.ranges))
		for g, x := range n.ranges {
			if _, ok := n.index[x]; !ok && !x.IsZero() {
				n.index[x] = g
			}
		}
	}
	if g, ok := n.index[r]; ok {
		return g, false
	}
	return n.add(r), true
}

// add opens a group for range r (zero for a line without a range).
func (n *cartonNumbering) add(r CartonRange) int {
	g := len(n.ranges)
	n.ranges = append(n.ranges, r)
	if n.index != nil && !r.IsZero() {
		n.index[r] = g
	}
	return g
}

// userRange is the carton range the line gives, when it is readable and
// not a date a spreadsheet program made of it (see dateLike).
func (n *cartonNumbering) userRange(it *Item) (CartonRange, bool) {
	if it.CartonNo == "" || strings.TrimSpace(it.CartonNo) == "" {
		return CartonRange{}, false
	}
	r, err := ParseCartonRange(it.CartonNo)
	if err != nil {
		return CartonRange{}, false
	}
	if r.From == r.To && r.From >= dateSerialFloor {
		if n.stated < 0 {
			n.stated = n.o.statedCartons()
		}
		if dateLike(r, n.stated) {
			return CartonRange{}, false
		}
	}
	return r, true
}

// sizeCache parses carton sizes, once for a run of lines with the same
// size.
type sizeCache struct {
	text string
	size *CartonSize
}

// parse is the carton size s, nil when blank or unreadable.
func (c *sizeCache) parse(s string) *CartonSize {
	if s == "" {
		return nil
	}
	if s != c.text || c.size == nil {
		c.text, c.size = s, nil
		if v, err := ParseCartonSize(s); err == nil {
			c.size = &v
		}
	}
	return c.size
}

// groupVolume is the volume of cartons cartons of size s in m³, rounded to
// 3 decimals (PL-1): s.Volume().Mul(cartons).Round(3).
func groupVolume(s CartonSize, cartons decimal.Decimal) decimal.Decimal {
	if v, ok := smallVolume(s, cartons); ok {
		return v.decimal()
	}
	return s.Volume().Mul(cartons).Round(3)
}

// smallVolume is groupVolume in a word. Volume divides by a million at
// decimal.DivisionPrecision (16) decimals; the word path takes only sizes
// where that division is exact.
func smallVolume(s CartonSize, cartons decimal.Decimal) (smallDec, bool) {
	v := smallDec{1, 0}
	for _, d := range []decimal.Decimal{s.L, s.W, s.H, cartons} {
		x, ok := toSmall(d)
		if !ok {
			return smallDec{}, false
		}
		if v, ok = v.mul(x); !ok {
			return smallDec{}, false
		}
	}
	// exp(L×W×H) − 6 ≥ −16, the cartons' exponent added to both sides.
	if int64(v.e)-int64(cartons.Exponent())-6 < -int64(decimal.DivisionPrecision) {
		return smallDec{}, false
	}
	return smallDec{v.v, v.e - 6}.round(3)
}

// wholeCartons is a carton count as a positive whole number.
func wholeCartons(d *decimal.Decimal) (int, bool) {
	if d == nil {
		return 0, false
	}
	if x, ok := toSmall(*d); ok && x.e == 0 {
		if x.v < 1 || x.v > 1_000_000 {
			return 0, false
		}
		return int(x.v), true
	}
	if !d.IsPositive() || !d.IsInteger() || d.GreaterThan(million) {
		return 0, false
	}
	return int(d.IntPart()), true
}

// lineWeight is the line's weight: as given, else per carton × cartons.
func lineWeight(line, each *decimal.Decimal, cartons decimal.Decimal, boxes *decimalBoxes) *decimal.Decimal {
	if line != nil {
		return line
	}
	if each != nil && cartons.IsPositive() {
		return boxes.put(mulDecimal(*each, cartons))
	}
	return nil
}

// decimalBoxes hands out pointers to computed figures, a few dozen to an
// allocation rather than one each.
type decimalBoxes struct{ free []decimal.Decimal }

// put is a pointer to a new copy of d.
func (b *decimalBoxes) put(d decimal.Decimal) *decimal.Decimal {
	if len(b.free) == cap(b.free) {
		b.free = make([]decimal.Decimal, 0, 32) // the pointers handed out keep the old block
	}
	b.free = append(b.free, d)
	return &b.free[len(b.free)-1]
}

// perCarton is a weight per carton: as given, or the line's weight over
// the cartons when that is exact to the gram (an average that needs
// rounding is not printed as a carton's weight).
func perCarton(each, line *decimal.Decimal, cartons decimal.Decimal, boxes *decimalBoxes) *decimal.Decimal {
	if each != nil {
		return each
	}
	if line == nil || !cartons.IsPositive() {
		return nil
	}
	if q, exact, ok := smallPerCarton(*line, cartons); ok {
		if !exact {
			return nil
		}
		return boxes.put(q.decimal())
	}
	q := line.DivRound(cartons, 6)
	if !q.Mul(cartons).Equal(*line) || !q.Equal(q.Round(3)) {
		return nil
	}
	return &q
}

// smallPerCarton is perCarton's division in a word: line / cartons when
// it is a whole number of grams, with the exponent -6 of DivRound(cartons,
// 6); exact is false when it is not. ok is false when the figures do not
// fit a word.
func smallPerCarton(line, cartons decimal.Decimal) (q smallDec, exact, ok bool) {
	a, ok := toSmall(line)
	if !ok {
		return smallDec{}, false, false
	}
	b, ok := toSmall(cartons)
	if !ok || b.v <= 0 {
		return smallDec{}, false, false
	}
	// grams = a × 10^(ea − eb + 3) / b must be whole.
	k := int64(a.e) - int64(b.e) + 3
	num, den := a.v, b.v
	if k >= 0 {
		num, ok = scaled(num, k)
	} else {
		den, ok = scaled(den, -k)
	}
	if !ok {
		return smallDec{}, false, false
	}
	if num%den != 0 {
		return smallDec{}, false, true
	}
	v, ok := mul64(num/den, 1000)
	return smallDec{v, -6}, true, ok
}

// validatePacking checks the packing figures (PL-1) and, for a shipment to
// an Amazon fulfilment centre, the FBA carton limits (PL-2).
func (o *Order) validatePacking() Problems {
	if !o.HasPacking() {
		return nil
	}
	var ps Problems
	p := o.Packing()
	numbered := false
	for i := range o.Items {
		if strings.TrimSpace(o.Items[i].CartonNo) != "" {
			numbered = true
		}
	}
	type seenRange struct {
		r  CartonRange
		at Location
	}
	var ranges []seenRange // distinct ranges in line order
	stated := o.statedCartons()
	known := map[CartonRange]bool{}
	expect := 1
	for i := range p.Lines {
		pl := &p.Lines[i]
		it := pl.Item
		ps = append(ps, o.validateCartons(it, pl, numbered, stated)...)
		if numbered && !pl.Range.IsZero() && !known[pl.Range] {
			known[pl.Range] = true
			switch {
			case pl.Range.From < expect: // overlaps a range before it, or goes back
				msg := fmt.Sprintf("carton_no %s comes after cartons up to %d: carton numbers run in line order (PL-1)", pl.Range, expect-1)
				for _, s := range ranges {
					if s.r.From <= pl.Range.To && pl.Range.From <= s.r.To {
						msg = fmt.Sprintf("carton_no %s overlaps cartons %s at %s; lines that share mixed cartons give the same range (PL-1)",
							pl.Range, s.r, s.at.Cell)
						break
					}
				}
				ps = append(ps, Errorf(it.At("carton_no"), ErrCartonNo, "%s", msg))
			case pl.Range.From > expect:
				ps = append(ps, Errorf(it.At("carton_no"), ErrCartonNo,
					"carton_no %s does not follow on from the cartons before it: expected it to start at %d (PL-1)", pl.Range, expect))
			}
			ranges = append(ranges, seenRange{pl.Range, it.At("carton_no")})
			expect = max(expect, pl.Range.To+1)
		}
		ps = append(ps, o.validateLinePacking(it, pl)...)
	}
	ps = append(ps, o.validateGroups(p)...)
	if o.ShipsToAmazon() {
		ps = append(ps, o.FBAProblems()...)
	}
	return ps
}

// validateCartons checks a line's carton count and carton numbers.
func (o *Order) validateCartons(it *Item, pl *PackingLine, numbered bool, statedCartons int) Problems {
	var ps Problems
	if it.Cartons != nil && !it.Unread.Has("cartons") {
		if _, ok := wholeCartons(it.Cartons); !ok {
			ps = append(ps, Errorf(it.At("cartons"), ErrPacking, "cartons %s is not a positive whole number of cartons (PL-1)", it.Cartons))
		}
	}
	no := strings.TrimSpace(it.CartonNo)
	switch {
	case no != "":
		r, err := ParseCartonRange(no)
		if err != nil {
			ps = append(ps, Errorf(it.At("carton_no"), ErrCartonNo, "%v (PL-1)", err))
			break
		}
		if dateLike(r, statedCartons) {
			ps = append(ps, Errorf(it.At("carton_no"), ErrCartonNo,
				"carton_no %s looks like a date a spreadsheet program made of a range such as 1-24; format the column as text and type the range again (PL-1)", no))
			break
		}
		if n, ok := wholeCartons(it.Cartons); ok && n != r.Count() {
			ps = append(ps, Errorf(it.At("carton_no"), ErrCartonNo,
				"carton_no %s numbers %d cartons but cartons (%s) says %d (PL-1)", r, r.Count(), it.At("cartons").Cell, n))
		}
	case it.Cartons == nil && !it.Unread.Has("cartons"):
		ps = append(ps, Errorf(it.At("cartons"), ErrPacking,
			"line has no cartons (箱数) while other lines do; the packing list needs every line's cartons (PL-1)"))
	case numbered:
		ps = append(ps, Errorf(it.At("carton_no"), ErrCartonNo,
			"carton_no is blank while other lines number their cartons; give this line's range, e.g. %s (PL-1)", pl.Range))
	}
	return ps
}

// validateLinePacking checks a line's quantity per carton, weights and
// volume against each other (PL-1).
func (o *Order) validateLinePacking(it *Item, pl *PackingLine) Problems {
	var ps Problems
	cartons, ok := lineCartons(it, pl)
	if !ok {
		// The carton count itself is wrong (reported): nothing that
		// depends on it can be checked.
		return o.validateWeights(it, &PackingLine{Item: it, Net: it.NetWeightKG, Gross: it.GrossWeightKG})
	}
	if q := it.QtyPerCarton; q != nil && !it.Unread.Has("qty_per_carton") && !it.Unread.Has("quantity") {
		switch {
		case !q.IsPositive():
			ps = append(ps, Errorf(it.At("qty_per_carton"), ErrPacking, "qty_per_carton %s is not a positive number (PL-1)", q))
		case it.LastCartonQty != nil:
			last := *it.LastCartonQty
			want := cartons.Sub(decimal.NewFromInt(1)).Mul(*q).Add(last)
			if !last.IsPositive() || !last.LessThan(*q) {
				ps = append(ps, Errorf(it.At("last_carton_qty"), ErrPacking,
					"last_carton_qty %s is not a partial carton: it must be more than 0 and less than qty_per_carton %s (PL-1)", last, q))
			} else if !want.Equal(it.Quantity) {
				ps = append(ps, Errorf(it.At("qty_per_carton"), ErrPacking,
					"(cartons − 1) × qty_per_carton + last_carton_qty = (%s − 1) × %s + %s = %s differs from quantity %s (%s) (PL-1)",
					cartons, q, last, want, it.Quantity, it.At("quantity").Cell))
			}
		default:
			if want := cartons.Mul(*q); !want.Equal(it.Quantity) {
				ps = append(ps, Errorf(it.At("qty_per_carton"), ErrPacking,
					"cartons × qty_per_carton = %s × %s = %s differs from quantity %s (%s); if the last carton is partial, give its quantity in last_carton_qty (PL-1)",
					cartons, q, want, it.Quantity, it.At("quantity").Cell))
			}
		}
	}
	ps = append(ps, o.validateWeights(it, pl)...)
	if it.CartonSize != "" && !it.Unread.Has("carton_size_cm") {
		s, err := ParseCartonSize(it.CartonSize)
		if err != nil {
			ps = append(ps, Errorf(it.At("carton_size_cm"), ErrPacking, "%v (PL-1)", err))
		} else if it.CBM != nil && !cbmAgrees(*it.CBM, s, cartons) {
			ps = append(ps, Errorf(it.At("cbm"), ErrPacking,
				"cbm %s differs from carton size × cartons = %s × %s = %s m³ (%s) (PL-1)",
				it.CBM, s, cartons, s.Volume().Mul(cartons).Round(3).StringFixed(3), it.At("carton_size_cm").Cell))
		}
	}
	if it.CBM != nil && !it.Unread.Has("cbm") && !it.CBM.IsPositive() {
		ps = append(ps, Errorf(it.At("cbm"), ErrPacking, "cbm %s is not a positive volume (PL-1)", it.CBM))
	}
	return ps
}

// dateSerialFloor is the spreadsheet date serial of 1954-10-03.
const dateSerialFloor = 20000

// dateLike reports whether a carton "range" is a date serial number: a
// range such as 1-24 that Excel or Calc turned into a date shows up as a
// single number of 20,000 or more, beyond the cartons the order states.
func dateLike(r CartonRange, statedCartons int) bool {
	return r.From == r.To && r.From >= dateSerialFloor && r.From > statedCartons
}

// statedCartons adds up the carton counts the lines state.
func (o *Order) statedCartons() int {
	n := 0
	for i := range o.Items {
		if c, ok := wholeCartons(o.Items[i].Cartons); ok {
			n += c
		}
	}
	return n
}

// lineCartons is the line's carton count when it is sure: a positive whole
// number that agrees with the line's carton range.
func lineCartons(it *Item, pl *PackingLine) (decimal.Decimal, bool) {
	n, ok := wholeCartons(&pl.Cartons)
	if !ok {
		return decimal.Zero, false
	}
	if it.Cartons != nil && !it.Cartons.Equal(pl.Cartons) {
		return decimal.Zero, false
	}
	return decimal.NewFromInt(int64(n)), true
}

// cbmAgrees reports whether a stated volume is the carton size × cartons
// to 3 decimals, computed either on the whole line or, as suppliers often
// do, per carton (rounded to 3 decimals) times the cartons (PL-1).
func cbmAgrees(stated decimal.Decimal, s CartonSize, cartons decimal.Decimal) bool {
	st := stated.Round(3)
	return st.Equal(s.Volume().Mul(cartons).Round(3)) || st.Equal(s.Volume().Round(3).Mul(cartons).Round(3))
}

// validateWeights checks G.W. ≥ N.W. > 0, and per-carton weights against
// the line's when both are given.
func (o *Order) validateWeights(it *Item, pl *PackingLine) Problems {
	var ps Problems
	for _, w := range []struct {
		key, eachKey string
		line, each   *decimal.Decimal
	}{
		{"net_weight_kg", "net_weight_per_carton_kg", it.NetWeightKG, it.NetWeightPerCartonKG},
		{"gross_weight_kg", "gross_weight_per_carton_kg", it.GrossWeightKG, it.GrossWeightPerCartonKG},
	} {
		if w.line != nil && w.each != nil && pl.Cartons.IsPositive() && !w.each.Mul(pl.Cartons).Equal(*w.line) {
			ps = append(ps, Errorf(it.At(w.key), ErrPacking,
				"%s %s differs from %s × cartons = %s × %s = %s (PL-1)",
				w.key, w.line, w.eachKey, w.each, pl.Cartons, w.each.Mul(pl.Cartons)))
		}
	}
	netAt := weightCell(it, "net_weight_kg", "net_weight_per_carton_kg", it.NetWeightKG)
	grossAt := weightCell(it, "gross_weight_kg", "gross_weight_per_carton_kg", it.GrossWeightKG)
	if pl.Net != nil && !pl.Net.IsPositive() {
		ps = append(ps, Errorf(netAt, ErrPacking, "net weight %s kg is not more than 0 (PL-1)", pl.Net))
	}
	if pl.Gross != nil && !pl.Gross.IsPositive() {
		ps = append(ps, Errorf(grossAt, ErrPacking, "gross weight %s kg is not more than 0 (PL-1)", pl.Gross))
	} else if pl.Net != nil && pl.Gross != nil && pl.Gross.LessThan(*pl.Net) {
		ps = append(ps, Errorf(grossAt, ErrPacking,
			"gross weight %s kg is less than net weight %s kg (%s); G.W. includes the packing (PL-1)", pl.Gross, pl.Net, netAt.Cell))
	}
	return ps
}

// weightCell is the cell a weight was given in: the line total's when
// given (lineValue), else the per-carton one's.
func weightCell(it *Item, line, each string, lineValue *decimal.Decimal) Location {
	if _, ok := it.Cell(each); ok && lineValue == nil {
		return it.At(each)
	}
	return it.At(line)
}

// validateGroups checks that the lines of a mixed carton group agree on
// the carton size and volume.
func (o *Order) validateGroups(p PackingList) Problems {
	var ps Problems
	type groupFirst struct {
		size *PackingLine
		cbm  *PackingLine
	}
	firsts := map[int]*groupFirst{}
	for i := range p.Lines {
		pl := &p.Lines[i]
		if !pl.Mixed {
			continue
		}
		g := firsts[pl.Group]
		if g == nil {
			g = &groupFirst{}
			firsts[pl.Group] = g
		}
		it := pl.Item
		if s, err := ParseCartonSize(it.CartonSize); it.CartonSize != "" && err == nil {
			if g.size == nil {
				g.size = pl
			} else if f, _ := ParseCartonSize(g.size.Item.CartonSize); f != s {
				ps = append(ps, Errorf(it.At("carton_size_cm"), ErrPacking,
					"carton_size_cm %s differs from %s at %s, although the lines share cartons %s (PL-1)",
					s, f, g.size.Item.At("carton_size_cm").Cell, pl.Range))
			}
		}
		if it.CBM != nil {
			if g.cbm == nil {
				g.cbm = pl
			} else if !g.cbm.Item.CBM.Equal(*it.CBM) {
				ps = append(ps, Errorf(it.At("cbm"), ErrPacking,
					"cbm %s differs from %s at %s, although the lines share cartons %s: give the cartons' volume once (PL-1)",
					it.CBM, g.cbm.Item.CBM, g.cbm.Item.At("cbm").Cell, pl.Range))
			}
		}
	}
	return ps
}

var amazonConsignee = lazyregexp.New(`(?i)\bamazon\b|\bfba\b|\bfulfil+ment cent(er|re)\b`)

// ShipsToAmazon reports whether the consignee is an Amazon fulfilment
// centre (its name or address says Amazon, FBA or fulfilment centre), so
// the cartons must meet FBA's limits (PL-2).
func (o *Order) ShipsToAmazon() bool {
	c := o.Consignee
	return amazonConsignee.MatchString(c.Name + " " + c.Address)
}

// FBAProblems warns about every carton over Amazon FBA's limits for a
// standard box (PL-2): over 22.7 kg (50 lb) gross, or a side over 63.5 cm
// (25 in). A mixed carton weighs what its lines weigh together.
func (o *Order) FBAProblems() Problems {
	if !o.HasPacking() {
		return nil
	}
	var ps Problems
	p := o.Packing()
	gross := map[int]decimal.Decimal{}
	has := map[int]bool{}
	for _, pl := range p.Lines {
		if pl.Group >= 0 && pl.Gross != nil && pl.Cartons.IsPositive() {
			gross[pl.Group] = gross[pl.Group].Add(*pl.Gross)
			has[pl.Group] = true
		}
	}
	for _, pl := range p.Lines {
		if pl.Group < 0 {
			continue
		}
		it := pl.Item
		if pl.First && has[pl.Group] {
			each := gross[pl.Group].DivRound(pl.Cartons, 3)
			if each.GreaterThan(FBAMaxCartonKG) {
				ps = append(ps, Warnf(weightCell(it, "gross_weight_kg", "gross_weight_per_carton_kg", it.GrossWeightKG), ErrFBA,
					"a carton weighs %s kg gross, over Amazon FBA's 22.7 kg (50 lb) limit: it needs a team-lift label and is allowed only for a single oversize unit (PL-2)", each))
			}
		}
		if s, err := ParseCartonSize(it.CartonSize); it.CartonSize != "" && err == nil && s.Longest().GreaterThan(FBAMaxSideCM) {
			ps = append(ps, Warnf(it.At("carton_size_cm"), ErrFBA,
				"carton side %s cm is over Amazon FBA's 63.5 cm (25 in) limit for standard boxes (PL-2)", s.Longest()))
		}
	}
	return ps
}

// packageName is a kind of package in English (plural, singular) and its
// Chinese classifier.
type packageName struct{ en, one, zh string }

var packageNames = map[string]packageName{
	"cartons":  {"CARTONS", "CARTON", "箱"},
	"pallets":  {"PALLETS", "PALLET", "托"},
	"bags":     {"BAGS", "BAG", "袋"},
	"cases":    {"CASES", "CASE", "箱"},
	"crates":   {"CRATES", "CRATE", "箱"},
	"boxes":    {"BOXES", "BOX", "箱"},
	"bales":    {"BALES", "BALE", "包"},
	"rolls":    {"ROLLS", "ROLL", "卷"},
	"drums":    {"DRUMS", "DRUM", "桶"},
	"packages": {"PACKAGES", "PACKAGE", "件"},
}

var packageAliases = map[string]string{
	"carton": "cartons", "ctn": "cartons", "ctns": "cartons", "纸箱": "cartons", "箱": "cartons",
	"pallet": "pallets", "plt": "pallets", "plts": "pallets", "托": "pallets", "托盘": "pallets", "卡板": "pallets",
	"bag": "bags", "袋": "bags", "编织袋": "bags",
	"case": "cases", "wooden cases": "cases", "木箱": "cases",
	"crate": "crates", "box": "boxes", "bale": "bales", "包": "bales",
	"roll": "rolls", "卷": "rolls", "drum": "drums", "桶": "drums",
	"package": "packages", "pkgs": "packages", "pkg": "packages", "件": "packages",
}

// packageKind names the package type of the order; blank is cartons, and
// a type not in the table keeps its English name and counts as 件.
func packageKind(s string) packageName {
	k := strings.ToLower(strings.TrimSpace(s))
	if k == "" {
		k = "cartons"
	}
	if a, ok := packageAliases[k]; ok {
		k = a
	}
	if n, ok := packageNames[k]; ok {
		return n
	}
	up := strings.ToUpper(strings.TrimSpace(s))
	return packageName{up, up, "件"}
}

// PackagesInWords writes the package count the way a packing list closes
// (PL-1): "SAY ONE HUNDRED TWENTY-FOUR CARTONS ONLY" and 壹佰贰拾肆箱, with
// the number words of the amount in words (W-EN, W-ZH).
func PackagesInWords(n int, packageType string) (en, zh string) {
	k := packageKind(packageType)
	name := k.en
	if n == 1 {
		name = k.one
	}
	digits := strconv.Itoa(n)
	en = "SAY " + englishInteger(digits) + " " + name + " ONLY"
	num := chineseInteger(digits)
	if num == "" {
		num = zhDigits[0]
	}
	return en, num + k.zh
}
