package batch

import (
	"slices"
	"strings"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
)

// A batch is issued in two passes over its files when it is loaded light
// (LoadOptions.Light). The first pass (Load) reads and checks every file,
// a few at a time, and keeps of each order only its number, the cell of
// its number, its problems and its documents: the batch-level checks
// (an order number twice, two orders' file names alike), --fail-fast,
// --resume and the refusal to overwrite all need every order's number
// before the first document is written, and nothing more. The second
// pass (Generate) reads each file again, one at a time, as its orders'
// turn comes, and hands the whole orders to the renderers; an order is
// let go once it is handed over. Memory is then that of the file being
// issued and the orders in flight, not that of the batch: a workbook is
// bounded (a million cells, about 4,000 orders of 20 lines), a batch is
// not. Reading twice costs about a tenth of the CPU of drawing.

// lightRef is where a light order's whole is read again from.
type lightRef struct {
	file  string
	index int // among the orders of file, in the order read
	opt   LoadOptions
	docs  []pdf.Document
}

// lighten replaces the order by a light copy that keeps its number and
// where it was read from (strings copied, so that the file's text can be
// freed), remembering the documents the whole order is issued.
func lighten(o *Order, file string, index int, opt LoadOptions) {
	full := o.Order
	sh := &invoice.Order{OrderNo: strings.Clone(full.OrderNo), Source: cloneLocation(full.Source)}
	if l, ok := full.Where["order_no"]; ok {
		sh.Where = map[string]invoice.Location{"order_no": cloneLocation(l)}
	}
	opt.Read.Verbose = nil // the first pass said it all
	o.Order = sh
	o.light = &lightRef{file: file, index: index, opt: opt, docs: DocumentsOf(full, opt.Docs)}
	for i := range o.Problems {
		o.Problems[i].Where = cloneLocation(o.Problems[i].Where)
	}
}

func cloneLocation(l invoice.Location) invoice.Location {
	l.Sheet, l.Cell = strings.Clone(l.Sheet), strings.Clone(l.Cell)
	return l
}

// documents is the set of documents the order is issued (DocumentsOf).
func (o *Order) documents(asked []pdf.Document) []pdf.Document {
	if o.light != nil {
		return o.light.docs
	}
	return DocumentsOf(o.Order, asked)
}

// rereader gives the whole of light orders, reading their files again one
// at a time, in the order the orders come.
type rereader struct {
	file   string
	orders []*Order
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
	if r.file != l.file || r.orders == nil {
		r.file, r.orders = l.file, nil // let the previous file go first
		r.orders, _ = loadFile(l.file, l.opt.Read, l.opt)
		RequireDocuments(r.orders, l.opt.Docs)
	}
	var w *Order
	if l.index < len(r.orders) {
		w, r.orders[l.index] = r.orders[l.index], nil
	}
	if w == nil || w.OrderNo != o.OrderNo || !w.OK() || !slices.Equal(DocumentsOf(w.Order, l.opt.Docs), l.docs) {
		return nil, invoice.Problems{invoice.Errorf(o.At("order_no"), invoice.ErrFile,
			"order %s not issued: %s changed while the batch was being issued; check it and run again", o.OrderNo, l.file)}
	}
	return &Order{Order: w.Order, Problems: o.Problems}, nil
}
