package batch

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// DocumentName is the name an order's document has in the output folder:
// PO-1-PI.pdf, PO-1-CI.pdf, PO-1-memo.txt (doc is PI, CI or memo).
func DocumentName(orderNo, doc string) string {
	base := SafeName(orderNo)
	if doc == "memo" {
		return base + "-memo.txt"
	}
	return base + "-" + doc + ".pdf"
}

// File is one issued document held in memory: what Generate would have
// written to the output folder, byte for byte, and its manifest row.
type File struct {
	Order *Order
	Row   ManifestRow
	Data  []byte
}

// Render issues the documents of every valid order in memory instead of an
// output folder (the web page's downloads): the same checks of order
// numbers as Generate, the same renderer and memo writer, so each file holds
// exactly the bytes Generate writes. OutDir, Force and Progress are not
// used, and no file is read or written. The files come sorted by name, as
// the manifest lists them; problems are those of the orders not issued.
func Render(orders []*Order, opt Options) ([]File, invoice.Problems) {
	opt.OutDir, opt.Force = "", true // plan then looks at no file
	jobs, ps := plan(orders, opt)
	if ps.HasErrors() {
		return nil, ps
	}
	var files []File
	for _, j := range jobs {
		r, probs := render(j, opt)
		ps = append(ps, probs...)
		if probs.HasErrors() {
			continue
		}
		ps = append(ps, r.warnings...)
		o := j.order
		t := o.Totals()
		for i, f := range j.files {
			sum := sha256.Sum256(r.contents[i])
			files = append(files, File{Order: o, Data: r.contents[i], Row: ManifestRow{
				OrderNo: o.OrderNo, Document: f.doc, File: f.path,
				SHA256: hex.EncodeToString(sum[:]), Total: o.Currency.Format(t.Total), Currency: o.Currency.Code,
			}})
		}
	}
	sort.Slice(files, func(a, b int) bool { return files[a].Row.File < files[b].Row.File })
	return files, ps
}

// ManifestCSV is the manifest.csv of a fresh output folder that received
// exactly these rows, sorted by file name.
func ManifestCSV(rows []ManifestRow) ([]byte, error) {
	rows = append([]ManifestRow(nil), rows...)
	sort.Slice(rows, func(a, b int) bool { return rows[a].File < rows[b].File })
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(manifestHeader)
	for _, r := range rows {
		w.Write([]string{r.OrderNo, r.Document, r.File, r.SHA256, r.Total, r.Currency})
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// ReadManifest reads the rows of an output folder's manifest.csv; a folder
// without one has none.
func ReadManifest(path string) ([]ManifestRow, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var rows []ManifestRow
	for i, r := range recs {
		if i == 0 || len(r) != len(manifestHeader) {
			continue
		}
		rows = append(rows, ManifestRow{r[0], r[1], r[2], r[3], r[4], r[5]})
	}
	return rows, nil
}

// Upload is an order file received in memory (by the web page): its name as
// the user's computer called it, used in problem locations, and its bytes.
type Upload struct {
	Name string
	Data []byte
}

// LoadUploads is Load for files already in memory: the same reader, with
// the same limits and defences, the same validation of each order and of
// the batch. Nothing is read from the file system.
func LoadUploads(uploads []Upload, opt LoadOptions) (orders []*Order, fileProblems invoice.Problems) {
	for _, u := range uploads {
		results, ps := spreadsheet.Read(u.Name, u.Data, opt.Read)
		fileProblems = append(fileProblems, ps...)
		orders = append(orders, checkOrders(results, opt)...)
	}
	checkBatch(orders)
	return orders, fileProblems
}
