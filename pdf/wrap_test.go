package pdf

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	// Every rune is 1 unit wide, so width is a character count.
	width := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	for _, tc := range []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"English breaks at spaces", "LED desk lamp with USB port", 12, []string{"LED desk", "lamp with", "USB port"}},
		{"Chinese breaks between characters, no character alone on the last line", "带充电口的台灯", 3, []string{"带充电", "口的", "台灯"}},
		{"packing list header of four characters breaks in its middle", "每箱数量", 3, []string{"每箱", "数量"}},
		{"a closing mark does not start the last line to save a character", "台灯、灯", 3, []string{"台灯、", "灯"}},
		{"two characters on the last line are left alone", "带充电口的", 3, []string{"带充电", "口的"}},
		{"closing punctuation stays with the character before it", "台灯，落地灯。", 3, []string{"台灯，", "落地", "灯。"}},
		{"opening bracket does not end a line", "落地灯（三段开关）", 4, []string{"落地灯", "（三段开", "关）"}},
		{"SKU wider than the column breaks after a dash", "BW-DL-201-007", 8, []string{"BW-DL-", "201-007"}},
		{"word wider than the column with no separator", "ABCDEFGHIJ", 4, []string{"ABCD", "EFGH", "IJ"}},
		{"hard line breaks are kept", "HARBOR HOME\nHOUSTON\r\nC/NO. 1-135", 20, []string{"HARBOR HOME", "HOUSTON", "C/NO. 1-135"}},
		{"Unicode line and paragraph separators and NEL break lines too", "Hafenstraße 1\u2028Hamburg\u2029Germany\u0085EU", 20, []string{"Hafenstraße 1", "Hamburg", "Germany", "EU"}},
		{"mixed English and Chinese", "Lead time 交货期: 25天", 10, []string{"Lead time", "交货期: 25天"}},
		{"empty text takes no lines", "  ", 10, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := wrap(tc.text, tc.width, width)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("wrap(%q, %v) = %q, want %q", tc.text, tc.width, got, tc.want)
			}
			if squeeze(strings.Join(got, "")) != squeeze(tc.text) {
				t.Errorf("characters lost: %q from %q", got, tc.text)
			}
		})
	}
}

func TestWrapNeverLosesACharacter(t *testing.T) {
	text := "加厚不锈钢保温杯，双层真空结构（含硅胶密封圈、防漏杯盖）。Stainless steel vacuum bottle, 500 ml; BPA-free lid!「新款」《说明书》"
	width := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	for w := 1.0; w <= 30; w++ {
		lines := wrap(text, w, width)
		if squeeze(strings.Join(lines, "")) != squeeze(text) {
			t.Fatalf("width %v lost characters: %q", w, lines)
		}
		for _, ln := range lines[1:] {
			if r, _ := utf8.DecodeRuneInString(ln); w > 2 && strings.ContainsRune("，。、）》」；：！？", r) {
				t.Errorf("width %v: line starts with %q: %q", w, r, lines)
			}
		}
	}
}

func TestFormatNumbers(t *testing.T) {
	for _, tc := range []struct {
		name, in, cur, price, qty string
	}{
		{"1688 price below a fen keeps its decimals", "0.085", "CNY", "0.085", "0.085"},
		{"dollar price padded to cents", "3.5", "USD", "3.50", "3.5"},
		{"large price gets thousands separators", "1234.5", "USD", "1,234.50", "1,234.5"},
		{"yen has no minor units", "1200", "JPY", "1,200", "1,200"},
		{"dinar has three", "2.5", "KWD", "2.500", "2.5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := formatPrice(dec(tc.in), mustCur(tc.cur)); got != tc.price {
				t.Errorf("formatPrice(%s %s) = %s, want %s", tc.in, tc.cur, got, tc.price)
			}
			if got := formatQuantity(dec(tc.in)); got != tc.qty {
				t.Errorf("formatQuantity(%s) = %s, want %s", tc.in, got, tc.qty)
			}
		})
	}
}

// TestOneLineAgreesWithBreakLines: the shortcut for a text that fits on
// one line gives what the general line breaker gives, for texts of every
// kind (spaces of all sorts, tabs, line breaks, invalid UTF-8, Chinese
// punctuation) at widths around their own.
func TestOneLineAgreesWithBreakLines(t *testing.T) {
	pieces := []string{"a", "W", " ", "  ", "\t", "\n", "\r\n", "\u2028", "\u0085", "\u3000", "\u00a0", "台", "，", "（", "-", ".", "\xff", "Lamp", "12.50"}
	widthOf := func(r rune) float64 {
		switch {
		case r == ' ':
			return 0.25
		case r > 0x2000:
			return 1
		}
		return 0.1 + float64(r%7)/10
	}
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		total := 0.0
		for _, r := range s {
			total += widthOf(r)
		}
		for _, w := range []float64{0, total / 2, total - 0.05, total, total + 1e-10, total + 1} {
			want := breakLines(s, w, widthOf)
			line, ok := oneLine(s, w, widthOf)
			if !ok {
				continue
			}
			checked++
			var got []string
			if line != "" {
				got = []string{line}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("width %v: oneLine(%q) = %q, breakLines gives %q", w, s, got, want)
			}
		}
	}
	if checked < 20000 {
		t.Errorf("only %d texts took the shortcut", checked)
	}
}

// TestBreakRulesLookups: the quick lookups of the line-breaking rules
// answer as the rules' strings and Unicode tables do, for every code
// point.
func TestBreakRulesLookups(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if got, want := noStart(r), strings.ContainsRune(noLineStart, r); got != want {
			t.Fatalf("noStart(%U) = %v, want %v", r, got, want)
		}
		if got, want := noEnd(r), strings.ContainsRune(noLineEnd, r); got != want {
			t.Fatalf("noEnd(%U) = %v, want %v", r, got, want)
		}
		want := unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
			unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
			(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
		if got := breakable(r); got != want {
			t.Fatalf("breakable(%U) = %v, want %v", r, got, want)
		}
	}
}
