package fpdf

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/tradedocs/tradedocs/fonts"
)

// preparedDoc draws texts (regular, then bold) with stand-ins and gives the
// document its real subsets either as files fpdf parses (the path of
// patches 16 and 17) or as prepared fonts described by the cutter
// (patch 25).
func preparedDoc(t *testing.T, faces [2]*fonts.Face, texts [2]string, prepared bool) []byte {
	t.Helper()
	pdf := New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(fixedDate)
	pdf.SetModificationDate(fixedDate)
	styles := [2]string{"", "B"}
	for i, face := range faces {
		standIn, err := face.Subset([]rune{' '})
		if err != nil {
			t.Fatal(err)
		}
		if prepared {
			p, err := PrepareUTF8Font("doc", styles[i], standIn)
			if err != nil {
				t.Fatal(err)
			}
			pdf.AddPreparedUTF8Font(p)
		} else {
			pdf.AddUTF8FontSubsetFromBytes("doc", styles[i], standIn)
		}
	}
	pdf.AddPage()
	for i, text := range texts {
		pdf.SetFont("doc", styles[i], 11)
		pdf.Text(10, float64(20+10*i), text)
		pdf.CellFormat(60, 8, text, "1", 1, "R", false, 0, "") // uses the widths
	}
	for i, face := range faces {
		cut, err := face.SubsetMap([]rune(texts[0] + texts[1]))
		if err != nil {
			t.Fatal(err)
		}
		if prepared {
			standIn, _ := face.Subset([]rune{' '})
			p, _ := PrepareUTF8Font("doc", styles[i], standIn)
			sub, err := p.Subset(cut.TTF, cut.Runes, cut.Glyphs, cut.Advances)
			if err != nil {
				t.Fatal(err)
			}
			pdf.ReplaceUTF8FontPrepared(sub)
		} else {
			pdf.ReplaceUTF8FontBytes("doc", styles[i], cut.TTF)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	pdf.RecycleFontTables()
	return buf.Bytes()
}

// A document given prepared fonts is the same file, byte for byte, as one
// given the same font files to parse: the widths (/W, and the layout
// CellFormat does with them), CIDToGIDMap, descriptor and program all come
// out the same.
func TestPreparedFontsGiveTheSameBytes(t *testing.T) {
	var faces [2]*fonts.Face
	for i, name := range []string{"DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"} {
		ttf, err := os.ReadFile(example(name))
		if err != nil {
			t.Fatal(err)
		}
		if faces[i], err = fonts.Parse(name, ttf); err != nil {
			t.Fatal(err)
		}
	}
	bundled := [2]*fonts.Face{fonts.Regular(), fonts.Bold()}
	for _, tc := range []struct {
		name  string
		faces [2]*fonts.Face
		texts [2]string
	}{
		{"Latin invoice line with accents and symbols", faces, [2]string{"Proforma Äb 30% ¥ 1,234.50 — Ωmega", "TOTAL USD 12,345.67"}},
		{"bilingual caption in the bundled CJK faces", bundled, [2]string{"形式发票 Proforma Invoice 深圳市明途照明科技有限公司", "合计 TOTAL 美元 12,345.67"}},
		{"digits only", bundled, [2]string{"0123456789", "9876543210"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emptyCaches()
			parsed := preparedDoc(t, tc.faces, tc.texts, false)
			emptyCaches()
			prepared := preparedDoc(t, tc.faces, tc.texts, true)
			if !bytes.Equal(parsed, prepared) {
				t.Errorf("prepared fonts give a different PDF (%d bytes, parsed %d); /W %s vs %s",
					len(prepared), len(parsed), wArray(t, prepared), wArray(t, parsed))
			}
			if again := preparedDoc(t, tc.faces, tc.texts, true); !bytes.Equal(again, prepared) {
				t.Error("second prepared document (caches warm) differs from the first")
			}
		})
	}
}

func TestPreparedSubsetRefusesInconsistentMaps(t *testing.T) {
	standIn, err := fonts.Regular().Subset([]rune{' '})
	if err != nil {
		t.Fatal(err)
	}
	p, err := PrepareUTF8Font("doc", "", standIn)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name             string
		runes            []rune
		glyphs, advances []uint16
	}{
		{"fewer glyphs than runes", []rune("ab"), []uint16{1}, []uint16{500, 500}},
		{"runes out of order", []rune("ba"), []uint16{1, 2}, []uint16{500, 500}},
		{"rune twice", []rune("aa"), []uint16{1, 1}, []uint16{500, 500}},
		{"rune beyond the cmap", []rune{0xFFFF}, []uint16{1}, []uint16{500}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := p.Subset(standIn, tc.runes, tc.glyphs, tc.advances); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, err := PrepareUTF8Font("doc", "", []byte("not a font at all, just text")); err == nil {
		t.Error("PrepareUTF8Font took a file that is not a font")
	}
}

// The cache of compressed font streams is keyed by content: a subset that
// comes back after many others (the bold face of a batch) is found again,
// the least recently used entries go first, the budget holds, and the
// variants made from one file (map, program at two levels) are kept apart.
func TestContentCache(t *testing.T) {
	c := contentCache{budget: 10 * 1104}
	made := 0
	get := func(variant int, file []byte) []byte {
		return c.stream(variant, file, false, func() []byte {
			made++
			return append([]byte(fmt.Sprintf("v%d:", variant)), file[:100]...)
		})
	}
	file := func(i int) []byte { return bytes.Repeat([]byte{byte(i), byte(i >> 8)}, 500) }
	hot := file(9999)
	want := get(programVariant, hot)
	for i := range 200 {
		get(programVariant, file(i))
		if got := get(programVariant, hot); !bytes.Equal(got, want) {
			t.Fatalf("hot entry gave %q", got[:8])
		}
	}
	if made != 201 {
		t.Errorf("%d values made for 201 distinct files, want 201 (the hot one once)", made)
	}
	if c.used > c.budget || c.len() > 10 {
		t.Errorf("cache holds %d bytes in %d entries, budget %d", c.used, c.len(), c.budget)
	}
	fast := get(fastProgramVariant, hot)
	if bytes.Equal(fast, want) || !bytes.HasPrefix(fast, []byte("v2:")) {
		t.Errorf("the fast variant of a file got %q", fast[:3])
	}
	if got := get(programVariant, hot); !bytes.Equal(got, want) {
		t.Error("keeping a second variant lost the first")
	}
	before := made
	get(programVariant, file(0)) // evicted long ago
	if made != before+1 {
		t.Error("an evicted entry was not made again")
	}
	big := bytes.Repeat([]byte{7}, 20000)
	if v := get(programVariant, big); len(v) != 103 || c.used > c.budget {
		t.Errorf("a file bigger than the budget: value %d bytes, cache %d bytes", len(v), c.used)
	}
	total := 0
	for _, es := range c.entries {
		for _, e := range es {
			total += len(e.file)
			for _, v := range e.values {
				total += len(v)
			}
		}
	}
	if total != c.used {
		t.Errorf("cache counts %d bytes, holds %d", c.used, total)
	}
}
