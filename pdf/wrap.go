package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line breaking. fpdf's MultiCell and SplitText drop the Han character at
// each break (measured with fpdf v0.9.0), so bilingual text is wrapped
// here: Latin words break at spaces, Han and kana between any two
// characters, and a word wider than the column between letters, without a
// hyphen (a hyphen would become part of the extracted text). Following the
// Chinese rules of line breaking (禁则), no line starts with closing
// punctuation and no line ends with opening punctuation. Nothing is ever
// dropped but the spaces at a break.

// noLineStart are characters that may not begin a line (行首禁则).
const noLineStart = "，。、）》」』】〕〗〉；：！？”’…—·%,.;:!?)]}>" + "％．，；：！？）］｝"

// noLineEnd are characters that may not end a line (行尾禁则).
const noLineEnd = "（《「『【〔〖〈“‘([{<" + "（［｛"

// asciiIn is the ASCII characters of s as a bit set.
func asciiIn(s string) (set [2]uint64) {
	for _, r := range s {
		if r < 0x80 {
			set[r>>6] |= 1 << (r & 63)
		}
	}
	return set
}

var noLineStartASCII, noLineEndASCII = asciiIn(noLineStart), asciiIn(noLineEnd)

// noStart reports whether r may not begin a line (is in noLineStart).
func noStart(r rune) bool {
	if r >= 0 && r < 0x80 {
		return noLineStartASCII[r>>6]&(1<<(r&63)) != 0
	}
	return strings.ContainsRune(noLineStart, r)
}

// noEnd reports whether r may not end a line (is in noLineEnd).
func noEnd(r rune) bool {
	if r >= 0 && r < 0x80 {
		return noLineEndASCII[r>>6]&(1<<(r&63)) != 0
	}
	return strings.ContainsRune(noLineEnd, r)
}

// breakable reports whether a line may break before r without a space:
// ideographs, kana, Hangul and full-width forms are set one by one.
func breakable(r rune) bool {
	if r < 0x1100 { // below Hangul Jamo, the first of these scripts
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// wrap breaks s into lines no wider than width, measured with widthOf,
// which must be additive (the width of a string is the sum of its
// characters' widths). Hard line breaks in s are kept. An empty s gives no
// lines.
func wrap(s string, width float64, widthOf func(string) float64) []string {
	return wrapRunes(s, width, func(r rune) float64 { return widthOf(string(r)) })
}

// lineBreaks turns every line break a cell may hold (CR LF, CR, vertical
// tab, form feed, NEL, Unicode's line and paragraph separators) into \n:
// a multi-line field's lines are drawn as lines of its box (IN-2).
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\v", "\n", "\f", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n")

// wrapRunes is wrap with each character measured once by runeWidth.
func wrapRunes(s string, width float64, runeWidth func(rune) float64) []string {
	if line, ok := oneLine(s, width, runeWidth); ok {
		if line == "" {
			return nil
		}
		return []string{line}
	}
	return breakLines(s, width, runeWidth)
}

// breakLines is wrapRunes for any text: each paragraph wrapped on its own.
func breakLines(s string, width float64, runeWidth func(rune) float64) []string {
	var out []string
	s = lineBreaks.Replace(s)
	for _, para := range strings.Split(s, "\n") {
		para = strings.TrimRight(strings.ReplaceAll(para, "\t", " "), " ")
		if strings.TrimSpace(para) == "" {
			continue
		}
		out = append(out, wrapParagraph(para, width, runeWidth)...)
	}
	return out
}

// wrapParagraph wraps one paragraph with no hard breaks.
func wrapParagraph(s string, width float64, runeWidth func(rune) float64) []string {
	rs := []rune(s)
	adv := make([]float64, len(rs))
	for i, r := range rs {
		adv[i] = runeWidth(r)
	}
	var lines []string
	for len(rs) > 0 {
		// Longest prefix that fits, at least one rune.
		n := fitRunes(adv, width)
		if n >= len(rs) {
			lines = append(lines, string(rs))
			break
		}
		cut := breakPoint(rs, n)
		line := strings.TrimRight(string(rs[:cut]), " ")
		for cut < len(rs) && rs[cut] == ' ' {
			cut++
		}
		rs, adv = rs[cut:], adv[cut:]
		if line == "" { // only spaces fit: drop them
			continue
		}
		lines = append(lines, line)
	}
	return noOrphan(lines)
}

// noOrphan keeps a Han character from standing alone on a paragraph's
// last line (孤字: 每箱数 / 量 reads as two words): the line above gives
// it its last character, when that leaves the line above two or more and
// breaks no rule of 禁则. The last line then holds two characters, which
// fit where the line above held three.
func noOrphan(lines []string) []string {
	n := len(lines)
	if n < 2 || utf8.RuneCountInString(lines[n-1]) != 1 {
		return lines
	}
	last, _ := utf8.DecodeRuneInString(lines[n-1])
	prev := []rune(lines[n-2])
	k := len(prev)
	if !breakable(last) || k < 3 {
		return lines
	}
	move, before := prev[k-1], prev[k-2]
	if !breakable(move) || !breakable(before) || noStart(move) || noEnd(before) {
		return lines
	}
	lines[n-2], lines[n-1] = string(prev[:k-1]), string(move)+lines[n-1]
	return lines
}

// fitRunes is how many leading characters, of the given widths, fit in
// width (at least 1). A small tolerance absorbs rounding in the sums.
func fitRunes(adv []float64, width float64) int {
	sum := 0.0
	for i, a := range adv {
		sum += a
		if sum > width+1e-9 && i > 0 {
			return i
		}
	}
	return len(adv)
}

// breakPoint chooses where to break rs given that the first n runes fit
// (n < len(rs)): the last allowed break at or before n, preferring a space;
// if no break is allowed, n itself (a word wider than the column).
func breakPoint(rs []rune, n int) int {
	for i := n; i > 0; i-- {
		if allowedBreak(rs, i) {
			return i
		}
	}
	// No allowed break: split inside the word, after a separator such as
	// the dots of an HS code or the dash of a SKU if there is one, still
	// obeying the punctuation rules when possible.
	for i := n; i > n/2; i-- {
		if strings.ContainsRune(".-/_", rs[i-1]) && !noStart(rs[i]) {
			return i
		}
	}
	for i := n; i > 0; i-- {
		if !noStart(rs[i]) && !noEnd(rs[i-1]) {
			return i
		}
	}
	return n
}

// allowedBreak reports whether a line may end before rs[i].
func allowedBreak(rs []rune, i int) bool {
	prev, next := rs[i-1], rs[i]
	if noStart(next) || noEnd(prev) {
		return false
	}
	if next == ' ' || prev == ' ' {
		return true
	}
	return breakable(prev) || breakable(next)
}

// oneLine is wrapRunes for most texts of a document, without its
// allocations: one paragraph (no line break, no tab), valid UTF-8, that
// fits in width, measured as fitRunes measures it, is the one line it
// returns ("" for a blank text: no line). ok is false for any other text,
// which wrapRunes then breaks.
func oneLine(s string, width float64, runeWidth func(rune) float64) (line string, ok bool) {
	s = strings.TrimRight(s, " ")
	sum, i, blank := 0.0, 0, true
	for _, r := range s {
		switch r {
		case '\r', '\n', '\v', '\f', '\t', '\u0085', '\u2028', '\u2029', utf8.RuneError:
			return "", false
		}
		sum += runeWidth(r)
		if sum > width+1e-9 && i > 0 {
			return "", false
		}
		blank = blank && unicode.IsSpace(r)
		i++
	}
	if blank {
		return "", true
	}
	return s, true
}
