package fonts_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/tradedocs/tradedocs/internal/fpdf"

	"github.com/tradedocs/tradedocs/fonts"
)

// A renderer checks that the bundled face covers the document's text,
// cuts a subset holding just those characters, and gives it to fpdf.
func ExampleFace_Subset() {
	text := "形式发票 Proforma Invoice 壹仟肆佰零玖元伍角 ¥1,234.50"
	face := fonts.Regular()
	for _, r := range "票¥𠮷" {
		fmt.Printf("covers %q: %v\n", r, face.Covers(r))
	}

	sub, err := face.Subset([]rune(text))
	if err != nil {
		fmt.Println(err)
		return
	}
	cut, err := fonts.Parse("subset", sub)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("full face: %d glyphs; subset: %d glyphs, under 20 KB: %v\n",
		face.NumGlyphs(), cut.NumGlyphs(), len(sub) < 20_000)

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(2025, 4, 17, 0, 0, 0, 0, time.UTC))
	pdf.AddUTF8FontFromBytes(face.Name(), "", sub)
	pdf.AddPage()
	pdf.SetFont(face.Name(), "", 12)
	pdf.Cell(0, 10, text)
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("PDF written:", bytes.HasPrefix(out.Bytes(), []byte("%PDF-")))
	// Output:
	// covers '票': true
	// covers '¥': true
	// covers '𠮷': false
	// full face: 30898 glyphs; subset: 36 glyphs, under 20 KB: true
	// PDF written: true
}
