package batch

import (
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
)

func TestDocumentsOfAnOrder(t *testing.T) {
	ten := decimal.NewFromInt(10)
	packed := &Order{Order: &invoice.Order{OrderNo: "PO-1", Items: []invoice.Item{{Cartons: &ten}}}}
	loose := &Order{Order: &invoice.Order{OrderNo: "PO-2", Items: []invoice.Item{{}}}}
	tests := []struct {
		name  string
		o     *Order
		asked []pdf.Document
		want  []pdf.Document
	}{
		{"order with cartons, nothing asked: PI, CI and packing list", packed, nil, []pdf.Document{pdf.Proforma, pdf.Commercial, pdf.Packing}},
		{"order without packing data, nothing asked: PI and CI", loose, nil, []pdf.Document{pdf.Proforma, pdf.Commercial}},
		{"only the CI asked for", packed, []pdf.Document{pdf.Commercial}, []pdf.Document{pdf.Commercial}},
	}
	for _, tt := range tests {
		if got := DocumentsOf(tt.o.Order, tt.asked); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	RequireDocuments([]*Order{packed, loose}, []pdf.Document{pdf.Packing})
	if !packed.OK() || loose.OK() || !strings.Contains(loose.Problems.Error(), "order PO-2 has no packing data") {
		t.Errorf("packed %v, loose %v", packed.Problems, loose.Problems)
	}
}
