package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrUnsupportedFont is wrapped by every error Parse returns for a file that
// is not a single TrueType font with glyf outlines: a TTC collection, a
// CFF-flavoured OpenType font, or bytes that are not a font at all. fpdf's
// AddUTF8FontFromBytes embeds only TrueType glyf outlines; given a TTC or a
// CFF-based .otf (Debian's fonts-noto-cjk) it fails late, at SetFont
// ("undefined font"), so such files are refused here first.
var ErrUnsupportedFont = errors.New("fpdf needs TrueType glyf outlines")

// ErrMalformedFont is wrapped by errors for a font whose tables contradict
// each other or run past the end of the file.
var ErrMalformedFont = errors.New("malformed TrueType font")

// ErrEmbeddingForbidden is wrapped by Parse's error for a font whose licence
// (the OS/2 table's fsType) forbids embedding it in documents, or allows
// only bitmaps or no subsetting: such a font cannot go into an invoice PDF
// (fpdf would only print "copyright restrictions" and go on).
var ErrEmbeddingForbidden = errors.New("the font's licence forbids embedding it in a PDF")

// Face is a TrueType typeface that invoices are drawn with, parsed once and
// then cut, per document, into a subset holding only the glyphs that
// document uses: the PDF then embeds a few kilobytes instead of ~10 MB, and
// fpdf parses the subset in well under a millisecond instead of ~14 ms.
//
// A Face is immutable after Parse: Covers, Advance and Subset are safe for
// concurrent use by the goroutines that render documents in parallel.
type Face struct {
	name string

	// Tables, as slices of the caller's bytes (never copied).
	head, hhea, maxp, os2, name_, post, hmtx, loca, glyf []byte
	// Hinting tables fpdf copies into its own subset when present.
	cvt, fpgm, prep, gasp []byte

	numGlyphs   int
	numHMetrics int
	longLoca    bool
	unitsPerEm  int

	// bmp maps each Basic Multilingual Plane code point to its glyph
	// (0: not covered). 128 KB, filled once by Parse so that Covers is a
	// single array read.
	bmp *[0x10000]uint16
}

// Parse reads a TrueType font whose outlines are in a glyf table; name is
// how PDFs will call it. It indexes the font's tables and its Unicode cmap
// but does not copy glyph data: ttf must not be modified afterwards.
//
// TTC collections and CFF-based OpenType fonts are rejected with an error
// wrapping ErrUnsupportedFont; fonts that may not be embedded with one
// wrapping ErrEmbeddingForbidden; broken files with one wrapping
// ErrMalformedFont. Parse never panics on hostile input.
func Parse(name string, ttf []byte) (*Face, error) {
	if len(ttf) < 12 {
		return nil, fmt.Errorf("font %s: %d bytes is too short for a font: %w", name, len(ttf), ErrUnsupportedFont)
	}
	switch tag := string(ttf[:4]); tag {
	case "\x00\x01\x00\x00", "true":
	case "ttcf":
		return nil, fmt.Errorf("font %s is a TrueType collection (TTC); extract one font from it: %w", name, ErrUnsupportedFont)
	case "OTTO":
		return nil, fmt.Errorf("font %s has CFF (PostScript) outlines; use a TrueType build of it: %w", name, ErrUnsupportedFont)
	default:
		return nil, fmt.Errorf("font %s is not a TrueType font (starts with %q): %w", name, tag, ErrUnsupportedFont)
	}
	f := &Face{name: name}
	numTables := int(u16(ttf, 4))
	if 12+16*numTables > len(ttf) {
		return nil, fmt.Errorf("font %s: table directory of %d tables runs past the end of the file: %w", name, numTables, ErrMalformedFont)
	}
	tables := map[string]*[]byte{
		"head": &f.head, "hhea": &f.hhea, "maxp": &f.maxp, "OS/2": &f.os2,
		"name": &f.name_, "post": &f.post, "hmtx": &f.hmtx, "loca": &f.loca,
		"glyf": &f.glyf, "cvt ": &f.cvt, "fpgm": &f.fpgm, "prep": &f.prep,
		"gasp": &f.gasp, "cmap": nil, "CFF ": nil, "CFF2": nil,
	}
	var cmap []byte
	var hasCFF bool
	for i := range numTables {
		rec := ttf[12+16*i:]
		tag := string(rec[:4])
		off, length := uint64(u32(rec, 8)), uint64(u32(rec, 12))
		if off+length > uint64(len(ttf)) {
			return nil, fmt.Errorf("font %s: table %q runs past the end of the file: %w", name, tag, ErrMalformedFont)
		}
		data := ttf[off : off+length : off+length]
		switch dst, known := tables[tag]; {
		case !known:
		case tag == "cmap":
			cmap = data
		case tag == "CFF " || tag == "CFF2":
			hasCFF = true
		case *dst == nil:
			*dst = data
		}
	}
	if f.glyf == nil || f.loca == nil {
		if hasCFF {
			return nil, fmt.Errorf("font %s has CFF (PostScript) outlines; use a TrueType build of it: %w", name, ErrUnsupportedFont)
		}
		return nil, fmt.Errorf("font %s has no glyf/loca tables: %w", name, ErrUnsupportedFont)
	}
	for _, t := range []struct {
		tag  string
		data []byte
		min  int
	}{{"head", f.head, 54}, {"hhea", f.hhea, 36}, {"maxp", f.maxp, 6}, {"post", f.post, 16}, {"name", f.name_, 6}, {"cmap", cmap, 4}} {
		if len(t.data) < t.min {
			return nil, fmt.Errorf("font %s: table %q is missing or shorter than %d bytes: %w", name, t.tag, t.min, ErrMalformedFont)
		}
	}
	if fsType := u16(f.os2, 8); len(f.os2) >= 10 && (fsType == 0x0002 || fsType&0x0300 != 0) {
		return nil, fmt.Errorf("font %s (OS/2 fsType %#04x): %w", name, fsType, ErrEmbeddingForbidden)
	}
	if err := checkName(f.name_); err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	f.name_ = compactName(f.name_)
	if u32(f.head, 12) != 0x5F0F3CF5 {
		return nil, fmt.Errorf("font %s: head table has a bad magic number: %w", name, ErrMalformedFont)
	}
	f.unitsPerEm = int(u16(f.head, 18))
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return nil, fmt.Errorf("font %s: unitsPerEm %d is out of range: %w", name, f.unitsPerEm, ErrMalformedFont)
	}
	switch u16(f.head, 50) {
	case 0:
	case 1:
		f.longLoca = true
	default:
		return nil, fmt.Errorf("font %s: unknown indexToLocFormat %d: %w", name, u16(f.head, 50), ErrMalformedFont)
	}
	if u16(f.head, 52) != 0 {
		return nil, fmt.Errorf("font %s: unknown glyphDataFormat %d: %w", name, u16(f.head, 52), ErrMalformedFont)
	}
	if u16(f.hhea, 32) != 0 {
		return nil, fmt.Errorf("font %s: unknown metricDataFormat %d: %w", name, u16(f.hhea, 32), ErrMalformedFont)
	}
	f.numGlyphs = int(u16(f.maxp, 4))
	f.numHMetrics = int(u16(f.hhea, 34))
	if f.numGlyphs == 0 || f.numHMetrics == 0 || f.numHMetrics > f.numGlyphs {
		return nil, fmt.Errorf("font %s: %d glyphs with %d horizontal metrics: %w", name, f.numGlyphs, f.numHMetrics, ErrMalformedFont)
	}
	if len(f.hmtx) < 4*f.numHMetrics+2*(f.numGlyphs-f.numHMetrics) {
		return nil, fmt.Errorf("font %s: hmtx table is too short for %d glyphs: %w", name, f.numGlyphs, ErrMalformedFont)
	}
	locaEntry := 2
	if f.longLoca {
		locaEntry = 4
	}
	if len(f.loca) < locaEntry*(f.numGlyphs+1) {
		return nil, fmt.Errorf("font %s: loca table is too short for %d glyphs: %w", name, f.numGlyphs, ErrMalformedFont)
	}
	if err := f.parseCmap(cmap); err != nil {
		return nil, err
	}
	return f, nil
}

// checkName checks that every string of the name table lies inside it:
// the subset carries its notices and names (see compactName) and fpdf
// reads it without bounds checks.
func checkName(name []byte) error {
	count, strings := int(u16(name, 2)), int(u16(name, 4))
	if 6+12*count > len(name) {
		return fmt.Errorf("name table lists %d names but is only %d bytes: %w", count, len(name), ErrMalformedFont)
	}
	for i := range count {
		rec := name[6+12*i:]
		if strings+int(u16(rec, 10))+int(u16(rec, 8)) > len(name) {
			return fmt.Errorf("name record %d runs past the name table: %w", i, ErrMalformedFont)
		}
	}
	return nil
}

// keptNames are the name IDs a subset keeps: copyright (0), the family,
// style, unique, full and PostScript names and version (1–6), which fpdf
// reads, and the licence and its URL (13, 14). Trademark, designer,
// description, URLs and variation names are left out: about 1 KB that
// every PDF would otherwise carry twice.
var keptNames = map[uint16]bool{0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 13: true, 14: true}

// compactName is the name table (format 0, checked by checkName) with only
// the keptNames records, in their order.
func compactName(name []byte) []byte {
	count, storage := int(u16(name, 2)), int(u16(name, 4))
	var recs, strs []byte
	n := 0
	for i := range count {
		rec := name[6+12*i : 6+12*i+12]
		if !keptNames[u16(rec, 6)] {
			continue
		}
		length, offset := int(u16(rec, 8)), int(u16(rec, 10))
		out := slices.Clone(rec)
		binary.BigEndian.PutUint16(out[10:], uint16(len(strs)))
		strs = append(strs, name[storage+offset:storage+offset+length]...)
		recs = append(recs, out...)
		n++
	}
	if 6+len(recs)+len(strs) > 0xFFFF {
		return name // offsets would not fit; keep the table as it is
	}
	head := make([]byte, 6, 6+len(recs)+len(strs))
	binary.BigEndian.PutUint16(head[2:], uint16(n))
	binary.BigEndian.PutUint16(head[4:], uint16(6+len(recs)))
	return append(append(head, recs...), strs...)
}

// parseCmap fills f.bmp from the font's best Unicode cmap subtable: format
// 12 (full Unicode) when present, else format 4 (BMP).
func (f *Face) parseCmap(cmap []byte) error {
	n := int(u16(cmap, 2))
	if 4+8*n > len(cmap) {
		return fmt.Errorf("font %s: cmap encoding records run past the table: %w", f.name, ErrMalformedFont)
	}
	var fmt4, fmt12 []byte
	for i := range n {
		platform, encoding := u16(cmap, 4+8*i), u16(cmap, 6+8*i)
		off := int(u32(cmap, 8+8*i))
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		if !unicode || off < 0 || off+4 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		switch u16(sub, 0) {
		case 4:
			if fmt4 == nil {
				fmt4 = sub
			}
		case 12:
			if fmt12 == nil {
				fmt12 = sub
			}
		}
	}
	f.bmp = new([0x10000]uint16)
	switch {
	case fmt12 != nil:
		return f.parseCmap12(fmt12)
	case fmt4 != nil:
		return f.parseCmap4(fmt4)
	}
	return fmt.Errorf("font %s has no Unicode cmap (format 4 or 12): %w", f.name, ErrUnsupportedFont)
}

func (f *Face) parseCmap4(sub []byte) error {
	if len(sub) < 14 {
		return fmt.Errorf("font %s: cmap format 4 header is truncated: %w", f.name, ErrMalformedFont)
	}
	segs := int(u16(sub, 6)) / 2
	ends, starts, deltas, rangeOffs := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if rangeOffs+2*segs > len(sub) {
		return fmt.Errorf("font %s: cmap format 4 has %d segments but is only %d bytes: %w", f.name, segs, len(sub), ErrMalformedFont)
	}
	next := 0 // first code point not yet mapped: keeps hostile overlapping segments linear
	for i := range segs {
		start, end := max(int(u16(sub, starts+2*i)), next), int(u16(sub, ends+2*i))
		delta, ro := int(u16(sub, deltas+2*i)), int(u16(sub, rangeOffs+2*i))
		for c := start; c <= end && c < 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if p := rangeOffs + 2*i + ro + 2*(c-int(u16(sub, starts+2*i))); p+2 <= len(sub) {
				if g = int(u16(sub, p)); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			f.set(rune(c), g)
		}
		next = max(next, end+1)
	}
	return nil
}

func (f *Face) parseCmap12(sub []byte) error {
	if len(sub) < 16 {
		return fmt.Errorf("font %s: cmap format 12 header is truncated: %w", f.name, ErrMalformedFont)
	}
	groups := uint64(u32(sub, 12))
	if 16+12*groups > uint64(len(sub)) {
		return fmt.Errorf("font %s: cmap format 12 has %d groups but is only %d bytes: %w", f.name, groups, len(sub), ErrMalformedFont)
	}
	next := uint64(0)
	for i := range int(groups) {
		g := sub[16+12*i:]
		start, end, glyph := max(uint64(u32(g, 0)), next), uint64(u32(g, 4)), uint64(u32(g, 8))
		for c := start; c <= end && c < 0xFFFF; c++ {
			f.set(rune(c), int(glyph+c-uint64(u32(g, 0))))
		}
		next = max(next, end+1)
	}
	return nil
}

// set records that code point c is drawn with glyph g, ignoring glyph
// numbers the font does not have.
func (f *Face) set(c rune, g int) {
	if g > 0 && g < f.numGlyphs {
		f.bmp[c] = uint16(g)
	}
}

// Name is the face's name as it appears in PDFs.
func (f *Face) Name() string { return f.name }

// NumGlyphs is how many glyphs the font holds (including .notdef): ~30,900
// for the bundled faces, a few hundred for a document's subset.
func (f *Face) NumGlyphs() int { return f.numGlyphs }

// Covers reports whether the face has a real (non-.notdef) glyph for r.
// A rune the face does not cover would print blank in the PDF yet still
// extract as text, so a reviewer would not notice: callers
// report such text as a problem instead of drawing it.
//
// Runes above U+FFFF are never covered: fpdf cannot draw them (its Output
// panics), whatever the font holds.
func (f *Face) Covers(r rune) bool {
	return r >= 0 && r < 0xFFFF && f.bmp[r] != 0
}

// Advance is the advance width of r in thousandths of the font size, rounded
// exactly as fpdf rounds it, so that the sum over a string times size/1000
// equals fpdf's GetStringWidth (for runes the embedded subset holds).
// ok is false when the face does not cover r.
func (f *Face) Advance(r rune) (thousandths int, ok bool) {
	if !f.Covers(r) {
		return 0, false
	}
	adv, _ := f.metrics(int(f.bmp[r]))
	if adv >= 1<<15 { // as fpdf's parseHMTXTable
		adv = 0
	}
	return int(math.Round(1000 * float64(adv) / float64(f.unitsPerEm))), true
}

// metrics is glyph g's advance width and left side bearing in font units.
func (f *Face) metrics(g int) (advance, lsb uint16) {
	if g < f.numHMetrics {
		return u16(f.hmtx, 4*g), u16(f.hmtx, 4*g+2)
	}
	return u16(f.hmtx, 4*(f.numHMetrics-1)), u16(f.hmtx, 4*f.numHMetrics+2*(g-f.numHMetrics))
}

// glyph is glyph g's outline data (possibly empty, as for the space).
func (f *Face) glyph(g int) ([]byte, error) {
	var start, end uint64
	if f.longLoca {
		start, end = uint64(u32(f.loca, 4*g)), uint64(u32(f.loca, 4*g+4))
	} else {
		start, end = 2*uint64(u16(f.loca, 2*g)), 2*uint64(u16(f.loca, 2*g+2))
	}
	if start > end || end > uint64(len(f.glyf)) {
		return nil, fmt.Errorf("font %s: glyph %d lies outside the glyf table: %w", f.name, g, ErrMalformedFont)
	}
	return f.glyf[start:end:end], nil
}

// Composite glyph component flags (OpenType glyf table).
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	compositeHeader = 10
)

// components calls fn with the byte offset of each component's glyph index
// in composite glyph data; simple and empty glyphs have none.
func components(data []byte, fn func(at int) error) error {
	if len(data) < compositeHeader || int16(u16(data, 0)) >= 0 {
		return nil
	}
	for at := compositeHeader; ; {
		if at+4 > len(data) {
			return fmt.Errorf("composite glyph is truncated: %w", ErrMalformedFont)
		}
		flags := u16(data, at)
		if err := fn(at + 2); err != nil {
			return err
		}
		at += 4 + 2
		if flags&argsAreWords != 0 {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// Subset returns a small, valid TrueType font holding .notdef, the space
// and the glyphs for runes (with the components of composite glyphs), for
// fpdf's AddUTF8FontFromBytes. Runes the face does not cover (see Covers)
// are skipped; order and duplicates in runes do not matter: the same set
// always gives byte-identical output, so PDFs are reproducible.
//
// Advance widths, side bearings and outlines are copied unchanged, so text
// measures and looks exactly as with the full font. The subset keeps head,
// hhea, maxp, OS/2, name, post (format 3), cmap (one format 4 subtable),
// hmtx, loca, glyf and any hinting tables (cvt, fpgm, prep, gasp); layout
// tables (GSUB, GPOS …) and vertical metrics are dropped, as fpdf does not
// use them.
//
// Every rune the document draws must be in runes, including digits that
// AliasNbPages substitutes for "{nb}": fpdf measures and draws a rune the
// subset lacks as .notdef.
func (f *Face) Subset(runes []rune) ([]byte, error) {
	s, err := f.SubsetMap(runes)
	if err != nil {
		return nil, err
	}
	return s.TTF, nil
}

// CutFont is a subset of a face (see Face.Subset) with what its cutter
// knows about it, so that a PDF writer need not read the file again: the
// characters its cmap maps, each one's glyph in the subset and that
// glyph's advance width.
type CutFont struct {
	// TTF is the subset, a TrueType font file.
	TTF []byte
	// Runes are the characters the subset's cmap maps, in code point
	// order: the covered runes asked for, and the space.
	Runes []rune
	// Glyphs[i] is the glyph Runes[i] is drawn with in TTF.
	Glyphs []uint16
	// Advances[i] is that glyph's advance width in font units (hmtx), as
	// in the full face.
	Advances []uint16
}

// SubsetMap is Subset with the subset's character map and advance widths
// (see CutFont); TTF is the same bytes Subset returns.
func (f *Face) SubsetMap(runes []rune) (*CutFont, error) {
	rs := make([]rune, 0, len(runes)+1)
	if f.Covers(' ') {
		rs = append(rs, ' ')
	}
	for _, r := range runes {
		if f.Covers(r) {
			rs = append(rs, r)
		}
	}
	slices.Sort(rs)
	rs = slices.Compact(rs)

	// New glyph numbers: .notdef, then the runes' glyphs in code point
	// order (so that runs of code points become single cmap segments),
	// then components of composite glyphs.
	order := make([]int, 1, len(rs)+1)
	newID := make(map[int]int, len(rs)+1)
	newID[0] = 0
	runeGlyph := make([]int, len(rs))
	for i, r := range rs {
		old := int(f.bmp[r])
		id, seen := newID[old]
		if !seen {
			id = len(order)
			newID[old] = id
			order = append(order, old)
		}
		runeGlyph[i] = id
	}
	glyphs := make([][]byte, 0, len(order))
	glyfSize := 0
	for i := 0; i < len(order); i++ {
		data, err := f.glyph(order[i])
		if err != nil {
			return nil, err
		}
		err = components(data, func(at int) error {
			c := int(u16(data, at))
			if c >= f.numGlyphs {
				return fmt.Errorf("font %s: glyph %d uses missing glyph %d: %w", f.name, order[i], c, ErrMalformedFont)
			}
			if _, seen := newID[c]; !seen {
				newID[c] = len(order)
				order = append(order, c)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("font %s: glyph %d: %w", f.name, order[i], err)
		}
		glyphs = append(glyphs, data)
		glyfSize += pad4(len(data))
	}
	n := len(order)
	if n > 0xFFFF {
		return nil, fmt.Errorf("font %s: subset of %d glyphs is too large: %w", f.name, n, ErrMalformedFont)
	}

	cmap, err := subsetCmap(rs, runeGlyph)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", f.name, err)
	}

	longLoca := glyfSize > 0x1FFFE
	locaEntry := 2
	if longLoca {
		locaEntry = 4
	}
	// The glyf table is written straight into the font file (see assemble).
	glyf := table{tag: "glyf", size: glyfSize, fill: func(glyf []byte) {
		at := 0
		for _, data := range glyphs {
			copy(glyf[at:], data)
			// Components were checked above; renumber them in the copy.
			_ = components(glyf[at:at+len(data)], func(c int) error {
				binary.BigEndian.PutUint16(glyf[at+c:], uint16(newID[int(u16(data, c))]))
				return nil
			})
			at += pad4(len(data))
		}
	}}
	loca := make([]byte, locaEntry*(n+1))
	hmtx := make([]byte, 4*n)
	at := 0
	for i, data := range glyphs {
		if longLoca {
			binary.BigEndian.PutUint32(loca[4*i:], uint32(at))
		} else {
			binary.BigEndian.PutUint16(loca[2*i:], uint16(at/2))
		}
		at += pad4(len(data))
		adv, lsb := f.metrics(order[i])
		binary.BigEndian.PutUint16(hmtx[4*i:], adv)
		binary.BigEndian.PutUint16(hmtx[4*i+2:], lsb)
	}
	if longLoca {
		binary.BigEndian.PutUint32(loca[4*n:], uint32(at))
	} else {
		binary.BigEndian.PutUint16(loca[2*n:], uint16(at/2))
	}

	head := slices.Clone(f.head[:54])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], uint16(locaEntry/2-1))
	hhea := slices.Clone(f.hhea)
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.maxp)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	post := make([]byte, 32)
	copy(post, f.post[:min(len(f.post), 32)])
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names
	var os2 []byte
	if fpdfCanReadOS2(f.os2) {
		os2 = slices.Clone(f.os2)
		if len(os2) >= 68 && len(rs) > 0 {
			binary.BigEndian.PutUint16(os2[64:], uint16(rs[0]))
			binary.BigEndian.PutUint16(os2[66:], uint16(rs[len(rs)-1]))
		}
	}

	// Sorted by tag, as the table directory must be.
	out := []table{
		{tag: "OS/2", data: os2}, {tag: "cmap", data: cmap}, {tag: "cvt ", data: f.cvt}, {tag: "fpgm", data: f.fpgm},
		{tag: "gasp", data: f.gasp}, glyf, {tag: "head", data: head}, {tag: "hhea", data: hhea},
		{tag: "hmtx", data: hmtx}, {tag: "loca", data: loca}, {tag: "maxp", data: maxp}, {tag: "name", data: f.name_},
		{tag: "post", data: post}, {tag: "prep", data: f.prep},
	}
	out = slices.DeleteFunc(out, func(t table) bool { return t.data == nil && t.fill == nil })
	cut := &CutFont{TTF: assemble(out), Runes: rs, Glyphs: make([]uint16, len(rs)), Advances: make([]uint16, len(rs))}
	for i, g := range runeGlyph {
		cut.Glyphs[i] = uint16(g)
		cut.Advances[i], _ = f.metrics(order[g])
	}
	return cut, nil
}

// fpdfCanReadOS2 reports whether os2 is long enough for fpdf's
// parseOS2Table, which reads past the end of a short one (and panics);
// without the table fpdf falls back on head and hhea values.
func fpdfCanReadOS2(os2 []byte) bool {
	return len(os2) >= 78 && (u16(os2, 0) <= 1 || len(os2) >= 90)
}

// Runes is the distinct runes of texts in code point order: the character
// set to pass to Subset for a document made of these texts.
func Runes(texts ...string) []rune {
	var rs []rune
	for _, t := range texts {
		for _, r := range t {
			rs = append(rs, r)
		}
	}
	slices.Sort(rs)
	return slices.Compact(rs)
}

// subsetCmap builds a cmap table with one (3,1) format 4 subtable mapping
// rs[i] (sorted, distinct, below U+FFFF) to glyph gs[i]. Each run of
// consecutive code points with consecutive glyphs is one segment using
// idDelta only, a form every reader, fpdf's included, understands.
func subsetCmap(rs []rune, gs []int) ([]byte, error) {
	type segment struct{ start, end, delta int }
	segs := make([]segment, 0, 16)
	for i, r := range rs {
		if k := len(segs) - 1; k >= 0 && int(r) == segs[k].end+1 && gs[i]-int(r) == segs[k].delta {
			segs[k].end++
			continue
		}
		segs = append(segs, segment{int(r), int(r), gs[i] - int(r)})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1}) // required final segment, maps to .notdef
	segCount := len(segs)
	length := 16 + 8*segCount
	if length > 0xFFFF {
		return nil, fmt.Errorf("%d scattered characters do not fit one cmap; render the document in parts", len(rs))
	}
	b := make([]byte, 12+length)
	binary.BigEndian.PutUint16(b[2:], 1)  // one encoding record
	binary.BigEndian.PutUint16(b[4:], 3)  // Windows
	binary.BigEndian.PutUint16(b[6:], 1)  // Unicode BMP
	binary.BigEndian.PutUint32(b[8:], 12) // subtable offset
	s := b[12:]
	searchRange := 2
	entrySelector := 0
	for searchRange*2 <= 2*segCount {
		searchRange *= 2
		entrySelector++
	}
	binary.BigEndian.PutUint16(s[0:], 4)
	binary.BigEndian.PutUint16(s[2:], uint16(length))
	binary.BigEndian.PutUint16(s[6:], uint16(2*segCount))
	binary.BigEndian.PutUint16(s[8:], uint16(searchRange))
	binary.BigEndian.PutUint16(s[10:], uint16(entrySelector))
	binary.BigEndian.PutUint16(s[12:], uint16(2*segCount-searchRange))
	ends, starts, deltas := 14, 16+2*segCount, 16+4*segCount // idRangeOffsets stay 0
	for i, sg := range segs {
		binary.BigEndian.PutUint16(s[ends+2*i:], uint16(sg.end))
		binary.BigEndian.PutUint16(s[starts+2*i:], uint16(sg.start))
		binary.BigEndian.PutUint16(s[deltas+2*i:], uint16(sg.delta))
	}
	return b, nil
}

// table is a table of a font file: its bytes, or its size and a function
// that writes them into the file (so that a big table is not built apart
// and copied).
type table struct {
	tag  string
	data []byte
	size int
	fill func(dst []byte)
}

// len is the table's length in bytes.
func (t table) len() int {
	if t.fill != nil {
		return t.size
	}
	return len(t.data)
}

// assemble writes an sfnt file from tables sorted by tag, with checksums
// and head's checkSumAdjustment.
func assemble(tables []table) []byte {
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += pad4(t.len())
	}
	b := make([]byte, size)
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		entrySelector++
	}
	binary.BigEndian.PutUint32(b[0:], 0x00010000)
	binary.BigEndian.PutUint16(b[4:], uint16(n))
	binary.BigEndian.PutUint16(b[6:], uint16(16*searchRange))
	binary.BigEndian.PutUint16(b[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(b[10:], uint16(16*(n-searchRange)))
	at, headAt := 12+16*n, -1
	var sum uint32 // of the whole file: the tables' checksums and the directory's
	for i, t := range tables {
		rec := b[12+16*i:]
		copy(rec, t.tag)
		if t.fill != nil {
			t.fill(b[at : at+t.size])
		} else {
			copy(b[at:], t.data)
		}
		c := checksum(b[at : at+pad4(t.len())])
		sum += c
		binary.BigEndian.PutUint32(rec[4:], c)
		binary.BigEndian.PutUint32(rec[8:], uint32(at))
		binary.BigEndian.PutUint32(rec[12:], uint32(t.len()))
		if t.tag == "head" {
			headAt = at
		}
		at += pad4(t.len())
	}
	if headAt >= 0 {
		sum += checksum(b[:12+16*n])
		binary.BigEndian.PutUint32(b[headAt+8:], 0xB1B0AFBA-sum)
	}
	return b
}

// checksum is the OpenType table checksum of b (length a multiple of 4).
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	return sum
}

func pad4(n int) int { return (n + 3) &^ 3 }

// u16 and u32 read big-endian numbers, as 0 past the end of b.
func u16(b []byte, at int) uint16 {
	if at < 0 || at+2 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint16(b[at:])
}

func u32(b []byte, at int) uint32 {
	if at < 0 || at+4 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint32(b[at:])
}
