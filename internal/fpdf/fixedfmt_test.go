package fpdf

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
)

// TestAppendFixed checks tradedocs patch 20: appendFixed writes exactly
// what strconv.AppendFloat(…, 'f', prec, 64) writes.
func TestAppendFixed(t *testing.T) {
	rng := rand.New(rand.NewSource(20))
	values := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.5, 0.005, 0.015, 0.025, 0.125, -0.125, 2.675, 1.005,
		-0.001, -0.004, -0.005, 0.0049999999, 0.00500000001, 841.89, 595.28, 34.015, 794.345,
		999999999.995, -999999999.995, 1e9, -1e9, 1e15, 1e300, 5e-324,
		math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, math.SmallestNonzeroFloat64,
	}
	for i := 0; i < 300000; i++ {
		switch i % 4 {
		case 0: // page coordinates in points, with the mm → pt scale
			values = append(values, rng.Float64()*842*72/25.4/2.834645669)
		case 1: // exact ties and their neighbours
			v := float64(rng.Intn(2000000)) / 1000
			values = append(values, v, math.Nextafter(v, 0), math.Nextafter(v, 1e9), -v)
		case 2: // any sign and size
			values = append(values, (rng.Float64()-0.5)*math.Pow(10, float64(rng.Intn(12)-3)))
		default: // colours as fractions of 255
			values = append(values, float64(rng.Intn(256))/255)
		}
	}
	for prec := 0; prec <= 8; prec++ {
		for _, v := range values {
			want := strconv.AppendFloat(nil, v, 'f', prec, 64)
			if got := appendFixed(nil, v, prec); string(got) != string(want) {
				t.Fatalf("appendFixed(%v, %d) = %q, strconv gives %q", v, prec, got, want)
			}
		}
	}
}

func BenchmarkAppendFixed(b *testing.B) {
	buf := make([]byte, 0, 32)
	for i := 0; b.Loop(); i++ {
		buf = appendFixed(buf[:0], float64(i%60000)*0.0137, 2)
	}
}
