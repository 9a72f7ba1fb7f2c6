package pdf

import (
	"strings"

	"github.com/shopspring/decimal"

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
	key  string // what the column holds: "description", "amount" ...
	head label
	unit string // appended to the English heading: "(USD)"
	// width is the column's width once planned; before, the most it may
	// take (0 for the description, which takes what the others leave).
	width float64
	align align
	// decimals is, for a figure column, the most decimals any of its values
	// has: values with fewer are set as if padded to as many, so that the
	// decimal points line up (0.085 over 9.80 ).
	decimals int
	figures  bool
	cell     func(i int, it *invoice.Item) []styledText
	// below are figures set under the column outside the rows (the
	// totals under the amounts): the column is wide enough for them too.
	below []styledText
}

// itemTable is the item table of one document.
type itemTable struct {
	d    *document
	cols []column
	// heights are the rows' heights once measured (0: not yet). A row is
	// measured before it is drawn (to keep it off a page it does not fit
	// on); measuring or drawing it again needs no second measurement.
	heights []float64
}

// columns chooses the table's columns. The PI follows the supplier's
// customary 序号 | 品名 | 规格 | 数量 | 单位 | 单价 | 金额; the CI puts the
// specification in the description and adds the HS code and origin per
// line (CI-2) and cartons and weights when the items give them. Then
// plan gives each its width.
func (d *document) columns() []column {
	if d.kind == Packing {
		return d.packingColumns()
	}
	o, l := d.o, d.l
	cur := o.Currency
	text := func(s string) []styledText { return d.cellText(s, sCell) }
	no := column{key: "no", head: l["col_no"], width: 10, align: alignCenter, cell: func(i int, it *invoice.Item) []styledText {
		if it.LineNo != "" {
			return text(it.LineNo)
		}
		return text(itoa(i + 1))
	}}
	desc := column{key: "description", head: l["col_description"], align: alignLeft, cell: func(i int, it *invoice.Item) []styledText {
		return d.set.description(d, i, d.kind == Commercial)
	}}
	qty := column{key: "quantity", head: l["col_quantity"], width: 24, align: alignRight, figures: true, cell: func(i int, it *invoice.Item) []styledText {
		return text(d.set.quantity(&it.Quantity))
	}}
	unit := column{key: "unit", head: l["col_unit"], width: 16, align: alignCenter, cell: func(i int, it *invoice.Item) []styledText {
		if d.kind == Commercial {
			return text(d.r.units.OnCI(it.Unit)) // "pcs 个" (CI-11)
		}
		return text(it.Unit)
	}}
	price := column{key: "unit_price", head: l["col_unit_price"], unit: "(" + cur.Code + ")", width: 30, align: alignRight, figures: true, cell: func(i int, it *invoice.Item) []styledText {
		return text(d.set.price(&it.UnitPrice))
	}}
	amount := column{key: "amount", head: l["col_amount"], unit: "(" + cur.Code + ")", width: 34, align: alignRight, figures: true, cell: func(i int, it *invoice.Item) []styledText {
		return text(d.set.money(&d.t.Lines[i]))
	}}
	for _, ln := range d.totalLines() {
		st := sCell
		if ln.strong {
			st = sTotal
		}
		amount.below = append(amount.below, styledText{ln.amount, st})
	}
	figure := func(key, head string, width float64, v func(i int) *decimal.Decimal) column {
		return column{key: key, head: l[head], width: width, align: alignRight, figures: true, cell: func(i int, it *invoice.Item) []styledText {
			if p := v(i); p != nil {
				return text(d.set.quantity(p))
			}
			return nil
		}}
	}
	var cols []column
	if d.kind == Proforma {
		spec := column{key: "spec", head: l["col_spec"], width: 34, align: alignLeft, cell: func(i int, it *invoice.Item) []styledText {
			return text(it.Spec)
		}}
		cols = []column{no, desc, spec, qty, unit, price, amount}
	} else {
		hs := column{key: "hs_code", head: l["col_hs_code"], width: 24, align: alignLeft, cell: func(i int, it *invoice.Item) []styledText {
			if it.HSCode == "" {
				return nil
			}
			return d.cellText(it.HSCode, sCellNum)
		}}
		origin := column{key: "origin", head: l["col_origin"], width: 18, align: alignCenter, cell: func(i int, it *invoice.Item) []styledText {
			return text(o.ItemOrigin(it)) // "China (CN)", as in the header (CI-9)
		}}
		// Cartons and weights as the packing list computes them: a mixed
		// carton counted once, weights given per carton multiplied out.
		cols = []column{no, desc, hs, origin, qty, unit,
			figure("cartons", "col_cartons", 16, func(i int) *decimal.Decimal {
				if pl := &d.pack.Lines[i]; pl.First && d.t.HasCartons {
					return &pl.Cartons
				}
				return nil
			}),
			figure("net_weight", "col_net_weight", 18, func(i int) *decimal.Decimal { return d.pack.Lines[i].Net }),
			figure("gross_weight", "col_gross_weight", 18, func(i int) *decimal.Decimal { return d.pack.Lines[i].Gross }),
			price, amount}
	}
	return d.plan(cols)
}

// plan formats every cell once, drops the columns no line has a value in
// (their width goes to the description), and gives each other column the
// width its content earns: its widest word (a figure or a unit is never
// broken), its widest line up to the column's cap, and its heading's
// widest word. The description takes the rest.
func (d *document) plan(cand []column) []column {
	items := d.o.Items
	cells := make([][][]styledText, len(items))
	all := make([][]styledText, len(items)*len(cand))
	for i := range items {
		cells[i] = all[i*len(cand) : (i+1)*len(cand) : (i+1)*len(cand)]
		for j, c := range cand {
			cells[i][j] = c.cell(i, &items[i])
		}
	}
	var cols []column
	var keep []int
	for j, c := range cand {
		empty := c.key != "description" && c.key != "amount"
		for i := 0; empty && i < len(items); i++ {
			empty = len(cells[i][j]) == 0
		}
		if empty {
			continue
		}
		if c.figures {
			for i := range items {
				for _, p := range cells[i][j] {
					c.decimals = max(c.decimals, decimalsIn(p.s))
				}
			}
		}
		if c.width > 0 {
			word, line := 0.0, 0.0
			for _, w := range strings.Fields(c.head.ZH + " " + c.head.EN + " " + c.unit) {
				word = max(word, d.c.width(w, sHead))
			}
			line = max(d.c.width(c.head.EN, sHead), d.c.width(c.head.ZH, sHead))
			for _, p := range c.below {
				word = max(word, d.c.width(p.s, p.st))
			}
			for i := range items {
				for _, p := range cells[i][j] {
					tw := d.c.width(p.s, p.st) + c.trail(p.s, p.st, d.c)
					line = max(line, tw)
					word = max(word, d.widestUnit(p.s, p.st))
					if c.figures {
						word = max(word, tw)
					}
				}
			}
			if c.align == alignLeft {
				// Text may break inside a long word rather than take
				// more than its cap.
				word = min(word, c.width-2*pad)
			}
			c.width = max(word, min(c.width-2*pad, line)) + 2*pad + 0.4
		}
		cols = append(cols, c)
		keep = append(keep, j)
	}
	fixed := 0.0
	for _, c := range cols {
		fixed += c.width
	}
	// Figures too wide for the page (huge quantities) take the width of
	// the specification first, then of the description down to a
	// narrower minimum; only past that do all columns give way (a figure
	// wider than its column then wraps).
	for i := range cols {
		if excess := fixed - (d.width() - minDescription); excess > 0 && cols[i].key == "spec" {
			cut := min(excess, cols[i].width-minSpec)
			if cut > 0 {
				cols[i].width -= cut
				fixed -= cut
			}
		}
	}
	if fixed > d.width()-minDescriptionSqueezed {
		k := (d.width() - minDescriptionSqueezed) / fixed
		for i := range cols {
			cols[i].width *= k
		}
		fixed = d.width() - minDescriptionSqueezed
	}
	for i := range cols {
		if cols[i].width == 0 {
			cols[i].width = d.width() - fixed
		}
	}
	d.cells = make([][][]styledText, len(items))
	all = make([][]styledText, len(items)*len(keep))
	for i := range items {
		row := all[i*len(keep) : (i+1)*len(keep) : (i+1)*len(keep)]
		for k, j := range keep {
			row[k] = cells[i][j]
			if cols[k].key == "description" {
				row[k] = d.joinNames(row[k], cols[k].width-2*pad)
			}
		}
		d.cells[i] = row
	}
	return cols
}

// cellText is a cell of one paragraph, s in the style, or none when s is
// blank. The cells of a table are cut from a slab (each its own element,
// none able to grow into another's): one allocation for many cells.
func (d *document) cellText(s string, st style) []styledText {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if len(d.cellSlab) == cap(d.cellSlab) {
		d.cellSlab = make([]styledText, 0, 128)
	}
	d.cellSlab = append(d.cellSlab, styledText{s, st})
	n := len(d.cellSlab)
	return d.cellSlab[n-1 : n : n]
}

// widestUnit is the width of the widest part of s that a line may not
// break inside: a Latin word, a figure, a single Han character with the
// punctuation that may not be parted from it.
func (d *document) widestUnit(s string, st style) float64 {
	a := d.c.adv[boolIndex(st.bold)]
	widest, cur := 0, 0
	rs := []rune(s)
	for i, r := range rs {
		if r == ' ' || (i > 0 && allowedBreak(rs, i)) {
			widest, cur = max(widest, cur), 0
			if r == ' ' {
				continue
			}
		}
		cur += a.of(r)
	}
	return float64(max(widest, cur)) * st.size / 1000 * ptToMM
}

// joinNames sets a description's English and Chinese names (its first
// two paragraphs, in sCell) on one line when together they fit in width
// w, saving a line per row; otherwise each keeps its own.
func (d *document) joinNames(ps []styledText, w float64) []styledText {
	if len(ps) < 2 || ps[0].st != sCell || ps[1].st != sCell {
		return ps
	}
	joined := ps[0].s + "  " + ps[1].s
	if strings.ContainsAny(joined, "\n\r") || d.c.width(joined, sCell) > w {
		return ps
	}
	return append([]styledText{{joined, sCell}}, ps[2:]...)
}

// The narrowest the description column gets, in mm: minDescription as
// long as the specification can give way (down to minSpec), and
// minDescriptionSqueezed before the figures do.
const (
	minDescription         = 40.0
	minDescriptionSqueezed = 28.0
	minSpec                = 16.0
)

// decimalsIn is how many digits follow the decimal point in a formatted
// figure: "1,234.50" → 2, "12" → 0.
func decimalsIn(s string) int {
	if !isFigure(s) {
		return 0
	}
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// isFigure reports whether s is a formatted number: digits, thousands
// commas, a point and a sign, as formatQuantity and Currency.Format write.
func isFigure(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != ',' && r != '.' && r != '-' {
			return false
		}
	}
	return true
}

// trail is the blank a figure leaves on its right so that its decimal
// point lines up with the column's figures of more decimals: the width of
// the digits (and point) it lacks.
func (c column) trail(s string, st style, cv *canvas) float64 {
	if !c.figures || c.decimals == 0 || !isFigure(s) {
		return 0
	}
	n := c.decimals - decimalsIn(s)
	if n <= 0 {
		return 0
	}
	pad := strings.Repeat("0", n)
	if n == c.decimals {
		pad = "." + pad
	}
	return cv.width(pad, st)
}

// description is an item's description cell: English, Chinese, then SKU,
// specification (CI) and material (CI-2: detailed enough to classify).
func (d *document) description(it *invoice.Item, withSpec bool) []styledText {
	var out []styledText
	// English, then Chinese (plan puts them on one line when both fit).
	for _, s := range []string{it.DescriptionEN, it.DescriptionZH} {
		if strings.TrimSpace(s) != "" {
			out = append(out, styledText{s, sCell})
		}
	}
	var notes []string
	add := func(key, v string) {
		if strings.TrimSpace(v) != "" {
			notes = append(notes, d.l[key].String()+": "+v)
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
	if len(notes) > 0 {
		out = append(out, styledText{strings.Join(notes, "   "), sCellNote})
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

// cellPara draws s in column c with the column's alignment. Figures and
// units never shrink and never break inside a word: plan made their
// columns wide enough.
func (t *itemTable) cellPara(x, y float64, c column, s string, st style) float64 {
	d := t.d
	w := c.width - 2*pad
	lines := d.c.wrap(s, w, st)
	trail := c.trail(s, st, d.c)
	for i, ln := range lines {
		ly := y + float64(i)*st.lineHeight()
		switch c.align {
		case alignRight:
			d.c.textRight(x+pad+w-trail, ly, ln, st)
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

// cell is the content of item i's cell in column col, formatted once by
// plan (each row is laid out several times: measured, then drawn).
func (t *itemTable) cell(i int, col int) []styledText {
	return t.d.cells[i][col]
}

// row draws item i at y and returns its height.
func (t *itemTable) row(y float64, i int) float64 {
	d := t.d
	if d.c.mode == measuring && t.heights[i] > 0 {
		return t.heights[i] // its layout does not depend on y
	}
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
			for _, p := range t.cell(i, col) {
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

// tallRow draws item i, taller than a page (a description of thousands of
// characters), over as many pages as it takes: each column's lines go on
// where they stopped, under the table header repeated. Nothing is cut.
func (t *itemTable) tallRow(i int) {
	d := t.d
	type cellLine struct {
		s  string
		st style
	}
	lines := make([][]cellLine, len(t.cols))
	for col, c := range t.cols {
		for _, p := range t.cell(i, col) {
			for _, s := range d.c.wrap(p.s, c.width-2*pad, p.st) {
				lines[col] = append(lines[col], cellLine{s, p.st})
			}
		}
	}
	next := make([]int, len(t.cols))
	for {
		avail := d.bottom - d.y - 2*pad
		// How many lines of each column fit here, and the slice's height.
		ends := make([]int, len(t.cols))
		h := 0.0
		for col := range t.cols {
			used, j := 0.0, next[col]
			for j < len(lines[col]) && used+lines[col][j].st.lineHeight() <= avail {
				used += lines[col][j].st.lineHeight()
				j++
			}
			ends[col] = j
			h = max(h, used)
		}
		if h == 0 && d.y > d.pageTop+0.01 {
			d.c.addPage()
			continue
		}
		if h == 0 {
			return // nothing left that could ever fit (cannot happen: a line is never taller than a page)
		}
		h += 2 * pad
		if i%2 == 1 {
			d.c.fill(d.left, d.y, d.width(), h, lightBg)
		}
		x, done := d.left, true
		for col, c := range t.cols {
			y := d.y + pad
			for _, ln := range lines[col][next[col]:ends[col]] {
				y += t.cellPara(x, y, c, ln.s, ln.st)
			}
			next[col] = ends[col]
			done = done && next[col] == len(lines[col])
			x += c.width
		}
		t.rules(d.y, h)
		d.c.line(d.left, d.y+h, d.right, d.y+h, rule, thin)
		d.y += h
		if done {
			return
		}
		d.c.addPage()
	}
}

// totals draws the goods subtotal, each charge by name (CI-3), the total
// and, on the CI, the deposit received and the balance due (CI-8), aligned
// under the amount column. The amount in words goes in the space the
// captions leave on their left when it fits there (see inWords).
func (t *itemTable) totals(y float64) float64 {
	d := t.d
	if d.kind == Packing {
		return t.packingTotals(y)
	}
	amountCol := t.cols[len(t.cols)-1]
	labelCol := column{width: d.width() - amountCol.width, align: alignRight}
	lines := d.totalLines()
	styles := make([]style, len(lines))
	heights := make([]float64, len(lines))
	sum, labelW := 0.0, 0.0
	for i, ln := range lines {
		styles[i] = sCell
		if ln.strong {
			styles[i] = sTotal
		}
		labelW = max(labelW, d.c.width(ln.label, styles[i]))
		a := 2*pad + float64(len(d.c.wrap(ln.label, labelCol.width-2*pad, styles[i])))*styles[i].lineHeight()
		b := 2*pad + float64(len(d.c.wrap(ln.amount, amountCol.width-2*pad, styles[i])))*styles[i].lineHeight()
		heights[i] = max(a, b)
		sum += heights[i]
	}
	// The words take the left of the captions' column, if they fit in its
	// height; the captions' cells start after them.
	wordsW := labelCol.width - labelW - 4*pad
	x0 := d.left
	if d.inWords = wordsW >= 60 && d.wordsHeight(wordsW-2*pad) <= sum-2*pad; d.inWords {
		d.drawWords(d.left+pad, y+pad, wordsW-2*pad)
		x0 = d.left + wordsW
		labelCol.width -= wordsW
		d.c.line(d.left, y, d.left, y+sum, rule, thin)
		d.c.line(d.left, y+sum, x0, y+sum, rule, thin)
	}
	h := 0.0
	for i, ln := range lines {
		rh := heights[i]
		if ln.strong {
			d.c.fill(x0, y+h, d.right-x0, rh, band)
		}
		t.cellPara(x0, y+h+pad, labelCol, ln.label, styles[i])
		t.cellPara(x0+labelCol.width, y+h+pad, amountCol, ln.amount, styles[i])
		d.c.line(x0, y+h, x0, y+h+rh, rule, thin)
		d.c.line(x0+labelCol.width, y+h, x0+labelCol.width, y+h+rh, rule, thin)
		d.c.line(d.right, y+h, d.right, y+h+rh, rule, thin)
		h += rh
		d.c.line(x0, y+h, d.right, y+h, rule, thin)
	}
	return h
}

// totalLine is one line under the item table: a caption and an amount.
type totalLine struct {
	label  string
	amount string
	strong bool // the total and the balance due, set in sTotal
}

// totalLines are the goods subtotal, each charge by name (CI-3), the total
// and, on the CI, the deposit received and the balance due (CI-8),
// formatted once.
func (d *document) totalLines() []totalLine {
	if d.totals == nil {
		d.totals = d.formatTotalLines()
	}
	return d.totals
}

func (d *document) formatTotalLines() []totalLine {
	o, cur := d.o, d.o.Currency
	var lines []totalLine
	if len(o.Charges) > 0 {
		lines = append(lines, totalLine{d.l["goods_total"].String(), cur.Format(d.t.Goods), false})
		charge := func(i int) {
			lines = append(lines, totalLine{o.Charges[i].Label(), cur.Format(o.Charges[i].Amount), false})
		}
		if value, before, after, ok := o.NamedValue(); ok && d.kind == Commercial {
			// The FOB (FCA, EXW, FAS) value, then the freight and insurance
			// the buyer pays beyond it (I-3).
			for _, i := range before {
				charge(i)
			}
			term := string(o.Shipment.Incoterm)
			lines = append(lines, totalLine{strings.ReplaceAll(d.l["named_value"].String(), "{term}", term), cur.Format(value), true})
			for _, i := range after {
				charge(i)
			}
		} else {
			for i := range o.Charges {
				charge(i)
			}
		}
	}
	lines = append(lines, totalLine{d.l["total"].String() + " (" + cur.Code + ")", cur.Format(d.t.Total), true})
	if d.kind == Commercial && o.DepositReceived != nil {
		lines = append(lines,
			totalLine{d.l["deposit_received"].String(), cur.Format(d.t.Received.Neg()), false},
			totalLine{d.l["balance_due"].String() + " (" + cur.Code + ")", cur.Format(d.t.Due), true})
	}
	return lines
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
	headH := t.header(d.y)
	d.y += headH
	d.table = t
	for i := 0; i <= last; i++ {
		if d.c.measure(func(y float64) float64 { return t.row(y, i) }) > d.bottom-d.pageTop-headH {
			// Taller than a page: over pages, then the totals after it.
			t.tallRow(i)
			if i == last {
				d.keep(t.totals)
			}
			continue
		}
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
