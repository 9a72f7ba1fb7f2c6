package pdf

import (
	"image/color"
	"os"
	"testing"
)

// TestWriteSamples writes sample PDFs to $PDF_SAMPLES for eyeballing.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("PDF_SAMPLES")
	if dir == "" {
		t.Skip("set PDF_SAMPLES=dir to write sample PDFs")
	}
	for _, paper := range Papers {
		r := testRenderer(t, paper)
		o := sampleOrder()
		o.Logo = writePNG(t, "logo.png", 240, 120, color.NRGBA{20, 80, 160, 255})
		o.Chop = writePNG(t, "chop.png", 200, 200, color.NRGBA{220, 20, 20, 170})
		orderIn(t, o)
		for _, doc := range []Document{Proforma, Commercial} {
			os.WriteFile(dir+"/"+string(paper)+"-"+string(doc)+".pdf", render(t, r, o, doc), 0o644)
			os.WriteFile(dir+"/"+string(paper)+"-"+string(doc)+"-300.pdf", render(t, r, manyItems(300), doc), 0o644)
		}
	}
}
