package web

import (
	"io/fs"
	"net/http"
	"sort"
	"sync"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
)

// pageFont is the bundled face cut to the Chinese characters the page
// writes itself (its labels, amounts in 大写 and currency names), so that
// the page reads on a computer without a Chinese font and with no network:
// a few dozen KB instead of the 10 MB face. The style sheet asks for it
// only for CJK code points, after the system's fonts.
type pageFont struct {
	face *fonts.Face
	once sync.Once
	ttf  []byte
	err  error
}

func (p *pageFont) serve(w http.ResponseWriter, r *http.Request) {
	p.once.Do(func() { p.ttf, p.err = p.face.Subset(pageRunes()) })
	if p.err != nil {
		http.Error(w, p.err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "font/ttf")
	w.Write(p.ttf)
}

// pageRunes are the characters beyond ASCII of the page's files and of
// amounts in Chinese words in every currency the words form offers.
func pageRunes() []rune {
	set := map[rune]bool{}
	add := func(s string) {
		for _, r := range s {
			if r > 0x7e {
				set[r] = true
			}
		}
	}
	fs.WalkDir(static, "static", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := static.ReadFile(path)
			add(string(b))
		}
		return nil
	})
	for _, code := range []string{"USD", "CNY", "EUR", "GBP", "JPY", "HKD", "AUD", "CAD", "SGD", "CHF", "KRW", "TWD"} {
		if c, _, err := invoice.ParseCurrency(code); err == nil {
			add(invoice.WordsZH(decimalSample, c))
			add(invoice.WordsZH(decimalRound, c))
		}
	}
	rs := make([]rune, 0, len(set))
	for r := range set {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(a, b int) bool { return rs[a] < rs[b] })
	return rs
}

// Amounts whose words use every Chinese numeral, unit and 整.
var (
	decimalSample = decimal.RequireFromString("987654321012.35")
	decimalRound  = decimal.RequireFromString("100000000")
)
