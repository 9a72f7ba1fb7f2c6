package pdf

import (
	"strings"
	"unicode"
)

// Line breaking. fpdf's MultiCell and SplitText drop the Han character at
// each break (see /work/shared/pdf-notes.md), so bilingual text is wrapped
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

// breakable reports whether a line may break before r without a space:
// ideographs, kana, Hangul and full-width forms are set one by one.
func breakable(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// wrap breaks s into lines no wider than width, measured with widthOf.
// Hard line breaks in s are kept. An empty s gives no lines.
func wrap(s string, width float64, widthOf func(string) float64) []string {
	var out []string
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	for _, para := range strings.Split(s, "\n") {
		para = strings.TrimRight(strings.ReplaceAll(para, "\t", " "), " ")
		if strings.TrimSpace(para) == "" {
			continue
		}
		out = append(out, wrapParagraph(para, width, widthOf)...)
	}
	return out
}

// wrapParagraph wraps one paragraph with no hard breaks.
func wrapParagraph(s string, width float64, widthOf func(string) float64) []string {
	rs := []rune(s)
	var lines []string
	for len(rs) > 0 {
		// Longest prefix that fits, at least one rune.
		n := fitRunes(rs, width, widthOf)
		if n >= len(rs) {
			lines = append(lines, string(rs))
			break
		}
		cut := breakPoint(rs, n)
		line := strings.TrimRight(string(rs[:cut]), " ")
		rest := rs[cut:]
		for len(rest) > 0 && rest[0] == ' ' {
			rest = rest[1:]
		}
		if line == "" { // only spaces fit: drop them
			rs = rest
			continue
		}
		lines = append(lines, line)
		rs = rest
	}
	return lines
}

// fitRunes is how many leading runes of rs fit in width (at least 1).
func fitRunes(rs []rune, width float64, widthOf func(string) float64) int {
	lo, hi := 1, len(rs)
	if widthOf(string(rs)) <= width {
		return len(rs)
	}
	// Binary search on the prefix length: widths only grow.
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if widthOf(string(rs[:mid])) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
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
		if strings.ContainsRune(".-/_", rs[i-1]) && !strings.ContainsRune(noLineStart, rs[i]) {
			return i
		}
	}
	for i := n; i > 0; i-- {
		if !strings.ContainsRune(noLineStart, rs[i]) && !strings.ContainsRune(noLineEnd, rs[i-1]) {
			return i
		}
	}
	return n
}

// allowedBreak reports whether a line may end before rs[i].
func allowedBreak(rs []rune, i int) bool {
	prev, next := rs[i-1], rs[i]
	if strings.ContainsRune(noLineStart, next) || strings.ContainsRune(noLineEnd, prev) {
		return false
	}
	if next == ' ' || prev == ' ' {
		return true
	}
	return breakable(prev) || breakable(next)
}
