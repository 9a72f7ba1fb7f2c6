// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"runtime"
	"sync"
)

// Parsed font subsets shared by documents (tradedocs patch 17, see
// PATCHES.md).
//
// A document drawn with stand-in fonts and given its real subsets later
// (ReplaceUTF8FontBytes) parses four small font files, and the proforma
// and commercial invoice of an order parse the same ones. The parse of a
// recent file is kept, read-only, and each document gets a copy of it: its
// own reader position, glyph map for the CIDToGIDMap and width table, and
// the tables and maps parseFile built, which nothing changes afterwards
// (GenerateCutFont replaces them rather than changing them).

// parsedFonts keeps recent parses, keyed by font ID (a hash of the font key
// and the file) and the file's length.
var parsedFonts = parseCache{size: max(8, 4*runtime.GOMAXPROCS(0))}

type parseCache struct {
	mu      sync.Mutex
	size    int
	entries []keptParse // oldest first
}

// keptParse is a parsed font file kept as a template: file has no width
// table (each copy gets its own, recycled one), widths lists the entries
// parseHMTXTable set.
type keptParse struct {
	id     string
	length int
	file   *utf8FontFile
	widths [][2]int // rune, width
}

// parse returns ttf parsed as parseFile would: a copy of a kept parse of
// the same file, or a new parse, then kept.
func (c *parseCache) parse(id string, ttf []byte) (*utf8FontFile, error) {
	c.mu.Lock()
	for i := len(c.entries) - 1; i >= 0; i-- {
		if e := c.entries[i]; e.id == id && e.length == len(ttf) {
			c.mu.Unlock()
			return e.copy(), nil
		}
	}
	c.mu.Unlock()
	utf := newUTF8Font(&fileReader{array: ttf})
	if err := utf.parseFile(); err != nil {
		return nil, err
	}
	t := *utf
	t.fileReader = &fileReader{array: ttf}
	t.CharWidths = nil
	e := keptParse{id: id, length: len(ttf), file: &t, widths: [][2]int{{0, utf.CharWidths[0]}}}
	for r := range utf.parsedCharSymbolDictionary {
		if r > 0 && r < len(utf.CharWidths) && utf.CharWidths[r] != 0 {
			e.widths = append(e.widths, [2]int{r, utf.CharWidths[r]})
		}
	}
	c.mu.Lock()
	if len(c.entries) >= c.size {
		c.entries = append(c.entries[:0], c.entries[1:]...)
	}
	c.entries = append(c.entries, e)
	c.mu.Unlock()
	return utf, nil
}

// copy is a parse of the kept file, for one document.
func (e keptParse) copy() *utf8FontFile {
	utf := *e.file
	utf.fileReader = &fileReader{array: e.file.fileReader.array}
	utf.CharWidths = newWidthTable()
	for _, rw := range e.widths {
		utf.CharWidths[rw[0]] = rw[1]
	}
	return &utf
}
