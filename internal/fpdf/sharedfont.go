// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"fmt"
	"runtime"
	"sync"
)

// Font subsets shared by sibling documents (tradedocs patch 13, see
// PATCHES.md).
//
// Compressing an embedded font program is the largest single cost of a
// small document with a CJK font. Documents that are issued together (the
// proforma and the commercial invoice of one order) can embed one subset
// cut to the characters they draw between them: each then embeds the very
// same bytes, and the compressed program is made once and shared.

// AddUTF8FontSubsetFromBytes is AddUTF8FontFromBytes for a TrueType font
// the caller has already cut down to the characters of this document and
// perhaps of a few sibling documents. When it has only the tables a cut
// font has (see GenerateCutFont) it is embedded as given, never cut again,
// even with glyphs this document does not draw; anything else is cut as
// AddUTF8FontFromBytes would. Its parse and compressed font program are
// remembered for a while, so that documents embedding the same bytes parse
// and compress them once (patches 13 and 17). Output is the same, byte for
// byte, whether or not they were. A font file fpdf cannot parse puts the
// document in the error state.
func (f *Fpdf) AddUTF8FontSubsetFromBytes(familyStr, styleStr string, utf8Bytes []byte) {
	familyStr = fontFamilyEscape(familyStr)
	key := getFontKey(familyStr, styleStr)
	if _, ok := f.fonts[key]; ok {
		return
	}
	if f.err != nil {
		return
	}
	f.addUTF8Font(key, utf8Bytes, true)
	if def, ok := f.fonts[key]; ok && f.err == nil {
		def.subset = true
		f.fonts[key] = def
	}
}

// fontProgram returns the font program putfonts embeds for font, and
// whether it is a subset added by AddUTF8FontSubsetFromBytes, embedded as
// given (so that its compressed form may be shared).
func fontProgram(font *fontDefType) (ttf []byte, shared bool) {
	if font.subset {
		if ttf := font.utf8File.embedAsGiven(font.usedRunes, true); ttf != nil {
			return ttf, true
		}
	}
	return font.utf8File.GenerateCutFont(font.usedRunes), false
}

// compressedPrograms remembers the compressed programs of recently embedded
// subsets, and compressedMaps their compressed CIDToGIDMaps, keyed by the
// ID of the font file (a hash of the font key and file) and its length.
var (
	compressedPrograms = fontCache[[]byte]{size: max(8, 4*runtime.GOMAXPROCS(0))}
	compressedMaps     = fontCache[[]byte]{size: max(8, 4*runtime.GOMAXPROCS(0))}
)

// fontCache is a small cache of what is made from a font file (a stream, a
// parse), keyed by the file's ID and length.
type fontCache[T any] struct {
	mu      sync.Mutex
	size    int
	entries []fontCacheEntry[T] // oldest first
}

type fontCacheEntry[T any] struct {
	id     string
	length int // the font file's length, checked as well as the ID
	value  T   // never modified
}

// get returns the value for the font file with this ID and length: from
// the cache when a document used the same file lately, else made by make
// (which must depend on nothing but the file) and kept.
func (c *fontCache[T]) get(id string, length int, make func() (T, error)) (T, error) {
	c.mu.Lock()
	for i := len(c.entries) - 1; i >= 0; i-- {
		if e := c.entries[i]; e.id == id && e.length == length {
			c.mu.Unlock()
			return e.value, nil
		}
	}
	c.mu.Unlock()
	v, err := make()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if len(c.entries) >= c.size {
		c.entries = append(c.entries[:0], c.entries[1:]...)
	}
	c.entries = append(c.entries, fontCacheEntry[T]{id: id, length: length, value: v})
	c.mu.Unlock()
	return v, nil
}

// stream is get for a stream, which cannot fail to be made.
func (c *fontCache[T]) stream(id string, length int, make func() T) T {
	v, _ := c.get(id, length, func() (T, error) { return make(), nil })
	return v
}

// cidToGIDMapStream is the compressed CIDToGIDMap stream sending each rune
// (CID) of codes to its glyph. The map is 128 KB, almost all zeros: its
// buffer is recycled, zeroed again entry by entry (patch 9), and zlibRLE
// compresses it ten times faster than zlib (patches 5 and 15).
func cidToGIDMapStream(codes map[int]int) []byte {
	buf := cidToGIDMaps.get(256*256*2, true)
	for cc, glyph := range codes {
		if cc > 0 && 2*cc+1 < len(buf) {
			buf[cc*2] = byte(glyph >> 8)
			buf[cc*2+1] = byte(glyph & 0xFF)
		}
	}
	z := zlibRLE(buf)
	for cc := range codes {
		if cc > 0 && 2*cc+1 < len(buf) {
			buf[cc*2], buf[cc*2+1] = 0, 0
		}
	}
	cidToGIDMaps.put(buf)
	return z
}

// SetFastFontCompression has the document's embedded TrueType programs
// compressed at zlib level 2 rather than the default level: about three
// times faster and about 5% larger (for a 65 KB CJK subset, 0.34 ms and
// 53.9 KB instead of 1.03 ms and 51.5 KB). Meant for documents whose size
// is comfortably within budget. (tradedocs patch 18, see PATCHES.md.)
func (f *Fpdf) SetFastFontCompression(fast bool) {
	f.fastFontZ = fast
}

// ReplaceUTF8FontBytes gives a UTF-8 font added earlier (by
// AddUTF8FontFromBytes or AddUTF8FontSubsetFromBytes) another font file
// of the same face, before the document is closed. A document can then be
// drawn with a stand-in (any subset of the face: Text does not look up
// widths) and receive, once everything is drawn, the subset cut to what it
// and its siblings drew. The font keeps its resource name and the runes
// drawn with it; its metrics, widths and embedded program come from the
// new file. (tradedocs patch 16, see PATCHES.md.)
func (f *Fpdf) ReplaceUTF8FontBytes(familyStr, styleStr string, utf8Bytes []byte) {
	if f.err != nil {
		return
	}
	key := getFontKey(fontFamilyEscape(familyStr), styleStr)
	def, ok := f.fonts[key]
	if !ok || def.Tp != "UTF8" {
		f.err = fmt.Errorf("fpdf: no UTF-8 font %s %s to replace", familyStr, styleStr)
		return
	}
	if f.state >= 3 {
		f.err = fmt.Errorf("fpdf: font %s %s replaced after the document was closed", familyStr, styleStr)
		return
	}
	id := generateUTF8FontID(key, utf8Bytes)
	utf8File, err := parseSubset(id, utf8Bytes)
	if err != nil {
		f.err = fmt.Errorf("fpdf: font %s %s: %w", familyStr, styleStr, err)
		return
	}
	if old := def.Cw; len(old) == widthTableLen {
		clearWidths(old, def.utf8File)
		widthTables.put(old)
	}
	def.setUTF8File(id, utf8File)
	f.fonts[key] = def
	if f.currentFont.Name == def.Name {
		f.currentFont = def
	}
}

// setUTF8File makes utf8File, whose ID is id, the font file of the font:
// its metrics, widths and embedded program (patches 16 and 17).
func (font *fontDefType) setUTF8File(id string, utf8File *utf8FontFile) {
	font.Desc = utf8FontDesc(utf8File)
	font.Up = int(round(utf8File.UnderlinePosition))
	font.Ut = round(utf8File.UnderlineThickness)
	font.Cw = utf8File.CharWidths
	font.utf8File = utf8File
	font.programID = id
}

// utf8FontDesc is the font descriptor of a parsed UTF-8 font.
func utf8FontDesc(utf8File *utf8FontFile) FontDescType {
	return FontDescType{
		Ascent:       int(utf8File.Ascent),
		Descent:      int(utf8File.Descent),
		CapHeight:    utf8File.CapHeight,
		Flags:        utf8File.Flags,
		FontBBox:     utf8File.Bbox,
		ItalicAngle:  utf8File.ItalicAngle,
		StemV:        utf8File.StemV,
		MissingWidth: round(utf8File.DefaultWidth),
	}
}
