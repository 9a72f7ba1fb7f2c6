package invoice

import (
	"fmt"
	"strconv"
)

// Location is the place in a source file that a value was read from, so that
// a problem can send the user to the cell to fix: a workbook cell
// (order.xlsx!Items!F12) or a CSV line and column (orders.csv:12:5).
type Location struct {
	// File is the name of the order file as the user gave it.
	File string
	// Sheet is the workbook sheet; empty for CSV files.
	Sheet string
	// Cell is the A1-style cell reference in Sheet; empty when the problem is
	// about the whole sheet or file.
	Cell string
	// Line is the 1-based CSV record line; 0 for workbooks.
	Line int
	// Column is the 1-based CSV column; 0 when the problem is about the line.
	Column int
}

// String formats the location the way the check command prints it:
// FILE!SHEET!CELL for workbooks and FILE:ROW:COLUMN for CSV files.
func (l Location) String() string {
	switch {
	case l.Sheet != "" && l.Cell != "":
		return l.File + "!" + l.Sheet + "!" + l.Cell
	case l.Sheet != "":
		return l.File + "!" + l.Sheet
	case l.Line > 0 && l.Column > 0:
		return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
	case l.Line > 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	default:
		return l.File
	}
}

// Place is the location within its sheet or CSV line, for a message that
// names the order's file already: "F12", or "column 23" of a CSV line;
// empty when the value was not read from a cell.
func (l Location) Place() string {
	switch {
	case l.Cell != "":
		return l.Cell
	case l.Column > 0:
		return "column " + strconv.Itoa(l.Column)
	default:
		return ""
	}
}

// IsZero reports whether the location is unknown, as for a value that was
// defaulted rather than read.
func (l Location) IsZero() bool { return l == Location{} }

// Unread is the set of fields, by canonical key, whose cell a reader found
// but could not read (a quantity "12pcs", a date "next week") and has already
// reported at that cell. Validate then reports nothing more for the field:
// not "missing", not "not positive" for the zero the reader left behind.
type Unread map[string]Location

// Mark records that the field key, at cell at, could not be read.
func (u *Unread) Mark(key string, at Location) {
	if *u == nil {
		*u = Unread{}
	}
	(*u)[key] = at
}

// Has reports whether the field key was found unreadable.
func (u Unread) Has(key string) bool {
	_, ok := u[key]
	return ok
}

// Columns is the header of a table of lines (an Items sheet, a CSV file):
// the column each canonical key was read from. Lines read from the table
// share it and keep only their row (Item.Row).
type Columns struct {
	File string
	// Sheet is the workbook sheet; empty for CSV files, whose rows are
	// lines and whose columns are numbered.
	Sheet string
	CSV   bool
	// Keys gives each canonical key's 0-based column.
	Keys map[string]int
}

// At is where the column with the canonical key is on row (the sheet's
// row number, or the CSV line); false when the table has no such column.
func (c *Columns) At(key string, row int) (Location, bool) {
	if c == nil {
		return Location{}, false
	}
	col, ok := c.Keys[key]
	if !ok {
		return Location{}, false
	}
	if c.CSV {
		return Location{File: c.File, Line: row, Column: col + 1}, true
	}
	return Location{File: c.File, Sheet: c.Sheet, Cell: ColumnName(col) + strconv.Itoa(row)}, true
}

// ColumnName is the letters of the 0-based column c in an A1 cell name:
// A, B, ... Z, AA.
func ColumnName(c int) string {
	var b []byte
	for c++; c > 0; c = (c - 1) / 26 {
		b = append([]byte{byte('A' + (c-1)%26)}, b...)
	}
	return string(b)
}
