package batch

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/internal/testorders"
	"github.com/tradedocs/tradedocs/invoice"
)

// Committing one order (two 45 KB PDFs and a memo: staged, synced
// together, journalled, linked, appended to the manifest): the cost the
// disk adds to each order of a batch.
func BenchmarkCommitOrder(b *testing.B) {
	fo, err := openFolder(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer fo.close()
	pdfData := bytes.Repeat([]byte("%PDF-1.3 stream "), 45000/16)
	n := 0
	for b.Loop() {
		n++
		base := fmt.Sprintf("B-%d", n)
		files := []orderFile{
			{row: ManifestRow{base, "PI", FileName(base, "PI"), "x", "1.00", "USD"}, data: pdfData},
			{row: ManifestRow{base, "CI", FileName(base, "CI"), "x", "1.00", "USD"}, data: pdfData},
			{row: ManifestRow{base, MemoDoc, FileName(base, MemoDoc), "x", "1.00", "USD"}, data: pdfData[:1000]},
		}
		if err := fo.commit(files, false); err != nil {
			b.Fatal(err)
		}
	}
}

// What a batch loaded light keeps of each order until it is issued: its
// number, the cell of its number, its problems and its documents. The
// figure that counts is B/order, the heap a month-end folder of 2,000
// orders (20 files of 100) keeps beyond one of 200 (2 files), after
// garbage collection; it is what the memory of generate grows by per
// order of a batch (about 1.4 KB of it is the empty invoice.Order that
// keeps the number).
func BenchmarkLightOrderRetained(b *testing.B) {
	folder := func(files int) string {
		dir := b.TempDir()
		for f := range files {
			nos := make([]string, 100)
			for i := range nos {
				nos[i] = fmt.Sprintf("PO-%03d-%03d", f, i)
			}
			data, err := testorders.CSV(filepath.Join("..", "examples", "orders.csv"), nos...)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("orders-%03d.csv", f)), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		return dir
	}
	small, large := folder(2), folder(20)
	opt := LoadOptions{Covers: fonts.Regular().Covers, CharSeverity: invoice.Error, Light: true}
	// kept is the heap in use while the orders of dir are held.
	kept := func(dir string) (uint64, int) {
		orders, ps := Load([]string{dir}, opt)
		if len(ps) != 0 || len(orders) == 0 || orders[0].light == nil {
			b.Fatalf("%d orders, %v", len(orders), ps)
		}
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		runtime.KeepAlive(orders)
		return m.HeapAlloc, len(orders)
	}
	kept(small) // once, so that what the first load sets up is not counted
	var perOrder float64
	for b.Loop() {
		s, ns := kept(small)
		l, nl := kept(large)
		perOrder = (float64(l) - float64(s)) / float64(nl-ns)
	}
	b.ReportMetric(perOrder, "B/order")
}
