package invoice

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// sampleOrder is a complete, valid order as a supplier in Shenzhen would quote
// it; each validation case breaks one thing.
func sampleOrder() *Order {
	at := func(cell string) Location { return Location{File: "order.xlsx", Sheet: "Order", Cell: cell} }
	row := func(r string) map[string]Location {
		return map[string]Location{
			"quantity":   {File: "order.xlsx", Sheet: "Items", Cell: "F" + r},
			"unit_price": {File: "order.xlsx", Sheet: "Items", Cell: "G" + r},
			"amount":     {File: "order.xlsx", Sheet: "Items", Cell: "H" + r},
			"hs_code":    {File: "order.xlsx", Sheet: "Items", Cell: "E" + r},
		}
	}
	return &Order{
		OrderNo: "PO-2024-031", CINo: "SZBL-CI-2403-07", CIDate: NewDate(2024, time.April, 2),
		PIDate: NewDate(2024, time.March, 5), ValidUntil: NewDate(2024, time.April, 4),
		Seller:   Party{Name: "Shenzhen Bright Lighting Co., Ltd.", Address: "No. 8 Keji Road, Nanshan, Shenzhen", TaxID: "91350100M000100Y43"},
		Buyer:    Party{Name: "Acme Goods LLC", Address: "100 Main St, Austin, TX 78701, USA"},
		Currency: MustCurrency("USD"),
		Shipment: Shipment{Incoterm: FOB, Place: "Shenzhen", PortOfEntry: "Los Angeles, CA"},
		Bank:     Bank{SWIFT: "BKCHCNBJ300", CNAPS: "104584000003"},
		Items: []Item{
			{DescriptionEN: "LED desk lamp", DescriptionZH: "LED台灯", HSCode: "9405.21", Quantity: d("100"), UnitPrice: d("12.5"), StatedAmount: DecimalPtr(d("1250")), Where: row("2"),
				Source: Location{File: "order.xlsx", Sheet: "Items", Cell: "A2"}},
		},
		Where: map[string]Location{
			"order_no": at("B2"), "currency": at("B20"), "incoterm": at("B21"), "incoterm_place": at("B22"),
			"pi_date": at("B4"), "valid_until": at("B5"), "seller_tax_id": at("B12"), "bank_swift": at("B40"),
			"deposit_percent": at("B30"), "stated_total": {File: "order.xlsx", Sheet: "Items", Cell: "H4"},
		},
		Source: Location{File: "order.xlsx", Sheet: "Order"},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(o *Order)
		kind   error
		where  string
		msg    string
	}{
		{"complete order has no problems", func(o *Order) {}, nil, "", ""},
		{"buyer name missing", func(o *Order) { o.Buyer.Name = "" }, ErrMissing, "order.xlsx!Order", "buyer_name"},
		{"quantity of zero", func(o *Order) { o.Items[0].Quantity = d("0"); o.Items[0].StatedAmount = nil }, ErrNotPositive, "order.xlsx!Items!F2", "quantity 0"},
		{"negative unit price", func(o *Order) { o.Items[0].UnitPrice = d("-1"); o.Items[0].StatedAmount = nil }, ErrNegative, "order.xlsx!Items!G2", "-1"},
		{"amount cell disagrees with quantity × price", func(o *Order) { o.Items[0].StatedAmount = DecimalPtr(d("1205")) }, ErrAmountMismatch, "order.xlsx!Items!H2", "= 100 (F2) × 12.5 (G2) = 1,250.00"},
		{"amount column of a CSV line disagrees", func(o *Order) {
			it := &o.Items[0]
			it.StatedAmount = DecimalPtr(d("1205"))
			it.Where = map[string]Location{
				"quantity":   {File: "orders.csv", Line: 2, Column: 23},
				"unit_price": {File: "orders.csv", Line: 2, Column: 25},
				"amount":     {File: "orders.csv", Line: 2, Column: 26},
			}
		}, ErrAmountMismatch, "orders.csv:2:26", "= 100 (column 23) × 12.5 (column 25) = 1,250.00"},
		{"amount cell that only differs before rounding", func(o *Order) {
			o.Items[0].UnitPrice = d("0.085")
			o.Items[0].Quantity = d("1")
			o.Items[0].StatedAmount = DecimalPtr(d("0.085"))
		}, nil, "", ""},
		{"incoterm without named place", func(o *Order) { o.Shipment.Place = "" }, ErrPlace, "order.xlsx!Order!B22", "port of shipment"},
		{"deposit over 100 percent", func(o *Order) { p := d("120"); o.DepositPercent = &p }, ErrPercent, "order.xlsx!Order!B30", "120"},
		{"quote expires before it was issued", func(o *Order) { o.ValidUntil = NewDate(2024, time.March, 1) }, ErrDateOrder, "order.xlsx!Order!B5", "before pi_date"},
		{"HS code with a letter", func(o *Order) { o.Items[0].HSCode = "94A5.21" }, ErrHSCode, "order.xlsx!Items!E2", "94A5.21"},
		{"tax id check character wrong", func(o *Order) { o.Seller.TaxID = "91350100M000100Y44" }, ErrTaxID, "order.xlsx!Order!B12", "check character"},
		{"malformed BIC", func(o *Order) { o.Bank.SWIFT = "BKCH12BJ" }, ErrBIC, "order.xlsx!Order!B40", "BKCH12BJ"},
		{"only a Chinese description", func(o *Order) { o.Items[0].DescriptionEN = "" }, ErrMissing, "order.xlsx!Items!A2", "141.86(d)"},
		{"Chinese typed into the English description column", func(o *Order) {
			o.Items[0].DescriptionEN = "塑料收纳箱"
			o.Items[0].Where["description_en"] = Location{File: "order.xlsx", Sheet: "Items", Cell: "C2"}
		}, ErrMissing, "order.xlsx!Items!C2", "塑料收纳箱"},
		{"trailing total row disagrees", func(o *Order) { o.StatedTotal = DecimalPtr(d("1200")) }, ErrTotalMismatch, "order.xlsx!Items!H4", "1,250.00"},
		{"no items at all", func(o *Order) { o.Items = nil }, ErrNoItems, "order.xlsx!Order", "no item"},
		{"unreadable currency already reported by the reader", func(o *Order) {
			o.Currency = Currency{}
			o.Unread.Mark("currency", o.Where["currency"])
			o.StatedTotal = nil
		}, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := sampleOrder()
			tt.break_(o)
			ps := o.Validate()
			if tt.kind == nil {
				if len(ps) != 0 {
					t.Fatalf("unexpected problems:\n%v", ps)
				}
				return
			}
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want exactly 1:\n%v", len(ps), ps)
			}
			p := ps[0]
			if !errors.Is(p, tt.kind) {
				t.Errorf("problem %v is not %v", p, tt.kind)
			}
			if p.Where.String() != tt.where {
				t.Errorf("problem at %s, want %s", p.Where, tt.where)
			}
			if !strings.Contains(p.Message, tt.msg) {
				t.Errorf("message %q does not mention %q", p.Message, tt.msg)
			}
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	o := sampleOrder()
	o.Buyer.Address = ""
	o.Bank.SWIFT = "nope"
	o.Items[0].HSCode = "1"
	if ps := o.Validate(); len(ps) != 3 {
		t.Errorf("got %d problems, want all 3:\n%v", len(ps), ps)
	}
}

func TestValidateBatchFindsTheSameOrderTwice(t *testing.T) {
	a, b, c := sampleOrder(), sampleOrder(), sampleOrder()
	c.OrderNo = "PO-2024-032"
	b.Where["order_no"] = Location{File: "order.xlsx", Sheet: "Orders", Cell: "A3"}
	ps := ValidateBatch([]*Order{a, b, c})
	if len(ps) != 1 || !errors.Is(ps[0], ErrDuplicateOrder) || ps[0].Where.Cell != "A3" || !strings.Contains(ps[0].Message, "order.xlsx!Order!B2") {
		t.Errorf("ValidateBatch = %v, want one duplicate at A3 naming B2", ps)
	}
}

func TestCheckCharacters(t *testing.T) {
	o := sampleOrder()
	o.Items[0].DescriptionZH = "𠮷野家台灯"
	o.Items[0].Where["description_zh"] = Location{File: "order.xlsx", Sheet: "Items", Cell: "C2"}
	o.Remarks = "ok\u0007"
	ps := o.CheckCharacters(func(r rune) bool { return r != '灯' }, Warning)
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	want := []string{
		`order.xlsx!Order: warning: remarks: character '\a' (U+0007) is a control character`,
		`order.xlsx!Items!C2: warning: description_zh: character '𠮷' (U+20BB7) is outside the Basic Multilingual Plane, which the PDF fonts cannot encode`,
		`order.xlsx!Items!C2: warning: description_zh: character '灯' (U+706F) is not in the bundled font`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("CheckCharacters =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCheckCharactersNamesTheFont(t *testing.T) {
	o := sampleOrder()
	o.Items[0].DescriptionZH = "台灯"
	ps := o.CheckCharactersIn("DejaVuSans.ttf", func(r rune) bool { return r < 0x2E80 }, Error)
	if len(ps) != 2 || ps[0].Severity != Error || !strings.Contains(ps[0].Message, "'台' (U+53F0) is not in DejaVuSans.ttf") {
		t.Errorf("CheckCharactersIn = %v", ps)
	}
}

func TestPackingFiguresOnSomeLinesOnly(t *testing.T) {
	line := func(r string, nw *Item) Item {
		it := sampleOrder().Items[0]
		it.Where = map[string]Location{"net_weight_kg": {File: "order.xlsx", Sheet: "Items", Cell: "K" + r}}
		it.Source = Location{File: "order.xlsx", Sheet: "Items", Cell: "A" + r}
		it.StatedAmount = nil
		if nw != nil {
			it.NetWeightKG = nw.NetWeightKG
		}
		return it
	}
	w := &Item{NetWeightKG: DecimalPtr(d("14.4"))}
	tests := []struct {
		name     string
		items    []Item
		warnings []string
		complete bool
	}{
		{"every line weighed", []Item{line("2", w), line("3", w)}, nil, true},
		{"no line weighed", []Item{line("2", nil), line("3", nil)}, nil, false},
		{"second of three lines blank", []Item{line("2", w), line("3", nil), line("4", w)},
			[]string{"order.xlsx!Items!K3: warning: net_weight_kg is blank on this line while 2 of the 3 lines give it; fill it in: until every line has one, the CI and the packing list print no total net weight"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := sampleOrder()
			o.Items = tt.items
			var got []string
			for _, p := range o.Validate() {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.warnings, "\n") {
				t.Errorf("Validate =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.warnings, "\n"))
			}
			if o.PackingComplete("net_weight_kg") != tt.complete {
				t.Errorf("PackingComplete = %v, want %v", !tt.complete, tt.complete)
			}
		})
	}
}

func TestRequiredFieldsAreOneTable(t *testing.T) {
	o := &Order{Where: map[string]Location{}, Source: Location{File: "o.csv", Line: 2}}
	var missing []string
	for _, p := range o.Validate() {
		if errors.Is(p, ErrMissing) {
			missing = append(missing, strings.Fields(p.Message)[0])
		}
	}
	var table []string
	for _, f := range RequiredFields {
		if !f.Item && f.Key != "incoterm_place" {
			table = append(table, f.Key)
		}
	}
	if strings.Join(missing, " ") != strings.Join(table, " ") {
		t.Errorf("an empty order misses %v; the table requires %v", missing, table)
	}
	if !IsRequired("unit_price", true) || IsRequired("unit_price", false) || IsRequired("remarks", false) {
		t.Error("IsRequired disagrees with RequiredFields")
	}
}
