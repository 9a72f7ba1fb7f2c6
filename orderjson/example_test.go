package orderjson_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/orderjson"
)

// An order read from a workbook, as its PI and CI carry it: amounts as
// plain decimals, each value with the cell it came from.
func ExampleMarshal() {
	o := &invoice.Order{
		OrderNo:  "PO-7",
		Currency: invoice.MustCurrency("USD"),
		Items: []invoice.Item{{
			DescriptionEN: "Desk lamp", Quantity: decimal.RequireFromString("1500"), UnitPrice: decimal.RequireFromString("62.4276"),
			Where: map[string]invoice.Location{"quantity": {File: "po.xlsx", Sheet: "Items", Cell: "F12"}},
		}},
		Where:  map[string]invoice.Location{"order_no": {File: "po.xlsx", Sheet: "Order", Cell: "B3"}},
		Source: invoice.Location{File: "po.xlsx", Sheet: "Order"},
	}
	b, _ := orderjson.Marshal(o)
	fmt.Print(string(b))
	// Output:
	// {"format":"tradedocs-order/1","file":"po.xlsx","source":"Order","order":{"currency":{"value":"USD"},"order_no":{"value":"PO-7","cell":"Order!B3"}},"items":[{"values":{"description_en":{"value":"Desk lamp"},"quantity":{"value":"1500","cell":"Items!F12"},"unit_price":{"value":"62.4276"}}}],"totals":{"balance":"65548.98","charges":"0.00","deposit":"28092.42","deposit_percent":"30","goods":"93641.40","total":"93641.40"}}
}
