package spreadsheet

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestFormatNumberAgreesWithExcelize shows every number cell under a
// display format, in the workbooks the project ships, the broken fixtures
// and a workbook of many formats and values, both ways: formatNumber's
// scratch workbook must show what excelize shows in the workbook itself.
func TestFormatNumberAgreesWithExcelize(t *testing.T) {
	files := shippedWorkbooks(t)
	values := []any{0.085, 1.255, 12, 1234567.891, -0.5, 8513102000, 0.1 + 0.2, 1e-7, 123456789012345, 99.995, 0}
	sheet := testSheet{name: "Formats", numFmt: map[string]int{}}
	for r, v := range values {
		var row []any
		for c, nf := range []int{1, 2, 3, 4, 11, 37, 38, 39, 40, 48} {
			row = append(row, v)
			sheet.numFmt[cellName(c, r+1)] = nf
		}
		sheet.rows = append(sheet.rows, row)
	}
	files["many formats"] = buildWorkbook(t, sheet)
	compared := 0
	for name, data := range files {
		wb, _ := openXLSX(name, data, Options{})
		if wb == nil {
			continue
		}
		formats := wb.displayFormats()
		for _, s := range wb.f.GetSheetList() {
			cells, vals, err := wb.rows.numberCells(s, formats)
			if err != nil {
				continue
			}
			for ref, v := range vals {
				got, ok := wb.formatNumber(v, cells[ref])
				want, err := wb.f.GetCellValue(s, ref, excelize.Options{RawCellValue: false})
				if !ok || err != nil || got != want {
					t.Errorf("%s!%s!%s: %q shown as %q (%v) by the scratch workbook, %q (%v) by excelize", name, s, ref, v, got, ok, want, err)
				}
				compared++
			}
		}
		wb.close()
	}
	if compared < 100 {
		t.Fatalf("compared only %d cells", compared)
	}
	t.Logf("%d formatted cells compared", compared)
}
