package batch

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
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
	// Resume issues only the orders none of whose documents is in OutDir
	// yet (a batch that was interrupted, or extended with new orders).
	// An order whose documents are all there is left untouched and
	// counted in Result.Skipped; one with some of its documents there is
	// an error of that order, naming the files present and missing, and
	// nothing of it is changed. Not with Force.
	//
	// With or without Resume, an order issued in stages (its PI and memo
	// at the quote, its CI and packing list at shipment, into the same
	// folder) is not a conflict: files that manifest.csv lists for the
	// same order are kept, if what the order gives now is the same byte
	// for byte, and the missing documents are added (see keepIssued).
	Resume bool
	// FailFast stops at the first order with an error.
	FailFast bool
	// Workers is how many orders are rendered at once; 0 means one per
	// CPU, and more than MaxWorkers means MaxWorkers.
	Workers  int
	Renderer *pdf.Renderer
	Memo     *memo.Writer
	// Progress, when set, is called after each order with the number of
	// documents done and the number planned.
	Progress func(done, total int)
}

// MaxWorkers bounds Options.Workers: more orders rendered at once only
// cost memory (each holds its documents) on any machine tradedocs runs on.
const MaxWorkers = 256

// ErrInternal marks a problem that is a bug of tradedocs, not of the
// order: a renderer that panicked. The order is not issued; the command
// exits with its own status.
var ErrInternal = errors.New("internal error")

// ErrPartial means --resume found some but not all of an order's
// documents in the output folder: something other than an interrupted
// run (which leaves whole orders or none) removed or added files.
var ErrPartial = errors.New("order partly issued")

// ErrUnlisted means --resume found an order's documents in the output
// folder that manifest.csv does not list: they were not issued by a run
// that finished recording them, so nothing vouches for their content.
var ErrUnlisted = errors.New("documents not in the manifest")

// Result counts what a run issued and holds every problem of the orders it
// could not issue.
type Result struct {
	Orders, PDFs, Memos int
	// Failed counts the orders that had an error and were not issued.
	Failed int
	// Skipped counts the orders Resume found issued already and left alone.
	Skipped int
	// Internal counts the failed orders whose error is ErrInternal.
	Internal int
	Problems invoice.Problems
	Elapsed  time.Duration
}

// Line is the summary the command prints last:
// "1000 orders, 2000 PDFs, 1000 memos, 0 errors in 4.1 s", followed by
// "; 12 orders already issued, left untouched" after a resumed run.
func (r Result) Line() string {
	s := fmt.Sprintf("%s, %s, %s, %s in %.1f s", plural(r.Orders, "order"), plural(r.PDFs, "PDF"), plural(r.Memos, "memo"),
		plural(r.Failed, "error"), r.Elapsed.Seconds())
	if r.Skipped > 0 {
		s += fmt.Sprintf("; %s already issued, left untouched", plural(r.Skipped, "order"))
	}
	return s
}

// File is one of an order's documents made in memory: its document name
// (PI, CI, memo), its file name in the output folder and its bytes.
type File struct {
	Doc, Name string
	Data      []byte
}

// RenderOrder makes an order's documents in memory, named as generate
// names them in the output folder (opt.Docs, then the memo when
// opt.Memos), without touching any disk: generate commits them to the
// folder, a web server can zip them. Only opt's Docs, Memos, Renderer and
// Memo are used. Warnings are returned with the files; an error means no
// file. A renderer that panics gives an ErrInternal problem.
func RenderOrder(o *invoice.Order, opt Options) (files []File, ps invoice.Problems) {
	defer func() {
		if v := recover(); v != nil {
			files, ps = nil, invoice.Problems{internalProblem(o, v)}
		}
	}()
	base, nps := orderBase(o)
	if nps.HasErrors() {
		return nil, nps
	}
	names := docNames(DocumentsOf(o, opt.Docs), opt.Memos)
	bufs := make([]bytes.Buffer, len(names))
	// The order's PDFs are drawn together: they share one font subset.
	var docs []pdf.Document
	var ws []io.Writer
	for i, d := range names {
		if d == MemoDoc {
			mps := opt.Memo.Write(&bufs[i], o)
			if mps.HasErrors() {
				return nil, mps
			}
			ps = append(ps, mps...)
			continue
		}
		docs = append(docs, pdf.Document(d))
		ws = append(ws, &bufs[i])
	}
	if len(docs) > 0 {
		if err := opt.Renderer.RenderSet(o, docs, ws); err != nil {
			return nil, asProblems(o, err)
		}
	}
	files = make([]File, len(names))
	for i, d := range names {
		files[i] = File{Doc: d, Name: FileName(base, d), Data: bufs[i].Bytes()}
	}
	return files, ps
}

func internalProblem(o *invoice.Order, v any) invoice.Problem {
	stack := strings.TrimSpace(string(debug.Stack()))
	return invoice.Errorf(o.Source, ErrInternal, "order %s: internal error (a bug of tradedocs, please report it with this message): %v\n%s",
		o.OrderNo, v, stack)
}

// job is an order to issue and the number of its files to write; kept
// are its files in the folder already, issued earlier for the same order
// (a PI before its CI): they are compared, not written.
type job struct {
	order *Order
	files int
	kept  []string
}

// plan decides which orders to issue. Without Force or Resume an output
// file that exists already refuses the whole run (the folder is probably
// not the one meant) and is returned as problems; with Resume each order
// is issued, skipped or failed on its own (see Options.Resume).
func plan(orders []*Order, usable []bool, opt Options, fo *folder, fresh bool, res *Result) ([]job, invoice.Problems) {
	dir := fo.dir
	var jobs []job
	var refusals invoice.Problems
	for i, o := range orders {
		if !usable[i] {
			continue
		}
		names := docNames(o.Documents(opt.Docs), opt.Memos)
		base := SafeName(o.OrderNo)
		var present, missing []string
		for _, d := range names {
			name := FileName(base, d)
			if !fresh && !opt.Force && exists(filepath.Join(dir, name)) {
				present = append(present, name)
			} else {
				missing = append(missing, name)
			}
		}
		switch {
		case len(present) == 0:
			jobs = append(jobs, job{order: o, files: len(names)})
		case len(missing) > 0 && fo.listedFor(o.OrderNo, present):
			jobs = append(jobs, job{order: o, files: len(missing), kept: present})
		case opt.Resume && len(missing) == 0:
			if p, skip := issuedAlready(o, present, fo); !skip {
				res.Failed++
				res.Problems = append(res.Problems, p)
			} else {
				res.Skipped++
				if p.Message != "" {
					res.Problems = append(res.Problems, p)
				}
			}
		case opt.Resume:
			res.Failed++
			res.Problems = append(res.Problems, invoice.Errorf(o.At("order_no"), ErrPartial,
				"order %q is partly issued in %s: %s there, %s missing; nothing of it was changed (remove the files there to issue it again, or use --force)",
				o.OrderNo, dir, strings.Join(present, ", "), strings.Join(missing, ", ")))
		default:
			for _, name := range present {
				refusals = append(refusals, invoice.Errorf(invoice.Location{File: filepath.Join(dir, name)}, ErrExists, "%v", ErrExists))
			}
		}
	}
	return jobs, refusals
}

// listedFor reports whether manifest.csv lists every one of the files
// for the order orderNo: files tradedocs issued for it in an earlier run.
func (fo *folder) listedFor(orderNo string, files []string) bool {
	for _, name := range files {
		if owner, ok := fo.listed[name]; !ok || owner != orderNo {
			return false
		}
	}
	return true
}

// keepIssued leaves out of an order's rendered files those it has in the
// folder already (j.kept), after checking that each holds exactly the
// bytes the order gives now; a file that differs (the order was changed
// since) is an error of the order, and nothing of it is written.
func keepIssued(dir string, j job, files []File) ([]File, invoice.Problems) {
	if len(j.kept) == 0 {
		return files, nil
	}
	var out []File
	for _, f := range files {
		if !slices.Contains(j.kept, f.Name) {
			out = append(out, f)
			continue
		}
		path := filepath.Join(dir, f.Name)
		old, err := os.ReadFile(path)
		if err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		why := "differs from what the order gives now (was the order changed after it was issued?)"
		if err != nil {
			why = fmt.Sprintf("cannot be read (%v)", unwrapPathError(err))
		}
		o := j.order
		return nil, invoice.Problems{invoice.Errorf(o.At("order_no"), ErrExists,
			"order %q not issued, none of its files written: %s, issued for it earlier, %s; to issue the order again as it is now use --force",
			o.OrderNo, path, why)}
	}
	return out, nil
}

// issuedAlready checks, for --resume, that the order's files found in the
// folder are this order's: the manifest must not record them for another
// order ("A/B" issued last month, "A_B" now), which is an error of the
// order (skip false). Files the manifest does not list are left alone
// with a warning. The zero Problem means nothing to say.
func issuedAlready(o *Order, present []string, fo *folder) (p invoice.Problem, skip bool) {
	var unlisted []string
	for _, name := range present {
		switch owner, ok := fo.listed[name]; {
		case !ok:
			unlisted = append(unlisted, name)
		case owner != o.OrderNo:
			return invoice.Errorf(o.At("order_no"), ErrFileName,
				"order_no %q would be written as %s, which manifest.csv records for order %q; change one order number",
				o.OrderNo, name, owner), false
		}
	}
	if len(unlisted) > 0 {
		p = invoice.Warnf(o.At("order_no"), ErrUnlisted,
			"order %q is issued in %s but manifest.csv does not list %s (a run cut off by a power failure, or files copied in): left untouched; check them, and re-issue the order with --force to record them",
			o.OrderNo, fo.dir, strings.Join(unlisted, ", "))
	}
	return p, true
}

// Generate issues the documents of every valid order. An order with an
// error (in its cells, in its file name, or met while rendering or
// writing it) is reported and skipped; the others are issued (unless
// FailFast). Each order is committed whole or not at all, and listed in
// manifest.csv as soon as it is (see commit.go). The returned error is
// the run's own: a manifest that cannot be read (nothing written), or
// problems when output files exist already and neither Force nor Resume
// is set (nothing written).
func Generate(ctx context.Context, orders []*Order, opt Options) (res Result, err error) {
	start := time.Now()
	defer func() { res.Elapsed = time.Since(start) }()
	if opt.Force && opt.Resume {
		return res, errors.New("resume and force exclude each other")
	}
	names := NameProblems(orders)
	usable := make([]bool, len(orders))
	for i, o := range orders {
		// Load has usually put the name problems among the order's already.
		res.Problems = append(res.Problems, o.Problems.Merge(names[i])...)
		usable[i] = o.OK() && !names[i].HasErrors()
		if !usable[i] {
			res.Failed++
		}
	}
	if opt.FailFast && res.Failed > 0 {
		return res, nil
	}
	dir := opt.OutDir
	if dir == "" {
		dir = "."
	}
	fresh := !exists(dir)
	if fresh && res.Failed == len(orders) {
		return res, nil // nothing to issue: no folder holding only a lock file
	}
	if err := mkdirAll(opt.OutDir); err != nil {
		return res, err
	}
	fo, err := openFolder(dir)
	if err != nil {
		return res, err
	}
	defer func() {
		if cerr := fo.close(); err == nil {
			err = cerr
		}
	}()
	jobs, refusals := plan(orders, usable, opt, fo, fresh, &res)
	if refusals.HasErrors() {
		return res, refusals
	}
	total := 0
	for _, j := range jobs {
		total += j.files
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, MaxWorkers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Workers render orders in memory and hand them to writers, which
	// commit them to the folder: creating and syncing files can block for
	// a while and rendering goes on meanwhile. The queue between them
	// holds a few orders, so memory stays bounded.
	type rendered struct {
		job   job
		files []File
		warns invoice.Problems
	}
	var (
		mu    sync.Mutex
		done  atomic.Int64
		next  = make(chan job)
		ready = make(chan rendered, 2*workers)
		rwg   sync.WaitGroup
		wwg   sync.WaitGroup
	)
	record := func(j job, files []File, probs invoice.Problems) {
		mu.Lock()
		if probs.HasErrors() {
			res.Failed++
			if errors.Is(probs, ErrInternal) {
				res.Internal++
			}
			if opt.FailFast {
				cancel()
			}
		} else {
			res.Orders++
			for _, f := range files {
				if f.Doc == MemoDoc {
					res.Memos++
				} else {
					res.PDFs++
				}
			}
		}
		res.Problems = append(res.Problems, probs...)
		mu.Unlock()
		n := done.Add(int64(j.files))
		if opt.Progress != nil {
			opt.Progress(int(n), total)
		}
	}
	for w := 0; w < workers; w++ {
		rwg.Add(1)
		go func() {
			defer rwg.Done()
			for j := range next {
				files, probs := RenderOrder(j.order.Order, opt)
				if probs.HasErrors() {
					record(j, nil, probs)
					continue
				}
				ready <- rendered{j, files, probs}
			}
		}()
	}
	// Writers mostly wait for the disk (a sync per file): more of them
	// than renderers keep the disk busy, and a file system commits syncs
	// that arrive together in one go. FailFast keeps one per renderer, so
	// that few orders are under way when one fails.
	nw := writers(workers)
	if opt.FailFast {
		nw = workers
	}
	for w := 0; w < nw; w++ {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for r := range ready {
				if ctx.Err() != nil {
					// Cancelled (FailFast): rendered orders not yet
					// written are not issued.
					mu.Lock()
					res.Problems = append(res.Problems, r.warns...)
					mu.Unlock()
					continue
				}
				files, probs := keepIssued(fo.dir, r.job, r.files)
				if !probs.HasErrors() {
					probs = commitOrder(fo, r.job.order, files, opt.Force)
				}
				record(r.job, files, append(r.warns, probs...))
			}
		}()
	}
	// Orders loaded light are read whole again as their turn comes (see
	// light.go), and each is let go once handed over. The orders held
	// whole go first, so that their memory is free before a file is read
	// again.
	slices.SortStableFunc(jobs, func(a, b job) int {
		return cmp.Compare(lightRank(a.order), lightRank(b.order))
	})
	var again rereader
	defer again.close()
feed:
	for i, j := range jobs {
		jobs[i] = job{}
		if ctx.Err() != nil {
			break
		}
		switch {
		case j.order.light != nil:
			w, ps := again.whole(j.order)
			if ps != nil {
				record(j, nil, ps)
				continue
			}
			j.order = w
		case j.order.keptFrom != nil:
			j.order = j.order.handOver()
		}
		select {
		case next <- j:
		case <-ctx.Done():
			break feed
		}
	}
	again.close()
	close(next)
	rwg.Wait()
	close(ready)
	wwg.Wait()
	return res, nil
}

// lightRank sorts the orders held whole (0) before the light ones (1).
func lightRank(o *Order) int {
	if o.light == nil {
		return 0
	}
	return 1
}

// writers is how many orders are committed at once for workers
// renderers.
func writers(workers int) int { return min(max(4*workers, 8), MaxWorkers) }

// manifestRows are the manifest's lines for an order's files: each with
// its SHA-256 and the order's total (worked out once for all of them).
func manifestRows(o *invoice.Order, files []File) []ManifestRow {
	total := o.Currency.Format(o.Totals().Total)
	rows := make([]ManifestRow, len(files))
	for i, f := range files {
		rows[i] = ManifestRow{
			OrderNo: o.OrderNo, Document: f.Doc, File: f.Name,
			SHA256: sha256Hex(f.Data), Total: total, Currency: o.Currency.Code,
		}
	}
	return rows
}

// commitOrder puts a rendered order into the folder (all files or none)
// and lists it in the manifest; a failure is a problem of the order.
func commitOrder(fo *folder, o *Order, files []File, replace bool) (ps invoice.Problems) {
	defer func() {
		if v := recover(); v != nil {
			ps = invoice.Problems{internalProblem(o.Order, v)}
		}
	}()
	ofs := make([]orderFile, len(files))
	for i, row := range manifestRows(o.Order, files) {
		ofs[i] = orderFile{data: files[i].Data, row: row}
	}
	if err := fo.commit(ofs, replace); err != nil {
		var me *ManifestError
		where := invoice.Location{File: fo.dir}
		if !errors.As(err, &me) {
			where = o.Source
		}
		kind := invoice.ErrFile
		if errors.Is(err, ErrExists) {
			kind = ErrExists
		}
		return invoice.Problems{invoice.Errorf(where, kind, "order %s not issued, none of its files written: %v", o.OrderNo, err)}
	}
	return nil
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// asProblems turns a rendering error into problems at the order: the
// renderer's own problems (a character the font cannot draw, at its cell)
// pass through.
func asProblems(o *invoice.Order, err error) invoice.Problems {
	var ps invoice.Problems
	if errors.As(err, &ps) {
		return ps
	}
	return invoice.Problems{invoice.Errorf(o.Source, invoice.ErrFile, "order %s: %v", o.OrderNo, err)}
}
