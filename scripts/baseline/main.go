// Command baseline is the yardstick of scripts/bench.sh: it reads the same
// workbook as tradedocs and writes the same item tables as two PDFs per order
// with fpdf and a core font (Helvetica, English text only, no embedded font),
// with the same number of workers and the same way of writing files. That
// is the floor a PDF tool in Go can reach; tradedocs is measured against it
// in the same run.
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/internal/fpdf"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: baseline WORKBOOK OUTDIR")
	}
	results, ps := spreadsheet.ReadFile(os.Args[1], spreadsheet.Options{})
	if ps.HasErrors() {
		log.Fatal(ps)
	}
	out := os.Args[2]
	if err := os.MkdirAll(out, 0o755); err != nil {
		log.Fatal(err)
	}
	// The same pipeline as tradedocs' batch.Generate, so that the ratio
	// compares the PDFs and nothing else: workers render in memory, as many
	// writers put the files on disk with batch.WriteFile.
	type file struct {
		path string
		data []byte
	}
	jobs := make(chan *invoice.Order)
	files := make(chan []file, 2*runtime.NumCPU())
	var renderWG, writeWG sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		renderWG.Add(1)
		go func() {
			defer renderWG.Done()
			for o := range jobs {
				var fs []file
				for _, doc := range []string{"PI", "CI"} {
					var buf bytes.Buffer
					if err := render(&buf, o, doc); err != nil {
						log.Fatal(err)
					}
					fs = append(fs, file{filepath.Join(out, o.OrderNo+"-"+doc+".pdf"), buf.Bytes()})
				}
				files <- fs
			}
		}()
		writeWG.Add(1)
		go func() {
			defer writeWG.Done()
			for fs := range files {
				for _, f := range fs {
					if err := batch.WriteFile(f.path, f.data, false); err != nil {
						log.Fatal(err)
					}
				}
			}
		}()
	}
	for _, r := range results {
		jobs <- r.Order
	}
	close(jobs)
	renderWG.Wait()
	close(files)
	writeWG.Wait()
}

func render(buf *bytes.Buffer, o *invoice.Order, doc string) error {
	t := o.Totals()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(true)
	p.AddPage()
	p.SetFont("Helvetica", "B", 14)
	p.CellFormat(0, 8, doc+" "+o.OrderNo, "", 1, "C", false, 0, "")
	p.SetFont("Helvetica", "", 9)
	p.CellFormat(0, 5, o.Seller.Name, "", 1, "L", false, 0, "")
	p.CellFormat(0, 5, o.Buyer.Name, "", 1, "L", false, 0, "")
	widths := []float64{10, 80, 25, 15, 25, 30}
	for i, h := range []string{"No.", "Description", "HS Code", "Qty", "Unit Price", "Amount"} {
		p.CellFormat(widths[i], 6, h, "1", 0, "C", false, 0, "")
	}
	p.Ln(-1)
	for i, it := range o.Items {
		cells := []string{fmt.Sprint(i + 1), it.DescriptionEN, it.HSCode, it.Quantity.String(), it.UnitPrice.String(), o.Currency.Format(t.Lines[i])}
		for j, c := range cells {
			p.CellFormat(widths[j], 6, c, "1", 0, "L", false, 0, "")
		}
		p.Ln(-1)
	}
	p.CellFormat(0, 6, "TOTAL "+o.Currency.Code+" "+o.Currency.Format(t.Total), "", 1, "R", false, 0, "")
	return p.Output(buf)
}
