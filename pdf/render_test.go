package pdf

import (
	"bytes"
	"errors"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/templates"
)

// squeeze removes all white space, so that text wrapped over several lines
// compares equal to the string it came from.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// pages splits pdftotext output into its pages.
func pages(text string) []string {
	ps := strings.Split(text, "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

func TestDocumentsCarryEveryField(t *testing.T) {
	o := sampleOrder()
	// Strings short enough never to wrap: they must extract exactly, on
	// one line.
	common := []string{
		"PO-2024-0315", "SC-88-2024", "Harbor Home Goods LLC", "深圳市明途照明科技有限公司",
		"FOB Shenzhen, Incoterms 2020", "Yantian, Shenzhen", "Houston",
		"带USB充电口LED台灯", "可调光落地灯（三段开关）", "替换灯泡夹",
		"Replacement bulb clip", "0.085", "3.50", "12.80", "3,500.00", "6,400.00", "170.00",
		"Ocean freight to Houston 海运费", "Cargo insurance 保险费", "1,800.00", "475.67",
		"Total 合计 (USD)", "12,345.67", "Li Wei, Sales Manager 销售经理",
		"Seller / Exporter 卖方 / 出口商", "Buyer / Importer 买方 / 进口商", "Consignee 收货人",
		"Notify party 通知方", "Unit Price", "单价", "Amount", "金额", "数量", "Quantity",
		"Amount in words 大写金额", "Trade term 贸易术语",
		"Page 1 of ", "第1页 共",
	}
	// Strings that may wrap: compared with white space removed.
	wrapped := []string{
		"Shenzhen Brightway Lighting Technology Co., Ltd.",
		"Building 5, No. 18 Keji Road, Nanshan District, Shenzhen, Guangdong 518057, China",
		"广东省深圳市南山区科技路18号5栋",
		"1200 Commerce Way, Suite 300, Austin, TX 78701, USA",
		"LED desk lamp with USB charging port", "Floor lamp, dimmable, three-way switch",
		"SAY TOTAL US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY",
		"美元壹万贰仟叁佰肆拾伍元陆角柒分",
		o.Remarks,
	}
	for _, tc := range []struct {
		name          string
		doc           Document
		paper         Paper
		exact, absent []string
		wrapped       []string
	}{
		{
			name: "proforma for a 30% T/T deposit, A4", doc: Proforma, paper: "a4",
			exact: []string{
				"PROFORMA INVOICE 形式发票", "PI No. 形式发票号", "PI-240315-A", "2024-03-15",
				"Valid until 有效期至", "2024-04-14", "Specification", "规格", "5 W, 4000 K, 1.5 m cable",
				"Deposit by T/T 电汇定金 30%: USD 3,703.70, upon PI confirmation",
				"Balance by T/T 电汇尾款 70%: USD 8,641.97, before shipment",
				"BRIGHTWAY LIGHTING PO-2024-0315", "30PCT DEPOSIT", "70PCT BALANCE",
				"Lead time 交货期", "25 days after deposit 收到定金后25天",
				"Beneficiary bank 收款银行", "7451 0188 0000 1234 5", "CMBCCNBS", "308584000013",
				"China Merchants Bank, Shenzhen Branch", "Remarks 备注",
				"本形式发票列明双方约定的货物、价格及条款，供买方付款及办理进口手续；商业发票随货出具。",
				"Confirmed by the buyer 买方确认",
			},
			absent: []string{"COMMERCIAL INVOICE", "HS Code", "Balance due"},
			wrapped: []string{
				"This proforma invoice states the goods, prices and terms agreed with the buyer. It is issued for the buyer's payment and import formalities; the commercial invoice follows at shipment.",
				"China Merchants Bank Tower, 7088 Shennan Blvd, Futian District, Shenzhen, China",
			},
		},
		{
			name: "commercial invoice with the deposit received, A4", doc: Commercial, paper: "a4",
			exact: []string{
				"COMMERCIAL INVOICE 商业发票", "Invoice No. 发票号", "CI-240502-A", "2024-05-02", "PI-240315-A",
				"HS Code", "海关编码", "9405.21.0000", "3926.90", "VN", "原产国", "Origin",
				"Port of entry 入境口岸", "Houston, TX (5301)", "COSCO SHIPPING ARIES V.045E", "COSU6234567890",
				"Less deposit received 减：已收定金", "-3,703.70", "Balance due 应付余额 (USD)", "8,641.97",
				"Cartons 总箱数", "135", "2,926.5", "3,271.8", "22.53",
				"Shipping marks 唛头", "HARBOR HOME", "C/NO. 1-135", "Export cartons on pallets 出口纸箱加托盘",
				"兹证明本发票内容真实无误，所列货物的原产国如上所述。", "2,100.5",
			},
			absent: []string{"PROFORMA INVOICE", "Valid until", "形式发票列明", "Wire memo"},
			wrapped: []string{
				"We hereby certify that this invoice is true and correct and that the goods described above are of the stated origin.",
				"4500 Port Rd, Houston, TX 77029, USA", "Spec 规格: 5 W, 4000 K, 1.5 m cable",
			},
		},
		{
			name: "proforma on US Letter paper", doc: Proforma, paper: "letter",
			exact: []string{"PROFORMA INVOICE 形式发票", "Balance by T/T 电汇尾款 70%: USD 8,641.97, before shipment"},
		},
		{
			name: "commercial invoice on US Letter paper", doc: Commercial, paper: "letter",
			exact: []string{"COMMERCIAL INVOICE 商业发票", "Balance due 应付余额 (USD)"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := render(t, testRenderer(t, tc.paper), sampleOrder(), tc.doc)
			plain := run(t, b, "pdftotext", "-enc", "UTF-8")
			layout := run(t, b, "pdftotext", "-layout", "-enc", "UTF-8")
			for _, want := range append(append([]string{}, common...), tc.exact...) {
				if !strings.Contains(plain, want) {
					t.Errorf("pdftotext: %q missing", want)
				}
				if !strings.Contains(layout, want) {
					t.Errorf("pdftotext -layout: %q missing", want)
				}
			}
			for _, want := range append(append([]string{}, wrapped...), tc.wrapped...) {
				if !strings.Contains(squeeze(plain), squeeze(want)) {
					t.Errorf("pdftotext: %q missing (white space ignored)", want)
				}
			}
			for _, bad := range tc.absent {
				if strings.Contains(plain, bad) {
					t.Errorf("%s shows %q, which belongs on the other document", tc.doc, bad)
				}
			}
			info := run(t, b, "pdfinfo")
			size := "595.28 x 841.89"
			if tc.paper == "letter" {
				size = "612 x 792"
			}
			if !strings.Contains(info, size) {
				t.Errorf("pdfinfo: page size is not %s:\n%s", size, info)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	r := testRenderer(t, "a4")
	for _, tc := range []struct {
		doc  Document
		want []string
	}{
		{Proforma, []string{"Title:           Proforma Invoice PI-240315-A", "Author:          Shenzhen Brightway Lighting Technology Co., Ltd.",
			"Keywords:        PO-2024-0315", "Creator:         tradedocs", "Subject:         Proforma Invoice PI-240315-A: Shenzhen Brightway Lighting Technology Co., Ltd. to Harbor Home Goods LLC",
			"CreationDate:    Fri Mar 15 00:00:00 2024 UTC"}},
		{Commercial, []string{"Title:           Commercial Invoice CI-240502-A", "Keywords:        PO-2024-0315",
			"CreationDate:    Thu May  2 00:00:00 2024 UTC"}},
	} {
		t.Run(string(tc.doc), func(t *testing.T) {
			needTool(t, "pdfinfo")
			info := run(t, render(t, r, sampleOrder(), tc.doc), "pdfinfo", "-isodates")
			info2 := run(t, render(t, r, sampleOrder(), tc.doc), "pdfinfo")
			for _, w := range tc.want {
				if !strings.Contains(info2, w) && !strings.Contains(info, w) {
					t.Errorf("pdfinfo lacks %q:\n%s", w, info2)
				}
			}
		})
	}
}

func TestPDFIsValidWithEmbeddedFonts(t *testing.T) {
	r := testRenderer(t, "a4")
	for _, doc := range []Document{Proforma, Commercial} {
		t.Run(string(doc), func(t *testing.T) {
			o := sampleOrder()
			o.Logo = writePNG(t, "logo.png", 120, 60, color.NRGBA{10, 60, 140, 255})
			o.Chop = writePNG(t, "chop.png", 100, 100, color.NRGBA{210, 20, 20, 160})
			orderIn(t, o)
			b := render(t, r, o, doc)
			check := run(t, b, "qpdf", "--check")
			if !strings.Contains(check, "No syntax or stream encoding errors found") {
				t.Errorf("qpdf --check:\n%s", check)
			}
			fl := run(t, b, "pdffonts")
			lines := strings.Split(strings.TrimSpace(fl), "\n")[2:]
			if len(lines) != 2 {
				t.Fatalf("want 2 fonts (regular and bold), got:\n%s", fl)
			}
			for _, ln := range lines {
				f := strings.Fields(ln)
				// name type... encoding emb sub uni id gen
				if n := len(f); n < 6 || f[n-5] != "yes" || f[n-3] != "yes" {
					t.Errorf("font not embedded with a Unicode map: %s", ln)
				}
			}
			imgs := run(t, b, "pdfimages", "-list")
			n := 0
			for _, ln := range strings.Split(imgs, "\n") {
				if f := strings.Fields(ln); len(f) > 2 && f[2] == "image" {
					n++
				}
			}
			if n != 2 {
				t.Errorf("want logo and chop images, got:\n%s", imgs)
			}
		})
	}
}

func TestSameOrderGivesSameBytes(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    func() *invoice.Order
		doc  Document
	}{
		{"proforma with logo and chop", func() *invoice.Order {
			o := sampleOrder()
			o.Logo = writePNG(t, "logo.png", 120, 60, color.NRGBA{10, 60, 140, 255})
			o.Chop = writePNG(t, "chop.png", 100, 100, color.NRGBA{210, 20, 20, 160})
			orderIn(t, o)
			return o
		}, Proforma},
		{"commercial invoice of 300 lines", func() *invoice.Order { return manyItems(300) }, Commercial},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.o()
			first := render(t, testRenderer(t, "a4"), o, tc.doc)
			r := testRenderer(t, "a4")
			var wg sync.WaitGroup
			outs := make([][]byte, 4)
			for i := range outs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var buf bytes.Buffer
					if err := r.Render(&buf, o, tc.doc); err != nil {
						t.Error(err)
					}
					outs[i] = buf.Bytes()
				}()
			}
			wg.Wait()
			for i, b := range outs {
				if !bytes.Equal(first, b) {
					t.Errorf("render %d differs from the first (%d vs %d bytes)", i, len(b), len(first))
				}
			}
		})
	}
}

func TestPagination(t *testing.T) {
	r := testRenderer(t, "a4")
	for _, tc := range []struct {
		name     string
		items    int
		doc      Document
		minPages int
		maxPages int
	}{
		{"single-item proforma", 1, Proforma, 1, 2},
		{"single-item commercial invoice", 1, Commercial, 1, 2},
		{"20-line proforma", 20, Proforma, 2, 4},
		{"300-line proforma", 300, Proforma, 3, 40},
		{"300-line commercial invoice", 300, Commercial, 3, 40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := manyItems(tc.items)
			text := run(t, render(t, r, o, tc.doc), "pdftotext", "-layout", "-enc", "UTF-8")
			ps := pages(text)
			if len(ps) < tc.minPages || len(ps) > tc.maxPages {
				t.Fatalf("%d pages, want %d–%d", len(ps), tc.minPages, tc.maxPages)
			}
			n := itoa(len(ps))
			lastItem := -1
			for i, p := range ps {
				want := "Page " + itoa(i+1) + " of " + n + " / 第" + itoa(i+1) + "页 共" + n + "页"
				if !strings.Contains(p, want) {
					t.Errorf("page %d lacks footer %q", i+1, want)
				}
				hasItems := regexp.MustCompile(`BW-[A-Z]{2}-\d+-\d{3}`).MatchString(p)
				if hasItems {
					lastItem = i
					// The column header is on every page that has rows.
					for _, h := range []string{"序号", "No.", "品名", "Description", "单价", "Unit Price", "金额", "Amount"} {
						if !strings.Contains(p, h) {
							t.Errorf("page %d has item rows but no table header %q", i+1, h)
						}
					}
				}
				if i > 0 && !strings.Contains(p, "(continued 续)") {
					t.Errorf("page %d lacks the running title", i+1)
				}
			}
			// Every row is there once.
			for i := range o.Items {
				if c := strings.Count(text, o.Items[i].SKU); c != 1 {
					t.Errorf("SKU %s appears %d times", o.Items[i].SKU, c)
				}
			}
			// The totals share the page of the last row, after it.
			lp := ps[lastItem]
			skuAt := strings.Index(lp, o.Items[len(o.Items)-1].SKU)
			totalAt := strings.Index(lp, "Total 合计 (USD)")
			if skuAt < 0 || totalAt < skuAt {
				t.Errorf("total not after the last row on page %d (row at %d, total at %d)", lastItem+1, skuAt, totalAt)
			}
			if tc.items >= 300 && !strings.Contains(text, "Page 2 of "+n) {
				t.Errorf("no \"Page 2 of %s\"", n)
			}
		})
	}
}

func TestChineseWrapsWithoutLosingCharacters(t *testing.T) {
	long := "加厚不锈钢保温杯，双层真空结构，食品级304内胆（含硅胶密封圈、防漏杯盖及提手），适用于办公室、户外运动与旅行。" +
		"外观采用哑光喷涂工艺，手感细腻，不易留指纹；容量500毫升，保温12小时以上，保冷24小时以上。"
	o := sampleOrder()
	o.Items[0].DescriptionZH = long
	o.Items[1].Spec = "规格：直径七十毫米、高二百二十毫米、重三百八十克、颜色：黑、白、灰、蓝、粉（可定制）"
	o.Seller.AddressZH = "广东省深圳市南山区粤海街道科技园社区科苑路十五号科兴科学园B栋三单元十二层一二零五至一二零八室（深圳湾科技生态园对面）"
	r := testRenderer(t, "a4")
	for _, doc := range []Document{Proforma, Commercial} {
		t.Run(string(doc), func(t *testing.T) {
			text := run(t, render(t, r, o, doc), "pdftotext", "-enc", "UTF-8")
			for _, s := range []string{long, o.Seller.AddressZH} {
				if !strings.Contains(squeeze(text), squeeze(s)) {
					t.Errorf("wrapped text lost characters: want %q in\n%s", s, text)
				}
			}
			if doc == Proforma && !strings.Contains(squeeze(text), squeeze(o.Items[1].Spec)) {
				t.Errorf("specification lost characters")
			}
			for _, ln := range strings.Split(text, "\n") {
				ln = strings.TrimSpace(ln)
				if ln != "" && strings.ContainsRune("，。、）》」；：！？", []rune(ln)[0]) {
					t.Errorf("line starts with closing punctuation: %q", ln)
				}
			}
		})
	}
}

func TestUndrawableTextIsAnErrorNotAPanic(t *testing.T) {
	r := testRenderer(t, "a4")
	where := invoice.Location{File: "order.xlsx", Sheet: "Items", Cell: "C7"}
	for _, tc := range []struct {
		name   string
		modify func(o *invoice.Order)
		want   []string
	}{
		{"rare ideograph above U+FFFF in a description", func(o *invoice.Order) {
			o.Items[0].DescriptionZH = "𠮷野家台灯"
			o.Items[0].Where = map[string]invoice.Location{"description_zh": where}
		}, []string{"order.xlsx!Items!C7", "U+20BB7"}},
		{"emoji in the remarks", func(o *invoice.Order) { o.Remarks = "thanks 🙏" }, []string{"U+1F64F", "remarks"}},
		{"Thai text the font has no glyphs for", func(o *invoice.Order) { o.Buyer.Name = "บริษัท" }, []string{"U+0E1A", "not in the bundled font"}},
		{"control character pasted into an address", func(o *invoice.Order) { o.Buyer.Address = "Austin\x07TX" }, []string{"U+0007"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := sampleOrder()
			tc.modify(o)
			var buf bytes.Buffer
			err := r.Render(&buf, o, Proforma)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, invoice.ErrCharacter) {
				t.Errorf("error does not wrap invoice.ErrCharacter: %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
}

func TestImagesFromTheOrder(t *testing.T) {
	r := testRenderer(t, "a4")
	dir := pngDir(t)
	notPNG := filepath.Join(dir, "logo.png")
	if err := os.WriteFile(notPNG, []byte("GIF89a not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		logo      string
		chop      string
		wantInErr string
	}{
		{"logo file that is not there", filepath.Join(dir, "missing-logo.png"), "", "missing-logo.png"},
		{"chop file that is not a PNG", "", notPNG, "logo.png"},
		{"logo and chop both fine", writePNG(t, "l.png", 50, 20, color.NRGBA{0, 0, 200, 255}), writePNG(t, "c.png", 40, 40, color.NRGBA{200, 0, 0, 255}), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := sampleOrder()
			o.Source.File = filepath.Join(dir, "order.xlsx")
			o.Logo, o.Chop = tc.logo, tc.chop
			var buf bytes.Buffer
			err := r.Render(&buf, o, Commercial)
			switch {
			case tc.wantInErr == "" && err != nil:
				t.Fatal(err)
			case tc.wantInErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantInErr)):
				t.Fatalf("error %v does not name %s", err, tc.wantInErr)
			case tc.wantInErr != "" && buf.Len() > 0:
				t.Errorf("partial output written")
			}
		})
	}
}

// fewProducts is a 20-line order of three products in different sizes: the
// PI and CI draw few distinct characters and share one font subset.
func fewProducts() *invoice.Order { return products(3) }

// products is a 20-line order of the first k products of the catalogue.
func products(k int) *invoice.Order {
	o := manyItems(20)
	for i := range o.Items {
		o.Items[i].DescriptionEN, o.Items[i].DescriptionZH = catalogue[i%k][0], catalogue[i%k][1]
	}
	return o
}

// The most varied 20-line order whose PI and CI still share a subset (one
// compressed fast) is the largest shared case: it must stay under 80 KB too.
func TestLargestSharedSubsetStaysSmall(t *testing.T) {
	r := testRenderer(t, "a4")
	for k := len(catalogue); k >= 3; k-- {
		var pi, ci bytes.Buffer
		if err := r.RenderSet(products(k), []Document{Proforma, Commercial}, []io.Writer{&pi, &ci}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fontPrograms(t, pi.Bytes())[0], fontPrograms(t, ci.Bytes())[0]) {
			continue // own subsets: covered by TestTwentyLineDocumentsAreSmall
		}
		t.Logf("%d products: PI %d bytes, CI %d bytes", k, pi.Len(), ci.Len())
		for doc, b := range map[Document]*bytes.Buffer{Proforma: &pi, Commercial: &ci} {
			if b.Len() > 80_000 {
				t.Errorf("20-line %s of %d products is %d bytes, want at most 80000", doc, k, b.Len())
			}
		}
		if k == len(catalogue) {
			t.Log("every catalogue order shares its subset: the case at the limit is not reached")
		}
		return
	}
	t.Fatal("no 20-line order shares its subset")
}

func TestTwentyLineDocumentsAreSmall(t *testing.T) {
	r := testRenderer(t, "a4")
	for _, tc := range []struct {
		name string
		o    *invoice.Order
	}{
		{"twenty different products (each document its own subset)", manyItems(20)},
		{"twenty lines of three products (shared subset)", fewProducts()},
	} {
		for _, doc := range []Document{Proforma, Commercial} {
			t.Run(tc.name+"/"+string(doc), func(t *testing.T) {
				b := render(t, r, tc.o, doc)
				const limit = 80_000
				t.Logf("%d bytes", len(b))
				if len(b) > limit {
					t.Errorf("20-line %s is %d bytes, want at most %d", doc, len(b), limit)
				}
			})
		}
	}
}

// The PI and CI of an order embed the same font subset (compressed once)
// unless that subset would make them too big; either way a document is
// the same bytes whether it is rendered alone or with the other.
func TestProformaAndInvoiceShareOneSubset(t *testing.T) {
	r := testRenderer(t, "a4")
	for _, tc := range []struct {
		name   string
		o      *invoice.Order
		shared bool
	}{
		{"typical order", sampleOrder(), true},
		{"twenty lines of three products", fewProducts(), true},
		{"twenty different products", manyItems(20), false},
		{"three hundred lines over several pages", manyItems(300), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var pi, ci bytes.Buffer
			if err := r.RenderSet(tc.o, []Document{Proforma, Commercial}, []io.Writer{&pi, &ci}); err != nil {
				t.Fatal(err)
			}
			if alone := render(t, r, tc.o, Proforma); !bytes.Equal(alone, pi.Bytes()) {
				t.Error("PI rendered alone differs from the PI rendered with its CI")
			}
			if alone := render(t, r, tc.o, Commercial); !bytes.Equal(alone, ci.Bytes()) {
				t.Error("CI rendered alone differs from the CI rendered with its PI")
			}
			a, b := fontPrograms(t, pi.Bytes()), fontPrograms(t, ci.Bytes())
			if len(a) != 2 || len(b) != 2 {
				t.Fatalf("%d and %d embedded fonts, want 2 each", len(a), len(b))
			}
			for i, face := range []string{"regular", "bold"} {
				if same := bytes.Equal(a[i], b[i]); same != tc.shared {
					t.Errorf("%s face: PI and CI embed the same subset = %v, want %v", face, same, tc.shared)
				}
			}
			// Whatever the subsets, every character of both documents
			// extracts.
			for _, doc := range []*bytes.Buffer{&pi, &ci} {
				text := squeeze(run(t, doc.Bytes(), "pdftotext", "-enc", "UTF-8"))
				for _, it := range tc.o.Items[:3] {
					if !strings.Contains(text, squeeze(it.DescriptionZH)) {
						t.Errorf("%q missing from the extracted text", it.DescriptionZH)
					}
				}
			}
		})
	}
}

func TestLabelsFromTemplates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		d := filepath.Join(dir, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, labelsFile), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tc := range []struct {
		name    string
		dir     string
		wantErr string
		want    string
	}{
		{"user renames one caption", write("one", `{"remarks": {"en": "Notes", "zh": "附注"}}`), "", "Notes 附注"},
		{"caption without Chinese", write("nozh", `{"remarks": {"en": "Notes"}}`), "remarks", ""},
		{"not JSON", write("bad", `{remarks`), "labels.json", ""},
		{"footer without the page count", write("page", `{"page": {"en": "Page {page}", "zh": "第{page}页"}}`), "{pages}", ""},
		{"caption with a character the font lacks", write("thai", `{"remarks": {"en": "Notes", "zh": "หมายเหตุ"}}`), "U+0E2B", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := New(Options{Regular: fonts.Regular(), Bold: fonts.Bold(), Templates: templates.Overlay(tc.dir)})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one naming %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			text := run(t, render(t, r, sampleOrder(), Proforma), "pdftotext", "-enc", "UTF-8")
			if !strings.Contains(text, tc.want) {
				t.Errorf("%q not in the PDF", tc.want)
			}
		})
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"no fonts", Options{}},
		{"paper size the CLI does not offer", Options{Regular: fonts.Regular(), Bold: fonts.Bold(), Paper: "a3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(tc.opt); err == nil {
				t.Error("no error")
			}
		})
	}
}

func BenchmarkRenderPI20(b *testing.B) {
	r := testRenderer(b, "a4")
	o := manyItems(20)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := r.Render(&buf, o, Proforma); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}

// BenchmarkRenderOrder20 draws the PI and CI of a 20-line order of a few
// products together, as a batch does: one shared subset, compressed once.
func BenchmarkRenderOrder20(b *testing.B) {
	r := testRenderer(b, "a4")
	o := fewProducts()
	var pi, ci bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		pi.Reset()
		ci.Reset()
		if err := r.RenderSet(o, []Document{Proforma, Commercial}, []io.Writer{&pi, &ci}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pi.Len()+ci.Len())/2, "bytes/pdf")
}

// Units such as "boxes" or "cartons" in the CI's narrow unit column are set
// smaller rather than broken inside the word.
func TestLongUnitsAreNotBrokenInsideTheWord(t *testing.T) {
	r := testRenderer(t, "a4")
	for _, unit := range []string{"boxes", "cartons", "dozens", "pieces"} {
		t.Run(unit, func(t *testing.T) {
			o := sampleOrder()
			for i := range o.Items {
				o.Items[i].Unit = unit
			}
			text := run(t, render(t, r, o, Commercial), "pdftotext", "-layout", "-enc", "UTF-8")
			if got := strings.Count(text, unit); got < len(o.Items) {
				t.Errorf("unit %q appears whole %d times, want %d (once per item):\n%s", unit, got, len(o.Items), text)
			}
		})
	}
}

func TestRenderSetRejectsBadRequests(t *testing.T) {
	r := testRenderer(t, "a4")
	var a, b bytes.Buffer
	for _, tc := range []struct {
		name string
		docs []Document
		ws   []io.Writer
	}{
		{"more documents than writers", []Document{Proforma, Commercial}, []io.Writer{&a}},
		{"the same document twice", []Document{Proforma, Proforma}, []io.Writer{&a, &b}},
		{"a document that is not a PI, CI or PL", []Document{"DN"}, []io.Writer{&a}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := r.RenderSet(sampleOrder(), tc.docs, tc.ws); err == nil {
				t.Error("no error")
			}
			if a.Len()+b.Len() != 0 {
				t.Errorf("%d bytes written despite the error", a.Len()+b.Len())
			}
		})
	}
}
