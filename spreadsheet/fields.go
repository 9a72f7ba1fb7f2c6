// Package spreadsheet reads orders from the workbooks (.xlsx) and CSV files
// importers keep them in, and writes the blank order workbook users start
// from. It translates between cells and the invoice domain: every value keeps
// the cell it came from, so problems point at the cell to fix.
package spreadsheet

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// field is one piece of an order that a column (or a row of the Order sheet)
// can hold: its canonical key, how the blank workbook labels it in English
// and Chinese, and the other headers suppliers write for it.
type field struct {
	Key string
	// EN and ZH label the field in the blank workbook ("Order No.", "订单号").
	EN, ZH string
	// Required fields must be present for any document to be issued.
	Required bool
	// Also lists further headers recognised for this field.
	Also []string
	// Help explains the field on the instructions sheet.
	Help string
}

// orderFields are the order-level keys (sheet Order / 订单, or the columns of
// sheet Orders), in the order the blank workbook lists them.
var orderFields = []field{
	{Key: "order_no", EN: "Order No.", ZH: "订单号", Required: true, Also: []string{"PO No.", "Order Number", "订单编号", "采购单号"}, Help: "Your order number; names the output files and goes on every document and wire memo."},
	{Key: "pi_no", EN: "PI No.", ZH: "形式发票号", Also: []string{"Proforma Invoice No.", "PI Number"}, Help: "Proforma invoice number (default: the order number)."},
	{Key: "pi_date", EN: "PI Date", ZH: "形式发票日期", Required: true, Also: []string{"Proforma Date", "报价日期", "Date", "日期"}, Help: "Date of the proforma invoice, e.g. 2024-03-05."},
	{Key: "valid_until", EN: "Valid Until", ZH: "有效期至", Also: []string{"Validity", "报价有效期"}, Help: "Last day the quoted prices hold."},
	{Key: "ci_no", EN: "Invoice No.", ZH: "发票号", Also: []string{"CI No.", "Commercial Invoice No.", "商业发票号"}, Help: "Commercial invoice number (default: the order number)."},
	{Key: "ci_date", EN: "Invoice Date", ZH: "发票日期", Also: []string{"CI Date", "商业发票日期"}, Help: "Issue date of the commercial invoice."},
	{Key: "contract_no", EN: "Contract No.", ZH: "合同号", Also: []string{"Contract Number", "合同编号"}, Help: "Sales contract number, if any."},
	{Key: "seller_name_en", EN: "Seller (English)", ZH: "卖方英文名称", Required: true, Also: []string{"Seller", "Supplier", "Exporter", "Supplier Name", "Seller Name", "供应商英文名称"}, Help: "Supplier's registered English (or pinyin) name, exactly as on its business licence and bank account."},
	{Key: "seller_name_zh", EN: "Seller (Chinese)", ZH: "卖方中文名称", Also: []string{"卖方", "供应商", "供应商名称", "出口商"}, Help: "Supplier's Chinese name."},
	{Key: "seller_address_en", EN: "Seller Address (English)", ZH: "卖方英文地址", Required: true, Also: []string{"Seller Address", "Supplier Address", "Exporter Address"}, Help: "Supplier's full address in English."},
	{Key: "seller_address_zh", EN: "Seller Address (Chinese)", ZH: "卖方中文地址", Also: []string{"卖方地址", "供应商地址"}, Help: "Supplier's address in Chinese."},
	{Key: "seller_phone", EN: "Seller Phone", ZH: "卖方电话", Also: []string{"Supplier Phone", "Tel", "电话"}},
	{Key: "seller_email", EN: "Seller E-mail", ZH: "卖方邮箱", Also: []string{"Supplier Email", "Seller Email", "邮箱"}},
	{Key: "seller_website", EN: "Seller Website", ZH: "卖方网址", Also: []string{"Website", "网址"}},
	{Key: "seller_tax_id", EN: "Unified Social Credit Code", ZH: "统一社会信用代码", Also: []string{"Seller Tax ID", "USCC", "税号"}, Help: "Supplier's 18-character company code; its check character is verified."},
	{Key: "signatory", EN: "Signatory (Name, Title)", ZH: "签字人（姓名、职务）", Also: []string{"Signed By", "签字人", "授权签字人"}, Help: "Name and title of the supplier's employee who signs the invoices."},
	{Key: "buyer_name", EN: "Buyer", ZH: "买方", Required: true, Also: []string{"Buyer Name", "Importer", "Customer", "买方名称", "客户", "To", "Messrs"}, Help: "Importer's name exactly as on the Amazon seller account / customs records."},
	{Key: "buyer_address", EN: "Buyer Address", ZH: "买方地址", Required: true, Also: []string{"Importer Address", "Customer Address", "客户地址"}},
	{Key: "buyer_phone", EN: "Buyer Phone", ZH: "买方电话", Also: []string{"Customer Phone"}},
	{Key: "buyer_email", EN: "Buyer E-mail", ZH: "买方邮箱", Also: []string{"Buyer Email", "Customer Email"}},
	{Key: "buyer_tax_id", EN: "Buyer Tax ID / EIN", ZH: "买方税号", Also: []string{"Buyer Tax ID", "EIN", "Importer Number", "EORI"}},
	{Key: "consignee_name", EN: "Consignee", ZH: "收货人", Also: []string{"Consignee Name", "Ship To"}, Help: "Who receives the goods, if not the buyer (e.g. an Amazon warehouse)."},
	{Key: "consignee_address", EN: "Consignee Address", ZH: "收货人地址", Also: []string{"Ship To Address", "收货地址"}},
	{Key: "notify_party", EN: "Notify Party", ZH: "通知方", Also: []string{"Notify"}},
	{Key: "currency", EN: "Currency", ZH: "币种", Required: true, Also: []string{"货币", "币别"}, Help: "ISO 4217 code: USD, CNY, EUR ... (RMB, CNH and 人民币 are read as CNY)."},
	{Key: "incoterm", EN: "Incoterm", ZH: "贸易术语", Required: true, Also: []string{"Trade Terms", "Price Terms", "价格条款", "成交方式"}, Help: "Incoterms 2020 rule: EXW, FCA, CPT, CIP, DAP, DPU, DDP, FAS, FOB, CFR, CIF."},
	{Key: "incoterm_place", EN: "Incoterm Named Place", ZH: "指定地点", Required: true, Also: []string{"Named Place", "Incoterm Place", "交货地点"}, Help: "FOB/FAS: port of shipment; CFR/CIF: port of destination; EXW/FCA: place of delivery; others: place of destination."},
	{Key: "port_of_loading", EN: "Port of Loading", ZH: "装运港", Also: []string{"POL", "Loading Port", "起运港"}},
	{Key: "port_of_discharge", EN: "Port of Discharge", ZH: "目的港", Also: []string{"POD", "Destination Port", "Port of Destination"}},
	{Key: "port_of_entry", EN: "Port of Entry", ZH: "入境口岸", Also: []string{"Entry Port"}, Help: "US port where the goods clear customs (19 CFR 141.86)."},
	{Key: "country_of_origin", EN: "Country of Origin", ZH: "原产国", Also: []string{"Origin Country", "原产地国"}, Help: "Default CN."},
	{Key: "country_of_destination", EN: "Country of Destination", ZH: "目的国", Also: []string{"Destination Country"}},
	{Key: "transport", EN: "Transport", ZH: "运输方式", Also: []string{"Shipping Method", "Mode of Transport", "Ship Via"}},
	{Key: "vessel", EN: "Vessel / Flight", ZH: "船名/航班", Also: []string{"Vessel", "Flight", "船名"}},
	{Key: "tracking_no", EN: "B/L / AWB / Tracking No.", ZH: "提单/运单号", Also: []string{"Tracking No.", "B/L No.", "AWB No.", "运单号", "提单号"}},
	{Key: "ship_date", EN: "Ship Date", ZH: "发货日期", Also: []string{"Shipment Date", "Date of Shipment", "出货日期"}},
	{Key: "lead_time", EN: "Lead Time", ZH: "交货期", Also: []string{"Delivery Time", "Production Time", "交期"}},
	{Key: "shipping_marks", EN: "Shipping Marks", ZH: "唛头", Also: []string{"Marks", "Marks & Nos."}},
	{Key: "packing", EN: "Packing", ZH: "包装", Also: []string{"Packaging", "包装方式"}},
	{Key: "deposit_percent", EN: "Deposit %", ZH: "定金比例", Also: []string{"Deposit", "Deposit Percent", "定金"}, Help: "Share of the total paid up front, 0–100 (default 30)."},
	{Key: "deposit_terms", EN: "Deposit Terms", ZH: "定金条款", Also: []string{"定金支付条件"}},
	{Key: "balance_terms", EN: "Balance Terms", ZH: "尾款条款", Also: []string{"尾款支付条件"}},
	{Key: "deposit_received", EN: "Deposit Received", ZH: "已收定金", Also: []string{"Paid", "已付定金"}, Help: "Amount of deposit the supplier has received; shown on the commercial invoice."},
	{Key: "bank_beneficiary", EN: "Beneficiary", ZH: "收款人", Also: []string{"Beneficiary Name", "Account Name", "收款人名称", "户名"}, Help: "Account holder's name exactly as the bank holds it (default: seller's English name)."},
	{Key: "bank_account", EN: "Account No.", ZH: "收款账号", Also: []string{"Account Number", "Bank Account", "账号"}},
	{Key: "bank_name", EN: "Beneficiary Bank", ZH: "收款银行", Also: []string{"Bank Name", "Bank", "开户行", "开户银行"}},
	{Key: "bank_address", EN: "Bank Address", ZH: "银行地址", Also: []string{"开户行地址"}},
	{Key: "bank_swift", EN: "SWIFT / BIC", ZH: "SWIFT代码", Also: []string{"SWIFT", "SWIFT Code", "BIC"}},
	{Key: "bank_cnaps", EN: "CNAPS Code", ZH: "联行号", Also: []string{"CNAPS", "大额行号"}},
	{Key: "remarks", EN: "Remarks", ZH: "备注", Also: []string{"Notes", "Note"}},
	{Key: "logo", EN: "Logo (PNG path)", ZH: "标志图片", Also: []string{"Logo"}, Help: "Path of the supplier's logo PNG, relative to this workbook."},
	{Key: "chop", EN: "Company Chop (PNG path)", ZH: "公章图片", Also: []string{"Chop", "Stamp", "公章"}, Help: "Path of the company chop PNG, relative to this workbook; printed over the signature."},
}

// itemFields are the columns of an item line (sheet Items / 明细), with the
// headers suppliers use for them.
var itemFields = []field{
	{Key: "line_no", EN: "No.", ZH: "序号", Also: []string{"Item No.", "Line"}},
	{Key: "sku", EN: "SKU / Model No.", ZH: "货号", Also: []string{"SKU", "Item Code", "Model No.", "款号", "Model"}},
	{Key: "description_en", EN: "Description", ZH: "英文品名", Required: true, Also: []string{"英文名称", "Product Name (EN)", "Description (EN)", "English Description", "Product Description"}},
	{Key: "description_zh", EN: "Chinese Name", ZH: "品名", Also: []string{"中文品名", "产品名称", "商品名称", "货物名称", "Product Name (CN)", "Description (CN)"}},
	{Key: "spec", EN: "Specification", ZH: "规格", Also: []string{"型号", "规格型号", "Spec"}},
	{Key: "material", EN: "Material", ZH: "材质"},
	{Key: "hs_code", EN: "HS Code", ZH: "HS编码", Also: []string{"海关编码", "商品编码", "HTS Code", "HTS"}},
	{Key: "origin", EN: "Origin", ZH: "原产地", Also: []string{"Country of Origin"}},
	{Key: "quantity", EN: "Quantity", ZH: "数量", Required: true, Also: []string{"Qty", "QTY", "Qty pcs"}},
	{Key: "unit", EN: "Unit", ZH: "单位", Also: []string{"UOM"}},
	{Key: "unit_price", EN: "Unit Price", ZH: "单价", Required: true, Also: []string{"Price"}},
	{Key: "amount", EN: "Amount", ZH: "金额", Also: []string{"总价", "总金额", "Total Price", "Line Total", "Total", "Total Amount", "Line Amount", "Subtotal", "小计"}},
	{Key: "cartons", EN: "Cartons", ZH: "箱数", Also: []string{"件数", "CTNS", "CTN", "Packages"}},
	{Key: "net_weight_kg", EN: "N.W. (kg)", ZH: "净重", Also: []string{"Net Weight", "NW"}},
	{Key: "gross_weight_kg", EN: "G.W. (kg)", ZH: "毛重", Also: []string{"Gross Weight", "GW"}},
	{Key: "cbm", EN: "CBM", ZH: "体积", Also: []string{"Measurement", "Volume"}},
}

// chargeFields are the columns of sheet Charges / 费用: freight, insurance,
// packing, commission and discounts (negative), each itemized as customs
// requires (CI-3).
var chargeFields = []field{
	{Key: "description_en", EN: "Charge", ZH: "费用英文名称", Also: []string{"Description", "Item", "Charge (EN)"}},
	{Key: "description_zh", EN: "Charge (Chinese)", ZH: "费用名称", Also: []string{"费用", "项目"}},
	{Key: "amount", EN: "Amount", ZH: "金额", Also: []string{"Cost", "费用金额"}},
}

// headerKey normalises a header or label for matching: width-folded (ＱＴＹ →
// qty), lower-case, bracketed unit hints removed ("单价(USD)", "Unit Price
// (US$)", "金额（元）", "N.W.(KG)"), dots, colons and asterisks dropped and
// runs of spaces or underscores collapsed to one space.
func headerKey(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '{', '<', '【':
			depth++
			continue
		case ')', ']', '}', '>', '】':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 {
			continue
		}
		switch r {
		case '.', ':', '*', '：', '#', '\u00a0':
			continue
		case '_', '\t', '\n', '\r', '-':
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// index maps every normalised name of the fields (key, English and Chinese
// label, synonyms) to the field's canonical key.
func index(fields []field) map[string]string {
	m := make(map[string]string)
	for _, f := range fields {
		for _, name := range append([]string{f.Key, f.EN, f.ZH, f.EN + " / " + f.ZH}, f.Also...) {
			if k := headerKey(name); k != "" {
				if _, taken := m[k]; !taken {
					m[k] = f.Key
				}
			}
		}
	}
	return m
}

var (
	orderIndex  = index(orderFields)
	itemIndex   = index(itemFields)
	chargeIndex = index(chargeFields)
)

// lookup finds the canonical key a header or label stands for. A bilingual
// label such as "Order No. / 订单号" or "单价 Unit Price" matches when either
// part does; unit hints in brackets are ignored.
func lookup(idx map[string]string, header string) (string, bool) {
	k := headerKey(header)
	if k == "" {
		return "", false
	}
	if key, ok := idx[k]; ok {
		return key, true
	}
	for _, sep := range []string{"/", "|", "\n"} {
		if strings.Contains(header, sep) {
			for _, part := range strings.Split(header, sep) {
				if key, ok := idx[headerKey(part)]; ok {
					return key, true
				}
			}
		}
	}
	// "单价 Unit Price": a Chinese label followed by an English one. The
	// English part must start with a letter, so that "备注2" is not "备注".
	if i := strings.IndexFunc(k, func(r rune) bool { return r < 0x80 && r != ' ' }); i > 0 && isASCIILetter(k[i]) {
		if key, ok := idx[strings.TrimSpace(k[:i])]; ok {
			return key, true
		}
		if key, ok := idx[strings.TrimSpace(k[i:])]; ok {
			return key, true
		}
	}
	return "", false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
