package fonts

import (
	"golang.org/x/image/font/sfnt"
)

// Face is a TrueType typeface that documents are drawn with.
//
// TEMPORARY: this first version checks coverage with x/image/font/sfnt and
// hands out the whole font; the subsetting version replaces it.
type Face struct {
	name string
	ttf  []byte
	f    *sfnt.Font
	buf  sfnt.Buffer
}

// Parse reads a TrueType (glyf-outline) font; name is how PDFs will call it.
func Parse(name string, ttf []byte) (*Face, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	return &Face{name: name, ttf: ttf, f: f}, nil
}

// Name is the face's name as it appears in PDFs.
func (f *Face) Name() string { return f.name }

// Covers reports whether the face has a glyph for r.
func (f *Face) Covers(r rune) bool {
	var b sfnt.Buffer
	g, err := f.f.GlyphIndex(&b, r)
	return err == nil && g != 0
}

// Subset returns a TrueType font holding the glyphs for runes.
func (f *Face) Subset(runes []rune) ([]byte, error) { return f.ttf, nil }
