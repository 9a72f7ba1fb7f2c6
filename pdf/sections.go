package pdf

import (
	"slices"
	"strings"

	"github.com/tradedocs/tradedocs/invoice"
)

// header draws the seller's letterhead (logo, English and Chinese names,
// address, contacts) and the document title.
func (d *document) header() {
	s := d.o.Seller
	d.keep(func(y float64) float64 {
		x, w := d.left, d.width()
		logoH := 0.0
		if d.logo != nil {
			lw, lh := fitBox(d.logo, 36, 15)
			d.c.image("logo", d.left, y, lw, lh)
			x += lw + 4
			w -= lw + 4
			logoH = lh
		}
		h := 0.0
		h += d.para(x, y+h, w, d.l["seller"].String(), sLabel)
		h += d.para(x, y+h, w, s.Name, sSeller)
		h += d.para(x, y+h, w, s.NameZH, sSellerZH)
		h += 0.6
		h += d.para(x, y+h, w, s.Address, sSmall)
		h += d.para(x, y+h, w, s.AddressZH, sSmall)
		h += d.packed(x, y+h, w, d.contacts(s), sSmall)
		h = max(h, logoH) + 1.5
		d.c.line(d.left, y+h, d.right, y+h, accent, 0.5)
		h += 2
		h += d.paraCenter(y+h, d.title(), sTitle) + 0.5
		return h
	})
	d.y += gap - 1
}

// paraCenter draws s centred across the page, wrapped if needed.
func (d *document) paraCenter(y float64, s string, st style) float64 {
	lines := d.c.wrap(s, d.width(), st)
	for i, ln := range lines {
		d.c.textCenter((d.left+d.right)/2, y+float64(i)*st.lineHeight(), ln, st)
	}
	return float64(len(lines)) * st.lineHeight()
}

// fitBox scales a picture to fit in maxW × maxH mm, keeping its shape.
func fitBox(p *picture, maxW, maxH float64) (w, h float64) {
	ratio := float64(p.w) / float64(p.h)
	w, h = maxH*ratio, maxH
	if w > maxW {
		w, h = maxW, maxW/ratio
	}
	return w, h
}

// packed draws items on as few lines as possible, breaking between items
// rather than inside one, and returns the height.
func (d *document) packed(x, y, w float64, items []string, st style) float64 {
	const sep = "    "
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = it
		case d.c.width(cur+sep+it, st) <= w:
			cur += sep + it
		default:
			lines = append(lines, cur)
			cur = it
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	h := 0.0
	for _, ln := range lines {
		h += d.para(x, y+h, w, ln, st)
	}
	return h
}

// contacts are the seller's phone, e-mail, website and unified social
// credit code (统一社会信用代码, GB 32100-2015) for the letterhead.
func (d *document) contacts(p invoice.Party) []string {
	var parts []string
	for _, kv := range []struct{ key, v string }{
		{"tel", p.Phone}, {"email", p.Email}, {"website", p.Website}, {"uscc", p.TaxID},
	} {
		if strings.TrimSpace(kv.v) != "" {
			parts = append(parts, d.l[kv.key].String()+": "+kv.v)
		}
	}
	return parts
}

// reference draws the box of numbers and dates that identify the document.
func (d *document) reference() {
	o := d.o
	date := d.date().String()
	fs := []field{{label: d.l["pi_no"], value: o.ProformaNo(), key: true}}
	if d.kind == Commercial {
		fs = []field{{label: d.l["invoice_no"], value: o.InvoiceNo(), key: true}}
	}
	fs = append(fs, field{label: d.l["date"], value: date, key: true})
	if d.kind == Proforma {
		fs = append(fs, field{label: d.l["valid_until"], value: o.ValidUntil.String()})
	} else {
		fs = append(fs, field{label: d.l["pi_no"], value: o.ProformaNo()})
	}
	fs = append(fs,
		field{label: d.l["order_no"], value: o.OrderNo},
		field{label: d.l["contract_no"], value: o.ContractNo},
		field{label: d.l["currency"], value: o.Currency.Code},
	)
	d.grid("", 6, fs)
}

// partyBox is one party's block: its caption and its lines.
type partyBox struct {
	title string
	lines []styledText
}

type styledText struct {
	s  string
	st style
}

func (d *document) party(key string, p invoice.Party) partyBox {
	if key == "seller" {
		// The letterhead carries the seller's phone, e-mail and website.
		p.Phone, p.Email, p.Website = "", "", ""
	}
	b := partyBox{title: d.l[key].String()}
	add := func(s string, st style) {
		if strings.TrimSpace(s) != "" {
			b.lines = append(b.lines, styledText{s, st})
		}
	}
	add(p.Name, sBodyBold)
	add(p.NameZH, sBody)
	add(p.Address, sBody)
	add(p.AddressZH, sBody)
	// The seller's tax number is its unified social credit code (GB 32100-2015).
	taxID := "tax_id"
	if key == "seller" {
		taxID = "uscc"
	}
	var contacts []string
	for _, kv := range []struct{ key, v string }{
		{"tel", p.Phone}, {"email", p.Email}, {"website", p.Website}, {taxID, p.TaxID},
	} {
		if strings.TrimSpace(kv.v) != "" {
			contacts = append(contacts, d.l[kv.key].String()+": "+kv.v)
		}
	}
	add(strings.Join(contacts, "   "), sBody)
	return b
}

// parties draws the buyer, and the consignee and notify party when given
// (CI-1), side by side. The seller is the letterhead: its names, addresses
// and code are not printed twice.
func (d *document) parties() {
	bs := []partyBox{d.party("buyer", d.o.Buyer)}
	var more partyBox
	if !d.o.Consignee.IsZero() {
		more = d.party("consignee", d.o.Consignee)
	}
	if n := strings.TrimSpace(d.o.NotifyParty); n != "" {
		notify := d.l["notify_party"].String()
		if more.title == "" {
			more.title = notify
		} else {
			more.lines = append(more.lines, styledText{notify + ": " + n, sBody})
			n = ""
		}
		if n != "" {
			more.lines = append(more.lines, styledText{n, sBody})
		}
	}
	if more.title != "" {
		bs = append(bs, more)
	}
	d.boxes(bs)
	if d.kind == Commercial && !d.o.Manufacturer.IsZero() {
		// The maker when the seller is a trading company (CI-10).
		d.boxes([]partyBox{d.party("manufacturer", d.o.Manufacturer)})
	}
}

// boxes draws captioned boxes side by side, of equal height, sharing the
// width (a box alone takes all of it: no half-empty row).
func (d *document) boxes(bs []partyBox) {
	const between = 3.0
	n := float64(len(bs))
	w := (d.width() - between*(n-1)) / n
	d.keep(func(y float64) float64 {
		h := 0.0
		for pass := d.c.firstPass(); pass < 2; pass++ {
			for i, b := range bs {
				x := d.left + float64(i)*(w+between)
				saved := d.c.mode
				if pass == 0 {
					d.c.mode = measuring
				} else {
					d.band(x, y, w, b.title)
					d.c.box(x, y, w, h, rule, thin)
				}
				bh := bandH + pad
				for _, ln := range b.lines {
					bh += d.para(x+pad+0.6, y+bh, w-2*pad-1.2, ln.s, ln.st)
				}
				bh += pad
				d.c.mode = saved
				h = max(h, bh)
			}
		}
		return h
	})
	d.y += gap
}

// shipment draws the trade term and the shipping details.
func (d *document) shipment() {
	s := d.o.Shipment
	fs := []field{{label: d.l["incoterm"], value: s.Incoterm.Written(s.Place), span: 2, bold: true}}
	if s.Incoterm == "" {
		fs = fs[:0]
	}
	fs = append(fs,
		field{label: d.l["port_of_loading"], value: s.PortOfLoading},
		field{label: d.l["port_of_discharge"], value: s.PortOfDischarge},
	)
	if d.kind == Commercial {
		// The port of entry (CI-9), or while it is not known the port of
		// discharge as the destination.
		dest, entry := d.o.Destination()
		key := "port_of_entry"
		if !entry {
			key = "destination"
		}
		fs = append(fs, field{label: d.l[key], value: dest})
	}
	fs = append(fs,
		field{label: d.l["country_of_origin"], value: invoice.CountryName(d.o.OriginCountry())},
		field{label: d.l["country_of_destination"], value: invoice.CountryName(s.CountryOfDestination)},
		field{label: d.l["transport"], value: s.Transport},
		field{label: d.l["vessel"], value: s.Vessel},
		field{label: d.l["tracking_no"], value: s.TrackingNo},
		field{label: d.l["ship_date"], value: s.ShipDate.String()},
	)
	if d.kind == Proforma {
		fs = append(fs, field{label: d.l["lead_time"], value: s.LeadTime, span: 2})
	}
	d.grid(d.l["shipment"].String(), 6, fs)
}

// amountInWords writes the total in English (W-EN) and in Chinese
// financial capitals (W-ZH) under the totals, unless the totals had room
// for it beside their captions.
func (d *document) amountInWords() {
	if d.inWords {
		return
	}
	d.keep(func(y float64) float64 { return d.drawWords(d.left, y, d.width()) })
	d.y += gap
}

// wordsHeight is the height of the amount in words set in width w.
func (d *document) wordsHeight(w float64) float64 {
	return d.c.measure(func(y float64) float64 { return d.drawWords(0, y, w) })
}

// drawWords draws the amount in words, captioned, at (x, y) in width w and
// returns its height.
func (d *document) drawWords(x, y, w float64) float64 {
	en := invoice.WordsEN(d.t.Total, d.o.Currency)
	zh := invoice.WordsZH(d.t.Total, d.o.Currency)
	caption := d.l["words"].String() + ": "
	cw := d.c.width(caption, sLabel)
	d.c.text(x, y+(sBody.lineHeight()-sLabel.lineHeight())/2, caption, sLabel)
	h := d.para(x+cw, y, w-cw, en, sBody)
	return h + d.para(x+cw, y+h, w-cw, zh, sBody)
}

// textBox draws a captioned box of paragraphs, kept whole.
func (d *document) textBox(title string, paras []styledText) {
	box := func(y float64) float64 {
		h := d.band(d.left, y, d.width(), title) + pad
		for _, p := range paras {
			h += d.para(d.left+pad+0.6, y+h, d.width()-2*pad-1.2, p.s, p.st)
		}
		h += pad
		d.c.box(d.left, y, d.width(), h, rule, thin)
		return h
	}
	if d.c.measure(box) <= d.bottom-d.pageTop {
		d.keep(box)
		d.y += gap
		return
	}
	// Taller than a page (a very long remark): the title band with the
	// first line, then line by line over as many pages as it takes.
	first := true
	for _, p := range paras {
		for _, ln := range d.c.wrap(p.s, d.width()-2*pad-1.2, p.st) {
			d.keep(func(y float64) float64 {
				h := 0.0
				if first {
					h = d.band(d.left, y, d.width(), title) + pad
				}
				d.c.text(d.left+pad+0.6, y+h, ln, p.st)
				return h + p.st.lineHeight()
			})
			first = false
		}
	}
	d.y += gap
}

// paymentTerms writes each payment with its computed amount (M-4) and the
// wire memo the buyer's bank transfer will carry.
func (d *document) paymentTerms() {
	var paras []styledText
	cur := d.o.Currency
	for i, s := range d.t.Stages() {
		key, terms := "stage_full", d.o.StageTerms(s)
		switch s.Kind {
		case invoice.DepositPayment:
			key = "stage_deposit"
		case invoice.BalancePayment:
			key = "stage_balance"
		}
		pct := s.Percent.String() + "%"
		line := d.l[key].String() + " " + pct + ": " + cur.Code + " " + cur.Format(s.Amount)
		if terms = withoutRepeats(terms, append([]string{pct, "T/T", d.l[key].ZH}, strings.Fields(d.l[key].EN)...)...); terms != "" {
			line += ", " + terms
		}
		paras = append(paras, styledText{line, sBody})
		if i < len(d.memos) && len(d.memos[i]) > 0 {
			// The memo's lines as the transfer carries them, one a line,
			// the first beside the caption.
			for j, m := range d.memos[i] {
				lead := "    "
				if j == 0 {
					lead = d.l["memo"].String() + ": "
				}
				paras = append(paras, styledText{lead + m, sSmall})
			}
		}
	}
	d.textBox(d.l["payment_terms"].String(), paras)
}

// withoutRepeats is a payment's terms as written, less the words at its
// start that the line already says: "30% T/T within 3 days" after "Deposit
// 定金 30%: USD 5,323.42" is "within 3 days", so each thing is said once.
// Only leading words go, so what is left reads as written.
func withoutRepeats(terms string, said ...string) string {
	words := strings.Fields(terms)
	for len(words) > 0 {
		w := strings.Trim(words[0], ",;:，；：")
		if w != "" && !slices.ContainsFunc(said, func(s string) bool { return strings.EqualFold(s, w) }) {
			break
		}
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// bankDetails draws the beneficiary's account (T-6, T-7, T-8) with what
// bank forms also ask for: the beneficiary's address, the intermediary
// bank and who pays the bank charges (T-10).
func (d *document) bankDetails() {
	b := d.o.Bank
	if d.width() < 120 { // beside the payment terms
		d.grid(d.l["bank"].String(), 2, []field{
			{label: d.l["beneficiary"], value: d.o.Beneficiary(), bold: true, span: 2},
			{label: d.l["account"], value: b.Account, bold: true},
			{label: d.l["swift"], value: b.SWIFT, bold: true},
			{label: d.l["beneficiary_address"], value: b.BeneficiaryAddress, span: 2},
			{label: d.l["bank_name"], value: b.Name},
			{label: d.l["cnaps"], value: b.CNAPS},
			{label: d.l["bank_address"], value: b.Address, span: 2},
			{label: d.l["intermediary_bank"], value: b.IntermediaryBank},
			{label: d.l["intermediary_swift"], value: b.IntermediarySWIFT},
			{label: d.l["bank_charges"], value: d.o.BankCharges(), span: 2},
		})
		return
	}
	d.grid(d.l["bank"].String(), 3, []field{
		{label: d.l["beneficiary"], value: d.o.Beneficiary(), bold: true},
		{label: d.l["account"], value: b.Account, bold: true},
		{label: d.l["swift"], value: b.SWIFT, bold: true},
		{label: d.l["beneficiary_address"], value: b.BeneficiaryAddress, span: 3},
		{label: d.l["bank_name"], value: b.Name, span: 2},
		{label: d.l["cnaps"], value: b.CNAPS},
		{label: d.l["bank_address"], value: b.Address, span: 3},
		{label: d.l["intermediary_bank"], value: b.IntermediaryBank, span: 2},
		{label: d.l["intermediary_swift"], value: b.IntermediarySWIFT},
		{label: d.l["bank_charges"], value: d.o.BankCharges()},
	})
}

// remarks draws the order's free-text remarks.
func (d *document) remarks() {
	if strings.TrimSpace(d.o.Remarks) == "" {
		return
	}
	d.textBox(d.l["remarks"].String(), []styledText{{d.o.Remarks, sBody}})
}

// quotation is the PI's closing line: what the document is (the goods,
// prices and terms agreed, issued for the buyer's payment and import
// formalities) and that the commercial invoice follows at shipment,
// without denying that it is evidence of the agreed terms.
func (d *document) quotation() {
	q := d.l["quotation"]
	d.keep(func(y float64) float64 {
		h := d.para(d.left, y, d.width(), q.EN, sSmall)
		return h + d.para(d.left, y+h, d.width(), q.ZH, sSmall)
	})
	d.y += gap
}

// packingTotals draws cartons, weights and volume when the items gave them
// (CI-5): every item, as a total over some lines would pass for the
// shipment's (Order.PackingComplete).
func (d *document) packingTotals() {
	t := d.t
	var fs []field
	if t.HasCartons && d.o.PackingComplete("cartons") {
		fs = append(fs, field{label: d.l["total_cartons"], value: formatQuantity(t.Cartons), bold: true})
	}
	if t.HasNetWeight && d.o.PackingComplete("net_weight_kg") {
		fs = append(fs, field{label: d.l["total_net_weight"], value: formatQuantity(t.NetWeightKG), bold: true})
	}
	if t.HasGross && d.o.PackingComplete("gross_weight_kg") {
		fs = append(fs, field{label: d.l["total_gross_weight"], value: formatQuantity(t.GrossWeightKG), bold: true})
	}
	if t.HasCBM && d.o.PackingComplete("cbm") {
		fs = append(fs, field{label: d.l["total_cbm"], value: formatQuantity(t.CBM), bold: true})
	}
	d.grid(d.l["packing_totals"].String(), 4, fs)
}

// marksAndPacking draws the shipping marks (唛头), the packing and the
// remarks side by side, with the statements on rebates, drawbacks and
// bounties and on assists (CI-9) when the order makes them.
func (d *document) marksAndPacking() {
	s := d.o.Shipment
	d.grid("", 3, []field{
		{label: d.l["shipping_marks"], value: s.ShippingMarks},
		{label: d.l["packing"], value: s.Packing},
		{label: d.l["rebates"], value: invoice.Statement(d.o.Rebates)},
		{label: d.l["assists"], value: invoice.Statement(d.o.Assists)},
		{label: d.l["remarks"], value: d.o.Remarks},
	})
}

// signatures draws the seller's signature block (CI-6) with its chop and,
// on its left, the buyer's confirmation on the PI or the exporter's
// declaration (the invoice true and correct, the goods of the stated
// origin) on the CI.
func (d *document) signatures() {
	const between = 10.0
	w := (d.width() - between) / 2
	seller := d.o.Seller
	d.keep(func(y float64) float64 {
		// Seller, on the right.
		x := d.left + w + between
		h := 1.0
		h += d.para(x, y+h, w, d.l["for_seller"].String(), sSmall)
		h += d.para(x, y+h, w, seller.Name, sBodyBold)
		h += d.para(x, y+h, w, seller.NameZH, sBody)
		// Room to sign; with a chop, room for it above the line so that
		// the seller's name stays legible.
		space := 10.0
		if d.chop != nil {
			space = 16
		}
		lineY := y + h + space
		d.c.line(x, lineY, x+w, lineY, ink, 0.25)
		h = lineY - y + 1
		h += d.para(x, y+h, w, d.o.Signatory, sBody)
		h += d.para(x, y+h, w, d.l["signature"].String(), sSmall)
		if d.chop != nil { // the company chop goes over the signature
			cw, ch := fitBox(d.chop, 26, 22)
			d.c.image("chop", x+w*0.7-cw/2, lineY-ch/2-4, cw, ch)
		}
		if d.kind == Proforma {
			bh := 1.0
			bh += d.para(d.left, y+bh, w, d.l["buyer_confirmation"].String(), sSmall)
			bh += d.para(d.left, y+bh, w, d.o.Buyer.Name, sBodyBold)
			bh += d.para(d.left, y+bh, w, d.o.Buyer.NameZH, sBody)
			d.c.line(d.left, lineY, d.left+w, lineY, ink, 0.25)
			d.para(d.left, lineY+1, w, d.l["buyer_signature"].String(), sSmall)
		} else if d.kind == Commercial {
			// The exporter's declaration, beside the signature that makes
			// it (one block: never parted). A packing list certifies no
			// invoice.
			decl := d.l["declaration"]
			dh := 1.0
			dh += d.para(d.left, y+dh, w, decl.EN, sBody)
			dh += d.para(d.left, y+dh, w, decl.ZH, sBody)
			h = max(h, dh)
		}
		return h
	})
}
