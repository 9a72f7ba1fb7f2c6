package invoice

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/templates"
)

func TestUnitsOnTheCI(t *testing.T) {
	u := BundledUnits()
	for _, tt := range []struct{ unit, want string }{
		{"个", "pcs 个"}, {"只", "pcs 只"}, {"件", "pcs 件"}, {"块", "pcs 块"}, {"把", "pcs 把"},
		{"条", "pcs 条"}, {"支", "pcs 支"}, {"根", "pcs 根"}, {"套", "sets 套"}, {"双", "pairs 双"},
		{"张", "sheets 张"}, {"箱", "cartons 箱"}, {"包", "packs 包"}, {"卷", "rolls 卷"}, {"打", "dozen 打"},
		{"米", "m 米"}, {"千克", "kg 千克"}, {"公斤", "kg 公斤"}, {"吨", "t 吨"},
		{"pcs", "pcs"}, {" sets ", "sets"}, {"", ""}, {"pcs/个", "pcs/个"}, {"kg公斤", "kg公斤"},
		{"坨", "坨"}, // not in the table: printed as written, and warned about
	} {
		if got := u.OnCI(tt.unit); got != tt.want {
			t.Errorf("OnCI(%q) = %q, want %q", tt.unit, got, tt.want)
		}
	}
}

func TestUnitsExtendedThroughTemplates(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, UnitsFile), []byte(`{"坨": "lumps", "张": "pcs"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	u, err := LoadUnits(templates.Overlay(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ unit, want string }{{"坨", "lumps 坨"}, {"张", "pcs 张"}, {"套", "sets 套"}} {
		if got := u.OnCI(tt.unit); got != tt.want {
			t.Errorf("with a user's units.json, OnCI(%q) = %q, want %q", tt.unit, got, tt.want)
		}
	}
	for _, bad := range []string{`{"个": "个"}`, `["pcs"]`, `{"": "pcs"}`} {
		if err := os.WriteFile(filepath.Join(dir, UnitsFile), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadUnits(templates.Overlay(dir)); err == nil {
			t.Errorf("units.json %s accepted", bad)
		}
	}
}

func TestHasEnglish(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"500ml 304不锈钢", false},
		{"500 ml, 304 stainless steel 304不锈钢", true},
		{"哑光黑", false},
		{"6L", true},
		{"12oz", true},
		{"4支吸管+1刷", false},
		{"", true},
	} {
		if got := HasEnglish(tt.s); got != tt.want {
			t.Errorf("HasEnglish(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestCheckEnglishNamesEachCell(t *testing.T) {
	o := sampleOrder()
	cell := func(c string) Location { return Location{File: "order.xlsx", Sheet: "Items", Cell: c} }
	it := &o.Items[0]
	it.Unit, it.Where["unit"] = "坨", cell("G2")
	it.Spec, it.Where["spec"] = "500ml 304不锈钢", cell("D2")
	it.Material, it.Where["material"] = "304 stainless steel 不锈钢", cell("K2")
	o.Items = append(o.Items, Item{DescriptionEN: "Hair clip", Quantity: d("10"), UnitPrice: d("1"), Unit: "个",
		Where: map[string]Location{"unit": cell("G3")}, Source: cell("A3")})
	o.Consignee = Party{Name: "Harbor Lane Goods LLC", Address: "洛杉矶港仓库"}
	o.Where["consignee_address"] = Location{File: "order.xlsx", Sheet: "Order", Cell: "B21"}
	o.Charges = []Charge{chargeAt("A2", "", "模具费", "300"), chargeAt("A3", "", "海运费", "300")}
	o.Charges[0].Where["description_zh"] = Location{File: "order.xlsx", Sheet: "Charges", Cell: "B2"}
	var got []string
	for _, p := range o.CheckEnglish(BundledUnits()) {
		if !errors.Is(p, ErrNoEnglish) || p.Severity != Warning {
			t.Errorf("unexpected %v", p)
		}
		got = append(got, p.Where.String())
	}
	want := "order.xlsx!Order!B21 order.xlsx!Items!G2 order.xlsx!Items!D2 order.xlsx!Charges!B2"
	if strings.Join(got, " ") != want {
		t.Errorf("warnings at %v, want %s", got, want)
	}
}

func TestCheckEnglishPartiesAndPlaces(t *testing.T) {
	at := func(c string) Location { return Location{File: "order.xlsx", Sheet: "Order", Cell: c} }
	tests := []struct {
		name  string
		key   string
		set   func(o *Order, v string)
		value string
	}{
		{"buyer named only in Chinese", "buyer_name", func(o *Order, v string) { o.Buyer.Name = v }, "蓝松贸易公司"},
		{"buyer address only in Chinese", "buyer_address", func(o *Order, v string) { o.Buyer.Address = v }, "美国新泽西州纽瓦克港口路77号"},
		{"named place of FOB only in Chinese", "incoterm_place", func(o *Order, v string) { o.Shipment.Place = v }, "深圳"},
		{"port of loading only in Chinese", "port_of_loading", func(o *Order, v string) { o.Shipment.PortOfLoading = v }, "盐田港"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := sampleOrder()
			tt.set(o, tt.value)
			o.Where[tt.key] = at("B9")
			ps := o.CheckEnglish(BundledUnits())
			if len(ps) != 1 || !errors.Is(ps[0], ErrNoEnglish) || ps[0].Where != at("B9") || !strings.Contains(ps[0].Message, tt.value) {
				t.Errorf("got %v, want one no-English warning at B9 naming %q", ps, tt.value)
			}
		})
	}
}
