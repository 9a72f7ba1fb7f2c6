package spreadsheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html/charset"

	"github.com/tradedocs/tradedocs/internal/lazyregexp"
)

// This file reads a worksheet's rows straight from its XML, as excelize's
// Rows/Columns iteration would give them (with RawCellValue), but about ten
// times faster and with a handful of allocations per sheet instead of a few
// hundred per row: reading a 20,000-line order workbook was dominated by
// encoding/xml's token allocations.
//
// Exactness comes first: the fast reader understands the XML that Excel,
// LibreOffice, WPS and excelize write. Whenever a sheet holds anything it does
// not reproduce exactly (malformed XML, entities other than the five
// predefined ones, a DOCTYPE, a charset other than UTF-8, rows out of order,
// odd cell references or style numbers, strict-OOXML namespaces, a text table
// excelize keeps in a temporary file), it gives up with errSlowPath and the
// sheet is read by excelize as before. The differential tests and
// FuzzSheetRows hold the two readers to the same rows.

// errSlowPath says the fast reader cannot promise excelize's exact result for
// this sheet; excelize reads it instead.
var errSlowPath = errors.New("sheet needs excelize's reader")

// Excel's grid (excelize.TotalRows, excelize.MaxColumns).
const (
	sheetMaxRow = 1_048_576
	sheetMaxCol = 16_384
)

// sheetSource reads the rows of a workbook's sheets: by the fast reader when
// it can, by excelize otherwise.
type sheetSource struct {
	f    *excelize.File
	data []byte // the .xlsx file itself (for parts excelize keeps on disk)
	zr   *zip.Reader

	sstRead bool
	sst     []string
	sstErr  error // errSlowPath: the text table needs excelize

	// read holds the worksheet parts the fast reader has read to their
	// end (scan).
	read map[string]bool

	// window, when set, has every worksheet read from the zip through a
	// window of this many bytes, even one excelize holds in memory (the
	// tests of the stream reader); 0: sheetWindow, for big sheets only.
	window int
}

func newSheetSource(f *excelize.File, data []byte) *sheetSource {
	return &sheetSource{f: f, data: data}
}

// rows reads a sheet's non-blank rows with the package's limits applied.
func (s *sheetSource) rows(sheet string) ([]gridRow, error) {
	rows, err := s.fastRows(sheet)
	if !errors.Is(err, errSlowPath) {
		return rows, err
	}
	// excelize's row iterator stops silently at an XML error, dropping
	// the rest of the sheet: read the sheet (and its text table) to the
	// end with the same decoder first.
	if err := s.checkXML(sheet); err != nil {
		return nil, err
	}
	return excelizeRows(s.f, sheet)
}

// checkXML reads the sheet's XML part and the text table to their ends
// with encoding/xml, as excelize does, and reports the first error there.
// When the sheet's part cannot be told, every worksheet is checked.
func (s *sheetSource) checkXML(sheet string) error {
	zr, err := s.zipReader()
	if err != nil {
		return nil // not from a file: excelize reports what it finds
	}
	part, err := s.sheetPart(sheet)
	for _, zf := range zr.File {
		n := strings.ReplaceAll(zf.Name, "\\", "/")
		ln := strings.ToLower(n)
		isSheet := strings.HasPrefix(ln, "xl/worksheets/") && strings.HasSuffix(ln, ".xml") && (err != nil || n == part)
		if !isSheet && ln != "xl/sharedstrings.xml" {
			continue
		}
		rc, oerr := zf.Open()
		if oerr != nil {
			return fmt.Errorf("the workbook is corrupt (%s: %v); open it in Excel or LibreOffice and save it again", zf.Name, oerr)
		}
		line, xerr := xmlError(io.LimitReader(rc, maxUnzipped+1))
		rc.Close()
		if xerr == nil {
			continue
		}
		what := "the sheet's XML"
		if !isSheet {
			what = "the workbook's table of texts (" + zf.Name + ")"
		} else if err != nil {
			what = "the XML of " + zf.Name
		}
		return fmt.Errorf("%s is broken at line %d (%v): the cells after it cannot be read, and none are guessed; open the file in Excel or LibreOffice and save it again", what, line, xerr)
	}
	return nil
}

// xmlError decodes an XML part to its end as excelize's decoder does and
// returns the first error with its line.
func xmlError(r io.Reader) (int, error) {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel
	ended := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return 0, nil
		}
		switch t := tok.(type) {
		case xml.EndElement:
			ended = ended || t.Name.Local == "sheetData"
		case xml.StartElement:
			if ended && t.Name.Local == "row" {
				line, _ := d.InputPos()
				return line, errors.New("a row after the end of the sheet's data, which spreadsheet programs do not read")
			}
		}
		if err != nil {
			line, _ := d.InputPos()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return se.Line, errors.New(se.Msg)
			}
			return line, err
		}
	}
}

// fastRows is rows by the fast reader, or errSlowPath.
func (s *sheetSource) fastRows(sheet string) ([]gridRow, error) {
	var out sheetRows
	err := s.scan(sheet, maxCols, out.add)
	return out.rows, err
}

// scan finds a sheet's XML and text table and runs scanSheetRows on them.
func (s *sheetSource) scan(sheet string, limit int, row func(n int, cells []string) error) error {
	part, err := s.sheetPart(sheet)
	if err != nil {
		return err
	}
	if ws, ok := s.f.Sheet.Load(part); ok && ws != nil && !s.read[part] {
		// excelize has parsed (maybe changed) the sheet: Rows would
		// marshal its structure again, so let it. A sheet this reader
		// has read before is read alike again: the workbook is only
		// read, and excelize parses a sheet to show a cell's number
		// (display.go) while ReadEach reads it over again.
		return errSlowPath
	}
	sst, err := s.sharedStrings()
	if err != nil {
		return err
	}
	x, closer, err := s.partScanner(part)
	if err != nil {
		return err
	}
	defer closer.Close()
	if err := scanSheet(x, sst, limit, row); err != nil {
		return err
	}
	if s.read == nil {
		s.read = map[string]bool{}
	}
	s.read[part] = true
	return nil
}

// sheetWindow is how much of a worksheet's XML the fast reader holds at a
// time when it reads the part from the zip (a worksheet bigger than
// excelize keeps in memory).
const sheetWindow = 256 << 10

// partScanner is a scanner of a worksheet's XML: excelize's copy, read
// where it lies without copying it (a 1,000-order sheet is 12 MB), or the
// part unzipped here a window at a time (excelize keeps a worksheet over
// 16 MB in a temporary file; a 3,800-order sheet is 44 MB). Either way
// scanSheet hands out copies of its cells' values, so nothing refers to
// these bytes once it returns, and nothing changes them meanwhile (the
// workbook is read by this goroutine alone).
func (s *sheetSource) partScanner(name string) (*xmlScanner, io.Closer, error) {
	window := sheetWindow
	if v, ok := s.f.Pkg.Load(name); ok && s.window == 0 {
		b, ok := v.([]byte)
		if !ok {
			return nil, nil, errSlowPath
		}
		return newXMLScanner(unsafe.String(unsafe.SliceData(b), len(b))), io.NopCloser(nil), nil
	} else if s.window > 0 {
		window = s.window
	}
	zf, err := s.zipPart(name)
	if err != nil {
		return nil, nil, err
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, nil, errSlowPath
	}
	// Past maxUnzipped the read fails, and so does the scan: errSlowPath.
	r := &limitedReader{r: rc, n: maxUnzipped}
	return newStreamScanner(r, window), rc, nil
}

// limitedReader reads at most n bytes and fails after them.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if l.n -= int64(n); l.n < 0 {
		return n, errors.New("the part unpacks to more than its limit")
	}
	return n, err
}

// zipReader opens the file's zip directory (once).
func (s *sheetSource) zipReader() (*zip.Reader, error) {
	if s.zr == nil {
		if s.data == nil {
			return nil, errSlowPath
		}
		zr, err := zip.NewReader(bytes.NewReader(s.data), int64(len(s.data)))
		if err != nil {
			return nil, errSlowPath
		}
		s.zr = zr
	}
	return s.zr, nil
}

// part returns a part's bytes as excelize holds them: in memory, or (big
// worksheets, kept by excelize in a temporary file) unzipped again here.
// sst: the part is the text table, which excelize reads differently from a
// temporary file, so only its in-memory copy is used.
func (s *sheetSource) part(name string, sst bool) ([]byte, error) {
	if v, ok := s.f.Pkg.Load(name); ok {
		if b, ok := v.([]byte); ok {
			return b, nil
		}
		return nil, errSlowPath
	}
	if sst {
		zr, err := s.zipReader()
		if err != nil {
			return nil, err
		}
		for _, zf := range zr.File {
			if strings.EqualFold(strings.ReplaceAll(zf.Name, "\\", "/"), name) {
				return nil, errSlowPath // in a temporary file of excelize's
			}
		}
		return nil, nil // no text table: every t="s" index is invalid
	}
	found, err := s.zipPart(name)
	if err != nil {
		return nil, err
	}
	rc, err := found.Open()
	if err != nil {
		return nil, errSlowPath
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxUnzipped+1))
	if err != nil || len(b) > maxUnzipped {
		return nil, errSlowPath
	}
	return b, nil
}

// zipPart finds a part excelize did not keep in memory in the zip.
func (s *sheetSource) zipPart(name string) (*zip.File, error) {
	zr, err := s.zipReader()
	if err != nil {
		return nil, err
	}
	var found *zip.File
	for _, zf := range zr.File {
		if strings.ReplaceAll(zf.Name, "\\", "/") == name {
			found = zf // excelize keeps the last of duplicate names
		}
	}
	if found == nil || found.UncompressedSize64 > maxUnzipped {
		return nil, errSlowPath
	}
	return found, nil
}

// xmlRels is a .rels part.
type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
		Type   string `xml:"Type,attr"`
	} `xml:"Relationship"`
}

func (s *sheetSource) rels(name string) (*xmlRels, error) {
	b, err := s.part(name, false)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(b, []byte("purl.oclc.org")) {
		return nil, errSlowPath // strict OOXML: excelize rewrites namespaces first
	}
	var r xmlRels
	if err := xml.Unmarshal(b, &r); err != nil {
		return nil, errSlowPath
	}
	return &r, nil
}

// sheetPart finds the worksheet part of a sheet as excelize does: the
// workbook part named by _rels/.rels, the sheet's relationship id in it,
// and that relationship's target (relative to the workbook's folder, or
// absolute "/xl/worksheets/sheet1.xml").
func (s *sheetSource) sheetPart(sheet string) (string, error) {
	wb := s.f.WorkBook
	if wb == nil || !plainSheetName(sheet) {
		return "", errSlowPath
	}
	id, n := "", 0
	for _, sh := range wb.Sheets.Sheet {
		if strings.EqualFold(sh.Name, sheet) {
			id = sh.ID
			n++
		}
	}
	if n != 1 || id == "" {
		return "", errSlowPath
	}
	root, err := s.rels("_rels/.rels")
	if err != nil {
		return "", err
	}
	wbPath, ok := "", false
	for _, r := range root.Rels {
		if r.Type == excelize.SourceRelationshipOfficeDocument {
			wbPath, ok = strings.TrimPrefix(r.Target, "/"), true
			break
		}
	}
	if !ok || wbPath == "" {
		return "", errSlowPath
	}
	dir := path.Dir(wbPath)
	relsPath := "_rels/" + path.Base(wbPath) + ".rels"
	if dir != "." {
		relsPath = strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "/")
	}
	wbRels, err := s.rels(relsPath)
	if err != nil {
		return "", err
	}
	target, n := "", 0
	for _, r := range wbRels.Rels {
		if r.ID == id {
			target = r.Target
			n++
		}
	}
	if n != 1 || strings.Contains(target, "\\") {
		return "", errSlowPath
	}
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/"), nil
	}
	return strings.TrimPrefix(path.Clean(dir+"/"+target), "/"), nil
}

// plainSheetName reports whether excelize accepts the sheet name
// (checkSheetName); excelize reports the others.
func plainSheetName(name string) bool {
	n := 0
	for _, r := range name {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return name != "" && n <= excelize.MaxSheetNameLength &&
		!strings.HasPrefix(name, "'") && !strings.HasSuffix(name, "'") &&
		!strings.ContainsAny(name, ":\\/?*[]")
}

// sharedStrings reads the workbook's table of texts (once).
func (s *sheetSource) sharedStrings() ([]string, error) {
	if !s.sstRead {
		s.sstRead = true
		b, err := s.part("xl/sharedStrings.xml", true)
		switch {
		case err != nil:
			s.sstErr = err
		case bytes.Contains(b, []byte("purl.oclc.org")):
			s.sstErr = errSlowPath
		case len(b) > 0:
			s.sst, s.sstErr = parseSharedStrings(string(b))
		}
	}
	return s.sst, s.sstErr
}

// excelizeRows reads a sheet's rows with excelize's Rows iterator: the
// reference behaviour, and the reader of sheets the fast one declines.
func excelizeRows(f *excelize.File, name string) ([]gridRow, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the sheet: %v", err)
	}
	defer rows.Close()
	var out sheetRows
	n := 0
	for rows.Next() {
		n++
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("cannot read row %d: %v", n, err)
		}
		blank := true
		for _, s := range cols {
			if s != "" {
				blank = false
				break
			}
		}
		if blank {
			continue
		}
		if err := out.add(n, cols); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("cannot read the sheet: %v", err)
	}
	return out.rows, nil
}

// sheetRows collects a sheet's non-blank rows under the package's limits.
type sheetRows struct {
	rows  []gridRow
	count int
}

// add takes row n, non-blank, its cells as excelize's Columns gives them
// (the fast reader already cuts them to maxCols).
func (s *sheetRows) add(n int, cols []string) error {
	if s.count++; s.count > maxRows {
		return fmt.Errorf("the sheet has more than %d rows with data; an order sheet is far smaller", maxRows)
	}
	if len(cols) > maxCols {
		// A copy: the slice's array (up to 16,384 cells) must not stay
		// alive for every row.
		cols = append([]string(nil), cols[:maxCols]...)
	}
	for c, v := range cols {
		if len(v) > maxCellChars && utf8.RuneCountInString(v) > maxCellChars {
			return fmt.Errorf("cell %s holds %d characters, more than the %d a cell can hold", cellName(c, n), utf8.RuneCountInString(v), maxCellChars)
		}
		cols[c] = rawNumber(v)
	}
	s.rows = append(s.rows, gridRow{n: n, cells: cols})
	return nil
}

// scanSheetRows streams a worksheet's XML and calls row for every non-blank
// row with its number and its cells exactly as excelize's
// rows.Columns(Options{RawCellValue: true}) returns them, cut to limit cells
// (the row counts as non-blank by all its cells). Any construct whose
// treatment by excelize it does not reproduce gives errSlowPath.
//
// excelize's iteration is token-based, and so is this: a row is what lies
// between one <row> start tag and the next (or </sheetData>, after which
// the next row is looked for, up to another </sheetData>); a cell's
// position is its r attribute's column, or the previous cell's plus one; a
// cell without a value (and without a formula) is left out, so a row's
// trailing empty cells are never there; a cell whose column is not past the
// row's last one is appended all the same (excelize's own quirk).
//
// The cells handed to row are copies or strings of sst, never substrings
// of doc: doc may be a view of bytes that are not ours (see scan).
func scanSheetRows(doc string, sst []string, limit int, row func(n int, cells []string) error) error {
	return scanSheet(newXMLScanner(doc), sst, limit, row)
}

// scanSheet is scanSheetRows on a scanner of the whole document or of a
// stream (newStreamScanner).
func scanSheet(x *xmlScanner, sst []string, limit int, row func(n int, cells []string) error) error {
	if !x.valid() {
		return errSlowPath
	}
	var (
		inRow    bool // collecting cells, as excelize's Columns does
		rowNum   int
		lastRow  int
		cellCol  int
		width    int // excelize's len(cells), which may pass limit
		nonBlank bool
		cells    []string // the first limit cells of the row
		arena    []string
	)
	put := func(v string) {
		if width < limit {
			cells = append(cells, v)
		}
		width++
		if v != "" {
			nonBlank = true
		}
	}
	flush := func() error {
		if !inRow || !nonBlank {
			return nil
		}
		if cap(arena)-len(arena) < len(cells) {
			arena = make([]string, 0, max(8192, len(cells)))
		}
		start := len(arena)
		arena = append(arena, cells...)
		return row(rowNum, arena[start:len(arena):len(arena)])
	}
	for {
		switch x.next() {
		case tokEOF:
			if x.bad {
				return errSlowPath
			}
			return flush()
		case tokBad:
			return errSlowPath
		case tokEnd:
			if x.local == "sheetData" {
				if !inRow {
					// excelize's Next stops at a </sheetData> met
					// while looking for a row; rows after it would
					// vanish (checkXML reports them).
					if x.restContains("row") {
						return errSlowPath
					}
					return nil
				}
				if err := flush(); err != nil {
					return err
				}
				inRow = false
			}
		case tokStart:
			switch x.local {
			case "row":
				if err := flush(); err != nil {
					return err
				}
				n, ok := 0, true
				for _, a := range x.attrs {
					if a.local == "r" {
						if a.name != "r" || n != 0 {
							return errSlowPath
						}
						if n, ok = atoiPositive(a.val, sheetMaxRow); !ok {
							return errSlowPath
						}
					}
				}
				if n == 0 {
					n = lastRow + 1
				} else if n <= lastRow {
					return errSlowPath // rows out of order: excelize merges them
				}
				rowNum, lastRow = n, n
				inRow, cellCol, width, nonBlank, cells = true, 0, 0, false, cells[:0]
			case "c":
				if !inRow {
					continue
				}
				ref, typ := "", ""
				var seenR, seenS, seenT bool
				for _, a := range x.attrs {
					switch a.local {
					case "r", "s", "t":
						if a.name != a.local {
							return errSlowPath
						}
					default:
						continue
					}
					v, ok := decodeAttr(a.val)
					if !ok {
						return errSlowPath
					}
					switch a.local {
					case "r":
						if seenR {
							return errSlowPath
						}
						seenR, ref = true, v
					case "s":
						if seenS || !isDigits(v) || len(v) > 9 {
							return errSlowPath
						}
						seenS = true
					case "t":
						if seenT {
							return errSlowPath
						}
						seenT, typ = true, v
					}
				}
				val, formula, is, hasIS, ok := scanCell(x)
				if !ok {
					return errSlowPath
				}
				cellCol++
				if ref != "" {
					col, ok := refColumn(ref)
					if !ok {
						return errSlowPath
					}
					cellCol = col
				}
				switch typ {
				case "s":
					if val != "" {
						i, _ := strconv.Atoi(strings.TrimSpace(val))
						if i < 0 || i >= len(sst) {
							val = "" // excelize drops the cell's error
						} else {
							val = sst[i]
						}
					}
				case "inlineStr":
					if hasIS {
						val = is
					}
				}
				if typ != "s" {
					// A substring of the sheet's text: copied, so that the
					// orders keep their values, not the whole sheet (a
					// 1,000-order sheet is 12 MB of XML). The text table's
					// strings are shared by all the cells that use them.
					val = strings.Clone(val)
				}
				if val != "" || formula {
					for blank := cellCol - width; blank > 1; blank-- {
						put("")
					}
					put(val)
				}
			}
		}
	}
}

// scanCell reads a cell's content after its start tag, up to its end tag:
// the text of its (last) <v>, whether it has an <f>, and its inline string.
// Like excelize, it finds <v>, <f> and <is> at any depth in the cell.
func scanCell(x *xmlScanner) (v string, f bool, is string, hasIS bool, ok bool) {
	if x.selfClosing() {
		x.next() // the end of <c/>
		return "", false, "", false, true
	}
	depth := 0
	for {
		switch x.next() {
		case tokEOF, tokBad:
			return "", false, "", false, false
		case tokEnd:
			if depth == 0 {
				return v, f, is, hasIS, true
			}
			depth--
		case tokStart:
			switch x.local {
			case "c", "row", "sheetData":
				return "", false, "", false, false
			case "v":
				if v, ok = elementText(x); !ok {
					return "", false, "", false, false
				}
			case "f":
				f = true
				if !checkTypedAttrs(x, formulaAttrs) || !skipElement(x) {
					return "", false, "", false, false
				}
			case "is":
				if hasIS {
					return "", false, "", false, false // excelize merges them
				}
				hasIS = true
				if is, ok = stringItem(x); !ok {
					return "", false, "", false, false
				}
			default:
				if !x.selfClosing() {
					depth++
				} else {
					x.next()
				}
			}
		}
	}
}

// The attributes encoding/xml parses into numbers or booleans when excelize
// decodes a formula or a string item: a value it cannot parse is an error
// that changes what excelize returns, so such values go to excelize.
type attrKind uint8

const (
	attrInt attrKind = iota + 1
	attrUint32
	attrFloat
	attrBool
)

var (
	formulaAttrs = map[string]attrKind{"aca": attrBool, "dt2D": attrBool, "dtr": attrBool, "del1": attrBool, "del2": attrBool, "ca": attrBool, "bx": attrBool, "si": attrInt}
	// by element: rich text run properties, phonetic runs and properties.
	stringItemAttrs = map[string]map[string]attrKind{
		"charset": {"val": attrInt}, "family": {"val": attrInt},
		"b": {"val": attrBool}, "i": {"val": attrBool}, "strike": {"val": attrBool}, "outline": {"val": attrBool},
		"shadow": {"val": attrBool}, "condense": {"val": attrBool}, "extend": {"val": attrBool},
		"sz":         {"val": attrFloat},
		"color":      {"auto": attrBool, "indexed": attrInt, "theme": attrInt, "tint": attrFloat},
		"rPh":        {"sb": attrUint32, "eb": attrUint32},
		"phoneticPr": {"fontId": attrInt},
		"sst":        {"count": attrInt, "uniqueCount": attrInt},
	}
)

// checkTypedAttrs reports whether the current start tag's typed attributes
// parse as encoding/xml would parse them.
func checkTypedAttrs(x *xmlScanner, kinds map[string]attrKind) bool {
	if kinds == nil {
		return true
	}
	for _, a := range x.attrs {
		k, ok := kinds[a.local]
		if !ok {
			continue
		}
		v, ok := decodeAttr(a.val)
		if !ok {
			return false
		}
		if v == "" {
			continue
		}
		v = strings.TrimSpace(v)
		var err error
		switch k {
		case attrInt:
			_, err = strconv.ParseInt(v, 10, 64)
		case attrUint32:
			_, err = strconv.ParseUint(v, 10, 32)
		case attrFloat:
			_, err = strconv.ParseFloat(v, 64)
		case attrBool:
			_, err = strconv.ParseBool(v)
		}
		if err != nil {
			return false
		}
	}
	return true
}

// elementText reads the current element's own text (text and CDATA
// children; nested elements are skipped), as encoding/xml decodes an
// element into a string.
func elementText(x *xmlScanner) (string, bool) {
	if x.selfClosing() {
		x.next()
		return "", true
	}
	var parts []string
	first := ""
	n := 0
	depth := 0
	for {
		switch x.next() {
		case tokEOF, tokBad:
			return "", false
		case tokText:
			if depth > 0 {
				if _, ok := x.textValue(); !ok {
					return "", false
				}
				continue
			}
			t, ok := x.textValue()
			if !ok {
				return "", false
			}
			if t == "" {
				continue
			}
			if n == 0 {
				first = t
			} else {
				if n == 1 {
					parts = append(parts, first)
				}
				parts = append(parts, t)
			}
			n++
		case tokStart:
			if !checkStringItemTag(x) {
				return "", false
			}
			depth++
		case tokEnd:
			if depth == 0 {
				if n <= 1 {
					return first, true
				}
				return strings.Join(parts, ""), true
			}
			depth--
		}
	}
}

// checkStringItemTag refuses tags that would end a cell or row for
// excelize inside an element it decodes whole, and checks typed attributes.
func checkStringItemTag(x *xmlScanner) bool {
	switch x.local {
	case "c", "row", "sheetData":
		return false
	}
	return checkTypedAttrs(x, stringItemAttrs[x.local])
}

// skipElement skips the current element's content.
func skipElement(x *xmlScanner) bool {
	if x.selfClosing() {
		x.next()
		return true
	}
	depth := 0
	for {
		switch x.next() {
		case tokEOF, tokBad:
			return false
		case tokText:
			if _, ok := x.textValue(); !ok {
				return false
			}
		case tokStart:
			if !checkStringItemTag(x) {
				return false
			}
			depth++
		case tokEnd:
			if depth == 0 {
				return true
			}
			depth--
		}
	}
}

// stringItem reads a string item (<si> of the text table, <is> of a cell):
// its <t>, then the <t> of each rich text run <r>, as excelize's
// xlsxSI.String does; phonetic runs <rPh> are not part of the text.
func stringItem(x *xmlScanner) (string, bool) {
	if !checkStringItemTag(x) {
		return "", false
	}
	if x.selfClosing() {
		x.next()
		return "", true
	}
	var t string
	var runs []string
	for {
		switch x.next() {
		case tokEOF, tokBad:
			return "", false
		case tokText:
			if _, ok := x.textValue(); !ok {
				return "", false
			}
		case tokEnd:
			s := t
			if len(runs) > 0 {
				s = t + strings.Join(runs, "")
			}
			if s == "" {
				return "", true
			}
			return bstrUnmarshal(s), true
		case tokStart:
			if !checkStringItemTag(x) {
				return "", false
			}
			switch x.local {
			case "t":
				v, ok := elementText(x)
				if !ok {
					return "", false
				}
				t = v // a second <t> replaces the first
			case "r":
				v, ok := richRun(x)
				if !ok {
					return "", false
				}
				runs = append(runs, v)
			default:
				if !skipElement(x) {
					return "", false
				}
			}
		}
	}
}

// richRun reads a rich text run's text (its last direct <t>).
func richRun(x *xmlScanner) (string, bool) {
	if x.selfClosing() {
		x.next()
		return "", true
	}
	var t string
	for {
		switch x.next() {
		case tokEOF, tokBad:
			return "", false
		case tokText:
			if _, ok := x.textValue(); !ok {
				return "", false
			}
		case tokEnd:
			return t, true
		case tokStart:
			if !checkStringItemTag(x) {
				return "", false
			}
			if x.local == "t" {
				v, ok := elementText(x)
				if !ok {
					return "", false
				}
				t = v
			} else if !skipElement(x) {
				return "", false
			}
		}
	}
}

// spreadsheetNS is the namespace excelize requires of the text table's root.
const spreadsheetNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

// parseSharedStrings reads xl/sharedStrings.xml: the string items <si>
// that are children of the root <sst>.
func parseSharedStrings(doc string) ([]string, error) {
	x := newXMLScanner(doc)
	if !x.valid() {
		return nil, errSlowPath
	}
	var sst []string
	root := false
	for {
		switch x.next() {
		case tokEOF:
			if x.bad || !root {
				return nil, errSlowPath
			}
			return sst, nil
		case tokBad:
			return nil, errSlowPath
		case tokText:
			if _, ok := x.textValue(); !ok {
				return nil, errSlowPath
			}
		case tokEnd:
			if len(x.stack) == 0 {
				// The end of <sst>: excelize's decoder stops here; text
				// after it must still be well-formed for this reader.
				continue
			}
		case tokStart:
			if !root {
				if x.name != "sst" || !checkTypedAttrs(x, stringItemAttrs["sst"]) {
					return nil, errSlowPath
				}
				ns := ""
				for _, a := range x.attrs {
					if a.name == "xmlns" {
						ns, _ = decodeAttr(a.val)
					}
				}
				if ns != spreadsheetNS {
					return nil, errSlowPath
				}
				root = true
				if x.selfClosing() {
					x.next()
				}
				continue
			}
			if len(x.stack) != 2 {
				return nil, errSlowPath // a second root element
			}
			if x.local == "si" {
				s, ok := stringItem(x)
				if !ok {
					return nil, errSlowPath
				}
				sst = append(sst, s)
			} else if !skipElement(x) {
				return nil, errSlowPath
			}
		}
	}
}

// bstrExp and bstrUnmarshal decode the _xHHHH_ escapes of characters XML
// cannot hold, exactly as excelize (lib.go) does.
var bstrExp = lazyregexp.New(`_x[a-fA-F\d]{4}_`)

func bstrUnmarshal(s string) (result string) {
	if !strings.Contains(s, "_x") {
		return s
	}
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			result += "_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			v, _ := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`)
			result += v
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// refColumn is the 1-based column of a plain cell reference such as "AB12".
func refColumn(ref string) (int, bool) {
	col, i := 0, 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
		if i > 3 {
			return 0, false
		}
	}
	if i == 0 || col > sheetMaxCol {
		return 0, false
	}
	if _, ok := atoiPositive(ref[i:], sheetMaxRow); !ok || ref[i] == '0' {
		return 0, false
	}
	return col, true
}

// atoiPositive parses 1..limit written in ASCII digits only.
func atoiPositive(s string, limit int) (int, bool) {
	if s == "" || len(s) > 9 || !isDigits(s) {
		return 0, false
	}
	n, _ := strconv.Atoi(s)
	return n, n >= 1 && n <= limit
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// --- a strict XML tokenizer ---

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
	tokBad // XML that encoding/xml might read otherwise: use excelize
)

// xmlAttr is an attribute of the current start tag; val is still escaped.
type xmlAttr struct {
	name, local, val string
}

// xmlScanner tokenizes a well-formed, UTF-8, namespace-prefixed XML
// document without allocating per token. It is stricter than encoding/xml:
// whatever encoding/xml might accept but read differently (or reject at a
// place that would change excelize's result) makes it stop with tokBad.
type xmlScanner struct {
	s     string
	p     int
	stack []string // names of the open elements
	bad   bool

	// A scanner of a stream (newStreamScanner) holds a window of the
	// document in s, from the token being read on; fill moves it on.
	src     io.Reader // nil: s is the whole document
	eof     bool      // src is exhausted: s holds the rest of the document
	window  int       // the bytes read from src at a time
	checked int       // s[:checked] has passed valid's check

	// the current token
	name, local string
	attrs       []xmlAttr
	selfClose   bool // the current start tag ends with />
	pendingEnd  bool
	text        string
	cdata       bool
}

func newXMLScanner(s string) *xmlScanner {
	return &xmlScanner{s: s, attrs: make([]xmlAttr, 0, 8)}
}

// maxToken is the longest token (a cell's text, a tag, a comment) a
// stream scanner holds whole; a longer one is left to excelize. A cell of
// 32,767 characters written as character references is about 330 KB.
const maxToken = 4 << 20

// newStreamScanner scans the document read from r, holding about window
// bytes of it at a time (more when one token is longer) instead of the
// whole document: a 3,800-order sheet is 44 MB of XML.
//
// The strings its tokens hand out stay valid after the window moves on: a
// window is never written again once read, only dropped when nothing
// refers to it any more.
func newStreamScanner(r io.Reader, window int) *xmlScanner {
	return &xmlScanner{src: r, window: max(window, 1), attrs: make([]xmlAttr, 0, 8)}
}

// valid checks the document for what encoding/xml rejects in text
// wherever it is: invalid UTF-8 and characters outside XML's range. The
// whole document is checked at once; a stream's windows are checked as
// they are read (fill), so a fault far into a stream is found there.
func (x *xmlScanner) valid() bool {
	i, ok := checkText(x.s, x.checked, x.src == nil || x.eof)
	x.checked = i
	return ok
}

// checkText checks s from i on as valid does; it returns where it stopped:
// at the end, or (when more of the document follows, !final) at the start
// of a character whose bytes are not all there yet.
func checkText(s string, i int, final bool) (int, bool) {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return i, false
			}
			i++
			continue
		}
		if !final && !utf8.FullRuneInString(s[i:]) {
			return i, true
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
			return i, false
		}
		i += n
	}
	return i, true
}

// complete reports whether the window holds the whole token at x.p: up to
// the next '<' (text and tags, which cannot hold one), or the end of a
// comment, CDATA section or processing instruction. What is left of a
// document's last window is complete.
func (x *xmlScanner) complete() bool {
	if x.src == nil || x.eof {
		return true
	}
	rest := x.s[x.p:]
	switch {
	case rest == "":
		return false
	case rest[0] != '<':
		return strings.IndexByte(rest, '<') >= 0
	case len(rest) < len("<![CDATA["):
		return false
	case strings.HasPrefix(rest, "<!--"):
		i := strings.Index(rest[4:], "--")
		return i >= 0 && 4+i+2 < len(rest)
	case strings.HasPrefix(rest, "<![CDATA["):
		return strings.Contains(rest[9:], "]]>")
	case strings.HasPrefix(rest, "<?"):
		return strings.Contains(rest[2:], "?>")
	}
	return strings.IndexByte(rest[1:], '<') >= 0
}

// fill reads the next window of a stream, keeping the token being read
// (x.s[x.p:]) at its start, and checks the new text (valid). It fails on
// a read error, invalid text, or a token longer than maxToken.
func (x *xmlScanner) fill() bool {
	keep := x.s[x.p:]
	if len(keep) >= maxToken {
		return false
	}
	buf := make([]byte, len(keep)+max(x.window, len(keep)))
	copy(buf, keep)
	n, err := io.ReadFull(x.src, buf[len(keep):])
	buf = buf[:len(keep)+n]
	switch err {
	case nil:
	case io.EOF, io.ErrUnexpectedEOF:
		x.eof = true
	default:
		return false
	}
	// The old window may still be referred to (by strings already handed
	// out); the names of the open elements are copied so that they do not
	// keep it alive.
	for i, name := range x.stack {
		x.stack[i] = strings.Clone(name)
	}
	x.checked -= x.p
	x.s, x.p = unsafe.String(unsafe.SliceData(buf), len(buf)), 0
	return x.valid()
}

// restContains reports whether sub occurs in the rest of the document,
// reading a stream to its end a window at a time.
func (x *xmlScanner) restContains(sub string) bool {
	if strings.Contains(x.s[x.p:], sub) {
		return true
	}
	for x.src != nil && !x.eof {
		// Keep the last bytes, in case sub straddles two windows (and
		// those valid has not checked yet).
		x.p = min(max(x.p, len(x.s)-len(sub)+1), x.checked)
		if !x.fill() {
			return true // unreadable: as if it did (the caller declines)
		}
		if strings.Contains(x.s, sub) {
			return true
		}
	}
	return false
}

// selfClosing reports whether the current start tag is <x/> (its end token
// comes next).
func (x *xmlScanner) selfClosing() bool { return x.selfClose }

func (x *xmlScanner) fail() tokKind {
	x.bad = true
	return tokBad
}

func (x *xmlScanner) next() tokKind {
	if x.bad {
		return tokBad
	}
	if x.pendingEnd {
		x.pendingEnd, x.selfClose = false, false
		x.stack = x.stack[:len(x.stack)-1]
		return tokEnd
	}
	x.selfClose = false
	for {
		for !x.complete() {
			if !x.fill() {
				return x.fail()
			}
		}
		s := x.s
		if x.p >= len(s) {
			if len(x.stack) > 0 {
				return x.fail()
			}
			return tokEOF
		}
		if s[x.p] != '<' {
			end := strings.IndexByte(s[x.p:], '<')
			if end < 0 {
				end = len(s)
			} else {
				end += x.p
			}
			x.text, x.cdata = s[x.p:end], false
			x.p = end
			if strings.Contains(x.text, "]]>") {
				return x.fail()
			}
			if strings.IndexByte(x.text, '&') >= 0 {
				if _, ok := unescapeXML(x.text, false); !ok {
					return x.fail()
				}
			}
			return tokText
		}
		rest := s[x.p:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			i := strings.Index(rest[4:], "--")
			if i < 0 || 4+i+2 >= len(rest) || rest[4+i+2] != '>' {
				return x.fail()
			}
			x.p += 4 + i + 3
			continue
		case strings.HasPrefix(rest, "<![CDATA["):
			i := strings.Index(rest[9:], "]]>")
			if i < 0 {
				return x.fail()
			}
			x.text, x.cdata = rest[9:9+i], true
			x.p += 9 + i + 3
			return tokText
		case strings.HasPrefix(rest, "<!"):
			return x.fail() // DOCTYPE and its entities
		case strings.HasPrefix(rest, "<?"):
			if !x.procInst() {
				return x.fail()
			}
			continue
		case strings.HasPrefix(rest, "</"):
			x.p += 2
			name, local, ok := x.readName()
			if !ok {
				return x.fail()
			}
			x.space()
			if x.p >= len(s) || s[x.p] != '>' {
				return x.fail()
			}
			x.p++
			if len(x.stack) == 0 || x.stack[len(x.stack)-1] != name {
				return x.fail()
			}
			x.stack = x.stack[:len(x.stack)-1]
			x.name, x.local = name, local
			return tokEnd
		}
		x.p++
		name, local, ok := x.readName()
		if !ok {
			return x.fail()
		}
		x.name, x.local, x.attrs = name, local, x.attrs[:0]
		for {
			sp := x.space()
			if x.p >= len(s) {
				return x.fail()
			}
			switch s[x.p] {
			case '>':
				x.p++
			case '/':
				if x.p+1 >= len(s) || s[x.p+1] != '>' {
					return x.fail()
				}
				x.p += 2
				x.selfClose, x.pendingEnd = true, true
			default:
				if !sp {
					return x.fail()
				}
				an, al, ok := x.readName()
				if !ok {
					return x.fail()
				}
				x.space()
				if x.p >= len(s) || s[x.p] != '=' {
					return x.fail()
				}
				x.p++
				x.space()
				if x.p >= len(s) || (s[x.p] != '"' && s[x.p] != '\'') {
					return x.fail()
				}
				q := s[x.p]
				end := strings.IndexByte(s[x.p+1:], q)
				if end < 0 {
					return x.fail()
				}
				v := s[x.p+1 : x.p+1+end]
				x.p += end + 2
				if strings.IndexByte(v, '<') >= 0 {
					return x.fail()
				}
				if strings.IndexByte(v, '&') >= 0 {
					if _, ok := unescapeXML(v, false); !ok {
						return x.fail()
					}
				}
				x.attrs = append(x.attrs, xmlAttr{an, al, v})
				continue
			}
			break
		}
		if len(x.stack) >= 10_000 {
			return x.fail()
		}
		x.stack = append(x.stack, name)
		return tokStart
	}
}

// space skips XML white space; it reports whether there was any.
func (x *xmlScanner) space() bool {
	start := x.p
	for x.p < len(x.s) {
		switch x.s[x.p] {
		case ' ', '\t', '\n', '\r':
			x.p++
			continue
		}
		break
	}
	return x.p > start
}

// readName reads an ASCII name, prefix:local or local; anything else
// (non-ASCII names, odd colons) is for encoding/xml to judge.
func (x *xmlScanner) readName() (name, local string, ok bool) {
	s, start, colon := x.s, x.p, -1
	for x.p < len(s) {
		c := s[x.p]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		case '0' <= c && c <= '9', c == '.', c == '-':
			if x.p == start || x.p == colon+1 {
				return "", "", false
			}
		case c == ':':
			if colon >= 0 || x.p == start {
				return "", "", false
			}
			colon = x.p
		case c >= utf8.RuneSelf:
			return "", "", false
		default:
			goto done
		}
		x.p++
	}
done:
	if x.p == start || x.p == colon+1 {
		return "", "", false
	}
	name = s[start:x.p]
	if colon >= 0 {
		return name, s[colon+1 : x.p], true
	}
	return name, name, true
}

// procInst skips a processing instruction; the XML declaration must name
// version 1.0 (or none) and UTF-8 (or no encoding).
func (x *xmlScanner) procInst() bool {
	x.p += 2
	target, _, ok := x.readName()
	if !ok || strings.Contains(target, ":") {
		return false
	}
	x.space()
	end := strings.Index(x.s[x.p:], "?>")
	if end < 0 {
		return false
	}
	content := x.s[x.p : x.p+end]
	x.p += end + 2
	if target == "xml" {
		if v := procInstParam("version", content); v != "" && v != "1.0" {
			return false
		}
		if e := procInstParam("encoding", content); e != "" && !strings.EqualFold(e, "utf-8") {
			return false
		}
	}
	return true
}

// procInstParam is encoding/xml's procInst: a parameter of the XML
// declaration.
func procInstParam(param, s string) string {
	param = param + "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// textValue is the current text token's characters.
func (x *xmlScanner) textValue() (string, bool) {
	return unescapeXML(x.text, x.cdata)
}

// decodeAttr unescapes an attribute value.
func decodeAttr(v string) (string, bool) {
	return unescapeXML(v, false)
}

// unescapeXML resolves the five predefined entities and character
// references (not in CDATA) and turns \r\n and \r into \n, as encoding/xml
// does; ok is false where encoding/xml reports an error.
func unescapeXML(raw string, cdata bool) (string, bool) {
	if (cdata || strings.IndexByte(raw, '&') < 0) && strings.IndexByte(raw, '\r') < 0 {
		return raw, true
	}
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case c == '&' && !cdata:
			semi := strings.IndexByte(raw[i:], ';')
			if semi < 0 {
				return "", false
			}
			ent := raw[i+1 : i+semi]
			i += semi + 1
			switch ent {
			case "amp":
				b.WriteByte('&')
			case "lt":
				b.WriteByte('<')
			case "gt":
				b.WriteByte('>')
			case "apos":
				b.WriteByte('\'')
			case "quot":
				b.WriteByte('"')
			default:
				r, ok := charRef(ent)
				if !ok {
					return "", false
				}
				b.WriteRune(r)
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), true
}

// charRef decodes the inside of &#65; or &#x4E2D; (lower-case x only, as
// encoding/xml), refusing what it refuses.
func charRef(ent string) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	digits, base := ent[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if digits == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		var d int
		switch {
		case '0' <= c && c <= '9':
			d = int(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = int(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = int(c-'A') + 10
		default:
			return 0, false
		}
		n = n*base + d
		if n > unicode.MaxRune {
			return 0, false
		}
	}
	r := rune(n)
	if 0xD800 <= r && r <= 0xDFFF {
		r = utf8.RuneError // string(rune(n)) of a surrogate
	}
	if !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000) {
		return 0, false
	}
	return r, true
}
