package invoice

import (
	"strings"
	"testing"
	"time"
)

func TestAmazonReadiness(t *testing.T) {
	acct := AmazonAccount{Name: "ACME GOODS LLC", Address: "100 Main St,  Austin, TX 78701, USA"}
	ready := func(o *Order) {
		o.Seller.Phone = "+86 755 2833 0000"
		o.Seller.Website = "www.brightlighting.example.com"
		o.Items[0].SKU = "BL-L07"
	}
	tests := []struct {
		name    string
		edit    func(o *Order)
		asOf    Date
		unmet   []string // What of each requirement not met
		details []string
	}{
		{"CI issued in April, uploaded in May: all met", ready, NewDate(2024, time.May, 20), nil, nil},
		{"invoice more than a year old", ready, NewDate(2025, time.April, 3), []string{"CI date within 365 days"}, []string{"366 days"}},
		{"CI date after the day of upload", ready, NewDate(2024, time.March, 30), []string{"CI date"}, []string{"is after"}},
		{"buyer name spelt as on the trade licence, not the seller account", func(o *Order) {
			ready(o)
			o.Buyer.Name = "Acme Goods, LLC"
		}, NewDate(2024, time.May, 20), []string{"buyer name matches"}, []string{`"Acme Goods, LLC"`}},
		{"supplier without phone or website, a line without a model", func(o *Order) {
			o.Seller.Phone = "+86 755 2833 0000"
		}, NewDate(2024, time.May, 20), []string{"supplier website present", "every line has a model"}, []string{"seller_website", "line"}},
		{"no CI date: the CI carries the PI date", func(o *Order) {
			ready(o)
			o.CIDate = Date{}
		}, NewDate(2024, time.May, 20), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := sampleOrder()
			tt.edit(o)
			rs := o.AmazonReadiness(acct, tt.asOf)
			if len(rs) != 8 {
				t.Fatalf("%d requirements, want 8", len(rs))
			}
			var unmet []Requirement
			for _, r := range rs {
				if !r.Met {
					unmet = append(unmet, r)
				}
			}
			if len(unmet) != len(tt.unmet) {
				t.Fatalf("not met: %+v; want %v", unmet, tt.unmet)
			}
			for i, r := range unmet {
				if !strings.HasPrefix(r.What, tt.unmet[i]) || !strings.Contains(r.Detail, tt.details[i]) {
					t.Errorf("requirement %q (%s), want %q mentioning %q", r.What, r.Detail, tt.unmet[i], tt.details[i])
				}
				if r.Where.IsZero() {
					t.Errorf("requirement %q not met but names no cell", r.What)
				}
			}
		})
	}
}
