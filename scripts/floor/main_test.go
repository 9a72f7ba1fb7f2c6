//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	kzlib "github.com/klauspost/compress/zlib"
	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/templates"
)

// generateExamples issues the documents of every order in examples/ into
// a new folder, as `tradedocs generate examples -o DIR` does.
func generateExamples(t *testing.T) string {
	t.Helper()
	orders, ps := batch.Load([]string{"../../examples"}, batch.LoadOptions{})
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	renderer, err := pdf.New(pdf.Options{Regular: fonts.Regular(), Bold: fonts.Bold()})
	if err != nil {
		t.Fatal(err)
	}
	memos, err := memo.New(templates.Bundled)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	res, err := batch.Generate(context.Background(), orders, batch.Options{OutDir: dir, Memos: true, Renderer: renderer, Memo: memos})
	if err != nil || res.Failed > 0 || res.PDFs == 0 {
		t.Fatalf("generate: %+v, %v", res, err)
	}
	return dir
}

func TestFloorOfTheExamples(t *testing.T) {
	dir := generateExamples(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	pdfs, flate := 0, 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue // the folder's lock
		}
		names = append(names, e.Name())
		if strings.HasSuffix(e.Name(), ".pdf") {
			pdfs++
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			flate += bytes.Count(b, []byte("/FlateDecode"))
		}
	}

	dest := filepath.Join(t.TempDir(), "copy")
	r, err := run(dir, dest, 4)
	if err != nil {
		t.Fatal(err)
	}
	if r.Files != len(names) || r.PDFs != pdfs {
		t.Errorf("%d files, %d PDFs; the folder has %d and %d", r.Files, r.PDFs, len(names), pdfs)
	}
	// Each stream fpdf compresses says /FlateDecode once in its dictionary.
	if r.Streams != flate {
		t.Errorf("%d streams inflated; the PDFs hold %d FlateDecode streams", r.Streams, flate)
	}
	// The PI and CI of an order share their font programs, CIDToGIDMaps
	// and attached order: deflated once.
	if r.Deflated >= r.Streams || r.Deflated == 0 {
		t.Errorf("%d of %d streams deflated: identical fonts not merged", r.Deflated, r.Streams)
	}
	// Same compressor, same level: every stream but the CIDToGIDMaps
	// (fpdf's own coder) comes out as the PDF holds it.
	if r.Maps == 0 || r.Identical != r.Deflated-r.Maps {
		t.Errorf("%d of %d deflated streams byte-identical, %d CIDToGIDMaps: wrong compressor or level", r.Identical, r.Deflated, r.Maps)
	}
	if r.CPU <= 0 || r.CPU != r.User+r.Sys || r.Wall <= 0 {
		t.Errorf("CPU %v (%v user + %v sys), wall %v", r.CPU, r.User, r.Sys, r.Wall)
	}
	for _, n := range names {
		a, _ := os.ReadFile(filepath.Join(dir, n))
		b, err := os.ReadFile(filepath.Join(dest, n))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s not copied as it is: %v", n, err)
		}
	}
	if _, err := run(dir, dest, 4); err == nil {
		t.Error("a second run over the written folder did not refuse to overwrite it")
	}
}

func TestFloorRefusesWhatIsNotAnOutputFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.pdf"), []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := run(dir, filepath.Join(t.TempDir(), "copy"), 1); err == nil || !strings.Contains(err.Error(), "a.pdf") {
		t.Errorf("a PDF without streams: %v", err)
	}
	if _, err := run(t.TempDir(), filepath.Join(t.TempDir(), "copy"), 1); err == nil {
		t.Error("an empty folder measured")
	}
}

// The zlib header of a stream tells the level fpdf wrote it at, for each
// level fpdf uses: BestSpeed, 2, the default and BestCompression.
func TestLevelFromHeader(t *testing.T) {
	content := bytes.Repeat([]byte("0.000 0.000 0.000 rg BT /F1 9.00 Tf 14.17 780.00 Td (HL-2024-0318) Tj ET\n"), 200)
	for _, level := range []int{kzlib.BestSpeed, 2, kzlib.DefaultCompression, kzlib.BestCompression} {
		var buf bytes.Buffer
		zw, err := kzlib.NewWriterLevel(&buf, level)
		if err != nil {
			t.Fatal(err)
		}
		zw.Write(content)
		zw.Close()
		raw := buf.Bytes()
		s := stream{content: content, deflated: raw, level: levels[raw[1]>>6]}
		same, err := deflate(map[int]*kzlib.Writer{}, new(bytes.Buffer), s)
		if err != nil || !same {
			t.Errorf("level %d: header says %d, deflated again byte-identical %v (%v)", level, s.level, same, err)
		}
	}
}
