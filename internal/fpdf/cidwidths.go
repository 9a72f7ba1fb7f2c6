// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"slices"
	"strconv"
)

// The /W array of a CID font, built with typed ranges (tradedocs patch 26,
// see PATCHES.md).
//
// v0.9.0 ported this from PHP: every range of widths was a PHP-style array
// with interface{} keys and an "interval" marker key, merged with an
// imitation of array_merge. cidWidths makes the same decisions on plain
// slices and writes the same bytes; generateCIDFontMapReference (in the
// tests) is the old code, kept to compare against.

// widthRange is a run of consecutive CIDs and their widths, ws[lo:hi] of
// the widths cidWidths lists (the runs tile that list in order: patch 29,
// one slice for all instead of one each). interval marks a run that ends
// with at least two equal widths found one after the other (the old code's
// "interval" key, which counted as an entry).
type widthRange struct {
	start    int
	lo, hi   int
	interval bool
}

// cidWidths is the /W entry of a UTF-8 font's CIDFont dictionary: the
// widths of the CIDs up to 255 the font has and of the runes drawn above,
// except those equal to /DW (patch 7).
func cidWidths(font *fontDefType, lastRune int) string {
	cids := widthCIDs(font, lastRune)

	// Runs of consecutive CIDs, split where a width repeats after a
	// different one (the repeated pair starts a run of its own). Each
	// width is appended to ws, and a run is ws[lo:hi]: the runs tile ws.
	ws := make([]int, 0, len(cids))
	var ranges []widthRange
	prevCid, prevWidth, interval := -2, -1, false
	for _, cid := range cids {
		width := font.Cw[cid]
		if width == 65535 {
			width = 0
		}
		if font.Desc.MissingWidth != 0 && width == font.Desc.MissingWidth {
			continue
		}
		ws = append(ws, width)
		switch {
		case cid != prevCid+1:
			ranges = append(ranges, widthRange{start: cid, lo: len(ws) - 1, hi: len(ws)})
			interval = false
		case width == prevWidth:
			r := &ranges[len(ranges)-1]
			if width == ws[r.lo] {
				r.hi++
			} else {
				// The previous width leaves this run for a new one with
				// this width.
				r.hi--
				ranges = append(ranges, widthRange{start: prevCid, lo: r.hi, hi: len(ws)})
			}
			ranges[len(ranges)-1].interval = true
			interval = true
		case interval:
			ranges = append(ranges, widthRange{start: cid, lo: len(ws) - 1, hi: len(ws)})
			interval = false
		default:
			ranges[len(ranges)-1].hi++
		}
		prevCid, prevWidth = cid, width
	}

	// A run that continues the previous one is merged into it, unless
	// either is an interval of three or more entries. Runs tile ws, so
	// the merged run is the two runs' widths.
	merged := ranges[:0]
	nextKey, isInterval := -1, false
	for _, r := range ranges {
		n := r.hi - r.lo
		entries := n
		if r.interval {
			entries++ // the old "interval" key
		}
		if r.start == nextKey && !isInterval && (!r.interval || entries < 4) {
			merged[len(merged)-1].hi = r.hi
		} else {
			merged = append(merged, widthRange{start: r.start, lo: r.lo, hi: r.hi})
		}
		nextKey = r.start + n
		isInterval = r.interval && entries > 3
	}

	b := make([]byte, 0, 16+8*len(cids))
	b = append(b, "/W ["...)
	for _, r := range merged {
		widths := ws[r.lo:r.hi]
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(r.start), 10)
		if allEqual(widths) {
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(r.start+len(widths)-1), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(widths[0]), 10)
			continue
		}
		b = append(b, " ["...)
		for _, w := range widths {
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(w), 10)
		}
		b = append(b, " ]\n"...)
	}
	b = append(b, " ]"...)
	return string(b)
}

// widthCIDs are the characters /W lists, in code point order: those up to
// 255 the font has, and the drawn ones above, up to lastRune (patch 4).
func widthCIDs(font *fontDefType, lastRune int) []int {
	cwLen := min(lastRune+1, len(font.Cw))
	cids := make([]int, 0, 256+len(font.usedRunes))
	for cid := 1; cid < 256 && cid < cwLen; cid++ {
		if font.Cw[cid] != 0 {
			cids = append(cids, cid)
		}
	}
	low := len(cids)
	for cid, numb := range font.usedRunes {
		if cid > 255 && cid < cwLen && numb != 0 && font.Cw[cid] != 0 {
			cids = append(cids, cid)
		}
	}
	slices.Sort(cids[low:])
	return cids
}

// allEqual reports whether every width in ws is the first.
func allEqual(ws []int) bool {
	for _, w := range ws[1:] {
		if w != ws[0] {
			return false
		}
	}
	return true
}
