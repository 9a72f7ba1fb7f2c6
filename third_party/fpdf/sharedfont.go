// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
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
