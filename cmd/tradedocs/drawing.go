package main

import (
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/pdf"
)

// drawing is what generate draws documents with, built from the same flags
// by check and generate: the two faces, the memo writer, the renderer and
// the documents asked for.
type drawing struct {
	regular, bold *fonts.Face
	// fontNames says, for messages, which fonts a character is missing
	// from: "the bundled font" or "NotoSerif.ttf".
	fontNames string
	memos     *memo.Writer
	renderer  *pdf.Renderer
	// docs are the documents asked for; nil is each order's own set.
	docs []pdf.Document
	// units is the unit table of the templates (CI-11).
	units invoice.Units
	// fba checks every order's cartons against Amazon FBA's limits.
	fba bool
}

// drawingFlags are the flags check and generate share: what the documents
// are drawn with and which are asked for, so that check draws exactly what
// generate would.
type drawingFlags struct {
	font, bold, templates, docs, paper *string
	fba                                *bool
}

// addDrawingFlags declares the drawing flags on fs; docsUsage says what
// --docs means for the command.
func addDrawingFlags(fs *pflag.FlagSet, docsUsage string) drawingFlags {
	return drawingFlags{
		docs:      fs.String("docs", "", docsUsage),
		fba:       fs.Bool("fba", false, "check every order's cartons against Amazon FBA limits (PL-2)"),
		paper:     fs.String("paper", "a4", "paper size: a4 or letter"),
		font:      fs.String("font", "", "TrueType font for regular text (default: bundled Noto Sans SC)"),
		bold:      fs.String("bold-font", "", "TrueType font for bold text (default: bundled Noto Sans SC Bold)"),
		templates: fs.String("templates", "", "directory whose files override the bundled labels, units and memo wording"),
	}
}

// drawing builds what the flags describe; date is the documents' date
// (SOURCE_DATE_EPOCH) or zero.
func (f drawingFlags) drawing(date time.Time) (*drawing, error) {
	return newDrawing(*f.font, *f.bold, *f.templates, *f.docs, *f.paper, *f.fba, date)
}

// newDrawing reads the fonts and templates and builds the renderer. Its
// errors (a font file that cannot be read, a label the fonts cannot draw,
// an unknown paper size) stop check and generate alike.
func newDrawing(fontPath, boldPath, tmplDir, docs, paperName string, fba bool, date time.Time) (*drawing, error) {
	documents, err := parseDocs(docs)
	if err != nil {
		return nil, err
	}
	paper, err := pdf.ParsePaper(paperName)
	if err != nil {
		return nil, usagef("--%v", err)
	}
	d := &drawing{docs: documents, fontNames: fontNames(fontPath, boldPath), fba: fba}
	if d.regular, err = loadFace(fontPath, fonts.Regular); err != nil {
		return nil, err
	}
	if d.bold, err = loadFace(boldPath, fonts.Bold); err != nil {
		return nil, err
	}
	set := templateSet(tmplDir)
	if d.memos, err = memo.New(set); err != nil {
		return nil, err
	}
	if d.units, err = invoice.LoadUnits(set); err != nil {
		return nil, err
	}
	d.renderer, err = pdf.New(pdf.Options{
		Regular: d.regular, Bold: d.bold, Paper: paper, Templates: set, Date: date,
		Memo: d.memos.PrintedLines,
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// fontNames names the fonts given on the command line for messages about
// characters they lack.
func fontNames(regular, bold string) string {
	var names []string
	for _, p := range []string{regular, bold} {
		if p != "" && !slices.Contains(names, filepath.Base(p)) {
			names = append(names, filepath.Base(p))
		}
	}
	switch len(names) {
	case 0:
		return "the bundled font"
	case 1:
		if regular == "" || bold == "" {
			return names[0] + " or the bundled font"
		}
		return names[0]
	}
	return strings.Join(names, " or ")
}

// covers says whether both faces draw the rune: every text may be set in
// either.
func (d *drawing) covers(r rune) bool { return d.regular.Covers(r) && d.bold.Covers(r) }

// dryRunAll draws every valid order's documents and memo as generate
// would, writing nothing, and returns each order's problems by index.
func (d *drawing) dryRunAll(orders []*batch.Order) []invoice.Problems {
	return batch.DryRun(orders, d.issuing())
}

// issuing is what batch issues an order's documents with.
func (d *drawing) issuing() batch.Options {
	return batch.Options{Docs: d.docs, Memos: true, Renderer: d.renderer, Memo: d.memos}
}

// loadOptions are the checks of each order as read: characters the fonts
// cannot draw are errors, as they stop the documents; texts the CI would
// print without English are warnings; what the memo writer would warn about
// and documents the order cannot have are the order's problems.
func (d *drawing) loadOptions() batch.LoadOptions {
	return batch.LoadOptions{
		Covers: d.covers, CharSeverity: invoice.Error, FontName: d.fontNames,
		Units: d.units, FBA: d.fba, Memo: d.memos, Docs: d.docs,
	}
}
