package batch

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSafeName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain order number", "PO-2024-031", "PO-2024-031"},
		{"slashes in a supplier's numbering", "PO/2024/031", "PO_2024_031"},
		{"windows-forbidden characters", `A:B*C?"D"<E>|F\G`, "A_B_C__D__E__F_G"},
		{"chinese order number stays", "订单2024-7", "订单2024-7"},
		{"leading dots cannot hide the file", "..PO-1", "PO-1"},
		{"a path escape is flattened", "../../etc/passwd", "_.._etc_passwd"},
		{"control characters", "PO\t1\n", "PO_1_"},
		{"nothing usable", "///", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SafeName(tt.in); got != tt.want {
				t.Errorf("SafeName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := SafeName(strings.Repeat("a", 300)); len([]rune(got)) != 100 {
		t.Errorf("long name kept %d runes, want 100", len([]rune(got)))
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "PO-1-PI.pdf")
	if err := WriteFile(path, []byte("first"), false); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("second"), false); !errors.Is(err, ErrExists) {
		t.Errorf("second write without force: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("refused write changed the file to %q", b)
	}
	if err := WriteFile(path, []byte("third"), true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "third" {
		t.Errorf("forced write left %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := WriteFile(filepath.Join(dir, "missing", "x.pdf"), []byte("x"), false); err == nil {
		t.Error("write into a missing directory succeeded")
	}
}

func TestUpdateManifestMergesRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), ManifestName)
	first := []ManifestRow{
		{"PO-2", "PI", "PO-2-PI.pdf", "aa", "100.00", "USD"},
		{"PO-1", "PI", "PO-1-PI.pdf", "bb", "50.00", "USD"},
	}
	if err := UpdateManifest(path, first); err != nil {
		t.Fatal(err)
	}
	// A forced re-issue of PO-1 and a new order PO-3 in a second run.
	if err := UpdateManifest(path, []ManifestRow{{"PO-1", "PI", "PO-1-PI.pdf", "cc", "55.00", "USD"}, {"PO-3", "CI", "PO-3-CI.pdf", "dd", "9.00", "EUR"}}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	want := "order_no,document,file,sha256,total,currency\n" +
		"PO-1,PI,PO-1-PI.pdf,cc,55.00,USD\n" +
		"PO-2,PI,PO-2-PI.pdf,aa,100.00,USD\n" +
		"PO-3,CI,PO-3-CI.pdf,dd,9.00,EUR\n"
	if string(b) != want {
		t.Errorf("manifest =\n%s\nwant\n%s", b, want)
	}
}

// A manifest that lists a file twice (re-issued with --force) keeps the
// later row, sorted by file name, and the rows handed in are left as
// they were.
func TestMergedKeepsTheLastRowOfEachFile(t *testing.T) {
	row := func(order, file, sum string) ManifestRow { return ManifestRow{order, "PI", file, sum, "1.00", "USD"} }
	cases := []struct {
		name     string
		in, want []ManifestRow
	}{
		{"one run, in commit order", []ManifestRow{row("B", "B-PI.pdf", "b"), row("A", "A-PI.pdf", "a")},
			[]ManifestRow{row("A", "A-PI.pdf", "a"), row("B", "B-PI.pdf", "b")}},
		{"an order re-issued with --force twice", []ManifestRow{row("A", "A-PI.pdf", "1"), row("C", "C-PI.pdf", "c"), row("A", "A-PI.pdf", "2"), row("A", "A-PI.pdf", "3")},
			[]ManifestRow{row("A", "A-PI.pdf", "3"), row("C", "C-PI.pdf", "c")}},
		{"no rows", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := slices.Clone(tc.in)
			got := merged(tc.in)
			if !slices.Equal(got, tc.want) {
				t.Errorf("merged %v, want %v", got, tc.want)
			}
			if !slices.Equal(tc.in, before) {
				t.Errorf("rows handed in changed: %v", tc.in)
			}
		})
	}
}
