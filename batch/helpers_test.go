package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/internal/testorders"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/templates"
)

// testOptions issues PI, CI and memo with the bundled fonts and wording
// into out.
func testOptions(t *testing.T, out string) Options {
	t.Helper()
	m, err := memo.New(templates.Bundled)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pdf.New(pdf.Options{Regular: fonts.Regular(), Bold: fonts.Bold(), Templates: templates.Bundled})
	if err != nil {
		t.Fatal(err)
	}
	return Options{OutDir: out, Docs: []pdf.Document{pdf.Proforma, pdf.Commercial}, Memos: true, Renderer: r, Memo: m, Workers: 2}
}

// csvOrders writes a CSV file of one-line orders with the given order
// numbers (and, after "|", another quantity than 1,250) and loads it.
func csvOrders(t *testing.T, orderNos ...string) []*Order {
	t.Helper()
	var nos, qtys []string
	for _, n := range orderNos {
		no, q, _ := strings.Cut(n, "|")
		nos, qtys = append(nos, no), append(qtys, q)
	}
	b, err := testorders.CSV(filepath.Join("..", "examples", "orders.csv"), nos...)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	for i, q := range qtys {
		if q != "" {
			lines[i+1] = strings.Replace(lines[i+1], `,"1,250",`, ","+q+",", 1)
		}
	}
	path := filepath.Join(t.TempDir(), "orders.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	orders, ps := Load([]string{path}, LoadOptions{Covers: fonts.Regular().Covers})
	if ps.HasErrors() || len(orders) != len(orderNos) {
		t.Fatalf("%d orders of %d, %v", len(orders), len(orderNos), ps)
	}
	return orders
}

// listing is the documents in a folder (our hidden files left out) with
// their SHA-256.
func listing(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || e.Name() == ManifestName {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		m[e.Name()] = hex.EncodeToString(sum[:])
	}
	return m
}

// leftovers lists our temporary files and journals left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ourPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// checkManifest asserts that the manifest lists exactly the documents in
// dir, each once, with its true SHA-256, sorted by file name.
func checkManifest(t *testing.T, dir string) []ManifestRow {
	t.Helper()
	rows, err := readManifest(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	files := listing(t, dir)
	seen := map[string]bool{}
	for i, r := range rows {
		if seen[r.File] {
			t.Errorf("manifest lists %s twice", r.File)
		}
		seen[r.File] = true
		if i > 0 && rows[i-1].File > r.File {
			t.Errorf("manifest not sorted at %s", r.File)
		}
		if files[r.File] != r.SHA256 {
			t.Errorf("manifest: %s has SHA-256 %.12s…, the file %.12s…", r.File, r.SHA256, files[r.File])
		}
	}
	for f := range files {
		if !seen[f] {
			t.Errorf("%s is in the folder but not in the manifest", f)
		}
	}
	return rows
}

// orderState says, per order number, how many of its n files are there.
func orderState(t *testing.T, dir string, orders []*Order, n int) map[string]int {
	t.Helper()
	files := listing(t, dir)
	got := map[string]int{}
	for _, o := range orders {
		base := SafeName(o.OrderNo)
		for _, d := range []string{"PI", "CI", MemoDoc}[:n] {
			if _, ok := files[FileName(base, d)]; ok {
				got[o.OrderNo]++
			}
		}
	}
	return got
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
