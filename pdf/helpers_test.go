package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"

	"github.com/tradedocs/tradedocs/internal/pdftools"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func decp(s string) *decimal.Decimal { d := dec(s); return &d }

// sampleOrder is a realistic order from a Shenzhen lamp maker to a US
// Amazon seller: three lines, freight and insurance, a 30/70 T/T split,
// total USD 12,345.67.
func sampleOrder() *invoice.Order {
	return &invoice.Order{
		OrderNo:    "PO-2024-0315",
		PINo:       "PI-240315-A",
		PIDate:     invoice.NewDate(2024, 3, 15),
		ValidUntil: invoice.NewDate(2024, 4, 14),
		CINo:       "CI-240502-A",
		CIDate:     invoice.NewDate(2024, 5, 2),
		ContractNo: "SC-88-2024",
		Seller: invoice.Party{
			Name:      "Shenzhen Brightway Lighting Technology Co., Ltd.",
			NameZH:    "深圳市明途照明科技有限公司",
			Address:   "Building 5, No. 18 Keji Road, Nanshan District, Shenzhen, Guangdong 518057, China",
			AddressZH: "广东省深圳市南山区科技路18号5栋",
			Phone:     "+86 755 8888 1234",
			Email:     "sales@brightway-lighting.cn",
			Website:   "www.brightway-lighting.cn",
			TaxID:     "91440300MA5F1234XY",
		},
		Signatory: "Li Wei, Sales Manager 销售经理",
		Buyer: invoice.Party{
			Name:    "Harbor Home Goods LLC",
			Address: "1200 Commerce Way, Suite 300, Austin, TX 78701, USA",
			Phone:   "+1 512 555 0187",
			Email:   "purchasing@harborhome.example",
			TaxID:   "EIN 84-1234567",
		},
		Consignee: invoice.Party{
			Name:    "Harbor Home Goods LLC c/o Lone Star Logistics",
			Address: "4500 Port Rd, Houston, TX 77029, USA",
		},
		NotifyParty: "Lone Star Customs Brokers Inc., +1 713 555 0100",
		Currency:    invoice.MustCurrency("USD"),
		Shipment: invoice.Shipment{
			Incoterm:             invoice.FOB,
			Place:                "Shenzhen",
			PortOfLoading:        "Yantian, Shenzhen",
			PortOfDischarge:      "Houston",
			PortOfEntry:          "Houston, TX (5301)",
			CountryOfDestination: "USA",
			Transport:            "Sea freight, 1 × 20' GP",
			Vessel:               "COSCO SHIPPING ARIES V.045E",
			TrackingNo:           "COSU6234567890",
			ShipDate:             invoice.NewDate(2024, 5, 4),
			LeadTime:             "25 days after deposit 收到定金后25天",
			ShippingMarks:        "HARBOR HOME\nPO-2024-0315\nHOUSTON\nC/NO. 1-135",
			Packing:              "Export cartons on pallets 出口纸箱加托盘",
		},
		DepositTerms:    "upon PI confirmation",
		BalanceTerms:    "before shipment",
		DepositReceived: decp("3703.70"),
		Bank: invoice.Bank{
			Account: "7451 0188 0000 1234 5",
			Name:    "China Merchants Bank, Shenzhen Branch",
			Address: "China Merchants Bank Tower, 7088 Shennan Blvd, Futian District, Shenzhen, China",
			SWIFT:   "CMBCCNBS",
			CNAPS:   "308584000013",
		},
		Remarks: "Colour temperature 4000K. Each lamp in a white gift box with English manual. 每台灯配白色彩盒及英文说明书。",
		Items: []invoice.Item{
			{SKU: "BW-DL-201", DescriptionEN: "LED desk lamp with USB charging port", DescriptionZH: "带USB充电口LED台灯",
				Spec: "5 W, 4000 K, 1.5 m cable", Material: "Aluminium, ABS", HSCode: "9405.21.0000",
				Quantity: dec("1000"), Unit: "pcs", UnitPrice: dec("3.50"),
				Cartons: decp("50"), NetWeightKG: decp("820"), GrossWeightKG: decp("905"), CBM: decp("3.6")},
			{SKU: "BW-FL-330", DescriptionEN: "Floor lamp, dimmable, three-way switch", DescriptionZH: "可调光落地灯（三段开关）",
				Spec: "12 W, 2700–6500 K", Material: "Steel, linen shade", HSCode: "9405.21.0000",
				Quantity: dec("500"), Unit: "sets", UnitPrice: dec("12.80"),
				Cartons: decp("84"), NetWeightKG: decp("2100.5"), GrossWeightKG: decp("2360"), CBM: decp("18.9")},
			{SKU: "BW-SC-03", DescriptionEN: "Replacement bulb clip", DescriptionZH: "替换灯泡夹",
				Spec: "Ø 28 mm", Material: "Nylon 66", HSCode: "3926.90", Origin: "VN",
				Quantity: dec("2000"), Unit: "pcs", UnitPrice: dec("0.085"),
				Cartons: decp("1"), NetWeightKG: decp("6"), GrossWeightKG: decp("6.8"), CBM: decp("0.03")},
		},
		Charges: []invoice.Charge{
			{DescriptionEN: "Ocean freight to Houston", DescriptionZH: "海运费", Amount: dec("1800")},
			{DescriptionEN: "Cargo insurance", DescriptionZH: "保险费", Amount: dec("475.67")},
		},
	}
}

// catalogue is twenty different products of a typical consolidated order,
// so that a 20-line invoice draws as many distinct Chinese characters as a
// real one.
var catalogue = [][2]string{
	{"LED desk lamp with USB charging port", "带USB充电口LED台灯"},
	{"Floor lamp, dimmable, three-way switch", "可调光落地灯（三段开关）"},
	{"Replacement bulb clip", "替换灯泡夹"},
	{"Stainless steel vacuum bottle 500 ml", "不锈钢真空保温杯500毫升"},
	{"Silicone baking mat, non-stick", "硅胶不粘烘焙垫"},
	{"Bamboo cutting board, large", "大号竹制砧板"},
	{"Bluetooth wireless earbuds", "蓝牙无线耳机"},
	{"Phone case, shockproof TPU", "防摔TPU手机壳"},
	{"Cotton bath towel set", "纯棉浴巾套装"},
	{"Ceramic coffee mug with lid", "带盖陶瓷咖啡杯"},
	{"Yoga mat, 6 mm, anti-slip", "六毫米防滑瑜伽垫"},
	{"Kids' drawing tablet, LCD", "儿童液晶手写板"},
	{"Pet grooming brush", "宠物梳毛刷"},
	{"Garden hose nozzle, 8 patterns", "八功能园艺喷水枪"},
	{"Car phone holder, magnetic", "磁吸车载手机支架"},
	{"Electric milk frother", "电动奶泡器"},
	{"Resistance bands, set of 5", "弹力带五件套"},
	{"Wooden jigsaw puzzle, 100 pieces", "木质拼图一百片"},
	{"Stainless steel straw set with brush", "不锈钢吸管套装附清洁刷"},
	{"Portable mini fan, rechargeable", "便携充电迷你风扇"},
}

// manyItems is the sample order with n item lines, the first twenty
// products all different.
func manyItems(n int) *invoice.Order {
	o := sampleOrder()
	base := o.Items
	o.Items = nil
	for i := 0; i < n; i++ {
		it := base[i%len(base)]
		it.SKU = fmt.Sprintf("%s-%03d", it.SKU, i+1)
		it.Quantity = decimal.NewFromInt(int64(10 + i))
		it.DescriptionEN, it.DescriptionZH = catalogue[i%len(catalogue)][0], catalogue[i%len(catalogue)][1]
		o.Items = append(o.Items, it)
	}
	o.DepositReceived = nil
	return o
}

func testRenderer(t testing.TB, paper Paper) *Renderer {
	t.Helper()
	r, err := New(Options{Regular: fonts.Regular(), Bold: fonts.Bold(), Paper: paper,
		Memo: func(o *invoice.Order, s invoice.Stage) ([]string, error) {
			return []string{"BRIGHTWAY LIGHTING PO-2024-0315", fmt.Sprintf("%sPCT %s", s.Percent, strings.ToUpper(string(s.Kind)))}, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func render(t testing.TB, r *Renderer, o *invoice.Order, doc Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, o, doc); err != nil {
		t.Fatalf("Render %s: %v", doc, err)
	}
	return buf.Bytes()
}

// needTool skips the test when a command-line tool is missing and the
// user allowed it (TRADEDOCS_SKIP_PDF_TOOLS=1), and fails it otherwise.
func needTool(t testing.TB, name string) {
	t.Helper()
	pdftools.Need(t, name)
}

// run runs a tool on a PDF and returns its standard output.
func run(t testing.TB, pdf []byte, name string, args ...string) string {
	t.Helper()
	needTool(t, name)
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, path)
	if name == "pdftotext" {
		args = append(args, "-")
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// writePNG writes a w×h PNG with a coloured disc (a stand-in logo or chop)
// and returns its path.
func writePNG(t testing.TB, name string, w, h int, c color.NRGBA) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x-w/2)/float64(w/2), float64(y-h/2)/float64(h/2)
			if dx*dx+dy*dy <= 1 {
				img.SetNRGBA(x, y, c)
			}
		}
	}
	path := filepath.Join(pngDir(t), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustCur(code string) invoice.Currency { return invoice.MustCurrency(code) }

// fontPrograms returns the decompressed font files a PDF embeds (the
// streams whose dictionary has /Length1), in the order they appear.
func fontPrograms(t testing.TB, pdf []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("/Length1 "))
		if i < 0 {
			return out
		}
		rest = rest[i:]
		j := bytes.Index(rest, []byte("stream\n"))
		k := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 || k < j {
			t.Fatal("font stream without stream/endstream")
		}
		zr, err := zlib.NewReader(bytes.NewReader(rest[j+len("stream\n") : k]))
		if err != nil {
			t.Fatal(err)
		}
		ttf, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ttf)
		rest = rest[k:]
	}
}

// pngDirs holds each test's folder of pictures: the pictures of one order
// must lie in its order file's folder (images.Load).
var pngDirs sync.Map

// pngDir is the test's folder of pictures, which orderIn names as the
// order file's folder.
func pngDir(t testing.TB) string {
	if d, ok := pngDirs.Load(t.Name()); ok {
		if _, err := os.Stat(d.(string)); err == nil {
			return d.(string)
		}
		// Removed with the test's earlier run (go test -count=2).
	}
	d := t.TempDir()
	pngDirs.Store(t.Name(), d)
	return d
}

// orderIn makes the order come from a file in the test's folder of
// pictures, where its logo and chop are.
func orderIn(t testing.TB, o *invoice.Order) *invoice.Order {
	o.Source.File = filepath.Join(pngDir(t), "order.xlsx")
	return o
}
