package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
)

// runGenerate issues the PI, CI and wire memo of every order in the given
// files and directories.
func runGenerate(e *env, args []string) error {
	fs := flags(e, "generate")
	out := fs.StringP("output", "o", "out", "directory to write the documents to")
	df := addDrawingFlags(fs, "documents to issue, of pi, ci, pl (default: pi,ci and pl for orders with packing data)")
	force := fs.Bool("force", false, "overwrite documents that already exist")
	resume := fs.Bool("resume", false, "issue only the orders none of whose documents is in the output folder yet; leave the others untouched")
	workers := fs.IntP("workers", "j", 0, fmt.Sprintf("orders rendered at once, 1 to %d (default: number of CPUs)", batch.MaxWorkers))
	quiet := fs.BoolP("quiet", "q", false, "print only problems and the summary line")
	failFast := fs.Bool("fail-fast", false, "stop at the first order with an error")
	verbose := fs.BoolP("verbose", "v", false, "also list ignored columns and other notes")
	asJSON := fs.Bool("json", false, "print the report as JSON on stdout (orders, status, documents with SHA-256, problems)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no order file or directory given")
	}
	if fs.Changed("workers") && (*workers < 1 || *workers > batch.MaxWorkers) {
		return usagef("--workers %d: want 1 to %d", *workers, batch.MaxWorkers)
	}
	if *force && *resume {
		return usagef("--resume and --force exclude each other: --resume leaves issued orders untouched, --force rewrites them")
	}
	date, err := sourceDate(e.getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return usagef("%v", err)
	}
	d, err := df.drawing(date)
	if err != nil {
		return err
	}

	start := time.Now()
	lopt := d.loadOptions()
	lopt.Light = true
	lopt.Amounts = *asJSON // the report shows each order's totals
	orders, fileProblems := load(e, fs.Args(), *verbose, lopt)
	printProblems(e, fileProblems)
	if *failFast && fileProblems.HasErrors() {
		if *asJSON {
			printReport(e, fs.Args(), "", d.docs, orders, fileProblems, batch.Result{})
		}
		return errFailed
	}
	var bar *progressBar
	showProgress := e.isTerminal && !*quiet
	if showProgress {
		bar = newProgressBar(e.stderr)
	}
	opt := batch.Options{
		OutDir: *out, Docs: d.docs, Memos: true, Force: *force, Resume: *resume, FailFast: *failFast,
		Workers: *workers, Renderer: d.renderer, Memo: d.memos,
	}
	if bar != nil {
		opt.Progress = bar.update
	}
	res, err := batch.Generate(context.Background(), orders, opt)
	if bar != nil {
		bar.finish()
	}
	printProblems(e, res.Problems)
	if err != nil {
		var ps invoice.Problems
		if errors.As(err, &ps) {
			reportRefusal(e, *out, ps)
			if *asJSON {
				printReport(e, fs.Args(), "", d.docs, orders, fileProblems, batch.Result{Problems: ps})
			}
			return errFailed
		}
		var me *batch.ManifestError
		if errors.As(err, &me) && res.Orders == 0 {
			return fmt.Errorf("%w\nnothing was written", err)
		}
		return err
	}
	res.Elapsed = time.Since(start)
	res.Failed += countErrors(fileProblems)
	if *asJSON {
		if err := printReport(e, fs.Args(), *out, d.docs, orders, fileProblems, res); err != nil {
			return err
		}
	} else {
		printSummary(e, *out, res, orders, fileProblems)
	}
	if res.Internal > 0 || errors.Is(fileProblems, batch.ErrInternal) {
		return errBug
	}
	if res.Failed > 0 || fileProblems.HasErrors() {
		return errFailed
	}
	return nil
}

func countErrors(ps invoice.Problems) int {
	n, _ := ps.Count()
	return n
}

func parseDocs(s string) ([]pdf.Document, error) {
	docs, err := pdf.ParseDocuments(s)
	if err != nil {
		return nil, usagef("--%v", err)
	}
	return docs, nil
}

// maxSourceDate is 9999-12-31 23:59:59 UTC, the last moment a PDF date
// (D:YYYYMMDDHHmmSS, four-digit year) can carry.
const maxSourceDate = 253402300799

// sourceDate reads SOURCE_DATE_EPOCH (reproducible-builds.org): when set,
// every PDF carries that date instead of the order's own. It must be a
// whole number of seconds from 1970 to 9999.
func sourceDate(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > maxSourceDate {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a whole number of seconds since 1970-01-01 UTC, from 0 to %d (year 9999)", v, maxSourceDate)
	}
	return time.Unix(n, 0).UTC(), nil
}

// loadFace reads a user's TrueType font, or returns the bundled face.
func loadFace(path string, bundled func() *fonts.Face) (*fonts.Face, error) {
	if path == "" {
		return bundled(), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := fonts.Parse(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return f, nil
}
