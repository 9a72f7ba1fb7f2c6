// Copyright ©2025 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand"
	"testing"
)

func TestZlibRLERoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	sparse := func(n, set int) []byte {
		b := make([]byte, n)
		for i := 0; i < set; i++ {
			b[rng.Intn(n)] = byte(rng.Intn(256))
		}
		return b
	}
	random := make([]byte, 5000)
	rng.Read(random)
	cases := map[string][]byte{
		"empty":       {},
		"one zero":    {0},
		"two zeros":   {0, 0},
		"three zeros": {0, 0, 0},
		"259 zeros":   make([]byte, 259),
		"260 zeros":   make([]byte, 260),
		"261 zeros":   make([]byte, 261),
		"262 zeros":   make([]byte, 262),
		"all byte values": func() []byte {
			b := make([]byte, 256)
			for i := range b {
				b[i] = byte(i)
			}
			return b
		}(),
		"random":                   random,
		"CIDToGIDMap of 300 runes": sparse(1<<17, 600),
		"dense map":                sparse(1<<17, 60000),
	}
	for n := 0; n < 600; n++ {
		cases["run of "+string(rune('0'+n%10))+"…"+itoa(n)] = append(append([]byte{7}, make([]byte, n)...), 9, 9, 9)
	}
	for name, data := range cases {
		z := zlibRLE(data)
		r, err := zlib.NewReader(bytes.NewReader(z))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("%s: round trip gives %d bytes, want %d", name, len(got), len(data))
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func BenchmarkCIDToGIDMapCompress(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	m := make([]byte, 1<<17)
	for i := 0; i < 300; i++ {
		c := 0x4E00 + rng.Intn(0x5000)
		m[2*c], m[2*c+1] = byte(i>>8), byte(i)
	}
	b.Run("zlib BestSpeed", func(b *testing.B) {
		var n int
		for i := 0; i < b.N; i++ {
			mem := xmem.compress(m)
			n = len(mem.bytes())
			mem.release()
		}
		b.ReportMetric(float64(n), "bytes")
	})
	b.Run("zlibRLE", func(b *testing.B) {
		var n int
		for i := 0; i < b.N; i++ {
			n = len(zlibRLE(m))
		}
		b.ReportMetric(float64(n), "bytes")
	})
}
