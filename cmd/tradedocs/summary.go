package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/invoice"
)

// reportRefusal prints why generate wrote nothing. Files that already
// exist (a second run of the same command) are one short paragraph, not a
// line per file; any other problem is printed as it is.
func reportRefusal(e *env, outDir string, ps invoice.Problems) {
	var existing []string
	var other invoice.Problems
	for _, p := range ps {
		if errors.Is(p.Kind, batch.ErrExists) {
			existing = append(existing, filepath.Base(p.Where.File))
		} else {
			other = append(other, p)
		}
	}
	printProblems(e, other)
	if len(existing) > 0 {
		msg := fmt.Sprintf("%s: %s already exists", outDir, existing[0])
		if rest := existing[1:]; len(rest) > 0 {
			shown, more := rest, ""
			if len(shown) > 2 {
				shown, more = shown[:2], ", …"
			}
			msg += fmt.Sprintf(", as do %d more (%s%s)", len(rest), strings.Join(shown, ", "), more)
		}
		fmt.Fprintln(e.stderr, msg+".")
		fmt.Fprintln(e.stderr, "Nothing was written. To issue only the orders not issued yet add --resume; to replace them add --force; to keep them write elsewhere with -o DIR; 'tradedocs help generate' lists the choices.")
		return
	}
	fmt.Fprintln(e.stderr, "nothing was written; use --resume to issue only the orders not issued yet, or --force to overwrite")
}

// printSummary ends a generate run on standard output: the counts, the
// folder the documents went to, and each order (or file) that failed with
// its first problem.
func printSummary(e *env, outDir string, res batch.Result, orders []*batch.Order, fileProblems invoice.Problems) {
	fmt.Fprintln(e.stdout, res.Line())
	if res.Orders > 0 {
		fmt.Fprintf(e.stdout, "documents in %s (%s lists each with its SHA-256)\n", outDir, filepath.Join(outDir, batch.ManifestName))
	}
	failed := failures(res, orders, fileProblems)
	if len(failed) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "not issued (%d), each with its first problem:\n", len(failed))
	for _, f := range failed {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
}

// failures names each order that was not issued, with its first error:
// orders that failed validation, orders whose rendering or writing failed,
// and files no order could be read from.
func failures(res batch.Result, orders []*batch.Order, fileProblems invoice.Problems) []string {
	var out []string
	known := map[string]bool{}
	for _, o := range orders {
		for _, p := range o.Problems {
			known[p.Error()] = true
		}
		if o.OK() {
			continue
		}
		out = append(out, fmt.Sprintf("%s: %s", orderName(o), firstError(o.Problems)))
	}
	// Problems met while rendering or writing carry the order's file.
	seen := map[string]bool{}
	for _, p := range append(fileProblems.Sorted(), res.Problems.Sorted()...) {
		if p.Severity != invoice.Error || known[p.Error()] || seen[p.Where.File] {
			continue
		}
		seen[p.Where.File] = true
		out = append(out, p.Error())
	}
	return out
}

// orderName is how the summary names an order; its first problem
// says which file it is in.
func orderName(o *batch.Order) string {
	if o.OrderNo == "" {
		return "(no order number)"
	}
	return o.OrderNo
}

func firstError(ps invoice.Problems) string {
	for _, p := range ps.Sorted() {
		if p.Severity == invoice.Error {
			return p.Error()
		}
	}
	return ""
}
