package testorders

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestCSVRenumbersTheExampleOrder(t *testing.T) {
	b, err := CSV("../../examples/orders.csv", "PO-1", `A "quoted", number`)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[1][0] != "PO-1" || recs[2][0] != `A "quoted", number` || len(recs[1]) != len(recs[0]) {
		t.Errorf("records %q", recs)
	}
	if _, err := CSV("../../examples/no-such.csv", "PO-1"); err == nil {
		t.Error("a missing example gave no error")
	}
}
