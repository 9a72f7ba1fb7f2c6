// Copyright ©2025 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"encoding/binary"
)

// zlibRLE returns data as a zlib stream of one fixed-Huffman deflate block
// in which every run of a repeated byte is a back-reference at distance 1.
//
// It is meant for the CIDToGIDMap of a UTF-8 font: 128 KB that are almost
// all zeros. For such data it is some ten times faster than compress/zlib
// (which hashes every position) and about as small; any zlib reader
// decodes it to exactly data. The output depends only on data, so PDFs
// stay reproducible. (tradedocs patch, see PATCHES.md.)
func zlibRLE(data []byte) []byte {
	w := rleWriter{out: make([]byte, 0, 2+len(data)/64+64), s1: 1}
	w.out = append(w.out, 0x78, 0x01) // deflate, 32 KB window, no dictionary
	w.bits(1, 1)                      // BFINAL
	w.bits(1, 2)                      // BTYPE 01: fixed Huffman codes
	for i := 0; i < len(data); {
		b := data[i]
		w.literal(int(b))
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
			w.match(n)
			run -= n
		}
		for ; run > 0; run-- {
			w.literal(int(b))
		}
	}
	w.code(0, 7) // end of block (symbol 256)
	if w.n > 0 {
		w.out = append(w.out, byte(w.acc))
	}
	sum := uint32(w.s2)<<16 | uint32(w.s1)
	return append(w.out, byte(sum>>24), byte(sum>>16), byte(sum>>8), byte(sum))
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

// code appends a Huffman code of nb bits, most significant bit first.
func (w *rleWriter) code(c uint64, nb uint) {
	var r uint64
	for i := uint(0); i < nb; i++ {
		r = r<<1 | (c>>i)&1
	}
	w.bits(r, nb)
}

// symbol appends literal/length symbol s (0..287) in the fixed code.
func (w *rleWriter) symbol(s int) {
	switch {
	case s < 144:
		w.code(uint64(0x30+s), 8)
	case s < 256:
		w.code(uint64(0x190+s-144), 9)
	case s < 280:
		w.code(uint64(s-256), 7)
	default:
		w.code(uint64(0xC0+s-280), 8)
	}
}

func (w *rleWriter) literal(b int) { w.symbol(b) }

// match appends a copy of n (3..258) bytes from distance 1.
func (w *rleWriter) match(n int) {
	i := len(rleLengthBase) - 1
	for rleLengthBase[i] > n {
		i--
	}
	w.symbol(257 + i)
	if e := rleLengthExtra[i]; e > 0 {
		w.bits(uint64(n-rleLengthBase[i]), e)
	}
	w.code(0, 5) // distance code 0: distance 1, no extra bits
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
