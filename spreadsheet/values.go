package spreadsheet

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/internal/lazyregexp"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// Values as people type them into order sheets: money with currency signs and
// thousands separators, full-width digits from a Chinese input method, dates
// in the half-dozen ways Chinese and English sheets write them.

// maxNumberLen bounds the text read as a number: no price or quantity is
// longer, and parsing a 10,000-digit "number" would only waste time.
const maxNumberLen = 64

// moneySigns are the currency signs and codes a price or amount may carry
// before or after the figure (¥1,234.50, US$1,234.50, 1234.50元, 1,234.50 USD).
// Longest first, so US$ is taken before $.
var moneySigns = []string{"us$", "hk$", "usd", "rmb", "cny", "cnh", "eur", "hkd", "gbp", "jpy", "人民币", "美元", "$", "¥", "€", "£", "元"}

var numberPattern = lazyregexp.New(`^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?$`)

// groupedPattern is a figure with thousands separators: 1,234 or 12,345.50.
var groupedPattern = lazyregexp.New(`^\d{1,3}(,\d{3})+(\.\d*)?$`)

// parseNumber reads a quantity, price or amount: 1234.5, 1,234.50, ¥1,234.50,
// US$1,234.50, (1,234.50) for a negative amount, full-width １２３．５. Text
// around the figure ("12pcs", "about 12") makes it not a number: a quantity
// must never be read as a silent 12.
func parseNumber(s string) (decimal.Decimal, bool) {
	if plainNumber(s) {
		// Fast path for what workbooks store: 1234.5, 0.85.
		if d, err := decimal.NewFromString(s); err == nil {
			return d, true
		}
	}
	s = strings.TrimSpace(strings.ToLower(norm.NFKC.String(s)))
	if s == "" || len(s) > maxNumberLen {
		return decimal.Decimal{}, false
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	sign := func() {
		if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
			neg = !neg
			s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−"))
		} else if strings.HasPrefix(s, "+") {
			s = strings.TrimSpace(s[1:])
		}
	}
	sign()
	for _, m := range moneySigns {
		if strings.HasPrefix(s, m) {
			s = strings.TrimSpace(s[len(m):])
			break
		}
	}
	for _, m := range moneySigns {
		if strings.HasSuffix(s, m) {
			s = strings.TrimSpace(s[:len(s)-len(m)])
			break
		}
	}
	sign()
	if groupedPattern.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	if !numberPattern.MatchString(s) {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, false
	}
	if neg {
		d = d.Neg()
	}
	return d, true
}

// plainNumber reports whether s is digits with at most one dot between
// digits, the form a workbook stores numbers in.
func plainNumber(s string) bool {
	if s == "" || len(s) > maxNumberLen {
		return false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return true
}

// parsePercent reads a deposit share as a percentage 0–100: "30", "30%",
// "３０％". A plain number strictly between 0 and 1 is read as a fraction
// (0.3 → 30): nobody asks for a deposit under one percent, and 0.3 is what a
// cell formatted as "30%" holds. fraction says the cell itself is formatted
// as a percentage, in which case every value is a fraction (1 → 100).
func parsePercent(s string, fraction bool) (decimal.Decimal, bool) {
	t := strings.TrimSpace(norm.NFKC.String(s))
	if strings.HasSuffix(t, "%") {
		return parseNumber(strings.TrimSuffix(t, "%"))
	}
	d, ok := parseNumber(t)
	if !ok {
		return d, false
	}
	if fraction || (d.IsPositive() && d.LessThan(decimal.NewFromInt(1))) {
		d = d.Mul(decimal.NewFromInt(100))
	}
	return d, true
}

var (
	isoDate     = lazyregexp.New(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)
	serialDate  = lazyregexp.New(`^\d{1,7}(\.\d+)?$`)
	textLayouts = []string{"2 Jan 2006", "2 January 2006", "Jan 2, 2006", "January 2, 2006", "02-Jan-2006", "2-Jan-2006", "02-Jan-06", "Jan 2 2006", "January 2 2006"}
)

// minSerialYear and maxSerialYear bound the days a number read as a date
// serial may be (IN-3): outside them the number is a mistyped cell, such as
// a year or a count of days, not a day of trade.
const minSerialYear, maxSerialYear = 1990, 2099

// parseDate reads a calendar day: an Excel date serial (45356 is 2024-03-05;
// date1904 for workbooks made on old Macs), 2024-03-05, 2024/3/5, 2024.3.5,
// 2024年3月5日, 5 Mar 2024, Mar 5, 2024; a time of day after the date is
// ignored. Day-first or month-first numeric dates (05/03/2024) are refused:
// they mean different days to an American and a European reader.
func parseDate(s string, date1904 bool) (invoice.Date, bool) {
	s = strings.TrimSpace(norm.NFKC.String(s))
	if serialDate.MatchString(s) {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 1 || f > 2958465 {
			return invoice.Date{}, false
		}
		t, err := excelize.ExcelDateToTime(f, date1904)
		if err != nil || t.Year() < minSerialYear || t.Year() > maxSerialYear {
			return invoice.Date{}, false // "2024" alone is no 1905-07-16 (IN-3)
		}
		return invoice.DateOf(t), true
	}
	// Drop a time of day: "2024-03-05 00:00:00", "2024-03-05T10:00".
	if i := strings.IndexAny(s, "T "); i >= 8 && strings.Contains(s[i:], ":") && isoDate.MatchString(s[:i]) {
		s = s[:i]
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
			return invoice.Date{}, false // 2024-02-30
		}
		return invoice.DateOf(t), true
	}
	for _, layout := range textLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return invoice.DateOf(t), true
		}
	}
	return invoice.Date{}, false
}

// rawNumber tidies a number as a workbook stores it: binary floating point
// leaves 0.1+0.2 as 0.30000000000000004 and writes large or small values as
// 1.5E-3. Excel keeps 15 significant digits, so the value is rounded (in
// decimal, half away from zero) to 15 and written out in full. Whole numbers
// without an exponent are left as they are: a bank account typed as text may
// have 19 digits. A value of 10^15 or more in exponent form
// (3.51501981201E+19) is left in that form too: its digits past the 15th are
// lost (N-1), and written out in full it would pass for an account number.
func rawNumber(s string) string {
	if len(s) < 2 || len(s) > 32 || !strings.ContainsAny(s, ".eE") {
		return s
	}
	if !numberPattern.MatchString(strings.TrimPrefix(s, "-")) {
		return s
	}
	if !strings.ContainsAny(s, "eE") && significantDigits(s) <= 15 {
		return s
	}
	d, err := decimal.NewFromString(s)
	if err != nil || d.IsZero() {
		return s
	}
	intDigits := len(d.Coefficient().Abs(d.Coefficient()).String()) + int(d.Exponent())
	if intDigits > 15 && strings.ContainsAny(s, "eE") {
		return s
	}
	return d.Round(int32(15 - intDigits)).String()
}

// displayDigits is how many significant digits a General cell shows at most
// (N-2): Excel's General format fits a number into 11 characters, which
// leaves 10 digits beside the point.
const displayDigits = 10

// noiseTolerance is the relative difference below which a number and its
// shorter shown form are the same value written by binary floating point
// (14.3999999999999 and 14.4 differ by 7·10⁻¹⁵ of the value). Figures
// typed by people differ from their rounding by far more.
var noiseTolerance = decimal.New(1, -12)

// shownNumber removes binary noise from a number the way a spreadsheet's
// General format shows it (N-2): 14.3999999999999 → 14.4 and
// 1019.99999999999 → 1020, while 0.085, 4.085 and 1.23456 stay as they are.
// changed says the value was not already its shown form.
func shownNumber(d decimal.Decimal) (shown decimal.Decimal, changed bool) {
	if d.IsZero() {
		return d, false
	}
	coef := d.Coefficient()
	digits := len(coef.Abs(coef).String())
	if digits <= displayDigits {
		return d, false
	}
	intDigits := digits + int(d.Exponent())
	r := d.Round(int32(displayDigits - intDigits))
	if r.Sub(d).Abs().GreaterThan(d.Abs().Mul(noiseTolerance)) {
		return d, false
	}
	if r.Equal(d) {
		return d, false
	}
	return r, true
}

// intDigits counts the digits of a plain number's whole part, leading
// zeros aside: 0012345.60 has 5.
func intDigits(s string) int {
	n := 0
	for i := 0; i < len(s) && s[i] != '.'; i++ {
		if s[i] >= '1' && s[i] <= '9' || s[i] == '0' && n > 0 {
			n++
		}
	}
	return n
}

// digitCount counts the decimal digits of s: at least its significant
// digits.
func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// eNotation is a number written in exponent form, as a spreadsheet shows a
// long number in a General cell and saves it to CSV: 3.51501981201E+19.
// Spreadsheets always sign the exponent; a model number such as 3E20 has
// no sign and is no number.
var eNotation = lazyregexp.New(`^[-+]?\d+([.,]\d*)?[eE][-+]\d{1,3}$`)

// identifierKeys are the fields that hold identifiers made of digits: bank
// account, CNAPS, USCC, phone numbers, HS code, SKU/UPC/EAN, order and
// invoice numbers. Their digits are read as text, never as a number (N-1).
var identifierKeys = map[string]bool{
	"order_no": true, "pi_no": true, "ci_no": true, "contract_no": true, "tracking_no": true,
	"seller_phone": true, "buyer_phone": true, "seller_tax_id": true, "buyer_tax_id": true,
	"bank_account": true, "bank_cnaps": true, "bank_swift": true,
	"line_no": true, "sku": true, "hs_code": true,
}

// identifier reads an identifier's cell as the spreadsheet shows it (N-1):
// a numeric cell whose number format shows the digits (3924.9 under 0.00 is
// 3924.90, 392490 under 0000000000 is 0000392490) is read as shown; a value
// whose digits were lost, a number of more than 15 digits or one written in
// exponent form, is a problem naming the cell, the value and the fix.
func identifier(key string, c cell) (string, *invoice.Problem) {
	v := c.text
	if eNotation.MatchString(v) {
		return "", identifierLost(key, c, "is a number in exponent form, whose digits past the 15th are lost")
	}
	if !c.workbook() || !looksNumeric(v) {
		return v, nil
	}
	long := intDigits(v) > 15
	shown, numeric := c.numeric(long)
	if !numeric {
		return v, nil
	}
	if long {
		return "", identifierLost(key, c, "was stored as a number, which keeps only 15 digits")
	}
	if shown != "" {
		return shown, nil
	}
	return v, nil
}

// hsCodeNumber explains a malformed HS code read from a number cell under
// the General format: the spreadsheet dropped its trailing zeros (6912.00
// became 6912) or its leading ones, so the fix is a Text column (N-1).
func hsCodeNumber(c cell, v string) *invoice.Problem {
	if !c.workbook() || invoice.CheckHSCode(v) == nil {
		return nil
	}
	if shown, numeric := c.numeric(true); !numeric || shown != "" {
		return nil
	}
	p := invoice.Errorf(c.at, invoice.ErrHSCode, "hs_code %s is a number cell, which drops an HS code's trailing zeros (6912.00 becomes 6912); format the column as Text and type the code again (N-1)", quote(v))
	return &p
}

func identifierLost(key string, c cell, why string) *invoice.Problem {
	where := "format the column as Text and type the value again"
	if c.at.Line > 0 {
		where = "write it in quotes in the CSV file and never open and save the file in a spreadsheet program, or " + where
	}
	p := invoice.Errorf(c.at, invoice.ErrDigitsLost, "%s %s %s; %s (N-1)", key, quote(c.text), why, where)
	return &p
}

// looksNumeric reports whether s is a plain number as a workbook stores one.
func looksNumeric(s string) bool {
	return numberPattern.MatchString(strings.TrimPrefix(s, "-"))
}

func significantDigits(s string) int {
	s = strings.TrimLeft(strings.TrimPrefix(s, "-"), "0.")
	s = strings.TrimRight(strings.ReplaceAll(s, ".", ""), "0")
	return len(s)
}

// quote shortens a value for an error message: a 30,000-character cell
// should not become a 30,000-character message.
func quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return strconv.Quote(s)
}

// questionMarks reports a text whose characters a program replaced with "?"
// when it saved the file in an encoding that cannot hold them (IN-6): a CSV
// of Chinese names saved as LibreOffice's default "Text CSV" in a Western
// character set holds "??????" where the supplier's name was. Two question
// marks in a row are taken as lost characters; one is an ordinary one.
func questionMarks(key string, c cell) *invoice.Problem {
	if !strings.Contains(c.text, "??") {
		return nil
	}
	p := invoice.Errorf(c.at, invoice.ErrCharacter,
		"%s %s has question marks where a program saved the file in a character set without its Chinese (or other) characters; save the original again as UTF-8 (Excel: \"CSV UTF-8\"; LibreOffice: character set \"Unicode (UTF-8)\") or type the text again (IN-6)",
		key, quote(c.text))
	return &p
}

// signCurrencies are the currencies a money sign in a figure names; "$"
// alone names any dollar and is not listed.
var signCurrencies = map[string][]string{
	"us$": {"USD"}, "usd": {"USD"}, "美元": {"USD"}, "hk$": {"HKD"}, "hkd": {"HKD"},
	"rmb": {"CNY"}, "cny": {"CNY"}, "cnh": {"CNY"}, "人民币": {"CNY"}, "元": {"CNY"},
	"¥": {"CNY", "JPY"}, "jpy": {"JPY"}, "eur": {"EUR"}, "€": {"EUR"}, "gbp": {"GBP"}, "£": {"GBP"},
}

// signOf is the money sign a figure that parseNumber read carries, and the
// currencies it names; "" when it has none or only "$".
func signOf(text string) (string, []string) {
	s := strings.ToLower(norm.NFKC.String(text))
	for _, m := range moneySigns {
		if strings.Contains(s, m) {
			return m, signCurrencies[m]
		}
	}
	return "", nil
}
