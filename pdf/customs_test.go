package pdf

import (
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/invoice"
)

// tradingCompanyOrder is the sample order as a Yiwu trading company issues
// it: the lamps come from a factory in Dongguan, the bulb clips from
// another; units are written in Chinese; the wire passes through an
// intermediary bank; rebates and assists are stated as none.
func tradingCompanyOrder() *invoice.Order {
	o := sampleOrder()
	o.Seller.Name = "Yiwu Brightway Import and Export Co., Ltd."
	o.Manufacturer = invoice.Party{Name: "Dongguan Huayi Lighting Factory", Address: "8 Xinhe Road, Huangjiang Town, Dongguan, Guangdong, China"}
	o.Items[0].Unit = "个"
	o.Items[1].Unit = "套"
	o.Items[2].Unit = "只"
	o.Items[2].ManufacturerName = "Zhongshan Guzhen Lamp Parts Co."
	o.Items[0].Origin, o.Items[2].Origin = "", ""
	o.Shipment.CountryOfOrigin = "China"
	o.Rebates, o.Assists = "none", "无"
	o.Charges = append([]invoice.Charge{{DescriptionEN: "Export pallets", DescriptionZH: "打托费", Amount: dec("60")}}, o.Charges...)
	o.Bank.BeneficiaryAddress = "Room 1201, 99 Futian Road, Yiwu, Zhejiang, China"
	o.Bank.IntermediaryBank = "JPMorgan Chase Bank, New York"
	o.Bank.IntermediarySWIFT = "CHASUS33"
	o.Bank.Charges = "OUR"
	return o
}

func TestCommercialInvoiceCarriesCustomsContent(t *testing.T) {
	r := testRenderer(t, "a4")
	o := tradingCompanyOrder()
	ci := squeeze(run(t, render(t, r, o, Commercial), "pdftotext", "-enc", "UTF-8"))
	pi := squeeze(run(t, render(t, r, o, Proforma), "pdftotext", "-enc", "UTF-8"))
	tests := []struct {
		name string
		text string
		want string
		in   bool
	}{
		{"units in English before the Chinese", ci, "pcs个", true},
		{"sets", ci, "sets套", true},
		{"the PI keeps the supplier's units", pi, "pcs个", false},
		{"origin and destination as name and ISO code in the header", ci, "UnitedStates(US)", true},
		{"the order's manufacturer in its own box", ci, "Manufacturer生产厂家", true},
		{"the manufacturer's name and address", ci, "DongguanHuayiLightingFactory8XinheRoad,HuangjiangTown", true},
		{"a line from another factory names it", ci, "Manufacturer生产厂家:ZhongshanGuzhenLampPartsCo.", true},
		{"the FOB value", ci, "FOBvalueFOB货值", true},
		{"the FOB value's amount", ci, "10,130.00", true},
		{"the PI lists the charges without the subtotal", pi, "FOBvalue", false},
		{"port of entry label", ci, "Portofentry入境口岸", true},
		{"rebates label", ci, "Rebates,drawbacksandbounties回扣、退税及补贴", true},
		{"assists label", ci, "Assists(moulds,tools,engineering)协助（模具、工具、工程）", true},
		{"beneficiary address on the PI", pi, "Room1201,99FutianRoad", true},
		{"intermediary bank on the PI", pi, "JPMorganChaseBank,NewYork", true},
		{"intermediary SWIFT on the PI", pi, "CHASUS33", true},
		{"bank charges option on the PI", pi, "Bankcharges手续费OUR", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Contains(tt.text, tt.want); got != tt.in {
				t.Errorf("text contains %q = %v, want %v", tt.want, got, tt.in)
			}
		})
	}
	t.Run("the FOB value comes after the seller's charges and before freight", func(t *testing.T) {
		pallets, value, freight := strings.Index(ci, "Exportpallets打托费"), strings.Index(ci, "FOBvalueFOB货值"), strings.Index(ci, "OceanfreighttoHouston海运费")
		if pallets < 0 || value < pallets || freight < value {
			t.Errorf("pallets at %d, FOB value at %d, freight at %d: want them in that order", pallets, value, freight)
		}
	})
	t.Run("rebates and assists stated as none", func(t *testing.T) {
		if n := strings.Count(ci, "None无"); n != 2 {
			t.Errorf("None 无 printed %d times, want 2 (rebates and assists)", n)
		}
	})
	t.Run("origin on every line is the same words as in the header", func(t *testing.T) {
		if n := strings.Count(ci, "China(CN)"); n < 4 {
			t.Errorf("China (CN) appears %d times, want the header and three lines", n)
		}
		if strings.Contains(ci, "CNCN") || strings.Contains(ci, "原产国CN") {
			t.Error("a bare CN is printed as the origin")
		}
	})
	t.Run("no port of entry yet: the port of discharge is the destination", func(t *testing.T) {
		o := tradingCompanyOrder()
		o.Shipment.PortOfEntry = ""
		ci := squeeze(run(t, render(t, r, o, Commercial), "pdftotext", "-enc", "UTF-8"))
		if !strings.Contains(ci, "Destination目的地") || !strings.Contains(ci, "Houston") || strings.Contains(ci, "入境口岸") {
			t.Error("the CI does not print the port of discharge as its destination")
		}
	})
	t.Run("bank charges default to SHA", func(t *testing.T) {
		o := tradingCompanyOrder()
		o.Bank.Charges = ""
		pi := squeeze(run(t, render(t, r, o, Proforma), "pdftotext", "-enc", "UTF-8"))
		if !strings.Contains(pi, "Bankcharges手续费SHA") {
			t.Errorf("the PI does not say SHA, or says OUR:\n%s", pi)
		}
	})
}
