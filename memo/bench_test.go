package memo

import (
	"io"

	"github.com/tradedocs/tradedocs/templates"
	"testing"
)

// A batch run writes a memo file per order; the worst case is a long name
// that has to be shortened word by word.
func BenchmarkWriteLongName(b *testing.B) {
	w, err := New(templates.Bundled)
	if err != nil {
		b.Fatal(err)
	}
	o := testOrder()
	o.Seller.Name = "Guangzhou Baiyun District Xinshidai Leather Goods Factory (General Partnership) Branch Office"
	b.ReportAllocs()
	for b.Loop() {
		w.Write(io.Discard, o)
	}
}
