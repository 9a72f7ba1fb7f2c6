package batch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
)

// monthEnd is a folder of order files of every layout, with one order
// number in two files (d-usd-again.xlsx repeats c-usd.xlsx).
func monthEnd(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyExample(t, "multi-order.xlsx", filepath.Join(dir, "a-multi.xlsx"))
	copyExample(t, "orders.csv", filepath.Join(dir, "b-orders.csv"))
	copyExample(t, "usd-fob-30-70.xlsx", filepath.Join(dir, "c-usd.xlsx"))
	copyExample(t, "usd-fob-30-70.xlsx", filepath.Join(dir, "d-usd-again.xlsx"))
	copyExample(t, "packing-mixed-carton.xlsx", filepath.Join(dir, "e-packing.xlsx"))
	copyExample(t, "cny-supplier-quote.xlsx", filepath.Join(dir, "f-quote.xlsx"))
	return dir
}

// problemLines is the problems as check prints them, sorted.
func problemLines(ps invoice.Problems) []string {
	var out []string
	for _, p := range ps.Sorted() {
		out = append(out, p.Error())
	}
	return out
}

// A batch loaded light (kept as order numbers, read again file by file
// while issuing) issues the same files, byte for byte, with the same
// manifest and the same problems as a batch loaded whole; the order
// number found twice is issued once. So it does whatever part of the
// last file is kept whole (maxKeptLines).
func TestLightLoadIssuesWhatAWholeLoadIssues(t *testing.T) {
	// multi ends with a workbook of several orders.
	multi := t.TempDir()
	copyExample(t, "usd-fob-30-70.xlsx", filepath.Join(multi, "a-usd.xlsx"))
	copyExample(t, "usd-fob-30-70.xlsx", filepath.Join(multi, "b-usd-again.xlsx"))
	copyExample(t, "packing-mixed-carton.xlsx", filepath.Join(multi, "c-packing.xlsx"))
	copyExample(t, "multi-order.xlsx", filepath.Join(multi, "z-multi.xlsx"))
	tests := []struct {
		name   string
		dir    string
		budget int
	}{
		{"month-end folder, last file kept whole", monthEnd(t), 30_000},
		{"month-end folder, every file read again", monthEnd(t), 0},
		{"last workbook's first order kept whole, the others read again", multi, -1},
		{"last workbook read again order by order", multi, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func(b int) { maxKeptLines = b }(maxKeptLines)
			maxKeptLines = tc.budget
			if tc.budget < 0 { // the lines of the last workbook's first order
				orders, _ := Load([]string{filepath.Join(multi, "z-multi.xlsx")}, LoadOptions{})
				maxKeptLines = len(orders[0].Items)
				if len(orders) < 3 || len(orders[1].Items) == 0 {
					t.Fatalf("z-multi.xlsx: %d orders", len(orders))
				}
			}
			lightVersusWhole(t, tc.dir)
		})
	}
}

func lightVersusWhole(t *testing.T, dir string) {
	run := func(light bool) (Result, map[string]string, []ManifestRow, []*Order) {
		out := filepath.Join(t.TempDir(), "out")
		opt := testOptions(t, out)
		opt.Docs = nil // each order's own set: the packing list where there is packing data
		orders, fps := Load([]string{dir}, LoadOptions{Covers: fonts.Regular().Covers, CharSeverity: invoice.Error, Memo: opt.Memo, Light: light, Amounts: light})
		if len(fps) != 0 {
			t.Fatalf("file problems: %v", fps)
		}
		res, err := Generate(context.Background(), orders, opt)
		if err != nil {
			t.Fatal(err)
		}
		return res, listing(t, out), checkManifest(t, out), orders
	}
	wholeRes, wholeFiles, wholeRows, wholeOrders := run(false)
	lightRes, lightFiles, lightRows, lightOrders := run(true)

	if lightRes.Orders != wholeRes.Orders || lightRes.PDFs != wholeRes.PDFs || lightRes.Memos != wholeRes.Memos || lightRes.Failed != wholeRes.Failed {
		t.Errorf("light run %s, whole run %s", lightRes.Line(), wholeRes.Line())
	}
	if wholeRes.Failed != 1 || !errors.Is(wholeRes.Problems, invoice.ErrDuplicateOrder) {
		t.Fatalf("the repeated order number should fail once: %s, %v", wholeRes.Line(), wholeRes.Problems)
	}
	if !slices.Equal(problemLines(lightRes.Problems), problemLines(wholeRes.Problems)) {
		t.Errorf("problems differ:\nlight %q\nwhole %q", problemLines(lightRes.Problems), problemLines(wholeRes.Problems))
	}
	if len(lightFiles) != len(wholeFiles) || len(wholeFiles) == 0 {
		t.Fatalf("light run wrote %d files, whole run %d", len(lightFiles), len(wholeFiles))
	}
	packing := false
	for name, sum := range wholeFiles {
		if lightFiles[name] != sum {
			t.Errorf("%s: light run's bytes %q, whole run's %q", name, lightFiles[name], sum)
		}
		packing = packing || strings.HasSuffix(name, "-PL.pdf")
	}
	if !packing {
		t.Errorf("no packing list issued: %v", sortedKeys(wholeFiles))
	}
	if !slices.Equal(lightRows, wholeRows) {
		t.Errorf("manifests differ:\nlight %v\nwhole %v", lightRows, wholeRows)
	}
	// What the command keeps of a light order is its number and problems,
	// also of the last file's orders, which the load kept whole and
	// generate lightened as it issued them.
	for i, o := range lightOrders {
		if o.OrderNo != wholeOrders[i].OrderNo || o.OK() != wholeOrders[i].OK() || len(o.Items) != 0 || o.light == nil || o.keptFrom != nil {
			t.Errorf("order %d: light %q ok %v with %d items, whole %q ok %v", i, o.OrderNo, o.OK(), len(o.Items), wholeOrders[i].OrderNo, wholeOrders[i].OK())
		}
		// What generate --json reports of each: the same amounts.
		la, lok := o.Amounts()
		wa, wok := wholeOrders[i].Amounts()
		if lok != wok || lok && (la.Currency != wa.Currency || !la.Total.Equal(wa.Total) || !la.Deposit.Equal(wa.Deposit) ||
			!la.Balance.Equal(wa.Balance) || !la.DepositPercent.Equal(wa.DepositPercent)) {
			t.Errorf("order %d (%s): light amounts %v %+v, whole %v %+v", i, o.OrderNo, lok, la, wok, wa)
		}
		if wok && wa.Total.IsZero() {
			t.Errorf("order %d (%s): total 0", i, o.OrderNo)
		}
	}
}

// A batch of one workbook, the usual run, is read once: its orders are
// kept whole by the light load, and issuing them does not read the file
// again (it is gone by then).
func TestLightLoadOfOneFileReadsItOnce(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "multi.xlsx")
	copyExample(t, "multi-order.xlsx", file)
	out := filepath.Join(t.TempDir(), "out")
	orders, fps := Load([]string{file}, LoadOptions{Light: true})
	if len(fps) != 0 || len(orders) != 4 {
		t.Fatalf("%d orders, file problems %v", len(orders), fps)
	}
	for _, o := range orders {
		if o.light != nil || o.keptFrom == nil || len(o.Items) == 0 {
			t.Fatalf("order %s not kept whole: %d items", o.OrderNo, len(o.Items))
		}
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	res, err := Generate(context.Background(), orders, testOptions(t, out))
	if err != nil {
		t.Fatal(err)
	}
	if res.Orders != 4 || res.Failed != 0 {
		t.Errorf("%s; %v", res.Line(), res.Problems)
	}
}

// A file changed between the check of the batch and the issuing of its
// orders (another order saved over it) is not issued from its new
// content, which nobody checked: each of its orders is an error, the
// other files' orders are issued.
func TestLightLoadRefusesAFileChangedMeanwhile(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, "usd-fob-30-70.xlsx", filepath.Join(dir, "a-usd.xlsx"))
	copyExample(t, "multi-order.xlsx", filepath.Join(dir, "b-multi.xlsx"))
	out := filepath.Join(t.TempDir(), "out")
	opt := testOptions(t, out)
	orders, fps := Load([]string{dir}, LoadOptions{Light: true})
	if len(fps) != 0 || len(orders) != 5 {
		t.Fatalf("%d orders, file problems %v", len(orders), fps)
	}
	// Both files are replaced: the first is read again and refused; the
	// last, held whole since it was checked, is issued as checked.
	copyExample(t, "cny-supplier-quote.xlsx", filepath.Join(dir, "a-usd.xlsx"))
	copyExample(t, "cny-supplier-quote.xlsx", filepath.Join(dir, "b-multi.xlsx"))
	res, err := Generate(context.Background(), orders, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Orders != 4 || res.Failed != 1 || !strings.Contains(res.Problems.Error(), "a-usd.xlsx changed while the batch was being issued") {
		t.Errorf("%s; %v", res.Line(), res.Problems)
	}
	for name := range listing(t, out) {
		if strings.HasPrefix(name, orders[0].OrderNo) {
			t.Errorf("%s written from a file changed since it was checked", name)
		}
	}
}

// A light load keeps the last file's orders whole while their lines fit
// maxKeptLines; from the order that would pass it, every order of the
// file is light (the file is read again, order by order, to issue them),
// so what a big workbook holds is bounded.
func TestLightLoadKeepsWholeWhatFitsTheBound(t *testing.T) {
	file := filepath.Join(t.TempDir(), "multi.xlsx")
	copyExample(t, "multi-order.xlsx", file)
	whole, _ := Load([]string{file}, LoadOptions{})
	if len(whole) < 3 {
		t.Fatalf("%d orders", len(whole))
	}
	tests := []struct {
		name   string
		budget int
		kept   int // orders kept whole
	}{
		{"every order fits", 1 << 20, len(whole)},
		{"the first order fits, not the second: the file is read again", len(whole[0].Items), 0},
		{"no order fits", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func(b int) { maxKeptLines = b }(maxKeptLines)
			maxKeptLines = tc.budget
			orders, fps := Load([]string{file}, LoadOptions{Light: true})
			if len(fps) != 0 || len(orders) != len(whole) {
				t.Fatalf("%d orders, %v", len(orders), fps)
			}
			for i, o := range orders {
				if kept := i < tc.kept; (o.keptFrom != nil) != kept || (o.light == nil) != kept || (len(o.Items) > 0) != kept {
					t.Errorf("order %d (%s): kept whole %v, want %v", i, o.OrderNo, o.keptFrom != nil, kept)
				}
			}
		})
	}
}
