// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"fmt"
	"runtime"
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
var parsedFonts = fontCache[*keptParse]{size: max(8, 4*runtime.GOMAXPROCS(0))}

// keptParse is a parsed font file kept as a template: file has no width
// table (each copy gets its own, recycled one), widths lists the entries
// parseHMTXTable set.
type keptParse struct {
	file   *utf8FontFile
	widths [][2]int // rune, width
}

// parseSubset returns ttf parsed as parseFile would, for one document: a
// copy of a kept parse of the same file, or of a new one, then kept.
func parseSubset(id string, ttf []byte) (*utf8FontFile, error) {
	k, err := parsedFonts.get(id, len(ttf), func() (k *keptParse, err error) {
		// parseFile reads without bounds checks: a malformed file is an
		// error, not a crash.
		defer func() {
			if p := recover(); p != nil {
				k, err = nil, fmt.Errorf("malformed font file: %v", p)
			}
		}()
		utf := newUTF8Font(&fileReader{array: ttf})
		if err := utf.parseFile(); err != nil {
			return nil, err
		}
		k = &keptParse{file: utf, widths: [][2]int{{0, utf.CharWidths[0]}}}
		for r := range utf.parsedCharSymbolDictionary {
			if r > 0 && r < len(utf.CharWidths) && utf.CharWidths[r] != 0 {
				k.widths = append(k.widths, [2]int{r, utf.CharWidths[r]})
			}
		}
		// The template keeps no width table: this one goes back to the
		// free list, and every document fills its own.
		clearWidths(utf.CharWidths, utf)
		widthTables.put(utf.CharWidths)
		utf.CharWidths = nil
		return k, nil
	})
	if err != nil {
		return nil, err
	}
	return k.copy(), nil
}

// copy is a parse of the kept file, for one document.
func (k *keptParse) copy() *utf8FontFile {
	utf := *k.file
	utf.fileReader = &fileReader{array: k.file.fileReader.array}
	utf.CharWidths = newWidthTable()
	for _, rw := range k.widths {
		utf.CharWidths[rw[0]] = rw[1]
	}
	return &utf
}
