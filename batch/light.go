package batch

import (
	"errors"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// A batch is issued in two passes over its files when it is loaded light
// (LoadOptions.Light). The first pass (Load) reads and checks every file,
// one at a time, each order as soon as the reader has it
// (spreadsheet.ReadEach), and keeps of each order only its number, the
// cell of its number, its problems and its documents: the batch-level
// checks (an order number twice, two orders' file names alike),
// --fail-fast, --resume and the refusal to overwrite all need every
// order's number before the first document is written, and nothing more.
// The second pass (Generate) reads each file again, one at a time, as its
// orders' turn comes, and hands each whole order to the renderers as soon
// as it is read: an order is let go once it is issued. Memory is then
// that of the orders in flight and the reader's, not that of the batch
// nor of a big workbook.
//
// Reading twice costs about a tenth of the CPU of drawing, so the orders
// of the last file read are kept whole instead, while their lines number
// at most maxKeptLines (about 30 MB), and issued first: a batch of one
// workbook of up to about 1,500 orders of 20 lines, the usual run, is
// read once; a bigger one is read again like the others.

// maxKeptLines bounds the item lines of the orders a light load keeps
// whole (about 1 KB each).
var maxKeptLines = 30_000

// loadLight reads and checks one file of a light load. Its orders are
// lightened as they come, except, when last, while maxKeptLines lasts.
func loadLight(file string, read spreadsheet.Options, opt LoadOptions, last bool) (orders []*Order, ps invoice.Problems) {
	ropt := opt
	ropt.Read.Verbose = nil // the first pass said it all
	from := &lightFile{file: file, opt: ropt}
	var sets [][]pdf.Document
	lines, keep := 0, last
	ps = loadEach(file, read, opt, func(o *Order) bool {
		// The documents each order can have are known now, while the
		// order is whole.
		RequireDocuments([]*Order{o}, opt.Docs)
		if keep && lines+len(o.Items) > maxKeptLines {
			keep = false
			for i, k := range orders {
				k.keptFrom = nil
				lighten(k, from, i, &sets)
			}
		}
		if keep {
			lines += len(o.Items)
			o.keptFrom = from
		} else {
			lighten(o, from, len(orders), &sets)
		}
		orders = append(orders, o)
		return true
	})
	if errors.Is(ps, ErrInternal) {
		orders = nil
	}
	return orders, ps
}

// lightRef is where a light order's whole is read again from.
type lightRef struct {
	from    *lightFile
	index   int // among the orders of file, in the order read
	docs    []pdf.Document
	amounts *Amounts // with LoadOptions.Amounts, of an order without errors
}

// Amounts is what a report shows of an order's money: its currency and
// its total with the deposit and balance it is paid in (M-4).
type Amounts struct {
	Currency                                invoice.Currency
	Total, Deposit, Balance, DepositPercent decimal.Decimal
}

// Amounts returns the order's amounts, ok false when there are none to
// show: the order has errors, its currency is unknown, or it was loaded
// light without LoadOptions.Amounts.
func (o *Order) Amounts() (a Amounts, ok bool) {
	if !o.OK() {
		return Amounts{}, false // a batch check may have found an error since
	}
	if o.light != nil {
		if o.light.amounts == nil {
			return Amounts{}, false
		}
		return *o.light.amounts, true
	}
	if o.Currency.IsZero() {
		return Amounts{}, false
	}
	t := o.Totals()
	return Amounts{Currency: o.Currency, Total: t.Total, Deposit: t.Deposit, Balance: t.Balance, DepositPercent: t.DepositPercent}, true
}

// lightFile is what the light orders of one file share: the file and the
// options it is read again with.
type lightFile struct {
	file string
	opt  LoadOptions
}

// lighten replaces the order by a light copy that keeps its number and
// the cell of its number, as its Source (what At("order_no") gives), and
// where it was read from, remembering the documents the whole order is
// issued. Strings are copied, so that the file's text can be freed; the
// lists of documents are shared among the file's orders (sets), most
// orders of a batch having the same. A light order keeps about 1.6 KB,
// most of it the empty invoice.Order.
func lighten(o *Order, from *lightFile, index int, sets *[][]pdf.Document) {
	full := o.Order
	docs := DocumentsOf(full, from.opt.Docs)
	if k := slices.IndexFunc(*sets, func(d []pdf.Document) bool { return slices.Equal(d, docs) }); k >= 0 {
		docs = (*sets)[k]
	} else {
		docs = slices.Clip(docs)
		*sets = append(*sets, docs)
	}
	var amounts *Amounts
	if from.opt.Amounts {
		if a, ok := o.Amounts(); ok {
			amounts = &a
		}
	}
	o.Order = &invoice.Order{OrderNo: strings.Clone(full.OrderNo), Source: cloneLocation(full.At("order_no")),
		Currency: invoice.Currency{Code: strings.Clone(full.Currency.Code), MinorUnits: full.Currency.MinorUnits}}
	if amounts != nil {
		amounts.Currency = o.Currency // the copy: the sheet's text can go
	}
	o.light = &lightRef{from: from, index: index, docs: docs, amounts: amounts}
	for i := range o.Problems {
		o.Problems[i].Where = cloneLocation(o.Problems[i].Where)
	}
	o.Problems = slices.Clip(o.Problems)
}

// handOver returns the whole of an order a light load kept whole, for
// Generate to issue, and keeps only a light copy in o (as lighten does),
// so that the batch's list of orders does not hold the whole one once it
// is issued.
func (o *Order) handOver() *Order {
	w := &Order{Order: o.Order, Problems: slices.Clone(o.Problems)}
	var sets [][]pdf.Document
	lighten(o, o.keptFrom, -1, &sets)
	o.keptFrom = nil
	return w
}

func cloneLocation(l invoice.Location) invoice.Location {
	l.Sheet, l.Cell = strings.Clone(l.Sheet), strings.Clone(l.Cell)
	return l
}

// Documents is the set of documents the order is issued when asked for
// those (DocumentsOf), also of an order loaded light.
func (o *Order) Documents(asked []pdf.Document) []pdf.Document {
	if o.light != nil {
		return o.light.docs
	}
	return DocumentsOf(o.Order, asked)
}

// rereader gives the whole of light orders, reading their files again one
// at a time, in the order the orders come: a reader goroutine hands the
// file's orders over one by one (loadEach), a few ahead at most.
type rereader struct {
	file   string
	next   int // index in file of the order the stream gives next
	orders chan *Order
	stop   chan struct{}
}

// whole returns the light order o read whole again, with the problems
// the first pass found. A file changed since (its order at that place
// has another number, or now has an error) gives an error of the order
// and no order: what was checked is what is issued.
func (r *rereader) whole(o *Order) (*Order, invoice.Problems) {
	l := o.light
	if l == nil {
		return o, nil
	}
	f := l.from
	if r.file != f.file || r.orders == nil || l.index < r.next {
		r.close() // let the previous file go first
		r.open(f)
	}
	var w *Order
	for r.next <= l.index {
		x, ok := <-r.orders
		if !ok {
			break
		}
		if r.next == l.index {
			w = x
		}
		r.next++
	}
	if w == nil || w.OrderNo != o.OrderNo || !w.OK() || !slices.Equal(DocumentsOf(w.Order, f.opt.Docs), l.docs) {
		return nil, invoice.Problems{invoice.Errorf(o.At("order_no"), invoice.ErrFile,
			"order %s not issued: %s changed while the batch was being issued; check it and run again", o.OrderNo, f.file)}
	}
	return &Order{Order: w.Order, Problems: o.Problems}, nil
}

// open starts reading file f again.
func (r *rereader) open(f *lightFile) {
	orders, stop := make(chan *Order, 4), make(chan struct{})
	r.file, r.next, r.orders, r.stop = f.file, 0, orders, stop
	go func() {
		defer close(orders)
		loadEach(f.file, f.opt.Read, f.opt, func(o *Order) bool {
			RequireDocuments([]*Order{o}, f.opt.Docs)
			select {
			case orders <- o:
				return true
			case <-stop:
				return false
			}
		})
	}()
}

// close stops the reading under way, if any, and waits for its end.
func (r *rereader) close() {
	if r.orders == nil {
		return
	}
	close(r.stop)
	for range r.orders {
	}
	r.file, r.orders, r.stop = "", nil, nil
}
