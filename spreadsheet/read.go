package spreadsheet

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/tradedocs/tradedocs/invoice"
)

// Options tune reading. Verbose, when set, receives notes such as the list of
// ignored unknown columns ("order.xlsx!Items!H5: ignored column \"备注2\"").
type Options struct{ Verbose func(msg string) }

// Result is one order read from a file with the problems found while reading
// it (values that could not be read, currency alias warnings, a stated total
// row). Validation (o.Validate()) is the caller's.
type Result struct {
	Order    *invoice.Order
	Problems invoice.Problems
}

// Limits that keep a hostile or broken file from taking minutes or
// gigabytes: an order file is far below all of them.
const (
	// maxFileSize is the largest order file read at all.
	maxFileSize = 128 << 20
	// maxUnzipped is the most a workbook may unpack to; more is a zip bomb
	// or not an order file. A 20,000-line order unpacks to about 10 MB.
	// Up to three copies of a part may be alive at once (excelize's, the
	// fast reader's, the XML check's): 150 MB of blanks in 150 KB took
	// 540 MB.
	maxUnzipped = 64 << 20
	// maxSharedStrings bounds the workbook's table of texts.
	maxSharedStrings = 64 << 20
	// maxRows is the most non-blank rows a sheet (or a CSV file) may have.
	maxRows = 200_000
	// maxCols is the most columns read from a row; cells beyond are ignored.
	maxCols = 512
	// maxCellChars is Excel's own limit on the text of one cell.
	maxCellChars = 32_767
)

// ReadFile reads every order in an .xlsx or .csv file (by content sniffing,
// not only extension). fileProblems are problems not tied to one order (not
// a spreadsheet, corrupt, encrypted, no Items sheet, zip bomb...), located at
// the file (and sheet).
func ReadFile(path string, opt Options) (orders []Result, fileProblems invoice.Problems) {
	data, fps := readOrderFile(path)
	if fps != nil {
		return nil, fps
	}
	return Read(path, data, opt)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Read is ReadFile on bytes already in memory; name is used in locations.
// (Fuzz targets call this.)
func Read(name string, data []byte, opt Options) (orders []Result, fileProblems invoice.Problems) {
	at := invoice.Location{File: name}
	defer func() {
		// Last resort: a bug in this package or a library must not take
		// down a batch run. The causes found by fuzzing are fixed.
		if e := recover(); e != nil {
			orders = nil
			fileProblems = append(fileProblems, invoice.Errorf(at, invoice.ErrFile,
				"internal error while reading this file (please report it with the file): %v\n%s", e, firstLines(debug.Stack(), 12)))
		}
	}()
	if len(data) > maxFileSize {
		return nil, invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "file is %d MB; an order file is at most %d MB", len(data)>>20, maxFileSize>>20)}
	}
	out := &sink{}
	switch kind := sniff(data); kind {
	case kindZip:
		fps := readXLSX(name, data, opt, out)
		return out.list, fps
	case kindText:
		fps := readCSV(name, data, opt, out)
		return out.list, fps
	default:
		return nil, invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "%s", kind)}
	}
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitN(string(b), "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// fileKind is what a file's first bytes say it is; anything other than
// kindZip and kindText is the message explaining why it cannot be read.
type fileKind string

const (
	kindZip  fileKind = "zip"
	kindText fileKind = "text"
)

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// encryptionInfo is the stream name, in UTF-16, that a password-protected
	// .xlsx (an OLE container around the encrypted zip) holds.
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// sniff tells workbooks, text (CSV) and other files apart by content, not by
// the file's extension.
func sniff(data []byte) fileKind {
	switch {
	case len(data) == 0:
		return "the file is empty; expected an order workbook (.xlsx) or CSV file"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return kindZip
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, encryptionInfo) {
			return "the workbook is encrypted (password-protected); remove the password in Excel (File › Info › Protect Workbook › Encrypt with Password) and save it again"
		}
		return "an Excel 97–2003 workbook (.xls) or other OLE file; open it in Excel or LibreOffice and save it as .xlsx"
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "a PDF file, not a spreadsheet; expected an order workbook (.xlsx) or CSV file"
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return kindText // UTF-16 text, as Excel's "Unicode Text" saves
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "not a spreadsheet (a binary file that is neither .xlsx nor CSV)"
	}
	t := strings.ToLower(strings.TrimSpace(string(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")))))
	if strings.HasPrefix(t, "<") {
		return "an HTML or XML page saved with a spreadsheet's name (some systems export \"Excel\" files this way), not a workbook; open it in Excel or LibreOffice and save it as .xlsx"
	}
	return kindText
}

// fileProblem is a problem about the file or a sheet as a whole.
func fileProblem(file, sheet string, format string, args ...any) invoice.Problem {
	return invoice.Errorf(invoice.Location{File: file, Sheet: sheet}, invoice.ErrFile, format, args...)
}

// orderSet collects orders by order number, in the order they first appear.
type orderSet struct {
	byNo  map[string]*orderReader
	list  []*orderReader
	index map[*orderReader]int // position in list
}

func (s *orderSet) add(r *orderReader) {
	if s.byNo == nil {
		s.byNo = map[string]*orderReader{}
		s.index = map[*orderReader]int{}
	}
	s.index[r] = len(s.list)
	s.list = append(s.list, r)
	if no := r.o.OrderNo; no != "" {
		if _, dup := s.byNo[no]; !dup {
			s.byNo[no] = r // a second one is ValidateBatch's duplicate
		}
	}
}

func (s *orderSet) results() []Result {
	out := make([]Result, 0, len(s.list))
	for _, r := range s.list {
		out = append(out, r.result())
	}
	return out
}

// requireColumns reports the required item columns the header lacks, once,
// at the header row.
func requireColumns(g *grid, h header) invoice.Problems {
	var ps invoice.Problems
	for _, need := range []struct{ key, names string }{
		{"quantity", "数量 / Qty / Quantity"},
		{"unit_price", "单价 / Unit Price / Price"},
	} {
		if !h.has(need.key) {
			ps = append(ps, invoice.Errorf(g.rowLoc(g.rows[h.row]), invoice.ErrMissing,
				"the item table has no %s column (%s) in its header row", need.key, need.names))
		}
	}
	return ps
}

// wantItems accepts a header row that names an item table: a description or
// SKU, and a quantity or price.
func wantItems(col map[string]int) bool {
	_, q := col["quantity"]
	_, p := col["unit_price"]
	_, d := col["description_en"]
	_, z := col["description_zh"]
	_, s := col["sku"]
	return (q || p) && (d || z || s || (q && p))
}

func wantCharges(col map[string]int) bool {
	_, a := col["amount"]
	_, d := col["description_en"]
	_, z := col["description_zh"]
	return a && (d || z)
}

func wantOrders(col map[string]int) bool {
	_, ok := col["order_no"]
	return ok
}

// orderCell reads an order field's cell, noting a percentage format for
// deposit_percent.
func (g *grid) orderCell(row gridRow, col int, key string) cell {
	c := g.get(row, col)
	if key == "deposit_percent" && g.percentFormat != nil && c.text != "" && !g.csv {
		c.percent = g.percentFormat(c.at.Cell)
	}
	return c
}

// readFlat reads a flat table: one row per item line with the order's fields
// repeated on each row (a CSV export, or an items sheet with order columns),
// grouped by order_no. A row with a blank order_no continues the order above
// it; a table without an order_no column is one order. Rows above the header
// (a title block) fill fields the rows leave empty, for every order. The
// orders go to out in the order they first appear.
//
// A first pass tells each row's order; the second reads the orders. When
// each order's rows are together (an export), an order goes to out as
// soon as its last row is read, and only that order is held; otherwise,
// when out hands orders out one by one, the orders are read in rounds of at
// most maxLinesInFlight lines.
func readFlat(g *grid, h header, body rowSource, opt Options, out *sink) invoice.Problems {
	fps := requireColumns(g, h)
	unknownColumns(g, h, opt, true)
	noCol, hasNo := h.col["order_no"]
	// owner is each row's order's index+1; negative for its total row.
	var owner []int32
	var lines []int // each order's item lines
	byNo := map[string]int{}
	cur, last, inOrder := -1, -1, true
	body(func(j int, row gridRow) bool {
		owner = append(owner, 0)
		if row.blank() {
			return true
		}
		if _, ok := totalRow(g, row, h); ok {
			if cur >= 0 {
				owner[j] = -int32(cur + 1)
				inOrder, last = inOrder && cur >= last, cur
			}
			return true
		}
		no := ""
		if hasNo {
			no = row.text(noCol)
		}
		item := isItemRow(row, h)
		if !item && no == "" {
			if opt.Verbose != nil {
				opt.Verbose(fmt.Sprintf("%s: ignored row (no item, no order number)", g.rowLoc(row)))
			}
			return true
		}
		if i, ok := byNo[no]; ok && no != "" {
			cur = i
		} else if no != "" || cur < 0 {
			cur = len(lines)
			lines = append(lines, 0)
			if no != "" {
				// The order is found again by its number as read.
				r := newOrderReader(g.file, g.rowLoc(row), g.date1904)
				r.set("order_no", g.get(row, noCol), true)
				if _, dup := byNo[r.o.OrderNo]; !dup && r.o.OrderNo != "" {
					byNo[r.o.OrderNo] = cur // a second one is ValidateBatch's duplicate
				}
			}
		}
		owner[j] = int32(cur + 1)
		if item {
			lines[cur]++
		}
		inOrder, last = inOrder && cur >= last, cur
		return true
	})
	if len(lines) == 0 {
		return append(fps, invoice.Errorf(g.rowLoc(g.rows[h.row]), invoice.ErrNoItems, "no item lines below the header row"))
	}
	// An order is made at its first row: the row being read.
	var creating gridRow
	q := &orderQueue{lines: lines, inOrder: inOrder, out: out,
		open: func(int) *orderReader {
			row := creating
			r := newOrderReader(g.file, g.rowLoc(row), g.date1904)
			if hasNo && row.text(noCol) != "" {
				r.set("order_no", g.get(row, noCol), true)
			}
			return r
		},
		close: func(_ int, r *orderReader) {
			for i := 0; i < h.row; i++ {
				r.scanLabels(g, g.rows[i], opt)
			}
		}}
	q.read(func(lo, hi int) bool {
		wanted := true
		body(func(j int, row gridRow) bool {
			o, total := int(owner[j]), owner[j] < 0
			if total {
				o = -o
			}
			if o--; o < lo || o >= hi {
				return true // o is -1 for a row of no order
			}
			creating = row
			r := q.reader(o)
			if r == nil {
				wanted = false
				return false
			}
			if total {
				tc, _ := totalRow(g, row, h)
				r.setTotal(tc)
				return true
			}
			no := ""
			if hasNo {
				no = row.text(noCol)
			}
			for key, col := range h.col {
				if h.kind[key] == 1 && key != "order_no" {
					r.set(key, g.orderCell(row, col, key), true)
				} else if key == "order_no" && no == "" {
					r.set(key, g.get(row, col), true)
				}
			}
			if isItemRow(row, h) {
				r.readItem(g, row, h)
			}
			return true
		})
		return wanted
	})
	return fps
}

// rowSource hands the rows below a table's header to fn, in order, with
// their index from 0, until fn returns false; it gives the same rows every
// time it is called.
type rowSource func(fn func(j int, row gridRow) bool)

// rowsOf is the rows of g below row h as a rowSource.
func rowsOf(g *grid, h header) rowSource {
	return func(fn func(j int, row gridRow) bool) {
		for j, row := range g.rows[h.row+1:] {
			if !fn(j, row) {
				return
			}
		}
	}
}
