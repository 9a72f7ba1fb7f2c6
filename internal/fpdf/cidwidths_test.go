package fpdf

import (
	"math/rand/v2"
	"testing"
)

// cidWidths writes the very /W arrays v0.9.0's PHP-style builder wrote, on
// widths made to hit every branch: runs of equal widths of every length,
// repeats after a different width, gaps in the code points, widths equal
// to /DW that are left out, zero widths (65535), Latin-1 and CJK ranges.
func TestCIDWidthsAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 24))
	cw := make([]int, widthTableLen)
	for i := range 20000 {
		clear(cw)
		font := &fontDefType{Cw: cw, usedRunes: map[int]int{}}
		alphabet := 1 + rng.IntN(4) // few distinct widths: many runs and repeats
		widths := []int{500, 1000, 278, 65535, 600}
		if rng.IntN(2) == 0 {
			font.Desc.MissingWidth = 1000
		}
		// Code points in a few clusters, with gaps.
		lastRune := 0
		for c := 0; c < 1+rng.IntN(6); c++ {
			base := []int{1, 32, 200, 0x4E00, 0x4E00 + rng.IntN(2000), 0xFF00}[rng.IntN(6)]
			for k := 0; k < 1+rng.IntN(40); k++ {
				r := base + k
				if rng.IntN(8) == 0 {
					continue // a gap
				}
				font.Cw[r] = widths[rng.IntN(alphabet)]
				if rng.IntN(4) > 0 {
					font.usedRunes[r] = r
				} else {
					font.usedRunes[r] = 0 // listed in the map but not drawn
				}
				lastRune = max(lastRune, r)
			}
		}
		if rng.IntN(5) == 0 {
			lastRune = rng.IntN(lastRune + 1) // LastRune cuts the list short
		}
		want := generateCIDFontMapReference(font, lastRune)
		if got := cidWidths(font, lastRune); got != want {
			t.Fatalf("case %d: /W differs:\n got %q\nwant %q", i, got, want)
		}
	}
}

func BenchmarkCIDWidths(b *testing.B) {
	font := &fontDefType{Cw: make([]int, widthTableLen), usedRunes: map[int]int{}}
	font.Desc.MissingWidth = 1000
	for r := 32; r < 127; r++ {
		font.Cw[r] = 300 + r%7*50
		font.usedRunes[r] = r
	}
	for r := 0x4E00; r < 0x4E00+250; r++ {
		font.Cw[r] = 1000
		font.usedRunes[r] = r
	}
	b.Run("typed", func(b *testing.B) {
		for b.Loop() {
			cidWidths(font, 0x4E00+250)
		}
	})
	b.Run("v0.9.0", func(b *testing.B) {
		for b.Loop() {
			generateCIDFontMapReference(font, 0x4E00+250)
		}
	})
}
