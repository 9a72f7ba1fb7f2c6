package spreadsheet

// This file generates the shipped examples (../examples) and the broken
// workbooks (../testdata/broken), one per bad-input rule of issue 2.
//
//	go test ./spreadsheet -run TestWriteFixtures -update
//
// rewrites them. Without -update, TestWriteFixtures checks that the committed
// files still hold what the generator would write: the cell values and
// formulas of each sheet for workbooks (excelize output is compared by
// content, not bytes), the bytes for everything else.

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The -update flag may also be declared by another test file of this
// package; package-level variables initialise before init functions run, so
// checking here avoids registering it twice.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files, examples/ and testdata/broken/ from their generators")
	}
}

func fixtureUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const (
	fixtureExamplesDir = "../examples"
	fixtureBrokenDir   = "../testdata/broken"
	fixtureLibreDir    = "../testdata/libreoffice"
	fixtureTradeDir    = "../testdata/trade"
)

// fixtureSheet is one sheet of a generated workbook: rows from A1 down (a nil
// row is blank, a nil cell is skipped), a string starting with "=" is a
// formula, a tmplDay is a date cell.
type fixtureSheet struct {
	name   string
	rows   [][]any
	merges [][2]string
	widths map[string]float64
	// formats gives a number format to whole columns: "H": `"¥"#,##0.000`.
	formats map[string]string
}

type fixtureBook []fixtureSheet

// xlsx writes the workbook.
func (b fixtureBook) xlsx() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: tmplPtr("yyyy-mm-dd")})
	if err != nil {
		return nil, err
	}
	for i, s := range b {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return nil, err
		}
		for col, fmtCode := range s.formats {
			id, err := f.NewStyle(&excelize.Style{CustomNumFmt: tmplPtr(fmtCode)})
			if err != nil {
				return nil, err
			}
			if err := f.SetColStyle(s.name, col, id); err != nil {
				return nil, err
			}
		}
		for col, w := range s.widths {
			if err := f.SetColWidth(s.name, col, col, w); err != nil {
				return nil, err
			}
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case tmplDay:
					err = f.SetCellValue(s.name, cell, v.serial())
					if err == nil {
						err = f.SetCellStyle(s.name, cell, cell, dateStyle)
					}
				case string:
					if strings.HasPrefix(v, "=") {
						err = f.SetCellFormula(s.name, cell, v[1:])
					} else {
						err = f.SetCellStr(s.name, cell, v)
					}
				default:
					err = f.SetCellValue(s.name, cell, v)
				}
				if err != nil {
					return nil, fmt.Errorf("%s!%s: %w", s.name, cell, err)
				}
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				return nil, err
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fixtureUSCC completes 17 characters into a unified social credit code
// with the right GB 32100-2015 check character, found by asking
// invoice.CheckTaxID rather than re-implementing it.
func fixtureUSCC(first17 string) string {
	for _, c := range "0123456789ABCDEFGHJKLMNPQRTUWXY" {
		if code := first17 + string(c); invoice.CheckTaxID(code) == nil {
			return code
		}
	}
	panic("fixtureUSCC: no check character for " + first17)
}

// fixtureWrongCheck returns the code with a wrong check character.
func fixtureWrongCheck(code string) string {
	last := code[17]
	alt := byte('0')
	if last == '0' {
		alt = '1'
	}
	return code[:17] + string(alt)
}

// ---------------------------------------------------------------------------
// examples/

// fixtureUSDItems are the lines of the USD example: a Shenzhen electronics
// supplier; line 7 (333 × 7.235 = 2,409.255) rounds half-up to 2,409.26.
var fixtureUSDItems = [][]any{
	{1, "BW-C100", "USB-C to USB-C charging cable, 1 m, braided nylon, 60 W", "USB-C编织数据线", "8544.42.90", 2000, "pcs", 0.865, 1730.00, 10, 96, 104, 0.32},
	{2, "BW-C200", "USB-C to Lightning cable, 2 m, MFi certified", "苹果认证数据线", "8544.42.90", 1500, "pcs", 1.985, 2977.50, 10, 120, 129, 0.30},
	{3, "BW-P10", "Power bank 10000 mAh, lithium-ion polymer, 22.5 W PD", "移动电源", "8507.60.00", 600, "pcs", 6.375, 3825.00, 12, 150, 162, 0.38},
	{4, "BW-L07", "LED desk lamp, dimmable, 7 W, with USB-A charging port", "LED护眼台灯", "9405.21.00", 240, "pcs", 9.80, 2352.00, 20, 168, 186, 0.96},
	{5, "BW-S03", "Aluminium phone stand, adjustable, silver", "铝合金手机支架", "7616.99", 800, "pcs", 2.455, 1964.00, 8, 128, 136, 0.22},
	{6, "BW-W15", "Wireless charging pad 15 W, Qi certified", "无线充电器", "8504.40", 450, "pcs", 4.125, 1856.25, 9, 90, 97, 0.27},
	{7, "BW-B05", "Portable Bluetooth speaker 5 W, IPX5 splash-proof", "便携蓝牙音箱", "8518.22.00", 333, "pcs", 7.235, 2409.26, 14, 186.5, 201, 0.58},
	{8, "BW-K01", "Silicone cable organizer clips, 5-piece set", "硅胶理线器", "3926.90", 1250, "sets", 0.085, 106.25, 2, 18.75, 20.5, 0.05},
}

// fixtureUSDCharges are the USD example's charges: what a FOB seller bills
// on top of the goods, itemized (CI-3): export packing and the inland
// trucking to the port of loading. The ocean freight and its insurance are
// the buyer's under FOB (I-2), so they are not here.
var fixtureUSDCharges = [][]any{
	{"Export packing: 85 master cartons, 5-ply, on 3 plastic pallets", "包装费", 486.00},
	{"Inland trucking Longhua factory to Yantian CFS", "内陆拖车费", 38.47},
}

func fixtureUSDBook() fixtureBook {
	order := [][]any{
		{"Order No. / 订单号", "HL-2024-0318"},
		{"pi_no", "BW-PI-240318"},
		{"PI Date / 形式发票日期", tmplDate(2024, time.March, 18)},
		{"ci_no", "BW-CI-240419"},
		{"Invoice Date / 发票日期", tmplDate(2024, time.April, 19)},
		{"valid_until", tmplDate(2024, time.April, 17)},
		{"contract_no", "HL-SC-2024-07"},
		{"Seller (English) / 卖方英文名称", "Shenzhen Brightwave Electronics Co., Ltd."},
		{"seller_name_zh", "深圳市明浪电子有限公司"},
		{"seller_address_en", "5F, Building 3, Xinghe Industrial Park, 12 Minle Road, Longhua District, Shenzhen, Guangdong 518131, China"},
		{"卖方中文地址", "广东省深圳市龙华区民乐路12号星河工业园3栋5楼"},
		{"Seller Phone / 卖方电话", "+86 755 2833 0000"},
		{"seller_email", "export@brightwave.example.com"},
		{"seller_website", "www.brightwave.example.com"},
		{"Unified Social Credit Code / 统一社会信用代码", fixtureUSCC("91440300MA5G7XKP3")},
		{"signatory", "Chen Jing, Export Manager"},
		{"Buyer / 买方", "Harbor Lane Goods LLC"},
		{"buyer_address", "2150 East Maple Avenue, Unit B, El Segundo, CA 90245, USA"},
		{"buyer_phone", "+1 310 555 0147"},
		{"buyer_email", "ops@harborlane.example.com"},
		{"buyer_tax_id", "88-1234567"},
		{"consignee_name", "Harbor Lane Goods LLC c/o Pacific Gateway Logistics"},
		{"consignee_address", "1200 Harbor Gateway Boulevard, Carson, CA 90746, USA"},
		{"Currency / 币种", "USD"},
		{"incoterm", "FOB"},
		{"Incoterm Named Place / 指定地点", "Shenzhen"},
		{"port_of_loading", "Yantian, Shenzhen, China"},
		{"port_of_discharge", "Los Angeles, CA, USA"},
		{"port_of_entry", "Los Angeles, CA"},
		{"country_of_origin", "CN"},
		{"country_of_destination", "US"},
		{"transport", "Sea freight, LCL"},
		{"lead_time", "30 days after receipt of deposit"},
		{"shipping_marks", "HARBOR LANE / HL-2024-0318 / LOS ANGELES / C/NO. 1-UP"},
		{"packing", "Export cartons, 5-ply"},
		{"Deposit % / 定金比例", 30},
		{"deposit_terms", "30% T/T within 3 days of PI confirmation"},
		{"balance_terms", "70% T/T against copy of B/L"},
		{"bank_beneficiary", "SHENZHEN BRIGHTWAVE ELECTRONICS CO., LTD."},
		{"bank_account", "759661234567"},
		{"Beneficiary Bank / 收款银行", "Bank of China, Shenzhen Branch"},
		{"bank_address", "International Finance Building, 2022 Jianshe Road, Luohu District, Shenzhen, China"},
		{"SWIFT / BIC", "BKCHCNBJ45A"},
		{"remarks", "Export packing and inland trucking to Yantian are itemized on the Charges sheet; ocean freight and insurance are booked by the buyer's forwarder."},
	}
	items := [][]any{{"No.", "Model No. / 货号", "Description / 英文品名", "品名", "HS Code / HS编码", "Qty / 数量", "Unit / 单位", "Unit Price (USD) / 单价", "Amount (USD) / 金额", "CTNS / 箱数", "N.W.(KG) / 净重", "G.W.(KG) / 毛重", "CBM / 体积"}}
	items = append(items, fixtureUSDItems...)
	charges := [][]any{{"Charge / 费用英文名称", "Charge (Chinese) / 费用名称", "Amount (USD) / 金额"}}
	charges = append(charges, fixtureUSDCharges...)
	return fixtureBook{
		{name: "Order", rows: order, widths: map[string]float64{"A": 42, "B": 70}},
		{name: "Items", rows: items, widths: map[string]float64{"B": 12, "C": 52, "D": 16, "E": 12}},
		{name: "Charges", rows: charges, widths: map[string]float64{"A": 52, "B": 16, "C": 14}},
	}
}

// fixtureCNYItems are the supplier quote's lines: 序号 货号 品名 英文品名 规格
// 数量 单位 单价(元) [金额 formula] 箱数 净重 毛重. Line 6 (3333 × 0.725 =
// 2416.425) rounds half-up to 2416.43.
var fixtureCNYItems = [][]any{
	{1, "CX-1021", "竹柄牙刷", "Bamboo toothbrush, soft bristles, 17.5 cm", "Adult 成人款", 5000, "支", 0.685, 10, 75, 82},
	{2, "CX-2033", "金属发夹", "Metal hair clip, matte black, 5 cm", "Matte black 哑光黑", 1250, "个", 0.085, 1, 8.5, 9.3},
	{3, "CX-3310", "硅胶吸管套装", "Reusable silicone straw set with cleaning brush", "4 straws + 1 brush 4支吸管+1刷", 2500, "套", 1.235, 10, 95, 103},
	{4, "CX-0418", "PP收纳盒", "PP storage box with lid, 6 L, clear", "6L", 800, "个", 6.8, 40, 320, 352},
	{5, "CX-5120", "帆布袋", "Cotton canvas tote bag, 38 x 42 cm, natural", "12oz", 1500, "个", 4.375, 15, 210, 225},
	{6, "CX-6602", "锌合金钥匙扣", "Zinc alloy keychain with enamel, 4 cm", "Custom logo 定制logo", 3333, "个", 0.725, 7, 100, 106},
}

// fixtureCNYHeaderRow is the row (1-based) of the quote's header.
const fixtureCNYHeaderRow = 8

func fixtureCNYBook() fixtureBook {
	quote := [][]any{
		{"义乌市晨星日用品有限公司"},
		{"YIWU CHENXING DAILY NECESSITIES CO., LTD."},
		{"浙江省义乌市稠城街道工人北路1188号  No. 1188 Gongren North Road, Yiwu, Zhejiang, China"},
		{"报价单 QUOTATION"},
		{"订单号 Order No.: CX-20240312-08", nil, nil, nil, nil, nil, nil, "报价日期 Date: 2024年3月12日"},
		{"客户 Buyer: Maple & Finch Home Goods Inc."},
		nil,
		{"序号", "货号", "品名", "英文品名", "规格", "数量", "单位", "单价(元)", "金额(元)", "箱数", "净重(KG)", "毛重(KG)", "备注"},
	}
	first := fixtureCNYHeaderRow + 1
	for i, it := range fixtureCNYItems {
		r := first + i
		row := append([]any{}, it[:8]...)
		row = append(row, fmt.Sprintf("=F%d*H%d", r, r))
		row = append(row, it[8:]...)
		quote = append(quote, row)
	}
	last := first + len(fixtureCNYItems) - 1
	total := last + 1
	sum := func(col string) string { return fmt.Sprintf("=SUM(%s%d:%s%d)", col, first, col, last) }
	quote = append(quote,
		[]any{"合计 TOTAL", nil, nil, nil, nil, sum("F"), nil, nil, sum("I"), sum("J"), sum("K"), sum("L")},
		nil,
		[]any{"备注：1. 以上价格为出厂价（EXW 义乌），不含运费。2. 付款方式：30%定金，余款发货前付清。3. 交货期：收到定金后25天。"},
	)
	order := [][]any{
		{"订单号", "CX-20240312-08"},
		{"报价日期", "2024年3月12日"},
		{"有效期至", "2024/4/11"},
		{"发票号", "CX-CI-0410"},
		{"发票日期", "2024年4月10日"},
		{"卖方英文名称", "Yiwu Chenxing Daily Necessities Co., Ltd."},
		{"卖方中文名称", "义乌市晨星日用品有限公司"},
		{"卖方英文地址", "No. 1188 Gongren North Road, Choucheng Street, Yiwu, Zhejiang 322000, China"},
		{"卖方中文地址", "浙江省义乌市稠城街道工人北路1188号"},
		{"电话", "+86 579 8555 0000"},
		{"邮箱", "chenxing@example.com"},
		{"统一社会信用代码", fixtureUSCC("91330782MA2EC8KY3")},
		{"签字人", "Wang Fang, Sales Manager"},
		{"买方", "Maple & Finch Home Goods Inc."},
		{"买方地址", "88 Queen Street West, Suite 410, Toronto, ON M5H 2M5, Canada"},
		{"币种", "CNY"},
		{"贸易术语", "EXW"},
		{"指定地点", "Yiwu, Zhejiang (seller's warehouse)"},
		{"交货期", "25 days after deposit / 收到定金后25天"},
		{"包装", "Export cartons / 出口纸箱"},
		{"定金比例", 30},
		{"收款人", "YIWU CHENXING DAILY NECESSITIES CO., LTD."},
		{"收款账号", "1208020009200123456"},
		{"开户行", "Industrial and Commercial Bank of China, Yiwu Branch"},
		{"SWIFT代码", "ICBKCNBJZJP"},
		{"联行号", "102338800018"},
		{"备注", "Prices are ex-works Yiwu, freight not included. 价格为出厂价，不含运费。"},
	}
	return fixtureBook{
		{
			name: "报价单", rows: quote,
			merges: [][2]string{
				{"A1", "M1"}, {"A2", "M2"}, {"A3", "M3"}, {"A4", "M4"},
				{"A5", "F5"}, {"H5", "M5"}, {"A6", "F6"},
				{fmt.Sprintf("A%d", total), fmt.Sprintf("E%d", total)},
				{fmt.Sprintf("A%d", total+2), fmt.Sprintf("M%d", total+2)},
			},
			widths:  map[string]float64{"A": 6, "B": 10, "C": 14, "D": 44, "E": 12, "H": 11, "I": 12, "M": 12},
			formats: map[string]string{"H": `"¥"#,##0.000`, "I": `"¥"#,##0.00`},
		},
		{name: "订单", rows: order, widths: map[string]float64{"A": 18, "B": 70}},
	}
}

// fixtureMultiOrders are the Orders sheet of the several-orders workbook.
var fixtureMultiOrders = [][]any{
	{"order_no", "pi_date", "seller_name_en", "seller_address_en", "seller_tax_id", "buyer_name", "buyer_address", "currency", "incoterm", "incoterm_place", "port_of_loading", "deposit_percent", "bank_beneficiary", "bank_account", "bank_name", "bank_swift", "ci_no", "ci_date", "port_of_entry"},
	{"NB-24-101", tmplDate(2024, time.May, 6), "Ningbo Harbour Kitchenware Co., Ltd.", "No. 66 Yangmuqi Road, Jiangbei District, Ningbo, Zhejiang 315020, China", fixtureUSCC("91330205MA2H4QWL6"), "Harbor Lane Goods LLC", "2150 East Maple Avenue, Unit B, El Segundo, CA 90245, USA", "USD", "FOB", "Ningbo", "Ningbo, China", 30, "NINGBO HARBOUR KITCHENWARE CO., LTD.", "3901120009000123456", "Bank of Ningbo, Jiangbei Sub-branch", "BKNBCN2N", "NHK-CI-2406-07", tmplDate(2024, time.June, 7), "Los Angeles, CA"},
	{"NB-24-102", tmplDate(2024, time.May, 8), "Zhejiang Greenfield Textile Co., Ltd.", "18 Keqiao Avenue, Keqiao District, Shaoxing, Zhejiang 312030, China", fixtureUSCC("91330621MA2BX7RN8"), "Lindqvist Wohnwaren GmbH", "Grosse Elbstrasse 145, 22767 Hamburg, Germany", "EUR", "CIF", "Hamburg", "Ningbo, China", 50, "ZHEJIANG GREENFIELD TEXTILE CO., LTD.", "33050165360000001234", "China Construction Bank, Shaoxing Branch", "PCBCCNBJZJX", "GFT-24-0612", tmplDate(2024, time.June, 12), ""},
	{"NB-24-103", tmplDate(2024, time.May, 9), "Dongguan Pinewood Toys Co., Ltd.", "23 Huancheng Road, Chashan Town, Dongguan, Guangdong 523380, China", fixtureUSCC("91441900MA4UE2JK1"), "Harbor Lane Goods LLC", "2150 East Maple Avenue, Unit B, El Segundo, CA 90245, USA", "CNY", "EXW", "Dongguan (seller's factory)", "", 30, "DONGGUAN PINEWOOD TOYS CO., LTD.", "44050177880800001234", "China Construction Bank, Dongguan Branch", "PCBCCNBJGDG", "PW-CI-240614", tmplDate(2024, time.June, 14), "Long Beach, CA"},
	{"NB-24-104", tmplDate(2024, time.May, 13), "Xiamen Coastline Outdoor Products Co., Ltd.", "Unit 701, 9 Xiangyu Road, Huli District, Xiamen, Fujian 361006, China", fixtureUSCC("91350200MA31RT5C9"), "Kestrel & Moor Outdoor Ltd", "Unit 4, Kirkstall Industrial Estate, Leeds LS5 3BT, United Kingdom", "GBP", "DAP", "Leeds, United Kingdom", "Xiamen, China", 40, "XIAMEN COASTLINE OUTDOOR PRODUCTS CO., LTD.", "4100021234567890123", "Industrial and Commercial Bank of China, Xiamen Branch", "ICBKCNBJFJN", "XCO-CI-0618", tmplDate(2024, time.June, 18), ""},
}

func fixtureMultiBook() fixtureBook {
	items := [][]any{
		{"order_no", "No.", "Description", "品名", "HS Code", "Qty", "Unit", "Unit Price", "Amount", "Cartons", "N.W.(KG)", "G.W.(KG)", "CBM"},
		{"NB-24-101", 1, "Stainless steel mixing bowl set, 3 pieces", "不锈钢调料盆三件套", "7323.93", 600, "sets", 3.42, 2052.00, 25, 420, 455, 1.6},
		{"NB-24-101", 2, "Silicone spatula, heat resistant to 230 C", "硅胶刮刀", "3924.10", 2400, "pcs", 0.615, 1476.00, 12, 168, 180, 0.5},
		{"NB-24-101", 3, "Bamboo cutting board, 38 x 28 cm", "竹砧板", "4419.11", 500, "pcs", 2.875, 1437.50, 25, 600, 640, 1.9},
		{"NB-24-102", 1, "Cotton bath towel, 70 x 140 cm, 500 g/m2, grey", "纯棉浴巾", "6302.60", 1200, "pcs", 4.15, 4980.00, 40, 720, 760, 3.2},
		{"NB-24-102", 2, "Linen table runner, 40 x 180 cm", "亚麻桌旗", "6302.53", 450, "pcs", 3.285, 1478.25, 9, 108, 117, 0.6},
		{"NB-24-103", 1, "Wooden stacking blocks, 50 pieces, water-based paint", "木制积木", "9503.00", 800, "sets", 18.5, 14800.00, 40, 960, 1010, 3.8},
		{"NB-24-103", 2, "Wooden puzzle, animals, 12 pieces", "木制拼图", "9503.00", 1000, "sets", 7.333, 7333.00, 25, 420, 450, 1.5},
		{"NB-24-104", 1, "Camping folding chair, steel frame, 600D oxford", "折叠露营椅", "9401.71", 300, "pcs", 8.95, 2685.00, 75, 1050, 1140, 5.4},
		{"NB-24-104", 2, "LED camping lantern, rechargeable, 400 lm", "LED露营灯", "9405.40", 500, "pcs", 5.125, 2562.50, 20, 210, 230, 1.1},
		{"NB-24-104", 3, "Stainless steel vacuum flask 750 ml", "不锈钢保温杯", "9617.00", 420, "pcs", 3.995, 1677.90, 14, 189, 203, 0.9},
	}
	charges := [][]any{
		{"order_no", "Charge", "费用名称", "Amount"},
		{"NB-24-101", "Early-order discount", "提前下单折扣", -50},
		{"NB-24-102", "Ocean freight Ningbo to Hamburg", "海运费", 620},
		{"NB-24-102", "Cargo insurance, 110% of CIF value", "保险费", 41.35},
		{"NB-24-104", "Freight and delivery to Leeds", "运费及派送费", 480},
	}
	return fixtureBook{
		{name: "Orders", rows: fixtureMultiOrders, widths: map[string]float64{"C": 40, "D": 60, "F": 30, "G": 60}},
		{name: "Items", rows: items, widths: map[string]float64{"C": 48}},
		{name: "Charges", rows: charges, widths: map[string]float64{"B": 40}},
	}
}

// fixtureOrdersCSV is examples/orders.csv: one row per item line, order
// fields repeated, UTF-8 with a byte-order mark as Excel saves "CSV UTF-8".
func fixtureOrdersCSV() ([]byte, error) {
	orderHead := []string{"order_no", "pi_date", "seller_name_en", "seller_address_en", "buyer_name", "buyer_address", "currency", "incoterm", "incoterm_place", "deposit_percent", "bank_beneficiary", "bank_account", "bank_name", "bank_swift", "ci_no", "ci_date", "port_of_entry"}
	itemHead := []string{"line_no", "sku", "description_en", "description_zh", "hs_code", "quantity", "unit", "unit_price", "amount"}
	o1 := []string{"CSV-24-201", "2024-06-03", "Xiamen Sunrise Ceramics Co., Ltd.", "No. 12 Tongji Road, Tong'an District, Xiamen, Fujian 361100, China", "Harbor Lane Goods LLC", "2150 East Maple Avenue, Unit B, El Segundo, CA 90245, USA", "USD", "FOB", "Xiamen", "30", "XIAMEN SUNRISE CERAMICS CO., LTD.", "35150198120100001234", "China Construction Bank, Xiamen Branch", "PCBCCNBJXMX", "SR-CI-240705", "2024-07-05", "Los Angeles, CA"}
	o2 := []string{"CSV-24-202", "2024/6/5", "Shanghai Mingde Stationery Co., Ltd.", "Room 508, 1555 Caobao Road, Minhang District, Shanghai 201101, China", "Maple & Finch Home Goods Inc.", "88 Queen Street West, Suite 410, Toronto, ON M5H 2M5, Canada", "CNY", "FOB", "Shanghai", "30", "SHANGHAI MINGDE STATIONERY CO., LTD.", "1001234509000567890", "Industrial and Commercial Bank of China, Shanghai Minhang Sub-branch", "ICBKCNBJSHI", "MD-2407-018", "2024/7/8", ""}
	lines := []struct {
		order []string
		item  []string
	}{
		{o1, []string{"1", "SR-M350", "Stoneware coffee mug, 350 ml, matte glaze", "哑光釉陶瓷马克杯", "6912.00", "1,250", "pcs", "1.085", "1356.25"}},
		{o1, []string{"2", "SR-P200", "Stoneware dessert plate, 20 cm", "陶瓷甜品盘", "6912.00", "900", "pcs", "1.455", "1309.50"}},
		{o1, []string{"3", "SR-B600", "Stoneware salad bowl, 600 ml", "陶瓷沙拉碗", "6912.00", "333", "pcs", "1.875", "624.38"}},
		{o2, []string{"1", "MD-N5", "Kraft paper notebook, A5, 80 sheets", "牛皮纸笔记本", "4820.10", "3000", "pcs", "2.35", "7050.00"}},
		{o2, []string{"2", "MD-G07", "Gel ink pen 0.5 mm, black, box of 12", "中性笔", "9608.10", "1500", "boxes", "6.085", "9127.50"}},
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(append(append([]string{}, orderHead...), itemHead...)); err != nil {
		return nil, err
	}
	for _, l := range lines {
		if err := w.Write(append(append([]string{}, l.order...), l.item...)); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// ---------------------------------------------------------------------------
// testdata/broken/: a small valid order, spoilt one rule at a time.

// fixtureBaseOrder is the Order sheet of every broken workbook: key in
// column A, value in column B, row n holds field n (so currency is B9).
func fixtureBaseOrder() [][]any {
	return [][]any{
		{"order_no", "PO-2024-0117"},                                                       // 1
		{"pi_date", tmplDate(2024, time.March, 5)},                                         // 2
		{"valid_until", tmplDate(2024, time.April, 4)},                                     // 3
		{"seller_name_en", "Yiwu Chenxing Daily Necessities Co., Ltd."},                    // 4
		{"seller_address_en", "No. 1188 Gongren North Road, Yiwu, Zhejiang 322000, China"}, // 5
		{"seller_tax_id", fixtureUSCC("91330782MA2EC8KY3")},                                // 6
		{"buyer_name", "Harbor Lane Goods LLC"},                                            // 7
		{"buyer_address", "2150 East Maple Avenue, El Segundo, CA 90245, USA"},             // 8
		{"currency", "USD"},          // 9
		{"incoterm", "FOB"},          // 10
		{"incoterm_place", "Ningbo"}, // 11
		{"deposit_percent", 30},      // 12
		{"bank_beneficiary", "YIWU CHENXING DAILY NECESSITIES CO., LTD."},     // 13
		{"bank_account", "1208020009200123456"},                               // 14
		{"bank_name", "Industrial and Commercial Bank of China, Yiwu Branch"}, // 15
		{"bank_swift", "ICBKCNBJZJP"},                                         // 16
	}
}

// fixtureBaseItems is the Items sheet: header on row 1, lines on rows 2–4;
// columns A No., B SKU, C Description, D 品名, E HS Code, F Qty, G Unit,
// H Unit Price, I Amount. Goods total 885.25.
func fixtureBaseItems() [][]any {
	return [][]any{
		{"No.", "SKU", "Description", "品名", "HS Code", "Qty", "Unit", "Unit Price (USD)", "Amount (USD)"},
		{1, "TB-01", "Bamboo toothbrush, adult, soft bristles", "竹柄牙刷", "9603.21", 1000, "pcs", 0.285, 285.00},
		{2, "HC-02", "Metal hair clip, matte black, 5 cm", "金属发夹", "9615.19", 1250, "pcs", 0.085, 106.25},
		{3, "ST-03", "Silicone drinking straw set with brush", "硅胶吸管套装", "3924.10", 400, "sets", 1.235, 494.00},
	}
}

// fixtureBroken is one broken input and the problems check must report.
type fixtureBroken struct {
	file string
	// make returns the file's bytes.
	make func() ([]byte, error)
	want []fixtureExpect
}

// fixtureExpect is one line of expected.tsv. cell, when the location names
// one, must hold value in the generated workbook (checked by the test).
type fixtureExpect struct {
	sheet, cell string // empty sheet: the location is the file (or a CSV line)
	csvLine     int
	csvCol      int
	severity    string
	substr      string
	value       string // what the cell holds; "" for a blank cell
}

func (e fixtureExpect) location(file string) string {
	return invoice.Location{File: file, Sheet: e.sheet, Cell: e.cell, Line: e.csvLine, Column: e.csvCol}.String()
}

// fixtureSpoil builds a base workbook changed by edit: order[r][c] and
// items[r][c] are 0-based.
func fixtureSpoil(edit func(order, items *[][]any)) func() ([]byte, error) {
	return fixtureSpoilItems(fixtureBaseItems, edit)
}

// fixtureSpoilItems is fixtureSpoil with the Items sheet base() gives.
func fixtureSpoilItems(base func() [][]any, edit func(order, items *[][]any)) func() ([]byte, error) {
	return func() ([]byte, error) {
		order, items := fixtureBaseOrder(), base()
		edit(&order, &items)
		return fixtureBook{{name: "Order", rows: order}, {name: "Items", rows: items}}.xlsx()
	}
}

func fixtureBrokenSet() []fixtureBroken {
	e := func(sheet, cell, sev, substr, value string) fixtureExpect {
		return fixtureExpect{sheet: sheet, cell: cell, severity: sev, substr: substr, value: value}
	}
	baseTaxID := fixtureUSCC("91330782MA2EC8KY3")
	badTaxID := fixtureWrongCheck(baseTaxID)
	return append([]fixtureBroken{
		{"missing-seller-name.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[3][1] = nil }),
			[]fixtureExpect{e("Order", "B4", "error", "seller_name_en", "")}},
		{"missing-buyer-address-row.xlsx", fixtureSpoil(func(o, _ *[][]any) { *o = append((*o)[:7:7], (*o)[8:]...) }),
			[]fixtureExpect{e("Order", "", "error", "buyer_address", "")}},
		{"qty-not-a-number.xlsx", fixtureSpoil(func(_, it *[][]any) { (*it)[2][5] = "12pcs" }),
			[]fixtureExpect{e("Items", "F3", "error", `"12pcs"`, "12pcs")}},
		{"qty-not-positive.xlsx", fixtureSpoil(func(_, it *[][]any) { (*it)[1][5] = 0; (*it)[3][5] = -5 }),
			[]fixtureExpect{e("Items", "F2", "error", "positive", "0"), e("Items", "F4", "error", "positive", "-5")}},
		{"price-negative.xlsx", fixtureSpoil(func(_, it *[][]any) { (*it)[1][7] = -0.285; (*it)[1][8] = -285.00 }),
			[]fixtureExpect{e("Items", "H2", "error", "negative", "-0.285")}},
		{"price-not-a-number.xlsx", fixtureSpoil(func(_, it *[][]any) { (*it)[2][7] = "abc" }),
			[]fixtureExpect{e("Items", "H3", "error", `"abc"`, "abc")}},
		{"amount-mismatch.xlsx", fixtureSpoil(func(_, it *[][]any) { (*it)[3][8] = 495.00 }),
			[]fixtureExpect{e("Items", "I4", "error", "differs from quantity", "495")}},
		{"currency-unknown.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[8][1] = "XYZ" }),
			[]fixtureExpect{e("Order", "B9", "error", `"XYZ"`, "XYZ")}},
		{"currency-rmb.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[8][1] = "RMB" }),
			[]fixtureExpect{e("Order", "B9", "warning", `"RMB"`, "RMB")}},
		{"incoterm-no-place.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[10][1] = nil }),
			[]fixtureExpect{e("Order", "B11", "error", "named place", "")}},
		{"incoterm-obsolete.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[9][1] = "DAT"; (*o)[10][1] = "Los Angeles" }),
			[]fixtureExpect{e("Order", "B10", "error", "DPU", "DAT")}},
		{"deposit-over-100.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[11][1] = 120 }),
			[]fixtureExpect{e("Order", "B12", "error", "outside 0–100", "120")}},
		{"date-unreadable.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[1][1] = "2024-02-30" }),
			[]fixtureExpect{e("Order", "B2", "error", `"2024-02-30"`, "2024-02-30")}},
		{"valid-until-before-pi-date.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[2][1] = tmplDate(2024, time.February, 20) }),
			[]fixtureExpect{e("Order", "B3", "error", "before pi_date", "45342")}},
		{"hs-code-letters.xlsx", fixtureSpoil(func(_, it *[][]any) { (*it)[1][4] = "85A3" }),
			[]fixtureExpect{e("Items", "E2", "error", `"85A3"`, "85A3")}},
		{"tax-id-check-char.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[5][1] = badTaxID }),
			[]fixtureExpect{e("Order", "B6", "error", "check character", badTaxID)}},
		{"bic-malformed.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[15][1] = "ICBKCNB" }),
			[]fixtureExpect{e("Order", "B16", "error", `"ICBKCNB"`, "ICBKCNB")}},
		{"description-en-missing.xlsx", fixtureSpoil(func(_, it *[][]any) { (*it)[2][2] = nil }),
			[]fixtureExpect{e("Items", "C3", "error", "no English description", "")}},
		{"total-row-mismatch.xlsx", fixtureSpoil(func(_, it *[][]any) {
			*it = append(*it, []any{"合计", nil, nil, nil, nil, 2650, nil, nil, 895.25})
		}),
			[]fixtureExpect{e("Items", "I5", "error", "differs from the sum", "895.25")}},
		{"non-bmp-description.xlsx", fixtureSpoil(func(_, it *[][]any) { (*it)[1][2] = "Bamboo toothbrush \U0001FAA5, adult, soft bristles" }),
			[]fixtureExpect{e("Items", "C2", "error", "U+1FAA5", "Bamboo toothbrush \U0001FAA5, adult, soft bristles")}},
		{"duplicate-order-no.xlsx", fixtureDuplicateOrders,
			[]fixtureExpect{e("Orders", "A3", "error", "appears twice", "PO-2024-0117")}},
		{"not-a-spreadsheet.xlsx", func() ([]byte, error) {
			return []byte("Hi Tom,\n\nPlease find the updated price list below.\nBamboo toothbrush 0.285 USD\n\nBest regards,\nAmy\n"), nil
		}, []fixtureExpect{{severity: "error"}}},
		{"corrupt.xlsx", func() ([]byte, error) {
			b, err := fixtureSpoil(func(_, _ *[][]any) {})()
			return b[:len(b)/2], err
		}, []fixtureExpect{{severity: "error"}}},
		{"gbk-bad-quantity.csv", fixtureGBKCSV,
			[]fixtureExpect{{csvLine: 3, csvCol: 11, severity: "error", substr: `"12箱"`}}},
		// N-1: a 20-digit account typed into a General cell is a number;
		// excelize writes it in full, Excel as 3.5150198120100002E+19.
		{"bank-account-as-number.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[13][1] = 3.51501981201e19 }),
			[]fixtureExpect{e("Order", "B14", "error", "keeps only 15 digits", "35150198120100000000")}},
		// N-1: the same account after a CSV went through a spreadsheet
		// program and was saved again.
		{"bank-account-e-notation.csv", fixtureAccountENotationCSV,
			[]fixtureExpect{
				{csvLine: 2, csvCol: 12, severity: "error", substr: `bank_account "3.51501981201E+19" is a number in exponent form`},
				{csvLine: 3, csvCol: 12, severity: "error", substr: `bank_account "3.51501981201E+19"`},
				{csvLine: 4, csvCol: 12, severity: "error", substr: `bank_account "3.51501981201E+19"`},
			}},
		// check predicts generate: a logo that is not there and a chop that
		// is not a PNG stop the documents, so check names their cells.
		{"logo-missing.xlsx", fixtureSpoil(func(o, _ *[][]any) { *o = append(*o, []any{"logo", "img/no-such-logo.png"}) }),
			[]fixtureExpect{e("Order", "B17", "error", "no-such-logo.png: no such file or directory", "img/no-such-logo.png")}},
		{"chop-not-png.xlsx", fixtureSpoil(func(o, _ *[][]any) { *o = append(*o, []any{"chop", "README.md"}) }),
			[]fixtureExpect{e("Order", "B17", "error", "README.md is not a readable PNG", "README.md")}},
		// The template's worked example left in: the buyer and the dates
		// (the base order shares the example's dates, which count only
		// beside another example value).
		{"template-leftover.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[6][1] = "Example Imports LLC" }),
			[]fixtureExpect{
				e("Order", "B2", "error", "pi_date 2024-03-05 is still the template's example date", "45356"),
				e("Order", "B7", "error", `buyer_name "Example Imports LLC" is still the template's example value`, "Example Imports LLC"),
			}},
		// A misspelt key in the Order sheet: its value would be lost.
		{"unknown-field-order-sheet.xlsx", fixtureSpoil(func(o, _ *[][]any) { (*o)[13][0] = "bank_acount" }),
			[]fixtureExpect{e("Order", "A14", "warning", `unknown field name "bank_acount"; did you mean bank_account?`, "bank_acount")}},
		// The same in the Orders sheet's header of a many-orders workbook.
		{"unknown-field-orders-sheet.xlsx", fixtureOrdersWithTypo,
			[]fixtureExpect{
				e("Orders", "H1", "warning", `unknown field name "buyer_adress"; did you mean buyer_address?`, "buyer_adress"),
				e("Orders", "A2", "error", "buyer_address (buyer's address, 买方地址) is required", "PO-2024-0117"),
			}},
		// Packing figures on some lines only: the blank cells are named and
		// the CI prints no total that would pass for the shipment's.
		{"packing-partly-filled.xlsx", fixtureSpoil(func(_, it *[][]any) {
			(*it)[0] = append((*it)[0], "Cartons", "N.W. (kg)")
			(*it)[1] = append((*it)[1], 5, 41.5)
			(*it)[2] = append((*it)[2], 3, nil)
			(*it)[3] = append((*it)[3], 2, 14.3999999999999)
		}),
			[]fixtureExpect{
				e("Items", "K3", "warning", "net_weight_kg is blank on this line while 2 of the 3 lines give it", ""),
			}},
		// check predicts generate: only drawing the memo finds that a
		// Chinese-only supplier name cannot cross SWIFT (T-7).
		{"seller-name-chinese-only.csv", func() ([]byte, error) {
			return []byte("order_no,seller_name_en,seller_address_en,buyer_name,buyer_address,currency,incoterm,incoterm_place,bank_account,bank_swift,description_en,quantity,unit_price\r\n" +
				"PO-2024-0118,义乌市晨星日用品有限公司,\"No. 1188 Gongren North Road, Yiwu, Zhejiang 322000, China\",Harbor Lane Goods LLC,\"2150 East Maple Avenue, El Segundo, CA 90245, USA\",USD,FOB,Ningbo,1208020009200123456,ICBKCNBJZJP,\"Bamboo toothbrush, adult, soft bristles\",1000,0.285\r\n"), nil
		}, []fixtureExpect{{csvLine: 2, csvCol: 2, severity: "error", substr: "cannot go on a SWIFT transfer"}}},
		// N-2: a price whose cell holds binary noise is read as shown, with
		// a warning naming both values.
		{"price-binary-noise.xlsx", fixtureSpoil(func(_, it *[][]any) { (*it)[1][7] = 0.284999999999999 }),
			[]fixtureExpect{e("Items", "H2", "warning", "unit_price stored as 0.284999999999999 is read as 0.285", "0.284999999999999")}},
	}, append(fixtureTradeSet(), fixturePackingBroken()...)...)
}

// fixtureRow appends field rows to the Order sheet: the first lands on row
// 17, below the base's sixteen.
func fixtureRow(kv ...[]any) func(o, _ *[][]any) {
	return func(o, _ *[][]any) { *o = append(*o, kv...) }
}

// fixtureWithCharges is a base workbook with a Charges sheet (header on
// row 1: A Charge, B Kind, C Amount) and the Order sheet changed by edit.
func fixtureWithCharges(edit func(order *[][]any), charges ...[]any) func() ([]byte, error) {
	return func() ([]byte, error) {
		order := fixtureBaseOrder()
		edit(&order)
		sheet := append([][]any{{"Charge", "Kind", "Amount"}}, charges...)
		return fixtureBook{{name: "Order", rows: order}, {name: "Items", rows: fixtureBaseItems()}, {name: "Charges", rows: sheet}}.xlsx()
	}
}

// fixtureTradeSet are the broken workbooks of issue 12: charges that
// disagree with the Incoterm (I-2), 141.86 gaps (CI-9), text the CI would
// print without English (CI-11), bank fields (T-10) and memo shortening
// (T-9).
func fixtureTradeSet() []fixtureBroken {
	e := func(sheet, cell, sev, substr, value string) fixtureExpect {
		return fixtureExpect{sheet: sheet, cell: cell, severity: sev, substr: substr, value: value}
	}
	keep := func(*[][]any) {}
	return []fixtureBroken{
		{"fob-with-freight.xlsx", fixtureWithCharges(keep,
			[]any{"Ocean freight Ningbo to Los Angeles", nil, 320.00},
			[]any{"Export pallets", nil, 40.00}),
			[]fixtureExpect{e("Charges", "A2", "warning", "freight charge", "Ocean freight Ningbo to Los Angeles")}},
		{"cif-no-insurance.xlsx", fixtureWithCharges(func(o *[][]any) { (*o)[9][1] = "CIF"; (*o)[10][1] = "Los Angeles" },
			[]any{"Ocean freight Ningbo to Los Angeles", "freight", 320.00}),
			[]fixtureExpect{e("Order", "B10", "warning", "no insurance charge", "CIF")}},
		{"charge-kind-unknown.xlsx", fixtureWithCharges(keep, []any{"Postage for samples", "postage", 25.00}),
			[]fixtureExpect{e("Charges", "B2", "error", `"postage"`, "postage")}},
		{"included-in-prices-unknown.xlsx", fixtureSpoil(fixtureRow([]any{"included_in_prices", "packing"})),
			[]fixtureExpect{e("Order", "B17", "error", `"packing"`, "packing")}},
		{"us-no-port-of-entry.xlsx", fixtureSpoil(fixtureRow([]any{"port_of_discharge", "Los Angeles, CA"}, []any{"port_of_entry", nil})),
			[]fixtureExpect{e("Order", "B18", "warning", "port of discharge, Los Angeles", "")}},
		{"ci-number-and-date-missing.xlsx", fixtureSpoil(fixtureRow([]any{"ci_no", nil}, []any{"ci_date", nil})),
			[]fixtureExpect{
				e("Order", "B17", "warning", `numbered with the order number "PO-2024-0117"`, ""),
				e("Order", "B18", "warning", "dated with the PI date 2024-03-05", ""),
			}},
		{"origin-unknown.xlsx", fixtureSpoil(fixtureRow([]any{"country_of_origin", "Chna"})),
			[]fixtureExpect{e("Order", "B17", "warning", `"Chna"`, "Chna")}},
		{"chinese-only-unit-and-spec.xlsx", fixtureSpoil(func(_, it *[][]any) {
			(*it)[0] = append((*it)[0], "规格")
			(*it)[1][6] = "筒"
			(*it)[2] = append((*it)[2], "500ml 304不锈钢")
		}),
			[]fixtureExpect{
				e("Items", "G2", "warning", `unit "筒" is not in the unit table`, "筒"),
				e("Items", "J3", "warning", `spec "500ml 304不锈钢" has no English`, "500ml 304不锈钢"),
			}},
		{"bank-charges-invalid.xlsx", fixtureSpoil(fixtureRow([]any{"bank_charges", "SHARED"})),
			[]fixtureExpect{e("Order", "B17", "error", `"SHARED"`, "SHARED")}},
		{"intermediary-bic-malformed.xlsx", fixtureSpoil(fixtureRow([]any{"intermediary_bank", "JPMorgan Chase Bank, New York"}, []any{"intermediary_swift", "CHASUS3"})),
			[]fixtureExpect{e("Order", "B18", "error", `"CHASUS3"`, "CHASUS3")}},
		{"memo-drops-order-number.xlsx", fixtureSpoil(fixtureRow([]any{"pi_no", "YWCX-PI-2024-0117-A"})),
			[]fixtureExpect{e("Order", "B1", "warning", `leaves out the order number "PO-2024-0117"`, "PO-2024-0117")}},
		{"memo-shortens-name.xlsx", fixtureSpoil(func(o, _ *[][]any) {
			(*o)[3][1] = "Yiwu Chenxing Daily Necessities Plastic & Hardware Import and Export Co., Ltd."
		}),
			[]fixtureExpect{e("Order", "B4", "warning", "shortens the supplier's name", "Yiwu Chenxing Daily Necessities Plastic & Hardware Import and Export Co., Ltd.")}},
	}
}

// fixtureOrdersRow is the base order as an Orders sheet's header row and
// one order row.
func fixtureOrdersRow() (head, row []any) {
	for _, kv := range fixtureBaseOrder() {
		head = append(head, kv[0])
		row = append(row, kv[1])
	}
	return head, row
}

// fixtureDuplicateOrders is an Orders sheet whose rows 2 and 3 carry the
// same order number.
func fixtureDuplicateOrders() ([]byte, error) {
	head, row := fixtureOrdersRow()
	second := append([]any{}, row...)
	second[3] = "Ningbo Harbour Kitchenware Co., Ltd." // another supplier, same number typed twice
	items := [][]any{{"order_no", "Description", "Qty", "Unit Price"}}
	items = append(items,
		[]any{"PO-2024-0117", "Bamboo toothbrush, adult, soft bristles", 1000, 0.285},
		[]any{"PO-2024-0117", "Stainless steel mixing bowl set, 3 pieces", 200, 3.42},
	)
	return fixtureBook{
		{name: "Orders", rows: [][]any{head, row, second}},
		{name: "Items", rows: items},
	}.xlsx()
}

// fixtureAccountENotationCSV is examples/orders.csv after a spreadsheet
// program opened it and saved it again: the first order's 20-digit account
// number (column 12 of lines 2–4) became 3.51501981201E+19 (N-1).
func fixtureAccountENotationCSV() ([]byte, error) {
	b, err := fixtureOrdersCSV()
	return bytes.ReplaceAll(b, []byte("35150198120100001234"), []byte("3.51501981201E+19")), err
}

// fixtureOrdersWithTypo is a many-orders workbook (sheets Orders and
// Items) whose Orders header misspells buyer_address in H1.
func fixtureOrdersWithTypo() ([]byte, error) {
	head, row := fixtureOrdersRow()
	head[7] = "buyer_adress"
	items := [][]any{{"order_no", "Description", "Qty", "Unit Price"},
		{"PO-2024-0117", "Bamboo toothbrush, adult, soft bristles", 1000, 0.285}}
	return fixtureBook{{name: "Orders", rows: [][]any{head, row}}, {name: "Items", rows: items}}.xlsx()
}

// fixtureGBKCSV is what Excel on a Chinese Windows saves as CSV: GB18030/GBK,
// Chinese headers, and a quantity typed with its unit (12箱) on line 3,
// column 11.
func fixtureGBKCSV() ([]byte, error) {
	rows := [][]string{
		{"订单号", "卖方英文名称", "卖方英文地址", "买方", "买方地址", "币种", "贸易术语", "指定地点", "英文品名", "品名", "数量", "单位", "单价"},
		{"GBK-24-01", "Yiwu Chenxing Daily Necessities Co., Ltd.", "No. 1188 Gongren North Road, Yiwu, Zhejiang 322000, China", "Harbor Lane Goods LLC", "2150 East Maple Avenue, El Segundo, CA 90245, USA", "USD", "FOB", "Ningbo", "Bamboo toothbrush, adult, soft bristles", "竹柄牙刷", "1000", "支", "0.285"},
		{"GBK-24-01", "Yiwu Chenxing Daily Necessities Co., Ltd.", "No. 1188 Gongren North Road, Yiwu, Zhejiang 322000, China", "Harbor Lane Goods LLC", "2150 East Maple Avenue, El Segundo, CA 90245, USA", "USD", "FOB", "Ningbo", "Metal hair clip, matte black, 5 cm", "金属发夹", "12箱", "箱", "10.20"},
	}
	var buf bytes.Buffer
	w := csv.NewWriter(simplifiedchinese.GBK.NewEncoder().Writer(&buf))
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fixtureExpectedTSV is testdata/broken/expected.tsv: one line per expected
// problem, file TAB location TAB severity TAB substring of the message (empty
// for the hostile files, whose wording is the reader's), no header line.
func fixtureExpectedTSV(set []fixtureBroken) []byte {
	var b strings.Builder
	for _, fb := range set {
		for _, w := range fb.want {
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", fb.file, w.location(fb.file), w.severity, w.substr)
		}
	}
	return []byte(b.String())
}

// ---------------------------------------------------------------------------
// the generator and its check

type fixtureFile struct {
	path string
	make func() ([]byte, error)
}

func fixtureFiles() []fixtureFile {
	files := []fixtureFile{
		{filepath.Join(fixtureExamplesDir, "usd-fob-30-70.xlsx"), fixtureUSDBook().xlsx},
		{filepath.Join(fixtureExamplesDir, "cny-supplier-quote.xlsx"), fixtureCNYBook().xlsx},
		{filepath.Join(fixtureExamplesDir, "multi-order.xlsx"), fixtureMultiBook().xlsx},
		{filepath.Join(fixtureExamplesDir, "orders.csv"), fixtureOrdersCSV},
		{filepath.Join(fixtureExamplesDir, "packing-mixed-carton.xlsx"), fixturePackingBook().xlsx},
	}
	files = append(files, fixtureFile{filepath.Join(fixtureTradeDir, "trading-company.xlsx"), fixtureTradingCompanyBook().xlsx})
	set := fixtureBrokenSet()
	for _, fb := range set {
		files = append(files, fixtureFile{filepath.Join(fixtureBrokenDir, fb.file), fb.make})
	}
	files = append(files, fixtureFile{filepath.Join(fixtureBrokenDir, "expected.tsv"), func() ([]byte, error) { return fixtureExpectedTSV(set), nil }})
	return files
}

func TestWriteFixtures(t *testing.T) {
	usdChanged := false
	for _, ff := range fixtureFiles() {
		want, err := ff.make()
		if err != nil {
			t.Fatalf("generating %s: %v", ff.path, err)
		}
		if fixtureUpdating() {
			if filepath.Base(ff.path) == "usd-fob-30-70.xlsx" && !fixtureSameCells(ff.path, want) {
				usdChanged = true
			}
			if err := os.MkdirAll(filepath.Dir(ff.path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(ff.path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(ff.path)
		if err != nil {
			t.Errorf("%s: %v (run go test ./spreadsheet -run TestWriteFixtures -update)", ff.path, err)
			continue
		}
		if strings.HasSuffix(ff.path, ".xlsx") && fixtureIsZip(want) {
			wc, err1 := fixtureCells(want)
			gc, err2 := fixtureCells(got)
			if err1 != nil || err2 != nil {
				t.Errorf("%s: cannot compare: %v / %v", ff.path, err1, err2)
				continue
			}
			if !reflect.DeepEqual(wc, gc) {
				t.Errorf("%s differs from what the generator writes; rerun with -update and review the diff", ff.path)
			}
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what the generator writes; rerun with -update and review the diff", ff.path)
		}
	}
	// LibreOffice's output differs byte-wise on every run: resave only when
	// the USD example changed or the copy is missing.
	if _, err := os.Stat(filepath.Join(fixtureLibreDir, "usd-fob-30-70.xlsx")); fixtureUpdating() && (usdChanged || err != nil) {
		fixtureLibreOfficeCopy(t)
	}
}

// fixtureSameCells reports whether the workbook at path holds the same cells
// as data.
func fixtureSameCells(path string, data []byte) bool {
	old, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	a, err1 := fixtureCells(old)
	b, err2 := fixtureCells(data)
	return err1 == nil && err2 == nil && reflect.DeepEqual(a, b)
}

// fixtureLibreOfficeCopy saves the USD example through LibreOffice, so that
// one test workbook comes from a real spreadsheet program (cached formula
// values, LibreOffice's own styles and shared strings).
func fixtureLibreOfficeCopy(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Logf("LIBREOFFICE NOT INSTALLED: %s not regenerated", fixtureLibreDir)
		return
	}
	tmp := t.TempDir()
	src := filepath.Join(tmp, "in")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := fixtureUSDBook().xlsx()
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(src, "usd-fob-30-70.xlsx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "out")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"), "--headless", "--convert-to", "xlsx", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	conv, err := os.ReadFile(filepath.Join(out, "usd-fob-30-70.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(fixtureLibreDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fixtureLibreDir, "usd-fob-30-70.xlsx"), conv, 0o644); err != nil {
		t.Fatal(err)
	}
}

func fixtureIsZip(b []byte) bool {
	_, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	return err == nil
}

// fixtureCells is a workbook's content: for every sheet, each non-blank
// cell's raw value and formula, and the merged ranges.
func fixtureCells(data []byte) (map[string]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{"sheets": strings.Join(f.GetSheetList(), ",")}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, _ := f.GetCellFormula(s, cell)
				if row[c] != "" || formula != "" {
					out[s+"!"+cell] = row[c] + "\x00" + formula
				}
			}
		}
		// formulas beyond the last value of a row (no cached values)
		dim, _ := f.GetSheetDimension(s)
		if _, end, ok := strings.Cut(dim, ":"); ok {
			maxC, maxR, _ := excelize.CellNameToCoordinates(end)
			for r := 1; r <= maxR; r++ {
				for c := 1; c <= maxC; c++ {
					cell, _ := excelize.CoordinatesToCellName(c, r)
					if formula, _ := f.GetCellFormula(s, cell); formula != "" {
						v, _ := f.GetCellValue(s, cell, excelize.Options{RawCellValue: true})
						out[s+"!"+cell] = v + "\x00" + formula
					}
				}
			}
		}
		merges, err := f.GetMergeCells(s)
		if err != nil {
			return nil, err
		}
		for _, m := range merges {
			out[s+"!merge!"+m.GetStartAxis()] = m.GetEndAxis()
		}
	}
	return out, nil
}

// TestBrokenFixturesPointAtRealCells checks that each expected.tsv line
// names the cell that really holds the bad value in the generated workbook.
func TestBrokenFixturesPointAtRealCells(t *testing.T) {
	for _, fb := range fixtureBrokenSet() {
		t.Run(fb.file, func(t *testing.T) {
			data, err := fb.make()
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range fb.want {
				if w.cell == "" {
					continue
				}
				f, err := excelize.OpenReader(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				got, err := f.GetCellValue(w.sheet, w.cell, excelize.Options{RawCellValue: true})
				f.Close()
				if err != nil || got != w.value {
					t.Errorf("%s!%s holds %q (%v), expected.tsv says it holds %q", w.sheet, w.cell, got, err, w.value)
				}
			}
		})
	}
	t.Run("GBK CSV holds 12箱 at line 3, column 11", func(t *testing.T) {
		data, _ := fixtureGBKCSV()
		utf, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(utf)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if recs[2][10] != "12箱" || recs[0][10] != "数量" {
			t.Errorf("line 3 column 11 is %q under %q", recs[2][10], recs[0][10])
		}
		if bytes.Contains(data, []byte("数量")) {
			t.Error("the CSV is UTF-8, not GBK")
		}
	})
	t.Run("hostile files are not workbooks", func(t *testing.T) {
		for _, fb := range fixtureBrokenSet() {
			if fb.file != "not-a-spreadsheet.xlsx" && fb.file != "corrupt.xlsx" {
				continue
			}
			data, _ := fb.make()
			if _, err := excelize.OpenReader(bytes.NewReader(data)); err == nil {
				t.Errorf("%s opens as a workbook", fb.file)
			}
		}
	})
}

// TestFixtureLabelsAreRecognised checks that every label and header the
// examples and broken workbooks use reads back as a field through lookup,
// the same matching the reader uses.
func TestFixtureLabelsAreRecognised(t *testing.T) {
	cases := []struct {
		name  string
		idx   map[string]string
		names []any
	}{
		{"USD example Order sheet labels, mixed keys and bilingual labels", orderIndex, fixtureColumn(fixtureUSDBook()[0].rows, 0)},
		{"USD example item headers with unit hints", itemIndex, fixtureUSDBook()[1].rows[0]},
		{"USD example charge headers", chargeIndex, fixtureUSDBook()[2].rows[0]},
		{"supplier quote Chinese headers (备注 is the one unknown column)", itemIndex, fixtureCNYBook()[0].rows[fixtureCNYHeaderRow-1][:12]},
		{"supplier quote 订单 sheet Chinese labels", orderIndex, fixtureColumn(fixtureCNYBook()[1].rows, 0)},
		{"multi-order Orders header", orderIndex, fixtureMultiOrders[0]},
		{"multi-order Items header after order_no", itemIndex, fixtureMultiBook()[1].rows[0][1:]},
		{"multi-order Charges header after order_no", chargeIndex, fixtureMultiBook()[2].rows[0][1:]},
		{"broken-workbook Order keys", orderIndex, fixtureColumn(fixtureBaseOrder(), 0)},
		{"broken-workbook item headers", itemIndex, fixtureBaseItems()[0]},
		{"packing example Order labels", orderIndex, fixtureColumn(fixturePackingBook()[0].rows, 0)},
		{"packing example item headers", itemIndex, fixturePackingBook()[1].rows[0]},
		{"broken packing workbook item headers", itemIndex, fixturePackingBaseItems()[0]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			seen := map[string]any{}
			for _, n := range c.names {
				s, _ := n.(string)
				key, ok := lookup(c.idx, s)
				if !ok {
					t.Errorf("%q is not recognised", s)
					continue
				}
				if prev, dup := seen[key]; dup {
					t.Errorf("%q and %q both read as %s", prev, s, key)
				}
				seen[key] = s
			}
		})
	}
	if _, ok := lookup(itemIndex, "备注"); ok {
		t.Error("备注 is recognised as an item column; the supplier quote expects it ignored")
	}
}

func fixtureColumn(rows [][]any, c int) []any {
	var out []any
	for _, r := range rows {
		if len(r) > c {
			out = append(out, r[c])
		}
	}
	return out
}

// TestExampleFiguresNeedRounding keeps the examples honest about what they
// exercise: a line amount and a deposit that need half-up rounding (M-1,
// M-4), and stated amounts that agree with quantity × unit price.
func TestExampleFiguresNeedRounding(t *testing.T) {
	usd := invoice.MustCurrency("USD")
	total := decimal.Zero
	roundedLine := false
	for _, it := range fixtureUSDItems {
		q := decimal.NewFromInt(int64(it[5].(int)))
		p := decimal.NewFromFloat(it[7].(float64))
		exact := q.Mul(p)
		amt := usd.Round(exact)
		if !exact.Equal(amt) {
			roundedLine = true
		}
		if stated := decimal.NewFromFloat(it[8].(float64)); !stated.Equal(amt) {
			t.Errorf("line %v: stated amount %s, quantity × unit price rounds to %s", it[0], stated, amt)
		}
		total = total.Add(amt)
	}
	for _, c := range fixtureUSDCharges {
		total = total.Add(decimal.NewFromFloat(c[2].(float64)))
	}
	if !roundedLine {
		t.Error("no USD line amount needs rounding")
	}
	thirty := total.Mul(decimal.NewFromInt(30)).Div(decimal.NewFromInt(100))
	if thirty.Equal(usd.Round(thirty)) {
		t.Errorf("30%% of %s is %s: the deposit needs no rounding", total, thirty)
	}
	dep, bal := invoice.Split(total, decimal.NewFromInt(30), usd)
	t.Logf("USD example: total %s, deposit %s, balance %s", total, dep, bal)
	cnyRounded := false
	for _, it := range fixtureCNYItems {
		exact := decimal.NewFromInt(int64(it[5].(int))).Mul(decimal.NewFromFloat(it[7].(float64)))
		if exact.Exponent() < -2 && !exact.Equal(exact.Round(2)) {
			cnyRounded = true
		}
	}
	if !cnyRounded {
		t.Error("no CNY quote line needs rounding")
	}
}

// fixtureTradingCompanyBook is testdata/trade/trading-company.xlsx, the
// order scripts/e2e.sh issues: a Yiwu trading company sells what two
// factories made (CI-10), units are written in Chinese (CI-11), the wire
// passes through an intermediary bank with all charges on the buyer (T-10),
// FOB Ningbo with the sea freight charged all the same (I-3), and the
// supplier's own PI and CI numbers (T-9).
func fixtureTradingCompanyBook() fixtureBook {
	order := [][]any{
		{"order_no", "PO-8812"},
		{"pi_no", "HD-PI-2403"},
		{"pi_date", tmplDate(2024, time.March, 4)},
		{"ci_no", "HD-CI-2405"},
		{"ci_date", tmplDate(2024, time.May, 6)},
		{"seller_name_en", "Yiwu Hengda Trading Co., Ltd."},
		{"seller_name_zh", "义乌市恒达贸易有限公司"},
		{"seller_address_en", "Room 1201, 99 Futian Road, Yiwu, Zhejiang 322000, China"},
		{"seller_phone", "+86 579 8512 3456"},
		{"seller_website", "www.hengda-trading.example.com"},
		{"signatory", "Zhou Min, Export Manager"},
		{"manufacturer_name", "Ningbo Yinzhou Plastic & Hardware Factory"},
		{"manufacturer_address", "18 Jinyuan Road, Yinzhou District, Ningbo, Zhejiang, China"},
		{"buyer_name", "Harbor Lane Goods LLC"},
		{"buyer_address", "2150 East Maple Avenue, Unit B, El Segundo, CA 90245, USA"},
		{"currency", "USD"},
		{"incoterm", "FOB"},
		{"incoterm_place", "Ningbo"},
		{"port_of_loading", "Ningbo, China"},
		{"port_of_discharge", "Long Beach, CA, USA"},
		{"port_of_entry", "Los Angeles-Long Beach (2704)"},
		{"country_of_origin", "China"},
		{"country_of_destination", "US"},
		{"rebates", "none"},
		{"assists", "无"},
		{"deposit_percent", 30},
		{"bank_beneficiary", "YIWU HENGDA TRADING CO., LTD."},
		{"bank_beneficiary_address", "Room 1201, 99 Futian Road, Yiwu, Zhejiang, China"},
		{"bank_account", "1208020009200765432"},
		{"bank_name", "Industrial and Commercial Bank of China, Yiwu Branch"},
		{"bank_swift", "ICBKCNBJZJP"},
		{"intermediary_bank", "JPMorgan Chase Bank N.A., New York"},
		{"intermediary_swift", "CHASUS33"},
		{"bank_charges", "OUR"},
	}
	items := [][]any{
		{"No.", "SKU", "Description", "品名", "规格", "HS Code", "Qty", "Unit", "Unit Price", "Amount", "Manufacturer"},
		{1, "HD-H01", "Stainless steel wall hook", "不锈钢挂钩", "304 stainless steel 304不锈钢", "7323.93", 2000, "个", 0.185, 370.00, nil},
		{2, "HD-S02", "Plastic storage box set, 3 sizes", "收纳盒三件套", "PP, clear", "3924.90", 500, "套", 2.35, 1175.00, nil},
		{3, "HD-G03", "Cotton work gloves", "棉纱手套", "Size L", "6116.92", 1200, "双", 0.42, 504.00, "Jinhua Wucheng Glove Factory"},
	}
	charges := [][]any{
		{"Charge", "费用名称", "Kind", "Amount"},
		{"Sea freight Ningbo to Long Beach", "海运费", "freight", 265.00},
		{"Export cartons", "包装费", "packing", 18.50},
	}
	return fixtureBook{
		{name: "Order", rows: order, widths: map[string]float64{"A": 26, "B": 60}},
		{name: "Items", rows: items, widths: map[string]float64{"C": 36, "E": 28, "K": 30}},
		{name: "Charges", rows: charges, widths: map[string]float64{"A": 36}},
	}
}
