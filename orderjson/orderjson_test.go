package orderjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/internal/fpdf"
	"github.com/tradedocs/tradedocs/invoice"
)

func dec(s string) decimal.Decimal   { return decimal.RequireFromString(s) }
func decp(s string) *decimal.Decimal { d := dec(s); return &d }

// workbookOrder is an order as the spreadsheet reader gives it: values
// with their cells in lamps.xlsx.
func workbookOrder() *invoice.Order {
	at := func(sheet, cell string) invoice.Location {
		return invoice.Location{File: "lamps.xlsx", Sheet: sheet, Cell: cell}
	}
	return &invoice.Order{
		OrderNo: "PO-2024-0315", PIDate: invoice.NewDate(2024, 3, 15), CIDate: invoice.NewDate(2024, 5, 2),
		Seller:          invoice.Party{Name: "Shenzhen Brightway Lighting Co., Ltd.", NameZH: "深圳市明途照明有限公司", TaxID: "91440300MA5F1234XY"},
		Buyer:           invoice.Party{Name: "Harbor Home Goods LLC", Address: "1200 Commerce Way, Austin, TX"},
		Currency:        invoice.MustCurrency("USD"),
		Shipment:        invoice.Shipment{Incoterm: invoice.FOB, Place: "Shenzhen", ShipDate: invoice.NewDate(2024, 5, 4), ShippingMarks: "HARBOR\nC/NO. 1-135"},
		DepositReceived: decp("28564.92"), DepositPercent: decp("30"),
		Bank:    invoice.Bank{Account: "7451 0188 0000 1234 5", SWIFT: "CMBCCNBS"},
		Remarks: `Quotes "as is" & <unchanged>`,
		Items: []invoice.Item{
			{SKU: "BW-DL-201", DescriptionEN: "LED desk lamp", DescriptionZH: "LED台灯", Quantity: dec("1500000"), Unit: "pcs",
				UnitPrice: dec("0.085"), StatedAmount: decp("127500"), Cartons: decp("50"), NetWeightKG: decp("820.5"),
				Where:  map[string]invoice.Location{"quantity": at("Items", "F12"), "unit_price": at("Items", "H12"), "sku": at("Items", "B12")},
				Source: at("Items", "A12")},
			{DescriptionEN: "Bulb clip", Quantity: dec("2000"), Unit: "pcs", UnitPrice: dec("3.5")},
		},
		Charges: []invoice.Charge{{DescriptionEN: "Discount", Amount: dec("-100"), Where: map[string]invoice.Location{"amount": at("Items", "I40")}}},
		Where: map[string]invoice.Location{
			"order_no": at("Order", "B3"), "currency": at("Order", "B30"), "deposit_received": at("Order", "B34"),
			"!pi_no": at("Order", "B4"), // a bad value's marker: not a value
		},
		Source: invoice.Location{File: "lamps.xlsx", Sheet: "Order"},
	}
}

// csvOrder is an order read from a CSV file: lines and columns.
func csvOrder() *invoice.Order {
	o := workbookOrder()
	o.Source = invoice.Location{File: "orders.csv", Line: 2}
	o.Where = map[string]invoice.Location{"order_no": {File: "orders.csv", Line: 2, Column: 1}}
	o.Items[0].Where = map[string]invoice.Location{"quantity": {File: "orders.csv", Line: 2, Column: 14}}
	o.Items[0].Source = invoice.Location{File: "orders.csv", Line: 2}
	o.Charges[0].Where = nil
	return o
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    *invoice.Order
	}{
		{"workbook order with cells", workbookOrder()},
		{"CSV order with lines and columns", csvOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first, err := Marshal(tc.o)
			if err != nil {
				t.Fatal(err)
			}
			o, ps := Read("order.json", first)
			if len(ps) > 0 {
				t.Fatalf("reading back: %v", ps)
			}
			again, err := Marshal(o)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, again) {
				t.Errorf("JSON changed on a round trip:\n%s\n%s", first, again)
			}
			if o.Source != tc.o.Source || o.Where["order_no"] != tc.o.Where["order_no"] || o.Items[0].Where["quantity"] != tc.o.Items[0].Where["quantity"] {
				t.Errorf("locations lost: %v %v %v", o.Source, o.Where, o.Items[0].Where)
			}
			if !o.Items[0].UnitPrice.Equal(dec("0.085")) || !o.DepositReceived.Equal(dec("28564.92")) || o.Remarks != tc.o.Remarks ||
				o.Shipment.Incoterm != invoice.FOB || o.Shipment.ShippingMarks != tc.o.Shipment.ShippingMarks || o.CIDate != tc.o.CIDate {
				t.Errorf("values changed: %+v", o)
			}
			if got, want := o.Totals().Total, tc.o.Totals().Total; !got.Equal(want) {
				t.Errorf("total %s, want %s", got, want)
			}
		})
	}
}

// Marshal writes what encoding/json would write for the same document
// (members sorted, HTML characters not escaped), for ordinary text.
func TestMarshalIsStandardJSON(t *testing.T) {
	for _, o := range []*invoice.Order{workbookOrder(), csvOrder()} {
		b, err := Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		var doc document
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, b)
		}
		var std bytes.Buffer
		enc := json.NewEncoder(&std)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, std.Bytes()) {
			t.Errorf("Marshal:\n%s\nencoding/json:\n%s", b, std.Bytes())
		}
	}
	w := &writer{}
	w.str("a\"b\\c\n\x01\u2028\xff 中")
	var back string
	if err := json.Unmarshal(w.b, &back); err != nil || back != "a\"b\\c\n\x01\u2028\ufffd 中" {
		t.Errorf("string %s reads back as %q (%v)", w.b, back, err)
	}
}

func TestAmountsArePlainDecimalsWithTheirCells(t *testing.T) {
	b, err := Marshal(workbookOrder())
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		`"format":"tradedocs-order/1"`, `"file":"lamps.xlsx"`, `"source":"Order"`,
		`"quantity":{"value":"1500000","cell":"Items!F12"}`,
		`"unit_price":{"value":"0.085","cell":"Items!H12"}`,
		`"deposit_received":{"value":"28564.92","cell":"Order!B34"}`,
		`"amount":{"value":"-100.00","cell":"Items!I40"}`,
		`"unit_price":{"value":"3.50"}`,
		`"total":"134400.00"`, `"goods":"134500.00"`,
		`"remarks":{"value":"Quotes \"as is\" & <unchanged>"}`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s:\n%s", want, s)
		}
	}
	if strings.Contains(s, "!pi_no") || strings.Contains(s, "1,500") {
		t.Errorf("JSON has a marker or a thousands separator:\n%s", s)
	}
}

func TestReadRejectsBadFiles(t *testing.T) {
	good, _ := Marshal(workbookOrder())
	for _, tc := range []struct {
		name, data, want string
		kind             error
	}{
		{"not JSON", "PK\x03\x04 a workbook", "not an order JSON file", invoice.ErrFile},
		{"another format", `{"format":"tradedocs-order/9","order":{}}`, `format "tradedocs-order/9"`, invoice.ErrFile},
		{"quantity with a unit", strings.Replace(string(good), `"value":"1500000"`, `"value":"12pcs"`, 1), `items[0].quantity: "12pcs" is not a plain decimal`, invoice.ErrNotANumber},
		{"amount with separators", strings.Replace(string(good), `"value":"28564.92"`, `"value":"28,564.92"`, 1), `order.deposit_received: "28,564.92"`, invoice.ErrNotANumber},
		{"date as the US writes it", strings.Replace(string(good), `"value":"2024-05-02"`, `"value":"5/2/2024"`, 1), `order.ci_date: "5/2/2024" is not a date`, invoice.ErrDate},
		{"currency alias", strings.Replace(string(good), `"value":"USD"`, `"value":"RMB"`, 1), `order.currency: "RMB"`, invoice.ErrCurrency},
		{"not UTF-8", "{\"format\":\"\xff\"}", "not UTF-8", invoice.ErrFile},
		{"a value longer than a cell", strings.Replace(string(good), `"value":"Bulb clip"`, `"value":"`+strings.Repeat("x", 40000)+`"`, 1), "longer than a spreadsheet cell", invoice.ErrFile},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ps := Read("order.json", []byte(tc.data))
			if len(ps) == 0 {
				t.Fatal("no problem reported")
			}
			if msg := ps[0].Error(); !strings.Contains(msg, tc.want) || !strings.Contains(msg, "order.json") {
				t.Errorf("problem %q, want it to name order.json and say %q", msg, tc.want)
			}
			if !errors.Is(ps[0], tc.kind) {
				t.Errorf("problem kind: %v, want %v", ps[0], tc.kind)
			}
		})
	}
}

// A value that cannot be read is reported once: Validate does not also
// call the field missing.
func TestBadValueIsReportedOnce(t *testing.T) {
	good, _ := Marshal(workbookOrder())
	bad := strings.Replace(string(good), `"value":"USD"`, `"value":"US Dollars"`, 1)
	bad = strings.Replace(bad, `"value":"1500000"`, `"value":"1.5m"`, 1)
	o, ps := Read("order.json", []byte(bad))
	ps = append(ps, o.Validate()...)
	read := 0
	for _, p := range ps {
		msg := p.Error()
		if errors.Is(p, invoice.ErrMissing) && (strings.Contains(msg, "currency") || strings.Contains(msg, "quantity")) {
			t.Errorf("also reported missing: %v", p)
		}
		if errors.Is(p, invoice.ErrCurrency) || errors.Is(p, invoice.ErrNotANumber) {
			read++
		}
	}
	if read != 2 {
		t.Errorf("%d problems of reading, want 2 (currency, quantity): %v", read, ps)
	}
}

func TestUnknownMembersAreIgnored(t *testing.T) {
	good, _ := Marshal(workbookOrder())
	later := strings.Replace(string(good), `"order":{`, `"packing_list":{"pallets":"3"},"order":{"manufacturer":{"value":"Dongguan Works","cell":"Order!B50"},`, 1)
	o, ps := Read("order.json", []byte(later))
	if len(ps) > 0 || o == nil || o.OrderNo != "PO-2024-0315" {
		t.Fatalf("a later version's file was not read: %v", ps)
	}
}

func TestExtractFromAPDF(t *testing.T) {
	data, _ := Marshal(workbookOrder())
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetAttachments([]fpdf.Attachment{{Content: []byte("not the order"), Filename: "notes.txt"}, {Content: data, Filename: FileName}})
	pdf.AddPage()
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	got, err := Extract(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Errorf("extracted %q, want the attached JSON", got)
	}
	plain := fpdf.New("P", "mm", "A4", "")
	plain.AddPage()
	b.Reset()
	if err := plain.Output(&b); err != nil {
		t.Fatal(err)
	}
	if _, err := Extract(b.Bytes()); !errors.Is(err, ErrNoOrder) {
		t.Errorf("PDF without an order: %v, want ErrNoOrder", err)
	}
	if _, err := Extract([]byte("%PDF-1.4 /Type /EmbeddedFile /Length 999999 /Filter /FlateDecode >>\nstream\nxx")); err == nil {
		t.Error("a truncated stream gave no error")
	}
}

func FuzzRead(f *testing.F) {
	good, _ := Marshal(workbookOrder())
	f.Add(good)
	f.Add([]byte(`{"format":"tradedocs-order/1","items":[{"values":{"quantity":{"value":"-0.0e5"}}}]}`))
	f.Add([]byte(`{"format":"tradedocs-order/1","order":{"ci_date":{"value":"2024-02-30","cell":"::!!"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, ps := Read("fuzz.json", data)
		if o != nil {
			if b, _ := Marshal(o); !json.Valid(b) {
				t.Fatalf("Marshal wrote invalid JSON: %s", b)
			}
		}
		if o == nil && len(ps) == 0 {
			t.Fatal("no order and no problem")
		}
		if o != nil && len(ps) == 0 {
			// What reads cleanly writes and reads back the same.
			b, err := Marshal(o)
			if err != nil {
				return
			}
			o2, ps2 := Read("fuzz.json", b)
			if len(ps2) > 0 {
				t.Fatalf("re-reading own output: %v\n%s", ps2, b)
			}
			if b2, _ := Marshal(o2); !bytes.Equal(b, b2) {
				t.Fatalf("unstable:\n%s\n%s", b, b2)
			}
		}
	})
}
