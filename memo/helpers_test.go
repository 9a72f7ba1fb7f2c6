package memo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/templates"
)

// testOrder is a realistic USD order from a Shenzhen supplier whose total
// is 12,345.67, so that a 30% deposit needs rounding (3,703.701 → 3,703.70).
func testOrder() *invoice.Order {
	return &invoice.Order{
		OrderNo: "PO-2024-0315",
		PIDate:  invoice.NewDate(2024, 3, 15),
		Seller: invoice.Party{
			Name:    "Shenzhen Huaqiang North Electronic Technology Trading Co., Ltd.",
			NameZH:  "深圳市华强北电子科技贸易有限公司",
			Address: "Room 1201, Huaqiang Building, Futian District, Shenzhen, China",
		},
		Buyer:    invoice.Party{Name: "Acme Imports LLC", Address: "100 Main St, Austin, TX 78701, USA"},
		Currency: invoice.MustCurrency("USD"),
		Shipment: invoice.Shipment{Incoterm: invoice.FOB, Place: "Shenzhen"},
		Bank: invoice.Bank{
			Account: "7451 0000 1234 5678",
			Name:    "Bank of China, Shenzhen Branch",
			Address: "International Financial Building, 2022 Jianshe Road, Shenzhen, China",
			SWIFT:   "BKCHCNBJ45A",
			CNAPS:   "104584000003",
		},
		Items: []invoice.Item{
			{DescriptionEN: "USB-C charger 65W", Quantity: decimal.NewFromInt(1000), UnitPrice: dec("8.5"), Unit: "pcs"},
			{DescriptionEN: "Braided cable 1m", Quantity: decimal.NewFromInt(1), UnitPrice: dec("3845.67"), Unit: "lot"},
		},
		Where: map[string]invoice.Location{
			"order_no":       {File: "order.xlsx", Sheet: "Order", Cell: "B2"},
			"seller_name_en": {File: "order.xlsx", Sheet: "Order", Cell: "B5"},
			"bank_swift":     {File: "order.xlsx", Sheet: "Order", Cell: "B20"},
			"bank_account":   {File: "order.xlsx", Sheet: "Order", Cell: "B18"},
		},
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func bundled(t *testing.T) *Writer {
	t.Helper()
	w, err := New(templates.Bundled)
	if err != nil {
		t.Fatalf("New(templates.Bundled): %v", err)
	}
	return w
}

// withTemplate is a Writer over a user's template directory holding text as
// memo.tmpl, as `--templates DIR` gives.
func withTemplate(t *testing.T, text string) *Writer {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, TemplateName), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := New(templates.Overlay(dir))
	if err != nil {
		t.Fatalf("New(Overlay): %v", err)
	}
	return w
}

// firstStage is the order's first payment (the deposit, usually).
func firstStage(o *invoice.Order) invoice.Stage { return o.Totals().Stages()[0] }

// checkSWIFT asserts T-2 to T-5 on memo lines.
func checkSWIFT(t *testing.T, lines []string) {
	t.Helper()
	if len(lines) == 0 || len(lines) > MaxLines {
		t.Errorf("memo has %d lines, want 1 to %d (T-2): %q", len(lines), MaxLines, lines)
	}
	for i, l := range lines {
		if !LinePattern.MatchString(l) {
			t.Errorf("line %d %q does not match %s (T-2, T-3)", i+1, l, LinePattern)
		}
		if strings.HasPrefix(l, "-") || strings.HasPrefix(l, ":") {
			t.Errorf("line %d %q starts with - or : (T-4)", i+1, l)
		}
	}
	if u := Ustrd(lines); len(u) > MaxUstrd {
		t.Errorf("Ustrd is %d characters, more than %d (T-5): %q", len(u), MaxUstrd, u)
	}
}

// lineWith reports whether one line holds s whole.
func lineWith(lines []string, s string) bool {
	for _, l := range lines {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

func hasKind(ps invoice.Problems, kind error, sev invoice.Severity) bool {
	for _, p := range ps {
		if errors.Is(p, kind) && p.Severity == sev {
			return true
		}
	}
	return false
}
