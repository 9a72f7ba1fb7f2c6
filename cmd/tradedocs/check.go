package main

import (
	"fmt"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/report"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// runCheck reads and validates order files without writing anything:
// every problem as FILE!SHEET!CELL: message, then a one-line summary.
func runCheck(e *env, args []string) error {
	fs := flags(e, "check")
	verbose := fs.BoolP("verbose", "v", false, "also list ignored columns and other notes")
	fontPath := fs.String("font", "", "TrueType font the documents will use (default: bundled Noto Sans SC)")
	asJSON := fs.Bool("json", false, "print the report as JSON (orders, status, amounts, problems with cells)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no order file given")
	}
	face, err := loadFace(*fontPath, fonts.Regular)
	if err != nil {
		return err
	}
	orders, fileProblems := load(e, fs.Args(), *verbose, face, invoice.Warning)
	all := append(invoice.Problems(nil), fileProblems...)
	for _, o := range orders {
		all = append(all, o.Problems...)
	}
	files, _ := batch.OrderFiles(fs.Args())
	if *asJSON {
		if err := report.New(len(files), orders, fileProblems, []string{"PI", "CI"}, true).Write(e.stdout); err != nil {
			return err
		}
	} else {
		for _, p := range all.Sorted() {
			fmt.Fprintln(e.stdout, p.Error())
		}
		fmt.Fprintln(e.stdout, batch.Summary(len(files), len(orders), all))
	}
	if all.HasErrors() {
		return errFailed
	}
	return nil
}

// load reads and validates the order files; characters the face cannot draw
// are problems of the given severity.
func load(e *env, paths []string, verbose bool, face *fonts.Face, sev invoice.Severity) ([]*batch.Order, invoice.Problems) {
	opt := batch.LoadOptions{Covers: face.Covers, CharSeverity: sev}
	if verbose {
		opt.Read = spreadsheet.Options{Verbose: func(msg string) { fmt.Fprintln(e.stderr, msg) }}
	}
	return batch.Load(paths, opt)
}
