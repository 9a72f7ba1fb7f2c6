// Package fonts holds the typefaces tradedocs draws invoices with: Noto Sans
// SC Regular and Bold (SIL Open Font License 1.1, see OFL.txt), which cover
// all of GB2312 and Big5 as well as Latin, ¥ and €, embedded in the binary.
//
// A full face is ~10 MB and costs fpdf tens of milliseconds to parse, so a
// document is given a subset holding only the glyphs it uses:
//
//	runes := fonts.Runes(allTextsOfTheDocument...)
//	for _, r := range runes {
//		if !fonts.Regular().Covers(r) { /* report it: it would print blank */ }
//	}
//	sub, err := fonts.Regular().Subset(runes)
//	pdf.AddUTF8FontFromBytes("noto", "", sub) // then check pdf.Err()
//
// Every rune the document draws with a face must be in the set given to
// that face's Subset (including page-number digits), or fpdf draws it as
// .notdef and measures it with the wrong width.
package fonts

import (
	_ "embed"
	"sync"
)

//go:embed NotoSansSC-Regular.ttf
var regularTTF []byte

//go:embed NotoSansSC-Bold.ttf
var boldTTF []byte

var (
	regularOnce, boldOnce sync.Once
	regular, bold         *Face
)

// Regular is the bundled Noto Sans SC Regular face, parsed once per process.
func Regular() *Face {
	regularOnce.Do(func() { regular = mustParse("NotoSansSC-Regular", regularTTF) })
	return regular
}

// Bold is the bundled Noto Sans SC Bold face, parsed once per process.
func Bold() *Face {
	boldOnce.Do(func() { bold = mustParse("NotoSansSC-Bold", boldTTF) })
	return bold
}

func mustParse(name string, ttf []byte) *Face {
	f, err := Parse(name, ttf)
	if err != nil {
		panic("fonts: bundled font " + name + " is broken: " + err.Error())
	}
	return f
}
