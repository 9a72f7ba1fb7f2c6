package fonts

import (
	"bytes"
	"testing"
)

// SubsetMap describes the subset it cuts truly: reading the file back, each
// listed rune has the listed glyph and advance, no other rune is mapped,
// and the file is the one Subset gives.
func TestSubsetMapDescribesTheSubset(t *testing.T) {
	for _, tc := range []struct {
		name string
		face *Face
		text string
	}{
		{"bilingual invoice line", Regular(), "LED desk lamp 护眼台灯 × 12 pcs USD 1,234.50"},
		{"bold totals", Bold(), "TOTAL 合计 9,876.00"},
		{"text with characters the face lacks", Regular(), "lamp \U0001F600 \u0378"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cut, err := tc.face.SubsetMap([]rune(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			ttf, err := tc.face.Subset([]rune(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(cut.TTF, ttf) {
				t.Error("SubsetMap's file differs from Subset's")
			}
			back, err := Parse("subset", cut.TTF)
			if err != nil {
				t.Fatal(err)
			}
			if len(cut.Glyphs) != len(cut.Runes) || len(cut.Advances) != len(cut.Runes) {
				t.Fatalf("%d runes, %d glyphs, %d advances", len(cut.Runes), len(cut.Glyphs), len(cut.Advances))
			}
			listed := map[rune]bool{}
			for i, r := range cut.Runes {
				if i > 0 && r <= cut.Runes[i-1] {
					t.Errorf("runes not ascending at %U", r)
				}
				listed[r] = true
				if g := back.bmp[r]; g != cut.Glyphs[i] {
					t.Errorf("%q: listed glyph %d, subset's cmap %d", r, cut.Glyphs[i], g)
				}
				if adv, _ := back.metrics(int(cut.Glyphs[i])); adv != cut.Advances[i] {
					t.Errorf("%q: listed advance %d, subset's hmtx %d", r, cut.Advances[i], adv)
				}
				if adv, _ := tc.face.metrics(int(tc.face.bmp[r])); adv != cut.Advances[i] {
					t.Errorf("%q: listed advance %d, full face's %d", r, cut.Advances[i], adv)
				}
			}
			for r := range rune(0xFFFF) {
				if back.Covers(r) && !listed[r] {
					t.Errorf("subset maps %q, which SubsetMap does not list", r)
				}
			}
			if !listed[' '] {
				t.Error("the space is not listed")
			}
		})
	}
}
