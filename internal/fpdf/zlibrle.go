// Copyright ©2025 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"encoding/binary"
	"slices"
)

// zlibRLE returns data as a zlib stream of one deflate block in which
// every run of a repeated byte is a back-reference at distance 1, coded
// with Huffman codes made for the data (a dynamic block, RFC 1951 3.2.7).
//
// It is meant for the CIDToGIDMap of a UTF-8 font: 128 KB that are almost
// all zeros. For such data it is some ten times faster than compress/zlib
// (which hashes every position) and smaller; any zlib reader decodes it to
// exactly data. The output depends only on data, so PDFs stay
// reproducible. (tradedocs patches 5 and 15, see PATCHES.md.)
func zlibRLE(data []byte) []byte {
	// Tokens: a literal byte (0..255) or 256+n for a copy of n bytes
	// (3..258) from distance 1.
	tokens := make([]uint16, 0, 64+len(data)/32)
	w := rleWriter{s1: 1}
	for i := 0; i < len(data); {
		b := data[i]
		tokens = append(tokens, uint16(b))
		i++
		run := runLength(data[i:], b)
		i += run
		w.sum(b, 1+run)
		for run >= 3 {
			n := run
			if n > 258 {
				n = 258
			}
			if rest := run - n; rest > 0 && rest < 3 {
				n -= 3 - rest // leave a remainder that is itself a match
				if n < 3 {
					n = run
				}
			}
			tokens = append(tokens, uint16(256+n))
			run -= n
		}
		for ; run > 0; run-- {
			tokens = append(tokens, uint16(b))
		}
	}

	// Literal/length code (symbols 0..285, 256 ends the block) and a
	// distance code in which codes 0 (distance 1, the only one used) and
	// 1 have one bit each: a complete code every decoder accepts.
	var litFreq [286]int
	for _, t := range tokens {
		if t < 256 {
			litFreq[t]++
		} else {
			litFreq[257+lengthSymbol(int(t)-256)]++
		}
	}
	litFreq[256] = 1
	litLen := huffmanLengths(litFreq[:], 15)
	hlit := 286
	for hlit > 257 && litLen[hlit-1] == 0 {
		hlit--
	}
	lengths := append(litLen[:hlit:hlit], 1, 1) // HDIST = 2

	// The code lengths, run-length coded with symbols 16, 17 and 18.
	type clToken struct{ sym, extra, nbits uint8 }
	var cl []clToken
	for i := 0; i < len(lengths); {
		v := lengths[i]
		run := 1
		for i+run < len(lengths) && lengths[i+run] == v {
			run++
		}
		i += run
		if v == 0 {
			for run >= 11 {
				n := min(run, 138)
				cl = append(cl, clToken{18, uint8(n - 11), 7})
				run -= n
			}
			if run >= 3 {
				cl = append(cl, clToken{17, uint8(run - 3), 3})
				run = 0
			}
		} else {
			cl = append(cl, clToken{v, 0, 0})
			run--
			for run >= 3 {
				n := min(run, 6)
				cl = append(cl, clToken{16, uint8(n - 3), 2})
				run -= n
			}
		}
		for ; run > 0; run-- {
			cl = append(cl, clToken{v, 0, 0})
		}
	}
	var clFreq [19]int
	for _, t := range cl {
		clFreq[t.sym]++
	}
	clLen := huffmanLengths(clFreq[:], 7)
	hclen := 19
	for hclen > 4 && clLen[clOrder[hclen-1]] == 0 {
		hclen--
	}

	w.out = make([]byte, 0, 64+len(tokens)/2)
	w.out = append(w.out, 0x78, 0x01) // deflate, 32 KB window, no dictionary
	w.bits(1, 1)                      // BFINAL
	w.bits(2, 2)                      // BTYPE 10: dynamic Huffman codes
	w.bits(uint64(hlit-257), 5)
	w.bits(uint64(2-1), 5)
	w.bits(uint64(hclen-4), 4)
	for _, sym := range clOrder[:hclen] {
		w.bits(uint64(clLen[sym]), 3)
	}
	clCodes := canonicalCodes(clLen)
	for _, t := range cl {
		w.bits(clCodes[t.sym], uint(clLen[t.sym]))
		if t.nbits > 0 {
			w.bits(uint64(t.extra), uint(t.nbits))
		}
	}
	litCodes := canonicalCodes(litLen)
	for _, t := range tokens {
		if t < 256 {
			w.bits(litCodes[t], uint(litLen[t]))
			continue
		}
		n := int(t) - 256
		i := lengthSymbol(n)
		w.bits(litCodes[257+i], uint(litLen[257+i]))
		if e := rleLengthExtra[i]; e > 0 {
			w.bits(uint64(n-rleLengthBase[i]), e)
		}
		w.bits(0, 1) // distance code 0: distance 1, no extra bits
	}
	w.bits(litCodes[256], uint(litLen[256])) // end of block
	if w.n > 0 {
		w.out = append(w.out, byte(w.acc))
	}
	sum := uint32(w.s2)<<16 | uint32(w.s1)
	return append(w.out, byte(sum>>24), byte(sum>>16), byte(sum>>8), byte(sum))
}

// clOrder is the order in which the code length code's lengths are sent.
var clOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// lengthSymbol is the index (0..28) of the length symbol for a copy of n
// bytes (3..258).
func lengthSymbol(n int) int {
	i := len(rleLengthBase) - 1
	for rleLengthBase[i] > n {
		i--
	}
	return i
}

// huffmanLengths returns code lengths of at most limit bits for symbols
// with the given frequencies (0: unused). At least two symbols get a code,
// so that the code is complete. While the optimal code is too deep, the
// frequencies are flattened and the code is built again.
func huffmanLengths(freq []int, limit int) []uint8 {
	f := append([]int(nil), freq...)
	used := 0
	for _, v := range f {
		if v > 0 {
			used++
		}
	}
	for i := 0; used < 2 && i < len(f); i++ {
		if f[i] == 0 {
			f[i] = 1
			used++
		}
	}
	for {
		lengths, deepest := huffmanTree(f)
		if deepest <= limit {
			return lengths
		}
		for i, v := range f {
			if v > 0 {
				f[i] = v/2 + 1
			}
		}
	}
}

// huffmanTree returns the optimal code lengths for f (two-queue Huffman
// construction over leaves sorted by frequency, then symbol: deterministic)
// and the longest of them.
func huffmanTree(f []int) ([]uint8, int) {
	type node struct{ weight, parent int }
	leaves := make([]int, 0, len(f)) // symbol of each leaf node
	for s, v := range f {
		if v > 0 {
			leaves = append(leaves, s)
		}
	}
	slices.SortStableFunc(leaves, func(a, b int) int { return f[a] - f[b] })
	nodes := make([]node, 0, 2*len(leaves))
	for _, s := range leaves {
		nodes = append(nodes, node{weight: f[s], parent: -1})
	}
	nl := len(nodes)
	leaf, inner := 0, nl
	pick := func() int {
		if leaf < nl && (inner >= len(nodes) || nodes[leaf].weight <= nodes[inner].weight) {
			leaf++
			return leaf - 1
		}
		inner++
		return inner - 1
	}
	for i := 0; i < nl-1; i++ {
		a, b := pick(), pick()
		nodes = append(nodes, node{weight: nodes[a].weight + nodes[b].weight, parent: -1})
		nodes[a].parent, nodes[b].parent = len(nodes)-1, len(nodes)-1
	}
	depth := make([]int, len(nodes))
	deepest := 0
	for i := len(nodes) - 2; i >= 0; i-- {
		depth[i] = depth[nodes[i].parent] + 1
	}
	lengths := make([]uint8, len(f))
	for i, s := range leaves {
		lengths[s] = uint8(depth[i])
		deepest = max(deepest, depth[i])
	}
	return lengths, deepest
}

// canonicalCodes returns the canonical Huffman code of each symbol for the
// given lengths (RFC 1951 3.2.2), bit-reversed to be written least
// significant bit first.
func canonicalCodes(lengths []uint8) []uint64 {
	var count [16]int
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [16]int
	code := 0
	for bits := 1; bits < 16; bits++ {
		code = (code + count[bits-1]) << 1
		next[bits] = code
	}
	codes := make([]uint64, len(lengths))
	for s, l := range lengths {
		if l == 0 {
			continue
		}
		c := next[l]
		next[l]++
		var r uint64
		for i := uint8(0); i < l; i++ {
			r = r<<1 | uint64(c>>i)&1
		}
		codes[s] = r
	}
	return codes
}

// Lengths 3..258 of deflate's length symbols 257..285 and their extra bits
// (RFC 1951, 3.2.5).
var (
	rleLengthBase  = [29]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	rleLengthExtra = [29]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
)

type rleWriter struct {
	out []byte
	acc uint64
	n   uint
	// Adler-32 of the data so far, updated per run rather than per byte.
	s1, s2 uint64
}

// sum adds n bytes of value b to the Adler-32 checksum (RFC 1950): s1
// grows by n·b and s2 by n·s1 + b·n(n+1)/2, modulo 65521.
func (w *rleWriter) sum(b byte, n int) {
	const mod = 65521
	m := uint64(n)
	w.s2 = (w.s2 + m%mod*w.s1 + uint64(b)*(m*(m+1)/2%mod)) % mod
	w.s1 = (w.s1 + m*uint64(b)) % mod
}

// bits appends the nb low bits of v, least significant first.
func (w *rleWriter) bits(v uint64, nb uint) {
	w.acc |= v << w.n
	w.n += nb
	for w.n >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
}

// runLength is how many bytes at the start of data equal b.
func runLength(data []byte, b byte) int {
	n := 0
	word := uint64(b) * 0x0101010101010101
	for n+8 <= len(data) && binary.LittleEndian.Uint64(data[n:]) == word {
		n += 8
	}
	for n < len(data) && data[n] == b {
		n++
	}
	return n
}
