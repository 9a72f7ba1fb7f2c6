package invoice

import "testing"

// A line read from a table keeps its row; the cell of each of its values
// is the table's column on that row, as a reader would have named it.
func TestItemCellsFromItsTable(t *testing.T) {
	sheet := &Columns{File: "order.xlsx", Sheet: "Items", Keys: map[string]int{"quantity": 5, "unit_price": 26, "sku": 701}}
	csv := &Columns{File: "orders.csv", CSV: true, Keys: map[string]int{"quantity": 13}}
	row := Location{File: "order.xlsx", Sheet: "Items", Cell: "A12"}
	tests := []struct {
		name string
		it   Item
		key  string
		want Location
		has  bool
	}{
		{"quantity in column F", Item{Columns: sheet, Row: 12, Source: row}, "quantity", Location{File: "order.xlsx", Sheet: "Items", Cell: "F12"}, true},
		{"unit price past Z", Item{Columns: sheet, Row: 12, Source: row}, "unit_price", Location{File: "order.xlsx", Sheet: "Items", Cell: "AA12"}, true},
		{"a column far right", Item{Columns: sheet, Row: 3, Source: row}, "sku", Location{File: "order.xlsx", Sheet: "Items", Cell: "ZZ3"}, true},
		{"CSV line and column", Item{Columns: csv, Row: 7}, "quantity", Location{File: "orders.csv", Line: 7, Column: 14}, true},
		{"a column the table lacks falls back to the row", Item{Columns: sheet, Row: 12, Source: row}, "cbm", row, false},
		{"a cell recorded on its own wins", Item{Columns: sheet, Row: 12, Source: row, Where: map[string]Location{"quantity": {File: "x.json"}}}, "quantity", Location{File: "x.json"}, true},
		{"no table", Item{Source: row}, "quantity", row, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.it.At(tt.key); got != tt.want {
				t.Errorf("At(%q) = %v, want %v", tt.key, got, tt.want)
			}
			if _, has := tt.it.Cell(tt.key); has != tt.has {
				t.Errorf("Cell(%q) found %v, want %v", tt.key, has, tt.has)
			}
			n := 0
			tt.it.Cells(func(key string, at Location) {
				if key == tt.key && at != tt.want {
					t.Errorf("Cells gives %q at %v, want %v", key, at, tt.want)
				}
				n++
			})
			if tt.it.Where == nil && tt.it.Columns != nil && n != len(tt.it.Columns.Keys) {
				t.Errorf("Cells gave %d cells, want %d", n, len(tt.it.Columns.Keys))
			}
		})
	}
}
