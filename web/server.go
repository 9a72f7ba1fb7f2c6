// Package web is `tradedocs serve`: a page on the user's own computer where
// a seller who does not use a terminal drops an order workbook, sees every
// problem with its cell, previews the PI and CI, copies the wire memo and
// downloads the documents, and the HTTP API behind it for scripts. It calls
// the same packages as the command line (spreadsheet, invoice, batch, pdf,
// memo), so a document downloaded here is the file `tradedocs generate`
// writes, byte for byte.
//
// The server is meant for one person's machine: it keeps uploads in memory,
// refuses cross-origin POSTs, bounds every request, and reads no file whose
// path comes from a request or a workbook.
package web

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

//go:embed static
var static embed.FS

// DefaultMaxUpload is the largest request body accepted by default: a
// workbook is well under 1 MB, a bundle with images a few MB.
const DefaultMaxUpload = 20 << 20

// Options are what the server issues documents with: the same renderer and
// memo writer the command line builds from its flags.
type Options struct {
	Renderer *pdf.Renderer
	Memo     *memo.Writer
	// Covers says whether the documents' font draws a rune (fonts.Face.Covers);
	// a character it lacks is an error, as for generate.
	Covers func(rune) bool
	// Units is the unit table the CI prints units with (templates'
	// units.json); the zero value is the bundled table.
	Units invoice.Units
	// MaxUpload is the most bytes one request may send; 0 means
	// DefaultMaxUpload. Beyond it the answer is 413.
	MaxUpload int64
	// Font, when set, is the face the page's Chinese text falls back to
	// on a computer without a Chinese font (fonts.Regular()).
	Font *fonts.Face
	// Log receives one line per refused or failed request; nil is silent.
	Log *log.Logger
}

// Server answers the page and the API.
type Server struct {
	opt   Options
	store *store
	page  *template.Template
	mux   *http.ServeMux
	// busy holds a place for each upload being read or worked on: a few
	// at a time, so that many large uploads at once queue instead of
	// each unpacking its hundreds of MB together.
	busy chan struct{}
}

// New makes the server. It fails when the renderer or memo writer is missing.
func New(opt Options) (*Server, error) {
	if opt.Renderer == nil || opt.Memo == nil {
		return nil, errors.New("web: Options.Renderer and Options.Memo are required")
	}
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	page, err := template.ParseFS(static, "static/index.html")
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, store: newStore(), page: page, mux: http.NewServeMux(), busy: make(chan struct{}, 2*runtime.NumCPU())}
	sub, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	files := http.FileServerFS(sub)
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", noListing(files)))
	if opt.Font != nil {
		font := &pageFont{face: opt.Font}
		s.mux.HandleFunc("GET /static/ui-font.ttf", font.serve)
	}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	s.mux.HandleFunc("GET /api/template", s.template)
	s.mux.HandleFunc("GET /api/words", s.words)
	s.mux.HandleFunc("POST /api/check", s.limit(s.check))
	s.mux.HandleFunc("POST /api/generate", s.limit(s.generate))
	s.mux.HandleFunc("POST /ui/run", s.limit(s.run))
	s.mux.HandleFunc("GET /ui/file/{token}/{name}", s.file)
	s.mux.HandleFunc("GET /ui/zip/{token}", s.zip)
	return s, nil
}

// Handler is the server with its protections: security headers on every
// answer, and POSTs from another origin refused (403) by the Origin and
// Sec-Fetch-Site headers browsers send.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.logf("refused a cross-origin %s %s (Origin %q, Sec-Fetch-Site %q)", r.Method, r.URL.Path, r.Header.Get("Origin"), r.Header.Get("Sec-Fetch-Site"))
		httpError(w, http.StatusForbidden, "cross-origin request refused: use the page this server serves")
	}))
	return securityHeaders(cop.Handler(s.mux))
}

// noListing answers 404 for a folder instead of listing it.
func noListing(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// NewHTTPServer wraps the handler in an http.Server with timeouts, so that
// a slow or stalled client cannot hold a connection open for ever.
func (s *Server) NewHTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// contentSecurityPolicy allows only the server's own scripts, styles,
// frames (the PDF preview) and images: no inline script, no other site.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'; connect-src 'self'"

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "SAMEORIGIN")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		hd.Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// limit refuses a body beyond MaxUpload with 413, before reading it when
// the client says its length, and cuts it off otherwise.
func (s *Server) limit(h func(http.ResponseWriter, *http.Request, *upload)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.opt.MaxUpload {
			s.tooLarge(w, r)
			return
		}
		select {
		case s.busy <- struct{}{}:
			defer func() { <-s.busy }()
		case <-r.Context().Done():
			return // the client left while waiting
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload)
		up, err := readUpload(r)
		if errors.Is(err, errTooLarge) {
			s.tooLarge(w, r)
			return
		}
		if err != nil {
			s.logf("%s %s: %v", r.Method, r.URL.Path, err)
			httpError(w, http.StatusBadRequest, err.Error())
			return
		}
		h(w, r, up)
	}
}

func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request) {
	s.logf("%s %s: upload over %d bytes refused", r.Method, r.URL.Path, s.opt.MaxUpload)
	w.Header().Set("Connection", "close")
	httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("upload larger than %d MB", s.opt.MaxUpload>>20))
}

func (s *Server) logf(format string, args ...any) {
	if s.opt.Log != nil {
		s.opt.Log.Printf(format, args...)
	}
}

// httpError answers a refusal as JSON {"error": message}.
func httpError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := s.page.Execute(&buf, struct{ MaxUploadMB int64 }{s.opt.MaxUpload >> 20}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

// template answers the blank order workbook of `tradedocs template`.
func (s *Server) template(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := spreadsheet.WriteTemplate(&buf); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="order-template.xlsx"`)
	w.Write(buf.Bytes())
}

// words answers an amount in English words and Chinese capitals (大写), as
// `tradedocs words` prints them.
func (s *Server) words(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	code := q.Get("currency")
	if code == "" {
		code = "USD"
	}
	cur, _, err := invoice.ParseCurrency(code)
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	raw := strings.NewReplacer(",", "", " ", "", "_", "").Replace(q.Get("amount"))
	if len(raw) > 40 {
		httpError(w, http.StatusBadRequest, "amount too long")
		return
	}
	amount, err := decimal.NewFromString(raw)
	if err != nil {
		httpError(w, http.StatusBadRequest, fmt.Sprintf("amount %q is not a number", q.Get("amount")))
		return
	}
	if amount.IsNegative() {
		httpError(w, http.StatusBadRequest, "an amount in words is not negative")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{
		"amount": cur.Format(cur.Round(amount)), "currency": cur.Code,
		"en": invoice.WordsEN(amount, cur), "zh": invoice.WordsZH(amount, cur),
	})
}

// docsOf reads the docs field ("pi", "ci", "pi,ci"), as generate's --docs.
func docsOf(v string) ([]pdf.Document, error) {
	return pdf.ParseDocuments(v)
}

// writeZip answers files and their manifest.csv as one zip: the folder
// `tradedocs generate` would have made.
func writeZip(w http.ResponseWriter, name string, files []batch.Issued) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	rows := make([]batch.ManifestRow, len(files))
	for i, f := range files {
		rows[i] = f.Row
	}
	manifest, err := batch.ManifestCSV(rows)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	entries := append([]batch.Issued{{Row: batch.ManifestRow{File: batch.ManifestName}, Data: manifest}}, files...)
	// A fixed time: the same upload gives the same zip.
	stamp := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range entries {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Row.File, Method: zip.Deflate, Modified: stamp})
		if err == nil {
			_, err = fw.Write(f.Data)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	if err := zw.Close(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", contentDisposition("attachment", name))
	w.Write(buf.Bytes())
}

// contentDisposition names a download; non-ASCII names (Chinese order
// numbers) go in filename* (RFC 6266).
func contentDisposition(kind, name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	return fmt.Sprintf(`%s; filename="%s"; filename*=UTF-8''%s`, kind, ascii, urlPathEscape(name))
}

func urlPathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
