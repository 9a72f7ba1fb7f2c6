// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"math"
	"strconv"
)

// Coordinates written with a fixed number of decimals (tradedocs patch 20,
// see PATCHES.md). strconv.AppendFloat(b, v, 'f', prec, 64) rounds the
// exact binary value of v correctly; that takes its general algorithm, a
// tenth of a document's time. For the numbers a page holds, v·10^prec is
// computed to within far less than 10^-6 of the exact product, so unless
// its fraction lies within 10^-6 of one half the nearest integer is the
// correctly rounded result, and it is written with integer arithmetic. In
// the other cases (a tie or near one, huge numbers, NaN, infinities,
// precisions beyond 6) strconv does the work. Same bytes in every case.

var fixedScale = [...]float64{1, 10, 100, 1000, 1e4, 1e5, 1e6}

// appendFixed appends v with prec decimals, as
// strconv.AppendFloat(b, v, 'f', prec, 64) does.
func appendFixed(b []byte, v float64, prec int) []byte {
	if prec < 0 || prec >= len(fixedScale) || !(v > -1e9 && v < 1e9) {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	// Below 10^9 the product is within 10^9·2^-53 ≈ 1.1·10^-7 of the exact
	// one, so a fraction more than 10^-6 away from one half rounds the
	// same way as the exact value.
	n := math.Abs(v) * fixedScale[prec]
	if n >= 1e9 {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	if frac := n - math.Floor(n); frac > 0.5-1e-6 && frac < 0.5+1e-6 {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	u := uint64(math.Round(n))
	if math.Signbit(v) {
		b = append(b, '-')
	}
	if prec == 0 {
		return strconv.AppendUint(b, u, 10)
	}
	scale := uint64(fixedScale[prec])
	b = strconv.AppendUint(b, u/scale, 10)
	b = append(b, '.')
	frac := u % scale
	for s := scale / 10; s > 0; s /= 10 {
		b = append(b, byte('0'+frac/s%10))
	}
	return b
}
