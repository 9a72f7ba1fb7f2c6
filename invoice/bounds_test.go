package invoice

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestBounds(t *testing.T) {
	tests := []struct {
		name   string
		change func(o *Order)
		kind   error
		at     string // "" : the order's source
		sev    Severity
		want   string
	}{
		{"quantity of 1e999 typed into a cell", func(o *Order) { o.Items[0].Quantity = d("1e999") },
			ErrOutOfRange, "order.xlsx!Items!F2", Error, "quantity 10000000000000000000… (1000 digits) is larger than 1000000000"},
		{"unit price past a trillion", func(o *Order) { o.Items[0].UnitPrice = d("1000000000000.01") },
			ErrOutOfRange, "order.xlsx!Items!G2", Error, "unit_price 1000000000000.01 is larger than 1000000000000"},
		{"line amount past a trillion from two fair figures", func(o *Order) {
			o.Items[0].Quantity, o.Items[0].UnitPrice, o.Items[0].StatedAmount = d("1000000000"), d("1001"), nil
		}, ErrOutOfRange, "order.xlsx!Items!F2", Error, "amount (quantity × unit price) 1001000000000 is larger"},
		{"quantity of 1e-999", func(o *Order) { o.Items[0].Quantity = d("1e-999") },
			ErrOutOfRange, "order.xlsx!Items!F2", Error, "has more than 20 decimals"},
		{"discount larger than the goods", func(o *Order) {
			o.Charges = []Charge{{DescriptionEN: "Discount", Amount: d("-301250")}}
		}, ErrOutOfRange, "", Error, "the order's total is USD -300,000.00: the item lines (1,250.00) and charges (-301,250.00) must add up to more than zero"},
		{"discount equal to the goods: a zero total", func(o *Order) {
			o.Charges = []Charge{{DescriptionEN: "Discount", Amount: d("-1250")}}
		}, ErrOutOfRange, "", Error, "the order's total is USD 0.00"},
		{"newline in the supplier's name adds a fake line", func(o *Order) {
			o.Seller.Name = "Shenzhen Bright Lighting Co., Ltd.\nAccount No.: 999999999 (NEW ACCOUNT)"
		}, ErrLineBreak, "order.xlsx!Order!B8", Error, `seller_name_en holds a line break (U+000A) after "Shenzhen Bright Lighting Co., Ltd."`},
		{"carriage return in the account number", func(o *Order) { o.Bank.Account = "6222 0200\r0000 1234" },
			ErrLineBreak, "order.xlsx!Order!B41", Error, "bank_account holds a line break (U+000D)"},
		{"Unicode line separator in the order number", func(o *Order) { o.OrderNo = "PO-2024-031\u2028PO-9" },
			ErrLineBreak, "order.xlsx!Order!B2", Error, "order_no holds a line break (U+2028)"},
		{"paragraph separator in a SKU", func(o *Order) { o.Items[0].SKU = "LMP-1\u2029" },
			ErrLineBreak, "order.xlsx!Items!A2", Error, "sku holds a line break (U+2029)"},
		{"no PI date", func(o *Order) { o.PIDate = Date{} },
			ErrMissing, "order.xlsx!Order!B4", Error, "pi_date (date of the proforma invoice, 形式发票日期) is required"},
		{"no CI date: the CI takes the PI date, with a warning", func(o *Order) { o.CIDate = Date{} },
			ErrFallback, "order.xlsx!Order", Warning, "the commercial invoice is dated with the PI date 2024-03-05"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := sampleOrder()
			o.Where["seller_name_en"] = Location{File: "order.xlsx", Sheet: "Order", Cell: "B8"}
			o.Where["bank_account"] = Location{File: "order.xlsx", Sheet: "Order", Cell: "B41"}
			o.Items[0].Where["sku"] = Location{File: "order.xlsx", Sheet: "Items", Cell: "A2"}
			tc.change(o)
			ps := o.Validate()
			at := tc.at
			if at == "" {
				at = o.Source.String()
			}
			for _, p := range ps {
				if errors.Is(p, tc.kind) && p.Where.String() == at && p.Severity == tc.sev && strings.Contains(p.Message, tc.want) {
					return
				}
			}
			t.Fatalf("no %v at %s saying %q; got:\n%v", tc.kind, at, tc.want, ps)
		})
	}
}

func TestLineSeparatorsInMultiLineFieldsAreDrawable(t *testing.T) {
	o := sampleOrder()
	o.Buyer.Address = "100 Main St\u2028Austin, TX 78701\u2029USA"
	o.Seller.Name = "Shenzhen Bright\u2028Lighting"
	covers := func(r rune) bool { return r < 0x2000 } // no glyph for U+2028, as Noto Sans SC
	var address, name int
	for _, p := range o.CheckCharacters(covers, Error) {
		switch {
		case strings.HasPrefix(p.Message, "buyer_address"):
			address++
		case strings.HasPrefix(p.Message, "seller_name_en"):
			name++
		}
	}
	if address != 0 || name != 1 {
		t.Errorf("address problems %d (want 0: its lines are drawn as lines), name problems %d (want 1)", address, name)
	}
}

func TestBoundsLeaveRealOrdersAlone(t *testing.T) {
	tests := []struct {
		name   string
		change func(o *Order)
	}{
		{"address on three lines (Alt+Enter in Excel)", func(o *Order) {
			o.Buyer.Address = "Acme Goods LLC\r\n100 Main St\nAustin, TX 78701, USA"
		}},
		{"remarks with a paragraph separator", func(o *Order) { o.Remarks = "Packed in cartons\u2029Marks: ACME" }},
		{"a 1688 price with 16 decimals from =2.56/30", func(o *Order) {
			o.Items[0].UnitPrice, o.Items[0].StatedAmount = d("0.0853333333333333"), nil
		}},
		{"a discount smaller than the goods", func(o *Order) {
			o.Charges = []Charge{{DescriptionEN: "Discount", Amount: d("-250")}}
		}},
		{"a container load of a billion pieces at 1 cent", func(o *Order) {
			o.Items[0].Quantity, o.Items[0].UnitPrice, o.Items[0].StatedAmount = d("1000000000"), d("0.01"), nil
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := sampleOrder()
			o.CIDate = NewDate(2024, time.May, 2)
			tc.change(o)
			if ps := o.Validate(); len(ps) > 0 {
				t.Fatalf("unexpected problems:\n%v", ps)
			}
		})
	}
}
