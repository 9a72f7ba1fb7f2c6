package fpdf

import (
	"bytes"
	"strings"
	"testing"
)

// coreDoc writes a one-page Helvetica document with n lines of text.
func coreDoc(t *testing.T, n int) (*Fpdf, []byte) {
	t.Helper()
	pdf := New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(fixedDate)
	pdf.SetModificationDate(fixedDate)
	pdf.SetFont("Helvetica", "", 10)
	pdf.AddPage()
	for i := 0; i < n; i++ {
		pdf.Text(10, 10+float64(i%250), strings.Repeat("line (x) ", 1+i%7))
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	return pdf, out.Bytes()
}

// TestRecycledOutputBuffersGiveSameBytes: a document written into buffers
// recycled from a bigger one (stale bytes beyond their length) is byte for
// byte the document written into fresh buffers, and writing to the
// recycled document afterwards cannot reach them.
func TestRecycledOutputBuffersGiveSameBytes(t *testing.T) {
	outputBufs.mu.Lock()
	outputBufs.free = nil
	outputBufs.mu.Unlock()
	_, fresh := coreDoc(t, 40)

	big, _ := coreDoc(t, 2000)
	big.RecycleFontTables()
	outputBufs.mu.Lock()
	nfree := len(outputBufs.free)
	outputBufs.mu.Unlock()
	if nfree != 2 {
		t.Fatalf("after RecycleFontTables the free list holds %d buffers, want 2 (page, PDF)", nfree)
	}
	pdf, recycled := coreDoc(t, 40)
	if !bytes.Equal(recycled, fresh) {
		t.Fatalf("document in recycled buffers differs from one in fresh buffers (%d vs %d bytes)", len(recycled), len(fresh))
	}
	if pdf.buffer.Cap() < 64<<10 {
		t.Errorf("PDF buffer capacity %d: recycled 2000-line buffer not reused", pdf.buffer.Cap())
	}
	// Late writes to the recycled document go to its own new buffer, not
	// to the buffers it gave back, which the next document uses.
	pdf.RecycleFontTables()
	big.Line(1, 1, 2, 2)
	big.RawWriteStr("garbage")
	if _, next := coreDoc(t, 40); !bytes.Equal(next, fresh) {
		t.Errorf("document after late writes to a recycled one differs from one in fresh buffers")
	}
	if big.buffer.Len() == 0 {
		t.Errorf("late writes to the recycled document went nowhere")
	}
	if bytes.Contains(big.buffer.Bytes(), []byte("%PDF")) {
		t.Errorf("recycled document still holds its PDF bytes")
	}
}
