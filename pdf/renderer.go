package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/png" // logo and chop are PNG
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/templates"
)

// Document is which of an order's invoices to draw.
type Document string

const (
	// Proforma is the proforma invoice (PI, 形式发票): the supplier's
	// quotation the buyer confirms and pays the deposit against. It is not
	// proof of purchase (Amazon does not accept it as one).
	Proforma Document = "PI"
	// Commercial is the commercial invoice (CI, 商业发票) that travels with
	// the goods: customs values them from it (19 CFR 141.86), the buyer pays
	// the balance against it and keeps it as proof of purchase.
	Commercial Document = "CI"
)

// Options configure a Renderer.
type Options struct {
	// Regular and Bold are the faces the documents are drawn with, usually
	// fonts.Regular() and fonts.Bold(). Each PDF embeds a subset holding
	// just the characters it draws.
	Regular, Bold *fonts.Face
	// Paper is "a4" (the default) or "letter".
	Paper string
	// Templates supplies labels.json, the bilingual captions; the zero
	// value is templates.Bundled.
	Templates templates.Set
	// Memo returns the wire-memo lines for a payment stage, printed in the
	// PI's payment terms so supplier and buyer see what the transfer will
	// say; nil leaves them out.
	Memo func(o *invoice.Order, s invoice.Stage) []string
	// Date, when not zero, is the PDF's creation and modification date
	// (from SOURCE_DATE_EPOCH). Otherwise the document's own date is used:
	// the CI date for a CI and the PI date for a PI, else the other one,
	// else 2000-01-01 UTC. Never the clock, so output is reproducible.
	Date time.Time
}

// Renderer draws PIs and CIs. It is built once (labels parsed, fonts
// checked) and is safe for concurrent Render calls.
type Renderer struct {
	regular, bold *fonts.Face
	paper         string
	labels        labels
	memo          func(o *invoice.Order, s invoice.Stage) []string
	date          time.Time
}

// New checks the options and reads the labels. It fails when a face is
// missing, the paper size is unknown, labels.json lacks a caption or a
// caption has a character the faces cannot draw.
func New(opt Options) (*Renderer, error) {
	if opt.Regular == nil || opt.Bold == nil {
		return nil, errors.New("pdf: Options.Regular and Options.Bold are required (fonts.Regular(), fonts.Bold())")
	}
	paper := strings.ToLower(strings.TrimSpace(opt.Paper))
	switch paper {
	case "":
		paper = "a4"
	case "a4", "letter":
	default:
		return nil, fmt.Errorf("pdf: paper %q: want a4 or letter", opt.Paper)
	}
	ls, err := loadLabels(opt.Templates)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(ls))
	for k := range ls {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, r := range ls[k].EN + ls[k].ZH {
			for _, f := range []*fonts.Face{opt.Regular, opt.Bold} {
				if !f.Covers(r) {
					return nil, fmt.Errorf("pdf: %s: label %s has character %q (U+%04X) that font %s cannot draw", labelsFile, k, r, r, f.Name())
				}
			}
		}
	}
	return &Renderer{regular: opt.Regular, bold: opt.Bold, paper: paper, labels: ls, memo: opt.Memo, date: opt.Date}, nil
}

// fontFamily is the name the faces are registered under in each PDF.
const fontFamily = "doc"

// Render draws the order's PI or CI and writes the PDF to w. Nothing is
// written unless the whole document was drawn. It fails, naming the cell,
// on a character the font cannot draw or that lies above U+FFFF; on a logo
// or chop file that cannot be read as PNG; and on an order without items.
func (r *Renderer) Render(w io.Writer, o *invoice.Order, doc Document) (err error) {
	if doc != Proforma && doc != Commercial {
		return fmt.Errorf("pdf: unknown document %q: want PI or CI", doc)
	}
	if o == nil {
		return errors.New("pdf: no order")
	}
	if len(o.Items) == 0 {
		return invoice.Problems{invoice.Errorf(o.Source, invoice.ErrNoItems, "order %s has no items", o.OrderNo)}
	}
	covers := func(c rune) bool { return r.regular.Covers(c) && r.bold.Covers(c) }
	if ps := o.CheckCharacters(covers, invoice.Error); ps.HasErrors() {
		return ps
	}
	if o.Currency.IsZero() {
		return invoice.Problems{invoice.Errorf(o.At("currency"), invoice.ErrMissing, "order %s has no currency", o.OrderNo)}
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: drawing %s %s failed: %v", doc, o.OrderNo, p)
		}
	}()

	d := &document{r: r, o: o, kind: doc, t: o.Totals(), l: r.labels}
	if d.logo, err = loadImage(o.Logo, "logo"); err != nil {
		return err
	}
	if d.chop, err = loadImage(o.Chop, "chop"); err != nil {
		return err
	}
	if doc == Proforma && r.memo != nil {
		for _, s := range d.t.Stages() {
			lines := r.memo(o, s)
			for _, l := range lines {
				for _, c := range l {
					if c > 0xFFFF || c < 0x20 || !covers(c) {
						return fmt.Errorf("pdf: wire memo line %q has character %q (U+%04X) that cannot be drawn", l, c, c)
					}
				}
			}
			d.memos = append(d.memos, lines)
		}
	}

	w1, h1 := r.pageSize()
	// Pass 1: lay out without a PDF to count pages and collect characters.
	wraps := map[wrapKey][]string{}
	dryRun := &canvas{mode: dry, regular: r.regular, bold: r.bold, pageW: w1, pageH: h1,
		used: [2]map[rune]bool{{}, {}}, wraps: wraps}
	d.layout(dryRun)
	if dryRun.err != nil {
		return dryRun.err
	}
	pages := dryRun.pages
	for p := 1; p <= pages; p++ {
		for _, c := range d.footerText(p, pages) {
			dryRun.used[0][c] = true
		}
	}

	// Pass 2: draw.
	pdf, err := r.newPDF(d, dryRun.used)
	if err != nil {
		return err
	}
	c := &canvas{mode: drawing, pdf: pdf, regular: r.regular, bold: r.bold, pageW: w1, pageH: h1,
		wraps: wraps, heights: dryRun.heights}
	pdf.SetFooterFunc(func() { d.footer(c, pdf.PageNo(), pages) })
	d.layout(c)
	if c.err != nil {
		return c.err
	}
	if c.pages != pages || c.next != len(c.heights) {
		return fmt.Errorf("pdf: internal error: layout gave %d pages and %d blocks, then %d pages and %d blocks",
			pages, len(c.heights), c.pages, c.next)
	}
	// Close finishes the PDF in fpdf's buffer; only a whole document is
	// then written to w, straight from that buffer.
	pdf.Close()
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %s %s: %w", doc, o.OrderNo, err)
	}
	err = pdf.Output(w)
	// The document is written: later documents may reuse its fonts'
	// width tables (512 KB a face) instead of allocating their own.
	pdf.RecycleFontTables()
	return err
}

// pageSize is the paper's width and height in mm.
func (r *Renderer) pageSize() (w, h float64) {
	if r.paper == "letter" {
		return 215.9, 279.4
	}
	return 210, 297
}

// newPDF sets up an fpdf document with the subset faces, the images,
// metadata and fixed dates.
func (r *Renderer) newPDF(d *document, used [2]map[rune]bool) (*fpdf.Fpdf, error) {
	size := "A4"
	if r.paper == "letter" {
		size = "Letter"
	}
	pdf := fpdf.New("P", "mm", size, "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	for i, f := range []*fonts.Face{r.regular, r.bold} {
		runes := make([]rune, 0, len(used[i]))
		for c := range used[i] {
			runes = append(runes, c)
		}
		slices.Sort(runes)
		ttf, err := f.Subset(runes)
		if err != nil {
			return nil, fmt.Errorf("pdf: subsetting font %s: %w", f.Name(), err)
		}
		style := ""
		if i == 1 {
			style = "B"
		}
		pdf.AddUTF8FontFromBytes(fontFamily, style, ttf)
		if pdf.Err() {
			return nil, fmt.Errorf("pdf: font %s: %w", f.Name(), pdf.Error())
		}
	}
	for _, img := range []*picture{d.logo, d.chop} {
		if img == nil {
			continue
		}
		pdf.RegisterImageOptionsReader(img.name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(img.data))
		if pdf.Err() {
			return nil, fmt.Errorf("pdf: image %s: %w", img.path, pdf.Error())
		}
	}
	date := r.date
	if date.IsZero() {
		date = d.date().Time()
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.SetCreator("tradedocs", true)
	pdf.SetProducer("tradedocs", true)
	name, no := d.l["name_pi"], d.o.ProformaNo()
	if d.kind == Commercial {
		name, no = d.l["name_ci"], d.o.InvoiceNo()
	}
	pdf.SetTitle(name.EN+" "+no, true)
	pdf.SetAuthor(firstNonEmpty(d.o.Seller.Name, d.o.Seller.NameZH), true)
	subject := name.String() + " " + no
	if buyer := firstNonEmpty(d.o.Buyer.Name, d.o.Buyer.NameZH); buyer != "" {
		subject += ": " + firstNonEmpty(d.o.Seller.Name, d.o.Seller.NameZH) + " → " + buyer
	}
	pdf.SetSubject(subject, true)
	keywords := []string{d.o.OrderNo}
	for _, k := range []string{d.o.ProformaNo(), d.o.InvoiceNo(), d.o.ContractNo} {
		if k != "" && !slices.Contains(keywords, k) {
			keywords = append(keywords, k)
		}
	}
	pdf.SetKeywords(strings.Join(keywords, " "), true)
	return pdf, nil
}

// picture is a PNG from the order: the supplier's logo or chop.
type picture struct {
	path string
	name string
	data []byte
	w, h int // pixels
}

// loadImage reads and checks a PNG; an empty path is no image.
func loadImage(path, name string) (*picture, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("pdf: image %s: %w", path, err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("pdf: image %s is not a readable PNG: %w", path, err)
	}
	if format != "png" || cfg.Width == 0 || cfg.Height == 0 {
		return nil, fmt.Errorf("pdf: image %s is not a PNG (%s)", path, format)
	}
	return &picture{path: path, name: name, data: data, w: cfg.Width, h: cfg.Height}, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
