package invoice_test

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
)

// The amount-in-words line of an export invoice in US dollars (W-EN).
func ExampleWordsEN() {
	usd := invoice.MustCurrency("USD")
	fmt.Println(invoice.WordsEN(decimal.RequireFromString("12345.67"), usd))
	fmt.Println(invoice.WordsEN(decimal.RequireFromString("100"), usd))
	fmt.Println(invoice.WordsEN(decimal.RequireFromString("1.125"), invoice.MustCurrency("KWD")))
	fmt.Println(invoice.WordsEN(decimal.RequireFromString("1234"), invoice.MustCurrency("JPY")))
	// Output:
	// SAY TOTAL US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY
	// SAY TOTAL US DOLLARS ONE HUNDRED ONLY
	// SAY TOTAL KUWAITI DINARS ONE AND FILS ONE HUNDRED TWENTY-FIVE ONLY
	// SAY TOTAL JAPANESE YEN ONE THOUSAND TWO HUNDRED THIRTY-FOUR ONLY
}

// Amounts in Chinese financial capitals (大写金额) as the People's Bank of
// China prescribes (W-ZH).
func ExampleWordsZH() {
	cny := invoice.MustCurrency("CNY")
	fmt.Println(invoice.WordsZH(decimal.RequireFromString("12345.67"), invoice.MustCurrency("USD")))
	for _, amount := range []string{"1409.50", "1680.32", "16409.02", "10", "100000001", "0"} {
		fmt.Println(invoice.WordsZH(decimal.RequireFromString(amount), cny))
	}
	fmt.Println(invoice.WordsZH(decimal.RequireFromString("1234"), invoice.MustCurrency("JPY")))
	// Output:
	// 美元壹万贰仟叁佰肆拾伍元陆角柒分
	// 人民币壹仟肆佰零玖元伍角
	// 人民币壹仟陆佰捌拾元零叁角贰分
	// 人民币壹万陆仟肆佰零玖元零贰分
	// 人民币壹拾元整
	// 人民币壹亿零壹元整
	// 人民币零元整
	// 日元壹仟贰佰叁拾肆元整
}
