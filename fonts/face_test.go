package fonts

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tradedocs/tradedocs/internal/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/tradedocs/tradedocs/internal/pdftools"
)

// invoiceLines is a bilingual proforma invoice, one line per entry.
func invoiceLines(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile("testdata/invoice.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

// requireTool skips the test when a command-line tool is missing and the
// user allowed it (TRADEDOCS_SKIP_PDF_TOOLS=1), and fails it otherwise.
func requireTool(t *testing.T, name string) {
	t.Helper()
	pdftools.Need(t, name)
}

// renderPDF draws lines, alternately in Regular and Bold, on one A4 page
// with the given font files, reproducibly (fixed dates, sorted catalog).
func renderPDF(regular, bold []byte, lines []string) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	when := time.Date(2025, 4, 17, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(when)
	pdf.SetModificationDate(when)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.AddUTF8FontFromBytes("noto", "", regular)
	pdf.AddUTF8FontFromBytes("noto", "B", bold)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddPage()
	for i, line := range lines {
		style := ""
		if i%2 == 0 {
			style = "B"
		}
		pdf.SetFont("noto", style, 7)
		pdf.SetXY(8, 8+float64(i)*4.6)
		pdf.Cell(0, 4, line)
	}
	var out bytes.Buffer
	err := pdf.Output(&out)
	return out.Bytes(), err
}

// runesOf is every distinct rune of lines.
func runesOf(lines ...string) []rune { return Runes(lines...) }

func TestRunes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		texts []string
		want  string
	}{
		{"no text", nil, ""},
		{"repeated letters across lines", []string{"PI-0417", "PI-0418"}, "-01478IP"},
		{"bilingual label", []string{"发票 Invoice", "发票号"}, " Iceinov发号票"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(Runes(tc.texts...)); got != tc.want {
				t.Errorf("Runes(%q) = %q, want %q", tc.texts, got, tc.want)
			}
		})
	}
}

func TestBundledFacesParse(t *testing.T) {
	for _, tc := range []struct {
		name string
		face *Face
	}{
		{"Noto Sans SC Regular", Regular()},
		{"Noto Sans SC Bold", Bold()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.face.NumGlyphs() < 30000 {
				t.Errorf("NumGlyphs = %d, want the full CJK face (> 30,000)", tc.face.NumGlyphs())
			}
			for _, r := range "形式发票壹仟肆佰零玖元伍角¥€Proforma 0123456789" {
				if !tc.face.Covers(r) {
					t.Errorf("Covers(%q) = false, want true", r)
				}
			}
		})
	}
}

func TestCovers(t *testing.T) {
	f := Regular()
	for _, tc := range []struct {
		name string
		r    rune
		want bool
	}{
		{"Latin capital in a buyer's name", 'N', true},
		{"han character of 发票", '票', true},
		{"capital numeral on a Chinese amount in words", '肆', true},
		{"yuan sign", '¥', true},
		{"euro sign", '€', true},
		{"space between words", ' ', true},
		{"control character pasted from a spreadsheet", '\x01', false},
		{"private-use character from a supplier's custom font", '\uE000', false},
		{"noncharacter U+FFFF", '\uFFFF', false},
		{"rare han outside the BMP (fpdf panics on it)", '𠮷', false},
		{"emoji outside the BMP", '😀', false},
		{"negative rune", -1, false},
		{"past Unicode", 0x110000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := f.Covers(tc.r); got != tc.want {
				t.Errorf("Covers(%U) = %v, want %v", tc.r, got, tc.want)
			}
		})
	}
}

// subsetCase is a set of characters a document might use.
var subsetCases = []struct {
	name     string
	text     string
	missing  string // runes of text the font lacks: skipped by Subset
	maxBytes int
}{
	{"English-only commercial invoice", "Commercial Invoice No. CI-2025-0417 Total USD 12,345.67 (FOB Ningbo)", "", 12_000},
	{"Chinese and English proforma invoice", "形式发票 Proforma Invoice 壹仟肆佰零玖元伍角 ¥1,234.50 卖方 Seller 买方 Buyer", "", 40_000},
	{"supplier text with characters the font lacks", "单价 Unit price \uE000\U00020BB7😀 ¥9.80", "\uE000\U00020BB7😀", 20_000},
	{"empty document", "", "", 4_000},
}

func TestSubset(t *testing.T) {
	for _, face := range []*Face{Regular(), Bold()} {
		for _, tc := range subsetCases {
			t.Run(face.Name()+"/"+tc.name, func(t *testing.T) {
				sub, err := face.Subset([]rune(tc.text))
				if err != nil {
					t.Fatal(err)
				}
				if len(sub) > tc.maxBytes {
					t.Errorf("subset is %d bytes, want at most %d", len(sub), tc.maxBytes)
				}
				got, err := Parse("subset", sub)
				if err != nil {
					t.Fatalf("subset does not parse: %v", err)
				}
				want := map[int]bool{0: true, int(face.bmp[' ']): true}
				for _, r := range tc.text + " " {
					wantCovered := !strings.ContainsRune(tc.missing, r)
					if face.Covers(r) != wantCovered {
						t.Errorf("full face Covers(%q) = %v, want %v", r, face.Covers(r), wantCovered)
					}
					if got.Covers(r) != wantCovered {
						t.Errorf("subset Covers(%q) = %v, want %v", r, got.Covers(r), wantCovered)
					}
					if wantCovered {
						want[int(face.bmp[r])] = true
					}
					wa, _ := face.Advance(r)
					ga, _ := got.Advance(r)
					if wa != ga {
						t.Errorf("Advance(%q) = %d in subset, %d in full face", r, ga, wa)
					}
				}
				// Only the glyphs asked for (plus components) are embedded.
				if got.NumGlyphs() < len(want) || got.NumGlyphs() > len(want)+8 {
					t.Errorf("subset has %d glyphs, want %d (+ a few components)", got.NumGlyphs(), len(want))
				}
				for r := rune(0); r < 0xFFFF; r++ {
					if got.Covers(r) && !strings.ContainsRune(tc.text+" ", r) {
						t.Fatalf("subset covers %q, which was not asked for", r)
					}
				}
				checkChecksums(t, sub)
			})
		}
	}
}

// checkChecksums verifies the table checksums and head.checkSumAdjustment.
func checkChecksums(t *testing.T, ttf []byte) {
	t.Helper()
	if checksum(ttf) != 0xB1B0AFBA {
		t.Errorf("whole-font checksum = %#x, want 0xB1B0AFBA", checksum(ttf))
	}
	n := int(u16(ttf, 4))
	for i := range n {
		rec := ttf[12+16*i:]
		off, length := int(u32(rec, 8)), int(u32(rec, 12))
		data := slices.Clone(ttf[off : off+pad4(length)])
		if string(rec[:4]) == "head" {
			copy(data[8:12], []byte{0, 0, 0, 0})
		}
		if checksum(data) != u32(rec, 4) {
			t.Errorf("table %q checksum = %#x, recorded %#x", rec[:4], checksum(data), u32(rec, 4))
		}
	}
}

// TestSubsetOutlinesMatchFullFont reads the full face and a subset with an
// independent parser (x/image/font/sfnt) and compares every glyph's outline
// and advance.
func TestSubsetOutlinesMatchFullFont(t *testing.T) {
	text := strings.Join(invoiceLines(t), "") + "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ"
	for _, tc := range []struct {
		name string
		ttf  []byte
		face *Face
	}{
		{"Regular", regularTTF, Regular()},
		{"Bold", boldTTF, Bold()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub, err := tc.face.Subset([]rune(text))
			if err != nil {
				t.Fatal(err)
			}
			compareOutlines(t, tc.face, tc.ttf, sub, text)
		})
	}
}

// TestSystemFontWithCompositesAndHinting subsets a hinted font that builds
// accented letters from components (DejaVu, as a user might pass with
// --font), renders it with fpdf and compares outlines and widths.
func TestSystemFontWithCompositesAndHinting(t *testing.T) {
	text := "Crème brûlée, Ångström, Øresund, naïve façade, Ærø, Łódź, Čapek, ½ € № ™"
	for _, path := range []string{
		// The repository's own copy, so the test always has one font.
		"../internal/fpdf/testdata/DejaVuSansCondensed.ttf",
		// Debian's fonts-dejavu-core, as a user would pass them.
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
	} {
		t.Run(path, func(t *testing.T) {
			ttf, err := os.ReadFile(path)
			if err != nil {
				if os.Getenv("CI") != "" || !strings.HasPrefix(path, "/usr/") {
					t.Fatalf("%v (on CI, install fonts-dejavu-core)", err)
				}
				t.Skipf("SKIPPED: %v (install fonts-dejavu-core to test composite glyphs in the system's DejaVu too)", err)
			}
			face, err := Parse("DejaVu", ttf)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := face.Subset([]rune(text))
			if err != nil {
				t.Fatal(err)
			}
			if composites := compareOutlines(t, face, ttf, sub, text); composites == 0 {
				t.Errorf("no composite glyphs in %q: the test no longer covers components", text)
			}
			for _, tag := range []string{"fpgm", "cvt ", "prep"} {
				if findRecordOK(ttf, tag) >= 0 && findRecordOK(sub, tag) < 0 {
					t.Errorf("hinting table %q was dropped, but the glyphs' instructions use it", tag)
				}
			}
			checkChecksums(t, sub)
			width := func(font []byte) int {
				pdf := fpdf.New("P", "mm", "A4", "")
				pdf.AddUTF8FontFromBytes("dejavu", "", font)
				pdf.SetFont("dejavu", "", 10)
				if pdf.Err() {
					t.Fatal(pdf.Error())
				}
				return pdf.GetStringSymbolWidth(text)
			}
			if full, cut := width(ttf), width(sub); full != cut {
				t.Errorf("fpdf measures %d with the subset, %d with the full font", cut, full)
			}
		})
	}
}

// compareOutlines checks, with x/image/font/sfnt, that every rune of text
// has the same outline and advance in sub as in the full font, and returns
// how many of them are composite glyphs.
func compareOutlines(t *testing.T, face *Face, fullTTF, sub []byte, text string) (composites int) {
	t.Helper()
	full, err := sfnt.Parse(fullTTF)
	if err != nil {
		t.Fatal(err)
	}
	cut, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("x/image/font/sfnt rejects the subset: %v", err)
	}
	var fb, cb sfnt.Buffer
	ppem := fixed.I(1000)
	for _, r := range runesOf(text) {
		fg, err1 := full.GlyphIndex(&fb, r)
		cg, err2 := cut.GlyphIndex(&cb, r)
		if err1 != nil || err2 != nil || fg == 0 || cg == 0 {
			t.Fatalf("%q: glyph %d in full face, %d in subset (%v, %v)", r, fg, cg, err1, err2)
		}
		fa, _ := full.GlyphAdvance(&fb, fg, ppem, 0)
		ca, _ := cut.GlyphAdvance(&cb, cg, ppem, 0)
		if fa != ca {
			t.Errorf("%q: advance %v in subset, %v in full face", r, ca, fa)
		}
		fs, err1 := full.LoadGlyph(&fb, fg, ppem, nil)
		fs = slices.Clone(fs)
		cs, err2 := cut.LoadGlyph(&cb, cg, ppem, nil)
		if err1 != nil || err2 != nil {
			t.Fatalf("%q: LoadGlyph: %v, %v", r, err1, err2)
		}
		if !slices.Equal(fs, cs) {
			t.Errorf("%q: outline differs between subset and full face", r)
		}
		if data, _ := face.glyph(int(face.bmp[r])); len(data) >= 2 && int16(u16(data, 0)) < 0 {
			composites++
		}
	}
	return composites
}

func TestSubsetIsDeterministic(t *testing.T) {
	text := strings.Join(invoiceLines(t), "\n")
	forward := []rune(text)
	backward := slices.Clone(forward)
	slices.Reverse(backward)
	doubled := append(slices.Clone(forward), forward...)
	for _, tc := range []struct {
		name  string
		runes []rune
	}{
		{"runes in reverse order", backward},
		{"every rune twice", doubled},
		{"distinct runes only", runesOf(text)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := Regular().Subset(forward)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Regular().Subset(tc.runes)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("subset differs from the one for the text in reading order (%d vs %d bytes)", len(got), len(want))
			}
		})
	}
}

func TestSubsetConcurrent(t *testing.T) {
	lines := invoiceLines(t)
	want := make([][]byte, len(lines))
	for i, l := range lines {
		var err error
		if want[i], err = Bold().Subset([]rune(l)); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range lines {
				i := (i + g) % len(lines)
				got, err := Bold().Subset([]rune(lines[i]))
				if err != nil || !bytes.Equal(got, want[i]) {
					t.Errorf("line %d: concurrent subset differs (err %v)", i, err)
					return
				}
				_ = Bold().Covers('票')
			}
		}()
	}
	wg.Wait()
}

// TestWidthsMatchFullFont lays text out with fpdf using the full face and
// using the subset: every width must be identical.
func TestWidthsMatchFullFont(t *testing.T) {
	lines := append(invoiceLines(t), "形式发票 Proforma Invoice 壹仟肆佰零玖元伍角 ¥1,234.50")
	runes := runesOf(lines...)
	subR, err := Regular().Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	subB, err := Bold().Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	measure := func(regular, bold []byte, style, s string) (mm float64, thousandths int) {
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("noto", "", regular)
		pdf.AddUTF8FontFromBytes("noto", "B", bold)
		pdf.SetFont("noto", style, 9)
		if pdf.Err() {
			t.Fatal(pdf.Error())
		}
		return pdf.GetStringWidth(s), pdf.GetStringSymbolWidth(s)
	}
	for _, tc := range []struct{ name, style string }{{"Regular", ""}, {"Bold", "B"}} {
		t.Run(tc.name, func(t *testing.T) {
			face := Regular()
			if tc.style == "B" {
				face = Bold()
			}
			for _, s := range []string{lines[len(lines)-1], strings.Join(lines, " ")} {
				fw, fsw := measure(regularTTF, boldTTF, tc.style, s)
				cw, csw := measure(subR, subB, tc.style, s)
				if fw != cw || fsw != csw || fw == 0 {
					t.Errorf("GetStringWidth(%.30q…) = %v (%d/1000 em) with subset, %v (%d) with full font", s, cw, csw, fw, fsw)
				}
				sum := 0
				for _, r := range s {
					a, _ := face.Advance(r)
					sum += a
				}
				if sum != fsw {
					t.Errorf("sum of Advance = %d, fpdf's GetStringSymbolWidth = %d", sum, fsw)
				}
			}
		})
	}
}

func TestPDFWithSubset(t *testing.T) {
	requireTool(t, "pdftotext")
	requireTool(t, "pdffonts")
	requireTool(t, "qpdf")
	for _, tc := range []struct {
		name  string
		lines []string
	}{
		{"proforma invoice heading and amount in words", []string{"形式发票 Proforma Invoice", "壹仟肆佰零玖元伍角 ¥1,234.50", "形式发票 Proforma Invoice 壹仟肆佰零玖元伍角 ¥1,234.50"}},
		{"English-only commercial invoice", []string{"COMMERCIAL INVOICE", "Total: USD 12,345.67"}},
		{"full bilingual invoice page", invoiceLines(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runes := runesOf(tc.lines...)
			reg, err := Regular().Subset(runes)
			if err != nil {
				t.Fatal(err)
			}
			bold, err := Bold().Subset(runes)
			if err != nil {
				t.Fatal(err)
			}
			pdf, err := renderPDF(reg, bold, tc.lines)
			if err != nil {
				t.Fatal(err)
			}
			again, err := renderPDF(reg, bold, tc.lines)
			if err != nil || !bytes.Equal(pdf, again) {
				t.Errorf("rendering twice gave different PDFs (err %v)", err)
			}
			path := t.TempDir() + "/invoice.pdf"
			if err := os.WriteFile(path, pdf, 0o644); err != nil {
				t.Fatal(err)
			}

			out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			// pdftotext turns runs of spaces into one.
			text := strings.Join(strings.Fields(string(out)), " ")
			for _, l := range tc.lines {
				if !strings.Contains(text, strings.Join(strings.Fields(l), " ")) {
					t.Errorf("pdftotext output lacks %q", l)
				}
			}

			out, err = exec.Command("pdffonts", path).CombinedOutput()
			if err != nil {
				t.Fatalf("pdffonts: %v\n%s", err, out)
			}
			fontLines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
			if len(fontLines) != 2 {
				t.Fatalf("pdffonts lists %d fonts, want Regular and Bold:\n%s", len(fontLines), out)
			}
			for _, l := range fontLines {
				f := strings.Fields(l)
				// name type… encoding emb sub uni object ID
				if !strings.Contains(l, "CID TrueType") || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
					t.Errorf("font not embedded as CID TrueType with ToUnicode: %s", l)
				}
			}

			out, err = exec.Command("qpdf", "--check", path).CombinedOutput()
			if err != nil {
				t.Errorf("qpdf --check: %v\n%s", err, out)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	sub, err := Regular().Subset([]rune("Invoice"))
	if err != nil {
		t.Fatal(err)
	}
	withTag := func(tag string) []byte { return append([]byte(tag), sub[4:]...) }
	tooManyGlyphs := slices.Clone(sub)
	binary16(tooManyGlyphs[findTable(sub, "maxp")+4:], 0xFFFF) // more glyphs than hmtx and loca hold
	restricted := slices.Clone(sub)
	binary16(restricted[findTable(sub, "OS/2")+8:], 0x0002) // fsType: restricted licence
	noSubsetting := slices.Clone(sub)
	binary16(noSubsetting[findTable(sub, "OS/2")+8:], 0x0100) // fsType: no subsetting
	shortLoca := slices.Clone(sub)
	binary16(shortLoca[findRecord(sub, "loca")+14:], 4) // loca's length: one entry
	for _, tc := range []struct {
		name    string
		ttf     []byte
		want    error
		message string
	}{
		{"TrueType collection (.ttc) from /usr/share/fonts", withTag("ttcf"), ErrUnsupportedFont, "collection"},
		{"CFF-flavoured OpenType (.otf) such as Debian's Noto CJK", withTag("OTTO"), ErrUnsupportedFont, "fpdf needs TrueType glyf outlines"},
		{"WOFF2 web font", withTag("wOF2"), ErrUnsupportedFont, "not a TrueType font"},
		{"PDF uploaded instead of a font", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"), ErrUnsupportedFont, "not a TrueType font"},
		{"empty file", nil, ErrUnsupportedFont, "too short"},
		{"file cut off after the table directory", sub[:200], ErrMalformedFont, "past the end"},
		{"glyph count larger than the metrics table", tooManyGlyphs, ErrMalformedFont, "hmtx"},
		{"commercial font licensed for viewing only", restricted, ErrEmbeddingForbidden, "fsType 0x0002"},
		{"font that must be embedded whole", noSubsetting, ErrEmbeddingForbidden, "fsType 0x0100"},
		{"loca table shorter than the glyph count", shortLoca, ErrMalformedFont, "loca"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("upload", tc.ttf)
			if err == nil {
				t.Fatalf("Parse accepted it (%d glyphs)", f.NumGlyphs())
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q does not mention %q", err, tc.message)
			}
		})
	}
}

// findRecord is the offset of tag's table record in the directory.
func findRecord(ttf []byte, tag string) int {
	for i := range int(u16(ttf, 4)) {
		if string(ttf[12+16*i:16+16*i]) == tag {
			return 12 + 16*i
		}
	}
	panic("no table " + tag)
}

// findRecordOK is findRecord, or -1 when ttf has no table tag.
func findRecordOK(ttf []byte, tag string) int {
	for i := range int(u16(ttf, 4)) {
		if string(ttf[12+16*i:16+16*i]) == tag {
			return 12 + 16*i
		}
	}
	return -1
}

// findTable is the offset of tag's table.
func findTable(ttf []byte, tag string) int { return int(u32(ttf, findRecord(ttf, tag)+8)) }

func binary16(b []byte, v uint16) { b[0], b[1] = byte(v>>8), byte(v) }

// FuzzParse feeds hostile bytes to Parse and Subset: they must return
// errors, never panic, and any subset they produce must parse again.
func FuzzParse(f *testing.F) {
	sub, err := Regular().Subset([]rune("形式发票 Proforma Invoice ÀÉ ¥1,234.50"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sub)
	f.Add(append([]byte("ttcf"), sub[4:]...))
	f.Add(append([]byte("OTTO"), sub[4:]...))
	f.Add([]byte("\x00\x01\x00\x00\x00\x01"))
	f.Add(regularTTF[:4096])
	f.Fuzz(func(t *testing.T, ttf []byte) {
		face, err := Parse("fuzz", ttf)
		if err != nil {
			return
		}
		runes := []rune("形式发票 Proforma Invoice ÀÉ ¥\uFFFF\U00020BB7")
		for r := rune(0); r < 0x200; r++ {
			runes = append(runes, r)
		}
		for _, r := range runes {
			face.Covers(r)
			face.Advance(r)
		}
		out, err := face.Subset(runes)
		if err != nil {
			return
		}
		if _, err := Parse("fuzz subset", out); err != nil {
			t.Fatalf("subset of a font Parse accepted does not parse: %v", err)
		}
	})
}

// A subset keeps the font's copyright and licence notices and the names
// fpdf and viewers show, but not the designer credits, description and
// variation names that would otherwise ride along in every PDF twice.
func TestSubsetKeepsNoticesAndNames(t *testing.T) {
	for _, face := range []*Face{Regular(), Bold()} {
		t.Run(face.Name(), func(t *testing.T) {
			ttf, err := face.Subset(Runes("Proforma Invoice 形式发票"))
			if err != nil {
				t.Fatal(err)
			}
			f, err := sfnt.Parse(ttf)
			if err != nil {
				t.Fatal(err)
			}
			var buf sfnt.Buffer
			for _, tc := range []struct {
				id   sfnt.NameID
				want string // a part of the name; "" means absent
			}{
				{sfnt.NameIDCopyright, "Adobe"},
				{sfnt.NameIDFamily, "Noto Sans SC"},
				{sfnt.NameIDPostScript, "NotoSansSC-"},
				{sfnt.NameIDLicense, "SIL Open Font License"},
				{sfnt.NameIDLicenseURL, "OFL"},
				{sfnt.NameIDDesigner, ""},
				{sfnt.NameIDDescription, ""},
			} {
				got, err := f.Name(&buf, tc.id)
				switch {
				case tc.want == "" && err == nil:
					t.Errorf("name %d is still there: %q", tc.id, got)
				case tc.want != "" && !strings.Contains(got, tc.want):
					t.Errorf("name %d = %q (%v), want it to contain %q", tc.id, got, err, tc.want)
				}
			}
			// The bundled faces' whole name table is 2,116 bytes.
			if size := u32(ttf, findRecord(ttf, "name")+12); size > 1000 {
				t.Errorf("name table is %d bytes, want at most 1000", size)
			}
		})
	}
}
