package fpdf

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// subsetFontName is the name putfonts gives a program cut for a document.
func subsetFontName(ttf []byte, fallback string) string {
	return subsetTag(ttf) + "+" + postScriptNameOr(ttf, fallback)
}

func TestSubsetFontName(t *testing.T) {
	ttf, err := os.ReadFile("testdata/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	name := subsetFontName(ttf, "fallback")
	if !regexp.MustCompile(`^[A-Z]{6}\+DejaVuSansCondensed$`).MatchString(name) {
		t.Errorf("name %q, want TAG+DejaVuSansCondensed", name)
	}
	if again := subsetFontName(ttf, "fallback"); again != name {
		t.Errorf("same program named %q then %q", name, again)
	}
	other := append(append([]byte(nil), ttf...), 0)
	if subsetFontName(other, "fallback")[:6] == name[:6] {
		t.Error("a different program got the same tag")
	}
	if got := subsetFontName([]byte("not a font"), "utf8doc"); !strings.HasSuffix(got, "+utf8doc") {
		t.Errorf("unreadable font named %q, want the fallback", got)
	}
}

func TestIDAndXMPFromInfo(t *testing.T) {
	doc := func(title string) []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCreationDate(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC))
		pdf.SetModificationDate(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC))
		pdf.SetTitle(title, true)
		pdf.SetAuthor("Shenzhen Brightway 深圳明途", true)
		pdf.SetLang("en")
		pdf.SetXmpFromInfo(true)
		pdf.AddPage()
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b, c := doc("Invoice A & B"), doc("Invoice A & B"), doc("Invoice C")
	id := regexp.MustCompile(`/ID \[<([0-9a-f]{32})><([0-9a-f]{32})>\]`)
	ma, mc := id.FindSubmatch(a), id.FindSubmatch(c)
	if ma == nil || mc == nil {
		t.Fatalf("no /ID in the trailer")
	}
	if !bytes.Equal(a, b) {
		t.Error("same document, different bytes")
	}
	if bytes.Equal(ma[1], mc[1]) {
		t.Error("different documents, same /ID")
	}
	for _, want := range []string{"/Metadata ", "/Lang (en)", "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Invoice A &amp; B</rdf:li>",
		"<rdf:li>Shenzhen Brightway 深圳明途</rdf:li>", "<xmp:CreateDate>2024-03-15T00:00:00Z</xmp:CreateDate>"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

func TestCompactStreams(t *testing.T) {
	doc := func(compact bool) []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCreationDate(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC))
		pdf.SetModificationDate(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC))
		pdf.SetXmpFromInfo(true)
		pdf.SetTitle("Commercial Invoice CI-1", false)
		pdf.SetCompactStreams(compact)
		pdf.SetAttachments([]Attachment{{Content: bytes.Repeat([]byte(`{"sku":{"value":"BW-DL-201"}},`), 200), Filename: "order.json"}})
		pdf.SetFont("Helvetica", "", 9)
		pdf.AddPage()
		for i := 0; i < 200; i++ {
			pdf.Text(10+float64(i%7), 10+float64(i), "Line amount 1,234.50 USD, quantity 1,000 pcs")
		}
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	plain, compact := doc(false), doc(true)
	if len(compact) >= len(plain) {
		t.Errorf("compact %d bytes, plain %d: want fewer", len(compact), len(plain))
	}
	if !bytes.Equal(compact, doc(true)) {
		t.Error("compact output differs between runs")
	}
	if !bytes.Contains(compact, []byte("/Subtype /XML /Filter /FlateDecode")) || bytes.Contains(plain, []byte("/Subtype /XML /Filter")) {
		t.Error("XMP compressed in the plain document or not in the compact one")
	}
	if !bytes.Contains(plain, []byte("/F (order.json)")) {
		t.Error("attachment name not in /F")
	}
}
