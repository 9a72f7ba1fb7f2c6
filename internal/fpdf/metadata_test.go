package fpdf

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

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
