package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/orderjson"
)

func copyExample(t *testing.T, name, to string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A month-end folder: files are read in parallel, but orders come back in
// file-name order, and the same order number in two files is caught.
func TestLoadFolderKeepsFileOrderAndFindsDuplicates(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, "multi-order.xlsx", filepath.Join(dir, "a-multi.xlsx"))
	copyExample(t, "orders.csv", filepath.Join(dir, "b-orders.csv"))
	copyExample(t, "usd-fob-30-70.xlsx", filepath.Join(dir, "c-usd.xlsx"))
	copyExample(t, "usd-fob-30-70.xlsx", filepath.Join(dir, "d-usd-again.xlsx"))
	os.WriteFile(filepath.Join(dir, "~$c-usd.xlsx"), []byte("office lock file"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not an order"), 0o644)

	for run := 0; run < 3; run++ {
		orders, ps := Load([]string{dir}, LoadOptions{})
		if len(ps) != 0 {
			t.Fatalf("file problems: %v", ps)
		}
		var files []string
		for _, o := range orders {
			files = append(files, filepath.Base(o.Source.File))
		}
		want := []string{"a-multi.xlsx", "a-multi.xlsx", "a-multi.xlsx", "a-multi.xlsx", "b-orders.csv", "b-orders.csv", "c-usd.xlsx", "d-usd-again.xlsx"}
		if len(files) != len(want) {
			t.Fatalf("orders from %v, want %v", files, want)
		}
		for i := range want {
			if files[i] != want[i] {
				t.Fatalf("orders from %v, want %v", files, want)
			}
		}
		last := orders[len(orders)-1]
		if last.OK() || !errors.Is(last.Problems, invoice.ErrDuplicateOrder) {
			t.Errorf("the second copy of the USD order is not flagged as a duplicate: %v", last.Problems)
		}
		if !orders[len(orders)-2].OK() {
			t.Errorf("the first copy should stay issuable: %v", orders[len(orders)-2].Problems)
		}
	}
}

// A bug met while checking one file (here a font check that panics) is
// an internal error of that file, with the place it happened; the process
// goes on. So it is for a workbook, read order by order, and for an order
// JSON file.
func TestLoadReportsAPanicAsInternal(t *testing.T) {
	whole, _ := Load([]string{"../examples/usd-fob-30-70.xlsx"}, LoadOptions{})
	data, err := orderjson.Marshal(whole[0].Order)
	if err != nil {
		t.Fatal(err)
	}
	asJSON := filepath.Join(t.TempDir(), "usd-fob-30-70.json")
	if err := os.WriteFile(asJSON, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"../examples/usd-fob-30-70.xlsx", asJSON} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			for _, light := range []bool{false, true} {
				orders, ps := Load([]string{file}, LoadOptions{Light: light, Covers: func(rune) bool { panic("font table out of range") }})
				msg := ps.Error()
				if len(orders) != 0 || !errors.Is(ps, ErrInternal) || !strings.Contains(msg, filepath.Base(file)+": internal error") ||
					!strings.Contains(msg, "font table out of range") || !strings.Contains(msg, "load_test.go") {
					t.Errorf("light %v: orders %d, problems %v", light, len(orders), ps)
				}
			}
		})
	}
}

// The same file named twice on the command line (by name and through its
// folder, or twice by a glob) is read once: reading it twice made its
// orders "appear twice in this batch (first at the same cell)" and
// refused them.
func TestOrderFilesReadsAFileNamedTwiceOnce(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.csv")
	copyExample(t, "usd-fob-30-70.xlsx", a)
	copyExample(t, "orders.csv", b)
	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		{"a file twice", []string{a, a}, []string{a}},
		{"a file, then its folder", []string{b, dir}, []string{b, a}},
		{"the folder, then a file in it by another spelling", []string{dir, filepath.Join(dir, ".", "a.xlsx")}, []string{a, b}},
		{"two different files", []string{a, b}, []string{a, b}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ps := OrderFiles(tt.paths)
			if len(ps) != 0 || strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("OrderFiles(%q) = %q, %v; want %q", tt.paths, got, ps, tt.want)
			}
		})
	}
}
