package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/pdf"
)

// Options say what to issue and where.
type Options struct {
	// OutDir receives the documents and manifest.csv; created if missing.
	OutDir string
	// Docs lists the PDFs to issue per order (PI, CI, PL); nil issues the
	// PI and CI of every order and the packing list of each with packing
	// data (see DocumentsOf).
	Docs []pdf.Document
	// Memos, when set, also issues <order_no>-memo.txt.
	Memos bool
	// Force allows overwriting files that already exist.
	Force bool
	// FailFast stops at the first order with an error.
	FailFast bool
	// Workers is how many orders are rendered at once; 0 means one per CPU.
	Workers  int
	Renderer *pdf.Renderer
	Memo     *memo.Writer
	// Progress, when set, is called after each document with the number
	// done and the number planned.
	Progress func(done, total int)
}

// Result counts what a run issued and holds every problem of the orders it
// could not issue.
type Result struct {
	Orders, PDFs, Memos int
	// Failed counts the orders that had an error and were not issued.
	Failed   int
	Problems invoice.Problems
	Elapsed  time.Duration
}

// Line is the summary the command prints last:
// "1000 orders, 2000 PDFs, 1000 memos, 0 errors in 4.1 s".
func (r Result) Line() string {
	return fmt.Sprintf("%s, %d PDFs, %s, %s in %.1f s", plural(r.Orders, "order"), r.PDFs, plural(r.Memos, "memo"),
		plural(r.Failed, "error"), r.Elapsed.Seconds())
}

// job is one order's planned output files.
type job struct {
	order *Order
	files []planned
}

type planned struct {
	doc  string // "PI", "CI" or "memo"
	path string
}

// plan names each order's output files and checks, before anything is
// written, that none exists already (unless force) and that no two orders
// would write the same file.
func plan(orders []*Order, opt Options) ([]job, invoice.Problems) {
	var jobs []job
	var ps invoice.Problems
	owner := map[string]*Order{}
	// In an output folder that does not exist yet no file exists either:
	// no need to look for each one.
	fresh := opt.OutDir != "" && !exists(opt.OutDir)
	for _, o := range orders {
		if !o.OK() {
			continue
		}
		base := SafeName(o.OrderNo)
		if base == "" {
			ps = append(ps, invoice.Errorf(o.At("order_no"), invoice.ErrFile, "order_no %q cannot name a file", o.OrderNo))
			continue
		}
		j := job{order: o}
		for _, d := range DocumentsOf(o, opt.Docs) {
			j.files = append(j.files, planned{doc: string(d), path: filepath.Join(opt.OutDir, base+"-"+string(d)+".pdf")})
		}
		if opt.Memos {
			j.files = append(j.files, planned{doc: "memo", path: filepath.Join(opt.OutDir, base+"-memo.txt")})
		}
		for _, f := range j.files {
			if prev, ok := owner[f.path]; ok && prev != o {
				ps = append(ps, invoice.Errorf(o.At("order_no"), invoice.ErrDuplicateOrder,
					"order_no %q would write %s, as does order %q (%s)", o.OrderNo, f.path, prev.OrderNo, prev.At("order_no")))
				continue
			}
			owner[f.path] = o
			if !opt.Force && !fresh && exists(f.path) {
				ps = append(ps, invoice.Errorf(invoice.Location{File: f.path}, ErrExists, "%v", ErrExists))
			}
		}
		jobs = append(jobs, j)
	}
	return jobs, ps
}

// Generate issues the documents of every valid order. An order with an
// error is reported and skipped; the others are issued (unless FailFast).
// Nothing is written when an output file already exists and Force is not
// set: that is returned as an error before any work.
func Generate(ctx context.Context, orders []*Order, opt Options) (Result, error) {
	start := time.Now()
	var res Result
	for _, o := range orders {
		res.Problems = append(res.Problems, o.Problems...)
		if !o.OK() {
			res.Failed++
		}
	}
	if opt.FailFast && res.Failed > 0 {
		res.Elapsed = time.Since(start)
		return res, nil
	}
	jobs, ps := plan(orders, opt)
	if ps.HasErrors() {
		return res, ps
	}
	if err := mkdirAll(opt.OutDir); err != nil {
		return res, err
	}
	total := 0
	for _, j := range jobs {
		total += len(j.files)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Workers render orders in memory and hand them to writers, which put
	// them on disk: creating a file can block for a while (half a
	// millisecond on a busy ext4 disk) and rendering goes on meanwhile.
	// The queue between them holds a few orders, so memory stays bounded.
	var (
		mu       sync.Mutex
		done     atomic.Int64
		manifest []ManifestRow
		next     = make(chan job)
		rendered = make(chan renderedOrder, 2*workers)
		renderWG sync.WaitGroup
		writeWG  sync.WaitGroup
	)
	record := func(j job, rows []ManifestRow, probs invoice.Problems) {
		mu.Lock()
		if probs.HasErrors() {
			res.Failed++
			if opt.FailFast {
				cancel()
			}
		} else {
			res.Orders++
			for _, r := range rows {
				if r.Document == "memo" {
					res.Memos++
				} else {
					res.PDFs++
				}
			}
			manifest = append(manifest, rows...)
		}
		res.Problems = append(res.Problems, probs...)
		mu.Unlock()
		n := done.Add(int64(len(j.files)))
		if opt.Progress != nil {
			opt.Progress(int(n), total)
		}
	}
	for w := 0; w < workers; w++ {
		renderWG.Add(1)
		go func() {
			defer renderWG.Done()
			for j := range next {
				r, probs := render(j, opt)
				if probs.HasErrors() {
					record(j, nil, probs)
					continue
				}
				rendered <- r
			}
		}()
		writeWG.Add(1)
		go func() {
			defer writeWG.Done()
			for r := range rendered {
				rows, probs := write(r, opt)
				record(r.job, rows, probs)
			}
		}()
	}
feed:
	for _, j := range jobs {
		select {
		case next <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	renderWG.Wait()
	close(rendered)
	writeWG.Wait()
	sort.Slice(manifest, func(a, b int) bool { return manifest[a].File < manifest[b].File })
	if len(manifest) > 0 {
		if err := UpdateManifest(filepath.Join(opt.OutDir, ManifestName), manifest); err != nil {
			return res, err
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// renderedOrder is an order's documents, made in memory and not yet
// written, with the warnings met while making them.
type renderedOrder struct {
	job      job
	contents [][]byte // by j.files
	warnings invoice.Problems
}

// render makes one order's documents in memory. A problem means none of
// the order's files is written.
func render(j job, opt Options) (renderedOrder, invoice.Problems) {
	o := j.order
	r := renderedOrder{job: j}
	bufs := make([]bytes.Buffer, len(j.files))
	// The order's PDFs are drawn together: they share one font subset.
	var docs []pdf.Document
	var ws []io.Writer
	for i, f := range j.files {
		if f.doc == "memo" {
			ps := opt.Memo.Write(&bufs[i], o.Order)
			if ps.HasErrors() {
				return r, ps
			}
			r.warnings = append(r.warnings, ps...)
		} else {
			docs = append(docs, pdf.Document(f.doc))
			ws = append(ws, &bufs[i])
		}
	}
	if len(docs) > 0 {
		if err := opt.Renderer.RenderSet(o.Order, docs, ws); err != nil {
			return r, asProblems(o, err)
		}
	}
	r.contents = make([][]byte, len(j.files))
	for i := range bufs {
		r.contents[i] = bufs[i].Bytes()
	}
	return r, nil
}

// write puts a rendered order's files on disk and returns their manifest
// rows, or the problem that stopped it.
func write(r renderedOrder, opt Options) ([]ManifestRow, invoice.Problems) {
	o := r.job.order
	t := o.Totals()
	var rows []ManifestRow
	for i, f := range r.job.files {
		if err := WriteFile(f.path, r.contents[i], opt.Force); err != nil {
			return nil, invoice.Problems{invoice.Errorf(invoice.Location{File: f.path}, invoice.ErrFile, "%v", err)}
		}
		sum := sha256.Sum256(r.contents[i])
		rows = append(rows, ManifestRow{
			OrderNo: o.OrderNo, Document: f.doc, File: filepath.Base(f.path),
			SHA256: hex.EncodeToString(sum[:]), Total: o.Currency.Format(t.Total), Currency: o.Currency.Code,
		})
	}
	return rows, r.warnings
}

// asProblems turns a rendering error into problems at the order: the
// renderer's own problems (a character the font cannot draw, at its cell)
// pass through.
func asProblems(o *Order, err error) invoice.Problems {
	var ps invoice.Problems
	if errors.As(err, &ps) {
		return ps
	}
	return invoice.Problems{invoice.Errorf(o.Source, invoice.ErrFile, "order %s: %v", o.OrderNo, err)}
}
