package batch

import (
	"slices"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
)

// DocumentsOf is the set of documents an order is issued: those asked for,
// or, when none were, its PI and CI and, if it has packing data, its
// packing list.
func DocumentsOf(o *invoice.Order, asked []pdf.Document) []pdf.Document {
	if asked != nil {
		return asked
	}
	docs := []pdf.Document{pdf.Proforma, pdf.Commercial}
	if o.HasPacking() {
		docs = append(docs, pdf.Packing)
	}
	return docs
}

// RequireDocuments adds an error to each order that cannot have a document
// asked for: a packing list for an order without packing data. check and
// generate call it alike, so check reports what generate would refuse.
func RequireDocuments(orders []*Order, asked []pdf.Document) {
	if !slices.Contains(asked, pdf.Packing) {
		return
	}
	for _, o := range orders {
		if !o.HasPacking() {
			o.Problems = append(o.Problems, invoice.Errorf(o.Source, invoice.ErrMissing,
				"order %s has no packing data for the packing list asked for (--docs pl): give each line's cartons (箱数) or carton_no (箱号)", o.OrderNo))
		}
	}
}
