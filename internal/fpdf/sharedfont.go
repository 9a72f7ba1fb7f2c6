// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"slices"
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
	if font.utf8File.given {
		return font.utf8File.givenSubset(font.usedRunes), true
	}
	if font.subset {
		if ttf := font.utf8File.embedAsGiven(font.usedRunes, true); ttf != nil {
			return ttf, true
		}
	}
	return font.utf8File.GenerateCutFont(font.usedRunes), false
}

// fontStreams remembers, for recently embedded subsets, their compressed
// programs and CIDToGIDMaps, keyed by the content of the font file
// (tradedocs patch 24): a subset that comes back orders later (the bold
// face of a batch draws the same few captions and figures in most orders)
// is compressed once, not once per order.
var fontStreams = contentCache{budget: 2 << 20}

// What a contentCache keeps for a font file.
const (
	cidToGIDMapVariant = iota // the compressed CIDToGIDMap of a shared subset
	programVariant            // the program compressed at the default level
	fastProgramVariant        // the program compressed fast (patch 18)
	bestProgramVariant        // the program compressed at the best level (compact documents)
	numVariants
)

// contentCache keeps what is made from a font file (compressed streams),
// keyed by the file's bytes: a fast hash finds the entry and the kept copy
// of the file is compared byte for byte, so two files never share an entry
// whatever their hashes. The least recently used entries go once the files
// and values kept pass budget bytes. Safe for concurrent use; the values
// are never modified.
type contentCache struct {
	mu      sync.Mutex
	budget  int
	used    int
	seed    maphash.Seed
	tick    uint64
	entries map[uint64][]*contentEntry
}

type contentEntry struct {
	file     []byte // a copy of the font file
	values   [numVariants][]byte
	lastUsed uint64
}

// find is the entry for file, or nil; c.mu is held.
func (c *contentCache) find(h uint64, file []byte) *contentEntry {
	for _, e := range c.entries[h] {
		if bytes.Equal(e.file, file) {
			return e
		}
	}
	return nil
}

// stream returns the value made from file for variant: from the cache when
// a document used the same bytes lately, else made by make (which must
// depend on nothing but file and variant) and kept. A file and value
// bigger than the whole budget are not kept. The cache keeps a copy of
// file, or file itself if immutable (a file the caller promised never to
// modify, as PreparedUTF8Font.Subset's).
func (c *contentCache) stream(variant int, file []byte, immutable bool, make func() []byte) []byte {
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[uint64][]*contentEntry{}
		c.seed = maphash.MakeSeed()
	}
	h := maphash.Bytes(c.seed, file)
	if e := c.find(h, file); e != nil && e.values[variant] != nil {
		c.tick++
		e.lastUsed = c.tick
		c.mu.Unlock()
		return e.values[variant]
	}
	c.mu.Unlock()
	v := make()
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.find(h, file)
	if e != nil && e.values[variant] != nil {
		return e.values[variant] // made meanwhile by another document: the same bytes
	}
	size := len(v)
	if e == nil {
		size += len(file)
	}
	if size > c.budget {
		return v
	}
	for c.used+size > c.budget {
		if !c.evictOldest(e) {
			return v // only file's entry is left and v does not fit beside it
		}
	}
	if e == nil {
		kept := file
		if !immutable {
			kept = bytes.Clone(file)
		}
		e = &contentEntry{file: kept}
		c.entries[h] = append(c.entries[h], e)
	}
	c.tick++
	e.lastUsed = c.tick
	e.values[variant] = v
	c.used += size
	return v
}

// evictOldest drops the least recently used entry other than keep, and
// reports false if there is none. A scan over a few hundred entries, done
// only when a new value is kept, costs far less than the compression that
// made it.
func (c *contentCache) evictOldest(keep *contentEntry) bool {
	var old *contentEntry
	var oldH uint64
	for h, es := range c.entries {
		for _, e := range es {
			if e != keep && (old == nil || e.lastUsed < old.lastUsed) {
				old, oldH = e, h
			}
		}
	}
	if old == nil {
		return false
	}
	c.used -= len(old.file)
	for _, v := range old.values {
		c.used -= len(v)
	}
	es := slices.DeleteFunc(c.entries[oldH], func(e *contentEntry) bool { return e == old })
	if len(es) == 0 {
		delete(c.entries, oldH)
	} else {
		c.entries[oldH] = es
	}
	return true
}

// forget empties the cache (tests).
func (c *contentCache) forget() {
	c.mu.Lock()
	c.entries, c.used = nil, 0
	c.mu.Unlock()
}

// len is the number of entries kept (tests).
func (c *contentCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, es := range c.entries {
		n += len(es)
	}
	return n
}

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
	def, ok := f.replaceableUTF8Font(familyStr, styleStr)
	if !ok {
		return
	}
	id := generateUTF8FontID(def.Name, utf8Bytes)
	utf8File, err := parseSubset(id, utf8Bytes)
	if err != nil {
		f.err = fmt.Errorf("fpdf: font %s %s: %w", familyStr, styleStr, err)
		return
	}
	def.setUTF8File(utf8File)
	f.fonts[def.Name] = def
	if f.currentFont.Name == def.Name {
		f.currentFont = def
	}
}

// replaceableUTF8Font is the UTF-8 font of this family and style, ready to
// get another file (setUTF8File); ok is false
// (and the document in the error state) if there is none or the document is
// closed.
func (f *Fpdf) replaceableUTF8Font(familyStr, styleStr string) (def fontDefType, ok bool) {
	if f.err != nil {
		return def, false
	}
	key := getFontKey(fontFamilyEscape(familyStr), styleStr)
	def, ok = f.fonts[key]
	if !ok || def.Tp != "UTF8" {
		f.err = fmt.Errorf("fpdf: no UTF-8 font %s %s to replace", familyStr, styleStr)
		return def, false
	}
	if f.state >= 3 {
		f.err = fmt.Errorf("fpdf: font %s %s replaced after the document was closed", familyStr, styleStr)
		return def, false
	}
	return def, true
}

// setUTF8File makes utf8File the font file of the font:
// its metrics, widths and embedded program (patches 16, 17 and 23).
func (font *fontDefType) setUTF8File(utf8File *utf8FontFile) {
	// A replaced file's width table goes back to the free list.
	if old := font.Cw; len(old) == widthTableLen {
		clearWidths(old, font.utf8File)
		widthTables.put(old)
	}
	font.Desc = utf8FontDesc(utf8File)
	font.Up = int(round(utf8File.UnderlinePosition))
	font.Ut = round(utf8File.UnderlineThickness)
	font.Cw = utf8File.CharWidths
	font.utf8File = utf8File
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
