package main

import (
	"context"
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
	docs := fs.String("docs", "pi,ci", "documents to issue: pi, ci or both")
	paper := fs.String("paper", "a4", "paper size: a4 or letter")
	force := fs.Bool("force", false, "overwrite documents that already exist")
	fontPath := fs.String("font", "", "TrueType font for regular text (default: bundled Noto Sans SC)")
	boldPath := fs.String("bold-font", "", "TrueType font for bold text (default: bundled Noto Sans SC Bold)")
	tmplDir := fs.String("templates", "", "directory whose files override the bundled labels and memo wording")
	workers := fs.IntP("workers", "j", 0, "orders rendered at once (default: number of CPUs)")
	quiet := fs.BoolP("quiet", "q", false, "print only problems and the summary line")
	failFast := fs.Bool("fail-fast", false, "stop at the first order with an error")
	verbose := fs.BoolP("verbose", "v", false, "also list ignored columns and other notes")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no order file or directory given")
	}
	date, err := sourceDate(e.getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return usagef("%v", err)
	}
	d, err := newDrawing(*fontPath, *boldPath, *tmplDir, *docs, *paper, date)
	if err != nil {
		return err
	}

	start := time.Now()
	orders, fileProblems := load(e, fs.Args(), *verbose, d.loadOptions())
	printProblems(e, fileProblems)
	if *failFast && fileProblems.HasErrors() {
		return errFailed
	}
	var bar *progressBar
	showProgress := e.isTerminal && !*quiet
	if showProgress {
		bar = newProgressBar(e.stderr)
	}
	opt := batch.Options{
		OutDir: *out, Docs: d.docs, Memos: true, Force: *force, FailFast: *failFast,
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
		if ps, ok := err.(invoice.Problems); ok {
			printProblems(e, ps)
			fmt.Fprintln(e.stderr, "nothing was written")
			return errFailed
		}
		return err
	}
	res.Elapsed = time.Since(start)
	res.Failed += countErrors(fileProblems)
	fmt.Fprintln(e.stdout, res.Line())
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
	var docs []pdf.Document
	seen := map[pdf.Document]bool{}
	for _, part := range strings.Split(s, ",") {
		var d pdf.Document
		switch strings.ToLower(strings.TrimSpace(part)) {
		case "pi":
			d = pdf.Proforma
		case "ci":
			d = pdf.Commercial
		default:
			return nil, usagef("--docs %q: want pi, ci or pi,ci", s)
		}
		if !seen[d] {
			seen[d] = true
			docs = append(docs, d)
		}
	}
	return docs, nil
}

// sourceDate reads SOURCE_DATE_EPOCH (reproducible-builds.org): when set,
// every PDF carries that date instead of the order's own.
func sourceDate(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", v)
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
