package pdf

import (
	"strings"

	"github.com/tradedocs/tradedocs/invoice"
)

// document is one PI or CI being laid out; it holds the flow position of
// the current pass.
type document struct {
	r     *Renderer
	o     *invoice.Order
	set   *orderSet // what the documents of the order share
	kind  Document
	t     invoice.Totals
	l     labels
	logo  *picture
	chop  *picture
	memos [][]string

	c                        *canvas
	y                        float64
	left, right, top, bottom float64
	pageTop                  float64 // y where content starts on this page
	table                    *itemTable
	inWords                  bool             // the totals drew the amount in words beside their captions
	cells                    [][][]styledText // item table cells by row and column, once formatted
	totals                   []totalLine      // the lines under the item table, once formatted
	cellSlab                 []styledText     // what cellText cuts cells from

	// pack is the order's packing figures, per line as the PL and CI print
	// them (PL-1).
	pack invoice.PackingList
}

// Text styles. Sizes in points; nothing is set under minSize, and all
// text is black or a dark grey or blue that survives a photocopy, a scan
// and a fax. The title, the document's number and date and the total are
// the most visible things on the page; line amounts are in regular
// weight. Bold is kept for those few strings (and names): every Chinese
// character drawn in bold embeds a second glyph of ~200 bytes, and a
// 20-line PI must stay under 80 KB.
var (
	sBody     = style{size: 8, color: ink}
	sBodyBold = style{size: 8, bold: true, color: ink}
	sKey      = style{size: 10, bold: true, color: ink} // the document's number and date
	sLabel    = style{size: 7, color: muted}
	sSmall    = style{size: 7.5, color: muted}
	sBand     = style{size: 7.5, color: accent}
	sTitle    = style{size: 17, bold: true, color: accent}
	sSeller   = style{size: 13, bold: true, color: accent}
	sSellerZH = style{size: 11, color: ink}
	sRunning  = style{size: 9, color: accent}
	sFooter   = style{size: 7, color: muted}
	sCell     = style{size: 8, color: ink}
	sTotal    = style{size: 10, bold: true, color: ink}
	sCellNote = style{size: 7, color: muted}
	sCellNum  = style{size: 7.5, color: ink}
	sHead     = style{size: 7, color: accent}
)

// minSize is the smallest type on any document, in points: text under 7 pt
// does not survive printing, scanning or fax.
const minSize = 7.0

const (
	margin = 12.0 // page margin, mm
	pad    = 1.1  // padding inside a cell, mm
	gap    = 2.2  // space between blocks, mm
	bandH  = 4.6  // height of a block's title band, mm
	thin   = 0.15 // rule width, mm
)

// layout lays out (or draws) the whole document on c.
func (d *document) layout(c *canvas) {
	d.c = c
	d.left, d.right = margin, c.pageW-margin
	d.top, d.bottom = margin, c.pageH-16
	d.table = nil
	c.onPageStart = d.pageStart
	c.addPage()
	if d.kind == Packing {
		d.packingList()
		return
	}
	d.header()
	d.reference()
	d.parties()
	d.shipment()
	d.items()
	d.amountInWords()
	// The signature closes the statement before it and never stands
	// alone on a page.
	if d.kind == Proforma {
		d.beside(func() { d.paymentTerms(); d.remarks() }, d.bankDetails)
		d.together(d.quotation, d.signatures)
	} else {
		d.packingTotals()
		d.marksAndPacking() // and the remarks
		d.signatures()      // with the declaration beside it
	}
}

func (d *document) width() float64 { return d.right - d.left }

// pageStart runs at the top of every page: continuation pages get a
// running title and, inside the item table, its header again.
func (d *document) pageStart() {
	d.y = d.top
	if d.c.pages > 1 {
		title := d.title()
		cont := d.l["continued"]
		d.c.text(d.left, d.y, title+" ("+cont.String()+")", sRunning)
		ref := d.numberLabel() + ": " + d.number()
		d.c.textRight(d.right, d.y+0.6, ref, sBody)
		d.y += sRunning.lineHeight() + 1.2
		d.c.line(d.left, d.y, d.right, d.y, accent, 0.4)
		d.y += 2.5
	}
	d.pageTop = d.y
	if d.table != nil {
		d.y += d.table.header(d.y)
	}
}

// keep places a block that must not be split: on this page if it fits,
// else at the top of the next one. draw lays the block out at y and
// returns its height.
func (d *document) keep(draw func(y float64) float64) {
	h := d.c.measure(draw)
	if d.y+h > d.bottom && d.y > d.pageTop+0.01 {
		d.c.addPage()
	}
	d.y += draw(d.y)
}

// together lays parts out, each as it lays itself out (blocks it keeps
// whole, gaps), so that they all land on one page: on this page if they
// fit in what is left of it, else from the top of the next one. It is the
// document's rule for blocks that must not be parted, such as the
// signature and the block it closes (a signature alone on a page is a
// classic reason to reject a document). Parts taller than a page together
// break as they would alone.
func (d *document) together(parts ...func()) {
	h := d.height(parts...)
	if d.y+h > d.bottom && d.y > d.pageTop+0.01 {
		d.c.addPage()
	}
	for _, p := range parts {
		p()
	}
}

// beside lays parts out side by side in columns of equal width, all on one
// page, and continues the flow under the tallest.
func (d *document) beside(parts ...func()) {
	const between = 3.0
	left, right := d.left, d.right
	w := (d.width() - between*float64(len(parts)-1)) / float64(len(parts))
	column := func(i int) {
		d.left = left + float64(i)*(w+between)
		d.right = d.left + w
	}
	h := 0.0
	for i, p := range parts {
		column(i)
		h = max(h, d.height(p))
	}
	d.left, d.right = left, right
	if h > d.bottom-d.pageTop {
		// A part taller than a page (long remarks) cannot stand beside
		// another: one after the other, each breaking as it does alone.
		for _, p := range parts {
			p()
		}
		return
	}
	if d.y+h > d.bottom && d.y > d.pageTop+0.01 {
		d.c.addPage()
	}
	y, end := d.y, d.y
	for i, p := range parts {
		column(i)
		d.y = y
		p()
		end = max(end, d.y)
	}
	d.left, d.right, d.y = left, right, end
}

// height is how far parts move the flow when laid out from the current
// position on a page without end, measured without drawing.
func (d *document) height(parts ...func()) float64 {
	y, bottom, mode := d.y, d.bottom, d.c.mode
	d.bottom, d.c.mode = d.y+1e6, measuring
	for _, p := range parts {
		p()
	}
	h := d.y - y
	d.y, d.bottom, d.c.mode = y, bottom, mode
	return h
}

// space adds vertical space, unless at the top of a page.
func (d *document) space(h float64) {
	if d.y > d.pageTop+0.01 {
		d.y += h
	}
}

// title is the document's bilingual title: "PROFORMA INVOICE 形式发票".
func (d *document) title() string {
	switch d.kind {
	case Proforma:
		return d.l["title_pi"].String()
	case Packing:
		return d.l["title_pl"].String()
	}
	return d.l["title_ci"].String()
}

// number is the document's own number; numberLabel its caption.
func (d *document) number() string {
	if d.kind == Proforma {
		return d.o.ProformaNo()
	}
	return d.o.InvoiceNo()
}

func (d *document) numberLabel() string {
	if d.kind == Proforma {
		return d.l["pi_no"].String()
	}
	return d.l["invoice_no"].String()
}

// date is the document's date: the CI date on a CI and a packing list and
// the PI date on a PI, else the other (Validate warns of a CI taking the PI
// date and refuses an order with no PI date, IN-3), else blank: never a
// made-up date.
func (d *document) date() invoice.Date {
	a, b := d.o.PIDate, d.o.CIDate
	if d.kind != Proforma {
		a, b = b, a
	}
	switch {
	case !a.IsZero():
		return a
	case !b.IsZero():
		return b
	}
	return invoice.Date{}
}

// footerText is the page footer: "Page 2 of 3 / 第2页 共3页".
func (d *document) footerText(page, pages int) string {
	pl := d.l["page"]
	n, of := itoa(page), itoa(pages)
	repl := func(s string) string {
		return strings.ReplaceAll(strings.ReplaceAll(s, "{page}", n), "{pages}", of)
	}
	return repl(pl.EN) + " / " + repl(pl.ZH)
}

func (d *document) footerLeft() string {
	return d.numberLabel() + ": " + d.number()
}

// footer draws the page footer (called by fpdf at the end of each page).
func (d *document) footer(c *canvas, page, pages int) {
	y := c.pageH - 11
	c.line(margin, y-1.5, c.pageW-margin, y-1.5, rule, thin)
	c.text(margin, y, d.footerLeft(), sFooter)
	c.textRight(c.pageW-margin, y, d.footerText(page, pages), sFooter)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// para draws s wrapped to width w at (x, y) and returns its height; an
// empty s takes no space.
func (d *document) para(x, y, w float64, s string, st style) float64 {
	lines := d.c.wrap(s, w, st)
	for i, ln := range lines {
		d.c.text(x, y+float64(i)*st.lineHeight(), ln, st)
	}
	return float64(len(lines)) * st.lineHeight()
}

// paraRight is para with each line aligned right at x+w.
func (d *document) paraRight(x, y, w float64, s string, st style) float64 {
	lines := d.c.wrap(s, w, st)
	for i, ln := range lines {
		d.c.textRight(x+w, y+float64(i)*st.lineHeight(), ln, st)
	}
	return float64(len(lines)) * st.lineHeight()
}

// band draws a block's title band across [x, x+w] and returns its height.
func (d *document) band(x, y, w float64, title string) float64 {
	d.c.fill(x, y, w, bandH, band)
	d.c.text(x+pad, y+(bandH-sBand.lineHeight())/2, title, sBand)
	return bandH
}

// field is one captioned value in a grid: "Port of loading 装运港" over
// "Shenzhen".
type field struct {
	label label
	value string
	span  int // columns the field takes; 0 means 1
	bold  bool
	// key marks the document's own number and date, set larger (sKey).
	key bool
}

// style is the style of the field's value.
func (f field) style() style {
	switch {
	case f.key:
		return sKey
	case f.bold:
		return sBodyBold
	}
	return sBody
}

// grid lays fields out in rows of cols columns under an optional title
// band; empty values are left out. The grid is kept whole on one page
// (a bank block split over two pages is a reason to reject a document).
func (d *document) grid(title string, cols int, fields []field) {
	var rows [][]field
	var row []field
	var long []field
	used := 0
	colW := d.width() / float64(cols)
	for _, f := range fields {
		if strings.TrimSpace(f.value) == "" {
			continue
		}
		if len(d.c.wrap(f.value, float64(max(f.span, 1))*colW-2*pad, f.style())) > maxGridLines {
			long = append(long, f) // set across the page after the grid
			continue
		}
		if f.span < 1 {
			f.span = 1
		}
		f.span = min(f.span, cols)
		if used+f.span > cols {
			rows = append(rows, row)
			row, used = nil, 0
		}
		row = append(row, f)
		used += f.span
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	if len(rows) > 0 {
		d.gridRows(title, cols, rows)
		d.y += gap
	}
	for _, f := range long {
		d.textBox(f.label.String(), []styledText{{f.value, f.style()}})
	}
}

// maxGridLines is the most lines a value takes in a grid cell; a longer
// one (long remarks or shipping marks) is set across the page in a box of
// its own, which may run over pages.
const maxGridLines = 12

// fieldWidths shares the grid's width among a row's fields. Each field
// is given its span of columns, the last stretched to the right edge;
// when that would wrap a value that fits on one line given what the
// others leave, the row is shared in proportion to what each field needs
// on one line instead (a long vessel name beside a short date).
func (d *document) fieldWidths(row []field, cols int, colW float64) []float64 {
	spans := make([]float64, len(row))
	need := make([]float64, len(row))
	total, wraps, sum := 0, false, 0.0
	for j, f := range row {
		total += f.span
		spans[j] = float64(f.span) * colW
		need[j] = max(d.c.width(f.label.String(), sLabel), d.c.width(f.value, f.style())) + 2*pad + 0.2
		sum += need[j]
	}
	spans[len(row)-1] += float64(cols-total) * colW
	for j := range row {
		wraps = wraps || need[j] > spans[j]
	}
	if !wraps || sum > d.width() {
		return spans
	}
	for j := range row {
		spans[j] = need[j] + (d.width()-sum)*need[j]/sum
	}
	return spans
}

// gridRows lays a grid's rows out, the title band with the first: on one
// page if they fit on one (measured once, then drawn), else each row kept
// whole.
func (d *document) gridRows(title string, cols int, rows [][]field) {
	colW := d.width() / float64(cols)
	draws := make([]func(y float64) float64, len(rows))
	total := 0.0
	for i, row := range rows {
		first := i == 0
		draws[i] = func(y float64) float64 {
			y0 := y
			if first && title != "" {
				y += d.band(d.left, y, d.width(), title)
			}
			spans := d.fieldWidths(row, cols, colW)
			h := 0.0
			for pass := d.c.firstPass(); pass < 2; pass++ {
				x := d.left
				for j, f := range row {
					w := spans[j]
					if pass == 1 && j > 0 {
						d.c.line(x, y, x, y+h, rule, thin)
					}
					st := f.style()
					saved := d.c.mode
					if pass == 0 {
						d.c.mode = measuring
					}
					ch := pad + d.para(x+pad, y+pad, w-2*pad, f.label.String(), sLabel)
					ch += d.para(x+pad, y+ch, w-2*pad, f.value, st) + pad
					d.c.mode = saved
					h = max(h, ch)
					x += w
				}
			}
			d.c.box(d.left, y0, d.width(), y+h-y0, rule, thin)
			d.c.line(d.left, y, d.right, y, rule, thin)
			return y + h - y0
		}
		total += d.c.measure(draws[i])
	}
	if total > d.bottom-d.pageTop {
		for _, draw := range draws {
			d.keep(draw)
		}
		return
	}
	if d.y+total > d.bottom && d.y > d.pageTop+0.01 {
		d.c.addPage()
	}
	for _, draw := range draws {
		d.y += draw(d.y)
	}
}
