package spreadsheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/internal/hostile"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/xuri/excelize/v2"
)

// replaceEntry rewrites a workbook's zip with the entry name's content
// produced by write (streamed, so a huge entry never sits in memory here).
func replaceEntry(t testing.TB, data []byte, name string, write func(w io.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			write(w)
			continue
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// sheetXML writes a worksheet of n rows of one number each; dim adds the
// <dimension> element Excel writes.
func sheetXML(n int, dim bool) func(io.Writer) {
	return func(w io.Writer) {
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		if dim {
			fmt.Fprintf(w, `<dimension ref="A1:A%d"/>`, n)
		}
		fmt.Fprint(w, `<sheetData>`)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, i, i, i)
		}
		fmt.Fprint(w, `</sheetData></worksheet>`)
	}
}

func TestHostileFiles(t *testing.T) {
	small := buildWorkbook(t, orderSheet(), itemsSheet([]any{1, "Mug", 1, "pcs", 1, 1}))
	encrypted := func() []byte {
		f, err := excelize.OpenReader(bytes.NewReader(small))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f.Write(&b, excelize.Options{Password: "secret"}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	tests := []struct {
		name string
		data func() []byte
		want string
	}{
		{"empty file", func() []byte { return nil }, "empty"},
		{"PNG image renamed to .xlsx", func() []byte { return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") }, "not a spreadsheet"},
		{"PDF renamed to .xlsx", func() []byte { return []byte("%PDF-1.7\n...") }, "PDF"},
		{"HTML page saved as .xls by a web shop", func() []byte { return []byte("<html><table><tr><td>1</td></tr></table></html>") }, "HTML"},
		{"truncated download of a workbook", func() []byte { return small[:len(small)/2] }, "corrupt"},
		{"Word document", func() []byte {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, _ := zw.Create("word/document.xml")
			w.Write([]byte("<w:document/>"))
			zw.Close()
			return b.Bytes()
		}, "Word"},
		{"password-protected workbook", encrypted, "encrypted"},
		{"legacy .xls", func() []byte { return append(append([]byte{}, oleMagic...), make([]byte, 512)...) }, ".xls"},
		{"zip bomb: a sheet unpacking to 200 MB of zeros", func() []byte {
			return replaceEntry(t, small, "xl/worksheets/sheet2.xml", func(w io.Writer) {
				zero := make([]byte, 1<<20)
				for i := 0; i < 200; i++ {
					w.Write(zero)
				}
			})
		}, "zip bomb"},
		{"a million rows, with the dimension Excel writes", func() []byte {
			return replaceEntry(t, small, "xl/worksheets/sheet2.xml", sheetXML(1_000_000, true))
		}, "at most 200000"},
		{"300,000 rows without a dimension element", func() []byte {
			return replaceEntry(t, small, "xl/worksheets/sheet2.xml", sheetXML(300_000, false))
		}, "300000 rows (xl/worksheets/sheet2.xml); an order sheet may have at most 200000"},
		{"a 100 MB cell", func() []byte {
			return replaceEntry(t, small, "xl/sharedStrings.xml", func(w io.Writer) {
				fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`)
				chunk := bytes.Repeat([]byte("A"), 1<<20)
				for i := 0; i < 100; i++ {
					w.Write(chunk)
				}
				fmt.Fprint(w, `</t></si></sst>`)
			})
		}, "texts unpack to"},
		{"a 40,000-character cell", func() []byte {
			// excelize refuses to write such a cell; other programs do not.
			return replaceEntry(t, small, "xl/sharedStrings.xml", func(w io.Writer) {
				fmt.Fprintf(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>%s</t></si></sst>`, strings.Repeat("长", 40_000))
			})
		}, "more than the 32767"},
		{"CSV with a 100 MB cell", func() []byte { return bytes.Repeat([]byte("A"), 100<<20) }, "more than 32767"},
		{"CSV with 300,000 rows", func() []byte {
			var b bytes.Buffer
			b.WriteString("description_en,quantity,unit_price\n")
			for i := 0; i < 300_000; i++ {
				b.WriteString("Mug,1,1\n")
			}
			return b.Bytes()
		}, "more than 200000 rows"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data()
			start := time.Now()
			rs, fps := Read("h.xlsx", data, Options{})
			took := time.Since(start)
			if took > 5*time.Second {
				t.Errorf("took %v", took)
			}
			var all invoice.Problems
			all = append(all, fps...)
			for _, r := range rs {
				all = append(all, r.Problems...)
			}
			if !all.HasErrors() || !strings.Contains(all.Error(), tc.want) {
				t.Fatalf("got %v, want an error mentioning %q", all, tc.want)
			}
			for _, p := range all {
				if errors.Is(p, invoice.ErrFile) && strings.Contains(p.Message, "internal error") {
					t.Errorf("panic recovered: %v", p)
				}
			}
			t.Logf("%v in %v", firstLines([]byte(all.Error()), 1), took)
		})
	}
}

// TestBoundedWork holds each of issue 10's hostile files to an error that
// names the file (and the cell where there is one) and says what exceeded
// its bound. Memory and time are measured on the built binary
// (cmd/tradedocs TestHostileFilesStayBounded), not here.
func TestBoundedWork(t *testing.T) {
	tests := []struct {
		name string
		file string
		data func() []byte
		at   string // the problem's location
		want string // the problem; "" for an order read whole, its first quantity at
	}{
		{"quantity from a chain of 100,000 formulas (stack overflow before)", "chain.xlsx",
			func() []byte { return hostile.FormulaChain(100_000) },
			"chain.xlsx!Items!C2", "more than 100 deep"},
		{"a chain of 99 formulas is computed", "short-chain.xlsx",
			func() []byte { return hostile.FormulaChain(99) }, "1", ""},
		{"1,000 lines reading 10,000 running sums", "sums.xlsx",
			func() []byte {
				quantity := make([]string, 1000)
				for i := range quantity {
					quantity[i] = fmt.Sprintf("Calc!B%d", (i+1)*10)
				}
				return runningSumsOrder(quantity, 10_000)
			},
			"", "read more than 1000000 cells"},
		{"rows bottom-up with a cell in column XFD on each (2.5 GB before)", "wide.xlsx",
			func() []byte { return hostile.OutOfOrderWide(10_000) },
			"wide.xlsx", "its row 10001 reaches column XFD"},
		{"3.7 million entries in the table of texts", "sst.xlsx",
			func() []byte { return hostile.SharedStrings(3_700_000) },
			"sst.xlsx", "has 3700000 entries; an order workbook may have at most 150000"},
		{"2 million cell formats in 100 KB (970 MB before)", "styles.xlsx",
			func() []byte { return hostile.Styles(2_000_000) },
			"styles.xlsx", "part xl/styles.xml has 2000004 elements; an order workbook's has at most 300000"},
		{"100,000 files in the workbook's zip", "entries.xlsx",
			func() []byte { return hostile.ZipEntries(100_000) },
			"entries.xlsx", "zip holds 1000"},
		{"a 20 MB CSV line of commas", "commas.csv",
			func() []byte { return hostile.CSVCommas(20 << 20) },
			"commas.csv:5", "fields; a CSV order file may have at most 16384"},
		{"quantity =1/0", "div.xlsx",
			func() []byte { return hostile.FormulaItems("1/0") },
			"div.xlsx!Items!C2", "gives #DIV/0! (a division by zero)"},
		{"quantity from another workbook", "ext.xlsx",
			func() []byte { return hostile.FormulaItems("[1]Prices!A1") },
			"ext.xlsx!Items!C2", "refers to another workbook"},
		{"quantity from another workbook by file name", "ext2.xlsx",
			func() []byte { return hostile.FormulaItems("'[Prices.xlsx]Sheet1'!A1") },
			"ext2.xlsx!Items!C2", "refers to another workbook"},
		{"quantity from a table column", "table.xlsx",
			func() []byte { return hostile.FormulaItems("SUM(Table1[Qty])") },
			"table.xlsx!Items!C2", "is a table reference"},
		{"quantity in a circle of formulas", "cycle.xlsx",
			func() []byte {
				return hostile.FormulaItems("Calc!A1", hostile.Grid("Calc", [][]string{{"=A2+1"}, {"=A3"}, {"=A1"}}))
			},
			"cycle.xlsx!Items!C2", "circular reference: Calc!A1 → Calc!A2 → Calc!A3 → Calc!A1"},
		{"quantity summing the whole grid by an explicit range", "grid.xlsx",
			func() []byte { return hostile.FormulaItems("SUM(Items!A1:XFD1048576)") },
			"grid.xlsx!Items!C2", "read more than 1000000 cells"},
		{"quantity summing a whole column", "column.xlsx",
			func() []byte { return hostile.FormulaItems("SUM(Items!E:E)") }, "3.75", ""},
		{"quantity from the sum of 25,000 formulas", "many.xlsx",
			func() []byte {
				calc := make([][]string, 25_000)
				for i := range calc {
					calc[i] = []string{"", "=1+0"}
				}
				calc[0][0] = "=SUM(B1:B25000)"
				return hostile.FormulaItems("Calc!A1", hostile.Grid("Calc", calc))
			},
			"many.xlsx!Items!C2", "depend on more than 20000 formulas"},
		{"quantity through INDIRECT", "indirect.xlsx",
			func() []byte { return hostile.FormulaItems(`INDIRECT("Calc!A1")`) },
			"indirect.xlsx!Items!C2", "INDIRECT"},
		{"undeclared entity in line 3 (lines 3 to 5 vanished before)", "entity.xlsx",
			func() []byte { return hostile.BrokenItems("&bogus;") },
			"entity.xlsx!Items", "invalid character entity &bogus;"},
		{"NUL character reference in line 3", "nul.xlsx",
			func() []byte { return hostile.BrokenItems("&#0;") },
			"nul.xlsx!Items", "illegal character code U+0000"},
		{"invalid UTF-8 in line 3", "utf8.xlsx",
			func() []byte { return hostile.BrokenItems("Mug \xff\xfe") },
			"utf8.xlsx!Items", "invalid UTF-8"},
		{"mismatched tag in line 3", "tag.xlsx",
			func() []byte { return hostile.BrokenItems("<b>Mug</i>") },
			"tag.xlsx!Items", "element <b> closed by </i>"},
		{"sheet cut off inside line 3", "cut.xlsx",
			func() []byte { return hostile.TruncatedItems() },
			"cut.xlsx!Items", "unexpected EOF"},
		{"undeclared entity in the table of texts", "sst-entity.xlsx",
			func() []byte {
				sst := hostile.Part{Name: "xl/sharedStrings.xml", Data: func(w io.Writer) {
					io.WriteString(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Mug</t></si><si><t>&bogus;</t></si><si><t>Cup</t></si></sst>`)
				}}
				return hostile.Workbook([]hostile.Sheet{hostile.Grid("Order", hostile.OrderRows()), hostile.Grid("Items", hostile.Items(3))}, sst)
			},
			"sst-entity.xlsx!Items", "the workbook's table of texts (xl/sharedStrings.xml) is broken at line 1 (invalid character entity &bogus;)"},
		{"lines 3 to 5 after an empty second sheetData", "second.xlsx",
			func() []byte {
				return hostile.BrokenItems("Mug</t></is></c></row></sheetData><sheetData><row><c t=\"inlineStr\"><is><t>")
			},
			"second.xlsx!Items", "a row after the end of the sheet's data"},
		{"quantity from a sheet that is not there", "ref.xlsx",
			func() []byte { return hostile.FormulaItems("Nowhere!A1") },
			"ref.xlsx!Items!C2", "does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, fps := Read(tc.file, tc.data(), Options{})
			all := append(invoice.Problems(nil), fps...)
			for _, r := range rs {
				all = append(all, r.Problems...)
			}
			if tc.want == "" {
				if all.HasErrors() || len(rs) != 1 || len(rs[0].Order.Items) != 3 {
					t.Fatalf("want the order read whole: %d orders, %v", len(rs), all)
				}
				if q := rs[0].Order.Items[0].Quantity; !q.Equal(decimal.RequireFromString(tc.at)) {
					t.Errorf("quantity %s, want %s", q, tc.at)
				}
				return
			}
			var found *invoice.Problem
			for i, p := range all {
				if strings.Contains(p.Message, tc.want) && (tc.at == "" || p.Where.String() == tc.at) {
					found = &all[i]
				}
				if strings.Contains(p.Message, "is blank") && strings.Contains(p.Where.String(), "!C2") {
					t.Errorf("the formula's failure is reported as a blank cell: %v", p)
				}
			}
			if found == nil || found.Severity != invoice.Error {
				t.Fatalf("no error at %q mentioning %q in:\n%v", tc.at, tc.want, all)
			}
		})
	}
}

// runningSumsOrder is an order whose item lines take their quantities from
// the formulas given, with sheet Calc holding n running sums.
func runningSumsOrder(quantity []string, n int) []byte {
	items := [][]string{hostile.ItemHeader}
	for i, q := range quantity {
		it := hostile.Item(i + 1)
		it[2] = "=" + q
		items = append(items, it)
	}
	return hostile.Workbook([]hostile.Sheet{hostile.Grid("Order", hostile.OrderRows()), hostile.Grid("Items", items), hostile.RunningSums(n)})
}

func TestFormulasOfALargeWorkbookAreNotComputed(t *testing.T) {
	items := hostile.Items(3)
	items[0] = append(items[0], "amount")
	for i := 1; i <= 3; i++ {
		items[i] = append(items[i], fmt.Sprintf("=C%d*E%d", i+1, i+1))
	}
	junk := make([][]string, 50_000)
	for i := range junk {
		junk[i] = []string{"1", "2", "3", "4", "5"}
	}
	data := hostile.Workbook([]hostile.Sheet{hostile.Grid("Order", hostile.OrderRows()), hostile.Grid("Items", items), hostile.Grid("Junk", junk)})
	rs, _ := Read("big.xlsx", data, Options{})
	if len(rs) != 1 {
		t.Fatalf("%d orders", len(rs))
	}
	p := problemAt(rs[0].Problems, invoice.ErrFormula, "big.xlsx!Items!F2")
	if p == nil || !strings.Contains(p.Message, "formula has no stored value, and formulas are computed only in workbooks of at most 200000 cells (this one has 250") {
		t.Fatalf("got %v", rs[0].Problems)
	}
}
