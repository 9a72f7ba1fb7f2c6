package invoice

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops the documents from being issued.
type Severity int

const (
	// Error means the documents would be wrong; nothing is generated for the
	// order until it is fixed.
	Error Severity = iota
	// Warning means the documents can be issued but the user should look:
	// a currency alias read as CNY, a name shortened to fit a wire memo.
	Warning
)

// String names the severity as problems are printed: "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Kinds of problem. Each Problem wraps one, so that callers and tests can ask
// errors.Is(p, invoice.ErrNotANumber) without parsing the message.
var (
	ErrMissing        = errors.New("required field missing")
	ErrNotANumber     = errors.New("not a number")
	ErrNotPositive    = errors.New("not a positive number")
	ErrNegative       = errors.New("negative")
	ErrAmountMismatch = errors.New("amount differs from quantity × unit price")
	ErrTotalMismatch  = errors.New("total differs from computed total")
	ErrCurrency       = errors.New("not an ISO 4217 currency")
	ErrIncoterm       = errors.New("not an Incoterms 2020 rule")
	ErrPlace          = errors.New("incoterm without named place")
	ErrPercent        = errors.New("percent outside 0–100")
	ErrDate           = errors.New("unreadable date")
	ErrDateOrder      = errors.New("dates out of order")
	ErrHSCode         = errors.New("malformed HS code")
	ErrTaxID          = errors.New("invalid unified social credit code")
	ErrBIC            = errors.New("malformed BIC")
	ErrCNAPS          = errors.New("malformed CNAPS code")
	ErrDuplicateOrder = errors.New("duplicate order number")
	ErrConflict       = errors.New("conflicting values")
	ErrCharacter      = errors.New("character cannot be rendered")
	ErrFile           = errors.New("unreadable order file")
	ErrNoItems        = errors.New("order has no items")
)

// Problem is one thing wrong (or worth a look) in an order file, tied to the
// cell that holds it.
type Problem struct {
	Where    Location
	Severity Severity
	// Kind is one of the Err* values of this package.
	Kind error
	// Message says what was found and what was expected, in the user's terms:
	// `quantity "12pcs" is not a number`.
	Message string
}

// Error formats the problem as the check command prints it:
// `order.xlsx!Items!F12: quantity "12pcs" is not a number`.
func (p Problem) Error() string {
	w := p.Where.String()
	prefix := ""
	if p.Severity == Warning {
		prefix = "warning: "
	}
	if w == "" {
		return prefix + p.Message
	}
	return w + ": " + prefix + p.Message
}

// Unwrap exposes the problem's kind to errors.Is.
func (p Problem) Unwrap() error { return p.Kind }

// Errorf makes an error-severity problem at where.
func Errorf(where Location, kind error, format string, args ...any) Problem {
	return Problem{Where: where, Severity: Error, Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning at where.
func Warnf(where Location, kind error, format string, args ...any) Problem {
	return Problem{Where: where, Severity: Warning, Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Problems is every problem found in one order file or batch; a user fixes
// ten cells at once, not one per run.
type Problems []Problem

// HasErrors reports whether any problem is an error (warnings do not fail).
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (ps Problems) Count() (errs, warns int) {
	for _, p := range ps {
		if p.Severity == Error {
			errs++
		} else {
			warns++
		}
	}
	return
}

// Err returns the problems as one error when any is an error, else nil.
func (ps Problems) Err() error {
	if !ps.HasErrors() {
		return nil
	}
	return ps
}

// Error joins the problems one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.Is find any problem's kind.
func (ps Problems) Unwrap() []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// Sorted returns the problems in file order (file, sheet, row, column) so that
// output is stable and reads top to bottom.
func (ps Problems) Sorted() Problems {
	out := append(Problems(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool { return lessLocation(out[i].Where, out[j].Where) })
	return out
}

func lessLocation(a, b Location) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Sheet != b.Sheet {
		return a.Sheet < b.Sheet
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Cell != b.Cell {
		ra, ca := splitCell(a.Cell)
		rb, cb := splitCell(b.Cell)
		if ra != rb {
			return ra < rb
		}
		if len(ca) != len(cb) {
			return len(ca) < len(cb)
		}
		return ca < cb
	}
	return a.Column < b.Column
}

// splitCell splits "AB12" into row 12 and column "AB".
func splitCell(cell string) (int, string) {
	i := strings.IndexAny(cell, "0123456789")
	if i < 0 {
		return 0, cell
	}
	row := 0
	for _, c := range cell[i:] {
		if c < '0' || c > '9' {
			break
		}
		row = row*10 + int(c-'0')
	}
	return row, cell[:i]
}

// Merge appends the problems of more that ps does not already hold (same
// cell, kind and message): a second check of the same order (drawing its
// documents and memo) adds what it found and repeats nothing.
func (ps Problems) Merge(more Problems) Problems {
next:
	for _, p := range more {
		for _, q := range ps {
			if q.Where == p.Where && q.Kind == p.Kind && q.Message == p.Message {
				continue next
			}
		}
		ps = append(ps, p)
	}
	return ps
}
