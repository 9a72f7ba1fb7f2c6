package memo

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// LinePattern is one line of SWIFT field 70 (T-2, T-3): 1 to 35 characters
// of the X character set.
var LinePattern = regexp.MustCompile(`^[A-Za-z0-9/\-?:().,'+ ]{1,35}$`)

// MaxLines and MaxLineLen are field 70's limits: 4 lines of 35 characters
// (T-2). MaxUstrd is the length of ISO 20022 unstructured remittance
// information (T-5).
const (
	MaxLines   = 4
	MaxLineLen = 35
	MaxUstrd   = 140
)

// inX reports whether r is in the SWIFT X character set (T-3):
// A-Z a-z 0-9 / - ? : ( ) . , ' + and space.
func inX(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("/-?:().,'+ ", r)
}

// substitutes are the characters outside the X set that Normalize writes
// differently (T-3). The first three are the rule's own; the rest keep the
// meaning of what people type in names and order numbers.
var substitutes = map[rune]string{
	'&':  " AND ",
	'%':  "PCT",
	'#':  "NO.",
	'№':  "NO.",
	'@':  " AT ",
	'"':  "'",
	'`':  "'",
	'´':  "'",
	'‘':  "'",
	'’':  "'",
	'‚':  "'",
	'‛':  "'",
	'“':  "'",
	'”':  "'",
	'„':  "'",
	';':  ",",
	'!':  ".",
	'[':  "(",
	']':  ")",
	'{':  "(",
	'}':  ")",
	'\\': "/",
	'|':  "/",
	'_':  " ",
	'*':  " ",
	'=':  " ",
	'<':  " ",
	'>':  " ",
	'~':  " ",
	'^':  " ",
	'$':  " ",
	'·':  " ",
	'•':  " ",
	'‐':  "-",
	'‑':  "-",
	'‒':  "-",
	'–':  "-",
	'—':  "-",
	'―':  "-",
	'−':  "-",
	'…':  "...",
	'、':  ",",
	'。':  ".",
	'「':  "'",
	'」':  "'",
	'【':  "(",
	'】':  ")",
	'《':  "(",
	'》':  ")",
	// Latin letters that do not decompose into a base letter and a mark.
	'ß': "ss", 'ẞ': "SS", 'Æ': "AE", 'æ': "ae", 'Œ': "OE", 'œ': "oe",
	'Ø': "O", 'ø': "o", 'Ł': "L", 'ł': "l", 'Đ': "D", 'đ': "d",
	'Ð': "D", 'ð': "d", 'Þ': "TH", 'þ': "th", 'ı': "i",
}

// glue joins the words of a field that the memo must never split across
// lines (the order number, the stage). It is a private-use character, so no
// user text holds it legitimately; Normalize rejects it.
const glue = '\uE000'

// stripMarks decomposes a character (NFD) and drops the combining marks, so
// that é becomes e and Ü becomes U.
var stripMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)))

// fold maps s into the X set: full-width forms to ASCII (width folding),
// accents stripped, substitutes applied, every kind of space and line break
// to one space, leading and trailing spaces trimmed. It returns the
// characters of s that have no representation, each once, in order; they
// are left in the result. keepGlue lets the glue character through.
func fold(s string, keepGlue bool) (string, []rune) {
	s = symbolWords(s)
	var b strings.Builder
	var bad []rune
	for _, orig := range s {
		if orig == glue && keepGlue {
			b.WriteRune(glue)
			continue
		}
		r := orig
		if r >= 0x80 {
			// width.Fold maps ＡＢＣ１２３（） to ABC123() and the
			// ideographic space to a space.
			f, _, _ := transform.String(width.Fold, string(r))
			f, _, _ = transform.String(stripMarks, f)
			if f == "" { // a lone combining mark, already stripped
				continue
			}
			ok := true
			var mapped strings.Builder
			for _, c := range f {
				m, good := foldRune(c)
				if !good {
					ok = false
					break
				}
				mapped.WriteString(m)
			}
			if !ok {
				if !containsRune(bad, orig) {
					bad = append(bad, orig)
				}
				b.WriteRune(orig)
				continue
			}
			b.WriteString(mapped.String())
			continue
		}
		m, good := foldRune(r)
		if !good {
			if !containsRune(bad, orig) {
				bad = append(bad, orig)
			}
			b.WriteRune(orig)
			continue
		}
		b.WriteString(m)
	}
	return strings.Join(strings.FieldsFunc(b.String(), func(r rune) bool { return r == ' ' }), " "), bad
}

// foldRune maps one decomposed, width-folded character into the X set.
func foldRune(r rune) (string, bool) {
	if inX(r) {
		return string(r), true
	}
	if s, ok := substitutes[r]; ok {
		return s, true
	}
	if unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) {
		return " ", true
	}
	if unicode.Is(unicode.Cf, r) { // zero-width spaces, joiners, BOM
		return "", true
	}
	return "", false
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// describe names characters for an error message, saying so when they are
// Chinese, which is the usual case: `"深" (U+6DF1), "圳" (U+5733)`.
func describe(rs []rune) string {
	const most = 5
	parts := make([]string, 0, most+1)
	for i, r := range rs {
		if i == most {
			parts = append(parts, fmt.Sprintf("and %d more", len(rs)-most))
			break
		}
		parts = append(parts, fmt.Sprintf("%q (U+%04X)", r, r))
	}
	return strings.Join(parts, ", ")
}

func hasHan(rs []rune) bool {
	for _, r := range rs {
		if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo) {
			return true
		}
	}
	return false
}

// Normalize folds text into the SWIFT X character set (T-3), the only
// characters a wire memo, a beneficiary name or a bank name can carry:
//
//   - full-width forms become ASCII (ＡＢＣ１２３（） → ABC123()), by
//     golang.org/x/text/width folding;
//   - accents are stripped (Café Müller → Cafe Muller) by decomposing (NFD)
//     and dropping the combining marks; ß → ss, æ → ae, ø → o, ł → l;
//   - & → AND (with spaces; "and" inside a name in small letters, see
//     symbolWords), % → PCT, # and № → NO. (T-3's substitutions);
//   - other characters outside the set: @ → AT (or "at"), " and curly quotes → ',
//     ; → ",", ! → ".", [ { → (, ] } → ), \ | → /, dashes → -, … → ...,
//     the Chinese 、。 → , and .; _ * = < > ~ ^ $ · and every kind of space
//     or line break → a space;
//   - runs of spaces become one and the ends are trimmed.
//
// Case is kept. What still cannot be represented (Chinese, Cyrillic, emoji,
// €) is an error naming the characters, never a silent drop; for Chinese the
// error says so.
func Normalize(s string) (string, error) {
	out, bad := fold(s, false)
	if len(bad) > 0 {
		if hasHan(bad) {
			return "", fmt.Errorf("%w: %q has Chinese (or other CJK) characters %s, which SWIFT cannot carry", ErrNotSWIFT, s, describe(bad))
		}
		return "", fmt.Errorf("%w: %q has %s, outside the SWIFT character set A-Z a-z 0-9 / - ? : ( ) . , ' + space", ErrNotSWIFT, s, describe(bad))
	}
	return out, nil
}

// symbolWords writes & and @ as the words "and" and "at" in the case of
// the name around them (T-3): "Plastic & Hardware" → "Plastic and
// Hardware", "ABC & XYZ LTD" → "ABC AND XYZ LTD". A neighbouring word in
// capitals (two letters or more) makes the word upper-case; otherwise a
// neighbour with small letters makes it lower-case; with neither ("R&D")
// it is upper-case, as T-3 writes it.
func symbolWords(s string) string {
	if !strings.ContainsAny(s, "&@＆＠") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		var word string
		switch r {
		case '&', '＆':
			word = "and"
		case '@', '＠':
			word = "at"
		default:
			b.WriteRune(r)
			continue
		}
		upper, lower := false, false
		for _, w := range []string{neighbourWord(rs, i, -1), neighbourWord(rs, i, 1)} {
			switch {
			case len(w) >= 2 && strings.ToUpper(w) == w:
				upper = true
			case strings.ToUpper(w) != w:
				lower = true
			}
		}
		if upper || !lower {
			word = strings.ToUpper(word)
		}
		b.WriteString(" " + word + " ")
	}
	return b.String()
}

// neighbourWord is the run of letters nearest to rs[i] in direction dir
// (−1 before, +1 after), skipping spaces and punctuation.
func neighbourWord(rs []rune, i, dir int) string {
	j := i + dir
	for j >= 0 && j < len(rs) && !unicode.IsLetter(rs[j]) {
		j += dir
	}
	var w []rune
	for j >= 0 && j < len(rs) && unicode.IsLetter(rs[j]) {
		w = append(w, rs[j])
		j += dir
	}
	if dir < 0 {
		for a, z := 0, len(w)-1; a < z; a, z = a+1, z-1 {
			w[a], w[z] = w[z], w[a]
		}
	}
	return string(w)
}
