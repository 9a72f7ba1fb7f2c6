package pdf

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/invoice"
)

// Packing is the packing list (PL, 装箱单) that travels with the goods
// beside the CI: the marks, numbers and contents of every package (19 CFR
// 141.86(a)(3), (e); CI-5), their weights and volume, and no prices. Its
// figures are invoice.Order.Packing's, the same the CI totals (PL-1).
const Packing Document = "PL"

// packingLabels are the captions only the packing list draws.
var packingLabels = []string{
	"title_pl", "name_pl", "col_carton_no", "col_qty_per_carton", "col_nw_per_carton",
	"col_gw_per_carton", "col_carton_size", "col_cbm", "mixed_carton", "packages_in_words",
}

// packingList lays out the packing list: the seller's letterhead, the CI's
// number and date, buyer, consignee and notify party, shipment, the carton table with its totals, the package
// count in words, the shipping marks and the seller's signature. Nothing
// on it is a price or an amount of money.
func (d *document) packingList() {
	d.header()
	o := d.o
	d.grid("", 4, []field{
		{label: d.l["invoice_no"], value: o.InvoiceNo(), bold: true},
		{label: d.l["date"], value: d.date().String()},
		{label: d.l["order_no"], value: o.OrderNo},
		{label: d.l["contract_no"], value: o.ContractNo},
	})
	// The letterhead is the seller (exporter) with its addresses and tax
	// ID; beside the buyer, one box says who receives the cartons and who
	// is notified of their arrival.
	receiver := d.party("consignee", o.Consignee)
	if o.Consignee.IsZero() {
		receiver = partyBox{title: d.l["notify_party"].String()}
	}
	if n := strings.TrimSpace(o.NotifyParty); n != "" {
		if !o.Consignee.IsZero() {
			n = d.l["notify_party"].String() + ": " + n
		}
		receiver.lines = append(receiver.lines, styledText{n, sBody})
	}
	if len(receiver.lines) > 0 {
		d.boxes([]partyBox{d.party("buyer", o.Buyer), receiver})
	} else {
		d.boxes([]partyBox{d.party("buyer", o.Buyer)})
	}
	d.shipment()
	d.items()
	// The count in words beside the shipping marks and packing.
	en, zh := invoice.PackagesInWords(int(d.pack.Cartons.IntPart()), o.Shipment.PackageType)
	words := partyBox{title: d.l["packages_in_words"].String(), lines: []styledText{{en, sBody}, {zh, sBody}}}
	marks := partyBox{title: d.l["shipping_marks"].String()}
	if s := o.Shipment.ShippingMarks; strings.TrimSpace(s) != "" {
		marks.lines = append(marks.lines, styledText{s, sBody})
	}
	if s := o.Shipment.Packing; strings.TrimSpace(s) != "" {
		marks.lines = append(marks.lines, styledText{d.l["packing"].String() + ": " + s, sBody})
	}
	if len(marks.lines) > 0 {
		d.boxes([]partyBox{words, marks})
	} else {
		d.boxes([]partyBox{words})
	}
	d.signatures()
}

// packingColumns are the packing list's table columns: carton numbers,
// description with SKU, quantity per carton, cartons, quantity and unit,
// weights per carton and per line, carton size and volume.
func (d *document) packingColumns() []column {
	l := d.l
	lines := d.pack.Lines
	text := func(s string) []styledText { return d.cellText(s, sCell) }
	opt := func(v *decimal.Decimal) []styledText {
		if v == nil {
			return nil
		}
		return text(d.set.quantity(v))
	}
	// group says whether item i's row carries its carton group's figures
	// (the first line of a mixed carton does, the others refer to it).
	group := func(i int) bool { return lines[i].First }
	cols := []column{
		{head: l["col_carton_no"], width: 19, align: alignCenter, cell: func(i int, it *invoice.Item) []styledText {
			pl := lines[i]
			if pl.Range.IsZero() {
				return nil
			}
			if !pl.Mixed {
				return text(pl.Range.String())
			}
			if !group(i) {
				return []styledText{{"(" + pl.Range.String() + ")", sCellNote}}
			}
			mixed := l["mixed_carton"]
			return []styledText{{pl.Range.String(), sCell}, {mixed.EN, sCellNote}, {mixed.ZH, sCellNote}}
		}},
		{head: l["col_description"], align: alignLeft, cell: func(i int, it *invoice.Item) []styledText {
			return d.set.description(d, i, false)
		}},
		{head: l["col_qty_per_carton"], width: 12, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
			return opt(lines[i].QtyPerCarton)
		}},
		{head: l["col_cartons"], width: 10, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
			if !group(i) {
				return nil
			}
			return text(d.set.quantity(&lines[i].Cartons))
		}},
		{head: l["col_quantity"], width: 14, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
			return text(d.set.quantity(&it.Quantity))
		}},
		{head: l["col_unit"], width: 9, align: alignCenter, cell: func(i int, it *invoice.Item) []styledText {
			return text(it.Unit)
		}},
		{head: l["col_nw_per_carton"], width: 11.5, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
			return opt(lines[i].NetPerCarton)
		}},
		{head: l["col_gw_per_carton"], width: 11.5, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
			return opt(lines[i].GrossPerCarton)
		}},
		{head: l["col_net_weight"], width: 13, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
			return opt(lines[i].Net)
		}},
		{head: l["col_gross_weight"], width: 13, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
			return opt(lines[i].Gross)
		}},
		{head: l["col_carton_size"], width: 16.5, align: alignCenter, cell: func(i int, it *invoice.Item) []styledText {
			if s := lines[i].Size; s != nil && group(i) {
				return d.cellText(s.String(), sCellNum)
			}
			return nil
		}},
		{head: l["col_cbm"], width: 12, align: alignRight, cell: func(i int, it *invoice.Item) []styledText {
			if c := lines[i].CBM; c != nil {
				return text(c.StringFixed(3))
			}
			return nil
		}},
	}
	fixed := 0.0
	for _, c := range cols {
		fixed += c.width
	}
	cols[1].width = d.width() - fixed
	// Every column stays, at its width: the totals row sets its figures
	// by column.
	items := d.o.Items
	d.cells = make([][][]styledText, len(items))
	all := make([][]styledText, len(items)*len(cols))
	for i := range items {
		d.cells[i] = all[i*len(cols) : (i+1)*len(cols) : (i+1)*len(cols)]
		for j, c := range cols {
			d.cells[i][j] = c.cell(i, &items[i])
		}
	}
	return cols
}

// packingTotals draws the table's totals row: cartons (each counted once),
// quantity, net and gross weight and volume under their columns.
func (t *itemTable) packingTotals(y float64) float64 {
	d := t.d
	p := d.pack
	unit := ""
	for i := range d.o.Items {
		u := d.o.Items[i].Unit
		if i > 0 && u != unit {
			unit = ""
			break
		}
		unit = u
	}
	opt := func(has bool, v decimal.Decimal) string {
		if !has {
			return ""
		}
		return formatQuantity(v)
	}
	cbm := ""
	if p.HasCBM && d.o.PackingComplete("cbm") {
		cbm = p.CBM.StringFixed(3)
	}
	// Cells by column index; the label spans the columns before CTNS. A
	// total over some lines only is left out, as on the CI.
	values := map[int]string{
		3: formatQuantity(p.Cartons), 4: formatQuantity(p.Quantity), 5: unit,
		8:  opt(p.HasNet && d.o.PackingComplete("net_weight_kg"), p.NetKG),
		9:  opt(p.HasGross && d.o.PackingComplete("gross_weight_kg"), p.GrossKG),
		11: cbm,
	}
	labelCol := column{width: t.cols[0].width + t.cols[1].width + t.cols[2].width, align: alignRight}
	h := 0.0
	for pass := d.c.firstPass(); pass < 2; pass++ {
		saved := d.c.mode
		if pass == 0 {
			d.c.mode = measuring
		} else {
			d.c.fill(d.left, y, d.width(), h, band)
		}
		rh := pad + t.cellPara(d.left, y+pad, labelCol, d.l["total"].String(), sBodyBold) + pad
		x := d.left + labelCol.width
		for j := 3; j < len(t.cols); j++ {
			if v := values[j]; v != "" {
				rh = max(rh, pad+t.cellPara(x, y+pad, t.cols[j], v, sBodyBold)+pad)
			}
			x += t.cols[j].width
		}
		d.c.mode = saved
		h = rh
	}
	x := d.left
	d.c.line(x, y, x, y+h, rule, thin)
	x += labelCol.width
	for j := 3; j <= len(t.cols); j++ {
		d.c.line(x, y, x, y+h, rule, thin)
		if j < len(t.cols) {
			x += t.cols[j].width
		}
	}
	d.c.line(d.left, y+h, d.right, y+h, rule, thin)
	return h
}
