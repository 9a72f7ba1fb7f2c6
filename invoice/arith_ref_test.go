package invoice

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

// This file keeps the packing and totals arithmetic as it was before it
// was made cheap (one map per carton group, a decimal division per line
// weight): the reference the fast code is compared with, value by value
// and exponent by exponent, in arith_test.go.

func (o *Order) refTotals() Totals {
	p := o.refPacking()
	var t Totals
	t.Lines = make([]decimal.Decimal, len(o.Items))
	for i := range o.Items {
		t.Lines[i] = o.Currency.Round(o.Items[i].Quantity.Mul(o.Items[i].UnitPrice))
		t.Goods = t.Goods.Add(t.Lines[i])
	}
	for i := range o.Items {
		t.Quantity = t.Quantity.Add(o.Items[i].Quantity)
	}
	t.Cartons, t.NetWeightKG, t.GrossWeightKG, t.CBM = p.Cartons, p.NetKG, p.GrossKG, p.CBM
	t.HasCartons, t.HasNetWeight, t.HasGross, t.HasCBM = p.HasCartons, p.HasNet, p.HasGross, p.HasCBM
	for _, c := range o.Charges {
		t.Charges = t.Charges.Add(o.Currency.Round(c.Amount))
	}
	t.Total = t.Goods.Add(t.Charges)
	t.DepositPercent = DefaultDepositPercent
	if o.DepositPercent != nil {
		t.DepositPercent = *o.DepositPercent
	}
	t.BalancePercent = hundred.Sub(t.DepositPercent)
	t.Deposit = o.Currency.Round(t.Total.Mul(t.DepositPercent).Div(hundred))
	t.Balance = t.Total.Sub(t.Deposit)
	if o.DepositReceived != nil {
		t.Received = o.Currency.Round(*o.DepositReceived)
	}
	t.Due = t.Total.Sub(t.Received)
	return t
}

func (o *Order) refPacking() PackingList {
	p := PackingList{Lines: make([]PackingLine, len(o.Items))}
	groups := map[CartonRange]int{}
	next := 1
	ngroups := 0
	stated := 0
	for i := range o.Items {
		if c, ok := refWholeCartons(o.Items[i].Cartons); ok {
			stated += c
		}
	}
	for i := range o.Items {
		it := &o.Items[i]
		pl := PackingLine{Item: it, QtyPerCarton: it.QtyPerCarton}
		p.Quantity = p.Quantity.Add(it.Quantity)
		if r, ok := refUserRange(it, stated); ok {
			pl.Range = r
		} else if n, ok := refWholeCartons(it.Cartons); ok {
			pl.Range = CartonRange{next, next + n - 1}
		}
		if pl.Range.To >= next {
			next = pl.Range.To + 1
		}
		if !pl.Range.IsZero() {
			g, seen := groups[pl.Range]
			if !seen {
				g = ngroups
				ngroups++
				groups[pl.Range] = g
			}
			pl.Group, pl.First = g, !seen
			pl.Cartons = decimal.NewFromInt(int64(pl.Range.Count()))
		} else if it.Cartons != nil {
			pl.Group, pl.First = ngroups, true
			ngroups++
			pl.Cartons = *it.Cartons
		} else {
			pl.Group = -1
		}
		if it.CartonSize != "" {
			if s, err := refParseCartonSize(it.CartonSize); err == nil {
				pl.Size = &s
			}
		}
		pl.Net = refLineWeight(it.NetWeightKG, it.NetWeightPerCartonKG, pl.Cartons)
		pl.Gross = refLineWeight(it.GrossWeightKG, it.GrossWeightPerCartonKG, pl.Cartons)
		pl.NetPerCarton = refPerCarton(it.NetWeightPerCartonKG, pl.Net, pl.Cartons)
		pl.GrossPerCarton = refPerCarton(it.GrossWeightPerCartonKG, pl.Gross, pl.Cartons)
		p.Lines[i] = pl
	}
	first := map[int]int{}
	for i := range p.Lines {
		pl := &p.Lines[i]
		if pl.Group < 0 {
			continue
		}
		f, ok := first[pl.Group]
		if !ok {
			first[pl.Group] = i
			continue
		}
		p.Lines[f].Mixed, pl.Mixed = true, true
		if p.Lines[f].Size == nil {
			p.Lines[f].Size = pl.Size
		}
	}
	cbm := refGroupCBM(p.Lines)
	for i := range p.Lines {
		pl := &p.Lines[i]
		if pl.Group < 0 {
			continue
		}
		f := &p.Lines[first[pl.Group]]
		if pl.Size == nil {
			pl.Size = f.Size
		}
		if !pl.First {
			continue
		}
		p.Cartons = p.Cartons.Add(pl.Cartons)
		p.HasCartons = true
		pl.CBM = cbm[pl.Group]
	}
	for _, pl := range p.Lines {
		refAddOpt(&p.NetKG, &p.HasNet, pl.Net)
		refAddOpt(&p.GrossKG, &p.HasGross, pl.Gross)
		refAddOpt(&p.CBM, &p.HasCBM, pl.CBM)
	}
	return p
}

func refGroupCBM(lines []PackingLine) map[int]*decimal.Decimal {
	stated := map[int]*decimal.Decimal{}
	sized := map[int]*PackingLine{}
	for i := range lines {
		pl := &lines[i]
		if pl.Group < 0 {
			continue
		}
		if _, ok := stated[pl.Group]; !ok && pl.Item.CBM != nil {
			stated[pl.Group] = pl.Item.CBM
		}
		if _, ok := sized[pl.Group]; !ok && pl.Size != nil {
			sized[pl.Group] = pl
		}
	}
	for g, pl := range sized {
		if _, ok := stated[g]; !ok {
			v := pl.Size.L.Mul(pl.Size.W).Mul(pl.Size.H).Div(decimal.NewFromInt(1_000_000)).Mul(pl.Cartons).Round(3)
			stated[g] = &v
		}
	}
	return stated
}

func refWholeCartons(d *decimal.Decimal) (int, bool) {
	if d == nil || !d.IsPositive() || !d.IsInteger() || d.GreaterThan(decimal.NewFromInt(1_000_000)) {
		return 0, false
	}
	return int(d.IntPart()), true
}

func refLineWeight(line, each *decimal.Decimal, cartons decimal.Decimal) *decimal.Decimal {
	if line != nil {
		return line
	}
	if each != nil && cartons.IsPositive() {
		v := each.Mul(cartons)
		return &v
	}
	return nil
}

func refPerCarton(each, line *decimal.Decimal, cartons decimal.Decimal) *decimal.Decimal {
	if each != nil {
		return each
	}
	if line == nil || !cartons.IsPositive() {
		return nil
	}
	q := line.DivRound(cartons, 6)
	if !q.Mul(cartons).Equal(*line) || !q.Equal(q.Round(3)) {
		return nil
	}
	return &q
}

func refAddOpt(sum *decimal.Decimal, has *bool, v *decimal.Decimal) {
	if v != nil {
		*sum = sum.Add(*v)
		*has = true
	}
}

func refUserRange(it *Item, statedCartons int) (CartonRange, bool) {
	if strings.TrimSpace(it.CartonNo) == "" {
		return CartonRange{}, false
	}
	r, err := refParseCartonRange(it.CartonNo)
	if err != nil || dateLike(r, statedCartons) {
		return CartonRange{}, false
	}
	return r, true
}

func refParseCartonSize(s string) (CartonSize, error) {
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
		if !sizeSide.MatchString(p) || err != nil || !v.IsPositive() || v.GreaterThan(decimal.NewFromInt(10000)) {
			return CartonSize{}, fmt.Errorf("carton_size_cm %q: %q is not a length in cm; expected e.g. 60x40x35", s, p)
		}
		d[i] = v
	}
	return CartonSize{d[0], d[1], d[2]}, nil
}

func refParseCartonRange(s string) (CartonRange, error) {
	t := strings.ToLower(strings.TrimSpace(norm.NFKC.String(s)))
	m := rangeRE.FindStringSubmatch(t)
	if m == nil {
		return CartonRange{}, fmt.Errorf("carton_no %q is not a carton number range; expected e.g. 1-24", s)
	}
	from, _ := strconv.Atoi(m[1])
	to := from
	if m[2] != "" {
		to, _ = strconv.Atoi(m[2])
	}
	if from < 1 || to < from {
		return CartonRange{}, fmt.Errorf("carton_no %q: carton numbers start at 1 and run upwards, e.g. 1-24", s)
	}
	return CartonRange{from, to}, nil
}
