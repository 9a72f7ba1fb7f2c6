package invoice_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/invoice"
)

func ExamplePackagesInWords() {
	en, zh := invoice.PackagesInWords(124, "")
	fmt.Println(en)
	fmt.Println(zh)
	en, zh = invoice.PackagesInWords(1, "pallets")
	fmt.Println(en, zh)
	// Output:
	// SAY ONE HUNDRED TWENTY-FOUR CARTONS ONLY
	// 壹佰贰拾肆箱
	// SAY ONE PALLET ONLY 壹托
}

func ExampleParseCartonSize() {
	for _, s := range []string{"60x40x35", "60*40*35", "60×40×35 cm"} {
		size, _ := invoice.ParseCartonSize(s)
		fmt.Println(size, size.Volume(), "m³ a carton")
	}
	// Output:
	// 60×40×35 0.084 m³ a carton
	// 60×40×35 0.084 m³ a carton
	// 60×40×35 0.084 m³ a carton
}

func ExampleOrder_Packing() {
	ctns := func(s string) *decimal.Decimal { return invoice.DecimalPtr(decimal.RequireFromString(s)) }
	o := &invoice.Order{Items: []invoice.Item{
		{DescriptionEN: "Desk lamp", CartonNo: "1-24", Cartons: ctns("24"), CartonSize: "60x40x35"},
		{DescriptionEN: "Cable", CartonNo: "25-84", Cartons: ctns("60"), CartonSize: "50x30x30"},
		{DescriptionEN: "Charger", CartonNo: "25-84"}, // packed with the cables
	}}
	p := o.Packing()
	for _, l := range p.Lines {
		fmt.Println(l.Item.DescriptionEN, l.Range, l.Mixed, l.First)
	}
	fmt.Println(p.Cartons, "cartons,", p.CBM.StringFixed(3), "m³")
	// Output:
	// Desk lamp 1-24 false true
	// Cable 25-84 true true
	// Charger 25-84 true false
	// 84 cartons, 4.716 m³
}
