// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import "sync"

// Recycled per-face tables (tradedocs patch 9, see PATCHES.md).
//
// Every UTF-8 face a document adds gets a width table of one int per BMP
// code point (65,536 entries, 512 KB), and putfonts builds a 128 KB
// CIDToGIDMap per face. Allocating them for every document made the
// garbage collector run every few documents. The CIDToGIDMap buffer is
// recycled by putfonts itself; width tables come back only when a caller
// promises, with RecycleFontTables, that it is done with the document.

// widthTableLen is the length of a UTF-8 face's width table (fontDefType.Cw):
// one entry per BMP code point.
const widthTableLen = 256 * 256

// maxFreeTables bounds each free list: a few documents being rendered at
// once, two faces each.
const maxFreeTables = 8

// widthTables holds width tables given back by RecycleFontTables.
var widthTables tableFreeList[int]

// cidToGIDMaps holds CIDToGIDMap buffers for putfonts, which zeroes the
// entries it set before it puts one back: they are all zero.
var cidToGIDMaps tableFreeList[byte]

// tableFreeList is a small free list of equally long slices. It is not a
// sync.Pool, which the garbage collector empties at every cycle.
type tableFreeList[T any] struct {
	mu   sync.Mutex
	free [][]T
}

// get returns a slice of n zero values: a recycled one (cleared here
// unless clean) or a new one.
func (l *tableFreeList[T]) get(n int, clean bool) []T {
	l.mu.Lock()
	for len(l.free) > 0 {
		t := l.free[len(l.free)-1]
		l.free = l.free[:len(l.free)-1]
		if len(t) != n {
			continue
		}
		l.mu.Unlock()
		if !clean {
			clear(t)
		}
		return t
	}
	l.mu.Unlock()
	return make([]T, n)
}

// put keeps t for a later get, up to maxFreeTables slices.
func (l *tableFreeList[T]) put(t []T) {
	if t == nil {
		return
	}
	l.mu.Lock()
	if len(l.free) < maxFreeTables {
		l.free = append(l.free, t)
	}
	l.mu.Unlock()
}

// newWidthTable returns a zeroed width table for a UTF-8 face. Tables in
// the free list were cleared by RecycleFontTables.
func newWidthTable() []int { return widthTables.get(widthTableLen, true) }

// clearWidths zeroes a width table before it goes back to the free list.
// parseHMTXTable sets only the entries of runes in the font's cmap, and
// entry 0: clearing just those (a few hundred for a subset) is much
// cheaper than clearing all 65,536 (tradedocs patch 14, see PATCHES.md).
func clearWidths(cw []int, utf *utf8FontFile) {
	if utf == nil || utf.parsedCharSymbolDictionary == nil {
		clear(cw)
		return
	}
	for c := range utf.parsedCharSymbolDictionary {
		if c >= 0 && c < len(cw) {
			cw[c] = 0
		}
	}
	cw[0] = 0
}

// RecycleFontTables hands the width tables of the document's UTF-8 fonts
// (512 KB each) to the fonts of documents made later, which would
// otherwise allocate their own. Call it only when done with the document:
// after Output (or OutputAndClose, OutputFileAndClose) has written it, and
// when no template made from it is used any more. Afterwards the document's
// UTF-8 fonts have no widths and f is in the error state, so every later
// call on f that checks Err does nothing. Before the document is closed,
// or when it is in the error state, RecycleFontTables does nothing.
// It also hands over the backing arrays of the document's page buffers and
// PDF buffer (f is left with empty ones), which later documents write into
// instead of growing their own. (tradedocs patches 9 and 12, see
// PATCHES.md.)
func (f *Fpdf) RecycleFontTables() {
	if f.err != nil || f.state < 3 {
		return
	}
	f.err = errRecycled
	given := map[*int]bool{}
	for key, font := range f.fonts {
		if font.Tp != "UTF8" || len(font.Cw) != widthTableLen {
			continue
		}
		if !given[&font.Cw[0]] {
			given[&font.Cw[0]] = true
			clearWidths(font.Cw, font.utf8File)
			widthTables.put(font.Cw)
		}
		font.Cw = nil
		if font.utf8File != nil {
			font.utf8File.CharWidths = nil
		}
		f.fonts[key] = font
	}
	f.currentFont.Cw = nil
	f.recycleOutputBuffers()
}

// errRecycled is the error of a document whose font tables were recycled.
var errRecycled = recycledError{}

type recycledError struct{}

func (recycledError) Error() string {
	return "fpdf: document used after RecycleFontTables"
}
