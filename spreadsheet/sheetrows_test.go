package spreadsheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/xuri/excelize/v2"
)

// rawRow is a non-blank row as excelize's Columns returns it, before the
// package's limits and number clean-up.
type rawRow struct {
	N     int
	Cells []string
}

// excelizeRawRows is the reference: excelize's Rows/Columns iteration.
func excelizeRawRows(f *excelize.File, sheet string) ([]rawRow, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []rawRow
	n := 0
	for rows.Next() {
		n++
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		for _, s := range cols {
			if s != "" {
				out = append(out, rawRow{n, cols})
				break
			}
		}
	}
	return out, rows.Error()
}

// fastRawRows is the fast reader without the package's limits; err is
// errSlowPath when it declines the sheet.
func fastRawRows(f *excelize.File, data []byte, sheet string) ([]rawRow, error) {
	return fastRawRowsWindow(f, data, sheet, 0)
}

// fastRawRowsWindow is fastRawRows reading the sheet from the zip through
// a window of that many bytes (0: as ReadFile does).
func fastRawRowsWindow(f *excelize.File, data []byte, sheet string, window int) ([]rawRow, error) {
	var out []rawRow
	src := newSheetSource(f, data)
	src.window = window
	err := src.scan(sheet, 1<<30, func(n int, cells []string) error {
		out = append(out, rawRow{n, append([]string(nil), cells...)})
		return nil
	})
	return out, err
}

func openWorkbook(tb testing.TB, data []byte) (*excelize.File, error) {
	tb.Helper()
	return excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: 16 << 20,
	})
}

// TestSheetRowsMatchExcelizeOnEveryWorkbook reads every sheet of every
// workbook the project ships (examples, broken fixtures, LibreOffice
// conversions, the bench-size export) both ways; the rows must be identical,
// and none of these ordinary files may need the slow path.
func TestSheetRowsMatchExcelizeOnEveryWorkbook(t *testing.T) {
	files := shippedWorkbooks(t)
	files["generated 50 orders × 20 lines"] = manyOrdersWorkbook(t, 50, 20)
	compared := 0
	for name, data := range files {
		f, err := openWorkbook(t, data)
		if err != nil {
			continue // not a workbook (the broken fixtures include some)
		}
		for _, sheet := range f.GetSheetList() {
			want, werr := excelizeRawRows(f, sheet)
			got, gerr := fastRawRows(f, data, sheet)
			if gerr != nil {
				t.Errorf("%s!%s: fast reader declined an ordinary sheet: %v", name, sheet, gerr)
				continue
			}
			if werr != nil {
				t.Errorf("%s!%s: excelize: %v, fast reader: no error", name, sheet, werr)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s!%s: rows differ\nfast:     %+v\nexcelize: %+v", name, sheet, got, want)
			}
			// Read from the zip through a window that rows straddle, and
			// through one smaller than a token.
			for _, window := range []int{4093, 7} {
				if got, gerr := fastRawRowsWindow(f, data, sheet, window); gerr != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("%s!%s: rows read through a %d-byte window differ (%v)\nfast:     %+v\nexcelize: %+v", name, sheet, window, gerr, got, want)
				}
			}
			// And through the package's limits and number clean-up.
			g1, e1 := excelizeRows(f, sheet)
			g2, e2 := newSheetSource(f, data).rows(sheet)
			if !reflect.DeepEqual(g1, g2) || (e1 == nil) != (e2 == nil) {
				t.Errorf("%s!%s: grid rows differ: %v / %v", name, sheet, e1, e2)
			}
			compared++
		}
		f.Close()
	}
	if compared < 10 {
		t.Fatalf("compared only %d sheets", compared)
	}
}

// miniWorkbook zips a workbook with one sheet "S" of the given worksheet
// XML and, unless sst is empty, a text table.
func miniWorkbook(tb testing.TB, sheetXML, sst string) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte(body))
	}
	ct := `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>`
	if sst != "" {
		ct += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
		add("xl/sharedStrings.xml", sst)
	}
	add("[Content_Types].xml", ct+`</Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`)
	add("xl/worksheets/sheet1.xml", sheetXML)
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

const (
	wsHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	wsTail = `</sheetData></worksheet>`
	sstNS  = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">`
)

// compareSheet reads sheet S both ways and returns the fast rows; it fails
// when they differ, and reports whether the fast reader declined.
func compareSheet(t *testing.T, data []byte) (rows []rawRow, slow bool) {
	t.Helper()
	f, err := openWorkbook(t, data)
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	defer f.Close()
	want, werr := excelizeRawRows(f, "S")
	got, gerr := fastRawRows(f, data, "S")
	if errors.Is(gerr, errSlowPath) {
		return want, true
	}
	if gerr != nil || werr != nil {
		t.Fatalf("fast: %v, excelize: %v", gerr, werr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows differ\nfast:     %+v\nexcelize: %+v", got, want)
	}
	return got, false
}

func TestSheetRowsCases(t *testing.T) {
	sst := sstNS + `<si><t>Mug 马克杯</t></si><si><r><rPr><b/><sz val="11"/><color theme="1"/></rPr><t>Bold</t></r><r><t xml:space="preserve"> cup</t></r></si>` +
		`<si><t>东京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si></sst>`
	for _, tc := range []struct {
		name  string
		sheet string
		sst   string
		want  []rawRow
		slow  bool // the fast reader must hand the sheet to excelize
	}{
		{"supplier's quote with shared, rich and phonetic strings",
			`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v> 2 </v></c></row>`,
			sst, []rawRow{{1, []string{"Mug 马克杯", "Bold cup", "东京"}}}, false},
		{"inline strings as excelize's stream writer writes them",
			`<row r="2"><c r="A2" t="inlineStr"><is><t>USB-C cable</t></is></c><c r="B2" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c><c r="C2" t="inlineStr"><v>only v</v></c></row>`,
			"", []rawRow{{2, []string{"USB-C cable", "ab", "only v"}}}, false},
		{"entities and character references in values",
			`<row r="1"><c r="A1" t="str"><v>Tom &amp; Jerry &lt;&gt; &quot;q&quot; &apos;a&apos; &#x4E2D;&#25991; x&#13;y</v></c></row>`,
			"", []rawRow{{1, []string{`Tom & Jerry <> "q" 'a' 中文 x` + "\r" + "y"}}}, false},
		{"CDATA and a comment inside a value",
			`<row r="1"><c r="A1" t="str"><v><![CDATA[a<b]]><!-- note -->&amp;c</v></c></row>`,
			"", []rawRow{{1, []string{"a<b&c"}}}, false},
		{"booleans, errors, dates and numbers kept raw",
			`<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#DIV/0!</v></c><c r="C1" t="d"><v>2024-03-01T00:00:00Z</v></c><c r="D1" s="3"><v>45352.5</v></c><c r="E1" t="n"><v>0.1000000000000000055</v></c></row>`,
			"", []rawRow{{1, []string{"1", "#DIV/0!", "2024-03-01T00:00:00Z", "45352.5", "0.1000000000000000055"}}}, false},
		{"rows and cells without r attributes",
			`<row><c><v>1</v></c><c><v>2</v></c></row><row><c t="str"><v>x</v></c></row><row r="7"><c r="C7"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>`,
			"", []rawRow{{1, []string{"1", "2"}}, {2, []string{"x"}}, {7, []string{"", "", "3", "4"}}, {8, []string{"5"}}}, false},
		{"gaps in columns and empty cells left out",
			`<row r="3"><c r="B3" s="1"/><c r="D3"><v>9</v></c><c r="F3" t="s"><v></v></c><c r="H3" s="2"></c></row>`,
			"", []rawRow{{3, []string{"", "", "", "9"}}}, false},
		{"empty and blank rows are skipped",
			`<row r="1"/><row r="2"><c r="A2" s="4"/></row><row r="4" spans="1:3"><c r="A4"><v>x</v></c></row>`,
			"", []rawRow{{4, []string{"x"}}}, false},
		{"formula without a cached value keeps its place",
			`<row r="1"><c r="A1"><f>1+1</f></c><c r="C1"><f>A1</f><v>2</v></c></row><row r="2"><c r="B2"><f>""</f></c></row>`,
			"", []rawRow{{1, []string{"", "", "2"}}}, false},
		{"namespace prefixes on elements",
			`<x:row r="1" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c r="A1" t="inlineStr"><x:is><x:t>pfx</x:t></x:is></x:c><x:c r="B1"><x:v>5</x:v></x:c></x:row>`,
			"", []rawRow{{1, []string{"pfx", "5"}}}, false},
		{"cells out of order are appended as excelize does",
			`<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c></row>`,
			"", []rawRow{{1, []string{"", "", "3", "1"}}}, false},
		{"invalid shared string index drops the cell",
			`<row r="1"><c r="A1" t="s"><v>99</v></c><c r="B1"><v>2</v></c><c r="C1" t="s"><v>abc</v></c></row>`,
			sst, []rawRow{{1, []string{"", "2", "Mug 马克杯"}}}, false},
		{"_xHHHH_ escapes in strings",
			`<row r="1"><c r="A1" t="inlineStr"><is><t>a_x000D_b_x005F_x0041_</t></is></c></row>`,
			"", []rawRow{{1, []string{"a\rb_x0041_"}}}, false},
		{"carriage returns in text become line feeds",
			"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>a\r\nb\rc</v></c></row>",
			"", []rawRow{{1, []string{"a\nb\nc"}}}, false},
		{"a second sheetData after the rows is read on",
			`<row r="1"><c r="A1"><v>1</v></c></row></sheetData><sheetData><row r="2"><c r="A2"><v>2</v></c></row>`,
			"", []rawRow{{1, []string{"1"}}, {2, []string{"2"}}}, false},
		{"rows after an empty sheetData, which excelize drops, are declined (and reported by checkXML)",
			`</sheetData><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`,
			"", nil, true},
		{"a cell beyond column Z",
			`<row r="1"><c r="AB1"><v>1</v></c></row>`,
			"", []rawRow{{1, append(make([]string, 27), "1")}}, false},
		// Declined: excelize reads these with quirks the fast reader leaves to it.
		{"rows out of order", `<row r="5"><c r="A5"><v>5</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`, "", nil, true},
		{"a DOCTYPE", `<row r="1"><c r="A1"><v>1</v></c></row>`, "", nil, true},
		{"an unknown entity", `<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>`, "", nil, true},
		{"a style number that is not a number", `<row r="1"><c r="A1" s="x"><v>1</v></c></row>`, "", nil, true},
		{"malformed XML", `<row r="1"><c r="A1"><v>1</c></row>`, "", nil, true},
		{"a lower-case cell reference", `<row r="1"><c r="a1"><v>1</v></c></row>`, "", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := wsHead + tc.sheet + wsTail
			if tc.name == "a DOCTYPE" {
				doc = `<!DOCTYPE worksheet>` + doc
			}
			rows, slow := compareSheet(t, miniWorkbook(t, doc, tc.sst))
			if slow != tc.slow {
				t.Fatalf("slow path %v, want %v", slow, tc.slow)
			}
			if !tc.slow && !reflect.DeepEqual(rows, tc.want) {
				t.Fatalf("rows %+v, want %+v", rows, tc.want)
			}
		})
	}
}

// The package's limits hold on the fast path with the same messages.
func TestSheetRowsLimits(t *testing.T) {
	long := strings.Repeat("货", maxCellChars+1)
	for _, tc := range []struct {
		name, sheet, wantErr string
		wantCells            int
	}{
		{"a cell longer than Excel allows", `<row r="4"><c r="B4" t="inlineStr"><is><t>` + long + `</t></is></c></row>`, "cell B4 holds 32768 characters", 0},
		{"a row wider than maxCols is cut", `<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>`, "", maxCols},
		{"only a far cell makes the row non-blank", `<row r="1"><c r="XFD1"><v>2</v></c></row>`, "", maxCols},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := miniWorkbook(t, wsHead+tc.sheet+wsTail, "")
			f, err := openWorkbook(t, data)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, gerr := newSheetSource(f, data).fastRows("S")
			want, werr := excelizeRows(f, "S")
			if errors.Is(gerr, errSlowPath) {
				t.Fatal("fast reader declined")
			}
			if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
				t.Fatalf("errors differ: fast %v, excelize %v", gerr, werr)
			}
			if tc.wantErr != "" {
				if gerr == nil || !strings.Contains(gerr.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", gerr, tc.wantErr)
				}
				return
			}
			if !reflect.DeepEqual(got, want) || len(got) != 1 || len(got[0].cells) != tc.wantCells {
				t.Fatalf("rows differ or wrong width: fast %d cells, excelize %v", len(got[0].cells), len(want))
			}
		})
	}
	t.Run("more rows with data than maxRows", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(wsHead)
		for i := 0; i <= maxRows; i++ {
			b.WriteString(`<row><c><v>1</v></c></row>`)
		}
		b.WriteString(wsTail)
		var out sheetRows
		err := scanSheetRows(b.String(), nil, maxCols, out.add)
		if err == nil || !strings.Contains(err.Error(), "more than 200000 rows") {
			t.Fatalf("error %v", err)
		}
	})
}

// FuzzSheetRows feeds random worksheet (and text table) XML to both
// readers: the fast one must never panic, and whenever it does not decline
// and excelize opens the workbook, both must give the same rows.
func FuzzSheetRows(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x&amp;y</t></is></c></row>`, sstNS+`<si><t>a</t></si></sst>`)
	f.Add(`<row><c><v>1</v></c><c r="D1"><f>A1</f></c></row><row r="9"><c t="b"><v>0</v></c></row>`, "")
	f.Add(`<x:row xmlns:x="u"><x:c r="B2"><x:v><![CDATA[z]]></x:v></x:c></x:row>`, "")
	f.Add(`<row r="1"><c r="A1" t="s"><v>1</v></c></row>`, sstNS+`<si><r><rPr><b val="1"/></rPr><t>r1</t></r><rPh sb="0" eb="1"><t>p</t></rPh></si><si><t>_x0041_</t></si></sst>`)
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		doc := wsHead + sheet + wsTail
		// The scanner alone, on anything; no cell it hands out lies
		// in the sheet's text, which scan reads in place.
		var whole []rawRow
		werr := scanSheetRows(doc, []string{"a"}, 8, func(n int, cells []string) error {
			for _, c := range cells {
				if within(doc, c) {
					t.Fatalf("row %d: cell %q is a substring of the sheet's text", n, c)
				}
			}
			whole = append(whole, rawRow{n, append([]string(nil), cells...)})
			return nil
		})
		// The same document streamed through a window that tokens and
		// rows straddle: the same rows, or the same refusal.
		window := 1 + len(sheet)%23
		var streamed []rawRow
		serr := scanSheet(newStreamScanner(strings.NewReader(doc), window), []string{"a"}, 8, func(n int, cells []string) error {
			streamed = append(streamed, rawRow{n, append([]string(nil), cells...)})
			return nil
		})
		if errors.Is(werr, errSlowPath) != errors.Is(serr, errSlowPath) ||
			!errors.Is(werr, errSlowPath) && ((werr == nil) != (serr == nil) || !reflect.DeepEqual(whole, streamed)) {
			t.Fatalf("%d-byte window: %+v (%v); whole document: %+v (%v)", window, streamed, serr, whole, werr)
		}
		parseSharedStrings(sst)
		data := miniWorkbook(t, doc, sst)
		ef, err := openWorkbook(t, data)
		if err != nil {
			return
		}
		defer ef.Close()
		got, gerr := fastRawRows(ef, data, "S")
		if errors.Is(gerr, errSlowPath) {
			return
		}
		want, werr := excelizeRawRows(ef, "S")
		if gerr != nil || werr != nil {
			t.Fatalf("fast: %v, excelize: %v", gerr, werr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("rows differ\nfast:     %+v\nexcelize: %+v", got, want)
		}
	})
}

// BenchmarkSheetRows reads both sheets of the bench workbook (1,000 orders,
// 20,000 item lines): the fast reader against excelize's Rows/Columns.
func BenchmarkSheetRows(b *testing.B) {
	data := manyOrdersWorkbook(b, 1000, 20)
	f, err := openWorkbook(b, data)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			src := newSheetSource(f, data)
			for _, s := range sheets {
				if _, err := src.fastRows(s); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("excelize", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, s := range sheets {
				if _, err := excelizeRows(f, s); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// TestSheetRowsMutatedSheets is a deterministic differential test on
// near-valid XML, which random fuzzing rarely reaches: well-formed order
// sheets with XML fragments inserted at random places. Wherever the fast
// reader does not decline, excelize must give the same rows.
func TestSheetRowsMutatedSheets(t *testing.T) {
	base := `<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="2"><v>1</v></c><c r="C1"><v>12.5</v></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>Mug</t></is></c><c r="C2"><f>C1*2</f><v>25</v></c><c r="D2" t="b"><v>1</v></c></row>` +
		`<row r="4"><c r="B4" t="str"><v>x &amp; y</v></c><c r="E4" t="e"><v>#N/A</v></c><c r="F4" t="s"><v>2</v></c><c r="G4" t="s"><v>3</v></c></row>`
	sst := sstNS + `<si><t>Order No.</t></si><si><r><t>Unit </t></r><r><rPr><b/></rPr><t>Price</t></r></si></sst>`
	frags := []string{
		`<row>`, `</row>`, `<row r="3">`, `<row r="9"/>`, `<c>`, `</c>`, `<c r="Z1"><v>7</v></c>`, `<c t="s"><v>1</v></c>`,
		`<c t="inlineStr"><is><r><t>r</t></r></is></c>`, `<v>5</v>`, `<f/>`, `<f si="x"/>`, `<f si="1"/>`, `<is><t>i</t></is>`,
		`</sheetData><sheetData>`, `<!-- c -->`, `<![CDATA[5]]>`, `&#65;`, `&#0;`, `&amp;`, `&bad;`, `_x0041_`,
		`<t>t</t>`, `<x:c xmlns:x="u"><x:v>8</x:v></x:c>`, `<c r="A1">`, `<c s="">`, `<c xmlns:r="u">`, " ", "\r\n", `<?pi x?>`,
		`<rPh sb="q"><t>p</t></rPh>`, `<c r="XFD1"><v>1</v></c>`, `<row r="0">`, `<row r="1048577">`, `<row r="+5">`, `"`, `<`, `>`,
	}
	sstFrags := []string{`<si><t>z</t></si>`, `<si/>`, `<t>q</t>`, `<r><t>w</t></r>`, `<rPh sb="1"><t>p</t></rPh>`, `<b val="maybe"/>`,
		`<sz val="x"/>`, `<phoneticPr fontId="a"/>`, `&#x4E2D;`, `_x005F_`, `<![CDATA[c]]>`, `<si>`, `</si>`, `<x:si xmlns:x="u"><x:t>n</x:t></x:si>`}
	seed := uint64(1)
	rnd := func(n int) int { // xorshift: deterministic across Go versions
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(n))
	}
	fast, slow := 0, 0
	for i := 0; i < 3000; i++ {
		doc, sst := base, sst
		if rnd(3) == 0 {
			p := rnd(len(sst) + 1)
			if q := strings.IndexByte(sst[p:], '<'); q >= 0 && rnd(4) > 0 {
				p += q
			}
			sst = sst[:p] + sstFrags[rnd(len(sstFrags))] + sst[p:]
		}
		for k := 0; k <= rnd(3); k++ {
			p := rnd(len(doc) + 1)
			if rnd(4) > 0 { // mostly between tags, where XML stays well-formed
				if q := strings.IndexByte(doc[p:], '<'); q >= 0 {
					p += q
				} else {
					p = len(doc)
				}
			}
			doc = doc[:p] + frags[rnd(len(frags))] + doc[p:]
		}
		data := miniWorkbook(t, wsHead+doc+wsTail, sst)
		f, err := openWorkbook(t, data)
		if err != nil {
			continue
		}
		got, gerr := fastRawRows(f, data, "S")
		// Through a window, the fast reader must decline the same sheets
		// and read the others alike.
		window := 1 + rnd(40)
		if wgot, werr := fastRawRowsWindow(f, data, "S", window); errors.Is(werr, errSlowPath) != errors.Is(gerr, errSlowPath) ||
			!errors.Is(gerr, errSlowPath) && (!reflect.DeepEqual(wgot, got) || (werr == nil) != (gerr == nil)) {
			t.Fatalf("sheet %s\nwhole:       %+v (%v)\n%d-byte window: %+v (%v)", doc, got, gerr, window, wgot, werr)
		}
		if errors.Is(gerr, errSlowPath) {
			slow++
			f.Close()
			continue
		}
		fast++
		want, werr := excelizeRawRows(f, "S")
		f.Close()
		if gerr != nil || werr != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("sheet %s\nfast:     %+v (%v)\nexcelize: %+v (%v)", doc, got, gerr, want, werr)
		}
	}
	t.Logf("%d mutated sheets read fast and identical, %d declined", fast, slow)
	if fast < 300 {
		t.Fatalf("only %d mutated sheets took the fast path", fast)
	}
}

// A worksheet over excelize's 16 MB in-memory limit lives in a temporary
// file for excelize; the fast reader unzips it itself and must agree.
func TestSheetRowsBigSheetOutsideExcelizeMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 19 MB worksheet")
	}
	var b strings.Builder
	b.WriteString(wsHead)
	text := strings.Repeat("长", 10_000) // 30,000 bytes, 10,000 characters
	for i := 1; i <= 640; i++ {
		b.WriteString(`<row><c t="inlineStr"><is><t>` + text + `</t></is></c><c><v>` + strings.Repeat("7", i%20+1) + `</v></c></row>`)
	}
	b.WriteString(wsTail)
	data := miniWorkbook(t, b.String(), "")
	f, err := openWorkbook(t, data)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, ok := f.Pkg.Load("xl/worksheets/sheet1.xml"); ok {
		t.Fatal("excelize kept the big sheet in memory; the test no longer covers the temporary file")
	}
	got, gerr := fastRawRows(f, data, "S")
	want, werr := excelizeRawRows(f, "S")
	if gerr != nil || werr != nil {
		t.Fatalf("fast: %v, excelize: %v", gerr, werr)
	}
	if len(got) != 640 || !reflect.DeepEqual(got, want) {
		t.Fatalf("%d rows fast, %d by excelize, or they differ", len(got), len(want))
	}
}

// within reports whether s's bytes lie inside doc's.
func within(doc, s string) bool {
	if s == "" || doc == "" {
		return false
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(doc)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return p >= start && p < start+uintptr(len(doc))
}

// TestNumberCellsThroughWindow: numberCells finds the same number cells
// and styles (not the text "12pcs") in excelize's copy of
// a sheet and in the sheet read from the zip through a small window.
func TestNumberCellsThroughWindow(t *testing.T) {
	data := buildWorkbook(t, testSheet{name: "Items", rows: [][]any{
		{"description_en", "quantity", "unit_price", "hs_code"},
		{"Mug", 12, 0.085, 8513102000},
		{"Cup", "12pcs", 1.5, "8513.10"},
	}, numFmt: map[string]int{"C2": 2, "D2": 1, "B3": 4}})
	f, err := openWorkbook(t, data)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	formats := map[int]bool{}
	for id := 1; id < 10; id++ {
		formats[id] = true
	}
	want, wantValues, err := newSheetSource(f, data).numberCells("Items", formats)
	if err != nil || len(want) != 4 || want["C2"] == 0 || want["C3"] != 0 || want["B2"] != 0 {
		t.Fatalf("number cells %v (%v)", want, err)
	}
	if len(wantValues) != 2 || wantValues["C2"] != "0.085" || wantValues["D2"] != "8513102000" {
		t.Fatalf("values of the formatted cells: %v", wantValues)
	}
	for _, window := range []int{1, 5, 64} {
		src := newSheetSource(f, data)
		src.window = window
		got, values, err := src.numberCells("Items", formats)
		if err != nil || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(values, wantValues) {
			t.Fatalf("%d-byte window: %v %v (%v), want %v %v", window, got, values, err, want, wantValues)
		}
	}
}

// shippedWorkbooks are the workbooks the project ships (examples, test
// data, LibreOffice conversions) and the broken fixtures, by name.
func shippedWorkbooks(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, dir := range []string{"../examples", "../testdata", "testdata"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xlsx") {
				if data, err := os.ReadFile(p); err == nil {
					files[p] = data
				}
			}
			return nil
		})
	}
	if len(files) < 5 {
		t.Fatalf("found only %d workbooks; run from the spreadsheet folder", len(files))
	}
	for _, b := range fixtureBrokenSet() {
		if data, err := b.make(); err == nil {
			files["fixture "+b.file] = data
		}
	}
	return files
}
