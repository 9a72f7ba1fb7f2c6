package fpdf

import (
	"os"
	"testing"
)

// parsedFont parses ttf as AddUTF8FontFromBytes does.
func parsedFont(t *testing.T, ttf []byte) *utf8FontFile {
	t.Helper()
	f := newUTF8Font(&fileReader{array: ttf})
	if err := f.parseFile(); err != nil {
		t.Fatal(err)
	}
	return f
}

// drawn is the used-rune map fpdf keeps for a font after drawing text.
func drawn(text string) map[int]int {
	used := makeSubsetRange(57)
	for _, r := range text {
		used[int(r)] = int(r)
	}
	return used
}

// TestEmbedAsGiven checks tradedocs patch 8: a font that holds only what
// the document draws is embedded byte for byte, anything else is cut.
func TestEmbedAsGiven(t *testing.T) {
	full, err := os.ReadFile(example("DejaVuSansCondensed.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	// Ä is a composite of A and the dieresis: the cut holds both
	// components, which no rune maps to.
	subset := UTF8CutFont(full, "Äb c")
	for _, tc := range []struct {
		name    string
		ttf     []byte
		text    string
		asGiven bool
	}{
		{"subset of exactly the drawn characters", subset, "Äb c", true},
		{"subset drawn in full, twice over", subset, "c bÄÄb", true},
		{"subset whose space was never drawn (no outline)", subset, "Äbc", true},
		{"subset with an outline the document does not draw", subset, "Ä c", false},
		{"whole font with layout tables", full, "Äb c", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := parsedFont(t, tc.ttf)
			used := drawn(tc.text)
			out := f.GenerateCutFont(used)
			// As given means the very bytes passed in, not a cut that
			// happens to equal them (cutting fpdf's own cut again with the
			// same runes reproduces it).
			got := len(out) > 0 && &out[0] == &tc.ttf[0]
			if got != tc.asGiven {
				t.Fatalf("embedded as given = %v, want %v (%d bytes in, %d out)", got, tc.asGiven, len(tc.ttf), len(out))
			}
			// The CIDToGIDMap must send each drawn rune to its glyph in
			// the embedded font.
			emb := parsedFont(t, out)
			for _, r := range tc.text {
				want := emb.parsedCharSymbolDictionary[int(r)]
				if got := f.CodeSymbolDictionary[int(r)]; got != want || got == 0 {
					t.Errorf("rune %q: CIDToGIDMap glyph %d, embedded font's cmap says %d", r, got, want)
				}
			}
			if f.LastRune != int('Ä') {
				t.Errorf("LastRune = %d, want %d", f.LastRune, 'Ä')
			}
		})
	}
}

// example is the path of a file in the font directory.
func example(name string) string { return "testdata/" + name }
