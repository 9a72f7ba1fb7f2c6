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
		}, "more than 200000 rows"},
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
