package batch

import (
	"runtime"
	"sort"
	"sync"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// DocumentName is the name an order's document has in the output folder:
// PO-1-PI.pdf, PO-1-CI.pdf, PO-1-PL.pdf, PO-1-memo.txt (doc is PI, CI, PL
// or memo).
func DocumentName(orderNo, doc string) string {
	return FileName(SafeName(orderNo), doc)
}

// Issued is one issued document held in memory: what Generate would have
// written to the output folder, byte for byte, and its manifest row.
type Issued struct {
	Order *Order
	Row   ManifestRow
	Data  []byte
}

// Render issues the documents of every valid order in memory instead of an
// output folder (the web page's downloads): the same checks of order
// numbers and file names as Generate and the same RenderOrder, so each file
// holds exactly the bytes Generate writes. OutDir, Force, Resume and
// Progress are not used, and no file is read or written. The files come
// sorted by name, as the manifest lists them; problems are those of the
// orders not issued, and warnings.
func Render(orders []*Order, opt Options) ([]Issued, invoice.Problems) {
	var ps invoice.Problems
	var files []Issued
	names := NameProblems(orders)
	for i, o := range orders {
		ps = append(ps, names[i]...)
		if !o.OK() || names[i].HasErrors() {
			continue
		}
		made, probs := RenderOrder(o.Order, opt)
		ps = append(ps, probs...)
		if probs.HasErrors() {
			continue
		}
		for i, row := range manifestRows(o.Order, made) {
			files = append(files, Issued{Order: o, Data: made[i].Data, Row: row})
		}
	}
	sort.Slice(files, func(a, b int) bool { return files[a].Row.File < files[b].Row.File })
	return files, ps
}

// DryRun draws each valid order's documents and memo in memory as Generate
// would, on as many CPUs as Generate's workers use, writing nothing, and
// returns each order's problems by index: what only drawing finds (a
// character the fonts lack, a logo that is not a PNG, a memo that cannot be
// written) stops generate, so check reports it too.
func DryRun(orders []*Order, opt Options) []invoice.Problems {
	out := make([]invoice.Problems, len(orders))
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for i, o := range orders {
		if !o.OK() {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			_, out[i] = RenderOrder(o.Order, opt)
		}()
	}
	wg.Wait()
	return out
}

// ManifestCSV is the manifest.csv of a fresh output folder that received
// exactly these rows, sorted by file name.
func ManifestCSV(rows []ManifestRow) ([]byte, error) {
	return encodeRows(true, merged(rows)), nil
}

// ReadManifest reads the rows of an output folder's manifest.csv; a folder
// without one has none.
func ReadManifest(path string) ([]ManifestRow, error) {
	rows, err := readManifest(path)
	if err != nil || rows == nil {
		return nil, err
	}
	return merged(rows), nil
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
	checkBatch(orders, opt)
	return orders, fileProblems
}
