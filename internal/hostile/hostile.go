// Package hostile builds the hostile and broken order files that tests
// throw at tradedocs' readers: workbooks written part by part (so a test
// controls every byte of the XML a spreadsheet program never writes) and
// CSV files. Nothing here is used by the tool itself; large files are
// generated when a test runs, never committed.
package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sheet is one worksheet of a generated workbook: its name and a writer of
// its whole XML part.
type Sheet struct {
	Name string
	XML  func(w io.Writer)
}

// Part is an extra zip entry (a text table, an image, filler).
type Part struct {
	Name string
	Data func(w io.Writer)
}

// Workbook writes an .xlsx file holding the sheets and extra parts
// (deflated, as spreadsheet programs write them).
func Workbook(sheets []Sheet, extra ...Part) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	put := func(name string, write func(io.Writer)) {
		w, err := zw.Create(name)
		if err != nil {
			panic(err)
		}
		write(w)
	}
	text := func(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
	var types, wbSheets, rels strings.Builder
	for i, s := range sheets {
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s.Name, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	put("[Content_Types].xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+types.String()+`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`))
	put("_rels/.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	put("xl/workbook.xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+wbSheets.String()+`</sheets></workbook>`))
	sst := len(sheets) + 1
	put("xl/_rels/workbook.xml.rels", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+fmt.Sprintf(`<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, sst)+`</Relationships>`))
	for i, s := range sheets {
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s.XML)
	}
	hasSST := false
	for _, p := range extra {
		hasSST = hasSST || p.Name == "xl/sharedStrings.xml"
		put(p.Name, p.Data)
	}
	if !hasSST {
		put("xl/sharedStrings.xml", text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>`))
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
const sheetTail = `</sheetData></worksheet>`

// Grid is a sheet's rows: row 1 first. A cell starting with "=" is a
// formula with no cached value (as programs other than Excel write them),
// a number is a number, anything else an inline string; "" is no cell.
func Grid(name string, rows [][]string) Sheet {
	return Sheet{Name: name, XML: func(w io.Writer) {
		io.WriteString(w, sheetHead)
		for r, row := range rows {
			WriteRow(w, r+1, row)
		}
		io.WriteString(w, sheetTail)
	}}
}

// WriteRow writes row n's XML (see Grid for the cells).
func WriteRow(w io.Writer, n int, cells []string) {
	fmt.Fprintf(w, `<row r="%d">`, n)
	for c, v := range cells {
		WriteCell(w, Col(c+1)+strconv.Itoa(n), v)
	}
	io.WriteString(w, `</row>`)
}

// WriteCell writes one cell's XML (see Grid).
func WriteCell(w io.Writer, ref, v string) {
	switch {
	case v == "":
	case strings.HasPrefix(v, "="):
		fmt.Fprintf(w, `<c r="%s"><f>%s</f></c>`, ref, escape(v[1:]))
	case isNumber(v):
		fmt.Fprintf(w, `<c r="%s"><v>%s</v></c>`, ref, v)
	default:
		fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, escape(v))
	}
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// Col is the letters of 1-based column c ("A", "XFD").
func Col(c int) string {
	s := ""
	for ; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// OrderRows is a valid Order sheet (key / value rows) of order PO-1 in USD.
func OrderRows() [][]string {
	return [][]string{
		{"order_no", "PO-1"},
		{"pi_date", "2026-03-05"},
		{"seller_name_en", "Shenzhen Example Co., Ltd."},
		{"seller_address_en", "1 Keji Road, Shenzhen"},
		{"buyer_name", "Lakeside Imports LLC"},
		{"buyer_address", "100 Main St, Austin, TX"},
		{"currency", "USD"},
		{"incoterm", "FOB"},
		{"incoterm_place", "Shenzhen"},
	}
}

// ItemHeader is the Items sheet's header row.
var ItemHeader = []string{"line_no", "description_en", "quantity", "unit", "unit_price"}

// Item is item line i (1-based): i mugs at 1.25 each.
func Item(i int) []string {
	return []string{strconv.Itoa(i), fmt.Sprintf("Mug model %d", i), strconv.Itoa(i), "pcs", "1.25"}
}

// Items is an Items sheet of the header and lines 1..n.
func Items(n int) [][]string {
	rows := [][]string{ItemHeader}
	for i := 1; i <= n; i++ {
		rows = append(rows, Item(i))
	}
	return rows
}

// Order is a valid workbook of one order with n item lines.
func Order(n int) []byte {
	return Workbook([]Sheet{Grid("Order", OrderRows()), Grid("Items", Items(n))})
}

// FormulaChain is an order whose first line's quantity is =Calc!A1, where
// Calc!A1 = A2+0, A2 = A3+0, ... and A<n> = 1: a chain n formulas deep.
func FormulaChain(n int) []byte {
	items := Items(3)
	items[1][2] = "=Calc!A1"
	calc := Sheet{Name: "Calc", XML: func(w io.Writer) {
		io.WriteString(w, sheetHead)
		for i := 1; i < n; i++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d"><f>A%d+0</f></c></row>`, i, i, i+1)
		}
		fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>1</v></c></row>`, n, n)
		io.WriteString(w, sheetTail)
	}}
	return Workbook([]Sheet{Grid("Order", OrderRows()), Grid("Items", items), calc})
}

// RunningSums is sheet Calc with n running totals: A<i> is 1 and
// B<i> = SUM(A$1:A<i>), each reading all the cells above it.
func RunningSums(n int) Sheet {
	return Sheet{Name: "Calc", XML: func(w io.Writer) {
		io.WriteString(w, sheetHead)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d"><f>SUM(A$1:A%d)</f></c></row>`, i, i, i, i)
		}
		io.WriteString(w, sheetTail)
	}}
}

// FormulaItems is an order whose first line's quantity is the formula
// (without "="), with extra sheets.
func FormulaItems(quantity string, extra ...Sheet) []byte {
	items := Items(3)
	items[1][2] = "=" + quantity
	return Workbook(append([]Sheet{Grid("Order", OrderRows()), Grid("Items", items)}, extra...))
}

// OutOfOrderWide is an order whose Items sheet lists its rows bottom-up
// (which no spreadsheet program writes, and which makes excelize read the
// sheet) with a cell in column XFD, the last one, on each of n rows.
func OutOfOrderWide(n int) []byte {
	items := Sheet{Name: "Items", XML: func(w io.Writer) {
		io.WriteString(w, sheetHead)
		for r := n + 1; r >= 1; r-- {
			fmt.Fprintf(w, `<row r="%d">`, r)
			if r == 1 {
				for c, v := range ItemHeader {
					WriteCell(w, Col(c+1)+"1", v)
				}
			} else if r <= 4 {
				for c, v := range Item(r - 1) {
					WriteCell(w, Col(c+1)+strconv.Itoa(r), v)
				}
			}
			fmt.Fprintf(w, `<c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, r)
		}
		io.WriteString(w, sheetTail)
	}}
	return Workbook([]Sheet{Grid("Order", OrderRows()), items})
}

// SharedStrings is an order workbook whose text table holds n empty items.
func SharedStrings(n int) []byte {
	sst := Part{Name: "xl/sharedStrings.xml", Data: func(w io.Writer) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, n, n)
		for i := 0; i < n; i++ {
			io.WriteString(w, `<si><t></t></si>`)
		}
		io.WriteString(w, `</sst>`)
	}}
	return Workbook([]Sheet{Grid("Order", OrderRows()), Grid("Items", Items(3))}, sst)
}

// ZipEntries is an order workbook with n extra empty zip entries.
func ZipEntries(n int) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zr, _ := zip.NewReader(bytes.NewReader(Order(3)), int64(len(Order(3))))
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	for i := 0; i < n; i++ {
		zw.CreateHeader(&zip.FileHeader{Name: strconv.Itoa(i), Method: zip.Store})
	}
	zw.Close()
	return b.Bytes()
}

// BrokenItems is an order of 5 item lines whose Items sheet XML holds bad
// (text to put inside the cell of line 3's description) after line 2.
func BrokenItems(bad string) []byte {
	items := Sheet{Name: "Items", XML: func(w io.Writer) {
		io.WriteString(w, sheetHead)
		rows := Items(5)
		for r, row := range rows {
			if r == 3 {
				fmt.Fprintf(w, `<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="inlineStr"><is><t>%s</t></is></c><c r="C4"><v>3</v></c><c r="D4" t="inlineStr"><is><t>pcs</t></is></c><c r="E4"><v>1.25</v></c></row>`, bad)
				continue
			}
			WriteRow(w, r+1, row)
		}
		io.WriteString(w, sheetTail)
	}}
	return Workbook([]Sheet{Grid("Order", OrderRows()), items})
}

// TruncatedItems is an order of 5 item lines whose Items sheet XML stops
// in the middle of line 3.
func TruncatedItems() []byte {
	items := Sheet{Name: "Items", XML: func(w io.Writer) {
		io.WriteString(w, sheetHead)
		rows := Items(5)
		for r := 0; r < 3; r++ {
			WriteRow(w, r+1, rows[r])
		}
		io.WriteString(w, `<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="inl`)
	}}
	return Workbook([]Sheet{Grid("Order", OrderRows()), items})
}

// CSVHeader is a flat CSV order's header line.
const CSVHeader = "order_no,pi_date,seller_name_en,seller_address_en,buyer_name,buyer_address,currency,incoterm,incoterm_place,description_en,quantity,unit,unit_price\n"

// CSVLine is item line i of order PO-1 in the flat CSV layout.
func CSVLine(i int) string {
	return fmt.Sprintf("PO-1,2026-03-05,Shenzhen Example Co. Ltd.,1 Keji Road Shenzhen,Lakeside Imports LLC,100 Main St Austin TX,USD,FOB,Shenzhen,Mug model %d,%d,pcs,1.25\n", i, i)
}

// CSVCommas is a CSV order of 3 lines followed by one line of n commas.
func CSVCommas(n int) []byte {
	var b bytes.Buffer
	b.WriteString(CSVHeader)
	for i := 1; i <= 3; i++ {
		b.WriteString(CSVLine(i))
	}
	b.Write(bytes.Repeat([]byte(","), n))
	b.WriteString("\n")
	return b.Bytes()
}

// OrderWithJunk is a valid order of n item lines whose Items sheet also
// holds junkRows rows of ten numbers each (columns G to P) below the
// lines, with a merged title cell, a deposit percentage and a formula on
// another sheet: every reason the reader has to let excelize parse a sheet.
func OrderWithJunk(n, junkRows int) []byte {
	items := Sheet{Name: "Items", XML: func(w io.Writer) {
		io.WriteString(w, sheetHead)
		for r, row := range Items(n) {
			WriteRow(w, r+1, row)
		}
		for r := n + 100; r < n+100+junkRows; r++ {
			fmt.Fprintf(w, `<row r="%d">`, r)
			for c := 7; c <= 16; c++ {
				fmt.Fprintf(w, `<c r="%s%d"><v>%d</v></c>`, Col(c), r, r*c)
			}
			io.WriteString(w, `</row>`)
		}
		io.WriteString(w, `</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`)
	}}
	order := append(OrderRows(), []string{"deposit_percent", "30"}, []string{"ci_date", "2026-05-02"})
	return Workbook([]Sheet{Grid("Order", order), items, Grid("Calc", [][]string{{"=1+1"}})})
}

// OrderSheetWithJunk is a valid order of 3 item lines whose Order sheet
// has its order number's label merged over columns A and B (the number in
// C) and junkRows rows of ten numbers below its fields.
func OrderSheetWithJunk(junkRows int) []byte {
	order := Sheet{Name: "Order", XML: func(w io.Writer) {
		io.WriteString(w, sheetHead)
		rows := append(OrderRows(), []string{"ci_date", "2026-05-02"})
		rows[0] = []string{"order_no", "", "PO-MERGED"}
		for r, row := range rows {
			WriteRow(w, r+1, row)
		}
		for r := len(rows) + 10; r < len(rows)+10+junkRows; r++ {
			fmt.Fprintf(w, `<row r="%d">`, r)
			for c := 7; c <= 16; c++ {
				fmt.Fprintf(w, `<c r="%s%d"><v>%d</v></c>`, Col(c), r, r*c)
			}
			io.WriteString(w, `</row>`)
		}
		io.WriteString(w, `</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`)
	}}
	return Workbook([]Sheet{order, Grid("Items", Items(3))})
}

// Styles is an order workbook whose styles part holds n cell formats
// showing a percentage, and whose deposit_percent is 0.3 (so the reader
// asks for its cell's style).
func Styles(n int) []byte {
	styles := Part{Name: "xl/styles.xml", Data: func(w io.Writer) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0%%"/></numFmts><cellXfs count="%d">`, n)
		for i := 0; i < n; i++ {
			io.WriteString(w, `<xf numFmtId="164"/>`)
		}
		io.WriteString(w, `</cellXfs></styleSheet>`)
	}}
	return Workbook([]Sheet{Grid("Order", append(OrderRows(), []string{"deposit_percent", "0.3"})), Grid("Items", Items(3))}, styles)
}

// Blanks is an order workbook whose Items sheet carries mb megabytes of
// spaces after its rows: a few hundred kilobytes that unpack to mb MB.
func Blanks(mb int) []byte {
	ws := Sheet{Name: "Items", XML: func(w io.Writer) {
		io.WriteString(w, sheetHead)
		for r, row := range Items(3) {
			WriteRow(w, r+1, row)
		}
		sp := bytes.Repeat([]byte(" "), 1<<20)
		for i := 0; i < mb; i++ {
			w.Write(sp)
		}
		io.WriteString(w, sheetTail)
	}}
	return Workbook([]Sheet{Grid("Order", OrderRows()), ws})
}
