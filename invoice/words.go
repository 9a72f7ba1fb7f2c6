package invoice

import (
	"strings"

	"github.com/shopspring/decimal"
)

// This file writes an invoice total in words, the line under the total that
// a bank or a customs officer reads when the figures are in doubt: in English
// the way Chinese export invoices do (W-EN), and in Chinese financial capitals
// (大写金额) the way the People's Bank of China prescribes (W-ZH).

// currencyWords are the names an invoice writes a currency with in words.
// The minor units come from Currency (M-2, golang.org/x/text/currency); the
// table only holds the names, and minorUnits says which fraction the minor
// name belongs to, so that a Currency built by hand with other minor units
// never gets "CENTS" for thousandths.
type currencyWords struct {
	// en is the English name, plural as it stands before the number on a
	// Chinese export invoice: "US DOLLARS", "EUROS". YEN, WON and YUAN have
	// no plural.
	en string
	// enMinor is the English name of the minor unit, plural as it stands
	// before the number ("AND CENTS SIXTY-SEVEN"); empty for currencies
	// without one (JPY, KRW).
	enMinor string
	// minorUnits is the number of decimals enMinor counts.
	minorUnits int32
	// zh is the Chinese name written directly before the capitals (W-ZH):
	// 人民币, 美元, 欧元.
	zh string
}

// currencyNames holds the currencies Chinese suppliers invoice in and those
// of the importers' markets. CNY is "CHINESE YUAN": yuan is the unit the
// amount counts (as DOLLARS is for USD), "Chinese yuan" is the name the
// currency goes by in English trade and bank practice, and "RENMINBI YUAN"
// is a word-for-word rendering few buyers would recognise. Chinese export
// invoices count the 分 of the yuan as CENTS. All ISO 4217 currencies with 3
// minor units are listed, so FILS is never guessed for one that counts
// baisa or millimes.
var currencyNames = map[string]currencyWords{
	"USD": {"US DOLLARS", "CENTS", 2, "美元"},
	"CNY": {"CHINESE YUAN", "CENTS", 2, "人民币"},
	"EUR": {"EUROS", "CENTS", 2, "欧元"},
	"GBP": {"POUNDS STERLING", "PENCE", 2, "英镑"},
	"HKD": {"HONG KONG DOLLARS", "CENTS", 2, "港币"},
	"JPY": {"JAPANESE YEN", "", 0, "日元"},
	"KRW": {"SOUTH KOREAN WON", "", 0, "韩元"},
	"AUD": {"AUSTRALIAN DOLLARS", "CENTS", 2, "澳元"},
	"CAD": {"CANADIAN DOLLARS", "CENTS", 2, "加元"},
	"SGD": {"SINGAPORE DOLLARS", "CENTS", 2, "新加坡元"},
	"NZD": {"NEW ZEALAND DOLLARS", "CENTS", 2, "新西兰元"},
	"TWD": {"NEW TAIWAN DOLLARS", "CENTS", 2, "新台币"},
	"CHF": {"SWISS FRANCS", "CENTIMES", 2, "瑞士法郎"},
	"INR": {"INDIAN RUPEES", "PAISE", 2, "印度卢比"},
	"AED": {"UAE DIRHAMS", "FILS", 2, "阿联酋迪拉姆"},
	"SAR": {"SAUDI RIYALS", "HALALAS", 2, "沙特里亚尔"},
	"KWD": {"KUWAITI DINARS", "FILS", 3, "科威特第纳尔"},
	"BHD": {"BAHRAINI DINARS", "FILS", 3, "巴林第纳尔"},
	"JOD": {"JORDANIAN DINARS", "FILS", 3, "约旦第纳尔"},
	"IQD": {"IRAQI DINARS", "FILS", 3, "伊拉克第纳尔"},
	"OMR": {"OMANI RIALS", "BAISA", 3, "阿曼里亚尔"},
	"LYD": {"LIBYAN DINARS", "DIRHAMS", 3, "利比亚第纳尔"},
	"TND": {"TUNISIAN DINARS", "MILLIMES", 3, "突尼斯第纳尔"},
}

// WordsEN writes a total the way Chinese export invoices do (W-EN):
//
//	SAY TOTAL US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY
//
// The amount is first rounded to c's minor units with c.Round (M-1, M-2).
// The text is uppercase; the currency name is plural and stands before the
// number; HUNDRED, THOUSAND, MILLION, BILLION never take an "s"; twenty-one
// to ninety-nine are hyphenated; there is no "AND" inside the integer part
// (ONE HUNDRED TEN), so the one AND on the line always introduces the minor
// units. ONLY ends every amount, with or without minor units:
//
//	12345.67 USD → SAY TOTAL US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY
//	100 USD      → SAY TOTAL US DOLLARS ONE HUNDRED ONLY
//	0 USD        → SAY TOTAL US DOLLARS ZERO ONLY
//	0.05 USD     → SAY TOTAL US DOLLARS ZERO AND CENTS FIVE ONLY
//	1.125 KWD    → SAY TOTAL KUWAITI DINARS ONE AND FILS ONE HUNDRED TWENTY-FIVE ONLY
//	1234 JPY     → SAY TOTAL JAPANESE YEN ONE THOUSAND TWO HUNDRED THIRTY-FOUR ONLY
//
// Minor units that are zero are not written. A currency without a name in
// the table is written with its ISO code ("SAY TOTAL SEK ..."); its minor
// units are CENTS when there are two, and otherwise the fraction is read out
// digit by digit after POINT ("SAY TOTAL CLF ONE POINT ZERO ONE ONLY"). A
// negative amount (a credit note) has MINUS between the currency and the
// number: "SAY TOTAL US DOLLARS MINUS FIVE ONLY". Any size is written: past
// BILLION come TRILLION … DECILLION, and above that DECILLION repeats
// (ONE THOUSAND DECILLION).
func WordsEN(amount decimal.Decimal, c Currency) string {
	places := minorPlaces(c, 1<<20)
	neg, intDigits, fracDigits := splitAmount(amount, places)
	names, known := currencyNames[c.Code]
	name := c.Code
	if known {
		name = names.en
	}

	var b strings.Builder
	b.WriteString("SAY TOTAL ")
	if name != "" {
		b.WriteString(name)
		b.WriteByte(' ')
	}
	if neg {
		b.WriteString("MINUS ")
	}
	b.WriteString(englishInteger(intDigits))
	if strings.Trim(fracDigits, "0") != "" {
		minor := ""
		switch {
		case known && names.minorUnits == places && names.enMinor != "":
			minor = names.enMinor
		case places == 2:
			minor = "CENTS"
		}
		if minor != "" {
			b.WriteString(" AND ")
			b.WriteString(minor)
			b.WriteByte(' ')
			b.WriteString(englishInteger(fracDigits))
		} else {
			b.WriteString(" POINT")
			for _, d := range strings.TrimRight(fracDigits, "0") {
				b.WriteByte(' ')
				b.WriteString(englishOnes[d-'0'])
			}
		}
	}
	b.WriteString(" ONLY")
	return b.String()
}

// WordsZH writes the amount in Chinese financial capitals (大写金额) per the
// People's Bank of China rules (W-ZH), currency name first:
//
//	12345.67 USD → 美元壹万贰仟叁佰肆拾伍元陆角柒分
//	1409.50 CNY  → 人民币壹仟肆佰零玖元伍角
//	10 CNY       → 人民币壹拾元整
//	0 CNY        → 人民币零元整
//
// The amount is first rounded to c's minor units with c.Round (M-1, M-2).
// Only the capitals 零壹贰叁肆伍陆柒捌玖, the units 拾佰仟万亿 and 元角分厘毫
// and 整 are written: never 一二三…十, 两, 另, 毛 nor Arabic digits. Ten to
// nineteen keep 壹 (壹拾陆元整). Amounts of 亿 and above repeat the units:
// 1,000,000,000,000 → 壹万亿元整, 10^16 → 壹亿亿元整.
//
// Where W-ZH leaves a choice, WordsZH decides:
//   - 整 follows 元 only. An amount ending in 角 has no 整 (壹仟肆佰零玖元伍角,
//     as in the PBOC's own example); one ending in 分 or 厘 never has.
//   - When the 元 digit is zero and 角 is not, 零 is written after 元:
//     1680.32 → 壹仟陆佰捌拾元零叁角贰分. The zero 万 digit of 107000.53 is
//     not written: 壹拾万柒仟元零伍角叁分. Both are the first form the PBOC
//     gives, and a written 零 after 元 leaves no room to insert a digit.
//   - A zero inside the integer part is one 零 however many zero digits it
//     stands for, including across 万 and 亿 (壹亿零壹元整, 壹万零壹拾元整);
//     zeros at the end of a section are not written (贰仟万元整).
//   - An amount below one 元 starts with its first non-zero minor unit,
//     without 零元: 0.50 → 伍角, 0.05 → 伍分.
//   - Currencies with 3 minor units (KWD, BHD) count the third decimal in 厘,
//     the unit after 分 in Chinese bookkeeping: 1.125 KWD → 科威特第纳尔壹元壹角贰分伍厘.
//     A fourth decimal (CLF) is 毫. Currencies without minor units (JPY,
//     KRW) always end in 元整.
//   - A negative amount (a credit note) has 负 after the currency name:
//     人民币负伍拾元整.
//   - The currency name is 人民币, 美元, 欧元 … (see currencyNames); a
//     currency without one is written with its ISO code: SEK壹佰元整.
//
// Minor units beyond the fourth have no capital and are rounded away.
func WordsZH(amount decimal.Decimal, c Currency) string {
	places := minorPlaces(c, int32(len(zhMinorUnits)))
	neg, intDigits, fracDigits := splitAmount(amount, places)
	name := c.Code
	if names, ok := currencyNames[c.Code]; ok {
		name = names.zh
	}

	var b strings.Builder
	b.WriteString(name)
	if neg {
		b.WriteString("负")
	}
	intZero := strings.Trim(intDigits, "0") == ""
	fracZero := strings.Trim(fracDigits, "0") == ""
	if intZero && fracZero {
		b.WriteString("零元整")
		return b.String()
	}
	written := false
	if !intZero {
		b.WriteString(chineseInteger(intDigits))
		b.WriteString("元")
		written = true
	}
	if fracZero {
		b.WriteString("整")
		return b.String()
	}
	// A zero 元 digit, and any run of zero minor units before a non-zero
	// one, is written as one 零 (W-ZH) — but only after something was
	// written: 0.05 is 伍分, not 零伍分.
	zeroPending := written && intDigits[len(intDigits)-1] == '0'
	frac := strings.TrimRight(fracDigits, "0")
	for i, d := range frac {
		if d == '0' {
			zeroPending = true
			continue
		}
		if zeroPending && written {
			b.WriteString("零")
		}
		b.WriteString(zhDigits[d-'0'])
		b.WriteString(zhMinorUnits[i])
		zeroPending, written = false, true
	}
	return b.String()
}

// minorPlaces is the number of decimals an amount in c is written with:
// c.MinorUnits, never below zero nor above limit.
func minorPlaces(c Currency, limit int32) int32 {
	return min(max(c.MinorUnits, 0), limit)
}

// splitAmount rounds amount to places decimals (as Currency.Round does, half
// away from zero) and returns its sign, its integer digits without leading
// zeros ("0" for none) and exactly places fraction digits.
func splitAmount(amount decimal.Decimal, places int32) (neg bool, intDigits, fracDigits string) {
	r := amount.Round(places)
	neg = r.Sign() < 0
	s := r.Abs().StringFixed(places)
	intDigits, fracDigits, _ = strings.Cut(s, ".")
	intDigits = strings.TrimLeft(intDigits, "0")
	if intDigits == "" {
		intDigits = "0"
	}
	return neg, intDigits, fracDigits
}

var (
	englishOnes = [...]string{"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
		"TEN", "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN"}
	englishTens = [...]string{"", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"}
	// englishScales name each group of three digits, from the right.
	englishScales = [...]string{"", "THOUSAND", "MILLION", "BILLION", "TRILLION", "QUADRILLION",
		"QUINTILLION", "SEXTILLION", "SEPTILLION", "OCTILLION", "NONILLION", "DECILLION"}
)

// englishInteger writes a non-negative integer given as decimal digits:
// "12345" → TWELVE THOUSAND THREE HUNDRED FORTY-FIVE; "0" → ZERO.
func englishInteger(digits string) string {
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return "ZERO"
	}
	// Past the last scale word, the digits above it are a number of
	// DECILLIONs: 10^36 is ONE THOUSAND DECILLION.
	top := 3 * (len(englishScales) - 1)
	if len(digits) > top+3 {
		high, low := digits[:len(digits)-top], digits[len(digits)-top:]
		s := englishInteger(high) + " " + englishScales[len(englishScales)-1]
		if strings.Trim(low, "0") != "" {
			s += " " + englishInteger(low)
		}
		return s
	}
	var parts []string
	for len(digits)%3 != 0 {
		digits = "0" + digits
	}
	groups := len(digits) / 3
	for g := 0; g < groups; g++ {
		n := int(digits[3*g]-'0')*100 + int(digits[3*g+1]-'0')*10 + int(digits[3*g+2]-'0')
		if n == 0 {
			continue
		}
		parts = append(parts, englishBelowThousand(n))
		if scale := englishScales[groups-1-g]; scale != "" {
			parts = append(parts, scale)
		}
	}
	return strings.Join(parts, " ")
}

// englishBelowThousand writes 1 ≤ n ≤ 999: ONE HUNDRED TEN, FORTY-FIVE.
func englishBelowThousand(n int) string {
	var parts []string
	if n >= 100 {
		parts = append(parts, englishOnes[n/100], "HUNDRED")
		n %= 100
	}
	switch {
	case n == 0:
	case n < 20:
		parts = append(parts, englishOnes[n])
	case n%10 == 0:
		parts = append(parts, englishTens[n/10])
	default:
		parts = append(parts, englishTens[n/10]+"-"+englishOnes[n%10])
	}
	return strings.Join(parts, " ")
}

var (
	// zhDigits are the financial capitals of 0 to 9 (W-ZH).
	zhDigits = [...]string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	// zhSectionUnits are the units of the digits of a four-digit section,
	// from the left.
	zhSectionUnits = [...]string{"仟", "佰", "拾", ""}
	// zhMinorUnits are the units of the decimals: 角 (1/10), 分 (1/100),
	// 厘 (1/1000), 毫 (1/10000).
	zhMinorUnits = [...]string{"角", "分", "厘", "毫"}
)

// chineseInteger writes a positive integer given as decimal digits in
// financial capitals, without 元: "107000" → 壹拾万柒仟,
// "100000001" → 壹亿零壹. The digits above the last eight are a number of
// 亿 and those above the last four a number of 万, so 10^12 is 壹万亿. A
// lower part that starts with a zero digit is preceded by one 零.
func chineseInteger(digits string) string {
	digits = strings.TrimLeft(digits, "0")
	var split int
	var unit string
	switch {
	case digits == "":
		return ""
	case len(digits) <= 4:
		return chineseSection(digits)
	case len(digits) <= 8:
		split, unit = 4, "万"
	default:
		split, unit = 8, "亿"
	}
	high, low := digits[:len(digits)-split], digits[len(digits)-split:]
	s := chineseInteger(high) + unit
	if strings.Trim(low, "0") == "" {
		return s
	}
	if low[0] == '0' {
		s += "零"
	}
	return s + chineseInteger(low)
}

// chineseSection writes 1 to 9999 given as at most four digits: "1409" →
// 壹仟肆佰零玖, "10" → 壹拾 (ten keeps 壹, W-ZH), "2000" → 贰仟.
func chineseSection(digits string) string {
	offset := 4 - len(digits)
	var b strings.Builder
	zeroPending := false
	for i, d := range digits {
		if d == '0' {
			zeroPending = b.Len() > 0
			continue
		}
		if zeroPending {
			b.WriteString("零")
			zeroPending = false
		}
		b.WriteString(zhDigits[d-'0'])
		b.WriteString(zhSectionUnits[offset+i])
	}
	return b.String()
}
