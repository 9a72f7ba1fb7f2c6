package pdf

import (
	"strings"

	"github.com/tradedocs/tradedocs/invoice"
)

// align is how a column sets its text.
type align int

const (
	alignLeft align = iota
	alignRight
	alignCenter
)

// column is one column of the item table.
type column struct {
	head  label
	unit  string // appended to the English heading: "(USD)"
	width float64
	align align
	cell  func(i int, it *invoice.Item) []styledText
}

// itemTable is the item table of one document.
type itemTable struct {
	d    *document
	cols []column
	// heights are the rows' heights once measured (0: not yet). A row is
	// measured before it is drawn (to keep it off a page it does not fit
	// on); drawing it then needs no second measurement.
	heights []float64
}

// columns chooses the table's columns. The PI follows the supplier's
// customary 序号 | 品名 | 规格 | 数量 | 单位 | 单价 | 金额; the CI puts the
// specification in the description and adds the HS code and origin per
// line (CI-2) and cartons and weights when the items give them.
func (d *document) columns() []column {
	if d.kind == Packing {
		return d.packingColumns()
	}
	o, l := d.o, d.l
	cur := o.Currency
	text := func(s string) []styledText {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return []styledText{{s, sCell}}
	}
	no := column{head: l["col_no"], width: 8, align: alignCenter, cell: func(i int, it *invoice.Item) []styledText {
		if it.LineNo != "" {
			return text(it.LineNo)
		}
		return text(itoa(i + 1))
	}}
	desc := column{head: l["col_description"], align: alignLeft, cell: func(i int, it *invoice.Item) []styledText {
		return d.description(it, d.kind == Commercial)
	}}
	qty := column{head: l["col_quantity"], width: 16, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
		return text(formatQuantity(it.Quantity))
	}}
	unit := column{head: l["col_unit"], width: 12, align: alignCenter, cell: func(i int, it *invoice.Item) []styledText {
		if d.kind == Commercial {
			return text(d.r.units.OnCI(it.Unit)) // "pcs 个" (CI-11)
		}
		return text(it.Unit)
	}}
	price := column{head: l["col_unit_price"], unit: "(" + cur.Code + ")", width: 21, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
		return text(formatPrice(it.UnitPrice, cur))
	}}
	amount := column{head: l["col_amount"], unit: "(" + cur.Code + ")", width: 25, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
		return []styledText{{cur.Format(d.t.Lines[i]), sCellBold}}
	}}
	var cols []column
	if d.kind == Proforma {
		spec := column{head: l["col_spec"], width: 34, align: alignLeft, cell: func(i int, it *invoice.Item) []styledText {
			return text(it.Spec)
		}}
		cols = []column{no, desc, spec, qty, unit, price, amount}
	} else {
		hs := column{head: l["col_hs_code"], width: 20.5, align: alignLeft, cell: func(i int, it *invoice.Item) []styledText {
			if it.HSCode == "" {
				return nil
			}
			return []styledText{{it.HSCode, sCellNum}}
		}}
		origin := column{head: l["col_origin"], width: 11, align: alignCenter, cell: func(i int, it *invoice.Item) []styledText {
			return text(o.ItemOrigin(it)) // "China (CN)", as in the header (CI-9)
		}}
		no.width, qty.width, unit.width, price.width, amount.width = 8.5, 15, 10, 18, 22
		cols = []column{no, desc, hs, origin, qty, unit}
		if d.t.HasCartons {
			cols = append(cols, column{head: l["col_cartons"], width: 11, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
				if pl := d.pack.Lines[i]; pl.First { // a mixed carton once
					return text(formatQuantity(pl.Cartons))
				}
				return nil
			}})
		}
		if d.t.HasNetWeight {
			cols = append(cols, column{head: l["col_net_weight"], width: 13, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
				if w := d.pack.Lines[i].Net; w != nil { // also when given per carton
					return text(formatQuantity(*w))
				}
				return nil
			}})
		}
		if d.t.HasGross {
			cols = append(cols, column{head: l["col_gross_weight"], width: 13, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
				if w := d.pack.Lines[i].Gross; w != nil {
					return text(formatQuantity(*w))
				}
				return nil
			}})
		}
		cols = append(cols, price, amount)
	}
	fixed := 0.0
	for _, c := range cols {
		fixed += c.width
	}
	for i := range cols {
		if cols[i].width == 0 {
			cols[i].width = d.width() - fixed
		}
	}
	return cols
}

// description is an item's description cell: English, Chinese, then SKU,
// specification (CI) and material (CI-2: detailed enough to classify).
func (d *document) description(it *invoice.Item, withSpec bool) []styledText {
	var out []styledText
	if s := strings.TrimSpace(it.DescriptionEN); s != "" {
		out = append(out, styledText{it.DescriptionEN, sCell})
	}
	if s := strings.TrimSpace(it.DescriptionZH); s != "" {
		out = append(out, styledText{it.DescriptionZH, sCell})
	}
	add := func(key, v string) {
		if strings.TrimSpace(v) != "" {
			out = append(out, styledText{d.l[key].String() + ": " + v, sCellNote})
		}
	}
	add("sku", it.SKU)
	if withSpec {
		add("spec", it.Spec)
	}
	add("material", it.Material)
	if withSpec && (it.ManufacturerName != "" || it.ManufacturerAddress != "") {
		// A line from another factory than the order's names it (CI-10).
		add("manufacturer", strings.Join(nonEmpty(it.ManufacturerName, it.ManufacturerAddress), ", "))
	}
	return out
}

// header draws the table's column headings (Chinese over English) at y
// and returns their height; it is drawn again on every page the table
// continues on.
func (t *itemTable) header(y float64) float64 {
	d := t.d
	h := 0.0
	for pass := d.c.firstPass(); pass < 2; pass++ {
		x := d.left
		for _, c := range t.cols {
			saved := d.c.mode
			if pass == 0 {
				d.c.mode = measuring
			}
			en := c.head.EN
			if c.unit != "" {
				en += " " + c.unit
			}
			ch := pad
			ch += t.cellPara(x, y+ch, c, c.head.ZH, sHead)
			ch += t.cellPara(x, y+ch, c, en, sHead)
			ch += pad
			d.c.mode = saved
			h = max(h, ch)
			x += c.width
		}
		if pass == 0 {
			d.c.fill(d.left, y, d.width(), h, band)
		}
	}
	t.rules(y, h)
	d.c.line(d.left, y, d.right, y, rule, thin)
	d.c.line(d.left, y+h, d.right, y+h, accent, 0.3)
	return h
}

// minShrink is the smallest fraction of its size a word in a figure column
// is set at before it is wrapped instead.
const minShrink = 0.7

// cellPara draws s in column c with the column's alignment.
func (t *itemTable) cellPara(x, y float64, c column, s string, st style) float64 {
	d := t.d
	w := c.width - 2*pad
	// A single word in a narrow figure column (a unit such as "boxes" or
	// "cartons", a long amount) is set a little smaller rather than broken
	// in the middle.
	if c.align != alignLeft && !strings.ContainsAny(s, " \n") {
		if tw := d.c.width(s, st); tw > w && w/tw >= minShrink {
			st.size *= w / tw
		}
	}
	lines := d.c.wrap(s, w, st)
	for i, ln := range lines {
		ly := y + float64(i)*st.lineHeight()
		switch c.align {
		case alignRight:
			d.c.textRight(x+pad+w, ly, ln, st)
		case alignCenter:
			d.c.textCenter(x+c.width/2, ly, ln, st)
		default:
			d.c.text(x+pad, ly, ln, st)
		}
	}
	return float64(len(lines)) * st.lineHeight()
}

// rules draws the table's vertical rules over [y, y+h].
func (t *itemTable) rules(y, h float64) {
	d := t.d
	x := d.left
	d.c.line(x, y, x, y+h, rule, thin)
	for _, c := range t.cols {
		x += c.width
		d.c.line(x, y, x, y+h, rule, thin)
	}
}

// cell is the content of item i's cell in column col. Each row is laid
// out several times (measured, then measured and drawn), so the cells of
// a document are formatted once and kept.
func (t *itemTable) cell(i int, it *invoice.Item, col int) []styledText {
	d := t.d
	if d.cells == nil {
		d.cells = make([][][]styledText, len(d.o.Items))
	}
	if d.cells[i] == nil {
		row := make([][]styledText, len(t.cols))
		for j, c := range t.cols {
			row[j] = c.cell(i, it)
		}
		d.cells[i] = row
	}
	return d.cells[i][col]
}

// row draws item i at y and returns its height.
func (t *itemTable) row(y float64, i int) float64 {
	d := t.d
	it := &d.o.Items[i]
	h := 0.0
	pass := d.c.firstPass()
	if pass == 0 && t.heights[i] > 0 {
		// Measured already: paint the background at the row's height and
		// draw.
		h, pass = t.heights[i], 1
		if i%2 == 1 {
			d.c.fill(d.left, y, d.width(), h, lightBg)
		}
	}
	for ; pass < 2; pass++ {
		x := d.left
		for col, c := range t.cols {
			saved := d.c.mode
			if pass == 0 {
				d.c.mode = measuring
			}
			ch := pad
			for _, p := range t.cell(i, it, col) {
				ch += t.cellPara(x, y+ch, c, p.s, p.st)
			}
			ch += pad
			d.c.mode = saved
			h = max(h, ch)
			x += c.width
		}
		if pass == 0 && i%2 == 1 {
			d.c.fill(d.left, y, d.width(), h, lightBg)
		}
	}
	t.heights[i] = h
	t.rules(y, h)
	d.c.line(d.left, y+h, d.right, y+h, rule, thin)
	return h
}

// totals draws the goods subtotal, each charge by name (CI-3), the total
// and, on the CI, the deposit received and the balance due (CI-8), aligned
// under the amount column.
func (t *itemTable) totals(y float64) float64 {
	d := t.d
	if d.kind == Packing {
		return t.packingTotals(y)
	}
	o, cur := d.o, d.o.Currency
	amountCol := t.cols[len(t.cols)-1]
	labelCol := column{width: d.width() - amountCol.width, align: alignRight}
	type line struct {
		label  string
		amount string
		strong bool
	}
	var lines []line
	if len(o.Charges) > 0 {
		lines = append(lines, line{d.l["goods_total"].String(), cur.Format(d.t.Goods), false})
		charge := func(i int) { lines = append(lines, line{o.Charges[i].Label(), cur.Format(o.Charges[i].Amount), false}) }
		if value, before, after, ok := o.NamedValue(); ok && d.kind == Commercial {
			// The FOB (FCA, EXW, FAS) value, then the freight and insurance
			// the buyer pays beyond it (I-3).
			for _, i := range before {
				charge(i)
			}
			term := string(o.Shipment.Incoterm)
			lines = append(lines, line{strings.ReplaceAll(d.l["named_value"].String(), "{term}", term), cur.Format(value), true})
			for _, i := range after {
				charge(i)
			}
		} else {
			for i := range o.Charges {
				charge(i)
			}
		}
	}
	lines = append(lines, line{d.l["total"].String() + " (" + cur.Code + ")", cur.Format(d.t.Total), true})
	if d.kind == Commercial && o.DepositReceived != nil {
		lines = append(lines,
			line{d.l["deposit_received"].String(), cur.Format(d.t.Received.Neg()), false},
			line{d.l["balance_due"].String() + " (" + cur.Code + ")", cur.Format(d.t.Due), true})
	}
	h := 0.0
	for _, ln := range lines {
		st := sCell
		if ln.strong {
			st = sCellBold
		}
		rh := 0.0
		for pass := d.c.firstPass(); pass < 2; pass++ {
			saved := d.c.mode
			if pass == 0 {
				d.c.mode = measuring
			} else if ln.strong {
				d.c.fill(d.left, y+h, d.width(), rh, band)
			}
			a := pad + t.cellPara(d.left, y+h+pad, labelCol, ln.label, st) + pad
			b := pad + t.cellPara(d.left+labelCol.width, y+h+pad, amountCol, ln.amount, st) + pad
			d.c.mode = saved
			rh = max(a, b)
		}
		d.c.line(d.left, y+h, d.left, y+h+rh, rule, thin)
		d.c.line(d.left+labelCol.width, y+h, d.left+labelCol.width, y+h+rh, rule, thin)
		d.c.line(d.right, y+h, d.right, y+h+rh, rule, thin)
		h += rh
		d.c.line(d.left, y+h, d.right, y+h, rule, thin)
	}
	return h
}

// items draws the item table with its totals. Rows break across pages with
// the header repeated; the totals are never left alone on a page: the last
// row goes with them.
func (d *document) items() {
	t := &itemTable{d: d, cols: d.columns(), heights: make([]float64, len(d.o.Items))}
	last := len(d.o.Items) - 1
	// The header goes with the first row (and with the totals when the
	// first row is the last).
	need := d.c.measure(t.header) + d.c.measure(func(y float64) float64 {
		h := t.row(y, 0)
		if last == 0 {
			h += t.totals(y + h)
		}
		return h
	})
	if d.y+need > d.bottom && d.y > d.pageTop+0.01 {
		d.c.addPage()
	}
	d.y += t.header(d.y)
	d.table = t
	for i := 0; i <= last; i++ {
		if i == last {
			d.keep(func(y float64) float64 {
				h := t.row(y, i)
				return h + t.totals(y+h)
			})
			continue
		}
		d.keep(func(y float64) float64 { return t.row(y, i) })
	}
	d.table = nil
	d.y += gap
}

// nonEmpty is the given texts that are not blank.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}
