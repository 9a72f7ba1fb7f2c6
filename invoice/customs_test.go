package invoice

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCustomsWarnings(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(o *Order)
		kind  error
		sev   Severity
		where string
		msg   string
	}{
		{"US buyer, port of entry not known yet when the PI is issued", func(o *Order) {
			o.Shipment.PortOfEntry = ""
			o.Shipment.PortOfDischarge = "Los Angeles, CA, USA"
			o.Where["port_of_entry"] = Location{File: "order.xlsx", Sheet: "Order", Cell: "B27"}
		}, ErrPortOfEntry, Warning, "order.xlsx!Order!B27", "port of discharge, Los Angeles"},
		{"destination US by country although the buyer is in Canada", func(o *Order) {
			o.Shipment.PortOfEntry = ""
			o.Buyer.Address = "88 Queen Street West, Toronto, ON M5H 2M5, Canada"
			o.Shipment.CountryOfDestination = "United States"
		}, ErrPortOfEntry, Warning, "order.xlsx!Order", "141.86(a)(1)"},
		{"CI number left blank falls back to the order number", func(o *Order) { o.CINo = "" }, ErrFallback, Warning, "order.xlsx!Order", `order number "PO-2024-031"`},
		{"CI date left blank falls back to the PI date", func(o *Order) { o.CIDate = Date{} }, ErrFallback, Warning, "order.xlsx!Order", "PI date 2024-03-05"},
		{"no date at all: the PI date is required and nothing is made up", func(o *Order) { o.CIDate, o.PIDate, o.ValidUntil = Date{}, Date{}, Date{} }, ErrMissing, Error, "order.xlsx!Order!B4", "pi_date (date of the proforma invoice"},
		{"origin written as a word the tool does not know", func(o *Order) {
			o.Items[0].Origin = "Chna"
			o.Items[0].Where["origin"] = Location{File: "order.xlsx", Sheet: "Items", Cell: "J2"}
		}, ErrCountry, Warning, "order.xlsx!Items!J2", `"Chna"`},
		{"bank charges option misspelt", func(o *Order) {
			o.Bank.Charges = "SHARED"
			o.Where["bank_charges"] = Location{File: "order.xlsx", Sheet: "Order", Cell: "B45"}
		}, ErrBankCharges, Error, "order.xlsx!Order!B45", "OUR"},
		{"intermediary BIC too short", func(o *Order) {
			o.Bank.IntermediarySWIFT = "CHASUS3"
			o.Where["intermediary_swift"] = Location{File: "order.xlsx", Sheet: "Order", Cell: "B44"}
		}, ErrBIC, Error, "order.xlsx!Order!B44", "CHASUS3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := sampleOrder()
			tt.edit(o)
			ps := o.Validate()
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1:\n%v", len(ps), ps)
			}
			p := ps[0]
			if !errors.Is(p, tt.kind) || p.Severity != tt.sev || p.Where.String() != tt.where || !strings.Contains(p.Message, tt.msg) {
				t.Errorf("got %v (%s); want %v %s at %s mentioning %q", p, p.Severity, tt.kind, tt.sev, tt.where, tt.msg)
			}
		})
	}
	t.Run("a buyer in Germany needs no US port of entry", func(t *testing.T) {
		o := sampleOrder()
		o.Shipment.PortOfEntry = ""
		o.Buyer.Address = "Grosse Elbstrasse 145, 22767 Hamburg, Germany"
		if ps := o.Validate(); len(ps) != 0 {
			t.Errorf("unexpected %v", ps)
		}
	})
}

func TestCountryName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"CN", "China (CN)"},
		{"China", "China (CN)"},
		{"中国", "China (CN)"},
		{"P.R. China", "China (CN)"},
		{"cn", "China (CN)"},
		{"USA", "United States (US)"},
		{"Vietnam", "Vietnam (VN)"},
		{"Atlantis", "Atlantis"},
	} {
		if got := CountryName(tt.in); got != tt.want {
			t.Errorf("CountryName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	o := sampleOrder()
	if h, l := CountryName(o.OriginCountry()), o.ItemOrigin(&o.Items[0]); h != l || h != "China (CN)" {
		t.Errorf("header origin %q and line origin %q differ", h, l)
	}
}

func TestStatementsAndManufacturer(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"none", "None 无"}, {"无", "None 无"}, {"N/A", "None 无"}, {"", ""},
		{"Injection mould for the lamp base supplied by the buyer, USD 1,200", "Injection mould for the lamp base supplied by the buyer, USD 1,200"},
	} {
		if got := Statement(tt.in); got != tt.want {
			t.Errorf("Statement(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	o := sampleOrder()
	o.Manufacturer = Party{Name: "Dongguan Huayi Lighting Factory", Address: "Huangjiang Town, Dongguan"}
	if m := o.ItemManufacturer(&o.Items[0]); m.Name != "Dongguan Huayi Lighting Factory" {
		t.Errorf("line without its own manufacturer: %q", m.Name)
	}
	o.Items[0].ManufacturerName = "Zhongshan Guzhen Lamp Works"
	if m := o.ItemManufacturer(&o.Items[0]); m.Name != "Zhongshan Guzhen Lamp Works" || m.Address != "" {
		t.Errorf("line with its own manufacturer: %+v", m)
	}
	if o.BankCharges() != "SHA" {
		t.Errorf("default bank charges %q, want SHA", o.BankCharges())
	}
	o.Bank.Charges = "our"
	if o.BankCharges() != "OUR" {
		t.Errorf("bank charges %q, want OUR", o.BankCharges())
	}
	if d, entry := o.Destination(); d != "Los Angeles, CA" || !entry {
		t.Errorf("Destination() = %q, %v", d, entry)
	}
	o.CIDate = Date{}
	if o.InvoiceDate() != NewDate(2024, time.March, 5) {
		t.Errorf("InvoiceDate() = %s, want the PI date", o.InvoiceDate())
	}
}
