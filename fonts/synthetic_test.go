package fonts

import (
	"encoding/binary"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The bundled Noto Sans SC has no composite glyphs, but other TrueType
// fonts build accented letters (Á = A + ´) from components. These tests
// build such a font from Noto's own outlines.

// buildFont assembles a TrueType font from glyph data, advance widths and
// a cmap, borrowing Noto Sans SC Regular's head, hhea, maxp, OS/2, name
// and post tables.
func buildFont(t *testing.T, glyphs [][]byte, advances []uint16, cmap map[rune]int) []byte {
	t.Helper()
	base := Regular()
	n := len(glyphs)
	var glyf, loca, hmtx []byte
	for i, g := range glyphs {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, g...)
		glyf = append(glyf, make([]byte, pad4(len(g))-len(g))...)
		hmtx = binary.BigEndian.AppendUint16(hmtx, advances[i])
		hmtx = binary.BigEndian.AppendUint16(hmtx, 0)
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	head := slices.Clone(base.head[:54])
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(base.hhea)
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(base.maxp)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	var rs []rune
	for r := range cmap {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	gs := make([]int, len(rs))
	for i, r := range rs {
		gs[i] = cmap[r]
	}
	cm, err := subsetCmap(rs, gs)
	if err != nil {
		t.Fatal(err)
	}
	return assemble([]table{
		{tag: "OS/2", data: base.os2}, {tag: "cmap", data: cm}, {tag: "glyf", data: glyf}, {tag: "head", data: head},
		{tag: "hhea", data: hhea}, {tag: "hmtx", data: hmtx}, {tag: "loca", data: loca}, {tag: "maxp", data: maxp},
		{tag: "name", data: base.name_}, {tag: "post", data: base.post},
	})
}

// composite is composite glyph data with the given components, each
// offset by (dx, dy) font units.
func composite(parts ...[3]int) []byte {
	b := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0x03, 0xE8, 0x03, 0xE8} // numberOfContours -1, bbox
	for i, p := range parts {
		flags := uint16(0x0001 | 0x0002) // words, x/y offsets
		if i < len(parts)-1 {
			flags |= moreComponents
		}
		b = binary.BigEndian.AppendUint16(b, flags)
		b = binary.BigEndian.AppendUint16(b, uint16(p[0]))
		b = binary.BigEndian.AppendUint16(b, uint16(int16(p[1])))
		b = binary.BigEndian.AppendUint16(b, uint16(int16(p[2])))
	}
	return b
}

func TestSubsetCompositeGlyphs(t *testing.T) {
	full := Regular()
	outline := func(r rune) []byte {
		g, err := full.glyph(int(full.bmp[r]))
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	// 0 .notdef, 1 space, 2 A, 3 acute (unmapped), 4 Á = A + acute,
	// 5 Ǻ = Á + ring (nested), 6 ring (unmapped), 7 a glyph that names
	// itself as a component (a loop in a broken font).
	glyphs := [][]byte{
		outline('\uFFFD'), nil, outline('A'), outline('\''),
		composite([3]int{2, 0, 0}, [3]int{3, 250, 700}),
		composite([3]int{4, 0, 0}, [3]int{6, 200, 900}),
		outline('o'),
		composite([3]int{7, 0, 0}),
	}
	advances := []uint16{1000, 224, 620, 200, 620, 620, 560, 500}
	ttf := buildFont(t, glyphs, advances, map[rune]int{' ': 1, 'A': 2, 'Á': 4, 'Ǻ': 5, '∞': 7})
	face, err := Parse("composite test", ttf)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name       string
		text       string
		wantGlyphs int
	}{
		{"accented capital built from two components", "Á", 5}, // .notdef, space, Á, A, acute
		{"accent nested in an accented letter", "Ǻ", 7},        // + Ǻ, ring
		{"base letter also used on its own", "AÁ", 5},          // A is shared, not duplicated
		{"composite that contains itself", "∞", 3},             // .notdef, space, ∞
		{"everything at once", "Ǻ∞AÁ", 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub, err := face.Subset([]rune(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			cut, err := Parse("subset", sub)
			if err != nil {
				t.Fatal(err)
			}
			if cut.NumGlyphs() != tc.wantGlyphs {
				t.Errorf("subset has %d glyphs, want %d", cut.NumGlyphs(), tc.wantGlyphs)
			}
			// Every component index must point at a glyph of the subset.
			for g := range cut.NumGlyphs() {
				data, err := cut.glyph(g)
				if err != nil {
					t.Fatal(err)
				}
				_ = components(data, func(at int) error {
					if c := int(u16(data, at)); c >= cut.NumGlyphs() {
						t.Errorf("glyph %d refers to component %d of %d", g, c, cut.NumGlyphs())
					}
					return nil
				})
			}
			checkChecksums(t, sub)
			// Outlines drawn by an independent rasterizer's loader match.
			a, err := sfnt.Parse(ttf)
			if err != nil {
				t.Fatal(err)
			}
			b, err := sfnt.Parse(sub)
			if err != nil {
				t.Fatal(err)
			}
			var ab, bb sfnt.Buffer
			for _, r := range tc.text {
				if r == '∞' {
					continue // a loop: no outline to compare
				}
				ag, _ := a.GlyphIndex(&ab, r)
				bg, _ := b.GlyphIndex(&bb, r)
				as, err1 := a.LoadGlyph(&ab, ag, fixed.I(1000), nil)
				as = slices.Clone(as)
				bs, err2 := b.LoadGlyph(&bb, bg, fixed.I(1000), nil)
				if err1 != nil || err2 != nil || len(as) == 0 {
					t.Fatalf("%q: LoadGlyph: %v, %v (%d segments)", r, err1, err2, len(as))
				}
				if !slices.Equal(as, bs) {
					t.Errorf("%q: outline differs after subsetting", r)
				}
				aa, _ := face.Advance(r)
				ba, _ := cut.Advance(r)
				if aa != ba || aa == 0 {
					t.Errorf("%q: advance %d after subsetting, %d before", r, ba, aa)
				}
			}
		})
	}
}

func TestSubsetRejectsBrokenComposite(t *testing.T) {
	for _, tc := range []struct {
		name  string
		glyph []byte
	}{
		{"component glyph beyond the font", composite([3]int{400, 0, 0})},
		{"component list cut off", composite([3]int{1, 0, 0}, [3]int{1, 0, 0})[:16]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ttf := buildFont(t, [][]byte{nil, nil, tc.glyph}, []uint16{1000, 224, 500}, map[rune]int{' ': 1, 'X': 2})
			face, err := Parse("broken", ttf)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := face.Subset([]rune("X")); err == nil {
				t.Error("Subset accepted a broken composite glyph")
			}
		})
	}
}

func TestSubsetFontWithoutSpace(t *testing.T) {
	full := Regular()
	a, err := full.glyph(int(full.bmp['A']))
	if err != nil {
		t.Fatal(err)
	}
	// A display font that maps CR (as many fonts do) but has no space.
	ttf := buildFont(t, [][]byte{nil, nil, a}, []uint16{1000, 0, 620}, map[rune]int{'\r': 1, 'A': 2})
	face, err := Parse("no space", ttf)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		text string
		want string // runes the subset covers
	}{
		{"capital letter only", "A A", "A"},
		{"line with a carriage return", "A\r\n", "\rA"},
		{"nothing the font has", "xyz", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub, err := face.Subset([]rune(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			cut, err := Parse("subset", sub)
			if err != nil {
				t.Fatal(err)
			}
			var got []rune
			for r := rune(0); r < 0x80; r++ {
				if cut.Covers(r) {
					got = append(got, r)
				}
			}
			if string(got) != tc.want {
				t.Errorf("subset covers %q, want %q", string(got), tc.want)
			}
			if cut.NumGlyphs() != 1+len(tc.want) {
				t.Errorf("subset has %d glyphs, want .notdef + %d", cut.NumGlyphs(), len(tc.want))
			}
		})
	}
}
