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
// AddUTF8FontFromBytes would. The compressed font program is remembered
// for a while, so that documents embedding the same bytes compress them
// once. Output is the same, byte for byte, whether or not it was.
func (f *Fpdf) AddUTF8FontSubsetFromBytes(familyStr, styleStr string, utf8Bytes []byte) {
	familyStr = fontFamilyEscape(familyStr)
	key := getFontKey(familyStr, styleStr)
	if _, ok := f.fonts[key]; ok {
		return
	}
	f.addFontFromBytes(familyStr, styleStr, nil, nil, utf8Bytes)
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
// subsets, keyed by font ID (a hash of the font key and file).
var compressedPrograms = programCache{size: max(8, 4*runtime.GOMAXPROCS(0))}

type programCache struct {
	mu      sync.Mutex
	size    int
	entries []programEntry // oldest first
}

type programEntry struct {
	id     string
	length int    // uncompressed length, checked as well as the ID
	z      []byte // the compressed program; never modified
}

// compressed returns ttf compressed as compressFont would, from the cache
// when a document embedded the same font (same ID and length) lately.
func (c *programCache) compressed(id string, ttf []byte) []byte {
	c.mu.Lock()
	for i := len(c.entries) - 1; i >= 0; i-- {
		if e := c.entries[i]; e.id == id && e.length == len(ttf) {
			c.mu.Unlock()
			return e.z
		}
	}
	c.mu.Unlock()
	mem := xmem.compressFont(ttf)
	z := append([]byte(nil), mem.bytes()...)
	mem.release()
	c.mu.Lock()
	if len(c.entries) >= c.size {
		c.entries = append(c.entries[:0], c.entries[1:]...)
	}
	c.entries = append(c.entries, programEntry{id: id, length: len(ttf), z: z})
	c.mu.Unlock()
	return z
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
	utf8File := newUTF8Font(&fileReader{array: utf8Bytes})
	if err := utf8File.parseFile(); err != nil {
		f.err = fmt.Errorf("fpdf: font %s %s: %w", familyStr, styleStr, err)
		return
	}
	if old := def.Cw; len(old) == widthTableLen {
		clearWidths(old, def.utf8File)
		widthTables.put(old)
	}
	def.Desc = utf8FontDesc(utf8File)
	def.Up = int(round(utf8File.UnderlinePosition))
	def.Ut = round(utf8File.UnderlineThickness)
	def.Cw = utf8File.CharWidths
	def.utf8File = utf8File
	def.programID = generateUTF8FontID(key, utf8Bytes)
	f.fonts[key] = def
	if f.currentFont.Name == def.Name {
		f.currentFont = def
	}
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
