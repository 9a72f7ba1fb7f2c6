package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/report"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// runCheck reads and validates order files without writing anything:
// every problem as FILE!SHEET!CELL: message, then a one-line summary. It
// takes generate's drawing flags and draws every valid order's documents
// and memo in memory, so that whatever generate would refuse (a character
// the fonts lack, a logo that is not a PNG, a memo that cannot be written)
// check reports too: check predicts generate. With --amazon it also
// reports, per order, each requirement of Amazon's invoice review as met or
// not.
func runCheck(e *env, args []string) error {
	fs := flags(e, "check")
	verbose := fs.BoolP("verbose", "v", false, "also list ignored columns and other notes")
	df := addDrawingFlags(fs, "documents generate will be asked for, of pi, ci, pl (default: each order's own)")
	amazon := fs.Bool("amazon", false, "also check each CI against Amazon's invoice requirements (needs --account-name and --account-address)")
	acctName := fs.String("account-name", "", "legal name of the Amazon seller account, for --amazon")
	acctAddress := fs.String("account-address", "", "address of the Amazon seller account, for --amazon")
	asOfText := fs.String("as-of", "", "day the invoice will be uploaded, YYYY-MM-DD, for --amazon (default: today)")
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
	d, err := df.drawing(time.Time{})
	if err != nil {
		return err
	}
	orders, fileProblems := load(e, fs.Args(), *verbose, d.loadOptions())
	all := append(invoice.Problems(nil), fileProblems...)
	for i, ps := range d.dryRunAll(orders) {
		// Drawing finds again what the order's checks found (a memo's
		// warnings): each problem is kept once, with the order's own.
		orders[i].Problems = orders[i].Problems.Merge(ps)
		all = append(all, orders[i].Problems...)
	}
	// OrderFiles' problems are among load's fileProblems.
	files, _ := batch.OrderFiles(fs.Args())
	if *asJSON {
		if err := report.New(len(files), orders, fileProblems, d.docs, true).Write(e.stdout); err != nil {
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

// load reads and validates the order files.
func load(e *env, paths []string, verbose bool, opt batch.LoadOptions) ([]*batch.Order, invoice.Problems) {
	if verbose {
		opt.Read = spreadsheet.Options{Verbose: func(msg string) { fmt.Fprintln(e.stderr, msg) }}
	}
	return batch.Load(paths, opt)
}
