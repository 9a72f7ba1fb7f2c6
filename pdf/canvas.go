package pdf

import (
	"fmt"
	"math"

	"github.com/tradedocs/tradedocs/internal/fpdf"

	"github.com/tradedocs/tradedocs/fonts"
)

// passMode says what a layout pass does with what it lays out.
type passMode int

const (
	// measuring lays a block out only to learn its height.
	measuring passMode = iota
	// dry lays the whole document out without a PDF, only to collect the
	// characters each face must hold (for a document of the order that is
	// not issued, whose characters are in the subset all the same).
	dry
	// drawing draws into the PDF.
	drawing
)

// style is how a run of text looks.
type style struct {
	size  float64 // points
	bold  bool
	color rgb
}

type rgb struct{ r, g, b int }

var (
	ink     = rgb{25, 25, 25}
	muted   = rgb{55, 55, 55}
	accent  = rgb{22, 52, 96}
	rule    = rgb{130, 130, 130}
	band    = rgb{232, 237, 244}
	lightBg = rgb{246, 247, 249}
)

const ptToMM = 25.4 / 72

// lineHeight is the height of one line of text of the style, in mm.
func (s style) lineHeight() float64 { return s.size * lineSpacing * ptToMM }

// lineSpacing is the height of a line in ems.
const lineSpacing = 1.25

// canvas is what layout draws on: fpdf when drawing, nothing when
// measuring or laying out dry. It measures text itself from the faces'
// advance widths (the same widths the embedded subsets give), so every
// mode lays out identically, and it records the characters drawn.
type canvas struct {
	// wraps remembers wrapped text of several lines: the measuring and
	// drawing of each block, and the PI and CI of an order, wrap the same
	// strings at the same widths.
	wraps map[wrapKey][]string
	// slab holds the lines of one-line texts (see single).
	slab []string
	mode passMode
	pdf  *fpdf.Fpdf
	// adv are the regular and bold faces' advance widths (see advances).
	adv     [2]*advances
	pageW   float64
	pageH   float64
	pages   int
	used    *[2]runeSet // runes drawn, regular and bold; nil: not recorded
	cur     style
	fontSet bool
	// Current stroke and fill state, so that each is written once per
	// change rather than once per rule (smaller content streams).
	draw, fillCol rgb
	lineW         float64
	stateSet      bool
	onPageStart   func()
	err           error
}

// advances are a face's advance widths of the Basic Multilingual Plane in
// thousandths of the font size, as fonts.Face.Advance gives them, 1000 for
// a character the face lacks (what the layout counts for it): looked up
// for every character measured, read once per face.
type advances [0x10000]int32

// newAdvances reads f's advance widths.
func newAdvances(f *fonts.Face) *advances {
	a := new(advances)
	for r := range a {
		w, ok := f.Advance(rune(r))
		if !ok {
			w = 1000
		}
		a[r] = int32(w)
	}
	return a
}

// of is r's advance width; 1000 beyond the BMP, which no face covers.
func (a *advances) of(r rune) int {
	if r >= 0 && r < 0x10000 {
		return int(a[r])
	}
	return 1000
}

// width is the width of s in the style, in mm.
func (c *canvas) width(s string, st style) float64 {
	a := c.adv[boolIndex(st.bold)]
	total := 0
	for _, r := range s {
		total += a.of(r)
	}
	return float64(total) * st.size / 1000 * ptToMM
}

// wrap breaks s into lines of at most width mm in the style. The lines
// are shared: not to be changed.
func (c *canvas) wrap(s string, width float64, st style) []string {
	a := c.adv[boolIndex(st.bold)]
	k := st.size / 1000 * ptToMM
	runeWidth := func(r rune) float64 { return float64(a.of(r)) * k }
	// Most texts fit on one line: measuring one again costs less than
	// keeping it.
	if line, ok := oneLine(s, width, runeWidth); ok {
		if line == "" {
			return nil
		}
		return c.single(line)
	}
	key := wrapKey{s, math.Float64bits(width), math.Float64bits(st.size), st.bold}
	if lines, ok := c.wraps[key]; ok {
		return lines
	}
	lines := breakLines(s, width, runeWidth)
	if c.wraps != nil {
		c.wraps[key] = lines
	}
	return lines
}

// single is the lines of a text of one line, s: a slice of one cut from
// a slab of such lines, so that each costs no allocation of its own (no
// two share an element, and none can grow into another's).
func (c *canvas) single(s string) []string {
	if len(c.slab) == cap(c.slab) {
		c.slab = make([]string, 0, 256)
	}
	c.slab = append(c.slab, s)
	n := len(c.slab)
	return c.slab[n-1 : n : n]
}

// wrapKey is what a wrapped text depends on: the text, the width and the
// font.
type wrapKey struct {
	s string
	// width and size are float64 bits: hashed as integers, which is
	// quicker, and the same for the same width and size.
	width, size uint64
	bold        bool
}

// text draws s with its top-left corner at (x, top).
func (c *canvas) text(x, top float64, s string, st style) {
	if s == "" {
		return
	}
	if st.size < minSize {
		c.fail("pdf: text %q set at %.1f pt, under the %.0f pt floor", s, st.size, minSize)
	}
	if c.mode == measuring {
		return
	}
	if c.used != nil {
		c.used[boolIndex(st.bold)].addString(s)
	}
	if c.mode == dry {
		return
	}
	c.setStyle(st)
	// Centre the ideographic em box (0.88 above the baseline, 0.12 below)
	// in the line: baseline = top + (lineSpacing − 1)/2 + 0.88 em.
	c.pdf.Text(x, top+((lineSpacing-1)/2+0.88)*st.size*ptToMM, s)
}

// textRight draws s ending at x.
func (c *canvas) textRight(x, top float64, s string, st style) {
	if c.mode == measuring { // where it goes does not matter
		c.text(x, top, s, st)
		return
	}
	c.text(x-c.width(s, st), top, s, st)
}

// textCenter draws s centred on x.
func (c *canvas) textCenter(x, top float64, s string, st style) {
	if c.mode == measuring {
		c.text(x, top, s, st)
		return
	}
	c.text(x-c.width(s, st)/2, top, s, st)
}

func (c *canvas) setStyle(st style) {
	if !c.fontSet || st.bold != c.cur.bold || st.size != c.cur.size {
		b := ""
		if st.bold {
			b = "B"
		}
		c.pdf.SetFont(fontFamily, b, st.size)
	}
	if !c.fontSet || st.color != c.cur.color {
		c.pdf.SetTextColor(st.color.r, st.color.g, st.color.b)
	}
	c.cur, c.fontSet = st, true
}

// line draws a thin rule.
func (c *canvas) line(x1, y1, x2, y2 float64, col rgb, w float64) {
	if c.mode != drawing {
		return
	}
	c.stroke(col, w)
	c.pdf.Line(x1, y1, x2, y2)
}

// fill paints a rectangle.
func (c *canvas) fill(x, y, w, h float64, col rgb) {
	if c.mode != drawing {
		return
	}
	if !c.stateSet || c.fillCol != col {
		c.pdf.SetFillColor(col.r, col.g, col.b)
		c.fillCol = col
	}
	c.pdf.Rect(x, y, w, h, "F")
}

// box strokes a rectangle.
func (c *canvas) box(x, y, w, h float64, col rgb, lw float64) {
	if c.mode != drawing {
		return
	}
	c.stroke(col, lw)
	c.pdf.Rect(x, y, w, h, "D")
}

// stroke sets the colour and width of rules, when they change.
func (c *canvas) stroke(col rgb, w float64) {
	if !c.stateSet || c.draw != col || c.lineW != w {
		c.pdf.SetDrawColor(col.r, col.g, col.b)
		c.pdf.SetLineWidth(w)
		c.draw, c.lineW = col, w
	}
	c.stateSet = true
}

// image draws a registered PNG.
func (c *canvas) image(name string, x, y, w, h float64) {
	if c.mode != drawing {
		return
	}
	c.pdf.ImageOptions(name, x, y, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
}

// addPage starts a page.
func (c *canvas) addPage() {
	c.pages++
	if c.mode == drawing {
		c.pdf.AddPage()
		c.fontSet, c.stateSet = false, false
	}
	if c.onPageStart != nil {
		c.onPageStart()
	}
}

// measure runs draw in measuring mode and returns what it returns.
func (c *canvas) measure(draw func(y float64) float64) float64 {
	saved := c.mode
	c.mode = measuring
	h := draw(0)
	c.mode = saved
	return h
}

// toPage makes page p, drawn earlier, the page drawn on again: footers are
// added once the page count is known. fpdf writes every state change it
// is asked for, and the canvas forgets what it has set, so what is drawn
// next does not rely on the state the page's own content left behind.
// fpdf compares the text colour with the fill colour it believes current
// (see Fpdf.SetTextColor), so the fill colour is written again as well.
func (c *canvas) toPage(p int) {
	if c.mode != drawing {
		return
	}
	c.pdf.SetPage(p)
	c.pdf.SetFillColor(c.pdf.GetFillColor())
	c.fontSet, c.stateSet = false, false
}

// boolIndex is 1 for true: the bold face's slot.
func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// firstPass is where a block that sizes its cells before drawing them
// starts: pass 0 only measures, so that backgrounds and rules can be drawn
// at the block's full height in pass 1. When nothing is drawn, pass 1 alone
// gives the same height (and collects the same characters).
func (c *canvas) firstPass() int {
	if c.mode == drawing {
		return 0
	}
	return 1
}

func (c *canvas) fail(format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf(format, args...)
	}
}
