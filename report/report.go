// Package report is the machine-readable account of a check or generate run:
// which orders were read, whether each can be issued (ready), can be issued
// but deserves a look (warnings) or is refused (errors), its amounts, the
// documents issued for it and every problem with the cell that holds it.
// `tradedocs check --json`, `tradedocs generate --json` and the web page's
// POST /api/check all print this one type, so a script written against one
// reads the others.
package report

import (
	"cmp"
	"encoding/json"
	"io"
	"slices"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
)

// Status says whether an order's documents can be issued.
type Status string

const (
	// Ready means no problem at all: the documents are issued as they are.
	Ready Status = "ready"
	// Warnings means the documents can be issued, but the user should look
	// at something first (a currency alias, a name shortened in a memo).
	Warnings Status = "warnings"
	// Errors means at least one problem stops the order's documents.
	Errors Status = "errors"
)

// statusOf is the status a list of problems gives.
func statusOf(ps invoice.Problems) Status {
	errs, warns := ps.Count()
	switch {
	case errs > 0:
		return Errors
	case warns > 0:
		return Warnings
	}
	return Ready
}

// Report is the whole run: its overall status, every order, and the problems
// that belong to no order (a file that is not a spreadsheet, a folder
// without order files).
type Report struct {
	// Status is the worst status of any order or file problem.
	Status Status `json:"status"`
	// Files is how many order files were read.
	Files int `json:"files"`
	// Errors and Warnings count every problem of the run.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	// Output is the folder generate wrote to; empty for check.
	Output string  `json:"output,omitempty"`
	Orders []Order `json:"orders"`
	// Problems are those of the files themselves, not of one order.
	Problems []Problem `json:"problems"`
}

// Order is one order of the run. Amounts are decimal strings in the
// order's currency with its minor units ("12345.60", JPY "1234000"),
// never binary floating point numbers: a script sums them exactly.
type Order struct {
	OrderNo string `json:"order_no"`
	// Source is where the order was read from: its sheet or CSV line.
	Source   Location `json:"source"`
	Status   Status   `json:"status"`
	Currency string   `json:"currency,omitempty"`
	// Total is what the buyer pays; Deposit and Balance add up to it
	// exactly (M-4). They are empty when the order's amounts could not be
	// read (then the order has errors and no amount is worth showing).
	Total          string `json:"total,omitempty"`
	DepositPercent string `json:"deposit_percent,omitempty"`
	Deposit        string `json:"deposit,omitempty"`
	Balance        string `json:"balance,omitempty"`
	// Documents are the files generate wrote for the order (with their
	// SHA-256 as in manifest.csv), or for check the files it would write.
	Documents []Document `json:"documents"`
	// Issued, in generate's report only, says whether the order's
	// documents were written.
	Issued   *bool     `json:"issued,omitempty"`
	Problems []Problem `json:"problems"`
}

// Document is one issued (or, for check, planned) file of an order.
type Document struct {
	// Kind is PI, CI or memo.
	Kind string `json:"kind"`
	// File is the file's name in the output folder.
	File   string `json:"file"`
	SHA256 string `json:"sha256,omitempty"`
}

// Location is where a problem lies: file, sheet and cell of a workbook, or
// file, line and column of a CSV file; Where is the same written as the
// command line prints it (order.xlsx!Items!F12, orders.csv:3:11).
type Location struct {
	Where  string `json:"where"`
	File   string `json:"file"`
	Sheet  string `json:"sheet,omitempty"`
	Cell   string `json:"cell,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// Problem is one problem of an order or a file.
type Problem struct {
	Location
	// Severity is "error" or "warning".
	Severity string `json:"severity"`
	// Kind is the short name of the problem's kind ("not a number").
	Kind    string `json:"kind,omitempty"`
	Message string `json:"message"`
}

// LocationOf converts an invoice location.
func LocationOf(l invoice.Location) Location {
	return Location{Where: l.String(), File: l.File, Sheet: l.Sheet, Cell: l.Cell, Line: l.Line, Column: l.Column}
}

// ProblemOf converts one problem.
func ProblemOf(p invoice.Problem) Problem {
	q := Problem{Location: LocationOf(p.Where), Severity: p.Severity.String(), Message: p.Message}
	if p.Kind != nil {
		q.Kind = p.Kind.Error()
	}
	return q
}

func problemsOf(ps invoice.Problems) []Problem {
	out := make([]Problem, 0, len(ps))
	for _, p := range ps.Sorted() {
		out = append(out, ProblemOf(p))
	}
	return out
}

// New builds the report of a load: files is the number of order files read,
// orders and fileProblems what batch.Load returned. Each order lists the
// documents generate would issue for it (docs, or when docs is nil the
// order's own set, see batch.DocumentsOf, and, when memos, the wire memo),
// without checksums; Issued replaces them with what was written.
func New(files int, orders []*batch.Order, fileProblems invoice.Problems, docs []pdf.Document, memos bool) *Report {
	r := &Report{Files: files, Orders: make([]Order, 0, len(orders)), Problems: problemsOf(fileProblems)}
	all := append(invoice.Problems(nil), fileProblems...)
	for _, o := range orders {
		all = append(all, o.Problems...)
		ro := Order{
			OrderNo: o.OrderNo, Source: LocationOf(o.Source), Status: statusOf(o.Problems),
			Currency: o.Currency.Code, Documents: []Document{}, Problems: problemsOf(o.Problems),
		}
		if a, ok := o.Amounts(); ok {
			ro.Currency = a.Currency.Code
			ro.Total = amount(a.Total, a.Currency)
			ro.Deposit = amount(a.Deposit, a.Currency)
			ro.Balance = amount(a.Balance, a.Currency)
			ro.DepositPercent = a.DepositPercent.String()
		}
		if ro.Status != Errors {
			for _, d := range o.Documents(docs) {
				ro.Documents = append(ro.Documents, Document{Kind: string(d), File: batch.DocumentName(o.OrderNo, string(d))})
			}
			if memos {
				ro.Documents = append(ro.Documents, Document{Kind: "memo", File: batch.DocumentName(o.OrderNo, "memo")})
			}
		}
		r.Orders = append(r.Orders, ro)
	}
	r.Errors, r.Warnings = all.Count()
	r.Status = statusOf(all)
	return r
}

// amount writes a decimal with the currency's minor units, no grouping.
func amount(d decimal.Decimal, c invoice.Currency) string {
	return d.StringFixed(c.MinorUnits)
}

// Issued records what generate wrote: each order's documents become the
// manifest's rows for it (file and SHA-256) and Issued says whether its
// documents were written; problems met while issuing (a file that could not
// be written, a character the font lacks) that loading had not found are
// added to the run's problems, with their cells.
func (r *Report) Issued(outDir string, rows []batch.ManifestRow, problems invoice.Problems) {
	r.Output = outDir
	byOrder := map[string][]Document{}
	for _, row := range rows {
		byOrder[row.OrderNo] = append(byOrder[row.OrderNo], Document{Kind: row.Document, File: row.File, SHA256: row.SHA256})
	}
	for i := range r.Orders {
		o := &r.Orders[i]
		planned := o.Documents
		o.Documents = byOrder[o.OrderNo]
		// In the order check lists them (PI, CI, PL, memo), not the
		// manifest's order of file names.
		slices.SortStableFunc(o.Documents, func(a, b Document) int {
			return cmp.Compare(kindRank(planned, a.Kind), kindRank(planned, b.Kind))
		})
		if o.Status == Errors {
			o.Documents = nil // a duplicate order number names another order's files
		}
		issued := len(o.Documents) > 0
		o.Issued = &issued
		if o.Documents == nil {
			o.Documents = []Document{}
		}
	}
	known := map[Problem]bool{}
	for _, p := range r.Problems {
		known[p] = true
	}
	for _, o := range r.Orders {
		for _, p := range o.Problems {
			known[p] = true
		}
	}
	for _, p := range problems.Sorted() {
		q := ProblemOf(p)
		if known[q] {
			continue
		}
		known[q] = true
		r.Problems = append(r.Problems, q)
		if p.Severity == invoice.Error {
			r.Errors++
			r.Status = Errors
		} else {
			r.Warnings++
			if r.Status == Ready {
				r.Status = Warnings
			}
		}
	}
}

// kindRank is where a document of kind comes among the planned ones;
// kinds not planned come after them.
func kindRank(planned []Document, kind string) int {
	for i, d := range planned {
		if d.Kind == kind {
			return i
		}
	}
	return len(planned)
}

// Write prints the report as indented JSON followed by a newline.
func (r *Report) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
