package pdf_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
)

// A supplier's proforma invoice for one line of desk lamps. The renderer is
// built once and reused for every order of a batch; the same order always
// gives the same bytes.
func ExampleRenderer_Render() {
	r, err := pdf.New(pdf.Options{Regular: fonts.Regular(), Bold: fonts.Bold(), Paper: "a4",
		Date: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	o := &invoice.Order{
		OrderNo:  "PO-1001",
		PIDate:   invoice.NewDate(2024, 3, 15),
		Seller:   invoice.Party{Name: "Shenzhen Brightway Lighting Co., Ltd.", NameZH: "深圳市明途照明有限公司"},
		Buyer:    invoice.Party{Name: "Harbor Home Goods LLC"},
		Currency: invoice.MustCurrency("USD"),
		Shipment: invoice.Shipment{Incoterm: invoice.FOB, Place: "Shenzhen"},
		Items: []invoice.Item{{DescriptionEN: "LED desk lamp", DescriptionZH: "LED台灯",
			Quantity: decimal.NewFromInt(500), Unit: "pcs", UnitPrice: decimal.RequireFromString("3.5")}},
	}
	var a, b bytes.Buffer
	if err := r.Render(&a, o, pdf.Proforma); err != nil {
		panic(err)
	}
	if err := r.Render(&b, o, pdf.Proforma); err != nil {
		panic(err)
	}
	fmt.Println(bytes.HasPrefix(a.Bytes(), []byte("%PDF-")), a.Len() < 80_000, bytes.Equal(a.Bytes(), b.Bytes()))

	// A character the PDF cannot encode is an error, not a blank.
	o.Items[0].DescriptionZH = "𠮷台灯"
	fmt.Println(r.Render(&a, o, pdf.Proforma))
	// Output:
	// true true true
	// description_zh: character '𠮷' (U+20BB7) is outside the Basic Multilingual Plane, which the PDF fonts cannot encode
}
