package fpdf

import (
	"bytes"
	"os"
	"testing"
	"time"
)

var fixedDate = time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC)

// recycleDoc draws text with two UTF-8 faces and returns the PDF and the
// document, written but not recycled.
func recycleDoc(t *testing.T, regular, bold []byte, text string) ([]byte, *Fpdf) {
	t.Helper()
	pdf := New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(fixedDate)
	pdf.SetModificationDate(fixedDate)
	// Faces cut to the text, as tradedocs gives them: each text's faces
	// have widths for different code points, so a recycled table that was
	// not cleared would list stray widths in /W.
	pdf.AddUTF8FontFromBytes("dejavu", "", UTF8CutFont(regular, text))
	pdf.AddUTF8FontFromBytes("dejavu", "B", UTF8CutFont(bold, text))
	pdf.AddPage()
	pdf.SetFont("dejavu", "", 12)
	pdf.Text(10, 20, text)
	pdf.SetFont("dejavu", "B", 12)
	pdf.Text(10, 30, text)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), pdf
}

// TestRecycleFontTables checks tradedocs patch 9: documents whose faces
// get recycled width tables (and recycled CIDToGIDMap buffers) come out
// byte-identical to documents made with fresh ones, and a recycled
// document refuses further use instead of reading tables now lent out.
func TestRecycleFontTables(t *testing.T) {
	regular, err := os.ReadFile(example("DejaVuSansCondensed.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile(example("DejaVuSansCondensed-Bold.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Proforma invoice № 12 — Größe ÄÖÜ ǅ ſ €",
		"plain ASCII, different widths",
		"Ωμέγα Кириллица ﬁ ﬂ ‰ ½",
	}
	// Fresh tables: the free list is emptied first.
	widthTables.mu.Lock()
	widthTables.free = nil
	widthTables.mu.Unlock()
	fresh := make([][]byte, len(texts))
	for i, text := range texts {
		fresh[i], _ = recycleDoc(t, regular, bold, text)
	}
	// Recycled tables, dirtied by other texts' widths: same bytes.
	for round := 0; round < 2; round++ {
		for i, text := range texts {
			got, pdf := recycleDoc(t, regular, bold, text)
			pdf.RecycleFontTables()
			if !bytes.Equal(got, fresh[i]) {
				t.Fatalf("round %d, text %q: PDF with recycled tables differs from a fresh one", round, text)
			}
		}
	}
	widthTables.mu.Lock()
	kept := len(widthTables.free)
	// Only the entries a face set are cleared on recycling (patch 14):
	// every table in the free list must still be all zeros.
	for i, table := range widthTables.free {
		for c, w := range table {
			if w != 0 {
				widthTables.mu.Unlock()
				t.Fatalf("free width table %d has width %d at U+%04X", i, w, c)
			}
		}
	}
	widthTables.mu.Unlock()
	if kept == 0 {
		t.Fatal("RecycleFontTables kept no width table")
	}

	t.Run("recycled document is in the error state", func(t *testing.T) {
		_, pdf := recycleDoc(t, regular, bold, "abc")
		pdf.RecycleFontTables()
		if !pdf.Err() {
			t.Fatal("no error after RecycleFontTables")
		}
		if w := pdf.GetStringWidth("abc"); w != 0 {
			t.Fatalf("GetStringWidth after recycling = %v, want 0", w)
		}
		for _, font := range pdf.fonts {
			if font.Cw != nil {
				t.Fatalf("font %s still holds its width table", font.Name)
			}
		}
	})
	t.Run("document not yet written keeps its tables", func(t *testing.T) {
		pdf := New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("dejavu", "", regular)
		pdf.AddPage()
		pdf.SetFont("dejavu", "", 12)
		pdf.RecycleFontTables()
		if pdf.Err() {
			t.Fatalf("RecycleFontTables before Output set an error: %v", pdf.Error())
		}
		if w := pdf.GetStringWidth("abc"); w <= 0 {
			t.Fatalf("GetStringWidth = %v, want > 0: widths were taken away", w)
		}
	})
}
