package pdf

import (
	"fmt"
	"strings"
)

// Paper is the sheet size the documents are laid out on: A4 for suppliers
// and most importers, US Letter for buyers who print in North America.
type Paper string

// The paper sizes tradedocs lays documents out on.
const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// Papers lists the paper sizes in the order the command line offers them.
var Papers = []Paper{A4, Letter}

// ParsePaper reads a paper size as a user types it, in any case and with
// surrounding spaces ("A4", "letter", "Letter"); "" is A4.
func ParsePaper(s string) (Paper, error) {
	p := Paper(strings.ToLower(strings.TrimSpace(s)))
	switch p {
	case "":
		return A4, nil
	case A4, Letter:
		return p, nil
	}
	return "", fmt.Errorf("paper %q: want a4 or letter", s)
}

// size is the sheet's width and height in mm and the name fpdf knows it by.
func (p Paper) size() (w, h float64, name string) {
	if p == Letter {
		return 215.9, 279.4, "Letter"
	}
	return 210, 297, "A4"
}
