package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/report"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// runCheck reads and validates order files without writing anything:
// every problem as FILE!SHEET!CELL: message, then a one-line summary. With
// --amazon it also reports, per order, each requirement of Amazon's
// invoice review as met or not.
func runCheck(e *env, args []string) error {
	fs := flags(e, "check")
	verbose := fs.BoolP("verbose", "v", false, "also list ignored columns and other notes")
	fontPath := fs.String("font", "", "TrueType font the documents will use (default: bundled Noto Sans SC)")
	tmplDir := fs.String("templates", "", "directory whose files override the bundled labels, units and memo wording")
	amazon := fs.Bool("amazon", false, "also check each CI against Amazon's invoice requirements (needs --account-name and --account-address)")
	acctName := fs.String("account-name", "", "legal name of the Amazon seller account, for --amazon")
	acctAddress := fs.String("account-address", "", "address of the Amazon seller account, for --amazon")
	asOfText := fs.String("as-of", "", "day the invoice will be uploaded, YYYY-MM-DD, for --amazon (default: today)")
	docs := fs.String("docs", "", "documents generate will be asked for, of pi, ci, pl (default: each order's own)")
	fba := fs.Bool("fba", false, "check every order's cartons against Amazon FBA limits (PL-2)")
	asJSON := fs.Bool("json", false, "print the report as JSON (orders, status, amounts, problems with cells)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no order file given")
	}
	asOf := invoice.DateOf(time.Now())
	if *amazon {
		if *acctName == "" || *acctAddress == "" {
			return usagef("--amazon needs --account-name and --account-address")
		}
		if *asOfText != "" {
			t, err := time.Parse("2006-01-02", *asOfText)
			if err != nil {
				return usagef("--as-of %q: want a date such as 2024-05-20", *asOfText)
			}
			asOf = invoice.DateOf(t)
		}
	}
	documents, err := parseDocs(*docs)
	if err != nil {
		return err
	}
	face, err := loadFace(*fontPath, fonts.Regular)
	if err != nil {
		return err
	}
	set := templateSet(*tmplDir)
	units, err := invoice.LoadUnits(set)
	if err != nil {
		return err
	}
	memos, err := memo.New(set)
	if err != nil {
		return err
	}
	files, listProblems := batch.OrderFiles(fs.Args())
	orders, fileProblems := load(e, files, batch.LoadOptions{
		Covers: face.Covers, CharSeverity: invoice.Warning, Units: units, FBA: *fba, Memo: memos, Docs: documents,
	}, *verbose)
	all := append(listProblems, fileProblems...)
	for _, o := range orders {
		all = append(all, o.Problems...)
	}
	if *asJSON {
		if err := report.New(len(files), orders, fileProblems, documents, true).Write(e.stdout); err != nil {
			return err
		}
	} else {
		for _, p := range all.Sorted() {
			fmt.Fprintln(e.stdout, p.Error())
		}
		fmt.Fprintln(e.stdout, batch.Summary(len(files), len(orders), all))
	}
	ready := true
	if *amazon {
		acct := invoice.AmazonAccount{Name: *acctName, Address: *acctAddress}
		for _, o := range orders {
			rs := o.AmazonReadiness(acct, asOf)
			fmt.Fprintf(e.stdout, "\nAmazon invoice requirements, order %s (CI %s; upload the CI, never the PI):\n", o.OrderNo, o.InvoiceNo())
			for _, r := range rs {
				fmt.Fprintln(e.stdout, "  "+r.String())
			}
			ready = ready && invoice.AllMet(rs)
		}
	}
	if errors.Is(all, batch.ErrInternal) {
		return errBug
	}
	if all.HasErrors() || !ready {
		return errFailed
	}
	return nil
}

// load reads and validates the order files; characters the face cannot draw
// are problems of the given severity, texts the CI would print without
// English are warnings, units read through the unit table.
func load(e *env, paths []string, opt batch.LoadOptions, verbose bool) ([]*batch.Order, invoice.Problems) {
	if verbose {
		opt.Read = spreadsheet.Options{Verbose: func(msg string) { fmt.Fprintln(e.stderr, msg) }}
	}
	return batch.Load(paths, opt)
}
