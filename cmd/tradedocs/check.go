package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// runCheck reads and validates order files without writing anything:
// every problem as FILE!SHEET!CELL: message, then a one-line summary. It
// takes generate's drawing flags and draws every valid order's documents
// and memo in memory, so that whatever generate would refuse (a character
// the fonts lack, a logo that is not a PNG, a memo that cannot be written)
// check reports too: check predicts generate.
func runCheck(e *env, args []string) error {
	fs := flags(e, "check")
	verbose := fs.BoolP("verbose", "v", false, "also list ignored columns and other notes")
	fontPath := fs.String("font", "", "TrueType font the documents will use (default: bundled Noto Sans SC)")
	boldPath := fs.String("bold-font", "", "TrueType font for bold text (default: bundled Noto Sans SC Bold)")
	tmplDir := fs.String("templates", "", "directory whose files override the bundled labels and memo wording")
	docs := fs.String("docs", "pi,ci", "documents generate will issue: pi, ci or both")
	paper := fs.String("paper", "a4", "paper size: a4 or letter")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no order file given")
	}
	d, err := newDrawing(*fontPath, *boldPath, *tmplDir, *docs, *paper, time.Time{})
	if err != nil {
		return err
	}
	orders, fileProblems := load(e, fs.Args(), *verbose, d.loadOptions())
	all := append(invoice.Problems(nil), fileProblems...)
	for i, ps := range d.dryRunAll(orders) {
		all = append(append(all, orders[i].Problems...), ps...)
	}
	for _, p := range all.Sorted() {
		fmt.Fprintln(e.stdout, p.Error())
	}
	// OrderFiles' problems are among load's fileProblems, printed above.
	files, _ := batch.OrderFiles(fs.Args())
	fmt.Fprintln(e.stdout, batch.Summary(len(files), len(orders), all))
	if all.HasErrors() {
		return errFailed
	}
	return nil
}

// drawing is what generate draws documents with, built from the same flags
// by check and generate: the two faces, the memo writer, the renderer and
// the documents asked for.
type drawing struct {
	regular, bold *fonts.Face
	// fontNames says, for messages, which fonts a character is missing
	// from: "the bundled font" or "NotoSerif.ttf".
	fontNames string
	memos     *memo.Writer
	renderer  *pdf.Renderer
	docs      []pdf.Document
}

// newDrawing reads the fonts and templates and builds the renderer. Its
// errors (a font file that cannot be read, a label the fonts cannot draw,
// an unknown paper size) stop check and generate alike.
func newDrawing(fontPath, boldPath, tmplDir, docs, paper string, date time.Time) (*drawing, error) {
	documents, err := parseDocs(docs)
	if err != nil {
		return nil, err
	}
	if paper != "a4" && paper != "letter" {
		return nil, usagef("--paper %q: want a4 or letter", paper)
	}
	d := &drawing{docs: documents, fontNames: fontNames(fontPath, boldPath)}
	if d.regular, err = loadFace(fontPath, fonts.Regular); err != nil {
		return nil, err
	}
	if d.bold, err = loadFace(boldPath, fonts.Bold); err != nil {
		return nil, err
	}
	set := templateSet(tmplDir)
	if d.memos, err = memo.New(set); err != nil {
		return nil, err
	}
	d.renderer, err = pdf.New(pdf.Options{
		Regular: d.regular, Bold: d.bold, Paper: paper, Templates: set, Date: date,
		Memo: func(o *invoice.Order, s invoice.Stage) []string {
			// A memo problem is reported by the memo file itself (batch
			// writes it beside the PDFs); the PI prints what can be had.
			lines, _ := d.memos.Remittance(o, s)
			return lines
		},
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// fontNames names the fonts given on the command line for messages about
// characters they lack.
func fontNames(regular, bold string) string {
	var names []string
	for _, p := range []string{regular, bold} {
		if p != "" && !contains(names, filepath.Base(p)) {
			names = append(names, filepath.Base(p))
		}
	}
	switch len(names) {
	case 0:
		return "the bundled font"
	case 1:
		if regular == "" || bold == "" {
			return names[0] + " or the bundled font"
		}
		return names[0]
	}
	return strings.Join(names, " or ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// covers says whether both faces draw the rune: every text may be set in
// either.
func (d *drawing) covers(r rune) bool { return d.regular.Covers(r) && d.bold.Covers(r) }

// dryRunAll dry-runs every valid order, on as many CPUs as generate's
// workers use, and returns each order's problems by index.
func (d *drawing) dryRunAll(orders []*batch.Order) []invoice.Problems {
	out := make([]invoice.Problems, len(orders))
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for i, o := range orders {
		if !o.OK() {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i] = d.dryRun(o)
		}()
	}
	wg.Wait()
	return out
}

// dryRun draws the order's documents and memo as generate would, writing
// nothing, and returns the problems that would stop generate.
func (d *drawing) dryRun(o *batch.Order) invoice.Problems {
	ps := d.memos.Write(io.Discard, o.Order)
	if ps.HasErrors() {
		return ps
	}
	ws := make([]io.Writer, len(d.docs))
	for i := range ws {
		ws[i] = io.Discard
	}
	if err := d.renderer.RenderSet(o.Order, d.docs, ws); err != nil {
		var rps invoice.Problems
		if errors.As(err, &rps) {
			return append(ps, rps...)
		}
		return append(ps, invoice.Errorf(o.Source, invoice.ErrFile, "order %s: %v", o.OrderNo, err))
	}
	return ps
}

// loadOptions checks characters against the drawing's fonts; one they
// cannot draw is an error, as it stops the documents.
func (d *drawing) loadOptions() batch.LoadOptions {
	return batch.LoadOptions{Covers: d.covers, CharSeverity: invoice.Error, FontName: d.fontNames}
}

// load reads and validates the order files.
func load(e *env, paths []string, verbose bool, opt batch.LoadOptions) ([]*batch.Order, invoice.Problems) {
	if verbose {
		opt.Read = spreadsheet.Options{Verbose: func(msg string) { fmt.Fprintln(e.stderr, msg) }}
	}
	return batch.Load(paths, opt)
}
