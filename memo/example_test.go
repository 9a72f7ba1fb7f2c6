package memo_test

import (
	"fmt"
	"os"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/templates"
)

// A supplier whose name has an ampersand and full-width letters: the memo
// writes them in the SWIFT character set, four lines at most.
func ExampleWriter_Remittance() {
	w, err := memo.New(templates.Bundled)
	if err != nil {
		panic(err)
	}
	o := &invoice.Order{
		OrderNo:  "PO#2024-0315",
		Seller:   invoice.Party{Name: "Ｙｉｗｕ Hongda Import & Export Co., Ltd."},
		Currency: invoice.MustCurrency("USD"),
		Bank:     invoice.Bank{Account: "7451000012345678", SWIFT: "BKCHCNBJ300"},
		Items: []invoice.Item{
			{DescriptionEN: "Ceramic mugs", Quantity: decimal.NewFromInt(1000), UnitPrice: decimal.RequireFromString("12.34567")},
		},
	}
	for _, s := range o.Totals().Stages() {
		lines, problems := w.Remittance(o, s)
		fmt.Printf("%s %s %s (%v problems)\n", s.Kind, o.Currency, o.Currency.Format(s.Amount), len(problems))
		for _, l := range lines {
			fmt.Println("  " + l)
		}
		fmt.Println("  Ustrd:", memo.Ustrd(lines))
	}
	// Output:
	// deposit USD 3,703.70 (0 problems)
	//   PAYMENT FOR GOODS 30PCT DEPOSIT
	//   ORDER PONO.2024-0315
	//   Yiwu Hongda Import and Export Co.,
	//   Ltd.
	//   Ustrd: PAYMENT FOR GOODS 30PCT DEPOSIT ORDER PONO.2024-0315 Yiwu Hongda Import and Export Co., Ltd.
	// balance USD 8,641.97 (0 problems)
	//   PAYMENT FOR GOODS 70PCT BALANCE
	//   ORDER PONO.2024-0315
	//   Yiwu Hongda Import and Export Co.,
	//   Ltd.
	//   Ustrd: PAYMENT FOR GOODS 70PCT BALANCE ORDER PONO.2024-0315 Yiwu Hongda Import and Export Co., Ltd.
}

func ExampleNormalize() {
	for _, s := range []string{"Café Müller GmbH", "ＡＢＣ Ｔｒａｄｉｎｇ", "R&D 30% #7", "深圳市华强电子"} {
		n, err := memo.Normalize(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(n)
	}
	// Output:
	// Cafe Muller GmbH
	// ABC Trading
	// R AND D 30PCT NO.7
	// error: character outside the SWIFT X character set: "深圳市华强电子" has Chinese (or other CJK) characters '深' (U+6DF1), '圳' (U+5733), '市' (U+5E02), '华' (U+534E), '强' (U+5F3A), and 2 more, which SWIFT cannot carry
}

// The text for `tradedocs memo FILE --stage balance`: the lines and nothing
// else.
func ExampleWriter_WriteStage() {
	w, _ := memo.New(templates.Bundled)
	o := &invoice.Order{
		OrderNo:        "SO-88",
		Seller:         invoice.Party{Name: "Café Müller GmbH"},
		Currency:       invoice.MustCurrency("EUR"),
		DepositPercent: invoice.DecimalPtr(decimal.RequireFromString("33.5")),
		Bank:           invoice.Bank{Account: "DE89370400440532013000", SWIFT: "COBADEFFXXX"},
		Items:          []invoice.Item{{DescriptionEN: "Espresso cups", Quantity: decimal.NewFromInt(10), UnitPrice: decimal.NewFromInt(100)}},
	}
	w.WriteStage(os.Stdout, o, invoice.BalancePayment)
	// Output:
	// PAYMENT FOR GOODS 66.5PCT BALANCE
	// ORDER SO-88
	// Cafe Muller GmbH
}
