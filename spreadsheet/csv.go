package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tradedocs/tradedocs/internal/lazyregexp"
	"github.com/tradedocs/tradedocs/invoice"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodeText turns a CSV file's bytes into UTF-8: UTF-8 with or without a
// byte-order mark, UTF-16 with a mark (Excel's "Unicode Text"), or else
// GB18030 (a superset of GBK and GB2312), which Excel on a Chinese Windows
// writes. Detection needs no flag: text that is not valid UTF-8 is GB18030.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", fmt.Errorf("not valid UTF-16 text: %v", err)
		}
		return string(out), "UTF-16", nil
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		return "", "", errors.New("the text is neither UTF-8 nor GB18030/GBK; save the file as \"CSV UTF-8\"")
	}
	return string(out), "GB18030", nil
}

// sniffDelimiter picks the field separator from the first line: comma (the
// usual), semicolon (Excel in European locales) or tab.
func sniffDelimiter(text string) rune {
	line, _, _ := strings.Cut(text, "\n")
	best, n := ',', strings.Count(line, ",")
	for _, d := range []rune{';', '\t'} {
		if c := strings.Count(line, string(d)); c > n {
			best, n = d, c
		}
	}
	return best
}

// longestRun is the longest stretch of text without a field separator or
// line break: a cheap bound on the longest cell, checked before parsing so
// a 100 MB "cell" is refused without building it.
func longestRun(text string, delim rune) int {
	longest, run := 0, 0
	for i := 0; i < len(text); i++ {
		switch b := text[i]; {
		case b == '\n' || b == '\r' || rune(b) == delim:
			run = 0
		default:
			if b < 0x80 || b >= 0xC0 {
				run++ // count runes, not bytes
			}
			if run > longest {
				longest = run
			}
		}
	}
	return longest
}

// maxCSVFields is the most fields a line of a CSV file may have: Excel's
// 16,384 columns. csv.Reader builds every field of a line before the line
// can be looked at, so a 120 MB line of commas took 5.9 GB.
const maxCSVFields = sheetMaxCol

// widestLine finds the line with the most fields (separators outside
// quotes, plus one): its line number and field count. Quotes are taken as
// RFC 4180 has them; a stray quote can only make the count smaller.
func widestLine(text string, delim rune) (line, fields int) {
	n, cur, quoted := 1, 1, false
	line, fields = 1, 1
	for i := 0; i < len(text); i++ {
		switch b := text[i]; {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			n++
			cur = 1
		case rune(b) == delim:
			if cur++; cur > fields {
				line, fields = n, cur
			}
		}
	}
	return line, fields
}

// readCSV reads a flat CSV table: one row per item line, the order's fields
// repeated on each row and grouped by order_no.
func readCSV(name string, data []byte, opt Options, out *sink) invoice.Problems {
	fail := func(format string, args ...any) invoice.Problems {
		return invoice.Problems{invoice.Errorf(invoice.Location{File: name}, invoice.ErrFile, format, args...)}
	}
	text, enc, err := decodeText(data)
	if err != nil {
		return fail("%v", err)
	}
	if opt.Verbose != nil && enc != "UTF-8" {
		opt.Verbose(fmt.Sprintf("%s: read as %s text", name, enc))
	}
	delim := sniffDelimiter(text)
	if n := longestRun(text, delim); n > maxCellChars {
		return fail("a cell holds more than %d characters (%d without a separator); not an order file", maxCellChars, n)
	}
	if line, n := widestLine(text, delim); n > maxCSVFields {
		return invoice.Problems{invoice.Errorf(invoice.Location{File: name, Line: line}, invoice.ErrFile, "the line has %d fields; a CSV order file may have at most %d (Excel's column limit)", n, maxCSVFields)}
	}
	// Orders handed out one by one are read from rows parsed again on
	// each pass over the file, not held: rows of text take three times
	// the file's size. The first pass checks every row, and keeps the
	// rows above and around the header.
	oneByOne := out.oneByOne()
	g := &grid{file: name, csv: true}
	n := 0
	if ps := csvRows(name, text, delim, func(row gridRow) bool {
		if n++; !oneByOne || n <= maxHeaderRow+3 {
			g.rows = append(g.rows, row)
		}
		return true
	}); ps != nil {
		return ps
	}
	if n == 0 {
		return fail("the CSV file has no rows")
	}
	h, ok := findHeader(g, wantItems, itemIndex, orderIndex)
	if !ok {
		return fail("no header row in the first %d rows; expected columns such as order_no, Description / 英文品名, Quantity / 数量, Unit Price / 单价 (is this an order file?)", maxHeaderRow)
	}
	body := rowsOf(g, h)
	if oneByOne {
		body = func(fn func(j int, row gridRow) bool) {
			i := -1
			csvRows(name, text, delim, func(row gridRow) bool {
				if i++; i <= h.row {
					return true
				}
				return fn(i-h.row-1, row)
			})
		}
	}
	if delim == ';' {
		commas, ps := decimalCommas(g, h, body)
		if ps.HasErrors() {
			return ps
		}
		if oneByOne {
			parsed := body
			body = func(fn func(j int, row gridRow) bool) {
				parsed(func(j int, row gridRow) bool {
					commas.rewriteRow(row, h)
					return fn(j, row)
				})
			}
		} else {
			body(func(_ int, row gridRow) bool {
				commas.rewriteRow(row, h)
				return true
			})
		}
	}
	return readFlat(g, h, body, opt, out)
}

// csvRows parses a CSV file's text and hands its non-blank rows to fn, in
// order, until fn returns false; it returns the problem that stops the
// file being read (not CSV, too many rows, a cell too long).
func csvRows(name, text string, delim rune, fn func(row gridRow) bool) invoice.Problems {
	fail := func(format string, args ...any) invoice.Problems {
		return invoice.Problems{invoice.Errorf(invoice.Location{File: name}, invoice.ErrFile, format, args...)}
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	g := &grid{file: name, csv: true}
	count := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return invoice.Problems{invoice.Errorf(invoice.Location{File: name, Line: pe.Line, Column: pe.Column}, invoice.ErrFile, "not a readable CSV file: %v", pe.Err)}
			}
			return fail("not a readable CSV file: %v", err)
		}
		line, _ := cr.FieldPos(0)
		row := gridRow{n: line, cells: rec}
		if row.blank() {
			continue
		}
		if count++; count > maxRows {
			return fail("more than %d rows; an order file is far smaller", maxRows)
		}
		if len(rec) > maxCols {
			row.cells = append([]string(nil), rec[:maxCols]...)
		}
		for c, s := range row.cells {
			if len(s) > maxCellChars && utf8.RuneCountInString(s) > maxCellChars {
				return invoice.Problems{invoice.Errorf(g.loc(row, c), invoice.ErrFile, "cell holds %d characters, more than the %d a cell can hold", utf8.RuneCountInString(s), maxCellChars)}
			}
		}
		if !fn(row) {
			return nil
		}
	}
}

// numberKeys are the columns of a flat order file that hold numbers.
var numberKeys = []string{"quantity", "unit_price", "amount", "cartons", "net_weight_kg", "gross_weight_kg", "cbm", "deposit_percent", "deposit_received"}

// numberCore splits a number cell into what comes before its digits (a
// currency sign, a minus), the digits with their separators, and the rest.
var numberCore = lazyregexp.New(`^(\D*?)(\d[\d.,]*\d|\d)(\D*)$`)

// Kinds of number written in a semicolon-separated file (N-3).
var (
	commaDecimal   = lazyregexp.New(`^\d{1,3}(\.\d{3})*,\d+$|^\d+,\d+$`)  // 1.234,50 or 0,85
	pointDecimal   = lazyregexp.New(`^\d{1,3}(,\d{3})*\.\d+$|^\d+\.\d+$`) // 1,234.50 or 0.85
	groupsOfThree  = lazyregexp.New(`^\d{1,3}(\.\d{3})+$`)                // 1.085, 1.234.567
	commaThousands = lazyregexp.New(`^\d{1,3}(,\d{3})+$`)                 // 1,085
)

// decimalCommas reads the number columns of a semicolon-separated file
// (Excel in most of Europe) the way the file writes them (N-3): with
// decimal commas, "1,085" is 1.085 and "1.234,50" is 1234.50, never a
// thousand times more. It finds the file's convention in the rows of body;
// the numberCommas it returns rewrites a row's cells with decimal points. A
// number the file's own convention cannot settle ("1.085" with no decimal
// comma anywhere, or a file mixing both conventions) is an error naming
// its cell.
func decimalCommas(g *grid, h header, body rowSource) (numberCommas, invoice.Problems) {
	type seen struct {
		at   invoice.Location
		text string
	}
	var comma, point *seen // the first cell that settles each convention
	var ps invoice.Problems
	ambiguous := func(row gridRow, c int, n string) {
		whole := strings.ReplaceAll(n, ".", "")
		ps = append(ps, invoice.Errorf(g.loc(row, c), invoice.ErrNotANumber,
			"%s is ambiguous in a file separated by semicolons: %s with the dot grouping thousands (as with decimal commas), or %s with a decimal point; write it as %s or %s (N-3)",
			quote(n), whole, n, whole, strings.Replace(n, ".", ",", 1)))
	}
	var maybe []func() // the ambiguous cells, reported unless a comma settles them
	body(func(_ int, row gridRow) bool {
		figures(row, h, func(c int, m []string) {
			n := m[2]
			switch {
			case strings.Contains(n, ",") && strings.Contains(n, "."):
				if strings.LastIndexByte(n, ',') > strings.LastIndexByte(n, '.') {
					if comma == nil {
						comma = &seen{g.loc(row, c), n}
					}
				} else if point == nil {
					point = &seen{g.loc(row, c), n}
				}
			case commaThousands.MatchString(n), groupsOfThree.MatchString(n):
				// 1,085 and 1.085: either convention's, settled below.
				if strings.Count(n, ".") == 1 && groupsOfThree.MatchString(n) {
					maybe = append(maybe, func() { ambiguous(row, c, n) })
				}
			case commaDecimal.MatchString(n):
				if comma == nil {
					comma = &seen{g.loc(row, c), n}
				}
			case pointDecimal.MatchString(n):
				if point == nil {
					point = &seen{g.loc(row, c), n}
				}
			}
		})
		return true
	})
	if comma != nil && point != nil {
		return numberCommas{}, invoice.Problems{invoice.Errorf(point.at, invoice.ErrNotANumber,
			"%s is written with a decimal point, but %s (%s) with a decimal comma: the file mixes both, so 1,085 could be 1.085 or 1085; save it again with one convention (N-3)", quote(point.text), quote(comma.text), comma.at)}
	}
	if point != nil {
		return numberCommas{}, nil // a semicolon file with decimal points: read as written
	}
	if comma == nil {
		for _, report := range maybe {
			report()
		}
	}
	return numberCommas{rewrite: true}, ps
}

// numberCommas rewrites a semicolon file's numbers with decimal commas
// (decimalCommas) to decimal points.
type numberCommas struct{ rewrite bool }

// rewriteRow rewrites the row's number cells in place: 1.234,50 → 1234.50.
func (nc numberCommas) rewriteRow(row gridRow, h header) {
	if !nc.rewrite {
		return
	}
	figures(row, h, func(c int, m []string) {
		n := strings.ReplaceAll(m[2], ".", "")
		n = strings.Replace(n, ",", ".", 1)
		row.cells[c] = m[1] + n + m[3]
	})
}

// figures calls fn with each number column's cell of the row that holds a
// figure, split by numberCore.
func figures(row gridRow, h header, fn func(c int, m []string)) {
	for _, key := range numberKeys {
		c, ok := h.col[key]
		if !ok || c >= len(row.cells) {
			continue
		}
		if m := numberCore.FindStringSubmatch(strings.TrimSpace(row.cells[c])); m != nil {
			fn(c, m)
		}
	}
}
