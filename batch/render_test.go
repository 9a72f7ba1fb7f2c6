package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/templates"
)

// issuing is the renderer and memo writer of a default run.
func issuing(t *testing.T) Options {
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
	return Options{Docs: []pdf.Document{pdf.Proforma, pdf.Commercial}, Memos: true, Renderer: r, Memo: memos, Workers: 2}
}

// TestRenderIsWhatGenerateWrites: the documents rendered in memory for the
// web page are the files Generate writes, with the same names and manifest.
func TestRenderIsWhatGenerateWrites(t *testing.T) {
	dir := t.TempDir()
	var uploads []Upload
	for _, name := range []string{"multi-order.xlsx", "orders.csv", "usd-fob-30-70.xlsx"} {
		copyExample(t, name, filepath.Join(dir, name))
		data, _ := os.ReadFile(filepath.Join(dir, name))
		uploads = append(uploads, Upload{Name: filepath.Join(dir, name), Data: data})
	}
	opt := issuing(t)
	opt.OutDir = filepath.Join(dir, "out")
	orders, ps := Load([]string{dir}, LoadOptions{Covers: fonts.Regular().Covers, CharSeverity: invoice.Error})
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	if _, err := Generate(context.Background(), orders, opt); err != nil {
		t.Fatal(err)
	}
	fromMemory, ps := LoadUploads(uploads, LoadOptions{Covers: fonts.Regular().Covers, CharSeverity: invoice.Error})
	if ps.HasErrors() || len(fromMemory) != len(orders) {
		t.Fatalf("LoadUploads: %d orders (Load: %d), %v", len(fromMemory), len(orders), ps)
	}
	files, ps := Render(fromMemory, opt)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	all, _ := os.ReadDir(opt.OutDir)
	var entries []os.DirEntry
	for _, e := range all {
		if !strings.HasPrefix(e.Name(), ".") { // the folder's lock
			entries = append(entries, e)
		}
	}
	if len(files)+1 != len(entries) {
		t.Fatalf("Render made %d files, Generate wrote %d and a manifest", len(files), len(entries)-1)
	}
	var rows []ManifestRow
	for _, f := range files {
		disk, err := os.ReadFile(filepath.Join(opt.OutDir, f.Row.File))
		if err != nil || !bytes.Equal(disk, f.Data) {
			t.Errorf("%s: differs from Generate's (%v)", f.Row.File, err)
		}
		if f.Row.File != DocumentName(f.Order.OrderNo, f.Row.Document) {
			t.Errorf("%s is not DocumentName(%q, %q)", f.Row.File, f.Order.OrderNo, f.Row.Document)
		}
		rows = append(rows, f.Row)
	}
	manifest, err := ManifestCSV(rows)
	if err != nil {
		t.Fatal(err)
	}
	disk, _ := os.ReadFile(filepath.Join(opt.OutDir, ManifestName))
	if !bytes.Equal(manifest, disk) {
		t.Errorf("ManifestCSV:\n%s\nGenerate's manifest.csv:\n%s", manifest, disk)
	}
	read, err := ReadManifest(filepath.Join(opt.OutDir, ManifestName))
	if err != nil || len(read) != len(rows) || read[0] != rows[0] {
		t.Errorf("ReadManifest: %v %v", read, err)
	}
	if none, err := ReadManifest(filepath.Join(dir, "nowhere", ManifestName)); none != nil || err != nil {
		t.Errorf("a folder without a manifest: %v %v", none, err)
	}
}

func TestRenderRefusesWhatGenerateRefuses(t *testing.T) {
	data, err := os.ReadFile("../examples/usd-fob-30-70.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		uploads []Upload
		files   int
		want    string
	}{
		{"the same order twice: the first is issued", []Upload{{"a.xlsx", data}, {"b.xlsx", data}}, 3, "b.xlsx!Order!B1: order_no \"HL-2024-0318\" appears twice"},
		{"one good order", []Upload{{"a.xlsx", data}}, 3, ""},
		{"not a spreadsheet", []Upload{{"a.xlsx", []byte("hello")}}, 0, "a.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orders, fps := LoadUploads(tt.uploads, LoadOptions{})
			files, ps := Render(orders, issuing(t))
			if len(files) != tt.files {
				t.Errorf("%d files, want %d", len(files), tt.files)
			}
			var all invoice.Problems
			all = append(all, fps...)
			all = append(all, ps...)
			for _, o := range orders {
				all = append(all, o.Problems...)
			}
			if tt.want != "" && !strings.Contains(all.Error(), tt.want) {
				t.Errorf("problems %q lack %q", all.Error(), tt.want)
			}
		})
	}
}
