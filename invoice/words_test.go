package invoice

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// wordsCase is a test case for WordsEN and WordsZH: an amount as the invoice
// shows it, in a currency, and the line it must become.
type wordsCase struct {
	name     string
	amount   string
	currency string
	want     string
}

func TestWordsZH(t *testing.T) {
	tests := []wordsCase{
		// Every example of W-ZH in docs/rules/words.md.
		{"W-ZH: zero in the middle, ends in 角 without 整", "1409.50", "CNY", "人民币壹仟肆佰零玖元伍角"},
		{"W-ZH: two zeros in the middle are one 零", "6007.14", "CNY", "人民币陆仟零柒元壹角肆分"},
		{"W-ZH: 元 digit zero, 角 not: 零 after 元 (first permitted form)", "1680.32", "CNY", "人民币壹仟陆佰捌拾元零叁角贰分"},
		{"W-ZH: zero 万 digit not written, 零 after 元 (first permitted form)", "107000.53", "CNY", "人民币壹拾万柒仟元零伍角叁分"},
		{"W-ZH: 角 zero, 分 not: 零 after 元", "16409.02", "CNY", "人民币壹万陆仟肆佰零玖元零贰分"},
		{"W-ZH: small amount with 角 zero", "325.04", "CNY", "人民币叁佰贰拾伍元零肆分"},
		{"W-ZH: ten keeps 壹", "10", "CNY", "人民币壹拾元整"},
		{"W-ZH: sixteen keeps 壹", "16", "CNY", "人民币壹拾陆元整"},
		{"W-ZH: zeros across 亿 are one 零", "100000001", "CNY", "人民币壹亿零壹元整"},
		{"W-ZH: nothing to pay", "0", "CNY", "人民币零元整"},

		// Round numbers and zeros across sections.
		{"one 亿 exactly", "100000000", "CNY", "人民币壹亿元整"},
		{"one 万 exactly", "10000", "CNY", "人民币壹万元整"},
		{"zero hundreds between 万 and 拾", "10010", "CNY", "人民币壹万零壹拾元整"},
		{"a million and a fen", "1000000.01", "CNY", "人民币壹佰万元零壹分"},
		{"twenty million with zero cents ends in 整", "20000000.00", "CNY", "人民币贰仟万元整"},
		{"one 亿 and some 万", "150000000", "CNY", "人民币壹亿伍仟万元整"},
		{"zero digits inside the 万 section", "102030405", "CNY", "人民币壹亿零贰佰零叁万零肆佰零伍元整"},
		{"one 万亿 (10^12)", "1000000000000", "CNY", "人民币壹万亿元整"},
		{"万 part of the 亿 count", "1000100000000", "CNY", "人民币壹万零壹亿元整"},
		{"one 亿亿 (10^16)", "10000000000000000", "CNY", "人民币壹亿亿元整"},
		{"largest amount the brief promises, in KWD", "999999999999.999", "KWD", "科威特第纳尔玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分玖厘"},

		// Below one 元.
		{"five fen, no 零元", "0.05", "CNY", "人民币伍分"},
		{"five jiao, no 零元 and no 整", "0.5", "CNY", "人民币伍角"},
		{"jiao and fen below one yuan", "0.35", "CNY", "人民币叁角伍分"},

		// Rounding to the minor unit first (M-1).
		{"half a fen rounds up", "9.995", "CNY", "人民币壹拾元整"},
		{"unit-price precision rounds to the fen", "0.085", "CNY", "人民币玖分"},

		// Currencies (M-2) and their names.
		{"US dollar total from the brief", "12345.67", "USD", "美元壹万贰仟叁佰肆拾伍元陆角柒分"},
		{"euro", "100", "EUR", "欧元壹佰元整"},
		{"pound sterling", "2.2", "GBP", "英镑贰元贰角"},
		{"Hong Kong dollar", "88.8", "HKD", "港币捌拾捌元捌角"},
		{"yen has no minor units, always 元整", "1234", "JPY", "日元壹仟贰佰叁拾肆元整"},
		{"yen decimals round away", "1234.5", "JPY", "日元壹仟贰佰叁拾伍元整"},
		{"won", "50000", "KRW", "韩元伍万元整"},
		{"Australian dollar", "1", "AUD", "澳元壹元整"},
		{"Canadian dollar", "1", "CAD", "加元壹元整"},
		{"Singapore dollar", "1", "SGD", "新加坡元壹元整"},
		{"Kuwaiti dinar counts the third decimal in 厘", "1.125", "KWD", "科威特第纳尔壹元壹角贰分伍厘"},
		{"Kuwaiti dinar, 角 and 分 zero are one 零", "1.005", "KWD", "科威特第纳尔壹元零伍厘"},
		{"Kuwaiti dinar, 分 zero between 角 and 厘", "1.105", "KWD", "科威特第纳尔壹元壹角零伍厘"},
		{"Kuwaiti dinar whole amount", "3.000", "KWD", "科威特第纳尔叁元整"},
		{"Bahraini dinar ending in 角", "7.100", "BHD", "巴林第纳尔柒元壹角"},
		{"currency without a Chinese name uses its ISO code", "100", "SEK", "SEK壹佰元整"},

		// Credit notes.
		{"negative amount: 负 after the currency", "-50", "CNY", "人民币负伍拾元整"},
		{"negative that rounds to zero has no 负", "-0.001", "CNY", "人民币零元整"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WordsZH(decimal.RequireFromString(tt.amount), MustCurrency(tt.currency))
			if got != tt.want {
				t.Errorf("WordsZH(%s %s)\n got %s\nwant %s", tt.amount, tt.currency, got, tt.want)
			}
		})
	}
}

func TestWordsEN(t *testing.T) {
	tests := []wordsCase{
		{"W-EN: the example of docs/rules/words.md", "12345.67", "USD",
			"SAY TOTAL US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY"},
		{"nothing to pay", "0", "USD", "SAY TOTAL US DOLLARS ZERO ONLY"},
		{"cents only", "0.05", "USD", "SAY TOTAL US DOLLARS ZERO AND CENTS FIVE ONLY"},
		{"teens are one word", "15", "USD", "SAY TOTAL US DOLLARS FIFTEEN ONLY"},
		{"MILLION takes no s, zero groups are skipped", "1000000.01", "USD",
			"SAY TOTAL US DOLLARS ONE MILLION AND CENTS ONE ONLY"},
		{"largest amount below a billion", "999999999.99", "USD",
			"SAY TOTAL US DOLLARS NINE HUNDRED NINETY-NINE MILLION NINE HUNDRED NINETY-NINE THOUSAND NINE HUNDRED NINETY-NINE AND CENTS NINETY-NINE ONLY"},
		{"whole amount still ends in ONLY", "100", "USD", "SAY TOTAL US DOLLARS ONE HUNDRED ONLY"},
		{"no AND inside the integer part", "110", "USD", "SAY TOTAL US DOLLARS ONE HUNDRED TEN ONLY"},
		{"zero cents are not written", "20.00", "USD", "SAY TOTAL US DOLLARS TWENTY ONLY"},
		{"round tens are not hyphenated", "40.30", "USD", "SAY TOTAL US DOLLARS FORTY AND CENTS THIRTY ONLY"},
		{"zero hundreds inside a thousand", "1005", "USD", "SAY TOTAL US DOLLARS ONE THOUSAND FIVE ONLY"},
		{"BILLION takes no s", "2000000000", "USD", "SAY TOTAL US DOLLARS TWO BILLION ONLY"},
		{"largest amount the brief promises, in KWD", "999999999999.999", "KWD",
			"SAY TOTAL KUWAITI DINARS NINE HUNDRED NINETY-NINE BILLION NINE HUNDRED NINETY-NINE MILLION NINE HUNDRED NINETY-NINE THOUSAND NINE HUNDRED NINETY-NINE AND FILS NINE HUNDRED NINETY-NINE ONLY"},
		{"a trillion", "1000000000000", "USD", "SAY TOTAL US DOLLARS ONE TRILLION ONLY"},
		{"past DECILLION the count repeats it", "1" + strings.Repeat("0", 36), "USD",
			"SAY TOTAL US DOLLARS ONE THOUSAND DECILLION ONLY"},
		{"half a cent rounds up (M-1)", "0.125", "USD", "SAY TOTAL US DOLLARS ZERO AND CENTS THIRTEEN ONLY"},

		{"yen has no minor units", "1234", "JPY", "SAY TOTAL JAPANESE YEN ONE THOUSAND TWO HUNDRED THIRTY-FOUR ONLY"},
		{"yen decimals round away", "1234.4", "JPY", "SAY TOTAL JAPANESE YEN ONE THOUSAND TWO HUNDRED THIRTY-FOUR ONLY"},
		{"won", "21000", "KRW", "SAY TOTAL SOUTH KOREAN WON TWENTY-ONE THOUSAND ONLY"},
		{"Kuwaiti dinar counts FILS in thousandths", "1.125", "KWD",
			"SAY TOTAL KUWAITI DINARS ONE AND FILS ONE HUNDRED TWENTY-FIVE ONLY"},
		{"Bahraini dinar, fils below ten", "2.005", "BHD", "SAY TOTAL BAHRAINI DINARS TWO AND FILS FIVE ONLY"},
		{"yuan", "1680.32", "CNY", "SAY TOTAL CHINESE YUAN ONE THOUSAND SIX HUNDRED EIGHTY AND CENTS THIRTY-TWO ONLY"},
		{"euro", "3.5", "EUR", "SAY TOTAL EUROS THREE AND CENTS FIFTY ONLY"},
		{"pound sterling counts PENCE", "10.99", "GBP", "SAY TOTAL POUNDS STERLING TEN AND PENCE NINETY-NINE ONLY"},
		{"Hong Kong dollar", "7", "HKD", "SAY TOTAL HONG KONG DOLLARS SEVEN ONLY"},
		{"Australian dollar", "1", "AUD", "SAY TOTAL AUSTRALIAN DOLLARS ONE ONLY"},
		{"Canadian dollar", "1", "CAD", "SAY TOTAL CANADIAN DOLLARS ONE ONLY"},
		{"Singapore dollar", "1", "SGD", "SAY TOTAL SINGAPORE DOLLARS ONE ONLY"},
		{"currency without a name uses its ISO code and CENTS", "100.25", "SEK",
			"SAY TOTAL SEK ONE HUNDRED AND CENTS TWENTY-FIVE ONLY"},
		{"four-decimal currency without a minor name reads POINT", "1.0100", "CLF",
			"SAY TOTAL CLF ONE POINT ZERO ONE ONLY"},

		{"credit note: MINUS before the number", "-5", "USD", "SAY TOTAL US DOLLARS MINUS FIVE ONLY"},
		{"negative cents", "-0.05", "USD", "SAY TOTAL US DOLLARS MINUS ZERO AND CENTS FIVE ONLY"},
		{"negative that rounds to zero has no MINUS", "-0.001", "USD", "SAY TOTAL US DOLLARS ZERO ONLY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WordsEN(decimal.RequireFromString(tt.amount), MustCurrency(tt.currency))
			if got != tt.want {
				t.Errorf("WordsEN(%s %s)\n got %s\nwant %s", tt.amount, tt.currency, got, tt.want)
			}
		})
	}
}

// A Currency built by hand may disagree with ISO 4217 or be empty; the words
// must still say the amount and never panic.
func TestWordsHandBuiltCurrency(t *testing.T) {
	tests := []struct {
		name   string
		c      Currency
		amount string
		wantEN string
		wantZH string
	}{
		{"yen given two decimals gets generic CENTS, not the yen's none", Currency{Code: "JPY", MinorUnits: 2}, "1.5",
			"SAY TOTAL JAPANESE YEN ONE AND CENTS FIFTY ONLY", "日元壹元伍角"},
		{"dollar given three decimals does not call thousandths CENTS", Currency{Code: "USD", MinorUnits: 3}, "1.125",
			"SAY TOTAL US DOLLARS ONE POINT ONE TWO FIVE ONLY", "美元壹元壹角贰分伍厘"},
		{"negative minor units are none", Currency{Code: "USD", MinorUnits: -2}, "12.7",
			"SAY TOTAL US DOLLARS THIRTEEN ONLY", "美元壹拾叁元整"},
		{"six decimals: Chinese has capitals for four", Currency{Code: "USD", MinorUnits: 6}, "1.000051",
			"SAY TOTAL US DOLLARS ONE POINT ZERO ZERO ZERO ZERO FIVE ONE ONLY", "美元壹元零壹毫"},
		{"no currency at all", Currency{}, "3", "SAY TOTAL THREE ONLY", "叁元整"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decimal.RequireFromString(tt.amount)
			if got := WordsEN(d, tt.c); got != tt.wantEN {
				t.Errorf("WordsEN\n got %s\nwant %s", got, tt.wantEN)
			}
			if got := WordsZH(d, tt.c); got != tt.wantZH {
				t.Errorf("WordsZH\n got %s\nwant %s", got, tt.wantZH)
			}
		})
	}
}

// allowedZH are all the characters W-ZH permits in an amount after the
// currency name (负 for credit notes is WordsZH's own choice).
const allowedZH = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分厘整负"

// randomAmount is an amount below 10^16 (the range parseZH reads back) in
// units of 10^-places, biased towards zeros so that runs of zeros inside and
// across 万 and 亿 sections are common.
func randomAmount(r *rand.Rand, places int32) decimal.Decimal {
	n := 1 + r.IntN(16+int(places))
	var b strings.Builder
	for range n {
		if r.IntN(2) == 0 {
			b.WriteByte('0')
		} else {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
	}
	coef, _ := new(big.Int).SetString(b.String(), 10)
	if r.IntN(10) == 0 {
		coef.Neg(coef)
	}
	return decimal.NewFromBigInt(coef, -places)
}

// TestWordsZHProperties writes random amounts and checks that WordsZH uses
// only the characters W-ZH allows, follows its 整 rule, and says the amount
// it was given: reading the capitals back gives the rounded amount.
func TestWordsZHProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 4217))
	for _, code := range []string{"CNY", "JPY", "KWD"} {
		c := MustCurrency(code)
		prefix := currencyNames[code].zh
		for range 5000 {
			amount := randomAmount(r, c.MinorUnits)
			got := WordsZH(amount, c)
			body, ok := strings.CutPrefix(got, prefix)
			if !ok {
				t.Fatalf("WordsZH(%s %s) = %s: does not start with %s", amount, code, got, prefix)
			}
			for _, ch := range body {
				if !strings.ContainsRune(allowedZH, ch) {
					t.Fatalf("WordsZH(%s %s) = %s: %q is not a financial capital (W-ZH)", amount, code, got, ch)
				}
			}
			if strings.ContainsAny(got, "0123456789一二三四五六七八九十两另毛") {
				t.Fatalf("WordsZH(%s %s) = %s: forbidden character (W-ZH)", amount, code, got)
			}
			if strings.Contains(body, "零零") {
				t.Fatalf("WordsZH(%s %s) = %s: a run of zeros must be one 零 (W-ZH)", amount, code, got)
			}
			last, _ := utf8.DecodeLastRuneInString(body)
			endsYuan := strings.HasSuffix(body, "元整")
			switch {
			case last == '整' && !endsYuan:
				t.Fatalf("WordsZH(%s %s) = %s: 整 only after 元 (W-ZH)", amount, code, got)
			case last != '整' && strings.HasSuffix(body, "元"):
				t.Fatalf("WordsZH(%s %s) = %s: 元 at the end needs 整 (W-ZH)", amount, code, got)
			}
			want := c.Round(amount)
			back, err := parseZH(body)
			if err != nil {
				t.Fatalf("WordsZH(%s %s) = %s: cannot read it back: %v", amount, code, got, err)
			}
			if !back.Equal(want) {
				t.Fatalf("WordsZH(%s %s) = %s, which reads back as %s, want %s", amount, code, got, back, want)
			}
		}
	}
}

// TestWordsENProperties writes random amounts and checks that WordsEN reads
// back as the amount it was given, in uppercase ASCII with hyphens only
// between tens and ones.
func TestWordsENProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1688, 70))
	for _, code := range []string{"USD", "JPY", "KWD"} {
		c := MustCurrency(code)
		for range 5000 {
			amount := randomAmount(r, c.MinorUnits)
			got := WordsEN(amount, c)
			for _, ch := range got {
				if !(ch >= 'A' && ch <= 'Z' || ch == ' ' || ch == '-') {
					t.Fatalf("WordsEN(%s %s) = %s: %q is not uppercase ASCII (W-EN)", amount, code, got, ch)
				}
			}
			for _, plural := range []string{"HUNDREDS", "THOUSANDS", "MILLIONS", "BILLIONS", "TRILLIONS"} {
				if strings.Contains(got, plural) {
					t.Fatalf("WordsEN(%s %s) = %s: %s never takes an s (W-EN)", amount, code, got, plural)
				}
			}
			back, err := parseEN(got, c)
			if err != nil {
				t.Fatalf("WordsEN(%s %s) = %s: cannot read it back: %v", amount, code, got, err)
			}
			if want := c.Round(amount); !back.Equal(want) {
				t.Fatalf("WordsEN(%s %s) = %s, which reads back as %s, want %s", amount, code, got, back, want)
			}
		}
	}
}

// parseZH reads financial capitals (after the currency name) back into an
// amount, for amounts below 10^16. It is written independently of WordsZH:
// a digit is multiplied by the unit after it, 万 multiplies what was read
// since the last 万 or 亿, and 亿 everything before it.
func parseZH(s string) (decimal.Decimal, error) {
	neg := false
	if rest, ok := strings.CutPrefix(s, "负"); ok {
		neg, s = true, rest
	}
	s = strings.TrimSuffix(s, "整")
	total := new(big.Int)   // the 亿 part, and everything before a 亿
	wan := new(big.Int)     // the 万 part since the last 亿
	section := new(big.Int) // below 万
	frac := decimal.Zero
	digit := int64(-1)
	inFrac := false
	takeDigit := func() (int64, error) {
		if digit < 0 {
			return 0, fmt.Errorf("unit without a digit in %q", s)
		}
		d := digit
		digit = -1
		return d, nil
	}
	for _, ch := range s {
		if i := strings.IndexRune("零壹贰叁肆伍陆柒捌玖", ch); i >= 0 {
			if ch == '零' {
				continue
			}
			if digit >= 0 {
				return decimal.Zero, fmt.Errorf("two digits in a row in %q", s)
			}
			digit = int64(utf8.RuneCountInString("零壹贰叁肆伍陆柒捌玖"[:i]))
			continue
		}
		if inFrac && strings.ContainsRune("拾佰仟万亿元", ch) {
			return decimal.Zero, fmt.Errorf("integer unit %c after 元 in %q", ch, s)
		}
		switch ch {
		case '拾', '佰', '仟':
			d, err := takeDigit()
			if err != nil {
				return decimal.Zero, err
			}
			pow := map[rune]int64{'拾': 10, '佰': 100, '仟': 1000}[ch]
			section.Add(section, big.NewInt(d*pow))
		case '万', '亿', '元':
			if digit >= 0 {
				section.Add(section, big.NewInt(digit))
				digit = -1
			}
			switch ch {
			case '万':
				wan.Add(wan, section)
				wan.Mul(wan, big.NewInt(10000))
			case '亿':
				total.Add(total, wan)
				total.Add(total, section)
				total.Mul(total, big.NewInt(100000000))
				wan.SetInt64(0)
			case '元':
				total.Add(total, wan)
				total.Add(total, section)
				wan.SetInt64(0)
				inFrac = true
			}
			section.SetInt64(0)
		case '角', '分', '厘', '毫':
			d, err := takeDigit()
			if err != nil {
				return decimal.Zero, err
			}
			exp := map[rune]int32{'角': -1, '分': -2, '厘': -3, '毫': -4}[ch]
			frac = frac.Add(decimal.New(d, exp))
		default:
			return decimal.Zero, fmt.Errorf("unexpected %c in %q", ch, s)
		}
	}
	if digit >= 0 || section.Sign() != 0 || wan.Sign() != 0 {
		return decimal.Zero, fmt.Errorf("digits without a unit at the end of %q", s)
	}
	d := decimal.NewFromBigInt(total, 0).Add(frac)
	if neg {
		d = d.Neg()
	}
	return d, nil
}

// parseEN reads a WordsEN line back into an amount in c.
func parseEN(s string, c Currency) (decimal.Decimal, error) {
	body, ok := strings.CutPrefix(s, "SAY TOTAL "+currencyNames[c.Code].en+" ")
	if !ok {
		return decimal.Zero, fmt.Errorf("no SAY TOTAL and currency name")
	}
	body, ok = strings.CutSuffix(body, " ONLY")
	if !ok {
		return decimal.Zero, fmt.Errorf("no ONLY at the end")
	}
	neg := false
	if rest, ok := strings.CutPrefix(body, "MINUS "); ok {
		neg, body = true, rest
	}
	intWords, minorWords, hasMinor := strings.Cut(body, " AND "+currencyNames[c.Code].enMinor+" ")
	n, err := parseENInteger(intWords)
	if err != nil {
		return decimal.Zero, err
	}
	d := decimal.NewFromBigInt(n, 0)
	if hasMinor {
		m, err := parseENInteger(minorWords)
		if err != nil {
			return decimal.Zero, err
		}
		if m.Sign() == 0 {
			return decimal.Zero, fmt.Errorf("zero minor units written out")
		}
		d = d.Add(decimal.NewFromBigInt(m, -c.MinorUnits))
	}
	if neg {
		d = d.Neg()
	}
	return d, nil
}

func parseENInteger(s string) (*big.Int, error) {
	small := map[string]int64{}
	for i, w := range englishOnes {
		small[w] = int64(i)
	}
	for i, w := range englishTens {
		if w != "" {
			small[w] = int64(i * 10)
		}
	}
	scales := map[string]int{"THOUSAND": 3, "MILLION": 6, "BILLION": 9, "TRILLION": 12, "QUADRILLION": 15}
	total, cur := new(big.Int), int64(0)
	for _, w := range strings.Fields(s) {
		if tens, ones, ok := strings.Cut(w, "-"); ok {
			t, ok1 := small[tens]
			o, ok2 := small[ones]
			if !ok1 || !ok2 || t < 20 || t%10 != 0 || o == 0 || o > 9 {
				return nil, fmt.Errorf("bad hyphenated number %q", w)
			}
			cur += t + o
			continue
		}
		if v, ok := small[w]; ok {
			cur += v
			continue
		}
		if w == "HUNDRED" {
			cur *= 100
			continue
		}
		if e, ok := scales[w]; ok {
			scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil)
			total.Add(total, scale.Mul(scale, big.NewInt(cur)))
			cur = 0
			continue
		}
		return nil, fmt.Errorf("unknown word %q", w)
	}
	return total.Add(total, big.NewInt(cur)), nil
}
