package invoice

import "errors"

// Kinds of problems found by the bounds every input is held to (issue 10).
var (
	// ErrFormula is a spreadsheet formula that was not computed: too deep,
	// circular, an error value such as #DIV/0!, or a reference to another
	// workbook.
	ErrFormula = errors.New("formula not computed")
)
