package fpdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"strconv"
	"testing"
)

// fontPrograms returns the decompressed embedded TrueType programs of a
// PDF written by fpdf (the streams whose dictionary has /Length1).
func fontPrograms(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("/Length1 "))
		if i < 0 {
			return out
		}
		rest = rest[i:]
		j := bytes.Index(rest, []byte("stream\n"))
		k := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 || k < j {
			t.Fatal("font stream without stream/endstream")
		}
		zr, err := zlib.NewReader(bytes.NewReader(rest[j+len("stream\n") : k]))
		if err != nil {
			t.Fatal(err)
		}
		ttf, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ttf)
		rest = rest[k:]
	}
}

// subsetDoc draws text with a font added by AddUTF8FontSubsetFromBytes.
func subsetDoc(t *testing.T, ttf []byte, text string) []byte {
	t.Helper()
	return subsetDocZ(t, ttf, text, false)
}

// subsetDocZ is subsetDoc with the font compressed fast or not.
func subsetDocZ(t *testing.T, ttf []byte, text string, fast bool) []byte {
	t.Helper()
	pdf := New("P", "mm", "A4", "")
	pdf.SetFastFontCompression(fast)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(fixedDate)
	pdf.SetModificationDate(fixedDate)
	pdf.AddUTF8FontSubsetFromBytes("dejavu", "", ttf)
	pdf.AddPage()
	pdf.SetFont("dejavu", "", 12)
	pdf.Text(10, 20, text)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	pdf.RecycleFontTables()
	return buf.Bytes()
}

// emptyCaches forgets every kept parse and stream (patches 13 and 17).
func emptyCaches() {
	fontStreams.forget()
	parsedFonts.mu.Lock()
	parsedFonts.entries = nil
	parsedFonts.mu.Unlock()
}

// cidToGIDMap is the decompressed CIDToGIDMap of a PDF with one UTF-8 font:
// the one stream that inflates to 131,072 bytes.
func cidToGIDMap(t *testing.T, pdf []byte) []byte {
	t.Helper()
	var found []byte
	for rest := pdf; ; {
		j := bytes.Index(rest, []byte("stream\n"))
		if j < 0 {
			break
		}
		rest = rest[j+len("stream\n"):]
		k := bytes.Index(rest, []byte("\nendstream"))
		if k < 0 {
			break
		}
		if zr, err := zlib.NewReader(bytes.NewReader(rest[:k])); err == nil {
			if b, err := io.ReadAll(zr); err == nil && len(b) == 256*256*2 {
				if found != nil {
					t.Fatal("two CIDToGIDMaps")
				}
				found = b
			}
		}
		rest = rest[k+len("\nendstream"):]
	}
	if found == nil {
		t.Fatal("no CIDToGIDMap")
	}
	return found
}

// TestSharedSubset checks tradedocs patches 13 and 17: a subset cut for a
// proforma and a commercial invoice together is embedded as given in each,
// with the glyphs only the other one draws; its compressed program and
// its CIDToGIDMap (which maps every rune of the subset) are made once; and
// the PDFs are the same bytes with the caches cold or warm.
func TestSharedSubset(t *testing.T) {
	full, err := os.ReadFile(example("DejaVuSansCondensed.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	pi, ci := "Proforma Äb 30%", "Commercial Äb ¥"
	shared := UTF8CutFont(full, pi+ci)

	emptyCaches()
	coldPI := subsetDoc(t, shared, pi)
	coldCI := subsetDoc(t, shared, ci)
	cached := fontStreams.len()
	if cached != 1 {
		t.Errorf("%d compressed programs cached for two documents sharing one subset, want 1", cached)
	}
	if !bytes.Equal(cidToGIDMap(t, coldPI), cidToGIDMap(t, coldCI)) {
		t.Error("PI and CI sharing a subset have different CIDToGIDMaps")
	}
	cmap := parsedFont(t, shared).parsedCharSymbolDictionary
	m := cidToGIDMap(t, coldPI)
	for _, r := range pi + ci {
		if g := int(m[2*r])<<8 | int(m[2*r+1]); g == 0 || g != cmap[int(r)] {
			t.Errorf("CIDToGIDMap sends %q to glyph %d, the subset's cmap to %d", r, g, cmap[int(r)])
		}
	}
	for _, tc := range []struct {
		name string
		cold []byte
		text string
	}{{"proforma", coldPI, pi}, {"commercial", coldCI, ci}} {
		t.Run(tc.name, func(t *testing.T) {
			progs := fontPrograms(t, tc.cold)
			if len(progs) != 1 || !bytes.Equal(progs[0], shared) {
				t.Fatalf("embedded font is not the shared subset as given (%d programs)", len(progs))
			}
			if !bytes.Contains(tc.cold, []byte("/Length1 "+strconv.Itoa(len(shared)))) {
				t.Error("/Length1 is not the subset's length")
			}
			if warm := subsetDoc(t, shared, tc.text); !bytes.Equal(warm, tc.cold) {
				t.Error("PDF made from the kept parse and streams differs from the first")
			}
		})
	}

	t.Run("whole font is still cut", func(t *testing.T) {
		progs := fontPrograms(t, subsetDoc(t, full, pi))
		if len(progs) != 1 || len(progs[0]) >= len(full)/2 {
			t.Fatalf("whole font embedded as given: %d bytes of %d", len(progs[0]), len(full))
		}
	})
}

// wArray is the /W entry of a PDF's first CID font.
func wArray(t *testing.T, pdf []byte) string {
	t.Helper()
	i := bytes.Index(pdf, []byte("/W ["))
	if i < 0 {
		t.Fatal("no /W array")
	}
	j := bytes.IndexByte(pdf[i:], ']')
	return string(pdf[i : i+j+1])
}

// TestReplaceUTF8FontBytes checks tradedocs patch 16: a document drawn with
// a stand-in font and given its real subset afterwards embeds that subset
// as given, with the widths and glyph map it would have had if drawn with
// the subset from the start.
func TestReplaceUTF8FontBytes(t *testing.T) {
	full, err := os.ReadFile(example("DejaVuSansCondensed.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	text := "Invoice Äb 1,234.50 €"
	standIn, real := UTF8CutFont(full, " "), UTF8CutFont(full, text)
	draw := func(first, final []byte) ([]byte, *Fpdf) {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCatalogSort(true)
		pdf.SetCreationDate(fixedDate)
		pdf.SetModificationDate(fixedDate)
		pdf.AddUTF8FontSubsetFromBytes("dejavu", "", first)
		pdf.AddPage()
		pdf.SetFont("dejavu", "", 12)
		pdf.Text(10, 20, text)
		if final != nil {
			pdf.ReplaceUTF8FontBytes("dejavu", "", final)
		}
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), pdf
	}
	direct, _ := draw(real, nil)
	replaced, pdf := draw(standIn, real)
	progs := fontPrograms(t, replaced)
	if len(progs) != 1 || !bytes.Equal(progs[0], real) {
		t.Fatalf("embedded font is not the replacement as given (%d programs)", len(progs))
	}
	if got, want := wArray(t, replaced), wArray(t, direct); got != want {
		t.Errorf("widths after replacement %s, drawn with the subset %s", got, want)
	}
	if again, _ := draw(standIn, real); !bytes.Equal(again, replaced) {
		t.Error("same drawing and replacement gave different bytes")
	}
	pdf.RecycleFontTables()
	// Documents share stand-ins but not their real subsets: the cache of
	// compressed programs must tell them apart.
	other := UTF8CutFont(full, text+" Ωμέγα")
	if progs := fontPrograms(t, func() []byte { b, _ := draw(standIn, other); return b }()); len(progs) != 1 || !bytes.Equal(progs[0], other) {
		t.Error("a second document with the same stand-in embeds the first one's subset")
	}

	t.Run("refused for a font never added", func(t *testing.T) {
		pdf := New("P", "mm", "A4", "")
		pdf.ReplaceUTF8FontBytes("nosuch", "", real)
		if !pdf.Err() {
			t.Fatal("no error")
		}
	})
	t.Run("refused once the document is closed", func(t *testing.T) {
		pdf := New("P", "mm", "A4", "")
		pdf.AddUTF8FontSubsetFromBytes("dejavu", "", standIn)
		pdf.AddPage()
		pdf.Close()
		pdf.ReplaceUTF8FontBytes("dejavu", "", real)
		if !pdf.Err() {
			t.Fatal("no error")
		}
	})
}

// TestFastFontCompression checks tradedocs patch 18: a document may have
// its font programs compressed at a fast level; they decode to the same
// font, and the cache of compressed programs keeps the two levels apart.
func TestFastFontCompression(t *testing.T) {
	full, err := os.ReadFile(example("DejaVuSansCondensed.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	text := "Fast and default: Äb ¥ 1,234.50"
	sub := UTF8CutFont(full, text)
	emptyCaches()
	def := subsetDocZ(t, sub, text, false)
	fast := subsetDocZ(t, sub, text, true)
	if bytes.Equal(def, fast) {
		t.Fatal("fast compression gave the same PDF as the default level")
	}
	for name, pdf := range map[string][]byte{"default": def, "fast": fast} {
		if progs := fontPrograms(t, pdf); len(progs) != 1 || !bytes.Equal(progs[0], sub) {
			t.Errorf("%s: embedded font does not decode to the subset", name)
		}
	}
	if again := subsetDocZ(t, sub, text, false); !bytes.Equal(again, def) {
		t.Error("default level after a fast document: the cache mixed the levels")
	}
	emptyCaches()
	if cold := subsetDocZ(t, sub, text, true); !bytes.Equal(cold, fast) {
		t.Error("fast compression is not deterministic")
	}
}

// A subset fpdf cannot parse is an error of the document, not a message on
// standard output and a font that silently goes missing.
func TestBrokenSubsetIsAnError(t *testing.T) {
	pdf := New("P", "mm", "A4", "")
	pdf.AddUTF8FontSubsetFromBytes("broken", "", []byte("\x00\x01\x00\x00 not a font"))
	if !pdf.Err() {
		t.Fatal("no error for a font that cannot be parsed")
	}
	full, err := os.ReadFile(example("DejaVuSansCondensed.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	pdf = New("P", "mm", "A4", "")
	pdf.AddUTF8FontSubsetFromBytes("dejavu", "", UTF8CutFont(full, " "))
	pdf.ReplaceUTF8FontBytes("dejavu", "", []byte("\x00\x01\x00\x00 truncated"))
	if !pdf.Err() {
		t.Fatal("no error for a replacement that cannot be parsed")
	}
}

// TestUseRunes checks tradedocs patch 19: recording runes through the bit
// set gives the same usedRunes map as recording every occurrence.
func TestUseRunes(t *testing.T) {
	for _, text := range []string{
		"",
		"Total 合计 Total 合计 1,234.50",
		"\u0000\u003f\u0040\uffff",
		"beyond the plane: 😀 𠀀 😀",
	} {
		font := fontDefType{usedRunes: makeSubsetRange(57), usedBits: new([0x10000 / 64]uint64)}
		want := makeSubsetRange(57)
		for _, r := range text {
			want[int(r)] = int(r)
		}
		font.useRunes(text)
		font.useRunes(text) // twice: nothing changes
		if len(font.usedRunes) != len(want) {
			t.Fatalf("%q: %d runes recorded, want %d", text, len(font.usedRunes), len(want))
		}
		for r, v := range want {
			if got, ok := font.usedRunes[r]; !ok || got != v {
				t.Errorf("%q: rune %U recorded as %d (%v), want %d", text, r, got, ok, v)
			}
		}
	}
}
