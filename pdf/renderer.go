package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/internal/fpdf"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/images"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/orderjson"
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
	// Paper is A4 (also the zero value) or Letter.
	Paper Paper
	// Templates supplies labels.json, the bilingual captions, and
	// units.json, the unit table; the zero value is templates.Bundled.
	Templates templates.Set
	// Memo returns the wire-memo lines for a payment stage, printed in the
	// PI's payment terms so supplier and buyer see what the transfer will
	// say; nil leaves them out. An error (the memo cannot be written) fails
	// the PI: it is never issued without the lines it should print.
	Memo func(o *invoice.Order, s invoice.Stage) ([]string, error)
	// Date, when not zero, is the PDF's creation and modification date
	// (from SOURCE_DATE_EPOCH). Otherwise the document's own date is used:
	// the CI date for a CI and the PI date for a PI, else the other one,
	// else 2000-01-01 UTC in the metadata (the document then prints no
	// date). Never the clock, so output is reproducible.
	Date time.Time
}

// Renderer draws PIs and CIs. It is built once (labels parsed, fonts
// checked) and is safe for concurrent Render calls.
type Renderer struct {
	regular, bold *fonts.Face
	paper         Paper
	labels        labels
	memo          func(o *invoice.Order, s invoice.Stage) ([]string, error)
	date          time.Time
	// units is the bilingual unit table the CI prints units with (CI-11).
	units invoice.Units
	// standIns are the faces cut to a space, read by fpdf once: each
	// document is drawn with them and gets its real subsets once all its
	// characters are known.
	standIns [2]*fpdf.PreparedUTF8Font
	// adv are the two faces' advance widths, looked up by every layout.
	adv [2]*advances
}

// New checks the options and reads the labels. It fails when a face is
// missing, the paper size is unknown, labels.json lacks a caption or a
// caption has a character the faces cannot draw.
func New(opt Options) (*Renderer, error) {
	if opt.Regular == nil || opt.Bold == nil {
		return nil, errors.New("pdf: Options.Regular and Options.Bold are required (fonts.Regular(), fonts.Bold())")
	}
	paper, err := ParsePaper(string(opt.Paper))
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
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
	units, err := invoice.LoadUnits(opt.Templates)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	r := &Renderer{regular: opt.Regular, bold: opt.Bold, paper: paper, labels: ls, memo: opt.Memo, date: opt.Date, units: units}
	for i, f := range []*fonts.Face{r.regular, r.bold} {
		r.adv[i] = newAdvances(f)
		ttf, err := f.Subset([]rune{' '})
		if err != nil {
			return nil, fmt.Errorf("pdf: subsetting font %s: %w", f.Name(), err)
		}
		if r.standIns[i], err = fpdf.PrepareUTF8Font(fontFamily, fontStyles[i], ttf); err != nil {
			return nil, fmt.Errorf("pdf: font %s: %w", f.Name(), err)
		}
	}
	return r, nil
}

// fontFamily is the name the faces are registered under in each PDF.
const fontFamily = "doc"

// Render draws the order's PI or CI and writes the PDF to w. Nothing is
// written unless the whole document was drawn. It fails, naming the cell,
// on a character the font cannot draw or that lies above U+FFFF; on a logo
// or chop file that cannot be read as PNG; and on an order without items.
// The PDF is the same, byte for byte, as the one RenderSet writes for it.
func (r *Renderer) Render(w io.Writer, o *invoice.Order, doc Document) error {
	return r.RenderSet(o, []Document{doc}, []io.Writer{w})
}

// RenderSet draws several of the order's documents, usually its PI and CI,
// and writes each PDF to the writer at the same index of ws. The PI and CI
// of an order embed one font subset, cut to the characters the two draw
// between them, whichever of them are asked for: a PI is the same file
// whether it is issued alone or with its CI, and the subset is prepared
// and compressed once for both. Nothing is written unless every document
// was drawn; it fails as Render does.
func (r *Renderer) RenderSet(o *invoice.Order, docs []Document, ws []io.Writer) (err error) {
	if len(docs) != len(ws) {
		return fmt.Errorf("pdf: %d documents but %d writers", len(docs), len(ws))
	}
	for i, doc := range docs {
		if doc != Proforma && doc != Commercial && doc != Packing {
			return fmt.Errorf("pdf: unknown document %q: want PI, CI or PL", doc)
		}
		if slices.Contains(docs[:i], doc) {
			return fmt.Errorf("pdf: document %s asked for twice", doc)
		}
	}
	if o == nil {
		return errors.New("pdf: no order")
	}
	if len(o.Items) == 0 {
		return invoice.Problems{invoice.Errorf(o.Source, invoice.ErrNoItems, "order %s has no items", o.OrderNo)}
	}
	if ps := o.CheckCharacters(r.covers, invoice.Error); ps.HasErrors() {
		return ps
	}
	if o.Currency.IsZero() {
		return invoice.Problems{invoice.Errorf(o.At("currency"), invoice.ErrMissing, "order %s has no currency", o.OrderNo)}
	}
	if slices.Contains(docs, Packing) && !o.HasPacking() {
		return invoice.Problems{invoice.Errorf(o.Source, invoice.ErrMissing,
			"order %s has no packing data (cartons, carton_no) for a packing list", o.OrderNo)}
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: drawing %s %s failed: %v\n%s", strings.Join(docNames(docs), "+"), o.OrderNo, p, debug.Stack())
		}
	}()
	logo, err := loadImage(o, o.Logo, "logo")
	if err != nil {
		return err
	}
	chop, err := loadImage(o, o.Chop, "chop")
	if err != nil {
		return err
	}

	// Each document asked for is drawn once, with stand-in fonts, collecting
	// the characters it draws; a sibling that was not asked for (the PI,
	// the CI, and the packing list of an order with packing data) is laid
	// out without a PDF for its characters only, so that each document is
	// the same file alone or with its siblings, and adds none if it cannot
	// be laid out. The siblings share one subset when it is small enough:
	// it is cut and compressed once for all of them.
	// What the documents of the order share: its packing list and totals,
	// computed once, and the texts they wrap.
	set := newOrderSet(o, logo, chop)
	// The order as data, attached to the PI and CI (written once).
	data, err := orderjson.MarshalTotals(o, set.t)
	if err != nil {
		return err
	}
	drawn := map[Document]*drawnDoc{}
	used := new([2]runeSet)
	siblings := []Document{Proforma, Commercial}
	if o.HasPacking() || slices.Contains(docs, Packing) {
		siblings = append(siblings, Packing)
	}
	for _, kind := range siblings {
		asked := slices.Contains(docs, kind)
		attached := data
		if kind == Packing {
			attached = nil // no price on a packing list, not even as data
		}
		dd, err := r.draw(set, kind, asked, attached)
		if err != nil {
			if asked {
				return err
			}
			continue
		}
		drawn[kind] = dd
		for i := range used {
			used[i].addSet(&dd.used[i])
		}
	}
	var shared [2]cutFont
	if len(drawn) > 0 {
		if shared, err = r.subsets(used); err != nil {
			return err
		}
	}
	share := len(shared[0].ttf)+len(shared[1].ttf) <= sharedSubsetLimit
	subsets := func(doc Document) ([2]cutFont, error) {
		if share {
			return shared, nil
		}
		return r.subsets(drawn[doc].used)
	}

	// Each PDF gets its real fonts, is closed, and only then are they all
	// written.
	pdfs := make([]*fpdf.Fpdf, len(docs))
	for i, doc := range docs {
		cuts, err := subsets(doc)
		if err != nil {
			return err
		}
		if pdfs[i], err = r.finish(drawn[doc], cuts, share); err != nil {
			return err
		}
	}
	for i, pdf := range pdfs {
		err := pdf.Output(ws[i])
		// The document is written: later documents may reuse its fonts'
		// width tables (512 KB a face) and buffers.
		pdf.RecycleFontTables()
		if err != nil {
			return err
		}
	}
	return nil
}

// docNames is "PI", "CI" … for messages.
func docNames(docs []Document) []string {
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = string(d)
	}
	return names
}

// sharedSubsetLimit is the size (regular and bold face, bytes before
// compression) up to which the PI and CI of an order share one subset,
// compressed fast (zlib level 2: a third of the time, about 5% larger). A
// typical order's is 60–65 KB, about 47 KB compressed so; at the limit it
// is about 55 KB, which leaves a 20-line PDF some 3 KB under 80 KB (the
// limit was 72 KB until the corrected labels and the PI's closing line
// added some thirty characters to every order). Each
// character only one of the two documents draws costs the other about
// 0.17 KB, so an order with more distinct characters gives each document
// its own subset instead, compressed at the default level: twenty
// different products would share 92 KB and make the CI about 84 KB; on
// their own subsets PI and CI stay under 80 KB.
const sharedSubsetLimit = 75_000

// covers reports whether both faces can draw c.
func (r *Renderer) covers(c rune) bool { return r.regular.Covers(c) && r.bold.Covers(c) }

// orderSet is what the documents of one order drawn together share,
// computed once for all of them: the packing list (PL-1) and the totals
// (both pure functions of the order), the pictures, and the wrapped texts.
type orderSet struct {
	o          *invoice.Order
	pack       invoice.PackingList
	t          invoice.Totals
	logo, chop *picture
	// wraps remembers wrapped text of several lines (see canvas.wrap).
	wraps map[wrapKey][]string
	// figures are the order's quantities, prices and amounts as the
	// documents print them, formatted once for all of them and keyed by
	// the figure's address in the order, its packing list or its totals
	// (which nothing changes while they are drawn).
	figures map[figureKey]string
	// descriptions are the items' description cells, without and with
	// the specification (see document.description).
	descriptions [2][][]styledText
}

// figureKey is a figure of the order and how it is written.
type figureKey struct {
	d    *decimal.Decimal
	kind figureKind
}

type figureKind uint8

const (
	quantityFigure figureKind = iota // formatQuantity
	priceFigure                      // formatPrice in the order's currency
	moneyFigure                      // the order's currency's Format
)

func newOrderSet(o *invoice.Order, logo, chop *picture) *orderSet {
	pack := o.Packing()
	// Sized for a typical order: the documents wrap some tens of texts
	// over several lines.
	return &orderSet{o: o, pack: pack, t: o.TotalsOf(pack), logo: logo, chop: chop, wraps: make(map[wrapKey][]string, 64),
		figures: make(map[figureKey]string, 8*len(o.Items))}
}

// figure is *d written as kind says, formatted once for the set.
func (s *orderSet) figure(d *decimal.Decimal, kind figureKind) string {
	k := figureKey{d, kind}
	if f, ok := s.figures[k]; ok {
		return f
	}
	var f string
	switch kind {
	case quantityFigure:
		f = formatQuantity(*d)
	case priceFigure:
		f = formatPrice(*d, s.o.Currency)
	default:
		f = s.o.Currency.Format(*d)
	}
	s.figures[k] = f
	return f
}

// quantity is formatQuantity(*d), price formatPrice(*d) in the order's
// currency and money the currency's Format(*d), for a figure of the
// order, its packing list or its totals.
func (s *orderSet) quantity(d *decimal.Decimal) string { return s.figure(d, quantityFigure) }
func (s *orderSet) price(d *decimal.Decimal) string    { return s.figure(d, priceFigure) }
func (s *orderSet) money(d *decimal.Decimal) string    { return s.figure(d, moneyFigure) }

// description is item i's description cell as d.description writes it,
// made once for the documents of the set (its captions are the
// renderer's, the same in each).
func (s *orderSet) description(d *document, i int, withSpec bool) []styledText {
	k := boolIndex(withSpec)
	if s.descriptions[k] == nil {
		s.descriptions[k] = make([][]styledText, len(s.o.Items))
	}
	if s.descriptions[k][i] == nil {
		s.descriptions[k][i] = d.description(&s.o.Items[i], withSpec)
	}
	return s.descriptions[k][i]
}

// drawnDoc is one document of an order, drawn with stand-in fonts (pdf)
// or only laid out (pdf nil), and the characters each face draws in it.
type drawnDoc struct {
	d    *document
	pdf  *fpdf.Fpdf
	used *[2]runeSet
}

// newDocument prepares one document of the order, with the wire memo lines
// a PI prints.
func (r *Renderer) newDocument(set *orderSet, doc Document) (*document, error) {
	o := set.o
	d := &document{r: r, o: o, set: set, kind: doc, t: set.t, pack: set.pack, l: r.labels, logo: set.logo, chop: set.chop}
	if doc == Proforma && r.memo != nil {
		for _, s := range d.t.Stages() {
			lines, err := r.memo(o, s)
			if err != nil {
				return nil, err
			}
			for _, l := range lines {
				for _, c := range l {
					if c > 0xFFFF || c < 0x20 || !r.covers(c) {
						return nil, fmt.Errorf("pdf: wire memo line %q has character %q (U+%04X) that cannot be drawn", l, c, c)
					}
				}
			}
			d.memos = append(d.memos, lines)
		}
	}
	return d, nil
}

// draw lays a document out and records the characters it draws. With
// toPDF it draws into a PDF whose fonts are stand-ins (see finish), adding
// the footer of each page once the page count is known; without, nothing
// is drawn (a document of the order that is not issued, whose characters
// go into the subset all the same).
func (r *Renderer) draw(set *orderSet, doc Document, toPDF bool, data []byte) (*drawnDoc, error) {
	d, err := r.newDocument(set, doc)
	if err != nil {
		return nil, err
	}
	w, h := r.pageSize()
	c := &canvas{mode: dry, pageW: w, pageH: h, used: new([2]runeSet), wraps: set.wraps, adv: r.adv}
	if toPDF {
		if c.pdf, err = r.newPDF(d, data); err != nil {
			return nil, err
		}
		c.mode = drawing
	}
	d.layout(c)
	for p := 1; p <= c.pages; p++ {
		c.toPage(p)
		d.footer(c, p, c.pages)
	}
	if c.err != nil {
		return nil, c.err
	}
	return &drawnDoc{d: d, pdf: c.pdf, used: c.used}, nil
}

// fontStyles are fpdf's styles of the regular and bold face.
var fontStyles = [2]string{"", "B"}

// cutFont is a face's subset for a document: the file, and the same
// described to fpdf by the subsetter's glyph map and widths, so that fpdf
// does not read the file again.
type cutFont struct {
	ttf      []byte
	prepared *fpdf.PreparedUTF8Font
}

// subsets cuts the regular and bold faces to the runes each draws.
func (r *Renderer) subsets(used *[2]runeSet) ([2]cutFont, error) {
	var cuts [2]cutFont
	for i, f := range []*fonts.Face{r.regular, r.bold} {
		cut, err := f.SubsetMap(used[i].runes())
		if err != nil {
			return cuts, fmt.Errorf("pdf: subsetting font %s: %w", f.Name(), err)
		}
		p, err := r.standIns[i].Subset(cut.TTF, cut.Runes, cut.Glyphs, cut.Advances)
		if err != nil {
			return cuts, fmt.Errorf("pdf: font %s: %w", f.Name(), err)
		}
		cuts[i] = cutFont{ttf: cut.TTF, prepared: p}
	}
	return cuts, nil
}

// finish gives a drawn document its real fonts, the subsets cuts, in place
// of the stand-ins, and closes it: the PDF is complete in fpdf's buffer,
// not yet written. Shared subsets, small enough to leave room in the size
// budget, are compressed fast.
func (r *Renderer) finish(dd *drawnDoc, cuts [2]cutFont, fast bool) (*fpdf.Fpdf, error) {
	pdf := dd.pdf
	for _, cut := range cuts {
		pdf.ReplaceUTF8FontPrepared(cut.prepared)
	}
	pdf.SetFastFontCompression(fast)
	// A document with its own subset (an order of many different
	// characters) is near the 80 KB budget, its order attached: every
	// stream at zlib's best (some 3 KB less, a few ms more).
	pdf.SetCompactStreams(!fast)
	pdf.Close()
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %s %s: %w", dd.d.kind, dd.d.o.OrderNo, err)
	}
	return pdf, nil
}

// pageSize is the paper's width and height in mm.
func (r *Renderer) pageSize() (w, h float64) {
	w, h, _ = r.paper.size()
	return w, h
}

// newPDF sets up an fpdf document with the stand-in faces (which finish
// replaces), the images, metadata, fixed dates and the order as data, the
// JSON file attached.
func (r *Renderer) newPDF(d *document, data []byte) (*fpdf.Fpdf, error) {
	_, _, size := r.paper.size()
	pdf := fpdf.New("P", "mm", size, "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	for _, font := range r.standIns {
		pdf.AddPreparedUTF8Font(font)
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
	if date.IsZero() {
		// An order without dates (Validate refuses it; a caller of this
		// package may not have asked): a fixed date in the metadata only,
		// never printed on the document.
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	// English is the documents' first language (each caption is English
	// then Chinese); the XMP metadata repeats the information dictionary.
	pdf.SetLang("en")
	pdf.SetXmpFromInfo(true)
	pdf.SetCreator("tradedocs", false)
	pdf.SetProducer("tradedocs", false)
	name, no := d.l["name_pi"], d.o.ProformaNo()
	switch d.kind {
	case Commercial:
		name, no = d.l["name_ci"], d.o.InvoiceNo()
	case Packing:
		name, no = d.l["name_pl"], d.o.InvoiceNo()
	}
	pdf.SetTitle(name.EN+" "+no, !isASCII(name.EN+" "+no))
	author := firstNonEmpty(d.o.Seller.Name, d.o.Seller.NameZH)
	pdf.SetAuthor(author, !isASCII(author))
	// The subject in plain words: UTF-16 (any non-ASCII character) would
	// double its bytes, and the title and the page say it in Chinese too.
	subject := name.EN + " " + no
	if buyer := firstNonEmpty(d.o.Buyer.Name, d.o.Buyer.NameZH); buyer != "" {
		subject += ": " + firstNonEmpty(d.o.Seller.Name, d.o.Seller.NameZH) + " to " + buyer
	}
	pdf.SetSubject(subject, !isASCII(subject))
	keywords := []string{d.o.OrderNo}
	for _, k := range []string{d.o.ProformaNo(), d.o.InvoiceNo(), d.o.ContractNo} {
		if k != "" && !slices.Contains(keywords, k) {
			keywords = append(keywords, k)
		}
	}
	kw := strings.Join(keywords, " ")
	pdf.SetKeywords(kw, !isASCII(kw))
	// The order travels inside its documents, as data (see orderjson): an
	// accountant or an auditor takes the figures without retyping them,
	// and tradedocs generate on the extracted file gives this PDF again.
	// The packing list carries none: no price goes on it, not even as data.
	if len(data) > 0 {
		pdf.SetAttachments([]fpdf.Attachment{{Content: data, Filename: orderjson.FileName,
			Description: orderjson.Format}})
	}
	return pdf, nil
}

// picture is a PNG from the order: the supplier's logo or chop.
type picture struct {
	path string
	name string
	data []byte
	w, h int // pixels
}

// loadImage takes a PNG from the bounded loader (images.Load: a regular
// file in the order file's folder, of bounded size and pixels, one the PDF
// writer parses); an empty path is no image.
func loadImage(o *invoice.Order, path, name string) (*picture, error) {
	if path == "" {
		return nil, nil
	}
	p, err := images.Load(path, images.Roots(o))
	if err != nil {
		return nil, invoice.Problems{invoice.Errorf(o.At(name), images.ErrPicture, "%s: %s", name, strings.TrimPrefix(err.Error(), images.ErrPicture.Error()+": "))}
	}
	return &picture{path: path, name: name, data: p.Data, w: p.Width, h: p.Height}, nil
}

// isASCII reports whether s is printable ASCII, which the information
// dictionary holds as is (half the bytes of UTF-16).
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			return false
		}
	}
	return true
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
