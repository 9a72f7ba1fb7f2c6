package fonts

import (
	"strings"
	"testing"
)

// docRunes300 is the distinct runes of the test invoice, topped up with
// common han characters to 300: a typical bilingual invoice's alphabet.
func docRunes300(b *testing.B) []rune {
	rs := runesOf(invoiceLines(b)...)
	for r := rune(0x4E00); len(rs) < 300; r++ {
		if Regular().Covers(r) && !strings.ContainsRune(string(rs), r) {
			rs = append(rs, r)
		}
	}
	return rs[:300]
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("NotoSansSC-Regular", regularTTF); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSubset300(b *testing.B) {
	rs := docRunes300(b)
	f := Regular()
	b.ReportAllocs()
	var size int
	for b.Loop() {
		sub, err := f.Subset(rs)
		if err != nil {
			b.Fatal(err)
		}
		size = len(sub)
	}
	b.ReportMetric(float64(size), "font-bytes")
}

// BenchmarkPDFWithSubset renders the one-page test invoice (Regular and
// Bold), cutting both subsets per document as the renderer will.
func BenchmarkPDFWithSubset(b *testing.B) {
	lines := invoiceLines(b)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		rs := runesOf(lines...)
		reg, err := Regular().Subset(rs)
		if err != nil {
			b.Fatal(err)
		}
		bold, err := Bold().Subset(rs)
		if err != nil {
			b.Fatal(err)
		}
		pdf, err := renderPDF(reg, bold, lines)
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

// BenchmarkPDFWithFullFont renders the same page with the full 10 MB faces.
func BenchmarkPDFWithFullFont(b *testing.B) {
	lines := invoiceLines(b)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		pdf, err := renderPDF(regularTTF, boldTTF, lines)
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

// BenchmarkPDFWithSubsetParallel is BenchmarkPDFWithSubset on every core:
// ns/op is the batch throughput (2,000 documents must take under 5 s).
func BenchmarkPDFWithSubsetParallel(b *testing.B) {
	lines := invoiceLines(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rs := runesOf(lines...)
			reg, err := Regular().Subset(rs)
			if err != nil {
				b.Error(err)
				return
			}
			bold, err := Bold().Subset(rs)
			if err != nil {
				b.Error(err)
				return
			}
			if _, err := renderPDF(reg, bold, lines); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
