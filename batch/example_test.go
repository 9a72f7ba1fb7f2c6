package batch_test

import (
	"archive/zip"
	"bytes"
	"fmt"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/pdf"
	"github.com/tradedocs/tradedocs/templates"
)

// An order's documents made in memory, as a web server would send them:
// zipped, under the names generate gives them in an output folder.
func ExampleRenderOrder() {
	orders, _ := batch.Load([]string{"../examples/usd-fob-30-70.xlsx"}, batch.LoadOptions{})
	renderer, _ := pdf.New(pdf.Options{Regular: fonts.Regular(), Bold: fonts.Bold()})
	memos, _ := memo.New(templates.Bundled)
	opt := batch.Options{Docs: []pdf.Document{pdf.Proforma, pdf.Commercial}, Memos: true, Renderer: renderer, Memo: memos}

	files, problems := batch.RenderOrder(orders[0].Order, opt)
	if problems.HasErrors() {
		fmt.Println(problems)
		return
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range files {
		w, _ := z.Create(f.Name)
		w.Write(f.Data)
		fmt.Printf("%s %s %q\n", f.Doc, f.Name, f.Data[:4])
	}
	z.Close()
	// Output:
	// PI HL-2024-0318-PI.pdf "%PDF"
	// CI HL-2024-0318-CI.pdf "%PDF"
	// memo HL-2024-0318-memo.txt "WIRE"
}
