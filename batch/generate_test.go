package batch

import (
	"context"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
)

// A month-end batch with bad orders among good ones: every bad order is
// an error of its own, at its cell, and every good one is issued.
func TestGenerateMixedGoodAndBadOrders(t *testing.T) {
	orders := csvOrders(t,
		"PO-1",             // good
		"PO-2|12pcs",       // quantity not a number
		"A/B",              // good, written A_B-…
		"A_B",              // same file names as A/B
		"..",               // nothing left to name a file
		"NUL.7",            // a Windows device name
		"po-1",             // PO-1's names on a case-insensitive disk
		"PO 2024/7 Spring", // a slash and spaces: fine
	)
	out := filepath.Join(t.TempDir(), "out")
	res, err := Generate(context.Background(), orders, testOptions(t, out))
	if err != nil {
		t.Fatal(err)
	}
	if res.Orders != 3 || res.PDFs != 6 || res.Memos != 3 || res.Failed != 5 || res.Internal != 0 {
		t.Errorf("result %+v, want 3 orders issued, 5 failed", res)
	}
	wantErr := map[string]error{"PO-2": invoice.ErrNotANumber, "A_B": ErrFileName, "..": ErrFileName, "NUL.7": ErrFileName, "po-1": ErrFileName}
	for _, o := range orders {
		var mine invoice.Problems
		for _, p := range res.Problems {
			if p.Severity == invoice.Error && p.Where.File == o.Source.File && p.Where.Line == o.At("order_no").Line {
				mine = append(mine, p)
			}
		}
		want := wantErr[o.OrderNo]
		switch {
		case want == nil && len(mine) > 0:
			t.Errorf("good order %q has errors: %v", o.OrderNo, mine)
		case want != nil && !errors.Is(mine, want):
			t.Errorf("order %q: errors %v, want %v at its line", o.OrderNo, mine, want)
		}
	}
	for _, p := range res.Problems {
		if errors.Is(p, ErrFileName) && !strings.Contains(p.Message, "order_no") {
			t.Errorf("file name problem does not name the field: %v", p)
		}
	}
	files := listing(t, out)
	want := []string{"A_B-CI.pdf", "A_B-PI.pdf", "A_B-memo.txt", "PO 2024_7 Spring-CI.pdf", "PO 2024_7 Spring-PI.pdf",
		"PO 2024_7 Spring-memo.txt", "PO-1-CI.pdf", "PO-1-PI.pdf", "PO-1-memo.txt"}
	if got := sortedKeys(files); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("files %q, want %q", got, want)
	}
	rows := checkManifest(t, out)
	for _, r := range rows {
		if r.File == "A_B-PI.pdf" && r.OrderNo != "A/B" {
			t.Errorf("A_B-PI.pdf recorded for order %q, want A/B (the first of the two)", r.OrderNo)
		}
	}
	if l := leftovers(t, out); len(l) != 0 {
		t.Errorf("left behind: %v", l)
	}
}

// check and generate apply one naming rule: NameProblems gives each order
// its own problem, the later of two colliding orders keeps the error.
func TestNameProblems(t *testing.T) {
	orders := csvOrders(t, "A/B", "A_B", "..", "///", "CON", "con.1", "Com3.x", "café", "CAFÉ", "PO-9")
	got := NameProblems(orders)
	want := []string{"", "as is order \"A/B\"", "nothing to name", "nothing to name", "", "device name", "device name", "", "as is order \"café\"", ""}
	for i, o := range orders {
		msg := got[i].Error()
		if want[i] == "" && len(got[i]) > 0 || want[i] != "" && !strings.Contains(msg, want[i]) {
			t.Errorf("order %q: %q, want %q", o.OrderNo, msg, want[i])
		}
		if len(got[i]) > 0 && got[i][0].Where != o.At("order_no") {
			t.Errorf("order %q: problem at %v, want its order_no cell %v", o.OrderNo, got[i][0].Where, o.At("order_no"))
		}
	}
}

// A long Chinese order number fits every file name in 255 bytes: the cap
// counts bytes, not characters (100 Chinese characters are 300 bytes).
func TestSafeNameFitsNameMaxWithEverySuffix(t *testing.T) {
	for _, s := range []string{strings.Repeat("订", 300), strings.Repeat("a", 300), strings.Repeat("é", 200), "PO-" + strings.Repeat("😀", 90)} {
		base := SafeName(s)
		if base == "" {
			t.Fatalf("SafeName(%.20q…) is empty", s)
		}
		if !strings.HasPrefix(s, base) && !strings.HasPrefix(s, base[:3]) {
			t.Errorf("SafeName(%.20q…) = %.20q…: not a prefix", s, base)
		}
		for _, d := range []string{"PI", "CI", "PL", MemoDoc} {
			if n := len(FileName(base, d)); n > nameMax {
				t.Errorf("%s file of %.20q… is %d bytes", d, s, n)
			}
		}
		// The room kept for suffixes holds any of ours.
		if len("-"+MemoDoc+".txt") > maxSuffix || len("-PACKING-LIST.pdf") > maxSuffix {
			t.Error("maxSuffix too small")
		}
	}
	dir := t.TempDir()
	long := SafeName(strings.Repeat("订", 300))
	for _, d := range []string{"PI", MemoDoc} {
		if err := WriteFile(filepath.Join(dir, FileName(long, d)), []byte("x"), false); err != nil {
			t.Errorf("the file system refuses the capped name: %v", err)
		}
	}
}

// --fail-fast: an order that fails while being written stops the batch;
// what was issued before is whole and in the manifest.
func TestGenerateFailFastCancels(t *testing.T) {
	var nos []string
	for i := 0; i < 40; i++ {
		nos = append(nos, "FF-"+string(rune('A'+i%26))+string(rune('a'+i/26)))
	}
	orders := csvOrders(t, nos...)
	out := t.TempDir()
	opt := testOptions(t, out)
	opt.FailFast, opt.Workers = true, 1
	victim := filepath.Join(out, FileName("FF-Ca", "CI"))
	beforePlace = func(path string) {
		if path == victim {
			os.WriteFile(path, []byte("written by another run"), 0o644)
		}
	}
	defer func() { beforePlace = func(string) {} }()
	res, err := Generate(context.Background(), orders, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != 1 || res.Orders < 2 || res.Orders > 6 {
		t.Errorf("issued %d, failed %d; want the batch stopped soon after the third order", res.Orders, res.Failed)
	}
	if !errors.Is(res.Problems, ErrExists) {
		t.Errorf("problems %v, want the existing file", res.Problems)
	}
	os.Remove(victim)
	for no, n := range orderState(t, out, orders, 3) {
		if n != 3 {
			t.Errorf("order %s has %d of its 3 files", no, n)
		}
	}
	checkManifest(t, out)
}

// A file that cannot be written stops its order only: the order's files
// already placed are removed, the file in the way is left as it is, and
// the other orders are issued.
func TestGenerateWriterErrorLeavesNoHalfOrder(t *testing.T) {
	orders := csvOrders(t, "WR1", "WR2", "WR3")
	out := t.TempDir()
	opt := testOptions(t, out)
	memoOfW2 := filepath.Join(out, FileName("WR2", MemoDoc))
	beforePlace = func(path string) {
		if path == memoOfW2 {
			// Another run (or a person) writes the file a moment
			// before ours: the last of WR2's three files.
			os.WriteFile(path, []byte("not ours"), 0o644)
		}
	}
	defer func() { beforePlace = func(string) {} }()
	res, err := Generate(context.Background(), orders, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Orders != 2 || res.Failed != 1 || !errors.Is(res.Problems, ErrExists) {
		t.Errorf("result %+v; want WR2 failed on the existing memo", res)
	}
	if !strings.Contains(res.Problems.Error(), "WR2-memo.txt") || !strings.Contains(res.Problems.Error(), "none of its files written") {
		t.Errorf("problem does not name the file: %v", res.Problems)
	}
	if b, _ := os.ReadFile(memoOfW2); string(b) != "not ours" {
		t.Errorf("the file in the way was changed: %q", b)
	}
	os.Remove(memoOfW2)
	state := orderState(t, out, orders, 3)
	if state["WR1"] != 3 || state["WR2"] != 0 || state["WR3"] != 3 {
		t.Errorf("files per order %v, want WR1 and WR3 whole, WR2 none", state)
	}
	checkManifest(t, out)
	if l := leftovers(t, out); len(l) != 0 {
		t.Errorf("left behind: %v", l)
	}
}

// A renderer that panics is an internal error of that order, not a crash
// of the batch and not the user's mistake.
func TestGenerateReportsAPanicAsInternal(t *testing.T) {
	orders := csvOrders(t, "P-1", "P-2")
	out := t.TempDir()
	opt := testOptions(t, out)
	opt.Renderer = nil // RenderSet on a nil renderer panics
	res, err := Generate(context.Background(), orders, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Internal != 2 || res.Failed != 2 || !errors.Is(res.Problems, ErrInternal) ||
		!strings.Contains(res.Problems.Error(), "a bug of tradedocs") {
		t.Errorf("result %+v", res)
	}
	if files := listing(t, out); len(files) != 0 {
		t.Errorf("files written: %v", files)
	}
}

// A manifest tradedocs cannot extend (a column added by hand) is found
// before any document is written, and the error names it and the line.
func TestGenerateRefusesAnUnreadableManifest(t *testing.T) {
	tests := []struct{ name, manifest, want string }{
		{"a column added by hand", "order_no,document,file,sha256,total,currency,paid\nPO-0,PI,PO-0-PI.pdf,aa,1.00,USD,yes\n", "manifest.csv:1: header"},
		{"a row with a field more", "order_no,document,file,sha256,total,currency\nPO-0,PI,PO-0-PI.pdf,aa,1.00,USD,yes\n", "manifest.csv:2: row has 7 fields"},
		{"a broken quote", "order_no,document,file,sha256,total,currency\nPO-0,PI,\"PO-0-PI.pdf,aa,1.00,USD\n", "manifest.csv:2"},
		{"a path instead of a file name", "order_no,document,file,sha256,total,currency\nPO-0,PI,../PO-0-PI.pdf,aa,1.00,USD\n", "manifest.csv:2: file"},
	}
	orders := csvOrders(t, "M-1")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			os.WriteFile(filepath.Join(out, ManifestName), []byte(tt.manifest), 0o644)
			res, err := Generate(context.Background(), orders, testOptions(t, out))
			var me *ManifestError
			if !errors.As(err, &me) || !strings.Contains(err.Error(), tt.want) || res.Orders != 0 {
				t.Fatalf("err %v, %d orders; want a ManifestError %q", err, res.Orders, tt.want)
			}
			if files := listing(t, out); len(files) != 0 {
				t.Errorf("documents written: %v", files)
			}
			if b, _ := os.ReadFile(filepath.Join(out, ManifestName)); string(b) != tt.manifest {
				t.Errorf("manifest changed")
			}
		})
	}
}

// --resume issues the orders not there yet, leaves the issued ones as they
// are, and reports an order with some of its files as a problem naming them.
func TestGenerateResume(t *testing.T) {
	orders := csvOrders(t, "R-1", "R-2", "R-3")
	out := t.TempDir()
	if _, err := Generate(context.Background(), orders[:2], testOptions(t, out)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "R-1-PI.pdf"), []byte("signed copy"), 0o644) // edited: must stay
	os.Remove(filepath.Join(out, "R-2-CI.pdf"))                                  // half an order
	if err := os.Rename(filepath.Join(out, ManifestName), filepath.Join(out, "old-manifest.csv")); err != nil {
		t.Fatal(err) // are no longer listed
	}
	before := listing(t, out)
	opt := testOptions(t, out)
	opt.Resume = true
	opt.Workers = math.MaxInt // bounded to MaxWorkers, not a panic
	res, err := Generate(context.Background(), orders, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Orders != 1 || res.Skipped != 1 || res.Failed != 1 {
		t.Errorf("result %+v; want R-3 issued, R-1 skipped, R-2 failed", res)
	}
	msg := res.Problems.Error()
	if !errors.Is(res.Problems, ErrPartial) || !strings.Contains(msg, "R-2-PI.pdf, R-2-memo.txt there, R-2-CI.pdf missing") {
		t.Errorf("problem %q does not name the files", msg)
	}
	if !errors.Is(res.Problems, ErrUnlisted) || !strings.Contains(msg, "warning: order \"R-1\" is issued in "+out+" but manifest.csv does not list R-1-PI.pdf, R-1-CI.pdf, R-1-memo.txt") {
		t.Errorf("no warning that R-1 is not in the manifest: %q", msg)
	}
	after := listing(t, out)
	for name, sum := range before {
		if after[name] != sum {
			t.Errorf("%s changed", name)
		}
	}
	if orderState(t, out, orders, 3)["R-3"] != 3 {
		t.Error("R-3 not issued")
	}
	opt.Force = true
	if _, err := Generate(context.Background(), orders, opt); err == nil {
		t.Error("resume with force accepted")
	}

	// "R/4" now, where "R_4" was issued: its files are there, but the
	// manifest records them for another order.
	opt.Force = false
	if res, err := Generate(context.Background(), csvOrders(t, "R_4"), opt); err != nil || res.Orders != 1 {
		t.Fatalf("R_4: %+v %v", res, err)
	}
	res, err = Generate(context.Background(), csvOrders(t, "R/4"), opt)
	if err != nil || res.Skipped != 0 || res.Failed != 1 || !errors.Is(res.Problems, ErrFileName) ||
		!strings.Contains(res.Problems.Error(), `which manifest.csv records for order "R_4"`) {
		t.Errorf("R/4 over R_4's files: %+v %v", res, err)
	}
}

// A run killed in the middle of committing an order leaves a journal; the
// next run in the folder completes or undoes that order before anything
// else, and removes the dead run's temporary files and empty journals.
func TestGenerateRecoversADeadRunsCommit(t *testing.T) {
	orders := csvOrders(t, "K-1", "K-2", "K-3", "K-4")
	ref := t.TempDir()
	if _, err := Generate(context.Background(), orders, testOptions(t, ref)); err != nil {
		t.Fatal(err)
	}
	issued := listing(t, ref)
	data := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(ref, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	journal := func(dir, order string, asides map[string]string) {
		var ofs []orderFile
		for _, d := range []string{"PI", "CI", MemoDoc} {
			name := FileName(order, d)
			of := orderFile{row: ManifestRow{order, d, name, issued[name], "1.00", "USD"}}
			if a, ok := asides[name]; ok {
				of.aside = filepath.Join(dir, a)
			}
			ofs = append(ofs, of)
		}
		os.WriteFile(ourName(dir, journalSuffix), encodeJournal(ofs), 0o644)
	}
	out := t.TempDir()
	// K-1: whole and recorded. K-2: killed after placing its PI.
	// K-3: killed after placing all three, before the manifest.
	// K-4: a --force re-issue killed after replacing its PI: the old PI
	// is aside, the old CI and memo still in place.
	for _, name := range []string{"K-1-PI.pdf", "K-1-CI.pdf", "K-1-memo.txt", "K-2-PI.pdf", "K-3-PI.pdf", "K-3-CI.pdf", "K-3-memo.txt", "K-4-PI.pdf"} {
		os.WriteFile(filepath.Join(out, name), data(name), 0o644)
	}
	if err := UpdateManifest(filepath.Join(out, ManifestName), []ManifestRow{{"K-1", "PI", "K-1-PI.pdf", issued["K-1-PI.pdf"], "1.00", "USD"},
		{"K-1", "CI", "K-1-CI.pdf", issued["K-1-CI.pdf"], "1.00", "USD"}, {"K-1", "memo", "K-1-memo.txt", issued["K-1-memo.txt"], "1.00", "USD"}}); err != nil {
		t.Fatal(err)
	}
	journal(out, "K-2", nil)
	journal(out, "K-3", nil)
	journal(out, "K-4", map[string]string{"K-4-PI.pdf": ourPrefix + "aside1" + asideSuffix, "K-4-CI.pdf": ourPrefix + "aside2" + asideSuffix})
	os.WriteFile(filepath.Join(out, ourPrefix+"aside1"+asideSuffix), []byte("old PI"), 0o644)
	os.WriteFile(filepath.Join(out, "K-4-CI.pdf"), []byte("old CI"), 0o644)
	os.WriteFile(filepath.Join(out, "K-4-memo.txt"), []byte("old memo"), 0o644)
	os.WriteFile(filepath.Join(out, ourPrefix+"0123"+tmpSuffix), []byte("half a PDF"), 0o644)
	// A run killed between two commits leaves its journal empty.
	os.WriteFile(ourName(out, journalSuffix), nil, 0o644)
	// A live run's temporary file is locked: it must stay.
	live, err := createOurs(out, tmpSuffix)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()

	opt := testOptions(t, out)
	opt.Resume = true
	res, err := Generate(context.Background(), orders[:3], opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Orders != 1 || res.Skipped != 2 || res.Failed != 0 {
		t.Errorf("result %+v; want K-2 issued again, K-1 and K-3 left as they are", res)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "K-4-PI.pdf")); string(b) != "old PI" {
		t.Errorf("K-4's old PI not put back: %.20q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "K-4-CI.pdf")); string(b) != "old CI" {
		t.Errorf("K-4's old CI changed: %.20q", b)
	}
	if l := leftovers(t, out); len(l) != 1 || filepath.Join(out, l[0]) != live.Name() {
		t.Errorf("left: %v; want only the live run's file", l)
	}
	os.Remove(filepath.Join(out, "K-4-PI.pdf"))
	os.Remove(filepath.Join(out, "K-4-CI.pdf"))
	os.Remove(filepath.Join(out, "K-4-memo.txt"))
	rows := checkManifest(t, out)
	if len(rows) != 9 {
		t.Errorf("manifest has %d rows, want K-1, K-2 and K-3's 9", len(rows))
	}
	for name, sum := range listing(t, out) {
		if issued[name] != sum {
			t.Errorf("%s differs from the same order issued in one go", name)
		}
	}
}

// Runs into one folder at once keep every row: the manifest is merged
// under a lock.
func TestUpdateManifestConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), ManifestName)
	var wg sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				name := string(rune('a'+i)) + string(rune('0'+j)) + "-PI.pdf"
				if err := UpdateManifest(path, []ManifestRow{{"PO", "PI", name, "aa", "1.00", "USD"}}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	f, _ := os.Open(path)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) != 1+60 {
		t.Errorf("%d lines, %v; want header + 60 rows", len(recs), err)
	}
}

// On Linux documents are staged unnamed (O_TMPFILE), so a killed run
// leaves no temporary file at all.
func TestStageUnnamedOnLinux(t *testing.T) {
	dir := t.TempDir()
	s, err := stage(dir, []byte("%PDF-1.3 complete"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.drop()
	if s.tmp != "" {
		// Not a gap in CI: TestGenerateWithTemporaryNames tests that route.
		t.Skipf("!!! O_TMPFILE is not available on %s: documents are staged under temporary names there !!!", dir)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("staging made %d entries", len(entries))
	}
	path := filepath.Join(dir, "PO-1-CI.pdf")
	if err := s.place(path, nil, false); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "%PDF-1.3 complete" {
		t.Errorf("file holds %q", b)
	}
	st, _ := os.Stat(path)
	if perm := st.Mode().Perm(); perm&0o644 != perm || perm&0o600 != 0o600 {
		t.Errorf("mode %v, want 0644 less the umask", perm)
	}
}

// Where files cannot be staged unnamed (outside Linux, some network
// shares) they are staged under temporary names: the same promises hold,
// with --force too, and nothing is left behind.
func TestGenerateWithTemporaryNames(t *testing.T) {
	stageUnnamed = false
	defer func() { stageUnnamed = true }()
	orders := csvOrders(t, "T-1", "T-2", "T-3")
	out := t.TempDir()
	opt := testOptions(t, out)
	if res, err := Generate(context.Background(), orders, opt); err != nil || res.Orders != 3 {
		t.Fatalf("first run: %+v %v", res, err)
	}
	first := listing(t, out)
	if res, err := Generate(context.Background(), orders, opt); err == nil || res.Orders != 0 || !errors.Is(err, ErrExists) {
		t.Errorf("second run without force: %+v %v; want a refusal", res, err)
	}
	// --force over edited files, with T-2's memo (removed by hand) taken
	// by a directory at the last moment: T-2 keeps its old files, the
	// others are replaced.
	for name := range first {
		os.WriteFile(filepath.Join(out, name), []byte("edited "+name), 0o644)
	}
	memoOfT2 := filepath.Join(out, "T-2-memo.txt")
	os.Remove(memoOfT2)
	beforePlace = func(path string) {
		if path == memoOfT2 {
			os.Mkdir(path, 0o755)
			os.WriteFile(filepath.Join(path, "x"), nil, 0o644)
		}
	}
	defer func() { beforePlace = func(string) {} }()
	opt.Force = true
	res, err := Generate(context.Background(), orders, opt)
	if err != nil || res.Orders != 2 || res.Failed != 1 {
		t.Fatalf("--force run: %+v %v", res, err)
	}
	os.RemoveAll(memoOfT2)
	for name, sum := range listing(t, out) {
		b, _ := os.ReadFile(filepath.Join(out, name))
		switch edited := string(b) == "edited "+name; {
		case strings.HasPrefix(name, "T-2-") && !edited:
			t.Errorf("%s of the failed order was replaced", name)
		case !strings.HasPrefix(name, "T-2-") && (edited || sum != first[name]):
			t.Errorf("%s was not re-issued", name)
		}
	}
	if l := leftovers(t, out); len(l) != 0 {
		t.Errorf("left behind: %v", l)
	}
}

// A run that can issue nothing (every order has an error, or the files
// held none) makes no output folder: the user finds no empty folder
// holding only a lock file where they expected documents.
func TestGenerateIssuingNothingMakesNoFolder(t *testing.T) {
	tests := []struct {
		name   string
		orders []string
	}{
		{"every order has an error", []string{"PO-2|12pcs", "PO-3|3 boxes"}},
		{"no order at all (a file that does not exist)", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var orders []*Order
			if tt.orders != nil {
				orders = csvOrders(t, tt.orders...)
			}
			out := filepath.Join(t.TempDir(), "out")
			res, err := Generate(context.Background(), orders, testOptions(t, out))
			if err != nil || res.Orders != 0 || res.Failed != len(tt.orders) {
				t.Fatalf("result %+v, err %v", res, err)
			}
			if _, err := os.Lstat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("output folder %s exists after a run that issued nothing (%v)", out, err)
			}
		})
	}
}

// The summary line counts each thing in the right number: one packing
// list alone is "1 PDF", not "1 PDFs".
func TestResultLineCountsInWords(t *testing.T) {
	tests := []struct {
		name string
		res  Result
		want string
	}{
		{"a packing list alone (--docs pl)", Result{Orders: 1, PDFs: 1, Memos: 1}, "1 order, 1 PDF, 1 memo, 0 errors in 0.0 s"},
		{"a month-end batch", Result{Orders: 1000, PDFs: 2000, Memos: 1000, Failed: 1}, "1000 orders, 2000 PDFs, 1000 memos, 1 error in 0.0 s"},
		{"nothing issued", Result{Failed: 2}, "0 orders, 0 PDFs, 0 memos, 2 errors in 0.0 s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.res.Line(); got != tt.want {
				t.Errorf("Line() = %q, want %q", got, tt.want)
			}
		})
	}
}

// An order is often issued in stages into one folder: its PI (and the
// deposit memo) when the quote is accepted, its CI and packing list at
// shipment. Files the manifest lists for the same order, with the bytes
// the order gives now, are kept and the missing documents added; a file
// that differs (the order was changed since) or that the manifest does
// not list (copied in by hand) stops the order or the run.
func TestGenerateInStages(t *testing.T) {
	pi, ci := []pdf.Document{pdf.Proforma}, []pdf.Document{pdf.Commercial}
	tests := []struct {
		name         string
		first        []pdf.Document
		handMade     bool   // the first stage's memo is copied in, not issued
		newDeposit   string // the deposit percent agreed after the first stage
		secondDocs   []pdf.Document
		resume       bool
		wantIssued   int
		wantFailed   int
		wantRefusal  bool
		wantFiles    []string
		wantProblem  string
		wantManifest int
	}{
		{name: "PI at the quote, CI at shipment", first: pi, secondDocs: ci, wantIssued: 1,
			wantFiles: []string{"S-1-CI.pdf", "S-1-PI.pdf", "S-1-memo.txt"}, wantManifest: 3},
		{name: "PI at the quote, PI and CI at shipment with --resume", first: pi,
			secondDocs: []pdf.Document{pdf.Proforma, pdf.Commercial}, resume: true, wantIssued: 1,
			wantFiles: []string{"S-1-CI.pdf", "S-1-PI.pdf", "S-1-memo.txt"}, wantManifest: 3},
		{name: "deposit raised to 40% after the PI was issued", first: pi, newDeposit: "40", secondDocs: ci, wantFailed: 1,
			wantFiles: []string{"S-1-PI.pdf", "S-1-memo.txt"}, wantProblem: "S-1-memo.txt, issued for it earlier, differs", wantManifest: 2},
		{name: "memo copied in by hand", handMade: true, secondDocs: ci, wantRefusal: true,
			wantFiles: []string{"S-1-memo.txt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			opt := testOptions(t, out)
			if tc.handMade {
				ref := t.TempDir()
				ropt := testOptions(t, ref)
				if _, err := Generate(context.Background(), csvOrders(t, "S-1"), ropt); err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(filepath.Join(ref, "S-1-memo.txt"))
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(filepath.Join(out, "S-1-memo.txt"), b, 0o644)
			} else {
				opt.Docs = tc.first
				if res, err := Generate(context.Background(), csvOrders(t, "S-1"), opt); err != nil || res.Orders != 1 {
					t.Fatalf("first stage: %s %v", res.Line(), err)
				}
			}
			before := listing(t, out)
			opt.Docs, opt.Resume = tc.secondDocs, tc.resume
			orders := csvOrders(t, "S-1")
			if tc.newDeposit != "" {
				orders[0].DepositPercent = invoice.DecimalPtr(decimal.RequireFromString(tc.newDeposit))
			}
			res, err := Generate(context.Background(), orders, opt)
			if tc.wantRefusal {
				if !errors.Is(err, ErrExists) {
					t.Errorf("want the run refused, got %s %v", res.Line(), err)
				}
			} else if err != nil || res.Orders != tc.wantIssued || res.Failed != tc.wantFailed {
				t.Errorf("second stage: %s %v; want %d issued, %d failed", res.Line(), err, tc.wantIssued, tc.wantFailed)
			}
			if tc.wantProblem != "" && !strings.Contains(res.Problems.Error(), tc.wantProblem) {
				t.Errorf("problems %v, want %q", res.Problems, tc.wantProblem)
			}
			after := listing(t, out)
			if got := sortedKeys(after); !slices.Equal(got, tc.wantFiles) {
				t.Errorf("files %v, want %v", got, tc.wantFiles)
			}
			for name, sum := range before {
				if after[name] != sum {
					t.Errorf("%s changed by the second stage", name)
				}
			}
			if tc.wantManifest > 0 {
				if rows := checkManifest(t, out); len(rows) != tc.wantManifest {
					t.Errorf("manifest has %d rows, want %d", len(rows), tc.wantManifest)
				}
			}
		})
	}
}
