// Package pdf draws an order as the two documents a cross-border purchase
// from a Chinese supplier runs on: the proforma invoice (PI, 形式发票) the
// buyer pays the deposit against, and the commercial invoice (CI, 商业发票)
// that goes with the goods to customs, to Amazon and into the tax records.
//
// Both documents are bilingual throughout: every label comes in English and
// Chinese from templates/labels.json, every item shows its English and
// Chinese description. Text is drawn with a subset of the bundled Noto Sans
// SC faces holding exactly the glyphs the document uses, so a 20-line PI is
// a few dozen kilobytes, and every string of the order extracts with
// pdftotext as written. The same order gives byte-identical PDFs: dates come
// from the order (or SOURCE_DATE_EPOCH), never from the clock.
//
// Each document is laid out once, straight into the PDF, with stand-in
// fonts: the footers ("Page 2 of 3 / 第2页 共3页") are added to every page
// once the page count is known, and the fonts are replaced by subsets cut
// to the characters drawn before the PDF is closed. The PI and CI of an
// order share one subset, so it is cut and compressed once. fpdf is handed
// the subset together with the glyph map and widths the subsetter already
// has, so no document parses a font file, and a subset that recurs across
// a batch (the bold face's captions and figures) is compressed once.
//
// Layout is a flow of blocks (document.keep, together, beside, grid,
// textBox): a block is never split across pages, blocks that must not be
// parted move to the next page together (the signature with the statement
// it closes; the bank block, the payment terms, the totals with the last
// line), and only text longer than a page runs over pages. Item columns
// earn their width: a column no line has a value in is dropped, figures
// are never broken or set under 7 pt, decimals line up. Nothing on the
// page is under 7 pt or lighter than a dark grey.
//
// Each PDF carries the order it was made from as an attached JSON file
// (see package orderjson), names its fonts as tagged subsets, and has a
// content-derived /ID, /Lang and XMP metadata agreeing with its
// information dictionary.
package pdf
