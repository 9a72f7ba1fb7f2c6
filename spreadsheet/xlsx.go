package spreadsheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tradedocs/tradedocs/internal/lazyregexp"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/xuri/excelize/v2"
)

// Sheet names, compared after headerKey: the blank workbook's English names
// and the Chinese ones suppliers use.
var (
	orderSheetNames  = []string{"order", "订单", "order info", "订单信息"}
	ordersSheetNames = []string{"orders", "订单列表", "多订单"}
	itemsSheetNames  = []string{"items", "item", "明细", "货物明细", "商品明细", "产品明细", "items 明细"}
	chargeSheetNames = []string{"charges", "charge", "费用", "费用明细"}
)

func sheetIs(name string, names []string) bool {
	k := headerKey(name)
	for _, n := range names {
		if k == n {
			return true
		}
	}
	// "Items 明细", "Order / 订单"
	if _, ok := lookupName(name, names); ok {
		return true
	}
	return false
}

func lookupName(name string, names []string) (string, bool) {
	for _, sep := range []string{"/", " ", "|"} {
		for _, part := range strings.Split(name, sep) {
			k := headerKey(part)
			for _, n := range names {
				if k == n && k != "" {
					return n, true
				}
			}
		}
	}
	return "", false
}

// zipFacts is what inspecting a workbook's zip container found out before
// excelize parses it.
type zipFacts struct {
	formulas bool // some worksheet holds a formula
	// parts are the facts of each worksheet part, by its name in the zip.
	parts map[string]partFacts
	cells int64 // the cells excelize would build for all sheets
}

var dimensionRef = lazyregexp.New(`<dimension ref="[A-Z]{1,3}\d+:[A-Z]{1,3}(\d+)"`)

// inspectZip checks the container cheaply, so hostile files get a clear
// error at once: not a workbook, a zip bomb, a sheet claiming a million rows.
func inspectZip(name string, data []byte) (zipFacts, invoice.Problems) {
	var facts zipFacts
	fail := func(format string, args ...any) (zipFacts, invoice.Problems) {
		return facts, invoice.Problems{fileProblem(name, "", format, args...)}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail("the workbook is corrupt (not a readable zip container: %v); open it in Excel or LibreOffice and save it again", err)
	}
	var total uint64
	workbook := false
	for _, f := range zr.File {
		total += f.UncompressedSize64
		n := strings.ToLower(f.Name)
		switch {
		case n == "mimetype":
			return fail("an OpenDocument file (.ods/.odt); open it in LibreOffice and save it as .xlsx")
		case n == "xl/workbook.xml":
			workbook = true
		case n == "word/document.xml":
			return fail("a Word document (.docx), not a spreadsheet")
		case n == "xl/sharedstrings.xml" && f.UncompressedSize64 > maxSharedStrings:
			return fail("the workbook's texts unpack to %d MB (limit %d MB): a cell far longer than the %d characters Excel allows, or not an order workbook", f.UncompressedSize64>>20, maxSharedStrings>>20, maxCellChars)
		}
	}
	if total > maxUnzipped {
		return fail("the workbook unpacks to %d MB (limit %d MB): a zip bomb, or far bigger than any order workbook", total>>20, maxUnzipped>>20)
	}
	if !workbook {
		return fail("a zip file without xl/workbook.xml, so not an Excel workbook (.xlsx)")
	}
	for _, f := range zr.File {
		n := strings.ToLower(f.Name)
		sst := n == "xl/sharedstrings.xml"
		if !sst && (!strings.HasPrefix(n, "xl/worksheets/") || !strings.HasSuffix(n, ".xml")) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fail("the workbook is corrupt (%s: %v)", f.Name, err)
		}
		br := bufio.NewReaderSize(rc, 4096)
		head, _ := br.Peek(4096)
		rows := 0
		if m := dimensionRef.FindSubmatch(head); m != nil && !sst {
			rows, _ = strconv.Atoi(string(m[1]))
		}
		if rows > maxRows+maxHeaderRow {
			rc.Close()
			return fail("a sheet uses %d rows (%s); an order sheet may have at most %d", rows, f.Name, maxRows)
		}
		pf, err := scanPart(br, maxUnzipped+1)
		rc.Close()
		if err != nil {
			return fail("the workbook is corrupt (%s: %v); open it in Excel or LibreOffice and save it again", f.Name, err)
		}
		if sst {
			if pf.items > maxSharedStringItems {
				return fail("the workbook's table of texts (%s) has %d entries; an order workbook may have at most %d", f.Name, pf.items, maxSharedStringItems)
			}
			continue
		}
		if pf.rows > maxRows+maxHeaderRow {
			return fail("a sheet has %d rows (%s); an order sheet may have at most %d", pf.rows, f.Name, maxRows)
		}
		if facts.cells += pf.cells; pf.cells > maxSheetCells || facts.cells > maxSheetCells {
			return fail("%s", pf.tooWide(f.Name, facts.cells))
		}
		if facts.parts == nil {
			facts.parts = map[string]partFacts{}
		}
		facts.parts[strings.ReplaceAll(f.Name, "\\", "/")] = pf
		facts.formulas = facts.formulas || pf.formulas
	}
	return facts, nil
}

// checkOpenParts bounds the parts excelize parses as it opens a workbook
// (styles, workbook, content types, relationships, theme), before it does:
// 2 million cell formats in 100 KB took it 970 MB. An unreadable zip is
// left to inspectZip to report.
func checkOpenParts(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		n := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		limit := maxPartElements
		switch {
		case n == "xl/styles.xml":
			limit = maxStyleElements
		case n == "xl/workbook.xml", n == "[content_types].xml", strings.HasSuffix(n, ".rels"), strings.HasPrefix(n, "xl/theme/"), strings.HasPrefix(n, "docprops/"):
		default:
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue
		}
		pf, _ := scanPart(rc, maxUnzipped+1)
		rc.Close()
		if pf.elements > limit {
			return fmt.Sprintf("the workbook's part %s has %d elements; an order workbook's has at most %d", f.Name, pf.elements, limit)
		}
	}
	return ""
}

// readXLSX reads a workbook: one order (sheets Order + Items + Charges, or a
// supplier's quote sheet), or many (sheet Orders).
func readXLSX(name string, data []byte, opt Options, out *sink) invoice.Problems {
	wb, fps := openXLSX(name, data, opt)
	if wb == nil {
		return fps
	}
	defer wb.close()
	if !wb.facts.formulas {
		wb.oneByOne = out.oneByOne()
		return wb.read(out)
	}
	// A formula's problem goes to the order that reads its cell, which
	// only the orders read whole can tell.
	all := &sink{}
	fps = wb.read(all)
	if wb.formulas != nil {
		fps = append(fps, attachToOrders(all.list, wb.formulas.problems)...)
	}
	for _, r := range all.list {
		if !out.put(r) {
			break
		}
	}
	return fps
}

// openXLSX checks a workbook's container and opens it, or returns the
// problems that stop it being read (wb nil). The caller closes wb.f.
func openXLSX(name string, data []byte, opt Options) (wb *workbook, fps invoice.Problems) {
	// excelize unzips the workbook while inspectZip scans its sheets: both
	// read every worksheet, and a big workbook takes a while for each.
	// excelize enforces the same size limit, so a zip bomb stops both.
	// A panic in excelize is passed on to this goroutine, where Read's
	// last-resort recover turns it into a problem of the file.
	type opened struct {
		f     *excelize.File
		err   error
		panic any
	}
	if n := countZipEntries(data); n > maxZipEntries {
		return nil, invoice.Problems{fileProblem(name, "", "the workbook's zip holds %d files; an order workbook has a few dozen (limit %d)", n, maxZipEntries)}
	}
	if msg := checkOpenParts(data); msg != "" {
		return nil, invoice.Problems{fileProblem(name, "", "%s", msg)}
	}
	open := make(chan opened, 1)
	go func() {
		var o opened
		defer func() {
			o.panic = recover()
			open <- o
		}()
		o.f, o.err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
			RawCellValue:      true,
			UnzipSizeLimit:    maxUnzipped,
			UnzipXMLSizeLimit: 16 << 20,
		})
	}()
	facts, fps := inspectZip(name, data)
	o := <-open
	if o.panic != nil {
		panic(o.panic)
	}
	if fps != nil {
		if o.err == nil {
			o.f.Close()
		}
		return nil, fps
	}
	if o.err != nil {
		return nil, invoice.Problems{fileProblem(name, "", "%s", openError(o.err))}
	}
	f := o.f
	wb = &workbook{f: f, name: name, facts: facts, opt: opt, rows: newSheetSource(f, data)}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		wb.date1904 = *p.Date1904
	}
	return wb, nil
}

// attachToOrders gives each problem of a cell to the order that read the
// cell, in place of the order's "blank" complaint about that cell (the
// formula's problem says what is wrong); it returns the problems of cells
// no order read.
func attachToOrders(rs []Result, ps invoice.Problems) invoice.Problems {
	var rest invoice.Problems
next:
	for _, p := range ps {
		for i := range rs {
			r := &rs[i]
			for j, q := range r.Problems {
				if q.Where == p.Where && errors.Is(q, invoice.ErrMissing) {
					r.Problems[j] = p
					continue next
				}
			}
		}
		for i := range rs {
			if readsCell(rs[i].Order, p.Where) {
				rs[i].Problems = append(rs[i].Problems, p)
				continue next
			}
		}
		rest = append(rest, p)
	}
	return rest
}

// readsCell reports whether the order read a value from the cell.
func readsCell(o *invoice.Order, at invoice.Location) bool {
	if o == nil {
		return false
	}
	for _, l := range o.Where {
		if l == at {
			return true
		}
	}
	for _, it := range o.Items {
		found := false
		it.Cells(func(_ string, l invoice.Location) { found = found || l == at })
		if found {
			return true
		}
	}
	for _, c := range o.Charges {
		for _, l := range c.Where {
			if l == at {
				return true
			}
		}
	}
	return false
}

func openError(err error) string {
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword), errors.Is(err, excelize.ErrWorkbookFileFormat):
		return "the workbook is encrypted or not in .xlsx format; remove any password and save it as .xlsx"
	case strings.Contains(err.Error(), "unzip size"):
		return fmt.Sprintf("the workbook unpacks to more than %d MB: a zip bomb, or far bigger than any order workbook", maxUnzipped>>20)
	}
	return fmt.Sprintf("the workbook is corrupt (%v); open it in Excel or LibreOffice and save it again", err)
}

// workbook is an open workbook being read.
type workbook struct {
	f        *excelize.File
	name     string
	facts    zipFacts
	opt      Options
	date1904 bool
	grids    map[string]*grid
	rows     *sheetSource  // reads the sheets' rows (sheetrows.go)
	percent  map[int]bool  // styles shown as percentages (percentStyles)
	formulas *formulaGuard // computes formulas without a cached value
	// oneByOne: the orders are handed out one by one (ReadEach), so big
	// sheets are streamed rather than held.
	oneByOne bool
	// scratch is a one-cell workbook that shows numbers in the number
	// formats of this one's styles (formatNumber), by style.
	scratch       *excelize.File
	scratchStyles map[int]int
}

// close closes the workbook and its scratch workbook.
func (wb *workbook) close() {
	wb.f.Close()
	if wb.scratch != nil {
		wb.scratch.Close()
	}
}

// sheetFacts are inspectZip's facts of a sheet's part.
func (wb *workbook) sheetFacts(sheet string) (partFacts, bool) {
	part, err := wb.rows.sheetPart(sheet)
	if err != nil {
		return partFacts{}, false
	}
	pf, ok := wb.facts.parts[part]
	return pf, ok
}

// sheet reads a whole sheet as a grid (cached).
func (wb *workbook) sheet(name string) (*grid, error) {
	if g, ok := wb.grids[name]; ok {
		return g, nil
	}
	rows, err := wb.rows.rows(name)
	if err != nil {
		return nil, err
	}
	g := wb.newGrid(name, rows)
	if wb.grids == nil {
		wb.grids = map[string]*grid{}
	}
	wb.grids[name] = g
	return g, nil
}

// newGrid is a grid of a sheet's rows (all of them, or those read so far).
func (wb *workbook) newGrid(name string, rows []gridRow) *grid {
	g := &grid{file: wb.name, sheet: name, date1904: wb.date1904, rows: rows}
	f := wb.f
	if wb.facts.formulas {
		if wb.formulas == nil {
			wb.formulas = &formulaGuard{f: f, file: wb.name, parts: wb.sheetFacts, cells: wb.facts.cells}
		}
		g.formula = func(cell string) string { return wb.formulas.compute(name, cell) }
	}
	g.percentFormat = func(cell string) bool {
		percent := wb.percentStyles()
		if len(percent) == 0 {
			// No cell of the workbook can show a percentage: no need
			// to find the cell's style (which makes excelize parse the
			// whole sheet, ~0.1 s for 1,000 orders).
			return false
		}
		if !wb.parseable() {
			id, ok := wb.rawCellStyle(name, cell)
			return ok && percent[id]
		}
		id, err := f.GetCellStyle(name, cell)
		return err == nil && percent[id]
	}
	g.mergedRight = wb.mergedRight(name)
	g.shown = wb.shownValue(name)
	return g
}

// percentStyles is the set of the workbook's cell styles that show a
// number as a percentage (built-in formats 9 and 10, or a custom format
// with "%"), read once.
func (wb *workbook) percentStyles() map[int]bool {
	if wb.percent == nil {
		wb.percent = map[int]bool{}
		// Style indexes are 16-bit in practice; GetStyle fails past the
		// last one.
		for id := 0; id < 1<<16; id++ {
			st, err := wb.f.GetStyle(id)
			if err != nil || st == nil {
				break
			}
			if st.NumFmt == 9 || st.NumFmt == 10 || (st.CustomNumFmt != nil && strings.Contains(*st.CustomNumFmt, "%")) {
				wb.percent[id] = true
			}
		}
	}
	return wb.percent
}

// parseable reports whether excelize may parse the workbook's sheets (to
// compute a formula, find merged cells or a cell's style): at most
// maxParsedCells cells, which it builds at about 0.7 KB each.
func (wb *workbook) parseable() bool { return wb.facts.cells <= maxParsedCells }

// sheetXML is a sheet's XML part, read from the zip, or nil.
func (wb *workbook) sheetXML(sheet string) []byte {
	part, err := wb.rows.sheetPart(sheet)
	if err != nil {
		return nil
	}
	b, err := wb.rows.part(part, false)
	if err != nil {
		return nil
	}
	return b
}

var mergeRef = lazyregexp.New(`<(?:\w+:)?mergeCell ref="([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})"`)

// rawMerges reads a large sheet's merged ranges from its XML, without
// excelize parsing the sheet.
func (wb *workbook) rawMerges(sheet string) [][2]string {
	var refs [][2]string
	for _, m := range mergeRef.FindAllSubmatch(wb.sheetXML(sheet), maxMerges) {
		refs = append(refs, [2]string{string(m[1]), string(m[2])})
	}
	return refs
}

// rawCellStyle reads a cell's style number from a large sheet's XML (a
// cell written without its reference is not found: no style).
func (wb *workbook) rawCellStyle(sheet, cell string) (int, bool) {
	doc := wb.sheetXML(sheet)
	i := bytes.Index(doc, []byte(` r="`+cell+`"`))
	if i < 0 {
		return 0, false
	}
	end := bytes.IndexByte(doc[i:], '>')
	if end < 0 {
		return 0, false
	}
	tag := doc[i : i+end]
	j := attrIndex(tag, `s="`)
	if j < 0 {
		return 0, false
	}
	n, k := 0, j+3
	for ; k < len(tag) && tag[k] >= '0' && tag[k] <= '9' && n < 1<<20; k++ {
		n = n*10 + int(tag[k]-'0')
	}
	return n, k > j+3
}

// mergedRight returns, for a sheet, a function giving the column after a
// horizontal merge that starts at a cell.
func (wb *workbook) mergedRight(sheet string) func(row, col int) int {
	var ends map[string]int
	return func(row, col int) int {
		if ends == nil {
			ends = map[string]int{}
			var refs [][2]string
			if pf, ok := wb.sheetFacts(sheet); ok && pf.merges == 0 {
				// No merges: no need for excelize to parse the sheet.
			} else if !wb.parseable() {
				refs = wb.rawMerges(sheet)
			} else {
				mcs, _ := wb.f.GetMergeCells(sheet, true)
				for _, mc := range mcs {
					refs = append(refs, [2]string{mc.GetStartAxis(), mc.GetEndAxis()})
				}
			}
			for _, ref := range refs {
				c1, _, err1 := excelize.CellNameToCoordinates(ref[0])
				c2, _, err2 := excelize.CellNameToCoordinates(ref[1])
				if err1 == nil && err2 == nil && c2 > c1 {
					ends[ref[0]] = c2 // 1-based end = 0-based next
				}
			}
		}
		if e, ok := ends[cellName(col, row)]; ok {
			return e
		}
		return 0
	}
}

// read finds the workbook's layout and reads its orders.
func (wb *workbook) read(out *sink) invoice.Problems {
	l := wb.layout()
	if l.orders == "" {
		return wb.readOne(l, out)
	}
	if out.oneByOne() && l.items != "" {
		if fps, ok := wb.readManyEach(l.orders, l.items, l.charges, out); ok {
			return fps
		}
	}
	rs, fps := wb.readMany(l.orders, l.items, l.charges)
	for _, r := range rs {
		if !out.put(r) {
			break
		}
	}
	return fps
}

// layout is which sheets of a workbook hold what: sheet Orders (many
// orders), Order (one order's fields), Items and Charges.
type layout struct {
	order, orders, items, charges string
	sheets                        []string // all, in the workbook's order
}

// layout finds the workbook's sheets by name and, where a name could
// mislead, by content.
func (wb *workbook) layout() layout {
	var orderSheet, ordersSheet, itemsSheet, chargeSheet string
	sheets := wb.f.GetSheetList()
	for _, s := range sheets {
		switch {
		case ordersSheet == "" && sheetIs(s, ordersSheetNames):
			ordersSheet = s
		case orderSheet == "" && sheetIs(s, orderSheetNames):
			orderSheet = s
		case itemsSheet == "" && sheetIs(s, itemsSheetNames):
			itemsSheet = s
		case chargeSheet == "" && sheetIs(s, chargeSheetNames):
			chargeSheet = s
		}
	}
	// The many-orders layout is an Orders sheet beside its Items (or
	// Charges) sheet. A lone sheet named "orders" whose header row holds
	// item columns is a flat table (LibreOffice names the sheet of a
	// converted orders.csv so): the layout goes by content, not by name.
	if ordersSheet != "" && itemsSheet == "" && chargeSheet == "" {
		if g, err := wb.headGrid(ordersSheet); err == nil {
			if _, ok := findHeader(g, wantItems, itemIndex, orderIndex); ok {
				itemsSheet, ordersSheet = ordersSheet, ""
			}
		}
	}
	if ordersSheet != "" {
		return layout{order: orderSheet, orders: ordersSheet, items: itemsSheet, charges: chargeSheet, sheets: sheets}
	}
	// A flat table on a sheet named "order" (LibreOffice names the sheet of
	// a converted order.csv so): an item table, not key/value pairs.
	if orderSheet != "" && itemsSheet == "" {
		if g, err := wb.headGrid(orderSheet); err == nil {
			if _, ok := findHeader(g, wantItems, itemIndex, orderIndex); ok {
				itemsSheet, orderSheet = orderSheet, ""
			}
		}
	}
	return layout{order: orderSheet, items: itemsSheet, charges: chargeSheet, sheets: sheets}
}

// readOne reads a workbook without an Orders sheet: one order (sheets
// Order, Items, Charges, or a supplier's quote), or a flat table of many.
func (wb *workbook) readOne(l layout, out *sink) invoice.Problems {
	orderSheet, itemsSheet, chargeSheet, sheets := l.order, l.items, l.charges, l.sheets
	var fps invoice.Problems
	var items *grid
	var h header
	if itemsSheet != "" {
		if out.oneByOne() && orderSheet == "" {
			if fps, ok := wb.readFlatEach(itemsSheet, out); ok {
				return fps
			}
		}
		g, err := wb.sheet(itemsSheet)
		if err != nil {
			return invoice.Problems{fileProblem(wb.name, itemsSheet, "%v", err)}
		}
		hh, ok := findHeader(g, wantItems, itemIndex, orderIndex)
		if !ok {
			fps = append(fps, fileProblem(wb.name, itemsSheet, "no header row in the first %d rows; expected columns such as Description / 英文品名, Quantity / 数量, Unit Price / 单价", maxHeaderRow))
		} else {
			items, h = g, hh
		}
	} else {
		// A supplier's quote: the first sheet with an item table.
		for _, s := range sheets {
			if s == orderSheet || s == chargeSheet {
				continue
			}
			g, err := wb.sheet(s)
			if err != nil {
				fps = append(fps, fileProblem(wb.name, s, "%v", err))
				continue
			}
			if hh, ok := findHeader(g, wantItems, itemIndex, orderIndex); ok {
				items, h = g, hh
				break
			}
		}
		if items == nil {
			fps = append(fps, fileProblem(wb.name, "", "no item table: expected a sheet named Items (明细) or a sheet with a header row (Description / 品名, Quantity / 数量, Unit Price / 单价) in its first %d rows", maxHeaderRow))
		}
	}
	// Order columns on the item table and no Order sheet: a flat table.
	if items != nil && orderSheet == "" {
		if flatTable(h) {
			return readFlat(items, h, rowsOf(items, h), wb.opt, out)
		}
	}
	if orderSheet == "" && items == nil {
		return fps
	}
	source := invoice.Location{File: wb.name}
	if orderSheet != "" {
		source.Sheet = orderSheet
	} else {
		source.Sheet = items.sheet
	}
	r := newOrderReader(wb.name, source, wb.date1904)
	if orderSheet != "" {
		g, err := wb.sheet(orderSheet)
		if err != nil {
			fps = append(fps, fileProblem(wb.name, orderSheet, "%v", err))
		} else {
			r.readOrderSheet(g, wb.opt)
		}
	}
	if items != nil {
		fps = append(fps, requireColumns(items, h)...)
		readItemTable(r, items, h, wb.opt)
	}
	if chargeSheet != "" {
		fps = append(fps, wb.readCharges(chargeSheet, func(string) *orderReader { return r }, false)...)
	}
	out.put(r.result())
	return fps
}

// readItemTable reads a single order's item table: label/value pairs above
// the header (a title block), the item lines, a trailing total row, and
// label/value pairs below it (bank details in a supplier's footer).
func readItemTable(r *orderReader, g *grid, h header, opt Options) {
	unknownColumns(g, h, opt, false)
	for i := 0; i < h.row; i++ {
		r.scanLabels(g, g.rows[i], opt)
	}
	ended := false
	for i := h.row + 1; i < len(g.rows); i++ {
		row := g.rows[i]
		if tc, ok := totalRow(g, row, h); ok {
			r.setTotal(tc)
			ended = true
			continue
		}
		if !ended && isItemRow(row, h) {
			r.readItem(g, row, h)
			continue
		}
		if len(r.o.Items) > 0 {
			ended = true
		}
		r.scanLabels(g, row, opt)
	}
}

// readCharges reads a Charges sheet, giving each line to the order find
// returns for its order_no (nil: no such order).
func (wb *workbook) readCharges(sheet string, find func(no string) *orderReader, byOrder bool) invoice.Problems {
	var fps invoice.Problems
	ps := wb.chargeLines(sheet, byOrder, func(g *grid, row gridRow, h header, noCol int, no string) {
		r := find(no)
		if r == nil {
			fps = append(fps, unknownOrder(g, row, noCol, no, "charge"))
			return
		}
		r.readCharge(g, row, h, wb.opt)
	})
	return append(ps, fps...)
}

// chargeLines reads a Charges sheet's header and calls line with each
// charge line and the order number it names ("" when the sheet has no
// order_no column or !byOrder). It returns the problems of the sheet as a
// whole, which stop it being read.
func (wb *workbook) chargeLines(sheet string, byOrder bool, line func(g *grid, row gridRow, h header, noCol int, no string)) invoice.Problems {
	g, err := wb.sheet(sheet)
	if err != nil {
		return invoice.Problems{fileProblem(wb.name, sheet, "%v", err)}
	}
	h, ok := findHeader(g, wantCharges, chargeIndex, orderNoIndex)
	if !ok {
		if len(g.rows) == 0 {
			return nil
		}
		return invoice.Problems{fileProblem(wb.name, sheet, "no header row in the first %d rows; expected columns Description / 费用名称 and Amount / 金额", maxHeaderRow)}
	}
	unknownColumns(g, h, wb.opt, true)
	noCol, hasNo := h.col["order_no"]
	if byOrder && !hasNo {
		return invoice.Problems{invoice.Errorf(g.rowLoc(g.rows[h.row]), invoice.ErrMissing, "sheet %s needs an order_no column naming each charge's order (the workbook has a sheet of several orders)", sheet)}
	}
	for i := h.row + 1; i < len(g.rows); i++ {
		row := g.rows[i]
		if _, isTotal := totalRow(g, row, h); isTotal {
			continue
		}
		no := ""
		if hasNo && byOrder {
			no = row.text(noCol)
		}
		line(g, row, h, noCol, no)
	}
	return nil
}

func unknownOrder(g *grid, row gridRow, col int, no, what string) invoice.Problem {
	if no == "" {
		return invoice.Errorf(g.loc(row, col), invoice.ErrMissing, "%s line has no order_no; name the order it belongs to", what)
	}
	return invoice.Errorf(g.loc(row, col), invoice.ErrMissing, "%s line names order_no %s, which has no row in the orders sheet", what, quote(no))
}

// orderNoIndex recognises only the order_no column (on Items and Charges
// sheets of a many-order workbook).
var orderNoIndex = func() map[string]string {
	m := map[string]string{}
	for k, v := range orderIndex {
		if v == "order_no" {
			m[k] = v
		}
	}
	return m
}()

// readMany reads a workbook of several orders: sheet Orders has one row per
// order; Items and Charges name each line's order in an order_no column.
func (wb *workbook) readMany(ordersSheet, itemsSheet, chargeSheet string) ([]Result, invoice.Problems) {
	g, err := wb.sheet(ordersSheet)
	if err != nil {
		return nil, invoice.Problems{fileProblem(wb.name, ordersSheet, "%v", err)}
	}
	h, ok := findHeader(g, wantOrders, orderIndex)
	if !ok {
		return nil, invoice.Problems{fileProblem(wb.name, ordersSheet, "no header row with an order_no (Order No. / 订单号) column in the first %d rows", maxHeaderRow)}
	}
	unknownColumns(g, h, wb.opt, true)
	fps := unknownHeaders(g, h, false)
	var set orderSet
	for i := h.row + 1; i < len(g.rows); i++ {
		row := g.rows[i]
		r := newOrderReader(wb.name, g.rowLoc(row), wb.date1904)
		for key, col := range h.col {
			r.set(key, g.orderCell(row, col, key), true)
		}
		set.add(r)
	}
	find := func(no string) *orderReader {
		if no == "" && len(set.list) == 1 {
			return set.list[0]
		}
		return set.byNo[no]
	}
	if itemsSheet == "" {
		fps = append(fps, fileProblem(wb.name, "", "no Items (明细) sheet with the item lines of the orders in sheet %s", ordersSheet))
	} else if ig, err := wb.sheet(itemsSheet); err != nil {
		fps = append(fps, fileProblem(wb.name, itemsSheet, "%v", err))
	} else if ih, ok := findHeader(ig, wantItems, itemIndex, orderNoIndex); !ok {
		fps = append(fps, fileProblem(wb.name, itemsSheet, "no header row in the first %d rows; expected columns order_no, Description, Quantity, Unit Price", maxHeaderRow))
	} else {
		fps = append(fps, requireColumns(ig, ih)...)
		unknownColumns(ig, ih, wb.opt, true)
		_, hasNo := ih.col["order_no"]
		if !hasNo && len(set.list) > 1 {
			fps = append(fps, invoice.Errorf(ig.rowLoc(ig.rows[ih.row]), invoice.ErrMissing,
				"sheet %s needs an order_no column naming each line's order (sheet %s has %d orders)", itemsSheet, ordersSheet, len(set.list)))
		} else {
			route := newItemRouter(ig, ih, func(no string) int {
				if r := find(no); r != nil {
					return set.index[r]
				}
				return -1
			})
			// Each row's order first, so that each order's lines are
			// read into a slice of their number (growing it by appending
			// took a third of reading's memory).
			rows := ig.rows[ih.row+1:]
			owner := make([]int32, len(rows)) // the order's index+1, negative for a total row
			lines := make([]int, len(set.list))
			for j, row := range rows {
				switch i, total, _ := route.row(row, &fps); {
				case i < 0:
				case total:
					owner[j] = -int32(i + 1)
				default:
					owner[j] = int32(i + 1)
					lines[i]++
				}
			}
			for i, n := range lines {
				if n > 0 {
					set.list[i].o.Items = make([]invoice.Item, 0, n)
				}
			}
			for j, row := range rows {
				switch o := owner[j]; {
				case o < 0:
					tc, _ := totalRow(ig, row, ih)
					set.list[-o-1].setTotal(tc)
				case o > 0:
					set.list[o-1].readItem(ig, row, ih)
				}
			}
		}
	}
	if chargeSheet != "" {
		fps = append(fps, wb.readCharges(chargeSheet, find, len(set.list) > 1)...)
	}
	return set.results(), fps
}
