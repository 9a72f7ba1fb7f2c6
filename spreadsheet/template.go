package spreadsheet

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/xuri/excelize/v2"
)

// Sheet names of the blank order workbook. The reader finds the order, its
// items and its charges by these names (or their Chinese equivalents).
const (
	tmplSheetInstructions = "Instructions"
	tmplSheetOrder        = "Order"
	tmplSheetItems        = "Items"
	tmplSheetCharges      = "Charges"
)

// tmplCurrencies are offered in the currency drop-down: the ISO 4217 codes
// importers buying from China pay in most (M-2). Other ISO codes may still be
// typed; the drop-down only warns.
var tmplCurrencies = []string{"USD", "CNY", "EUR", "GBP", "HKD", "JPY", "KRW", "AUD", "CAD", "SGD", "CHF", "NZD", "AED", "SAR", "KWD", "BHD"}

// tmplIncoterms are the eleven Incoterms 2020 rules (I-1), the only values
// the incoterm drop-down accepts.
var tmplIncoterms = []string{"EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"}

// tmplExampleOrder is the worked example the blank workbook ships filled in:
// a Shenzhen electronics supplier selling FOB Shenzhen in US dollars with a
// 30/70 T/T split. Users overwrite it. The reader checks every order against
// this same table (leftovers): a value still equal to the example's, other
// than the terms in tmplExampleMayStay, is an error at its cell, so that
// `tradedocs check` on the untouched template exits 1.
var tmplExampleOrder = map[string]any{
	"order_no":          "PO-2024-0042",
	"pi_date":           tmplDate(2024, time.March, 5),
	"ci_no":             "SEE-CI-2024-0042",
	"ci_date":           tmplDate(2024, time.April, 2),
	"valid_until":       tmplDate(2024, time.April, 4),
	"seller_name_en":    "Shenzhen Example Electronics Co., Ltd.",
	"seller_name_zh":    "深圳市示例电子有限公司",
	"seller_address_en": "Room 1203, Building B, 88 Keji Road, Nanshan District, Shenzhen, Guangdong 518057, China",
	"seller_address_zh": "广东省深圳市南山区科技路88号B栋1203室",
	"seller_phone":      "+86 755 8600 0000",
	"seller_email":      "sales@example.com",
	"signatory":         "Li Wei, Sales Manager",
	"buyer_name":        "Example Imports LLC",
	"buyer_address":     "100 Example Street, Suite 200, Austin, TX 78701, USA",
	"buyer_email":       "purchasing@example.com",
	"currency":          "USD",
	"incoterm":          "FOB",
	"incoterm_place":    "Shenzhen",
	"port_of_loading":   "Shenzhen (Yantian), China",
	"port_of_discharge": "Los Angeles, CA, USA",
	"port_of_entry":     "Los Angeles, CA",
	"country_of_origin": "CN",
	"transport":         "Sea",
	"lead_time":         "25 days after deposit",
	"packing":           "Export cartons",
	"package_type":      "cartons",
	"deposit_percent":   30,
	"deposit_terms":     "30% T/T upon PI confirmation",
	"balance_terms":     "70% T/T before shipment",
	"bank_account":      "7421 0000 0000 1234",
	"bank_name":         "Bank of China, Shenzhen Branch",
	"bank_address":      "International Finance Building, 2022 Jianshe Road, Luohu District, Shenzhen, China",
	"bank_swift":        "BKCHCNBJ45A",
	"remarks":           "Example order: replace every value with your own. 示例订单：请替换为您自己的数据。",
}

// tmplExampleMayStay are the example's values that a real order may well
// share (USD, FOB Shenzhen, 30% deposit, a Bank of China branch): keeping
// them is no sign of a workbook left unfilled.
var tmplExampleMayStay = map[string]bool{
	"currency": true, "incoterm": true, "incoterm_place": true, "port_of_loading": true,
	"port_of_discharge": true, "port_of_entry": true, "country_of_origin": true, "transport": true,
	"lead_time": true, "packing": true, "deposit_percent": true, "deposit_terms": true,
	"balance_terms": true, "bank_name": true, "bank_address": true, "bank_swift": true,
	"package_type": true, "bank_charges": true,
}

// tmplItemColumns are the Items sheet's columns, in order.
var tmplItemColumns = []string{"line_no", "sku", "description_en", "description_zh", "spec", "material", "hs_code", "origin", "quantity", "unit", "unit_price", "amount", "cartons", "qty_per_carton", "carton_size_cm", "net_weight_kg", "gross_weight_kg", "cbm", "carton_no"}

// tmplExampleItems are the worked example's three lines, keyed like
// tmplItemColumns; "amount" is written as a formula (quantity × unit price).
var tmplExampleItems = []map[string]any{
	{"line_no": 1, "sku": "UC-100", "description_en": "USB-C to USB-C charging cable, 1 m, braided nylon", "description_zh": "USB-C数据线", "spec": "1 m, 60 W", "material": "Nylon, copper", "hs_code": "8544.42", "quantity": 1250, "unit": "pcs", "unit_price": 0.85, "cartons": 5, "qty_per_carton": 250, "carton_size_cm": "40x30x30", "net_weight_kg": 62.5, "gross_weight_kg": 68, "cbm": 0.18},
	{"line_no": 2, "sku": "PB-10K", "description_en": "Power bank 10000 mAh, lithium-ion, USB-C PD", "description_zh": "移动电源", "spec": "10000 mAh, 20 W", "material": "ABS, Li-ion cells", "hs_code": "8507.60", "quantity": 300, "unit": "pcs", "unit_price": 6.375, "cartons": 6, "qty_per_carton": 50, "carton_size_cm": "50x35x20", "net_weight_kg": 75, "gross_weight_kg": 81, "cbm": 0.21},
	{"line_no": 3, "sku": "DL-07", "description_en": "LED desk lamp, dimmable, with USB port", "description_zh": "LED台灯", "spec": "7 W, 3 colour temperatures", "material": "Aluminium, ABS", "hs_code": "9405.21", "quantity": 120, "unit": "pcs", "unit_price": 9.8, "cartons": 10, "qty_per_carton": 12, "carton_size_cm": "50x30x30", "net_weight_kg": 96, "gross_weight_kg": 104, "cbm": 0.45},
}

// tmplExampleCharges are the worked example's charges (CI-3).
var tmplExampleCharges = [][4]any{
	{"Inland trucking to Yantian port", "内陆拖车费", 85, "freight"},
}

// tmplDate is a calendar day to be written as an Excel date.
type tmplDay struct{ y, m, d int }

func tmplDate(y int, m time.Month, d int) tmplDay { return tmplDay{y, int(m), d} }

// serial is the Excel (1900 date system) serial number of the day.
func (d tmplDay) serial() float64 {
	t := time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC)
	epoch := time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)
	return float64(t.Sub(epoch) / (24 * time.Hour))
}

// tmplHeader is the bilingual header a field is written under: "Quantity /
// 数量", with " *" after required fields. The reader's lookup splits it on
// "/" and ignores the asterisk, so each header reads back as its key.
func tmplHeader(f field, required bool) string {
	s := f.EN + " / " + f.ZH
	if required {
		s += " *"
	}
	return s
}

// tmplFieldByKey returns the field with the canonical key.
func tmplFieldByKey(fields []field, key string) field {
	for _, f := range fields {
		if f.Key == key {
			return f
		}
	}
	panic("spreadsheet: no field " + key) // programming error: keys are constants of this file
}

// tmplDateKeys and tmplNumberKeys are the Order fields written as dates and
// numbers; every other value cell is formatted as text so that Excel keeps
// account numbers, tax IDs and order numbers like 0042 as typed.
var (
	tmplDateKeys   = map[string]bool{"pi_date": true, "valid_until": true, "ci_date": true, "ship_date": true}
	tmplNumberKeys = map[string]bool{"deposit_percent": true, "deposit_received": true}
)

// WriteTemplate writes the blank order workbook that `tradedocs template`
// hands a new user: an Instructions sheet (说明) in English and Chinese, an
// Order sheet with one row per order field (canonical key, value, bilingual
// label, help; required fields marked *), an Items sheet and a Charges sheet
// with bilingual headers, drop-down lists for the currency and the Incoterms
// 2020 rule, and one worked example order (a Shenzhen supplier, USD, FOB
// Shenzhen, three lines) filled in for the user to overwrite.
//
// The output is byte-for-byte the same on every call: excelize writes fixed
// document dates and zip timestamps.
func WriteTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	t := &tmplWriter{f: f}
	t.instructions()
	t.order()
	t.items()
	t.charges()
	if t.err != nil {
		return fmt.Errorf("writing the order template: %w", t.err)
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:       "Order workbook / 订单工作簿",
		Subject:     "tradedocs order template",
		Creator:     "tradedocs",
		Description: "Fill in the Order, Items and Charges sheets; see Instructions. 请填写 Order、Items、Charges 工作表，见说明。",
		Created:     "2024-01-01T00:00:00Z",
		Modified:    "2024-01-01T00:00:00Z",
		Language:    "en-US",
	}); err != nil {
		return fmt.Errorf("writing the order template: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing the order template: %w", err)
	}
	return nil
}

// tmplWriter writes the template's sheets, keeping the first error so that
// the sheet-building code reads as layout.
type tmplWriter struct {
	f   *excelize.File
	err error
	// styles, created once
	header, required, wrap, text, date, number, price, title int
}

func (t *tmplWriter) do(err error) {
	if t.err == nil && err != nil {
		t.err = err
	}
}

func (t *tmplWriter) style(s *excelize.Style) int {
	id, err := t.f.NewStyle(s)
	t.do(err)
	return id
}

func (t *tmplWriter) sheet(name string) {
	_, err := t.f.NewSheet(name)
	t.do(err)
}

func (t *tmplWriter) set(sheet, cell string, v any) {
	if d, ok := v.(tmplDay); ok {
		v = d.serial()
	}
	t.do(t.f.SetCellValue(sheet, cell, v))
}

func (t *tmplWriter) styleCells(sheet, from, to string, id int) {
	t.do(t.f.SetCellStyle(sheet, from, to, id))
}

func (t *tmplWriter) width(sheet, from, to string, w float64) {
	t.do(t.f.SetColWidth(sheet, from, to, w))
}

func (t *tmplWriter) freezeTopRow(sheet string) {
	t.do(t.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}))
}

// fitRow sets the height of a row of wrapped text: excelize does not size
// rows to their text, and neither Excel nor LibreOffice resizes them on
// opening, so long help texts would overlap. Han characters count as two
// columns of a column width chars wide.
func (t *tmplWriter) fitRow(sheet string, row int, chars float64, texts ...string) {
	lines := 1
	for _, s := range texts {
		w := 0.0
		for _, r := range s {
			if r >= 0x2E80 {
				w += 2
			} else {
				w++
			}
		}
		if n := int(w/(chars*0.95)) + 1; n > lines {
			lines = n
		}
	}
	if lines > 1 {
		t.do(t.f.SetRowHeight(sheet, row, float64(lines)*15+3))
	}
}

func (t *tmplWriter) validate(sheet string, dv *excelize.DataValidation) {
	t.do(t.f.AddDataValidation(sheet, dv))
}

func (t *tmplWriter) makeStyles() {
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	t.header = t.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	t.required = t.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}})
	t.wrap = t.style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	t.text = t.style(&excelize.Style{NumFmt: 49})
	t.date = t.style(&excelize.Style{CustomNumFmt: tmplPtr("yyyy-mm-dd")})
	t.number = t.style(&excelize.Style{CustomNumFmt: tmplPtr("#,##0.###")})
	t.price = t.style(&excelize.Style{CustomNumFmt: tmplPtr("#,##0.00###")})
	t.title = t.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
}

func tmplPtr[T any](v T) *T { return &v }

// tmplInstructions is the Instructions sheet: a title and (English, Chinese)
// paragraphs.
var tmplInstructions = [][2]string{
	{"How to fill in this order workbook", "如何填写本订单工作簿"},
	{"This workbook holds one order from one supplier. tradedocs reads it and makes the proforma invoice (PI), the commercial invoice (CI), the packing list (PL) and the wire-transfer memos. Run `tradedocs check FILE.xlsx` to see every problem, each with the cell to fix.", "本工作簿记录向一个供应商下的一个订单。tradedocs 读取它并生成形式发票（PI）、商业发票（CI）、装箱单（PL）和电汇附言。运行 `tradedocs check 文件.xlsx` 可列出所有问题及其所在单元格。"},
	{"The workbook comes filled in with a worked example (a Shenzhen supplier, USD, FOB Shenzhen, three lines). Replace every example value with your own; delete example rows you do not need. `tradedocs check` names every example value left in.", "工作簿中已填好一个示例订单（深圳供应商、美元、FOB 深圳、三行货物）。请把示例数据全部替换为您自己的数据，删除不需要的示例行。`tradedocs check` 会指出每个未替换的示例数据。"},
	{"Sheet Order: one field per row. Column A is the field's key (do not change it), column B its value, column C its name, column D an explanation. Fields marked * are required.", "Order 工作表：每行一个字段。A 列为字段代码（请勿修改），B 列填写内容，C 列为字段名称，D 列为说明。标 * 的字段为必填。"},
	tmplRequired(),
	{"Sheet Items: one product per row under the header row. Customs invoices must be in English (19 CFR 141.86(d)): fill in the English description of every line; the Chinese name is optional. HS code: 6 to 13 digits, dots allowed (8513.10 or 8513102000).", "Items 工作表：表头下每行一种货物。美国海关要求发票为英文（19 CFR 141.86(d)），每行必须填写英文品名；中文品名可选。HS 编码：6 至 13 位数字，可带点（8513.10 或 8513102000）。"},
	{"Amounts: tradedocs computes each line's amount as quantity × unit price, rounded half-up to the currency's minor unit (cents for USD and CNY, none for JPY). Unit prices may have more decimals (0.085). If you keep an Amount column or a total row, tradedocs checks it against its own figure.", "金额：tradedocs 按 数量 × 单价 计算每行金额，并按币种最小单位四舍五入（美元、人民币到分，日元到元）。单价可以有更多小数位（如 0.085）。如保留金额列或合计行，tradedocs 会与自算结果核对。"},
	{"Sheet Charges: freight, insurance, packing, commission, each on its own row with its amount in the order's currency; a discount is a negative amount. Customs want every charge itemized (19 CFR 141.86).", "Charges 工作表：运费、保险费、包装费、佣金等，每项一行，金额用订单币种；折扣填负数。海关要求逐项列明各项费用。"},
	{"Packing (the packing list, 装箱单): give each line's Cartons and PCS/CTN (cartons × PCS/CTN = quantity; a last partial carton goes in Last Carton Qty), the carton size in cm as 60x40x35, and N.W./G.W. per line or per carton. CBM is computed from the size when blank. Carton No. (1-24, 25-84 …) is optional; lines with the same range share mixed cartons. Keep the Carton No. column as text, or the spreadsheet turns 1-24 into a date.", "包装（装箱单）：每行填写箱数和每箱数量（箱数 × 每箱数量 = 数量；最后一箱不满时在“尾箱数量”填写），外箱尺寸以厘米填写如 60x40x35，净重/毛重按整行或按每箱填写。体积留空时按尺寸计算。箱号（1-24、25-84……）可选；箱号相同的行为混装箱。箱号列请保持文本格式，否则表格软件会把 1-24 变成日期。"},
	{"Numbers: type plain numbers (1250, 0.085, 1,234.50). A quantity such as \"12pcs\" is an error: put the unit in the Unit column.", "数字：请直接填写数字（1250、0.085、1,234.50）。数量写成 \"12pcs\" 会报错，单位请填在“单位”列。"},
	{"Dates: use a date cell or write 2024-03-05, 2024/3/5 or 2024年3月5日. valid_until must not be before pi_date.", "日期：使用日期格式单元格，或写成 2024-03-05、2024/3/5、2024年3月5日。有效期不得早于形式发票日期。"},
	{"Currency: an ISO 4217 code from the drop-down (USD, CNY, EUR ...). RMB, CNH, ¥ and 人民币 are read as CNY, with a warning: invoices and payments say CNY.", "币种：从下拉列表选择 ISO 4217 代码（USD、CNY、EUR……）。RMB、CNH、¥、人民币 按 CNY 读取并给出提示：发票和付款应写 CNY。"},
	{"Incoterm: one of the 11 Incoterms 2020 rules from the drop-down, plus its named place in incoterm_place: the port of shipment for FOB/FAS (FOB Shenzhen), the port of destination for CFR/CIF (CIF Los Angeles), the place of delivery for EXW/FCA, the place of destination for CPT/CIP/DAP/DDP, the place of unloading for DPU. Withdrawn rules such as DAT or DDU are rejected (use DPU or DAP).", "贸易术语：从下拉列表选择 11 种 2020 年国际贸易术语之一，并在“指定地点”填写地点：FOB/FAS 为装运港（FOB 深圳），CFR/CIF 为目的港（CIF 洛杉矶），EXW/FCA 为交货地点，CPT/CIP/DAP/DDP 为目的地，DPU 为卸货地点。已废止的 DAT、DDU 等不被接受（请改用 DPU 或 DAP）。"},
	{"Deposit: deposit_percent is the share paid up front, 0 to 100 (default 30 for the usual 30% deposit, 70% balance by T/T). The deposit is rounded to the cent; the balance is the rest, so the two always add up to the total.", "定金：定金比例为预付比例，0 至 100（默认 30，即常见的 30% 定金、70% 尾款电汇）。定金四舍五入到分，尾款为余额，二者之和恒等于总额。"},
	{"Bank: the beneficiary name must be exactly as the bank holds it, in English or pinyin; a SWIFT/BIC code has 8 or 11 letters and digits (BKCHCNBJ or BKCHCNBJ300). seller_tax_id is the 18-character 统一社会信用代码; its check character is verified.", "银行：收款人名称须与银行登记的英文或拼音名称完全一致；SWIFT/BIC 代码为 8 或 11 位字母数字（如 BKCHCNBJ 或 BKCHCNBJ300）。统一社会信用代码为 18 位，系统会校验其校验码。"},
	{"Characters: emoji and rare characters outside the Basic Multilingual Plane cannot be printed in the PDF; tradedocs warns about them.", "字符：表情符号及基本多文种平面以外的生僻字无法打印到 PDF 中，tradedocs 会给出提示。"},
}

// tmplRequired is the instructions' paragraph on required fields, written
// from invoice.RequiredFields: "Required: order_no, ...; and on each item
// line description_en, quantity, unit_price." and its Chinese labels.
func tmplRequired() [2]string {
	var order, items, orderZH, itemsZH []string
	for _, f := range invoice.RequiredFields {
		if f.Item {
			items = append(items, f.Key)
			itemsZH = append(itemsZH, tmplFieldByKey(itemFields, f.Key).ZH)
		} else {
			order = append(order, f.Key)
			orderZH = append(orderZH, tmplFieldByKey(orderFields, f.Key).ZH)
		}
	}
	return [2]string{
		"Required: " + strings.Join(order, ", ") + "; and on each item line " + strings.Join(items, ", ") + ".",
		"必填：" + strings.Join(orderZH, "、") + "；每行货物的" + strings.Join(itemsZH, "、") + "。",
	}
}

func (t *tmplWriter) instructions() {
	s := tmplSheetInstructions
	t.do(t.f.SetSheetName("Sheet1", s))
	t.makeStyles()
	t.set(s, "A1", "English")
	t.set(s, "B1", "中文说明")
	t.styleCells(s, "A1", "B1", t.header)
	for i, p := range tmplInstructions {
		row := i + 2
		t.set(s, fmt.Sprintf("A%d", row), p[0])
		t.set(s, fmt.Sprintf("B%d", row), p[1])
	}
	last := len(tmplInstructions) + 1
	t.styleCells(s, "A3", fmt.Sprintf("B%d", last), t.wrap)
	for i, p := range tmplInstructions[1:] {
		t.fitRow(s, i+3, 80, p[0], p[1])
	}
	t.styleCells(s, "A2", "B2", t.title)
	t.width(s, "A", "B", 80)
	t.freezeTopRow(s)
}

func (t *tmplWriter) order() {
	s := tmplSheetOrder
	t.sheet(s)
	for i, h := range []string{"Key / 字段", "Value / 内容", "Field / 名称", "Help / 说明"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		t.set(s, cell, h)
	}
	t.styleCells(s, "A1", "D1", t.header)
	t.width(s, "A", "A", 24)
	t.width(s, "B", "B", 48)
	t.width(s, "C", "C", 40)
	t.width(s, "D", "D", 70)
	t.styleCells(s, "D2", fmt.Sprintf("D%d", len(orderFields)+1), t.wrap)
	for i, f := range orderFields {
		row := i + 2
		a := fmt.Sprintf("A%d", row)
		b := fmt.Sprintf("B%d", row)
		t.set(s, a, f.Key)
		if f.required(false) {
			t.styleCells(s, a, a, t.required)
		}
		switch {
		case tmplDateKeys[f.Key]:
			t.styleCells(s, b, b, t.date)
		case tmplNumberKeys[f.Key]:
			t.styleCells(s, b, b, t.number)
		default:
			t.styleCells(s, b, b, t.text)
		}
		if v, ok := tmplExampleOrder[f.Key]; ok {
			t.set(s, b, v)
		}
		t.set(s, fmt.Sprintf("C%d", row), tmplHeader(f, f.required(false)))
		if f.Help != "" {
			t.set(s, fmt.Sprintf("D%d", row), f.Help)
			t.fitRow(s, row, 70, f.Help)
		}
		switch f.Key {
		case "currency":
			dv := excelize.NewDataValidation(true)
			dv.Sqref = b
			t.do(dv.SetDropList(tmplCurrencies))
			dv.SetInput("Currency / 币种", "ISO 4217 code, e.g. USD, CNY, EUR. 请填写 ISO 4217 代码。")
			dv.SetError(excelize.DataValidationErrorStyleWarning, "Currency / 币种", "Not in the list: use an ISO 4217 code (RMB → CNY). 不在列表中：请使用 ISO 4217 代码（RMB 写作 CNY）。")
			t.validate(s, dv)
		case "incoterm":
			dv := excelize.NewDataValidation(true)
			dv.Sqref = b
			t.do(dv.SetDropList(tmplIncoterms))
			dv.SetInput("Incoterm / 贸易术语", "Incoterms 2020 rule; put the named place in incoterm_place. 请在“指定地点”填写地点。")
			dv.SetError(excelize.DataValidationErrorStyleStop, "Incoterm / 贸易术语", "Choose one of the 11 Incoterms 2020 rules (DAT → DPU, DDU → DAP). 请选择 2020 年贸易术语之一。")
			t.validate(s, dv)
		case "deposit_percent":
			dv := excelize.NewDataValidation(true)
			dv.Sqref = b
			t.do(dv.SetRange(0, 100, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
			dv.SetError(excelize.DataValidationErrorStyleStop, "Deposit % / 定金比例", "A number from 0 to 100, e.g. 30. 请填写 0 至 100 的数字。")
			t.validate(s, dv)
		}
	}
	t.freezeTopRow(s)
}

// tmplItemRows is how many item rows the Items sheet prepares (formats and
// validations) for the user to fill.
const tmplItemRows = 200

func (t *tmplWriter) items() {
	s := tmplSheetItems
	t.sheet(s)
	col := map[string]string{}
	for i, key := range tmplItemColumns {
		c, _ := excelize.ColumnNumberToName(i + 1)
		col[key] = c
		f := tmplFieldByKey(itemFields, key)
		t.set(s, c+"1", tmplHeader(f, f.required(true)))
		width := 12.0
		switch key {
		case "description_en":
			width = 44
		case "description_zh", "spec", "material":
			width = 22
		case "sku", "hs_code", "unit_price", "amount":
			width = 14
		case "line_no", "unit", "origin":
			width = 8
		}
		t.width(s, c, c, width)
	}
	last, _ := excelize.ColumnNumberToName(len(tmplItemColumns))
	t.styleCells(s, "A1", last+"1", t.header)
	t.do(t.f.SetRowHeight(s, 1, 32))
	end := fmt.Sprint(tmplItemRows + 1)
	t.styleCells(s, col["hs_code"]+"2", col["hs_code"]+end, t.text)
	t.styleCells(s, col["sku"]+"2", col["sku"]+end, t.text)
	// A carton range typed as 1-24 must stay text, not become a date.
	t.styleCells(s, col["carton_size_cm"]+"2", col["carton_size_cm"]+end, t.text)
	t.styleCells(s, col["carton_no"]+"2", col["carton_no"]+end, t.text)
	t.styleCells(s, col["unit_price"]+"2", col["unit_price"]+end, t.price)
	t.styleCells(s, col["amount"]+"2", col["amount"]+end, t.price)
	for i, it := range tmplExampleItems {
		row := fmt.Sprint(i + 2)
		for _, key := range tmplItemColumns {
			if v, ok := it[key]; ok {
				t.set(s, col[key]+row, v)
			}
		}
		// M-5: an amount cell is checked against quantity × unit price; the
		// formula keeps it right when the user edits either.
		t.do(t.f.SetCellFormula(s, col["amount"]+row, col["quantity"]+row+"*"+col["unit_price"]+row))
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = col["quantity"] + "2:" + col["quantity"] + end
	t.do(dv.SetRange(0, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThan))
	dv.SetError(excelize.DataValidationErrorStyleStop, "Quantity / 数量", "A positive number; put the unit in the Unit column. 请填写正数，单位填在“单位”列。")
	t.validate(s, dv)
	dv = excelize.NewDataValidation(true)
	dv.Sqref = col["unit_price"] + "2:" + col["unit_price"] + end
	t.do(dv.SetRange(0, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual))
	dv.SetError(excelize.DataValidationErrorStyleStop, "Unit Price / 单价", "A number, 0 or more, without currency sign. 请填写不带币种符号的数字。")
	t.validate(s, dv)
	t.freezeTopRow(s)
}

func (t *tmplWriter) charges() {
	s := tmplSheetCharges
	t.sheet(s)
	for i, key := range []string{"description_en", "description_zh", "amount", "kind"} {
		c, _ := excelize.ColumnNumberToName(i + 1)
		t.set(s, c+"1", tmplHeader(tmplFieldByKey(chargeFields, key), false))
	}
	t.styleCells(s, "A1", "D1", t.header)
	t.width(s, "D", "D", 16)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = "D2:D100"
	t.do(dv.SetDropList([]string{"freight", "insurance", "packing", "commission", "discount", "other"}))
	dv.SetInput("Kind / 费用类别", "What the charge pays for; blank: read from the name. 费用类别；留空则按名称识别。")
	t.validate(s, dv)
	t.width(s, "A", "A", 40)
	t.width(s, "B", "B", 24)
	t.width(s, "C", "C", 14)
	t.styleCells(s, "C2", "C100", t.price)
	for i, c := range tmplExampleCharges {
		row := fmt.Sprint(i + 2)
		t.set(s, "A"+row, c[0])
		t.set(s, "B"+row, c[1])
		t.set(s, "C"+row, c[2])
		t.set(s, "D"+row, c[3])
	}
	t.freezeTopRow(s)
}

// leftovers reports the order's values still equal to the worked example
// of the blank workbook (tmplExampleOrder, tmplExampleItems): the example
// buyer, supplier, addresses, e-mails, account, dates and remark, and
// example item lines, each an error at its cell. Printed on a PI, they
// would be false statements about a real purchase.
func (r *orderReader) leftovers() {
	var ps, dates invoice.Problems
	for _, f := range orderFields {
		ex, ok := tmplExampleOrder[f.Key]
		c, read := r.first[f.Key]
		if !ok || !read || tmplExampleMayStay[f.Key] || !tmplSameValue(ex, c.text, r.date1904) {
			continue
		}
		shown := quote(c.text)
		if d, isDay := ex.(tmplDay); isDay {
			// A real order may be dated 5 March 2024 too: the example's
			// dates count only beside another example value.
			shown = fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
			dates = append(dates, invoice.Errorf(c.at, invoice.ErrTemplateExample,
				"%s %s is still the template's example date; replace it with the order's own", f.Key, shown))
			continue
		}
		ps = append(ps, invoice.Errorf(c.at, invoice.ErrTemplateExample,
			"%s %s is still the template's example value; replace it with the order's own", f.Key, shown))
	}
	for i := range r.o.Items {
		it := &r.o.Items[i]
		for _, ex := range tmplExampleItems {
			exDesc := ex["description_en"].(string)
			// Spaces only collapse: a shorter text is another one.
			if len(it.DescriptionEN) < len(exDesc) {
				continue
			}
			if sameValue(it.DescriptionEN, exDesc) {
				ps = append(ps, invoice.Errorf(it.At("description_en"), invoice.ErrTemplateExample,
					"description_en %s is still the template's example line; replace it or delete the row", quote(it.DescriptionEN)))
			}
		}
	}
	if len(ps) > 0 {
		r.ps = append(append(r.ps, ps...), dates...)
	}
}

// tmplSameValue reports whether text read from a cell is the example value
// ex: the same words, or for a date the same day however it is written.
func tmplSameValue(ex any, text string, date1904 bool) bool {
	switch v := ex.(type) {
	case string:
		return sameValue(v, text)
	case tmplDay:
		d, ok := parseDate(text, date1904)
		return ok && d == invoice.DateOf(time.Date(v.y, time.Month(v.m), v.d, 0, 0, 0, 0, time.UTC))
	}
	return false
}
