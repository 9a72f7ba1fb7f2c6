package spreadsheet

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/xuri/efp"
	"github.com/xuri/excelize/v2"
)

// A formula whose cell holds no computed value (programs other than Excel
// write them so) is computed with excelize. excelize computes recursively:
// a chain of 100,000 formulas, each naming the next, overflowed the stack
// and ended the process (recover cannot catch that), and 10,000 running
// sums took minutes. So before excelize computes a cell, the formulas it
// depends on are walked here without recursion and bounded (IN-4).
const (
	// maxFormulaDepth is the longest chain of formulas depending on
	// formulas that is computed; a longer one is an error.
	maxFormulaDepth = 100
	// maxFormulaCells is the most formula cells computed for one file.
	maxFormulaCells = 20_000
	// maxFormulaReads is the most cells the computed formulas of one file
	// may read, ranges counted by their size (SUM(A1:A1000) reads 1,000).
	maxFormulaReads = 1_000_000
	// maxParsedCells bounds the workbooks excelize may parse: to compute
	// a formula (it parses every sheet for the first), to find merged
	// cells or a cell's style. It builds about 0.7 KB a cell and takes
	// 2.6 µs (a million cells took 780 MB and 3 s). Counted as
	// maxSheetCells counts. A 1,000-line order is 10,000; larger
	// workbooks have their merges and styles read from the XML, and
	// their formulas are not computed.
	maxParsedCells = 200_000
	// maxMerges is the most merged ranges read from a large sheet's XML.
	maxMerges = 10_000
)

// errFormula is a formula that is not computed, and why (an error naming
// its cell is reported instead of a value).
var errFormula = errors.New("formula")

// formulaGuard computes formula cells of one workbook within the limits.
type formulaGuard struct {
	f     *excelize.File
	file  string
	parts func(sheet string) (partFacts, bool) // the sheet's facts from inspectZip
	cells int64                                // the workbook's cells (zipFacts.cells)
	nodes map[string]*formulaNode
	// unknown are the sheets whose formula cells inspectZip could not
	// tell, already reported in a workbook too large to parse.
	unknown map[string]bool
	reads   int
	// problems are the formulas refused or failed, one per cell asked.
	problems invoice.Problems
}

// formulaNode is a formula cell met while walking: its dependencies once
// found, and whether the walk is still below it (a cycle comes back to
// such a cell).
type formulaNode struct {
	key      string // Sheet!A1
	sheet    string
	deps     []*formulaNode
	open     bool
	done     bool
	depth    int // the longest chain below, itself included
	problem  string
	refsRead bool
}

// compute returns the value of a formula cell with no cached value, or ""
// with a problem recorded at the cell when the formula is refused or gives
// an error value (#DIV/0!, a cycle, another workbook).
func (fg *formulaGuard) compute(sheet, cell string) string {
	// inspectZip noted every formula cell: a cell without one costs no
	// parse of the sheet by excelize.
	pf, known := fg.parts(sheet)
	if known {
		c, r, ok := refCorner(cell)
		if !ok || !pf.formulaCells[int64(r)<<16|int64(c)] {
			return ""
		}
	}
	at := invoice.Location{File: fg.file, Sheet: sheet, Cell: cell}
	if !known && fg.cells > maxParsedCells {
		// Which cells hold formulas is not known without excelize
		// parsing the sheet: say so once for the sheet.
		if fg.unknown == nil {
			fg.unknown = map[string]bool{}
		}
		if !fg.unknown[sheet] {
			fg.unknown[sheet] = true
			fg.problems = append(fg.problems, invoice.Errorf(invoice.Location{File: fg.file, Sheet: sheet}, invoice.ErrFormula,
				"the workbook holds formulas, which are computed only in workbooks of at most %d cells (this one has %d); open the file in Excel or LibreOffice and save it, so each formula keeps its value", maxParsedCells, fg.cells))
		}
		return ""
	}
	if fg.cells > maxParsedCells {
		fg.problems = append(fg.problems, invoice.Errorf(at, invoice.ErrFormula,
			"the cell's formula has no stored value, and formulas are computed only in workbooks of at most %d cells (this one has %d); open the file in Excel or LibreOffice and save it, so each formula keeps its value", maxParsedCells, fg.cells))
		return ""
	}
	fm, err := fg.f.GetCellFormula(sheet, cell)
	if err != nil || fm == "" {
		return ""
	}
	if msg := fg.check(sheet, cell); msg != "" {
		fg.problems = append(fg.problems, invoice.Errorf(at, invoice.ErrFormula, "formula =%s: %s", fm, msg))
		return ""
	}
	v, err := fg.f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	v = strings.TrimSpace(v)
	if isErrorValue(v) {
		fg.problems = append(fg.problems, invoice.Errorf(at, invoice.ErrFormula, "formula =%s gives %s%s; correct the formula or type the value", fm, v, errorValueMeaning(v)))
		return ""
	}
	if err != nil {
		fg.problems = append(fg.problems, invoice.Errorf(at, invoice.ErrFormula, "formula =%s cannot be computed (%v); type the value instead", fm, err))
		return ""
	}
	return rawNumber(v)
}

// isErrorValue reports a spreadsheet error value such as #DIV/0!.
func isErrorValue(v string) bool {
	switch v {
	case "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!", "#GETTING_DATA":
		return true
	}
	return false
}

func errorValueMeaning(v string) string {
	switch v {
	case "#DIV/0!":
		return " (a division by zero)"
	case "#REF!":
		return " (a reference to a cell or sheet that does not exist)"
	case "#NAME?":
		return " (an unknown function or name)"
	case "#VALUE!":
		return " (a value of the wrong kind, such as text in arithmetic)"
	}
	return ""
}

// check walks the formulas cell depends on, depth first with a stack of
// its own, and returns why it must not be computed, or "".
func (fg *formulaGuard) check(sheet, cell string) string {
	if fg.nodes == nil {
		fg.nodes = map[string]*formulaNode{}
	}
	root := fg.node(sheet, cell)
	if root.done {
		return root.problem
	}
	type frame struct {
		n *formulaNode
		i int
	}
	stack := []frame{{n: root}}
	root.open = true
	fail := func(msg string) string {
		for _, fr := range stack {
			fr.n.open = false
		}
		root.done, root.problem = true, msg
		return msg
	}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		n := top.n
		if !n.refsRead {
			n.refsRead = true
			if msg := fg.dependencies(n); msg != "" {
				return fail(msg)
			}
			if len(fg.nodes) > maxFormulaCells {
				return fail(fmt.Sprintf("the file's formulas depend on more than %d formulas; an order file needs far fewer (type the values, or save the file in Excel so each cell keeps its value)", maxFormulaCells))
			}
			if fg.reads > maxFormulaReads {
				return fail(fmt.Sprintf("the file's formulas read more than %d cells (ranges counted by their size); type the values, or save the file in Excel so each cell keeps its value", maxFormulaReads))
			}
		}
		if top.i < len(n.deps) {
			d := n.deps[top.i]
			top.i++
			switch {
			case d.open:
				return fail("circular reference: " + cyclePath(stack2nodes(stack, func(f frame) *formulaNode { return f.n }), d))
			case d.done:
				if d.problem != "" {
					return fail(d.problem)
				}
				if len(stack)+d.depth > maxFormulaDepth {
					return fail(fmt.Sprintf("the chain of formulas it depends on is more than %d deep (%s → … → %s); type the value, or save the file in Excel so each cell keeps its value", maxFormulaDepth, root.key, d.key))
				}
				n.depth = max(n.depth, d.depth+1)
				continue
			}
			if len(stack) >= maxFormulaDepth {
				return fail(fmt.Sprintf("the chain of formulas it depends on is more than %d deep (%s → … → %s); type the value, or save the file in Excel so each cell keeps its value", maxFormulaDepth, root.key, d.key))
			}
			d.open = true
			stack = append(stack, frame{n: d})
			continue
		}
		n.open, n.done = false, true
		n.depth = max(n.depth, 1)
		stack = stack[:len(stack)-1]
		if len(stack) > 0 {
			p := stack[len(stack)-1].n
			p.depth = max(p.depth, n.depth+1)
		}
	}
	return ""
}

func stack2nodes[T any](s []T, n func(T) *formulaNode) []*formulaNode {
	out := make([]*formulaNode, len(s))
	for i, f := range s {
		out[i] = n(f)
	}
	return out
}

// cyclePath writes the cycle that comes back to d: "Calc!A1 → Calc!A2 →
// Calc!A1".
func cyclePath(path []*formulaNode, d *formulaNode) string {
	var b strings.Builder
	on := false
	for _, n := range path {
		if n == d {
			on = true
		}
		if on {
			b.WriteString(n.key + " → ")
		}
	}
	b.WriteString(d.key)
	return b.String()
}

func (fg *formulaGuard) node(sheet, cell string) *formulaNode {
	key := sheet + "!" + cell
	if n, ok := fg.nodes[key]; ok {
		return n
	}
	n := &formulaNode{key: key, sheet: sheet}
	fg.nodes[key] = n
	return n
}

// dependencies finds the formula cells n's formula reads, counting the
// cells it reads; it refuses what cannot be followed safely.
func (fg *formulaGuard) dependencies(n *formulaNode) string {
	_, cell, _ := strings.Cut(n.key[len(n.sheet):], "!")
	fm, err := fg.f.GetCellFormula(n.sheet, cell)
	if err != nil {
		return fmt.Sprintf("cannot be read (%v)", err)
	}
	ps := efp.ExcelParser()
	tokens := ps.Parse(fm)
	for _, t := range tokens {
		switch {
		case t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStart:
			switch strings.ToUpper(t.TValue) {
			case "INDIRECT", "OFFSET":
				return fmt.Sprintf("%s (in %s) names its cells only when computed, which is not done here; type the value", strings.ToUpper(t.TValue), n.key)
			}
		case t.TType == efp.TokenTypeOperand && t.TSubType == efp.TokenSubTypeRange:
			if msg := fg.rangeDeps(n, t.TValue); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// rangeDeps adds the formula cells of one reference (A1, $A$1:B9,
// Calc!A:A, 'My sheet'!A1) to n's dependencies.
func (fg *formulaGuard) rangeDeps(n *formulaNode, ref string) string {
	if i := strings.LastIndexByte(ref, '!'); i >= 0 && strings.ContainsAny(ref[:i], "[]") || strings.HasPrefix(ref, "[") {
		return fmt.Sprintf("%s (in %s) refers to another workbook, which is not read; type the value", ref, n.key)
	}
	if strings.ContainsAny(ref, "[]") {
		return fmt.Sprintf("%s (in %s) is a table reference, which is not followed here; type the value", ref, n.key)
	}
	sheet, area := n.sheet, ref
	if i := strings.LastIndexByte(ref, '!'); i >= 0 {
		sheet, area = ref[:i], ref[i+1:]
		if strings.HasPrefix(sheet, "'") && strings.HasSuffix(sheet, "'") && len(sheet) >= 2 {
			sheet = strings.ReplaceAll(sheet[1:len(sheet)-1], "''", "'")
		}
	}
	pf, ok := fg.parts(sheet)
	if !ok {
		if idx, _ := fg.f.GetSheetIndex(sheet); idx < 0 {
			return fmt.Sprintf("%s (in %s) refers to a sheet that does not exist (#REF!)", ref, n.key)
		}
		return fmt.Sprintf("%s (in %s) refers to sheet %s, which could not be checked; type the value", ref, n.key, sheet)
	}
	from, to, _ := strings.Cut(area, ":")
	if to == "" {
		to = from
	}
	c1, r1, ok1 := refCorner(from)
	c2, r2, ok2 := refCorner(to)
	if !ok1 || !ok2 {
		return fmt.Sprintf("%s (in %s) is a name or reference that is not followed here; type the value", ref, n.key)
	}
	// Whole columns (A:A) and rows (1:1) stop at the sheet's last cell, as
	// excelize stops them; an explicit range (A1:XFD1048576) is read whole
	// by excelize, so it counts whole.
	if r1 == 0 {
		r1, r2 = 1, max(pf.maxRow, 1)
	}
	if c1 == 0 {
		c1, c2 = 1, max(pf.maxCol, 1)
	}
	if r1 > r2 {
		r1, r2 = r2, r1
	}
	if c1 > c2 {
		c1, c2 = c2, c1
	}
	area64 := int64(r2-r1+1) * int64(c2-c1+1)
	if fg.reads += int(min(area64, maxFormulaReads+1)); fg.reads > maxFormulaReads {
		return ""
	}
	// Formula cells lie within the sheet's extent.
	r2, c2 = min(r2, pf.maxRow), min(c2, pf.maxCol)
	if r1 > r2 || c1 > c2 {
		return ""
	}
	add := func(r, c int) {
		n.deps = append(n.deps, fg.node(sheet, cellName(c-1, r)))
	}
	if int64(len(pf.formulaCells)) < area64 {
		var in []int64
		for k := range pf.formulaCells {
			r, c := int(k>>16), int(k&0xFFFF)
			if r >= r1 && r <= r2 && c >= c1 && c <= c2 {
				in = append(in, k)
			}
		}
		slices.Sort(in) // the same walk, and the same message, every run
		for _, k := range in {
			add(int(k>>16), int(k&0xFFFF))
		}
		return ""
	}
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if pf.formulaCells[int64(r)<<16|int64(c)] {
				add(r, c)
			}
		}
	}
	return ""
}

// refCorner reads one corner of a reference: A1, $A$1, A (a whole
// column: row 0) or 1 (a whole row: column 0).
func refCorner(s string) (col, row int, ok bool) {
	s = strings.ReplaceAll(s, "$", "")
	i := 0
	for i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
		c := s[i]
		if c >= 'a' {
			c -= 'a' - 'A'
		}
		col = col*26 + int(c-'A'+1)
		if i++; i > 3 || col > sheetMaxCol {
			return 0, 0, false
		}
	}
	if i == len(s) {
		return col, 0, col > 0
	}
	row, ok = atoiPositive(s[i:], sheetMaxRow)
	return col, row, ok
}
