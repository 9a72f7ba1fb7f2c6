// Package batch runs tradedocs over many order files at once: it gathers the
// order files, reads and validates every order, and issues each valid order's
// documents (PI, CI, wire memo) with a pool of workers, atomically, recording
// every file issued in a manifest an auditor can check.
package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/tradedocs/tradedocs/images"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/orderjson"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// Order is one order ready for (or barred from) issuing documents: the order
// as read and every problem found in it, reading and validation alike.
type Order struct {
	*invoice.Order
	Problems invoice.Problems
	// light, when set, says the order was loaded light (LoadOptions.Light):
	// Order holds only its number and where it was read from, and
	// Generate reads the file again for the rest.
	light *lightRef
	// keptFrom, when set, says a light load kept the order whole (it is
	// of the last file read): Generate lightens it once it is handed over.
	keptFrom *lightFile
}

// OK reports whether the order's documents can be issued: no problem is an
// error (warnings do not stop it).
func (o *Order) OK() bool { return !o.Problems.HasErrors() }

// LoadOptions tune how order files are read and checked.
type LoadOptions struct {
	// Read passes options (such as a verbose hook) to the spreadsheet reader.
	Read spreadsheet.Options
	// Covers says whether the font draws a rune; characters it lacks are
	// problems of severity CharSeverity. Nil skips the check.
	Covers       func(rune) bool
	CharSeverity invoice.Severity
	// Units is the unit table the CI prints units with; texts the CI would
	// print without English are warnings (CI-11). The zero value is the
	// bundled table.
	Units invoice.Units
	// FBA checks every order's cartons against Amazon FBA's limits (PL-2),
	// not only those consigned to an Amazon fulfilment centre.
	FBA bool
	// Memo, when set, is the writer of the wire memos generate would
	// write: what it would warn about (a supplier name shortened to fit,
	// T-2) is the order's problem too.
	Memo *memo.Writer
	// Docs are the documents generate will be asked for (nil: each order's
	// own set): an order that cannot have one (a packing list without
	// packing data) gets an error.
	Docs []pdf.Document
	// FontName names the fonts Covers describes in messages ("not in
	// NotoSerif.ttf"); empty means the bundled font.
	FontName string
	// Light keeps of each order, once its file is read and checked, only
	// its number, the cell of its number, its problems and the documents
	// it is issued: what generate needs to plan a batch and report on it.
	// Generate reads each file again when its orders' turn comes, so that
	// a batch of many files takes the memory of one file, not of all its
	// orders (see light.go). The last file's orders are kept whole up to
	// a bound, so that a batch of one workbook is usually read once.
	// check, which draws every order in memory, loads them whole.
	Light bool
	// Amounts keeps, of each order loaded light, the amounts a report
	// shows (Order.Amounts): generate --json reports them.
	Amounts bool
}

// Load reads every order in the given files and directories (a directory
// contributes its .xlsx, .csv and order .json files, not its subdirectories' ones),
// validates each order and the batch as a whole, and returns the orders in
// file order with their problems (with opt.Light, light orders that only
// Generate can issue). fileProblems are those not tied to one order: an
// unreadable file, a directory without order files.
func Load(paths []string, opt LoadOptions) (orders []*Order, fileProblems invoice.Problems) {
	files, ps := OrderFiles(paths)
	fileProblems = append(fileProblems, ps...)
	// Files are read and their orders checked in parallel, a month-end
	// folder holding many workbooks; results keep the files' order.
	type loaded struct {
		orders []*Order
		ps     invoice.Problems
	}
	read := opt.Read
	if v := read.Verbose; v != nil {
		var mu sync.Mutex
		read.Verbose = func(msg string) { mu.Lock(); defer mu.Unlock(); v(msg) }
	}
	out := make([]loaded, len(files))
	// A light load reads one file at a time: reading a workbook takes
	// far more memory for a while than its orders keep, and a light
	// load is for batches whose memory must not grow with their files.
	sem := make(chan struct{}, runtime.NumCPU())
	if opt.Light {
		sem = make(chan struct{}, 1)
	}
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if opt.Light {
				out[i].orders, out[i].ps = loadLight(f, read, opt, i == len(files)-1)
			} else {
				out[i].orders, out[i].ps = loadFile(f, read, opt)
			}
		}()
	}
	wg.Wait()
	for _, l := range out {
		fileProblems = append(fileProblems, l.ps...)
		orders = append(orders, l.orders...)
	}
	checkBatch(orders, opt)
	return orders, fileProblems
}

// loadFile reads one order file and checks each of its orders on its own
// (not against the batch).
func loadFile(f string, read spreadsheet.Options, opt LoadOptions) (orders []*Order, ps invoice.Problems) {
	ps = loadEach(f, read, opt, func(o *Order) bool {
		orders = append(orders, o)
		return true
	})
	if errors.Is(ps, ErrInternal) {
		orders = nil
	}
	return orders, ps
}

// loadEach reads one order file and hands each of its orders to yield as
// soon as it is read and checked on its own (not against the batch), in
// the file's order, so that a big workbook need not be held whole
// (spreadsheet.ReadEach); it stops when yield returns false. It returns
// the problems of the file itself.
func loadEach(f string, read spreadsheet.Options, opt LoadOptions, yield func(*Order) bool) (ps invoice.Problems) {
	defer func() {
		// A bug met checking one file is that file's internal
		// error, not the end of the process (whose exit status
		// would look like a usage error's).
		if v := recover(); v != nil {
			// spreadsheet.ReadEach passes a panic of yield on as it is.
			ps = invoice.Problems{invoice.Errorf(invoice.Location{File: f}, ErrInternal,
				"internal error (a bug of tradedocs, please report it with this message): %v\n%s", v, debug.Stack())}
		}
	}()
	if opt.Units.IsZero() {
		opt.Units = invoice.BundledUnits()
	}
	each := func(r spreadsheet.Result) bool {
		o := checkOrder(r, opt)
		// Pictures named by a file on disk are read from beside it,
		// bounded (IN-5); an upload brings its own (LoadUploads).
		o.Problems = append(o.Problems, images.Check(o.Order)...)
		return yield(o)
	}
	if !strings.EqualFold(filepath.Ext(f), ".json") {
		return spreadsheet.ReadEach(f, read, each)
	}
	o, ps := orderjson.ReadFile(f)
	if o != nil {
		each(spreadsheet.Result{Order: o, Problems: ps})
		ps = nil
	}
	return ps
}

// checkOrders validates each order read from one file and checks that the
// font draws its characters.
func checkOrders(results []spreadsheet.Result, opt LoadOptions) []*Order {
	if opt.Units.IsZero() {
		opt.Units = invoice.BundledUnits()
	}
	var orders []*Order
	for _, r := range results {
		orders = append(orders, checkOrder(r, opt))
	}
	return orders
}

// checkOrder validates one order as read and checks that the font draws
// its characters; opt.Units must be set.
func checkOrder(r spreadsheet.Result, opt LoadOptions) *Order {
	o := &Order{Order: r.Order, Problems: append(invoice.Problems(nil), r.Problems...)}
	o.Problems = append(o.Problems, o.Validate()...)
	o.Problems = append(o.Problems, o.CheckEnglish(opt.Units)...)
	if opt.FBA && !o.ShipsToAmazon() { // Validate checked those
		o.Problems = append(o.Problems, o.FBAProblems()...)
	}
	if opt.Covers != nil {
		o.Problems = append(o.Problems, o.CheckCharactersIn(opt.FontName, opt.Covers, opt.CharSeverity)...)
	}
	if opt.Memo != nil {
		o.Problems = o.Problems.Merge(opt.Memo.Check(o.Order))
	}
	return o
}

// checkBatch validates the orders as a whole (no order number twice).
func checkBatch(orders []*Order, opt LoadOptions) {
	if !opt.Light { // a light load checked them while they were whole
		RequireDocuments(orders, opt.Docs)
	}
	for i, ps := range NameProblems(orders) {
		orders[i].Problems = orders[i].Problems.Merge(ps)
	}
	all := make([]*invoice.Order, len(orders))
	for i, o := range orders {
		all[i] = o.Order
	}
	for _, p := range invoice.ValidateBatch(all) {
		// A duplicate belongs to the later order: attach it there.
		for _, o := range orders {
			if o.At("order_no") == p.Where {
				o.Problems = append(o.Problems, p)
				break
			}
		}
	}
}

// OrderFiles expands the command line's files and directories into the order
// files to read, sorted within each directory so that runs are repeatable.
// Office lock files (~$order.xlsx) and hidden files are skipped; other
// spreadsheet files (.ods, .xls, .xlsb, .numbers, .et) are listed, so that
// reading them names each with its advice.
func OrderFiles(paths []string) ([]string, invoice.Problems) {
	var files []string
	var ps invoice.Problems
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			ps = append(ps, invoice.Errorf(invoice.Location{File: p}, invoice.ErrFile, "cannot open: %v", unwrapPathError(err)))
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			ps = append(ps, invoice.Errorf(invoice.Location{File: p}, invoice.ErrFile, "cannot read directory: %v", unwrapPathError(err)))
			continue
		}
		var found []string
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
				continue
			}
			switch strings.ToLower(filepath.Ext(name)) {
			case ".xlsx", ".xlsm", ".csv", ".json":
				found = append(found, filepath.Join(p, name))
			case ".ods", ".xls", ".xlsb", ".numbers", ".et":
				// Spreadsheets tradedocs cannot read: read anyway, so that
				// each is named with the advice it gets when given by
				// name (save it as .xlsx), never skipped silently.
				found = append(found, filepath.Join(p, name))
			}
		}
		sort.Strings(found)
		if len(found) == 0 {
			ps = append(ps, invoice.Errorf(invoice.Location{File: p}, invoice.ErrFile, "directory has no .xlsx, .csv or .json order files"))
		}
		files = append(files, found...)
	}
	return onceEach(files), ps
}

// onceEach drops a file named again (twice by a glob, or by name and
// through its folder): read twice, each of its orders would appear twice
// in the batch and be refused.
func onceEach(files []string) []string {
	seen := map[string]bool{}
	out := files[:0]
	for _, f := range files {
		key := filepath.Clean(f)
		if abs, err := filepath.Abs(f); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
	}
	return out
}

// unwrapPathError drops Go's "open NAME:" or "link A B:" from an
// operating system error, for messages that name the file themselves.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// Summary counts the problems of a load for the one-line report:
// "3 files, 5 orders: 2 errors, 1 warning".
func Summary(files, orders int, ps invoice.Problems) string {
	e, w := ps.Count()
	return fmt.Sprintf("%s, %s: %s, %s", plural(files, "file"), plural(orders, "order"), plural(e, "error"), plural(w, "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
