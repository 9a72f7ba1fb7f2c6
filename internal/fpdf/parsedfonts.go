// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"fmt"
	"math"
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
	k, err := parsedFonts.get(id, len(ttf), func() (*keptParse, error) { return keepParse(ttf) })
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

// Prepared fonts (tradedocs patch 25, see PATCHES.md).
//
// A program that draws many documents with the same faces parses each
// stand-in file once (PrepareUTF8Font) and describes each subset it cuts by
// the glyph map and advance widths its cutter already has
// (PreparedUTF8Font.Subset), so that no document parses a font file or
// hashes one to name it.

// PreparedUTF8Font is a TrueType font file of one face, read once for any
// number of documents: its resource ID, face-wide metrics (ascent, bounding
// box, default width …), width table entries and rune → glyph map. It is
// immutable and safe for concurrent use; the file it was made from must not
// be modified afterwards.
type PreparedUTF8Font struct {
	family, style string
	id            string // generateUTF8FontID of key and file, computed once
	ttf           []byte
	k             *keptParse
}

// PrepareUTF8Font reads a TrueType font file for AddPreparedUTF8Font:
// familyStr and styleStr are those the documents will use it under. It
// fails on a file fpdf cannot parse.
func PrepareUTF8Font(familyStr, styleStr string, ttf []byte) (*PreparedUTF8Font, error) {
	familyStr = fontFamilyEscape(familyStr)
	key := getFontKey(familyStr, styleStr)
	id := generateUTF8FontID(key, ttf)
	k, err := keepParse(ttf)
	if err != nil {
		return nil, fmt.Errorf("fpdf: font %s: %w", key, err)
	}
	return &PreparedUTF8Font{family: familyStr, style: styleStr, id: id, ttf: ttf, k: k}, nil
}

// Subset describes a subset of p's face that the caller cut itself, without
// reading it: ttf is the subset's file, runes (ascending, distinct, below
// U+FFFF) the characters its cmap maps, glyphs[i] the glyph runes[i] is
// drawn with in the subset and advances[i] that glyph's advance width in
// font units. The face-wide metrics (units per em, ascent, descent, cap
// height, bounding box, italic angle, stem, underline, flags and the
// default width of glyph 0) are p's: the subset must be cut from the same
// face by a cutter that copies them unchanged, as tradedocs' fonts.Face.Subset
// does. The result is embedded as given by ReplaceUTF8FontPrepared, never
// cut again; glyphs and advances must be those of ttf, or the PDF shows and
// measures the wrong glyphs. ttf must not be modified afterwards: it may
// be kept, uncopied, in the cache of compressed font streams. The result is
// immutable and may be given to any number of documents.
func (p *PreparedUTF8Font) Subset(ttf []byte, runes []rune, glyphs, advances []uint16) (*PreparedUTF8Font, error) {
	if len(glyphs) != len(runes) || len(advances) != len(runes) {
		return nil, fmt.Errorf("fpdf: subset of %d runes with %d glyphs and %d advances", len(runes), len(glyphs), len(advances))
	}
	base := p.k.file
	utf := *base
	utf.fileReader = &fileReader{array: ttf}
	utf.given = true
	// Only parseFile's cut-font state is dropped: the subset is never cut.
	utf.tableDescriptions, utf.outTablesData, utf.symbolData, utf.symbolPosition = nil, nil, nil, nil
	cmap := make(map[int]int, len(runes)+1)
	k := &keptParse{file: &utf, widths: make([][2]int, 1, len(runes)+1)}
	// As parseHMTXTable: widths scaled to thousandths, an advance of 2^15 or
	// more read as 0, a zero width stored as 65535; entry 0 counts them.
	scale := 1000.0 / float64(base.fontElementSize)
	count := 0
	prev := rune(-1)
	for i, r := range runes {
		if r <= prev || r >= 0xFFFF {
			return nil, fmt.Errorf("fpdf: subset runes must be ascending and below U+FFFF (%U after %U)", r, prev)
		}
		prev = r
		cmap[int(r)] = int(glyphs[i])
		if r == 0 || glyphs[i] == 0 {
			continue
		}
		adv := int(advances[i])
		if adv >= 1<<15 {
			adv = 0
		}
		w := int(math.Round(scale * float64(adv)))
		if w == 0 {
			w = 65535
		}
		k.widths = append(k.widths, [2]int{int(r), w})
		count++
	}
	cmap[0xFFFF] = 0 // the final segment of a format 4 cmap, as parseFile reads it
	k.widths[0] = [2]int{0, count}
	utf.parsedCharSymbolDictionary = cmap
	return &PreparedUTF8Font{family: p.family, style: p.style, id: p.id, ttf: ttf, k: k}, nil
}

// AddPreparedUTF8Font is AddUTF8FontSubsetFromBytes for a font prepared
// once: the document gets the same font, and so the same bytes, without
// parsing or hashing the file again.
func (f *Fpdf) AddPreparedUTF8Font(p *PreparedUTF8Font) {
	key := getFontKey(p.family, p.style)
	if _, ok := f.fonts[key]; ok || f.err != nil {
		return
	}
	f.registerUTF8Font(key, p.id, p.k.copy())
	def := f.fonts[key]
	def.subset = true
	f.fonts[key] = def
}

// ReplaceUTF8FontPrepared is ReplaceUTF8FontBytes for a subset described by
// PreparedUTF8Font.Subset: the font named by p's family and style gets p's
// widths, glyph map and file, which is embedded as given.
func (f *Fpdf) ReplaceUTF8FontPrepared(p *PreparedUTF8Font) {
	def, ok := f.replaceableUTF8Font(p.family, p.style)
	if !ok {
		return
	}
	def.setUTF8File(p.k.copy())
	f.fonts[def.Name] = def
	if f.currentFont.Name == def.Name {
		f.currentFont = def
	}
}

// keepParse parses ttf as parseFile does and keeps the result as a
// template for copies.
func keepParse(ttf []byte) (k *keptParse, err error) {
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
}
