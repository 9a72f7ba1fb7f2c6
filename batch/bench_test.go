package batch

import (
	"bytes"
	"fmt"
	"testing"
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
