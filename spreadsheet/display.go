package spreadsheet

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// How a workbook cell shows its value (N-1, N-2): whether it holds a number
// and, under a number format other than General, the number as shown.

// shownValue returns, for a sheet, how a cell shows its value: numeric says
// the cell holds a number (not text), shown is the number as its number
// format displays it, or "" under General (or a date, text or percentage
// format). Cell types and styles come from one scan of the sheet's XML
// (numberCells); excelize, which would parse the whole sheet into
// structures, is asked only for a number under a display format, or when
// the scan cannot read the sheet. needType false asks only for shown: in a
// workbook without display formats, nothing is scanned.
func (wb *workbook) shownValue(sheet string) func(cell string, needType bool) (shown string, numeric bool) {
	var formats map[int]bool  // styles with a display format (displayFormats)
	var styles map[string]int // numeric cell → style; nil: ask excelize
	scanned := false
	return func(cell string, needType bool) (string, bool) {
		if formats == nil {
			formats = wb.displayFormats()
		}
		if !needType && len(formats) == 0 {
			return "", false
		}
		if !scanned {
			scanned = true
			styles, _ = wb.rows.numberCells(sheet)
		}
		var id int
		if styles != nil {
			var numeric bool
			if id, numeric = styles[cell]; !numeric {
				return "", false
			}
		} else {
			typ, err := wb.f.GetCellType(sheet, cell)
			if err != nil || (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
				return "", false
			}
			if id, err = wb.f.GetCellStyle(sheet, cell); err != nil {
				return "", true
			}
		}
		if !formats[id] {
			return "", true
		}
		v, err := wb.f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: false})
		if err != nil {
			return "", true
		}
		return strings.TrimSpace(v), true
	}
}

// displayFormats is the set of the workbook's cell styles whose number
// format shows a number otherwise than General does: fixed decimals (0.00),
// leading zeros (0000000000), thousands separators. Date, time, text and
// percentage formats are left out: identifiers and packing figures are not
// shown in them. Never nil.
func (wb *workbook) displayFormats() map[int]bool {
	set := map[int]bool{}
	for id := 0; id < 1<<16; id++ {
		st, err := wb.f.GetStyle(id)
		if err != nil || st == nil {
			break
		}
		switch {
		case st.CustomNumFmt != nil:
			if displayFormat(*st.CustomNumFmt) {
				set[id] = true
			}
		case st.NumFmt >= 1 && st.NumFmt <= 4, st.NumFmt == 11, st.NumFmt >= 37 && st.NumFmt <= 40, st.NumFmt == 48:
			set[id] = true
		}
	}
	return set
}

// displayFormat reports whether a custom number format shows digits
// (0 or #) and is no date, time, text or percentage format.
func displayFormat(code string) bool {
	var b strings.Builder
	quoted := false
	for _, r := range code {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted:
			b.WriteRune(r)
		}
	}
	c := strings.ToLower(b.String())
	if strings.EqualFold(code, "general") || strings.ContainsAny(c, "ymdhs@%") {
		return false
	}
	return strings.ContainsAny(c, "0#")
}

// numberCells scans a sheet's XML once and returns its number cells (no t
// attribute, or t="n") by A1 reference, each with its style index (0 when
// none). It fails, and the caller asks excelize cell by cell, when excelize
// has already parsed the sheet or a cell has no reference.
func (s *sheetSource) numberCells(sheet string) (map[string]int, error) {
	part, err := s.sheetPart(sheet)
	if err != nil {
		return nil, err
	}
	if ws, ok := s.f.Sheet.Load(part); ok && ws != nil {
		return nil, errSlowPath
	}
	// Read where it lies, or a window at a time from the zip: not copied
	// whole (a 3,800-order sheet is 44 MB); its cell references are
	// copied as kept.
	x, closer, err := s.partScanner(part)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	if !x.valid() {
		return nil, errSlowPath
	}
	cells := map[string]int{}
	for {
		switch x.next() {
		case tokEOF:
			if x.bad {
				return nil, errSlowPath
			}
			return cells, nil
		case tokBad:
			return nil, errSlowPath
		case tokStart:
			if x.local != "c" {
				continue
			}
			ref, typ, style := "", "", 0
			for _, a := range x.attrs {
				if a.name != a.local {
					continue
				}
				switch a.local {
				case "r":
					ref = a.val
				case "t":
					typ = a.val
				case "s":
					n, err := strconv.Atoi(a.val)
					if err != nil || n < 0 {
						return nil, errSlowPath
					}
					style = n
				}
			}
			if ref == "" {
				return nil, errSlowPath
			}
			if typ == "" || typ == "n" {
				cells[strings.Clone(ref)] = style
			}
		}
	}
}
