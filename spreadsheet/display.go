package spreadsheet

import (
	"strconv"
	"strings"

	"github.com/tradedocs/tradedocs/internal/lazyregexp"
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
	var formats map[int]bool     // styles with a display format (displayFormats)
	var styles map[string]int    // numeric cell → style; nil: ask excelize
	var values map[string]string // a number cell's value, under a display format
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
			styles, values, _ = wb.rows.numberCells(sheet, formats)
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
		if v, ok := values[cell]; ok {
			if shown, ok := wb.formatNumber(v, id); ok {
				return strings.TrimSpace(shown), true
			}
		}
		v, err := wb.f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: false})
		if err != nil {
			return "", true
		}
		return strings.TrimSpace(v), true
	}
}

// numberValue is a number cell's value that excelize reads as a number
// wherever it is (isNumeric).
var numberValue = lazyregexp.New(`^-?\d+(\.\d+)?([eE][-+]?\d+)?$`)

// formatNumber is number v as style id's number format shows it, as
// excelize's GetCellValue gives it, but computed on a one-cell scratch
// workbook with the same number format: asking the workbook itself makes
// excelize parse the whole sheet, some 0.7 KB a cell (a 3,800-order Items
// sheet with 0.00 prices took 500 MB). ok is false when the scratch
// workbook cannot tell.
func (wb *workbook) formatNumber(v string, id int) (shown string, ok bool) {
	if !numberValue.MatchString(v) {
		return "", false
	}
	if wb.scratch == nil {
		wb.scratch, wb.scratchStyles = excelize.NewFile(), map[int]int{}
	}
	sid, ok := wb.scratchStyles[id]
	if !ok {
		st, err := wb.f.GetStyle(id)
		if err != nil || st == nil {
			return "", false
		}
		if sid, err = wb.scratch.NewStyle(&excelize.Style{NumFmt: st.NumFmt, CustomNumFmt: st.CustomNumFmt}); err != nil {
			return "", false
		}
		wb.scratchStyles[id] = sid
	}
	const sheet, cell = "Sheet1", "A1"
	if wb.scratch.SetCellDefault(sheet, cell, v) != nil || wb.scratch.SetCellStyle(sheet, cell, cell, sid) != nil {
		return "", false
	}
	shown, err := wb.scratch.GetCellValue(sheet, cell)
	return shown, err == nil
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
func (s *sheetSource) numberCells(sheet string, formats map[int]bool) (cells map[string]int, values map[string]string, err error) {
	part, err := s.sheetPart(sheet)
	if err != nil {
		return nil, nil, err
	}
	if ws, ok := s.f.Sheet.Load(part); ok && ws != nil {
		return nil, nil, errSlowPath
	}
	// Read where it lies, or a window at a time from the zip: not copied
	// whole (a 3,800-order sheet is 44 MB); its cell references are
	// copied as kept.
	x, closer, err := s.partScanner(part)
	if err != nil {
		return nil, nil, err
	}
	defer closer.Close()
	if !x.valid() {
		return nil, nil, errSlowPath
	}
	cells, values = map[string]int{}, map[string]string{}
	for {
		switch x.next() {
		case tokEOF:
			if x.bad {
				return nil, nil, errSlowPath
			}
			return cells, values, nil
		case tokBad:
			return nil, nil, errSlowPath
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
						return nil, nil, errSlowPath
					}
					style = n
				}
			}
			if ref == "" {
				return nil, nil, errSlowPath
			}
			if typ == "" || typ == "n" {
				ref = strings.Clone(ref)
				cells[ref] = style
				if formats[style] {
					v, f, _, _, ok := scanCell(x)
					if !ok {
						return nil, nil, errSlowPath
					}
					if !f {
						values[ref] = strings.Clone(v)
					}
				}
			}
		}
	}
}
