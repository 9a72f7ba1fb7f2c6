package web

import (
	"net/http"
	"strings"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/report"
)

// outcome is one upload checked, and issued when asked.
type outcome struct {
	report *report.Report
	orders []*batch.Order
	files  []batch.Issued
}

// process runs what check or generate run on the files of one upload:
// read, validate, resolve images against the upload only and, when issue is
// set, render every valid order's documents in memory; when not, draw
// them without keeping them, as `tradedocs check` does, so that the report
// names whatever generate would refuse. docs nil is each order's own set.
func (s *Server) process(up *upload, docs []pdf.Document, issue bool) (*outcome, error) {
	orders, fileProblems := batch.LoadUploads(up.files, batch.LoadOptions{
		Covers: s.opt.Covers, CharSeverity: invoice.Error, Units: s.opt.Units, Memo: s.opt.Memo, Docs: docs,
	})
	im := &images{}
	defer im.close() // after rendering: the renderer reads them
	if err := im.attach(orders, up); err != nil {
		return nil, err
	}
	opt := batch.Options{Docs: docs, Memos: true, Renderer: s.opt.Renderer, Memo: s.opt.Memo}
	if !issue {
		for i, ps := range batch.DryRun(orders, opt) {
			orders[i].Problems = orders[i].Problems.Merge(ps)
		}
	}
	out := &outcome{report: report.New(len(up.files), orders, fileProblems, docs, true), orders: orders}
	if !issue {
		return out, nil
	}
	files, ps := batch.Render(orders, opt)
	rows := make([]batch.ManifestRow, len(files))
	for i, f := range files {
		rows[i] = f.Row
	}
	out.report.Issued("", rows, ps)
	out.files = files
	return out, nil
}

// check answers POST /api/check: the report of `tradedocs check --json`.
func (s *Server) check(w http.ResponseWriter, r *http.Request, up *upload) {
	out, err := s.process(up, nil, false)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out.report)
}

// generate answers POST /api/generate: a zip of exactly the files
// `tradedocs generate` writes (documents, memos, manifest.csv). When no
// order can be issued the answer is 422 with the report instead; otherwise
// X-Tradedocs-Status says whether some orders were left out (errors).
func (s *Server) generate(w http.ResponseWriter, r *http.Request, up *upload) {
	docs, err := docsOf(up.docs)
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	out, err := s.process(up, docs, true)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if len(out.files) == 0 {
		writeJSON(w, http.StatusUnprocessableEntity, out.report)
		return
	}
	w.Header().Set("X-Tradedocs-Status", string(out.report.Status))
	writeZip(w, "tradedocs-documents.zip", out.files)
}

func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.logf("%s %s: %v", r.Method, r.URL.Path, err)
	httpError(w, http.StatusInternalServerError, err.Error())
}

// pageRun is the page's answer to a drop: the report, and for each order
// issued its files (to preview and download), its payments as the memo
// states them and its total in words.
type pageRun struct {
	Token  string      `json:"token"`
	Report any         `json:"report"`
	Orders []pageOrder `json:"orders"`
}

type pageOrder struct {
	// Index is the order's place in Report.Orders.
	Index    int        `json:"index"`
	Files    []pageFile `json:"files"`
	Payments []payment  `json:"payments"`
	WordsEN  string     `json:"words_en"`
	WordsZH  string     `json:"words_zh"`
	Zip      string     `json:"zip"`
}

type pageFile struct {
	Kind string `json:"kind"`
	File string `json:"file"`
	URL  string `json:"url"`
}

// run answers POST /ui/run: issues the upload's documents like generate,
// keeps them in memory for a while under a random token, and answers what
// the page shows.
func (s *Server) run(w http.ResponseWriter, r *http.Request, up *upload) {
	out, err := s.process(up, nil, true)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	token, err := s.store.put(out.files)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	res := pageRun{Token: token, Report: out.report, Orders: []pageOrder{}}
	for i, o := range out.orders {
		po := pageOrder{Index: i, Zip: "/ui/zip/" + token + "?order=" + urlPathEscape(o.OrderNo)}
		for _, f := range out.files {
			if f.Order != o {
				continue
			}
			po.Files = append(po.Files, pageFile{Kind: f.Row.Document, File: f.Row.File, URL: "/ui/file/" + token + "/" + urlPathEscape(f.Row.File)})
			if f.Row.Document == "memo" {
				po.Payments = parseMemo(string(f.Data))
			}
		}
		if len(po.Files) == 0 {
			continue
		}
		t := o.Totals()
		po.WordsEN = invoice.WordsEN(t.Total, o.Currency)
		po.WordsZH = invoice.WordsZH(t.Total, o.Currency)
		res.Orders = append(res.Orders, po)
	}
	writeJSON(w, http.StatusOK, res)
}

// file answers one issued document: inline (the preview) or, with
// ?download=1, as an attachment.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	files, ok := s.store.get(r.PathValue("token"))
	if !ok {
		httpError(w, http.StatusNotFound, "these documents are no longer kept: drop the file again")
		return
	}
	name := r.PathValue("name")
	for _, f := range files {
		if f.Row.File != name {
			continue
		}
		ct := "application/pdf"
		if strings.HasSuffix(name, ".txt") {
			ct = "text/plain; charset=utf-8"
		}
		kind := "inline"
		if r.URL.Query().Get("download") != "" {
			kind = "attachment"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Disposition", contentDisposition(kind, name))
		w.Write(f.Data)
		return
	}
	httpError(w, http.StatusNotFound, "no such document")
}

// zip answers every kept document with the manifest, or one order's
// (?order=NO).
func (s *Server) zip(w http.ResponseWriter, r *http.Request) {
	files, ok := s.store.get(r.PathValue("token"))
	if !ok {
		httpError(w, http.StatusNotFound, "these documents are no longer kept: drop the file again")
		return
	}
	name := "tradedocs-documents.zip"
	if no := r.URL.Query().Get("order"); no != "" {
		var some []batch.Issued
		for _, f := range files {
			if f.Row.OrderNo == no {
				some = append(some, f)
			}
		}
		if len(some) == 0 {
			httpError(w, http.StatusNotFound, "no such order")
			return
		}
		files = some
		name = batch.SafeName(no) + ".zip"
	}
	writeZip(w, name, files)
}

// payment is one wire transfer as the memo file states it: its heading,
// the beneficiary block to type into the bank form, and the remittance
// lines (MT103 field 70).
type payment struct {
	Title       string   `json:"title"`
	Beneficiary []string `json:"beneficiary"`
	Remittance  []string `json:"remittance"`
}

// parseMemo splits the text of <order_no>-memo.txt into its payments, so
// the page shows exactly what the file says.
func parseMemo(text string) []payment {
	var ps []payment
	var cur *payment
	section := ""
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "== PAYMENT ") && strings.HasSuffix(line, " =="):
			ps = append(ps, payment{Title: strings.TrimSuffix(strings.TrimPrefix(line, "== "), " ==")})
			cur = &ps[len(ps)-1]
			section = "beneficiary"
		case cur == nil:
		case strings.HasPrefix(line, "Remittance information"):
			section = "remittance"
		case strings.HasPrefix(line, "ISO 20022 Ustrd:"):
			section = "ustrd"
		case line == "":
		case section == "beneficiary":
			cur.Beneficiary = append(cur.Beneficiary, line)
		case section == "remittance":
			cur.Remittance = append(cur.Remittance, line)
		}
	}
	return ps
}
