package invoice_test

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
)

// A 30% T/T deposit on a total that does not divide evenly: the deposit is
// rounded to the cent and the balance takes the rest, so the two payments
// always add up to the invoice total (M-4).
func ExampleSplit() {
	usd := invoice.MustCurrency("USD")
	total := decimal.RequireFromString("12345.67")
	deposit, balance := invoice.Split(total, decimal.NewFromInt(30), usd)
	fmt.Println("deposit:", usd.Format(deposit))
	fmt.Println("balance:", usd.Format(balance))
	fmt.Println("sum:", usd.Format(deposit.Add(balance)))
	// Output:
	// deposit: 3,703.70
	// balance: 8,641.97
	// sum: 12,345.67
}

// A 1688 quote prices small parts to a tenth of a fen; only the line amount
// is rounded (M-1), and freight is itemized as customs requires (CI-3).
func ExampleOrder_Totals() {
	o := &invoice.Order{
		Currency: invoice.MustCurrency("CNY"),
		Items: []invoice.Item{
			{DescriptionEN: "M3 stainless steel screw", Quantity: decimal.NewFromInt(1250), UnitPrice: decimal.RequireFromString("0.085")},
			{DescriptionEN: "Nylon washer", Quantity: decimal.NewFromInt(333), UnitPrice: decimal.RequireFromString("0.0415")},
		},
		Charges: []invoice.Charge{{DescriptionEN: "Domestic freight", Amount: decimal.NewFromInt(45)}},
	}
	t := o.Totals()
	for i, a := range t.Lines {
		fmt.Printf("line %d: %s\n", i+1, o.Currency.Format(a))
	}
	fmt.Println("total:", o.Currency.Format(t.Total))
	for _, s := range t.Stages() {
		fmt.Printf("%s %s%%: %s\n", s.Kind, s.Percent, o.Currency.Format(s.Amount))
	}
	// Output:
	// line 1: 106.25
	// line 2: 13.82
	// total: 165.07
	// deposit 30%: 49.52
	// balance 70%: 115.55
}

// Problems point at the cell to fix.
func ExampleProblem() {
	p := invoice.Errorf(invoice.Location{File: "order.xlsx", Sheet: "Items", Cell: "F12"},
		invoice.ErrNotANumber, "quantity %q is not a number", "12pcs")
	fmt.Println(p)
	// Output:
	// order.xlsx!Items!F12: quantity "12pcs" is not a number
}
