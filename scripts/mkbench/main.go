// Command mkbench writes the benchmark workbook of scripts/bench.sh: many
// orders (sheet Orders) of bilingual item lines (sheet Items), drawn from a
// fixed seed so every run measures the same input. With -per-file N it
// writes a folder of workbooks of N orders each instead (a month-end
// folder): one workbook is bounded to a million cells, about 4,000 orders
// of 20 lines.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

var products = []struct{ en, zh, unit, hs string }{
	{"LED desk lamp, 5W, USB-C", "LED护眼台灯 5瓦 USB-C接口", "pcs", "9405.21"},
	{"Stainless steel vacuum flask 500ml", "不锈钢保温杯 500毫升", "pcs", "9617.00"},
	{"Silicone baking mat 40x30cm", "硅胶烘焙垫 40×30厘米", "pcs", "3924.10"},
	{"Bluetooth earphones with charging case", "蓝牙耳机（带充电盒）", "sets", "8518.30"},
	{"Cotton tote bag, printed", "印花棉布手提袋", "pcs", "4202.22"},
	{"Yoga mat TPE 6mm", "TPE瑜伽垫 6毫米", "pcs", "9506.91"},
	{"Phone holder for car air vent", "汽车出风口手机支架", "pcs", "8708.29"},
	{"Kids' wooden puzzle, 24 pieces", "儿童木制拼图 24片", "boxes", "9503.00"},
	{"Ceramic coffee mug 350ml", "陶瓷咖啡杯 350毫升", "pcs", "6912.00"},
	{"Nylon dog leash 1.5m", "尼龙狗绳 1.5米", "pcs", "4201.00"},
}

var suppliers = []struct{ en, zh string }{
	{"Shenzhen Bright Lighting Co., Ltd.", "深圳市明亮照明有限公司"},
	{"Yiwu Happy Home Products Factory", "义乌市快乐家居用品厂"},
	{"Ningbo Ocean Trading Co., Ltd.", "宁波海洋贸易有限公司"},
	{"Guangzhou Tianhe Electronics Technology Co., Ltd.", "广州天河电子科技有限公司"},
}

func main() {
	out := flag.String("o", "bench.xlsx", "workbook to write")
	orders := flag.Int("orders", 1000, "number of orders")
	lines := flag.Int("lines", 20, "item lines per order")
	seed := flag.Int64("seed", 1, "random seed")
	perFile := flag.Int("per-file", 0, "orders per workbook; when set, -o is a folder of workbooks")
	flag.Parse()
	rng := rand.New(rand.NewSource(*seed))
	if *perFile <= 0 {
		write(*out, rng, 0, *orders, *lines)
		return
	}
	check(os.MkdirAll(*out, 0o755))
	for first, n := 0, 1; first < *orders; first, n = first+*perFile, n+1 {
		write(filepath.Join(*out, fmt.Sprintf("orders-%03d.xlsx", n)), rng, first, min(*perFile, *orders-first), *lines)
	}
}

// write writes a workbook of orders numbered from first+1.
func write(out string, rng *rand.Rand, first, orders, lines int) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Orders")
	head := []any{"order_no", "pi_date", "seller_name_en", "seller_name_zh", "seller_address_en", "buyer_name", "buyer_address",
		"currency", "incoterm", "incoterm_place", "port_of_loading", "deposit_percent", "bank_beneficiary", "bank_account", "bank_name", "bank_swift", "signatory",
		"ci_no", "ci_date", "port_of_entry"}
	sw, err := f.NewStreamWriter("Orders")
	check(err)
	check(sw.SetRow("A1", head))
	for i := 0; i < orders; i++ {
		s := suppliers[rng.Intn(len(suppliers))]
		row := []any{fmt.Sprintf("PO-%05d", first+i+1), fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28), s.en, s.zh,
			"No. 88 Industrial Road, Bao'an District, Shenzhen, Guangdong, China", "Acme Goods LLC",
			"1200 Commerce Blvd, Austin, TX 78701, USA", "USD", "FOB", "Shenzhen", "Shenzhen", 30,
			s.en, "744170123456", "BANK OF CHINA SHENZHEN BRANCH", "BKCHCNBJ45A", "Zhang Min, Export Manager",
			fmt.Sprintf("CI-%05d", first+i+1), fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+(i+7)%28), "Los Angeles, CA"}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		check(sw.SetRow(cell, row))
	}
	check(sw.Flush())
	_, err = f.NewSheet("Items")
	check(err)
	sw, err = f.NewStreamWriter("Items")
	check(err)
	check(sw.SetRow("A1", []any{"order_no", "line_no", "sku", "description_en", "description_zh", "hs_code", "quantity", "unit", "unit_price", "cartons", "net_weight_kg", "gross_weight_kg"}))
	r := 2
	for i := 0; i < orders; i++ {
		for l := 0; l < lines; l++ {
			p := products[rng.Intn(len(products))]
			qty := 50 * (1 + rng.Intn(40))
			price := fmt.Sprintf("%d.%03d", 1+rng.Intn(30), rng.Intn(1000))
			cell, _ := excelize.CoordinatesToCellName(1, r)
			check(sw.SetRow(cell, []any{fmt.Sprintf("PO-%05d", first+i+1), l + 1, fmt.Sprintf("SKU-%04d", rng.Intn(10000)),
				p.en, p.zh, p.hs, qty, p.unit, price, 1 + qty/50, qty / 10, qty/10 + 2}))
			r++
		}
	}
	check(sw.Flush())
	check(f.SaveAs(out))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
