package pdf

import (
	"strings"
	"testing"
)

// A payment line says each thing once: what the caption and the computed
// amount already say is not repeated from the terms as the supplier wrote
// them.
func TestPaymentTermsSayEachThingOnce(t *testing.T) {
	said := append([]string{"30%", "T/T", "电汇定金"}, strings.Fields("Deposit by T/T")...)
	for _, tc := range []struct{ name, terms, want string }{
		{"supplier repeats percent and method", "30% T/T within 3 days", "within 3 days"},
		{"method first, then percent and a comma", "T/T, 30% deposit upon confirmation", "upon confirmation"},
		{"Chinese caption repeated", "电汇定金 收到PI后3天内", "收到PI后3天内"},
		{"nothing repeated", "upon PI confirmation", "upon PI confirmation"},
		{"only repeats", "30% T/T deposit", ""},
		{"a repeat inside the terms stays (only leading words go)", "within 3 days by T/T", "within 3 days by T/T"},
		{"another percent is not this one", "50% T/T before shipment", "50% T/T before shipment"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := withoutRepeats(tc.terms, said...); got != tc.want {
				t.Errorf("withoutRepeats(%q) = %q, want %q", tc.terms, got, tc.want)
			}
		})
	}
}

// The PI's closing line says what a PI is without denying that it is
// evidence of the terms agreed.
func TestProformaClosingLineDoesNotDenyItself(t *testing.T) {
	r := testRenderer(t, "a4")
	q := r.labels["quotation"]
	for _, deny := range []string{"not proof", "quotation only", "非付款", "仅为报价"} {
		if strings.Contains(q.EN+q.ZH, deny) {
			t.Errorf("closing line %q / %q says %q", q.EN, q.ZH, deny)
		}
	}
	text := run(t, render(t, r, sampleOrder(), Proforma), "pdftotext", "-enc", "UTF-8")
	for _, want := range []string{"commercial invoice follows at shipment", "商业发票随货出具"} {
		if !strings.Contains(squeeze(text), squeeze(want)) {
			t.Errorf("PI lacks %q", want)
		}
	}
}

// The captions a bank officer and a broker read are the terms of the
// trade: SWIFT代码, 提单/运单号, 代表卖方（签章）, 装运条款, one word for
// origin (原产国) and the seller's code as 统一社会信用代码.
func TestCaptionsUseTheTermsOfTheTrade(t *testing.T) {
	r := testRenderer(t, "a4")
	for key, zh := range map[string]string{
		"swift": "SWIFT代码", "tracking_no": "提单/运单号", "for_seller": "代表卖方（签章）",
		"shipment": "装运条款", "uscc": "统一社会信用代码", "col_origin": "原产国", "country_of_origin": "原产国",
	} {
		if got := r.labels[key].ZH; got != zh {
			t.Errorf("label %s: %q, want %q", key, got, zh)
		}
	}
	o := sampleOrder()
	for _, doc := range []Document{Proforma, Commercial} {
		text := run(t, render(t, r, o, doc), "pdftotext", "-enc", "UTF-8")
		if !strings.Contains(text, "统一社会信用代码: "+o.Seller.TaxID) {
			t.Errorf("%s: seller's code not captioned 统一社会信用代码", doc)
		}
		if strings.Contains(text, "税号: "+o.Seller.TaxID) || strings.Contains(text, "原产地") {
			t.Errorf("%s: an old caption (税号 for the seller, or 原产地) is still printed", doc)
		}
	}
}
