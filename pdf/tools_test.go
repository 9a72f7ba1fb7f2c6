package pdf

import (
	"testing"

	"github.com/tradedocs/tradedocs/internal/pdftools"
)

// TestMain stops the run with the install instruction when a PDF reader
// the tests use is missing, unless TRADEDOCS_SKIP_PDF_TOOLS=1 (see
// internal/pdftools).
func TestMain(m *testing.M) {
	pdftools.Main(m, "pdftotext", "pdffonts", "pdfinfo", "pdfimages", "qpdf")
}
