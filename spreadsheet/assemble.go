package spreadsheet

import (
	"fmt"
	_ "image/png" // logo and chop images
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/internal/lazyregexp"
	"github.com/tradedocs/tradedocs/invoice"
)

// This file turns tables of cells (a workbook sheet or a CSV file, see grid)
// into orders, items and charges, keeping each value's cell.

// grid is one sheet or CSV file as rows of text, with what it takes to name a
// cell and, for workbooks, to compute a formula and look at a number format.
type grid struct {
	file  string // as the user gave it
	sheet string // empty for CSV
	csv   bool
	rows  []gridRow
	// formula computes a workbook cell whose formula has no cached value;
	// nil when the workbook has no formulas or for CSV.
	formula func(cell string) string
	// percentFormat reports whether a workbook cell shows its number as a
	// percentage (30% stored as 0.3); nil for CSV.
	percentFormat func(cell string) bool
	// mergedRight gives, for a cell that starts a horizontal merge, the
	// column index just after the merge; nil when unknown.
	mergedRight func(row, col int) int
	// shown says whether a workbook cell holds a number and how its number
	// format shows it (workbook.shownValue); nil for CSV.
	shown    func(cell string, needType bool) (shown string, numeric bool)
	date1904 bool
	// tables are the item tables read, by header row (columns).
	tables map[int]*invoice.Columns
}

// gridRow is one non-blank row: its number in the sheet (or its line in the
// CSV file) and its cells.
type gridRow struct {
	n     int
	cells []string
}

// cellName is the A1 name of the cell in column c (0-based) of row n.
func cellName(c, n int) string {
	if c < 0 || n < 0 {
		return invoice.ColumnName(c) + strconv.Itoa(n)
	}
	// invoice.ColumnName's letters and the row's digits in one string:
	// one allocation for each cell an order keeps the place of.
	var b [24]byte
	i := len(b)
	for n = max(n, 0); ; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
		if n < 10 {
			break
		}
	}
	for c++; c > 0; c = (c - 1) / 26 {
		i--
		b[i] = byte('A' + (c-1)%26)
	}
	return string(b[i:])
}

// columns is the table of the item columns of header h, which the lines
// read under it share (invoice.Columns).
func (g *grid) columns(h header) *invoice.Columns {
	if c, ok := g.tables[h.row]; ok {
		return c
	}
	c := &invoice.Columns{File: g.file, Sheet: g.sheet, CSV: g.csv, Keys: map[string]int{}}
	for key, col := range h.col {
		if h.kind[key] == 0 {
			c.Keys[key] = col
		}
	}
	if g.tables == nil {
		g.tables = map[int]*invoice.Columns{}
	}
	g.tables[h.row] = c
	return c
}

// loc is where cell c (0-based) of row r is.
func (g *grid) loc(r gridRow, c int) invoice.Location {
	if g.csv {
		return invoice.Location{File: g.file, Line: r.n, Column: c + 1}
	}
	return invoice.Location{File: g.file, Sheet: g.sheet, Cell: cellName(c, r.n)}
}

// rowLoc is where row r as a whole is: its first cell, or its CSV line.
func (g *grid) rowLoc(r gridRow) invoice.Location {
	if g.csv {
		return invoice.Location{File: g.file, Line: r.n}
	}
	return invoice.Location{File: g.file, Sheet: g.sheet, Cell: cellName(0, r.n)}
}

// sheetLoc is the sheet (or CSV file) as a whole.
func (g *grid) sheetLoc() invoice.Location {
	return invoice.Location{File: g.file, Sheet: g.sheet}
}

// cell is one value with where it was read and how the cell shows it.
type cell struct {
	text string
	at   invoice.Location
	// percent says the workbook cell is formatted as a percentage.
	percent bool
	// shownBy is the workbook sheet the cell is in, which knows how the
	// cell shows its value (numeric); nil for CSV.
	shownBy *grid
}

// workbook says whether the cell is a workbook cell, whose type and number
// format numeric can tell.
func (c cell) workbook() bool { return c.shownBy != nil && c.shownBy.shown != nil }

// numeric says how a workbook cell's number format shows its value (""
// under General) and, when needType is set or the workbook has display
// formats, whether it holds a number (workbook.shownValue).
func (c cell) numeric(needType bool) (shown string, ok bool) {
	if !c.workbook() {
		return "", false
	}
	return c.shownBy.shown(c.at.Cell, needType)
}

// get returns cell c of row r, computing a formula with no cached value.
func (g *grid) get(r gridRow, c int) cell {
	at := g.loc(r, c)
	if c < 0 || c >= len(r.cells) {
		if g.formula != nil && c >= 0 {
			return cell{text: g.formula(at.Cell), at: at}
		}
		return cell{at: at}
	}
	t := strings.TrimSpace(r.cells[c])
	if t == "" && g.formula != nil {
		t = g.formula(at.Cell)
	}
	return cell{text: t, at: at, shownBy: g}
}

func (r gridRow) text(c int) string {
	if c < 0 || c >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[c])
}

func (r gridRow) blank() bool {
	for _, s := range r.cells {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// unitWords are unit hints written without brackets: "Unit Price USD",
// "Amount RMB", "N.W. KG".
var unitWords = lazyregexp.New(`\s*(usd|us\$|rmb|cny|eur|元|kg|kgs|pcs|m3|\$|¥)$`)

// findKey finds the canonical key of a header among the indexes, in order.
func findKey(header string, idxs ...map[string]string) (string, bool) {
	for _, idx := range idxs {
		if k, ok := lookup(idx, header); ok {
			return k, true
		}
	}
	h := headerKey(header)
	if t := unitWords.ReplaceAllString(h, ""); t != h && t != "" {
		for _, idx := range idxs {
			if k, ok := idx[t]; ok {
				return k, true
			}
		}
	}
	return "", false
}

// header is a table's header row: which column holds which canonical key.
type header struct {
	row  int            // index into grid.rows of the (last) header row
	col  map[string]int // canonical key → column index
	kind map[string]int // canonical key → 0 item/charge field, 1 order field
}

func (h header) has(key string) bool { _, ok := h.col[key]; return ok }

// maxHeaderRow is how far down a sheet the header row is looked for: supplier
// quotes put a title block of up to a few dozen rows above the table.
const maxHeaderRow = 30

// findHeader finds the header row in the first rows of g: the row naming the
// most columns, of which at least two, and at least one that want accepts.
// idxs are tried in order; a key found in idxs[i] has kind i. A second
// header row right below (English above, Chinese below, or a merged group
// header over N.W./G.W.) fills the columns the first one left unnamed.
func findHeader(g *grid, want func(map[string]int) bool, idxs ...map[string]string) (header, bool) {
	best, bestScore := header{}, 1
	scan := func(i int) header {
		h := header{row: i, col: map[string]int{}, kind: map[string]int{}}
		for c, s := range g.rows[i].cells {
			if strings.TrimSpace(s) == "" || len(s) > 200 {
				continue
			}
			for k, idx := range idxs {
				if key, ok := findKey(s, idx); ok {
					if _, dup := h.col[key]; !dup {
						h.col[key], h.kind[key] = c, k
					}
					break
				}
			}
		}
		return h
	}
	for i := 0; i < len(g.rows) && i < maxHeaderRow; i++ {
		h := scan(i)
		if len(h.col) > bestScore && want(h.col) {
			best, bestScore = h, len(h.col)
		}
	}
	if best.col == nil {
		return best, false
	}
	for i := best.row + 1; i < len(g.rows) && i <= best.row+2; i++ {
		next := scan(i)
		if len(next.col) < 2 {
			break
		}
		used := map[int]bool{}
		for _, c := range best.col {
			used[c] = true
		}
		for k, c := range next.col {
			if _, ok := best.col[k]; !ok && !used[c] {
				best.col[k], best.kind[k] = c, next.kind[k]
			}
		}
		best.row = i
	}
	return best, true
}

// unknownColumns reports, through verbose, the header cells no key matched.
// Order columns on an item table whose order comes from elsewhere (the
// Order sheet) are ignored too, unless orderCols says they are read.
func unknownColumns(g *grid, h header, opt Options, orderCols bool) {
	if opt.Verbose == nil {
		return
	}
	known := map[int]bool{}
	for k, c := range h.col {
		if orderCols || h.kind[k] == 0 {
			known[c] = true
		}
	}
	for _, i := range []int{h.row} {
		for c, s := range g.rows[i].cells {
			if s = strings.TrimSpace(s); s != "" && !known[c] {
				opt.Verbose(fmt.Sprintf("%s: ignored column %s", g.loc(g.rows[i], c), quote(s)))
			}
		}
	}
}

// orderReader fills one order from cells, reporting what it cannot read.
type orderReader struct {
	o   *invoice.Order
	ps  invoice.Problems
	dir string // the workbook's directory, for logo and chop paths
	// first holds the first non-blank text of each key and its cell, to
	// report rows of a CSV file (or an Orders sheet) that disagree.
	first map[string]cell
	// termPlace is the place written after the Incoterm ("FOB Shenzhen"),
	// used when incoterm_place is empty.
	termPlace   string
	termPlaceAt invoice.Location
	aliasWarned bool
	// signed holds the price, amount and charge cells whose figure carries
	// a currency sign, checked against the order's currency at the end.
	signed   []signedCell
	date1904 bool
}

// signedCell is a money figure written with a currency sign (¥1.50).
type signedCell struct {
	key   string
	text  string
	at    invoice.Location
	sign  string
	codes []string
}

// noteSign keeps a money figure that carries a currency sign for
// signMismatch; a plain figure (the usual case) costs nothing.
func (r *orderReader) noteSign(key string, c cell) {
	if plainFigure(c.text) {
		return
	}
	if sign, codes := signOf(c.text); len(codes) > 0 {
		r.signed = append(r.signed, signedCell{key, c.text, c.at, sign, codes})
	}
}

// plainFigure reports whether s is digits and separators only: no sign.
func plainFigure(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9') && c != '.' && c != ',' && c != '-' && c != '+' && c != ' ' {
			return false
		}
	}
	return true
}

// signMismatch reports, at each figure written with a currency sign, a
// sign that names another currency than the order's: a yuan price pasted
// into a USD order would be printed as dollars (M-6).
func (r *orderReader) signMismatch() {
	cur := r.o.Currency.Code
	if cur == "" {
		return
	}
	for _, sc := range r.signed {
		if slices.Contains(sc.codes, cur) {
			continue
		}
		r.ps = append(r.ps, invoice.Errorf(sc.at, invoice.ErrCurrency,
			"%s %s is written in %s (%s), but the order's currency is %s; write the figure in %s or correct the order's currency (M-6)",
			sc.key, quote(sc.text), strings.Join(sc.codes, " or "), sc.sign, cur, cur))
	}
}

func newOrderReader(file string, source invoice.Location, date1904 bool) *orderReader {
	return &orderReader{
		o:        &invoice.Order{Where: map[string]invoice.Location{}, Source: source},
		dir:      filepath.Dir(file),
		first:    map[string]cell{},
		date1904: date1904,
	}
}

// set records an order field's cell. A blank cell only records where the
// field would be (so "missing" points at it). The first non-blank value
// wins; a later, different one is a conflict when conflicts is set, and is
// ignored otherwise (a title block filling what the Order sheet left open).
func (r *orderReader) set(key string, c cell, conflicts bool) {
	if c.text == "" {
		if _, ok := r.o.Where[key]; !ok {
			r.o.Where[key] = c.at
		}
		return
	}
	if tooLong(c.text) {
		r.bad(key, c, invoice.ErrFile, "%s holds %d characters; a cell holds at most %d", key, utf8.RuneCountInString(c.text), maxCellChars)
		return
	}
	if p := questionMarks(key, c); p != nil {
		r.ps = append(r.ps, *p)
		r.o.Unread.Mark(key, c.at)
		return
	}
	if identifierKeys[key] {
		v, p := identifier(key, c)
		if p != nil {
			r.ps = append(r.ps, *p)
			r.o.Unread.Mark(key, c.at)
			return
		}
		c.text = v
	}
	if prev, ok := r.first[key]; ok {
		if conflicts && !sameValue(prev.text, c.text) {
			r.ps = append(r.ps, invoice.Errorf(c.at, invoice.ErrConflict,
				"%s %s differs from %s at %s for order %q; an order's fields must agree on every row",
				key, quote(c.text), quote(prev.text), prev.at, r.o.OrderNo))
		}
		return
	}
	r.first[key] = c
	r.o.Where[key] = c.at
	r.apply(key, c)
}

// tooLong reports whether a value holds more characters than a cell can.
func tooLong(s string) bool {
	return len(s) > maxCellChars && utf8.RuneCountInString(s) > maxCellChars
}

func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// bad reports a value that could not be read and marks its key, so that
// Validate does not also call the field missing.
func (r *orderReader) bad(key string, c cell, kind error, format string, args ...any) {
	r.ps = append(r.ps, invoice.Errorf(c.at, kind, format, args...))
	r.o.Unread.Mark(key, c.at)
}

// orderText and orderDates are the order fields set from a cell's text
// as written, and from a date, by key.
var (
	orderText = map[string]func(o *invoice.Order) *string{
		"order_no":                 func(o *invoice.Order) *string { return &o.OrderNo },
		"pi_no":                    func(o *invoice.Order) *string { return &o.PINo },
		"ci_no":                    func(o *invoice.Order) *string { return &o.CINo },
		"contract_no":              func(o *invoice.Order) *string { return &o.ContractNo },
		"seller_name_en":           func(o *invoice.Order) *string { return &o.Seller.Name },
		"seller_name_zh":           func(o *invoice.Order) *string { return &o.Seller.NameZH },
		"seller_address_en":        func(o *invoice.Order) *string { return &o.Seller.Address },
		"seller_address_zh":        func(o *invoice.Order) *string { return &o.Seller.AddressZH },
		"seller_phone":             func(o *invoice.Order) *string { return &o.Seller.Phone },
		"seller_email":             func(o *invoice.Order) *string { return &o.Seller.Email },
		"seller_website":           func(o *invoice.Order) *string { return &o.Seller.Website },
		"seller_tax_id":            func(o *invoice.Order) *string { return &o.Seller.TaxID },
		"signatory":                func(o *invoice.Order) *string { return &o.Signatory },
		"buyer_name":               func(o *invoice.Order) *string { return &o.Buyer.Name },
		"buyer_address":            func(o *invoice.Order) *string { return &o.Buyer.Address },
		"buyer_phone":              func(o *invoice.Order) *string { return &o.Buyer.Phone },
		"buyer_email":              func(o *invoice.Order) *string { return &o.Buyer.Email },
		"buyer_tax_id":             func(o *invoice.Order) *string { return &o.Buyer.TaxID },
		"consignee_name":           func(o *invoice.Order) *string { return &o.Consignee.Name },
		"consignee_address":        func(o *invoice.Order) *string { return &o.Consignee.Address },
		"notify_party":             func(o *invoice.Order) *string { return &o.NotifyParty },
		"incoterm_place":           func(o *invoice.Order) *string { return &o.Shipment.Place },
		"port_of_loading":          func(o *invoice.Order) *string { return &o.Shipment.PortOfLoading },
		"port_of_discharge":        func(o *invoice.Order) *string { return &o.Shipment.PortOfDischarge },
		"port_of_entry":            func(o *invoice.Order) *string { return &o.Shipment.PortOfEntry },
		"country_of_origin":        func(o *invoice.Order) *string { return &o.Shipment.CountryOfOrigin },
		"country_of_destination":   func(o *invoice.Order) *string { return &o.Shipment.CountryOfDestination },
		"transport":                func(o *invoice.Order) *string { return &o.Shipment.Transport },
		"vessel":                   func(o *invoice.Order) *string { return &o.Shipment.Vessel },
		"tracking_no":              func(o *invoice.Order) *string { return &o.Shipment.TrackingNo },
		"lead_time":                func(o *invoice.Order) *string { return &o.Shipment.LeadTime },
		"shipping_marks":           func(o *invoice.Order) *string { return &o.Shipment.ShippingMarks },
		"packing":                  func(o *invoice.Order) *string { return &o.Shipment.Packing },
		"package_type":             func(o *invoice.Order) *string { return &o.Shipment.PackageType },
		"deposit_terms":            func(o *invoice.Order) *string { return &o.DepositTerms },
		"balance_terms":            func(o *invoice.Order) *string { return &o.BalanceTerms },
		"bank_beneficiary":         func(o *invoice.Order) *string { return &o.Bank.Beneficiary },
		"bank_account":             func(o *invoice.Order) *string { return &o.Bank.Account },
		"bank_name":                func(o *invoice.Order) *string { return &o.Bank.Name },
		"bank_address":             func(o *invoice.Order) *string { return &o.Bank.Address },
		"bank_swift":               func(o *invoice.Order) *string { return &o.Bank.SWIFT },
		"bank_cnaps":               func(o *invoice.Order) *string { return &o.Bank.CNAPS },
		"remarks":                  func(o *invoice.Order) *string { return &o.Remarks },
		"bank_beneficiary_address": func(o *invoice.Order) *string { return &o.Bank.BeneficiaryAddress },
		"intermediary_bank":        func(o *invoice.Order) *string { return &o.Bank.IntermediaryBank },
		"intermediary_swift":       func(o *invoice.Order) *string { return &o.Bank.IntermediarySWIFT },
		"bank_charges":             func(o *invoice.Order) *string { return &o.Bank.Charges },
		"manufacturer_name":        func(o *invoice.Order) *string { return &o.Manufacturer.Name },
		"manufacturer_address":     func(o *invoice.Order) *string { return &o.Manufacturer.Address },
		"rebates":                  func(o *invoice.Order) *string { return &o.Rebates },
		"assists":                  func(o *invoice.Order) *string { return &o.Assists },
	}
	orderDates = map[string]func(o *invoice.Order) *invoice.Date{
		"pi_date":     func(o *invoice.Order) *invoice.Date { return &o.PIDate },
		"valid_until": func(o *invoice.Order) *invoice.Date { return &o.ValidUntil },
		"ci_date":     func(o *invoice.Order) *invoice.Date { return &o.CIDate },
		"ship_date":   func(o *invoice.Order) *invoice.Date { return &o.Shipment.ShipDate },
	}
)

// apply sets the order field key from a non-blank cell.
func (r *orderReader) apply(key string, c cell) {
	o, v := r.o, c.text
	if f, ok := orderText[key]; ok {
		*f(o) = v
		return
	}
	if f, ok := orderDates[key]; ok {
		d, ok := parseDate(v, r.date1904)
		if !ok {
			r.bad(key, c, invoice.ErrDate, "%s %s is not a date; expected a date such as 2024-03-05, 2024/3/5 or 2024年3月5日", key, quote(v))
			return
		}
		*f(o) = d
		return
	}
	switch key {
	case "currency":
		cur, alias, err := invoice.ParseCurrency(v)
		if err != nil {
			r.bad(key, c, invoice.ErrCurrency, "currency %s is not an ISO 4217 currency code; expected e.g. USD, CNY or EUR", quote(v))
			return
		}
		o.Currency = cur
		if alias != "" && !r.aliasWarned {
			r.aliasWarned = true
			r.ps = append(r.ps, invoice.Warnf(c.at, invoice.ErrCurrency,
				"currency %s read as %s; invoices and payments use the ISO 4217 code %s (M-3)", quote(alias), cur.Code, cur.Code))
		}
	case "incoterm":
		term, place, err := invoice.ParseIncoterm(v)
		if err != nil {
			msg := strings.TrimPrefix(err.Error(), invoice.ErrIncoterm.Error()+": ")
			r.bad(key, c, invoice.ErrIncoterm, "incoterm %s", msg)
			return
		}
		o.Shipment.Incoterm = term
		if place != "" {
			r.termPlace, r.termPlaceAt = place, c.at
		}
	case "deposit_percent":
		d, ok := parsePercent(v, c.percent)
		if !ok {
			r.bad(key, c, invoice.ErrNotANumber, "deposit_percent %s is not a number; expected a percentage such as 30 or 30%%", quote(v))
			return
		}
		o.DepositPercent = &d
	case "deposit_received":
		// "yes" or 已付 cannot stand for an amount here: the deposit is
		// computed from the totals, which are not final while reading.
		d, ok := parseNumber(v)
		if !ok {
			r.bad(key, c, invoice.ErrNotANumber, "deposit_received %s is not an amount; expected the amount the supplier received, e.g. 3,000.00", quote(v))
			return
		}
		d = r.shown(key, c, d)
		o.DepositReceived = &d
	case "included_in_prices":
		ks, err := invoice.ParseIncluded(v)
		if err != nil {
			r.bad(key, c, invoice.ErrChargeKind, "included_in_prices %s: expected freight, insurance or both (运费, 保险费)", quote(v))
			return
		}
		o.IncludedInPrices = ks
	case "logo", "chop":
		p := v
		if !filepath.IsAbs(p) {
			p = filepath.Join(r.dir, p)
		}
		// The picture itself is checked, with bounds, by package images
		// (IN-5) for check and generate alike.
		if key == "logo" {
			o.Logo = p
		} else {
			o.Chop = p
		}
	}
}

// finish applies what needs all fields: the place written after the
// Incoterm fills an empty incoterm_place.
func (r *orderReader) finish() {
	if r.o.Shipment.Place == "" && r.termPlace != "" {
		r.o.Shipment.Place = r.termPlace
		r.o.Where["incoterm_place"] = r.termPlaceAt
	}
	for i := range r.o.Items {
		if r.o.Items[i].LineNo == "" {
			r.o.Items[i].LineNo = strconv.Itoa(i + 1)
		}
	}
}

// result is the order read, with its reading problems.
func (r *orderReader) result() Result {
	r.finish()
	r.signMismatch()
	r.leftovers()
	if n := len(r.o.Items); n > 0 && cap(r.o.Items) > n {
		// The room appending left is a fifth of a batch's orders'
		// memory: an order kept (a batch of many) keeps its lines only.
		r.o.Items = slices.Clone(r.o.Items)
	}
	return Result{Order: r.o, Problems: r.ps}
}

// itemNumbers are the item columns that hold numbers.
var itemNumbers = map[string]bool{"quantity": true, "unit_price": true, "amount": true, "cartons": true, "net_weight_kg": true, "gross_weight_kg": true, "cbm": true,
	"qty_per_carton": true, "last_carton_qty": true, "net_weight_per_carton_kg": true, "gross_weight_per_carton_kg": true}

// isItemRow says whether a row below the header is an item line: it names
// a product or carries a quantity, price or amount. Other rows are notes,
// signatures or bank details.
func isItemRow(row gridRow, h header) bool {
	for _, k := range []string{"description_en", "description_zh", "sku", "quantity", "unit_price", "amount"} {
		if c, ok := h.col[k]; ok && h.kind[k] == 0 && row.text(c) != "" {
			return true
		}
	}
	return false
}

var totalWords = []string{"合计", "总计", "总金额", "total", "grand total", "subtotal", "sub total", "小计", "sum"}

// totalRow recognises a trailing total row (合计, 总计, Total) and returns
// the stated total: the amount column's cell, or else the row's last figure.
func totalRow(g *grid, row gridRow, h header) (cell, bool) {
	first := ""
	for _, s := range row.cells {
		if s = strings.TrimSpace(s); s != "" {
			first = s
			break
		}
	}
	k := strings.ReplaceAll(headerKey(first), " ", "")
	isTotal := false
	for _, w := range totalWords {
		if strings.HasPrefix(k, strings.ReplaceAll(w, " ", "")) {
			isTotal = true
			break
		}
	}
	if !isTotal {
		return cell{}, false
	}
	if c, ok := h.col["unit_price"]; ok {
		if _, isNum := parseNumber(row.text(c)); isNum {
			return cell{}, false // an item whose description starts with "Total…"
		}
	}
	if c, ok := h.col["amount"]; ok {
		if v := g.get(row, c); v.text != "" {
			return v, true
		}
	}
	for c := len(row.cells) - 1; c >= 0; c-- {
		if _, ok := parseNumber(row.text(c)); ok {
			return g.get(row, c), true
		}
	}
	return cell{}, true
}

// packingKeys are the packing figures: read as their number format shows
// them (14.43 under 0.0 is the 14.4 the user checked against the B/L, N-2).
// Money and quantities keep their stored value: a price shown rounded
// still multiplies as stored, and the amount check would disagree.
var packingKeys = map[string]bool{"cartons": true, "net_weight_kg": true, "gross_weight_kg": true, "cbm": true}

// shownFigure is the number d of cell c as its number format shows it, or d
// under the General format and when the shown text is no plain figure.
func shownFigure(c cell, d decimal.Decimal) decimal.Decimal {
	if s, ok := shownAs(c, d); ok {
		return s
	}
	return d
}

// shownAs is the number d of workbook cell c as its number format shows it:
// rounded, in decimal and half away from zero as Excel does, to the
// decimals the format shows. ok is false under General, for a text cell or
// when the format shows no plain figure (exponent form).
func shownAs(c cell, d decimal.Decimal) (decimal.Decimal, bool) {
	shown, numeric := c.numeric(false)
	if !numeric || shown == "" || strings.ContainsAny(shown, "eE") {
		return d, false
	}
	if _, ok := parseNumber(shown); !ok {
		return d, false
	}
	places := int32(0)
	if i := strings.LastIndexByte(shown, '.'); i >= 0 {
		for j := i + 1; j < len(shown) && shown[j] >= '0' && shown[j] <= '9'; j++ {
			places++
		}
	}
	return d.Round(places), true
}

// hiddenDigits warns when a unit price or quantity is shown by its
// number format otherwise than the cell holds it (0.085 under 0.00 shows
// 0.09): the documents use the value held, which the user may never have
// seen (N-2).
func (r *orderReader) hiddenDigits(key string, c cell, d decimal.Decimal) {
	if s, ok := shownAs(c, d); ok && !s.Equal(d) {
		r.ps = append(r.ps, invoice.Warnf(c.at, invoice.ErrShown,
			"%s %s is shown as %s by the cell's number format; the documents use %s, the value the cell holds (N-2)",
			key, d, s, d))
	}
}

// moneyKeys are the figures that are money: cleaning one is worth a look.
var moneyKeys = map[string]bool{"unit_price": true, "amount": true, "total": true, "charge amount": true, "deposit_received": true}

// shown returns the number d read from cell c as the spreadsheet shows it,
// binary noise removed (N-2). A money figure changed so is a warning naming
// the cell and both values; weights and counts are cleaned silently.
func (r *orderReader) shown(key string, c cell, d decimal.Decimal) decimal.Decimal {
	if digitCount(c.text) <= displayDigits {
		return d // nothing to clean (the common case; no allocation)
	}
	s, changed := shownNumber(d)
	if changed && moneyKeys[key] {
		r.ps = append(r.ps, invoice.Warnf(c.at, invoice.ErrShown,
			"%s stored as %s is read as %s, as the spreadsheet shows it (binary noise removed, N-2); check the figure",
			key, d, s))
	}
	return s
}

// setTotal records a stated total row.
func (r *orderReader) setTotal(c cell) {
	if c.text == "" {
		return
	}
	d, ok := parseNumber(c.text)
	if !ok {
		r.ps = append(r.ps, invoice.Errorf(c.at, invoice.ErrNotANumber, "total %s is not a number", quote(c.text)))
		return
	}
	d = r.shown("total", c, d)
	r.o.StatedTotal = &d
	r.o.Where["stated_total"] = c.at
}

// readItem reads one item line from row.
func (r *orderReader) readItem(g *grid, row gridRow, h header) {
	it := invoice.Item{Columns: g.columns(h), Row: row.n, Source: g.rowLoc(row)}
	for key, col := range h.col {
		if h.kind[key] != 0 {
			continue
		}
		c := g.get(row, col)
		if tooLong(c.text) {
			r.ps = append(r.ps, invoice.Errorf(c.at, invoice.ErrFile, "%s holds %d characters; a cell holds at most %d", key, utf8.RuneCountInString(c.text), maxCellChars))
			it.Unread.Mark(key, c.at)
			continue
		}
		if p := questionMarks(key, c); p != nil {
			r.ps = append(r.ps, *p)
			it.Unread.Mark(key, c.at)
			continue
		}
		if itemNumbers[key] {
			r.itemNumber(&it, key, c)
			continue
		}
		if identifierKeys[key] && c.text != "" {
			v, p := identifier(key, c)
			if p == nil && key == "hs_code" {
				p = hsCodeNumber(c, v)
			}
			if p != nil {
				r.ps = append(r.ps, *p)
				it.Unread.Mark(key, c.at)
				continue
			}
			c.text = v
		}
		switch key {
		case "line_no":
			it.LineNo = c.text
		case "sku":
			it.SKU = c.text
		case "description_en":
			it.DescriptionEN = c.text
		case "description_zh":
			it.DescriptionZH = c.text
		case "spec":
			it.Spec = c.text
		case "material":
			it.Material = c.text
		case "hs_code":
			it.HSCode = c.text
		case "origin":
			it.Origin = c.text
		case "unit":
			it.Unit = c.text
		case "manufacturer_name":
			it.ManufacturerName = c.text
		case "manufacturer_address":
			it.ManufacturerAddress = c.text
		case "carton_size_cm":
			it.CartonSize = c.text
		case "carton_no":
			it.CartonNo = c.text
		}
	}
	for _, key := range []string{"quantity", "unit_price"} {
		if _, ok := h.col[key]; !ok {
			it.Unread.Mark(key, it.Source) // reported once at the header
		}
	}
	r.o.Items = append(r.o.Items, it)
}

var numberThenWord = lazyregexp.New(`^[\d.,]+\s*\pL+$`)

func (r *orderReader) itemNumber(it *invoice.Item, key string, c cell) {
	bad := func(kind error, format string, args ...any) {
		r.ps = append(r.ps, invoice.Errorf(c.at, kind, format, args...))
		it.Unread.Mark(key, c.at)
	}
	if c.text == "" {
		if key == "quantity" || key == "unit_price" {
			bad(invoice.ErrMissing, "%s is blank; every item line needs a %s", key, strings.ReplaceAll(key, "_", " "))
		}
		return
	}
	d, ok := parseNumber(c.text)
	if !ok {
		hint := "a number such as 12 or 1,234.50"
		if numberThenWord.MatchString(strings.TrimSpace(c.text)) {
			hint += "; put the unit in the unit column"
		}
		bad(invoice.ErrNotANumber, "%s %s is not a number; expected %s", key, quote(c.text), hint)
		return
	}
	d = r.shown(key, c, d)
	if key == "unit_price" || key == "amount" {
		r.noteSign(key, c)
	}
	if packingKeys[key] {
		d = shownFigure(c, d)
	} else if key == "unit_price" || key == "quantity" {
		// Amounts and charges are printed rounded to the currency anyway.
		r.hiddenDigits(key, c, d)
	}
	switch key {
	case "quantity":
		it.Quantity = d
	case "unit_price":
		it.UnitPrice = d
	case "amount":
		it.StatedAmount = &d
	case "cartons":
		it.Cartons = &d
	case "net_weight_kg":
		it.NetWeightKG = &d
	case "gross_weight_kg":
		it.GrossWeightKG = &d
	case "cbm":
		it.CBM = &d
	case "qty_per_carton":
		it.QtyPerCarton = &d
	case "last_carton_qty":
		it.LastCartonQty = &d
	case "net_weight_per_carton_kg":
		it.NetWeightPerCartonKG = &d
	case "gross_weight_per_carton_kg":
		it.GrossWeightPerCartonKG = &d
	}
}

// readCharge reads one charge line; a line with a blank amount is no charge
// (the blank workbook lists freight and insurance for the user to fill) and
// is skipped.
func (r *orderReader) readCharge(g *grid, row gridRow, h header, opt Options) {
	ch := invoice.Charge{Where: map[string]invoice.Location{}, Source: g.rowLoc(row)}
	amountText := ""
	for key, col := range h.col {
		if h.kind[key] != 0 {
			continue
		}
		c := g.get(row, col)
		ch.Where[key] = c.at
		if p := questionMarks(key, c); p != nil {
			r.ps = append(r.ps, *p)
		}
		switch key {
		case "description_en":
			ch.DescriptionEN = c.text
		case "description_zh":
			ch.DescriptionZH = c.text
		case "kind":
			if c.text == "" {
				continue
			}
			k, err := invoice.ParseChargeKind(c.text)
			if err != nil {
				r.ps = append(r.ps, invoice.Errorf(c.at, invoice.ErrChargeKind, "charge kind %s is not freight, insurance, packing, commission, discount or other", quote(c.text)))
				continue
			}
			ch.Kind = k
		case "amount":
			amountText = c.text
			if c.text == "" {
				continue
			}
			d, ok := parseNumber(c.text)
			if !ok {
				r.ps = append(r.ps, invoice.Errorf(c.at, invoice.ErrNotANumber, "charge amount %s is not a number; expected e.g. 350.00 (negative for a discount)", quote(c.text)))
				ch.Unread.Mark("amount", c.at)
				continue
			}
			ch.Amount = r.shown("charge amount", c, d)
			r.noteSign("charge amount", c)
		}
	}
	if amountText == "" {
		if opt.Verbose != nil {
			opt.Verbose(fmt.Sprintf("%s: charge %s has no amount; skipped", ch.Source, quote(ch.DescriptionEN+ch.DescriptionZH)))
		}
		return
	}
	r.o.Charges = append(r.o.Charges, ch)
}

// scanLabels reads order fields written as label and value in a free layout:
// a title block above the item table or a footer below it. A label is a
// cell naming an order field ("Order No. / 订单号", "PI Date:") whose value
// is the next non-blank cell to its right, or a cell holding both
// ("Order No.: PO-1").
func (r *orderReader) scanLabels(g *grid, row gridRow, opt Options) {
	for c := 0; c < len(row.cells); c++ {
		s := row.text(c)
		if s == "" || len(s) > 200 {
			continue
		}
		if i := strings.IndexAny(s, ":："); i > 0 {
			label, value := s[:i], strings.TrimSpace(strings.TrimLeft(s[i:], ":："))
			if key, ok := findKey(label, orderIndex); ok && value != "" {
				r.set(key, cell{text: value, at: g.loc(row, c)}, false)
				continue
			}
		}
		if key, ok := findKey(s, orderIndex); ok {
			v := c + 1
			for v < len(row.cells) && row.text(v) == "" {
				v++
			}
			if v < len(row.cells) {
				if _, isLabel := findKey(row.text(v), orderIndex); !isLabel {
					r.set(key, g.get(row, v), false)
					c = v
				}
			}
		}
	}
}

// readOrderSheet reads sheet Order / 订单: a label (canonical key, English or
// Chinese label) in one column and the value in the cell to its right,
// skipping further cells that label the same field ("order_no | Order No. |
// 订单号 | PO-1") and cells covered by a merged label.
func (r *orderReader) readOrderSheet(g *grid, opt Options) {
	for _, row := range g.rows {
		for c := 0; c < len(row.cells); c++ {
			s := row.text(c)
			if s == "" {
				continue
			}
			key, ok := findKey(s, orderIndex)
			if !ok {
				if p, isField := unknownField(g.loc(row, c), s); isField {
					r.ps = append(r.ps, p)
				} else if opt.Verbose != nil && c == 0 {
					opt.Verbose(fmt.Sprintf("%s: ignored row %s (not an order field)", g.loc(row, c), quote(s)))
				}
				break
			}
			v := c + 1
			if g.mergedRight != nil {
				if m := g.mergedRight(row.n, c); m > v {
					v = m
				}
			}
			for v < len(row.cells) {
				if k, same := findKey(row.text(v), orderIndex); !same || k != key {
					break
				}
				v++
			}
			c := g.get(row, v)
			if key == "deposit_percent" && g.percentFormat != nil && c.text != "" {
				if d, ok := parseNumber(c.text); ok && d.IsPositive() && d.LessThanOrEqual(decimal.NewFromInt(1)) {
					c.percent = g.percentFormat(c.at.Cell)
				}
			}
			r.set(key, c, true)
			break
		}
	}
}

// unknownHeaders reports the header cells of an Orders sheet (or, with
// nearOnly, of a flat table, whose other columns may be any notes) that
// look like order fields but name none (unknownField).
func unknownHeaders(g *grid, h header, nearOnly bool) invoice.Problems {
	known := map[int]bool{}
	for _, c := range h.col {
		known[c] = true
	}
	var ps invoice.Problems
	row := g.rows[h.row]
	for c, s := range row.cells {
		if s = strings.TrimSpace(s); s == "" || known[c] || (nearOnly && nearestKey(s) == "") {
			continue
		}
		if p, ok := unknownField(g.loc(row, c), s); ok {
			ps = append(ps, p)
		}
	}
	return ps
}

// unknownField reports a name in an Order or Orders sheet that looks like a
// field but names none (a typo such as bank_acount): its value would never
// reach the documents. It is a warning at the cell, with the nearest known
// key when one is close ("did you mean bank_account?"). Names that neither
// look like a key (lower-case words joined by _) nor come close to one
// (titles, notes) are no field and not reported.
func unknownField(at invoice.Location, name string) (invoice.Problem, bool) {
	near := nearestKey(name)
	if near == "" && !keyShaped.MatchString(name) {
		return invoice.Problem{}, false
	}
	hint := "; it is ignored: use a key from the blank workbook (tradedocs template)"
	if near != "" {
		hint = fmt.Sprintf("; did you mean %s? Until it is renamed its value is ignored", near)
	}
	return invoice.Warnf(at, invoice.ErrUnknownField, "unknown field name %s%s", quote(name), hint), true
}

// keyShaped is a name written like a field key: lower-case words joined by
// underscores (bank_acount, buyer_adress).
var keyShaped = lazyregexp.New(`^[a-z][a-z0-9]*(_[a-z0-9]+)+$`)

// nearestKey is the order field key within two edits of name (as a key:
// lower case, spaces as underscores), or of the field's English label
// (Seller Adress → seller_address_en); "" when none is that close.
func nearestKey(name string) string {
	k := strings.ReplaceAll(headerKey(name), " ", "_")
	if len(k) < 5 || len(k) > 40 {
		return ""
	}
	best, bestD := "", 3
	for _, f := range orderFields {
		for _, name := range []string{f.Key, strings.ReplaceAll(headerKey(f.EN), " ", "_")} {
			if d := editDistance(k, name, bestD); d < bestD {
				best, bestD = f.Key, d
			}
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, or max when it is
// max or more (short keys only: bounded work).
func editDistance(a, b string, max int) int {
	if d := len(a) - len(b); d >= max || -d >= max {
		return max
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= max {
			return max
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], max)
}
