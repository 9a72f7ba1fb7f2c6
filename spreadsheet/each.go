package spreadsheet

import (
	"errors"
	"os"
	"runtime/debug"

	"github.com/tradedocs/tradedocs/invoice"
)

// ReadEach reads the orders of an .xlsx or .csv file as ReadFile does, and
// hands each order to yield as soon as it is read, in ReadFile's order and
// with the same problems, so that a batch can render an order and let it
// go instead of holding every order of a big workbook (issue 16). It stops
// early when yield returns false. It returns the problems of the file as
// a whole, ReadFile's fileProblems, once the orders are read.
//
// A workbook of many orders (sheet Orders beside its Items) is read in
// bounded memory: its Items sheet is streamed from the zip twice, once to
// tell which rows belong to which order, once to read them. When each
// order's lines are together and in the Orders sheet's order (an export),
// an order is handed out as soon as its last line is read, and only the
// order being read is held. Otherwise the lines are read in rounds of at
// most maxLinesInFlight lines' orders, one pass over the sheet a round.
// A flat table (a CSV export, an Items sheet with order columns) is read
// the same way, its rows parsed again from the file's text or streamed
// again from the zip on each pass. A workbook with formulas is read whole
// first: a formula's problem goes to the order that reads its cell. Notes
// to Options.Verbose may come in another order than ReadFile's. A panic in
// yield is yield's own: it is not turned into a problem of the file.
func ReadEach(path string, opt Options, yield func(Result) bool) invoice.Problems {
	data, fps := readOrderFile(path)
	if fps != nil {
		return fps
	}
	return readEach(path, data, opt, yield)
}

// readEach is ReadEach on bytes already in memory.
func readEach(name string, data []byte, opt Options, yield func(Result) bool) (fileProblems invoice.Problems) {
	at := invoice.Location{File: name}
	out := &sink{yield: yield}
	defer func() {
		// As Read's: orders already handed out stay handed out.
		if e := recover(); e != nil {
			if out.inYield {
				panic(e)
			}
			fileProblems = append(fileProblems, invoice.Errorf(at, invoice.ErrFile,
				"internal error while reading this file (please report it with the file): %v\n%s", e, firstLines(debug.Stack(), 12)))
		}
	}()
	if len(data) > maxFileSize {
		return invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "file is %d MB; an order file is at most %d MB", len(data)>>20, maxFileSize>>20)}
	}
	switch kind := sniff(data); kind {
	case kindZip:
		return readXLSX(name, data, opt, out)
	case kindText:
		return readCSV(name, data, opt, out)
	default:
		return invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "%s", kind)}
	}
}

// sink receives the orders of a file as they are read: it keeps them all
// (ReadFile), or hands each to yield (ReadEach).
type sink struct {
	yield   func(Result) bool // nil: keep them in list
	list    []Result
	stopped bool // yield said stop
	inYield bool // yield is running
}

// put takes an order; false means no more are wanted.
func (s *sink) put(r Result) bool {
	if s.yield == nil {
		s.list = append(s.list, r)
		return true
	}
	if !s.stopped {
		s.inYield = true
		s.stopped = !s.yield(r)
		s.inYield = false
	}
	return !s.stopped
}

// oneByOne reports whether the orders are handed out one by one, so that
// a reader holds as few at once as it can.
func (s *sink) oneByOne() bool { return s.yield != nil }

// maxLinesInFlight bounds the item lines held at once when a workbook's
// lines are not in its orders' order: about 1 KB each.
var maxLinesInFlight = 20_000

// errStop ends a stream of rows early.
var errStop = errors.New("stop")

// itemRouter tells which order each row below an Items sheet's header
// belongs to, as readMany reads them: by its order_no, a blank one naming
// the only order; a total row without one belongs to the order of the
// line above.
type itemRouter struct {
	g     *grid
	h     header
	noCol int
	hasNo bool
	find  func(no string) int // the order's index, or -1
	cur   int                 // the order of the last line, or -1
}

func newItemRouter(g *grid, h header, find func(no string) int) *itemRouter {
	noCol, hasNo := h.col["order_no"]
	return &itemRouter{g: g, h: h, noCol: noCol, hasNo: hasNo, find: find, cur: -1}
}

// row returns the index of the order the row belongs to (-1: none; a line
// naming no known order is reported in fps when fps is not nil), and
// whether the row is the order's total row, with the stated total.
func (t *itemRouter) row(row gridRow, fps *invoice.Problems) (order int, total bool, tc cell) {
	no := ""
	if t.hasNo {
		no = row.text(t.noCol)
	}
	if tc, ok := totalRow(t.g, row, t.h); ok {
		if i := t.find(no); i >= 0 {
			return i, true, tc
		}
		if t.cur >= 0 && no == "" {
			return t.cur, true, tc
		}
		return -1, false, cell{}
	}
	if !isItemRow(row, t.h) {
		return -1, false, cell{}
	}
	i := t.find(no)
	if i < 0 {
		if fps != nil {
			*fps = append(*fps, unknownOrder(t.g, row, t.noCol, no, "item"))
		}
		return -1, false, cell{}
	}
	t.cur = i
	return i, false, cell{}
}

// chargeRow is a Charges line waiting for its order.
type chargeRow struct {
	g   *grid
	row gridRow
	h   header
}

// readManyEach is readMany for ReadEach: it hands out each order as soon as
// it is read, holding only the orders being read. ok is false, with
// nothing handed out and nothing reported, when the workbook is one
// readMany must read (a sheet the fast reader declines, a header missing).
func (wb *workbook) readManyEach(ordersSheet, itemsSheet, chargeSheet string, out *sink) (fps invoice.Problems, ok bool) {
	g, err := wb.sheet(ordersSheet)
	if err != nil {
		return nil, false
	}
	h, ok := findHeader(g, wantOrders, orderIndex)
	if !ok {
		return nil, false
	}
	ig, ih, ok := wb.itemHeader(itemsSheet, orderNoIndex)
	if !ok {
		return nil, false
	}
	orders := g.rows[h.row+1:]
	if _, hasNo := ih.col["order_no"]; !hasNo && len(orders) > 1 {
		return nil, false
	}
	// The order numbers, as the orders' readers will read them.
	byNo := map[string]int{}
	for i, row := range orders {
		r := newOrderReader(wb.name, g.rowLoc(row), wb.date1904)
		r.set("order_no", g.orderCell(row, h.col["order_no"], "order_no"), true)
		if no := r.o.OrderNo; no != "" {
			if _, dup := byNo[no]; !dup {
				byNo[no] = i
			}
		}
	}
	find := func(no string) int {
		if no == "" && len(orders) == 1 {
			return 0
		}
		if i, ok := byNo[no]; ok {
			return i
		}
		return -1
	}
	// First pass: each order's lines, and whether the orders come one
	// after the other.
	lines := make([]int, len(orders))
	inOrder, last := true, -1
	var itemFps invoice.Problems
	route := newItemRouter(ig, ih, find)
	err = wb.rows.stream(itemsSheet, func(i int, row gridRow) error {
		if i <= ih.row {
			return nil
		}
		o, total, _ := route.row(row, &itemFps)
		if o < 0 {
			return nil
		}
		if !total {
			lines[o]++
		}
		inOrder = inOrder && o >= last
		last = o
		return nil
	})
	if err != nil {
		return nil, false
	}

	// From here on the workbook is read as readMany reads it.
	unknownColumns(g, h, wb.opt, true)
	fps = unknownHeaders(g, h, false)
	fps = append(fps, requireColumns(ig, ih)...)
	unknownColumns(ig, ih, wb.opt, true)
	charges := make([][]chargeRow, len(orders))
	var chargeFps invoice.Problems
	if chargeSheet != "" {
		var unknown invoice.Problems
		chargeFps = wb.chargeLines(chargeSheet, len(orders) > 1, func(cg *grid, row gridRow, ch header, noCol int, no string) {
			if i := find(no); i >= 0 {
				charges[i] = append(charges[i], chargeRow{cg, row, ch})
			} else {
				unknown = append(unknown, unknownOrder(cg, row, noCol, no, "charge"))
			}
		})
		chargeFps = append(chargeFps, unknown...)
	}
	q := &orderQueue{lines: lines, inOrder: inOrder, out: out,
		open: func(i int) *orderReader {
			row := orders[i]
			r := newOrderReader(wb.name, g.rowLoc(row), wb.date1904)
			for key, col := range h.col {
				r.set(key, g.orderCell(row, col, key), true)
			}
			return r
		},
		close: func(i int, r *orderReader) {
			for _, c := range charges[i] {
				r.readCharge(c.g, c.row, c.h, wb.opt)
			}
			charges[i] = nil
		}}
	var readErr error
	q.read(func(lo, hi int) bool {
		route := newItemRouter(ig, ih, find)
		err := wb.rows.stream(itemsSheet, func(i int, row gridRow) error {
			if i <= ih.row {
				return nil
			}
			o, total, tc := route.row(row, nil)
			if o < lo || o >= hi {
				return nil
			}
			r := q.reader(o)
			if r == nil {
				return errStop
			}
			if total {
				r.setTotal(tc)
			} else {
				r.readItem(ig, row, ih)
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			readErr = err // the first pass read the same sheet to its end
		}
		return err == nil
	})
	fps = append(append(fps, itemFps...), chargeFps...)
	if readErr != nil {
		fps = append(fps, fileProblem(wb.name, itemsSheet, "%v", readErr))
	}
	return fps, true
}

// orderQueue holds the orders of a file being read while their rows are
// read, and hands each out in the file's order once all its rows are. A
// first pass over the rows told how many item lines each order has, and
// whether the orders' rows come one order after the other.
type orderQueue struct {
	lines   []int // each order's item lines
	inOrder bool  // each order's rows are together, the orders in order
	out     *sink
	// open makes order i's reader, at its first row; close completes it
	// once its rows are read (charges, a title block).
	open  func(i int) *orderReader
	close func(i int, r *orderReader)

	readers []*orderReader // the orders being read
	next    int            // the next order to hand out
}

// reader is order i's reader for its next row; with the orders in order,
// the orders before i are complete and handed out first. nil: the sink
// wants no more orders.
func (q *orderQueue) reader(i int) *orderReader {
	if q.inOrder && !q.handOut(i) {
		return nil
	}
	return q.get(i)
}

// get is order i's reader, made at its first row.
func (q *orderQueue) get(i int) *orderReader {
	if q.readers == nil {
		q.readers = make([]*orderReader, len(q.lines))
	}
	if q.readers[i] == nil {
		r := q.open(i)
		if q.lines[i] > 0 {
			// Room for its lines: growing the slice by appending took a
			// third of reading's memory.
			r.o.Items = make([]invoice.Item, 0, q.lines[i])
		}
		q.readers[i] = r
	}
	return q.readers[i]
}

// handOut completes the orders before upTo and hands them out; false when
// the sink wants no more.
func (q *orderQueue) handOut(upTo int) bool {
	for ; q.next < upTo; q.next++ {
		r := q.get(q.next)
		q.close(q.next, r)
		res := r.result()
		q.readers[q.next] = nil
		if !q.out.put(res) {
			return false
		}
	}
	return true
}

// read reads the orders in rounds: pass reads the rows of orders lo..hi-1
// (false: stop). A round is all the orders when they come one after the
// other or are all kept anyway; otherwise orders of at most
// maxLinesInFlight lines.
func (q *orderQueue) read(pass func(lo, hi int) bool) {
	for lo := 0; lo < len(q.lines); {
		hi, n := lo+1, q.lines[lo]
		for hi < len(q.lines) && (q.inOrder || !q.out.oneByOne() || n+q.lines[hi] <= maxLinesInFlight) {
			n += q.lines[hi]
			hi++
		}
		if !pass(lo, hi) || !q.handOut(hi) {
			return
		}
		lo = hi
	}
}

// flatTable reports whether an item table's header names order fields too
// (other than remarks): a flat table of orders (readFlat).
func flatTable(h header) bool {
	for k, kind := range h.kind {
		if kind == 1 && k != "remarks" {
			return true
		}
	}
	return false
}

// readFlatEach is readFlat on a sheet streamed from the zip on each pass
// (a flat table's orders handed out one by one), or ok false, with nothing
// done, when the sheet is no flat table or the fast reader declines it.
func (wb *workbook) readFlatEach(sheet string, out *sink) (fps invoice.Problems, ok bool) {
	if _, read := wb.grids[sheet]; read {
		return nil, false
	}
	g, h, ok := wb.itemHeader(sheet, orderIndex)
	if !ok || !flatTable(h) {
		return nil, false
	}
	// The whole sheet must read (its limits) before any order is read.
	if err := wb.rows.stream(sheet, func(int, gridRow) error { return nil }); err != nil {
		return nil, false
	}
	body := func(fn func(j int, row gridRow) bool) {
		wb.rows.stream(sheet, func(i int, row gridRow) error {
			if i <= h.row || fn(i-h.row-1, row) {
				return nil
			}
			return errStop
		})
	}
	return readFlat(g, h, body, wb.opt, out), true
}

// itemHeader finds the item table's header in the first rows of a sheet
// (read by the fast reader), with the order columns of orderKeys; g holds
// those rows.
func (wb *workbook) itemHeader(sheet string, orderKeys map[string]string) (g *grid, h header, ok bool) {
	head, err := wb.rows.head(sheet, maxHeaderRow+3)
	if err != nil {
		return nil, header{}, false
	}
	g = wb.newGrid(sheet, head)
	h, ok = findHeader(g, wantItems, itemIndex, orderKeys)
	return g, h, ok
}

// headGrid is a sheet's grid for finding its header: the whole sheet (read
// and kept), or when the orders are handed out one by one, its first rows
// once the whole sheet is found readable.
func (wb *workbook) headGrid(sheet string) (*grid, error) {
	if g, read := wb.grids[sheet]; read || !wb.oneByOne {
		if read {
			return g, nil
		}
		return wb.sheet(sheet)
	}
	head, err := wb.rows.head(sheet, maxHeaderRow+3)
	if err == nil {
		err = wb.rows.stream(sheet, func(int, gridRow) error { return nil })
	}
	if err != nil {
		return wb.sheet(sheet)
	}
	return wb.newGrid(sheet, head), nil
}

// readOrderFile reads an order file's bytes, or says why it cannot.
func readOrderFile(path string) ([]byte, invoice.Problems) {
	at := invoice.Location{File: path}
	st, err := os.Stat(path)
	if err != nil {
		return nil, invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "cannot read the file: %v", unwrapPath(err))}
	}
	if st.IsDir() {
		return nil, invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "is a directory, not an order file (.xlsx or .csv)")}
	}
	if st.Size() > maxFileSize {
		return nil, invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "file is %d MB; an order file is at most %d MB", st.Size()>>20, maxFileSize>>20)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "cannot read the file: %v", unwrapPath(err))}
	}
	return data, nil
}

// head reads the first n non-blank rows of a sheet with the fast reader.
func (s *sheetSource) head(sheet string, n int) ([]gridRow, error) {
	var rows []gridRow
	err := s.stream(sheet, func(i int, row gridRow) error {
		rows = append(rows, row)
		if len(rows) == n {
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	return rows, nil
}

// stream hands a sheet's non-blank rows, with the package's limits
// applied, to row one at a time with their index (as in grid.rows),
// holding none of them: the fast reader's rows, or errSlowPath.
func (s *sheetSource) stream(sheet string, row func(i int, r gridRow) error) error {
	var out sheetRows
	i := 0
	return s.scan(sheet, maxCols, func(n int, cells []string) error {
		if err := out.add(n, cells); err != nil {
			return err
		}
		r := out.rows[0]
		out.rows = out.rows[:0]
		i++
		return row(i-1, r)
	})
}
