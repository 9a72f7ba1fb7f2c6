package web

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/report"
	"github.com/tradedocs/tradedocs/spreadsheet"
	"github.com/tradedocs/tradedocs/templates"
	"github.com/xuri/excelize/v2"
)

// newTestServer builds the server as `tradedocs serve` does, with the
// bundled fonts and templates.
func newTestServer(t testing.TB, maxUpload int64) *Server {
	t.Helper()
	memos, err := memo.New(templates.Bundled)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pdf.New(pdf.Options{Regular: fonts.Regular(), Bold: fonts.Bold(), Templates: templates.Bundled,
		Memo: memos.PrintedLines})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{Renderer: r, Memo: memos, Covers: fonts.Regular().Covers, MaxUpload: maxUpload})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type part struct {
	field, name string
	data        []byte
}

func fileOf(t testing.TB, path string) part {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return part{"file", filepath.Base(path), b}
}

// form encodes parts as multipart/form-data.
func form(t testing.TB, parts ...part) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.name == "" {
			w, err = mw.CreateFormField(p.field)
		} else {
			w, err = mw.CreateFormFile(p.field, p.name)
		}
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

func post(t testing.TB, h http.Handler, path string, hdr map[string]string, parts ...part) *httptest.ResponseRecorder {
	t.Helper()
	ct, body := form(t, parts...)
	req := httptest.NewRequest("POST", path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func get(h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec
}

func decodeReport(t *testing.T, rec *httptest.ResponseRecorder) report.Report {
	t.Helper()
	var r report.Report
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("answer is not a report: %v\n%s", err, rec.Body.String())
	}
	return r
}

func unzip(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = b
	}
	return out
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

const usd = "../examples/usd-fob-30-70.xlsx"

func TestPageAndStaticFiles(t *testing.T) {
	h := newTestServer(t, 0).Handler()
	tests := []struct {
		name, path, ctype string
		code              int
		body              string
	}{
		{"health check for a supervisor", "/healthz", "text/plain", 200, "ok"},
		{"the page", "/", "text/html", 200, `<input id="files" name="file" type="file" multiple`},
		{"the page's script", "/static/app.js", "javascript", 200, "localStorage"},
		{"the page's styles", "/static/app.css", "text/css", 200, ".badge.errors"},
		{"no listing of the embedded folder", "/static/", "", 404, ""},
		{"an unknown path", "/etc/passwd", "", 404, ""},
		{"a path climbing out of static", "/static/../../go.mod", "", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, tt.path)
			if rec.Code != tt.code && !(tt.code == 404 && rec.Code >= 300 && rec.Code < 400) {
				t.Fatalf("GET %s: %d, want %d", tt.path, rec.Code, tt.code)
			}
			if !strings.Contains(rec.Header().Get("Content-Type"), tt.ctype) || !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("GET %s: %s %q", tt.path, rec.Header().Get("Content-Type"), rec.Body.String())
			}
			csp := rec.Header().Get("Content-Security-Policy")
			for _, want := range []string{"script-src 'self'", "frame-ancestors 'self'", "default-src 'self'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("headers: %v", rec.Header())
			}
		})
	}
}

func TestPageHasNoInlineScriptAndNoOtherSite(t *testing.T) {
	h := newTestServer(t, 0).Handler()
	page := get(h, "/").Body.String()
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1) {
		if !strings.Contains(m, `src="/static/`) {
			t.Errorf("inline or foreign script: %s", m)
		}
	}
	if strings.Contains(page, " on") && regexp.MustCompile(`\son[a-z]+=`).MatchString(page) {
		t.Error("the page has an inline event handler")
	}
	for _, f := range []string{"/", "/static/app.js", "/static/app.css"} {
		body := get(h, f).Body.String()
		if m := regexp.MustCompile(`(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`).FindString(body); m != "" {
			t.Errorf("%s refers to another site: %s (the page must work offline)", f, m)
		}
	}
}

func TestTemplateDownloadIsTheBlankWorkbook(t *testing.T) {
	rec := get(newTestServer(t, 0).Handler(), "/api/template")
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Disposition"), "order-template.xlsx") {
		t.Fatalf("%d %v", rec.Code, rec.Header())
	}
	var want bytes.Buffer
	if err := spreadsheet.WriteTemplate(&want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rec.Body.Bytes(), want.Bytes()) {
		t.Error("the template differs from `tradedocs template`'s")
	}
	results, ps := spreadsheet.Read("order-template.xlsx", rec.Body.Bytes(), spreadsheet.Options{})
	if ps.HasErrors() || len(results) != 1 {
		t.Errorf("the template does not read as one order: %v", ps)
	}
}

func TestWords(t *testing.T) {
	h := newTestServer(t, 0).Handler()
	tests := []struct {
		name, query string
		code        int
		en, zh      string
	}{
		{"deposit in dollars", "amount=1,234.50&currency=USD", 200, "ONE THOUSAND TWO HUNDRED THIRTY-FOUR AND CENTS FIFTY", "美元壹仟贰佰叁拾肆元伍角"},
		{"yuan by its alias", "amount=100&currency=RMB", 200, "", "人民币壹佰元整"},
		{"default currency is USD", "amount=7", 200, "US DOLLARS SEVEN", ""},
		{"not a number", "amount=12pcs&currency=USD", 400, "", ""},
		{"negative", "amount=-5&currency=USD", 400, "", ""},
		{"unknown currency", "amount=5&currency=XYZ", 400, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, "/api/words?"+tt.query)
			if rec.Code != tt.code {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			var got map[string]string
			json.Unmarshal(rec.Body.Bytes(), &got)
			if !strings.Contains(got["en"], tt.en) || !strings.Contains(got["zh"], tt.zh) {
				t.Errorf("got %v", got)
			}
			if tt.code != 200 && got["error"] == "" {
				t.Errorf("refusal without a message: %s", rec.Body)
			}
		})
	}
}

func TestCheckReportsTheExample(t *testing.T) {
	rec := post(t, newTestServer(t, 0).Handler(), "/api/check", nil, fileOf(t, usd))
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	r := decodeReport(t, rec)
	if r.Status == report.Errors || r.Files != 1 || len(r.Orders) != 1 {
		t.Fatalf("%+v", r)
	}
	o := r.Orders[0]
	// 17744.73 × 30% = 5323.419 → 5323.42; the balance is the rest (M-4).
	if o.OrderNo != "HL-2024-0318" || o.Total != "17744.73" || o.Deposit != "5323.42" || o.Balance != "12421.31" || o.Source.Where != "usd-fob-30-70.xlsx!Order" {
		t.Errorf("%+v", o)
	}
	// PI, CI, the packing list (the example has packing data) and the memo.
	if len(o.Documents) != 4 || o.Documents[0].File != "HL-2024-0318-PI.pdf" {
		t.Errorf("documents %+v", o.Documents)
	}
}

// TestCheckFindsEachBrokenCell uploads every broken workbook of
// testdata/broken and finds each expected problem at its cell: the web page
// says what `tradedocs check` says, hostile files included.
func TestCheckFindsEachBrokenCell(t *testing.T) {
	h := newTestServer(t, 0).Handler()
	f, err := os.Open("../testdata/broken/expected.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type want struct{ where, severity, msg string }
	byFile := map[string][]want{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 3 || strings.HasPrefix(cols[0], "#") {
			continue
		}
		msg := ""
		if len(cols) > 3 {
			msg = cols[3]
		}
		byFile[cols[0]] = append(byFile[cols[0]], want{cols[1], cols[2], msg})
	}
	if len(byFile) < 20 {
		t.Fatalf("only %d broken files listed", len(byFile))
	}
	for file, wants := range byFile {
		t.Run(file, func(t *testing.T) {
			rec := post(t, h, "/api/check", nil, fileOf(t, filepath.Join("../testdata/broken", file)))
			if rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			r := decodeReport(t, rec)
			var all []report.Problem
			all = append(all, r.Problems...)
			for _, o := range r.Orders {
				all = append(all, o.Problems...)
			}
			for _, w := range wants {
				if strings.HasPrefix(file, "logo-") || strings.HasPrefix(file, "chop-") {
					// The page takes pictures from the upload only; its own
					// refusal is tested in TestImagesComeOnlyFromTheUpload.
					continue
				}
				found := false
				for _, p := range all {
					if p.Where == w.where && p.Severity == w.severity && strings.Contains(p.Message, w.msg) {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s at %s containing %q; got %+v", w.severity, w.where, w.msg, all)
				}
			}
		})
	}
}

func TestGenerateAnswersTheFilesOfGenerate(t *testing.T) {
	h := newTestServer(t, 0).Handler()
	tests := []struct {
		name  string
		docs  string
		files []string
	}{
		{"PI, CI, packing list and memo by default", "", []string{"HL-2024-0318-CI.pdf", "HL-2024-0318-PI.pdf", "HL-2024-0318-PL.pdf", "HL-2024-0318-memo.txt", "manifest.csv"}},
		{"only the PI", "pi", []string{"HL-2024-0318-PI.pdf", "HL-2024-0318-memo.txt", "manifest.csv"}},
		{"docs in capitals", "CI", []string{"HL-2024-0318-CI.pdf", "HL-2024-0318-memo.txt", "manifest.csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := []part{fileOf(t, usd)}
			if tt.docs != "" {
				parts = append(parts, part{field: "docs", data: []byte(tt.docs)})
			}
			rec := post(t, h, "/api/generate", nil, parts...)
			if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/zip" {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			files := unzip(t, rec.Body.Bytes())
			if got := keys(files); strings.Join(got, " ") != strings.Join(tt.files, " ") {
				t.Fatalf("zip holds %v, want %v", got, tt.files)
			}
			// The manifest lists every other file with its SHA-256.
			recs, err := csv.NewReader(bytes.NewReader(files["manifest.csv"])).ReadAll()
			if err != nil || len(recs) != len(tt.files) {
				t.Fatalf("manifest %v %v", recs, err)
			}
			for _, r := range recs[1:] {
				if r[0] != "HL-2024-0318" || files[r[2]] == nil || r[4] != "17,744.73" {
					t.Errorf("manifest row %v", r)
				}
			}
			for name, data := range files {
				if strings.HasSuffix(name, ".pdf") && !bytes.HasPrefix(data, []byte("%PDF-")) {
					t.Errorf("%s is not a PDF", name)
				}
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	s := newTestServer(t, 1<<20)
	h := s.Handler()
	big := bytes.Repeat([]byte("x"), 2<<20)
	tests := []struct {
		name   string
		do     func() *httptest.ResponseRecorder
		code   int
		detail string
	}{
		{"an upload over the limit", func() *httptest.ResponseRecorder {
			return post(t, h, "/api/check", nil, part{"file", "big.csv", big})
		}, 413, "larger than 1 MB"},
		{"an upload over the limit without a length", func() *httptest.ResponseRecorder {
			ct, body := form(t, part{"file", "big.csv", big})
			req := httptest.NewRequest("POST", "/api/generate", io.MultiReader(bytes.NewReader(body)))
			req.ContentLength = -1
			req.Header.Set("Content-Type", ct)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec
		}, 413, "larger than"},
		{"a POST from another site (Origin)", func() *httptest.ResponseRecorder {
			return post(t, h, "/api/check", map[string]string{"Origin": "http://evil.example"}, fileOf(t, usd))
		}, 403, "cross-origin"},
		{"a POST from another site (Sec-Fetch-Site)", func() *httptest.ResponseRecorder {
			return post(t, h, "/api/generate", map[string]string{"Sec-Fetch-Site": "cross-site"}, fileOf(t, usd))
		}, 403, "cross-origin"},
		{"the page's own POST (same-origin)", func() *httptest.ResponseRecorder {
			return post(t, h, "/ui/run", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://example.com"}, fileOf(t, usd))
		}, 200, "token"},
		{"no file field", func() *httptest.ResponseRecorder {
			return post(t, h, "/api/check", nil, part{field: "docs", data: []byte("pi")})
		}, 400, "no order file"},
		{"not a form", func() *httptest.ResponseRecorder {
			req := httptest.NewRequest("POST", "/api/check", strings.NewReader(`{"file":"x"}`))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec
		}, 400, "multipart/form-data"},
		{"more files than a request may carry", func() *httptest.ResponseRecorder {
			var parts []part
			for i := 0; i <= maxFiles; i++ {
				parts = append(parts, part{"file", fmt.Sprintf("o%d.csv", i), []byte("a\n")})
			}
			return post(t, h, "/api/check", nil, parts...)
		}, 400, "more than 100 files"},
		{"GET on a POST endpoint", func() *httptest.ResponseRecorder { return get(h, "/api/generate") }, 405, ""},
		{"an unknown document", func() *httptest.ResponseRecorder {
			return post(t, h, "/api/generate", nil, fileOf(t, usd), part{field: "docs", data: []byte("invoice")})
		}, 400, "pi, ci, pl"},
		{"a file that is not a spreadsheet, to generate", func() *httptest.ResponseRecorder {
			return post(t, h, "/api/generate", nil, fileOf(t, "../testdata/broken/not-a-spreadsheet.xlsx"))
		}, 422, `"status":"errors"`},
		{"a broken order, to generate", func() *httptest.ResponseRecorder {
			return post(t, h, "/api/generate", nil, fileOf(t, "../testdata/broken/qty-not-a-number.xlsx"))
		}, 422, `"cell":"F3"`},
		{"a document of a drop no longer kept", func() *httptest.ResponseRecorder {
			return get(h, "/ui/file/0123456789abcdef0123456789abcdef/HL-2024-0318-PI.pdf")
		}, 404, "no longer kept"},
		{"a zip of a drop no longer kept", func() *httptest.ResponseRecorder { return get(h, "/ui/zip/nope") }, 404, "no longer kept"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.do()
			if rec.Code != tt.code || !strings.Contains(rec.Body.String(), tt.detail) {
				t.Errorf("%d %s, want %d with %q", rec.Code, rec.Body, tt.code, tt.detail)
			}
		})
	}
}

// zipOf makes a zip with the given entries, deflated.
func zipOf(t testing.TB, entries map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := keys(entries)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(entries[n])
	}
	zw.Close()
	return buf.Bytes()
}

// zipBomb is a workbook whose sheet unpacks to 200 MB of zeros from a few
// hundred KB.
func zipBomb(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(n)
		w.Write([]byte("<x/>"))
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zero := make([]byte, 1<<20)
	for i := 0; i < 200; i++ {
		w.Write(zero)
	}
	zw.Close()
	return buf.Bytes()
}

func TestHostileFiles(t *testing.T) {
	h := newTestServer(t, 0).Handler()
	bomb := zipBomb(t)
	tests := []struct {
		name string
		file part
		code int
		want string
	}{
		{"a workbook that is a zip bomb", part{"file", "bomb.xlsx", bomb}, 200, "zip bomb"},
		{"a bundle holding a zip bomb", part{"file", "orders.zip", zipOf(t, map[string][]byte{"a.csv": make([]byte, 170<<20)})}, 400, "zip bomb"},
		{"a bundle with nothing to read", part{"file", "photos.zip", zipOf(t, map[string][]byte{"a.png": {1}})}, 400, "no .xlsx or .csv"},
		{"a zip that is not one", part{"file", "orders.zip", []byte("PK\x03\x04 broken")}, 400, "not a readable .zip"},
		{"an empty file", part{"file", "empty.csv", nil}, 200, `"status":"errors"`},
		{"binary junk", part{"file", "junk.xlsx", bytes.Repeat([]byte{0, 0xff, 0x13}, 5000)}, 200, `"status":"errors"`},
		{"a file name with a path and a sheet separator", part{"file", "..\\..\\etc/pass!wd.csv", []byte("a,b\n1,2\n")}, 200, `"file":"pass_wd.csv"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			rec := post(t, h, "/api/check", nil, tt.file)
			if rec.Code != tt.code || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("%d %.300s, want %d with %q", rec.Code, rec.Body, tt.code, tt.want)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// withLogo is the example workbook naming a logo image at path.
func withLogo(t testing.TB, path string) []byte {
	t.Helper()
	f, err := excelize.OpenFile(usd)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Order")
	n := len(rows) + 1
	f.SetCellValue("Order", fmt.Sprintf("A%d", n), "logo")
	f.SetCellValue("Order", fmt.Sprintf("B%d", n), path)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngImage(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := 0; x < 40; x++ {
		for y := 0; y < 20; y++ {
			img.Set(x, y, color.RGBA{200, 30, 30, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

// TestImagesComeOnlyFromTheUpload: a logo the workbook names is drawn when
// it came in the same .zip, and is an error at its cell otherwise: the
// server never reads an image path of its own disk.
func TestImagesComeOnlyFromTheUpload(t *testing.T) {
	h := newTestServer(t, 0).Handler()
	hostPNG := filepath.Join(t.TempDir(), "logo.png")
	os.WriteFile(hostPNG, pngImage(t), 0o644)
	tests := []struct {
		name string
		file part
		code int
		want string
	}{
		{"a bundle with its logo", part{"file", "order.zip", zipOf(t, map[string][]byte{
			"order/order.xlsx": withLogo(t, "img/logo.png"), "order/img/logo.png": pngImage(t)})}, 200, ""},
		{"a workbook alone naming a logo", part{"file", "order.xlsx", withLogo(t, "img/logo.png")}, 422, `"where":"order.xlsx!Order!B45"`}, // the row after the example's 44
		{"a workbook naming a file of the server", part{"file", "order.xlsx", withLogo(t, hostPNG)}, 422, "is not in the upload"},
		{"a bundle naming a path outside it", part{"file", "order.zip", zipOf(t, map[string][]byte{
			"order.xlsx": withLogo(t, "../../../../"+hostPNG), "logo.png": pngImage(t)})}, 422, "is not in the upload"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := post(t, h, "/api/generate", nil, tt.file)
			if rec.Code != tt.code || !strings.Contains(rec.Body.String(), tt.want) {
				t.Fatalf("%d %.400s, want %d with %q", rec.Code, rec.Body, tt.code, tt.want)
			}
			if tt.code != 200 {
				return
			}
			files := unzip(t, rec.Body.Bytes())
			plain := unzip(t, post(t, h, "/api/generate", nil, fileOf(t, usd)).Body.Bytes())
			if bytes.Equal(files["HL-2024-0318-PI.pdf"], plain["HL-2024-0318-PI.pdf"]) || !bytes.Contains(files["HL-2024-0318-PI.pdf"], []byte("/Subtype /Image")) {
				t.Error("the PI with a logo has no image")
			}
		})
	}
	matches, _ := filepath.Glob(filepath.Join(os.TempDir(), "tradedocs-serve-*"))
	if len(matches) > 0 {
		t.Errorf("private folders left behind: %v", matches)
	}
}

// TestPageRunKeepsTheDocuments: the page's drop answers the report, the
// files to preview and the memo's payments; the kept files are those of
// /api/generate.
func TestPageRunKeepsTheDocuments(t *testing.T) {
	h := newTestServer(t, 0).Handler()
	rec := post(t, h, "/ui/run", nil, fileOf(t, usd), fileOf(t, "../testdata/broken/qty-not-a-number.xlsx"))
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	var run struct {
		Token  string
		Report report.Report
		Orders []pageOrder
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &run); err != nil {
		t.Fatal(err)
	}
	if len(run.Report.Orders) != 2 || len(run.Orders) != 1 || run.Orders[0].Index != 0 || len(run.Token) != 32 {
		t.Fatalf("%+v", run)
	}
	po := run.Orders[0]
	if len(po.Payments) != 2 || !strings.Contains(po.Payments[0].Title, "30PCT DEPOSIT") || po.WordsZH == "" {
		t.Errorf("%+v", po)
	}
	zipped := unzip(t, post(t, h, "/api/generate", nil, fileOf(t, usd)).Body.Bytes())
	for _, f := range po.Files {
		rec := get(h, f.URL)
		if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), zipped[f.File]) {
			t.Errorf("%s: %d, differs from /api/generate's", f.URL, rec.Code)
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "inline") {
			t.Errorf("%s: %s", f.URL, rec.Header().Get("Content-Disposition"))
		}
		if d := get(h, f.URL+"?download=1").Header().Get("Content-Disposition"); !strings.HasPrefix(d, "attachment") {
			t.Errorf("download: %s", d)
		}
	}
	for _, path := range []string{"/ui/zip/" + run.Token, po.Zip} {
		got := unzip(t, get(h, path).Body.Bytes())
		for name, data := range zipped {
			if !bytes.Equal(got[name], data) {
				t.Errorf("%s: %s differs", path, name)
			}
		}
	}
	if rec := get(h, "/ui/file/"+run.Token+"/..%2f..%2fgo.mod"); rec.Code != 404 {
		t.Errorf("a name outside the drop: %d", rec.Code)
	}
}

func TestParseMemoMatchesRemittance(t *testing.T) {
	memos, _ := memo.New(templates.Bundled)
	orders, _ := batch.LoadUploads([]batch.Upload{{Name: "a.xlsx", Data: fileOf(t, usd).data}}, batch.LoadOptions{})
	o := orders[0].Order
	var buf bytes.Buffer
	if ps := memos.Write(&buf, o); ps.HasErrors() {
		t.Fatal(ps)
	}
	pays := parseMemo(buf.String())
	stages := o.Totals().Stages()
	if len(pays) != len(stages) {
		t.Fatalf("%d payments, %d stages", len(pays), len(stages))
	}
	for i, s := range stages {
		lines, _ := memos.Remittance(o, s)
		if strings.Join(pays[i].Remittance, "\n") != strings.Join(lines, "\n") {
			t.Errorf("payment %d: %q, want %q", i, pays[i].Remittance, lines)
		}
		if !strings.HasPrefix(pays[i].Beneficiary[0], "Amount:") || !strings.Contains(strings.Join(pays[i].Beneficiary, "\n"), "SWIFT/BIC") {
			t.Errorf("beneficiary %q", pays[i].Beneficiary)
		}
	}
}

func TestStoreForgetsOldAndLargeDrops(t *testing.T) {
	s := newStore()
	now := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	first, _ := s.put([]batch.Issued{{Data: []byte("pdf")}})
	now = now.Add(keepFor + time.Minute)
	if _, ok := s.get(first); ok {
		t.Error("a drop older than keepFor is still kept")
	}
	var tokens []string
	for i := 0; i < keepRuns+5; i++ {
		now = now.Add(time.Second)
		tok, _ := s.put([]batch.Issued{{Data: []byte{byte(i)}}})
		tokens = append(tokens, tok)
	}
	if _, ok := s.get(tokens[0]); ok || len(s.runs) != keepRuns {
		t.Errorf("%d runs kept", len(s.runs))
	}
	if _, ok := s.get(tokens[len(tokens)-1]); !ok {
		t.Error("the newest drop was forgotten")
	}
	now = now.Add(time.Second)
	huge, _ := s.put([]batch.Issued{{Data: make([]byte, keepBytes)}})
	if _, ok := s.get(huge); !ok || len(s.runs) != 1 {
		t.Errorf("size bound: %d runs kept", len(s.runs))
	}
}

// TestConcurrentUploads: 20 uploads of the examples at once all succeed,
// through a real listener.
func TestConcurrentUploads(t *testing.T) {
	ts := httptest.NewServer(newTestServer(t, 0).Handler())
	defer ts.Close()
	examples, _ := filepath.Glob("../examples/*.*")
	var inputs []part
	for _, e := range examples {
		if ext := filepath.Ext(e); ext == ".xlsx" || ext == ".csv" {
			inputs = append(inputs, fileOf(t, e))
		}
	}
	// The peak of the heap while the uploads run, sampled.
	runtime.GC()
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse+ms.StackInuse)
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(p part) {
			defer wg.Done()
			ct, body := form(t, p)
			res, err := http.Post(ts.URL+"/api/generate", ct, bytes.NewReader(body))
			if err != nil {
				errs <- err
				return
			}
			defer res.Body.Close()
			data, _ := io.ReadAll(res.Body)
			if res.StatusCode != 200 || res.Header.Get("X-Tradedocs-Status") == "errors" {
				errs <- fmt.Errorf("%s: %d %.200s", p.name, res.StatusCode, data)
				return
			}
			if files := unzip(t, data); files["manifest.csv"] == nil || len(files) < 4 {
				errs <- fmt.Errorf("%s: zip holds %v", p.name, keys(files))
			}
		}(inputs[i%len(inputs)])
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	close(stop)
	<-sampled
	t.Logf("peak heap and stacks during 20 concurrent uploads: %d MB", peak>>20)
	if peak > 500<<20 {
		t.Errorf("memory %d MB over 500 MB", peak>>20)
	}
}

// BenchmarkGenerateOneOrder is POST /api/generate of a one-order workbook,
// from the form to the zip (target: under 300 ms).
func BenchmarkGenerateOneOrder(b *testing.B) {
	h := newTestServer(b, 0).Handler()
	ct, body := form(b, fileOf(b, usd))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/generate", bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
}

// TestPageFontCoversThePageChinese: the face the page falls back to draws
// every Chinese character of the page's own text and of 大写 amounts.
func TestPageFontCoversThePageChinese(t *testing.T) {
	s := newTestServer(t, 0)
	s.opt.Font = fonts.Regular()
	s, _ = New(s.opt)
	rec := get(s.Handler(), "/static/ui-font.ttf")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "font/ttf" {
		t.Fatalf("%d %v", rec.Code, rec.Header())
	}
	if n := rec.Body.Len(); n > 200<<10 {
		t.Errorf("page font is %d KB: cut it to the page's characters", n>>10)
	}
	face, err := fonts.Parse("page", rec.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	js := get(s.Handler(), "/static/app.js").Body.String()
	for _, text := range []string{js, "美元壹仟贰佰叁拾肆元伍角", "人民币玖亿捌仟柒佰陆拾伍万肆仟叁佰贰拾壹元整"} {
		for _, r := range text {
			if r >= 0x2E80 && r <= 0x9FFF && !face.Covers(r) {
				t.Errorf("page font lacks %q", r)
			}
		}
	}
}

// TestHTTPServerHasTimeouts: a client that sends its headers or body
// slowly, or never reads the answer, cannot hold a connection for ever.
func TestHTTPServerHasTimeouts(t *testing.T) {
	hs := newTestServer(t, 0).NewHTTPServer("127.0.0.1:0")
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 || hs.MaxHeaderBytes <= 0 {
		t.Errorf("timeouts %v %v %v %v, header limit %d", hs.ReadHeaderTimeout, hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout, hs.MaxHeaderBytes)
	}
	if hs.ReadHeaderTimeout > 30*time.Second || hs.WriteTimeout < hs.ReadTimeout {
		t.Errorf("header timeout %v; write %v shorter than read %v", hs.ReadHeaderTimeout, hs.WriteTimeout, hs.ReadTimeout)
	}
}
