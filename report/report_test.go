package report

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
)

// order is a one-line order of qty × price in currency code, read from
// file's Order sheet, with the given problems.
func order(no, code, qty, price string, file string, ps ...invoice.Problem) *batch.Order {
	o := &invoice.Order{
		OrderNo: no, Currency: invoice.MustCurrency(code),
		Items:  []invoice.Item{{Quantity: decimal.RequireFromString(qty), UnitPrice: decimal.RequireFromString(price)}},
		Source: invoice.Location{File: file, Sheet: "Order"},
	}
	return &batch.Order{Order: o, Problems: ps}
}

func TestNewReportsEachOrder(t *testing.T) {
	badQty := invoice.Errorf(invoice.Location{File: "b.xlsx", Sheet: "Items", Cell: "F3"}, invoice.ErrNotANumber, `quantity "12pcs" is not a number`)
	alias := invoice.Warnf(invoice.Location{File: "c.csv", Line: 2, Column: 7}, invoice.ErrCurrency, "currency RMB read as CNY")
	notSheet := invoice.Errorf(invoice.Location{File: "d.xlsx"}, invoice.ErrFile, "not a spreadsheet")
	tests := []struct {
		name                           string
		o                              *batch.Order
		status                         Status
		total, deposit, balance, where string
		docs                           int
	}{
		// 1,000 × 1.235 = 1,235.00; 30% = 370.50; the rest 864.50 (M-4).
		{"dollars with cents", order("PO-1", "USD", "1000", "1.235", "a.xlsx"), Ready, "1235.00", "370.50", "864.50", "a.xlsx!Order", 3},
		{"yen have no minor unit", order("JP-7", "JPY", "3", "3333", "j.xlsx"), Ready, "9999", "3000", "6999", "j.xlsx!Order", 3},
		{"dinars have three", order("KW-2", "KWD", "1", "10.001", "k.xlsx"), Ready, "10.001", "3.000", "7.001", "k.xlsx!Order", 3},
		{"an error hides the amounts and the documents", order("PO-2", "USD", "1", "5", "b.xlsx", badQty), Errors, "", "", "", "b.xlsx!Order", 0},
		{"a warning keeps them", order("PO-3", "CNY", "2", "50", "c.csv", alias), Warnings, "100.00", "30.00", "70.00", "c.csv!Order", 3},
	}
	var orders []*batch.Order
	for _, tt := range tests {
		orders = append(orders, tt.o)
	}
	r := New(4, orders, invoice.Problems{notSheet}, []pdf.Document{pdf.Proforma, pdf.Commercial}, true)
	if r.Status != Errors || r.Errors != 2 || r.Warnings != 1 || r.Files != 4 || len(r.Problems) != 1 || r.Problems[0].Where != "d.xlsx" {
		t.Errorf("run: %+v", r)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := r.Orders[i]
			if o.Status != tt.status || o.Total != tt.total || o.Deposit != tt.deposit || o.Balance != tt.balance || o.Source.Where != tt.where || len(o.Documents) != tt.docs {
				t.Errorf("%+v", o)
			}
			if tt.docs > 0 && (o.Documents[0].File != tt.o.OrderNo+"-PI.pdf" || o.Documents[2].Kind != "memo") {
				t.Errorf("documents %+v", o.Documents)
			}
		})
	}
	p := r.Orders[3].Problems[0]
	if p.Where != "b.xlsx!Items!F3" || p.File != "b.xlsx" || p.Sheet != "Items" || p.Cell != "F3" || p.Severity != "error" || p.Kind != "not a number" {
		t.Errorf("problem %+v", p)
	}
	if w := r.Orders[4].Problems[0]; w.Line != 2 || w.Column != 7 || w.Where != "c.csv:2:7" || w.Severity != "warning" {
		t.Errorf("CSV warning %+v", w)
	}
}

func TestIssuedRecordsTheManifest(t *testing.T) {
	good, bad := order("PO-1", "USD", "1", "10", "a.xlsx"), order("PO-2", "USD", "1", "10", "b.xlsx")
	r := New(2, []*batch.Order{good, bad}, nil, []pdf.Document{pdf.Proforma}, true)
	rows := []batch.ManifestRow{{OrderNo: "PO-1", Document: "PI", File: "PO-1-PI.pdf", SHA256: "ab12"}, {OrderNo: "PO-1", Document: "memo", File: "PO-1-memo.txt", SHA256: "cd34"}}
	unreadable := invoice.Errorf(invoice.Location{File: "b.xlsx", Sheet: "Order"}, invoice.ErrFile, "order PO-2: logo is not a PNG")
	r.Issued("out", rows, invoice.Problems{unreadable, unreadable})
	if r.Output != "out" || r.Status != Errors || r.Errors != 1 || len(r.Problems) != 1 {
		t.Errorf("run %+v", r)
	}
	if o := r.Orders[0]; !*o.Issued || len(o.Documents) != 2 || o.Documents[0].SHA256 != "ab12" {
		t.Errorf("issued order %+v", o)
	}
	if o := r.Orders[1]; *o.Issued || len(o.Documents) != 0 {
		t.Errorf("order not issued %+v", o)
	}
}

func TestWriteIsPlainJSON(t *testing.T) {
	var buf bytes.Buffer
	r := New(1, []*batch.Order{order("深圳-1", "CNY", "3", "0.085", "订单.xlsx")}, nil, nil, false)
	if err := r.Write(&buf); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// Amounts are strings, never JSON numbers; Chinese is written as is.
	for _, want := range []string{`"total": "0.26"`, `"order_no": "深圳-1"`, `"kind": "CI"`, `"problems": []`} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %s:\n%s", want, out)
		}
	}
}

// A script reads the status of each order and its deposit as an exact
// decimal.
func Example() {
	o := &invoice.Order{
		OrderNo: "HL-2024-0318", Currency: invoice.MustCurrency("USD"),
		Items:  []invoice.Item{{Quantity: decimal.NewFromInt(2000), UnitPrice: decimal.RequireFromString("0.865")}},
		Source: invoice.Location{File: "order.xlsx", Sheet: "Order"},
	}
	r := New(1, []*batch.Order{{Order: o}}, nil, []pdf.Document{pdf.Proforma}, false)
	r.Write(os.Stdout)
	// Output:
	// {
	//   "status": "ready",
	//   "files": 1,
	//   "errors": 0,
	//   "warnings": 0,
	//   "orders": [
	//     {
	//       "order_no": "HL-2024-0318",
	//       "source": {
	//         "where": "order.xlsx!Order",
	//         "file": "order.xlsx",
	//         "sheet": "Order"
	//       },
	//       "status": "ready",
	//       "currency": "USD",
	//       "total": "1730.00",
	//       "deposit_percent": "30",
	//       "deposit": "519.00",
	//       "balance": "1211.00",
	//       "documents": [
	//         {
	//           "kind": "PI",
	//           "file": "HL-2024-0318-PI.pdf"
	//         }
	//       ],
	//       "problems": []
	//     }
	//   ],
	//   "problems": []
	// }
}
