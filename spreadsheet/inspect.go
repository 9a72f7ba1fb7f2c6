package spreadsheet

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// Limits on what a workbook may hold before excelize is let near it (IN-4).
// Each keeps a hostile file of a few kilobytes from taking gigabytes or
// minutes; an order workbook is far below all of them.
const (
	// maxZipEntries is the most files (parts) a workbook's zip may hold.
	// An order workbook has 10 to 30; Go's zip reader spends about 1.5 KB
	// of memory on each entry before anything is read.
	maxZipEntries = 10_000
	// maxSheetCells bounds the cells excelize builds when it parses the
	// workbook's sheets (computing one formula parses them all): it fills
	// every row up to its last cell, so one value in column XFD (16,384)
	// costs 16,384 cells on that row. The sum over all rows of all sheets
	// of each row's last column (at least 1) may not pass this. A
	// 20,000-line order of 20 columns is 400,000; a million cells take
	// excelize about 200 MB.
	maxSheetCells = 1_000_000
	// maxSharedStringItems is the most entries the workbook's table of
	// texts may have. excelize indexes each in a map, or writes each to a
	// temporary file, when it reads the table (3.7 million empty ones fit
	// in 155 KB and took 470 MB and 45 s; 500,000 took 7 s here, 100,000
	// 1.6 s). A 20,000-line order with its own description, SKU and
	// specification on every line has 60,000.
	maxSharedStringItems = 150_000
	// maxStyleElements is the most elements the workbook's styles part may
	// have (cell formats, fonts, fills, borders and their parts). Excel
	// allows 64,000 cell formats; a workbook bloated by copying between
	// files has tens of thousands. excelize reads them all when a cell's
	// style is asked (2 million formats in 100 KB took 970 MB and 9 s).
	maxStyleElements = 300_000
	// maxPartElements is the most elements of the other parts excelize
	// reads whole as it opens a workbook: the list of sheets, content
	// types, relationships, theme and properties.
	maxPartElements = 100_000
)

// partFacts is what one streamed pass over a worksheet or the text table
// found: whether it holds formulas, its rows, the cells excelize would
// build for it, the largest column used and the string items.
type partFacts struct {
	formulas  bool
	rows      int
	cells     int64 // sum over rows of the row's last column
	widestRow int   // a row reaching the largest column
	widestCol int
	items     int // <si> elements (text table)
	maxRow    int // the largest row number
	maxCol    int // the largest column
	merges    int // <mergeCell> elements
	elements  int // start tags of any kind
	// formulaCells are the cells holding a formula (row<<16 | column).
	formulaCells map[int64]bool
}

// scanPart streams an XML part once, looking only at tag names and the r
// attribute of <row> and <c>: it never builds the document, so a part of
// any size costs a 64 KB buffer. Malformed XML is not its business (the
// readers report it); it stops after limit bytes.
func scanPart(r io.Reader, limit int64) (partFacts, error) {
	var pf partFacts
	br := bufio.NewReaderSize(io.LimitReader(r, limit), 64<<10)
	row, rowCol, col := 0, 0, 0
	rowCol = -1 // before the first row: nothing to count
	endRow := func() {
		if rowCol < 0 {
			rowCol = 0
			return
		}
		pf.cells += int64(max(rowCol, 1)) // a row costs as much as a cell
		pf.maxCol = max(pf.maxCol, rowCol)
		if rowCol > pf.widestCol {
			pf.widestCol, pf.widestRow = rowCol, row
		}
		rowCol = 0
	}
	var name []byte
	for {
		if _, err := br.ReadSlice('<'); err != nil {
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				endRow()
				return pf, nil
			}
			return pf, err
		}
		// The tag's name, without a namespace prefix.
		name = name[:0]
		var c byte
		var err error
		for {
			if c, err = br.ReadByte(); err != nil {
				break
			}
			if c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r' {
				break
			}
			if c == ':' {
				name = name[:0]
				continue
			}
			if len(name) < 16 {
				name = append(name, c)
			}
		}
		if err != nil {
			endRow()
			if err == io.EOF {
				return pf, nil
			}
			return pf, err
		}
		if len(name) > 0 && name[0] != '?' && name[0] != '!' {
			pf.elements++
		}
		switch string(name) {
		case "f":
			pf.formulas = true
			if pf.formulaCells == nil {
				pf.formulaCells = map[int64]bool{}
			}
			pf.formulaCells[int64(row)<<16|int64(col)] = true
		case "mergeCell":
			pf.merges++
		case "si":
			pf.items++
		case "row":
			endRow()
			n := 0
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				if n, err = rAttr(br, false); err != nil {
					endRow()
					return pf, ignoreEOF(err)
				}
			}
			if n <= row {
				n = row + 1 // excelize numbers a row without r so
			}
			row, col = n, 0
			pf.rows++
			pf.maxRow = max(pf.maxRow, row)
		case "c":
			n := 0
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				if n, err = rAttr(br, true); err != nil {
					endRow()
					return pf, ignoreEOF(err)
				}
			}
			if n == 0 {
				n = col + 1
			}
			col = n
			if col > rowCol {
				rowCol = col
			}
		}
	}
}

// rAttr reads a start tag's attributes up to its end and returns the
// number in its r attribute: the row number, or for a cell (cell set) the
// column of its reference. Zero when there is none or it is unreadable.
func rAttr(br *bufio.Reader, cell bool) (int, error) {
	tag, err := br.ReadSlice('>')
	if err == bufio.ErrBufferFull {
		// A start tag longer than 64 KB: no order file has one. Skip it.
		for err == bufio.ErrBufferFull {
			_, err = br.ReadSlice('>')
		}
		return 0, err
	}
	if err != nil {
		return 0, err
	}
	i := attrIndex(tag, `r="`)
	if i < 0 {
		i = attrIndex(tag, `r='`)
	}
	if i < 0 {
		return 0, nil
	}
	v := tag[i+3:]
	n := 0
	if cell {
		for len(v) > 0 && v[0] >= 'A' && v[0] <= 'Z' && n <= sheetMaxCol {
			n = n*26 + int(v[0]-'A'+1)
			v = v[1:]
		}
		return min(n, sheetMaxCol), nil
	}
	for len(v) > 0 && v[0] >= '0' && v[0] <= '9' && n <= sheetMaxRow {
		n = n*10 + int(v[0]-'0')
		v = v[1:]
	}
	return min(n, sheetMaxRow), nil
}

// countZipEntries counts a zip file's central directory records by their
// signature: an upper bound on the entries Go's zip reader would build,
// found without building them. (A record's count in the end record may
// lie; the signatures cannot be fewer than the records.)
func countZipEntries(data []byte) int {
	return bytes.Count(data, []byte("PK\x01\x02"))
}

// tooWide explains a sheet whose cells excelize would fill out past
// maxSheetCells.
func (pf partFacts) tooWide(part string, total int64) string {
	return fmt.Sprintf("the workbook's sheets would take %d cells to read (sheet %s: %d, its row %d reaches column %s); an order workbook may take at most %d: delete stray cells far to the right or below",
		max(total, pf.cells), part, pf.cells, pf.widestRow, columnName(max(pf.widestCol, 1)), maxSheetCells)
}

// columnName is the letters of 1-based column c.
func columnName(c int) string {
	n := cellName(c-1, 1)
	return n[:len(n)-1]
}

// attrIndex finds an attribute's name="  at the start of tag's attribute
// text or after white space.
func attrIndex(tag []byte, attr string) int {
	for from := 0; ; {
		i := bytes.Index(tag[from:], []byte(attr))
		if i < 0 {
			return -1
		}
		i += from
		if i == 0 || tag[i-1] == ' ' || tag[i-1] == '\t' || tag[i-1] == '\n' || tag[i-1] == '\r' {
			return i
		}
		from = i + 1
	}
}

// ignoreEOF: a part that ends inside a tag is the XML readers' to report.
func ignoreEOF(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}
