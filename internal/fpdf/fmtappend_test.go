package fpdf

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// The strconv-based formatting of patch 11 must give exactly v0.9.0's
// fmt-based bytes.

func TestAppendFloat2MatchesSprintf(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	vals := []float64{0, math.Copysign(0, -1), -0.004, 0.005, 0.015, 1.005, 2.675, -2.675,
		595.28, 841.89, 1e21, -1e-9, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64}
	for i := 0; i < 100000; i++ {
		vals = append(vals, (r.Float64()-0.5)*2000, float64(r.Intn(200000))/1000*2.834645669)
	}
	for _, v := range vals {
		if got, want := string(appendFloat2(nil, v)), fmt.Sprintf("%.2f", v); got != want {
			t.Fatalf("appendFloat2(%v) = %q, Sprintf %%.2f gives %q", v, got, want)
		}
	}
}

func TestAppendEscapedUTF16MatchesEscapeOfUTF16(t *testing.T) {
	cases := []string{"", "plain", `a\b(c)d` + "\r\n", "报价单 (PI) \\ 合计",
		"\u4e28\u4e29\u5c5c\u0d0d", "é", "€", "\U0001F600x", "\u2828\u2929"}
	r := rand.New(rand.NewSource(11))
	for i := 0; i < 2000; i++ {
		var sb strings.Builder
		for j := r.Intn(20); j > 0; j-- {
			sb.WriteRune(rune(r.Intn(0x10000)))
		}
		cases = append(cases, sb.String())
	}
	var f Fpdf
	for _, s := range cases {
		if got, want := appendEscapedUTF16(nil, s), f.escape(utf8toutf16(s, false)); string(got) != want {
			t.Fatalf("appendEscapedUTF16(%q) = %q, want %q", s, got, want)
		}
		if got, want := appendEscaped(nil, s), f.escape(s); string(got) != want {
			t.Fatalf("appendEscaped(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestTextOperatorMatchesV090 checks the whole Text line, with and without a
// text color that differs from the fill color, against v0.9.0's sprintf.
func TestTextOperatorMatchesV090(t *testing.T) {
	for _, colored := range []bool{false, true} {
		pdf := New("P", "mm", "A4", "")
		pdf.SetFont("Helvetica", "", 12)
		pdf.AddPage()
		if colored {
			pdf.SetTextColor(200, 10, 10)
		}
		for _, s := range []string{"Total (USD)", `C:\x` + "\r", ""} {
			x, y := 12.345, 67.891
			page := pdf.pages[pdf.page]
			start := page.Len()
			pdf.Text(x, y, s)
			want := fmt.Sprintf("BT %.2f %.2f Td (%s) Tj ET", x*pdf.k, (pdf.h-y)*pdf.k, pdf.escape(s))
			if colored {
				want = fmt.Sprintf("q %s %s Q", pdf.color.text.str, want)
			}
			if got := page.Bytes()[start:]; !bytes.Equal(got, []byte(want+"\n")) {
				t.Errorf("colored=%v Text(%q) wrote %q, want %q", colored, s, got, want+"\n")
			}
		}
	}
}
