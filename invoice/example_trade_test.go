package invoice_test

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
)

// The CI prints a Chinese unit with its English trade unit first (CI-11).
func ExampleUnits_OnCI() {
	u := invoice.BundledUnits()
	for _, unit := range []string{"个", "套", "双", "千克", "pcs"} {
		fmt.Println(u.OnCI(unit))
	}
	// Output:
	// pcs 个
	// sets 套
	// pairs 双
	// kg 千克
	// pcs
}

// Charges are classified from their words when no kind is given (I-2).
func ExampleCharge_Class() {
	for _, c := range []invoice.Charge{
		{DescriptionZH: "海运费", Amount: decimal.NewFromInt(486)},
		{DescriptionEN: "Cargo insurance, 110% of CIF value", Amount: decimal.NewFromInt(38)},
		{DescriptionEN: "Export pallets", DescriptionZH: "打托费", Amount: decimal.NewFromInt(60)},
		{DescriptionEN: "Early-order discount", Amount: decimal.NewFromInt(-50)},
	} {
		fmt.Printf("%s: %s\n", c.Label(), c.Class())
	}
	// Output:
	// Freight 海运费: freight
	// Cargo insurance, 110% of CIF value: insurance
	// Export pallets 打托费: packing
	// Early-order discount: discount
}

// Origin is printed as the country's English name and ISO code (CI-9).
func ExampleCountryName() {
	for _, s := range []string{"CN", "中国", "P.R. China", "Vietnam"} {
		fmt.Println(invoice.CountryName(s))
	}
	// Output:
	// China (CN)
	// China (CN)
	// China (CN)
	// Vietnam (VN)
}
