package pdf

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/tradedocs/tradedocs/invoice"
)

// BenchmarkRenderBatch draws the PI and CI of a stream of different orders,
// as a batch does: every order's regular subset is its own (one rare
// character in the consignee's Chinese address makes it so, as the names
// and addresses of real orders do), while the bold subset, captions and
// figures, comes back order after order. Unlike BenchmarkRenderOrder20,
// which draws one order again and again, it pays for compressing each
// order's fonts, and shows what the compressed-program cache saves.
func BenchmarkRenderBatch(b *testing.B) {
	r := testRenderer(b, "a4")
	orders := make([]*invoice.Order, 0, 512)
	for i := 0; len(orders) < cap(orders); i++ {
		c := rune(0x4E00 + 37*i)
		if !r.covers(c) {
			continue
		}
		o := products(3)
		o.OrderNo = fmt.Sprintf("PO-%05d", i)
		o.Consignee.AddressZH = "深圳市南山区" + string(c) + "路18号"
		orders = append(orders, o)
	}
	var pi, ci bytes.Buffer
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		pi.Reset()
		ci.Reset()
		if err := r.RenderSet(orders[n%len(orders)], []Document{Proforma, Commercial}, []io.Writer{&pi, &ci}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(pi.Len()+ci.Len())/2, "bytes/pdf")
}
