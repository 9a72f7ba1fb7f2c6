package main

import (
	"path/filepath"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/report"
)

// printReport prints generate's --json report: the orders as loaded, each
// with the files the output folder's manifest lists for it. An empty out
// means nothing was written: no order lists a file.
func printReport(e *env, args []string, out string, docs []pdf.Document, orders []*batch.Order, fileProblems invoice.Problems, res batch.Result) error {
	files, _ := batch.OrderFiles(args)
	r := report.New(len(files), orders, fileProblems, docs, true)
	var rows []batch.ManifestRow
	if out != "" {
		var err error
		if rows, err = batch.ReadManifest(filepath.Join(out, batch.ManifestName)); err != nil {
			return err
		}
	}
	r.Issued(out, rows, res.Problems)
	return r.Write(e.stdout)
}
