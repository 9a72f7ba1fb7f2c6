package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tradedocs/tradedocs/report"
)

// testWebServer is the handler `tradedocs serve` runs, built from the same
// environment as the command line's run.
func testWebServer(t *testing.T, vars map[string]string) http.Handler {
	t.Helper()
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return vars[k] }}
	s, err := newWebServer(e, "a4", "", 20<<20)
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler()
}

func uploadForm(t *testing.T, fields map[string]string, paths ...string) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := mw.CreateFormFile("file", filepath.Base(p))
		w.Write(data)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

func postForm(t *testing.T, h http.Handler, path string, fields map[string]string, files ...string) *httptest.ResponseRecorder {
	t.Helper()
	ct, body := uploadForm(t, fields, files...)
	req := httptest.NewRequest("POST", path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue // the folder's lock, not a document
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func readZip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v (%.200s)", err, data)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = b
	}
	return out
}

func joinedNames(m map[string][]byte) string {
	var ns []string
	for n := range m {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return strings.Join(ns, " ")
}

// TestServeGivesTheBytesOfGenerate: for every example, the zip of POST
// /api/generate holds exactly the files `tradedocs generate` writes into a
// fresh folder, byte for byte (manifest included), and the page's preview
// and download URLs serve the same PDFs.
func TestServeGivesTheBytesOfGenerate(t *testing.T) {
	examples, _ := filepath.Glob("../../examples/*.*")
	vars := map[string]string{"SOURCE_DATE_EPOCH": "1710720000"}
	h := testWebServer(t, vars)
	for _, ex := range examples {
		if ext := filepath.Ext(ex); ext != ".xlsx" && ext != ".csv" {
			continue
		}
		for _, docs := range []string{"", "pi,ci", "pi"} {
			t.Run(filepath.Base(ex)+" "+docs, func(t *testing.T) {
				out := t.TempDir()
				if code, _, stderr := runCmd(t, vars, "generate", "-q", "--docs", docs, "-o", out, ex); code != exitOK {
					t.Fatalf("generate: %d %s", code, stderr)
				}
				want := readDir(t, out)
				rec := postForm(t, h, "/api/generate", map[string]string{"docs": docs}, ex)
				if rec.Code != 200 {
					t.Fatalf("%d %s", rec.Code, rec.Body)
				}
				got := readZip(t, rec.Body.Bytes())
				if joinedNames(got) != joinedNames(want) {
					t.Fatalf("zip holds %s; generate wrote %s", joinedNames(got), joinedNames(want))
				}
				for name, data := range want {
					if !bytes.Equal(got[name], data) {
						t.Errorf("%s differs from generate's (%d vs %d bytes)", name, len(got[name]), len(data))
					}
				}
				if docs != "" {
					return // the page issues each order's own documents
				}
				// The page's preview serves the same bytes.
				rec = postForm(t, h, "/ui/run", nil, ex)
				var run struct {
					Orders []struct {
						Files []struct{ File, URL string }
					}
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &run); err != nil || len(run.Orders) == 0 {
					t.Fatalf("ui/run: %v %.300s", err, rec.Body)
				}
				n := 0
				for _, o := range run.Orders {
					for _, f := range o.Files {
						r := httptest.NewRecorder()
						h.ServeHTTP(r, httptest.NewRequest("GET", f.URL, nil))
						if !bytes.Equal(r.Body.Bytes(), want[f.File]) {
							t.Errorf("preview %s differs from generate's", f.File)
						}
						n++
					}
				}
				if n != len(want)-1 {
					t.Errorf("page shows %d files, generate wrote %d and a manifest", n, len(want)-1)
				}
			})
		}
	}
}

// TestCheckJSONIsTheAPIReport: `check --json` prints the report that POST
// /api/check answers for the same files.
func TestCheckJSONIsTheAPIReport(t *testing.T) {
	dir := "../../testdata/broken"
	files := []string{"qty-not-a-number.xlsx", "gbk-bad-quantity.csv", "not-a-spreadsheet.xlsx", "currency-rmb.xlsx"}
	t.Chdir(dir)
	code, stdout, stderr := runCmd(t, nil, append([]string{"check", "--json"}, files...)...)
	if code != exitFail {
		t.Errorf("exit %d with errors in the files (%s)", code, stderr)
	}
	var cli report.Report
	if err := json.Unmarshal([]byte(stdout), &cli); err != nil {
		t.Fatalf("check --json is not JSON: %v\n%s", err, stdout)
	}
	h := testWebServer(t, nil)
	rec := postForm(t, h, "/api/check", nil, files...)
	var api report.Report
	if err := json.Unmarshal(rec.Body.Bytes(), &api); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(cli)
	b, _ := json.Marshal(api)
	if !bytes.Equal(a, b) {
		t.Errorf("check --json:\n%s\nPOST /api/check:\n%s", a, b)
	}
	if cli.Status != report.Errors || cli.Errors < 3 || cli.Warnings < 1 || len(cli.Problems) != 1 || cli.Problems[0].File != "not-a-spreadsheet.xlsx" {
		t.Errorf("%+v", cli)
	}
	var f3 bool
	for _, o := range cli.Orders {
		for _, p := range o.Problems {
			f3 = f3 || p.Where == "qty-not-a-number.xlsx!Items!F3" && p.Sheet == "Items" && p.Cell == "F3"
		}
	}
	if !f3 {
		t.Error("no problem at qty-not-a-number.xlsx!Items!F3")
	}
}

// TestGenerateJSONListsTheFilesWritten: generate --json names each file
// written with the SHA-256 of its bytes, and the amounts as decimals.
func TestGenerateJSONListsTheFilesWritten(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCmd(t, nil, "generate", "--json", "-o", out, "../../examples/usd-fob-30-70.xlsx", "../../testdata/broken/qty-not-a-number.xlsx")
	if code != exitFail {
		t.Errorf("exit %d with a broken order (%s)", code, stderr)
	}
	var r report.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if r.Output != out || len(r.Orders) != 2 || r.Status != report.Errors {
		t.Fatalf("%+v", r)
	}
	good, bad := r.Orders[0], r.Orders[1]
	if good.Issued == nil || !*good.Issued || good.Total != "17744.73" || len(good.Documents) != 4 {
		t.Errorf("issued order: %+v", good)
	}
	if bad.Issued == nil || *bad.Issued || len(bad.Documents) != 0 || bad.Status != report.Errors {
		t.Errorf("broken order: %+v", bad)
	}
	for _, d := range good.Documents {
		data, err := os.ReadFile(filepath.Join(out, d.File))
		if err != nil {
			t.Fatal(err)
		}
		if sha := fmt.Sprintf("%x", sha256.Sum256(data)); sha != d.SHA256 {
			t.Errorf("%s: sha256 %s, report says %s", d.File, sha, d.SHA256)
		}
	}
}

// TestGenerateJSONReportsWhatCheckReports: generate --json, which keeps
// of each order only its number, problems and amounts while it issues a
// folder of order files, reports the same orders, statuses, currencies
// and amounts as check --json, which loads every order whole, and lists
// the documents in the same order.
func TestGenerateJSONReportsWhatCheckReports(t *testing.T) {
	read := func(args ...string) report.Report {
		t.Helper()
		_, stdout, stderr := runCmd(t, nil, args...)
		var r report.Report
		if err := json.Unmarshal([]byte(stdout), &r); err != nil {
			t.Fatalf("%v: not JSON: %v\n%s%s", args, err, stdout, stderr)
		}
		return r
	}
	checked := read("check", "--json", "../../examples/", "../../testdata/broken/qty-not-a-number.xlsx")
	issued := read("generate", "--json", "-o", t.TempDir(), "../../examples/", "../../testdata/broken/qty-not-a-number.xlsx")
	if len(checked.Orders) < 5 || len(issued.Orders) != len(checked.Orders) {
		t.Fatalf("check reports %d orders, generate %d", len(checked.Orders), len(issued.Orders))
	}
	for i, c := range checked.Orders {
		g := issued.Orders[i]
		if g.OrderNo != c.OrderNo || g.Status != c.Status || g.Currency != c.Currency || g.Total != c.Total ||
			g.Deposit != c.Deposit || g.Balance != c.Balance || g.DepositPercent != c.DepositPercent || len(g.Documents) != len(c.Documents) {
			t.Errorf("order %d:\ncheck    %+v\ngenerate %+v", i, c, g)
			continue
		}
		for k, d := range c.Documents {
			if g.Documents[k].Kind != d.Kind || g.Documents[k].File != d.File {
				t.Errorf("order %s: document %d is %s in check's report, %s in generate's", c.OrderNo, k, d.File, g.Documents[k].File)
			}
		}
	}
}

// TestServeStartsOnLoopbackAndStopsOnSIGTERM runs the built command: it
// says where it listens and that only this computer can reach it, answers,
// and on SIGTERM finishes and exits 0.
func TestServeStartsOnLoopbackAndStopsOnSIGTERM(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "tradedocs")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stderr)
	var url string
	var said []string
	for len(said) < 3 && sc.Scan() {
		line := sc.Text()
		said = append(said, line)
		if rest, ok := strings.CutPrefix(line, "tradedocs serve: "); ok {
			url = rest
		}
	}
	if url == "" || !strings.Contains(strings.Join(said, "\n"), "loopback") {
		t.Fatalf("start message: %q", said)
	}
	res, err := http.Get(url + "healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", res, err)
	}
	res.Body.Close()
	cmd.Process.Signal(syscall.SIGTERM)
	go io.Copy(io.Discard, stderr)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("still running 10 s after SIGTERM")
	}
}

// TestGenerateJSONWhenNothingIsWritten: a refusal before any work (a file
// already there) still prints the report, with no order issued.
func TestGenerateJSONWhenNothingIsWritten(t *testing.T) {
	out := t.TempDir()
	ex := "../../examples/usd-fob-30-70.xlsx"
	if code, _, stderr := runCmd(t, nil, "generate", "-q", "-o", out, ex); code != exitOK {
		t.Fatalf("first run: %d %s", code, stderr)
	}
	code, stdout, _ := runCmd(t, nil, "generate", "--json", "-o", out, ex)
	var r report.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("exit %d, not JSON: %v\n%s", code, err, stdout)
	}
	if code != exitFail || r.Status != report.Errors || len(r.Orders) != 1 || *r.Orders[0].Issued || len(r.Problems) == 0 || !strings.Contains(r.Problems[0].Message, "already exists") {
		t.Errorf("exit %d, %+v", code, r)
	}
}
