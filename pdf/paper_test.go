package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
)

func TestParsePaper(t *testing.T) {
	tests := []struct {
		name, in string
		want     Paper
		ok       bool
	}{
		{"nothing given is A4", "", A4, true},
		{"A4 as printed on the ream", "A4", A4, true},
		{"letter in lower case", "letter", Letter, true},
		{"Letter with a capital and a stray space", " Letter ", Letter, true},
		{"A3 is not offered", "a3", "", false},
		{"legal is not offered", "legal", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePaper(tt.in)
			if got != tt.want || (err == nil) != tt.ok {
				t.Errorf("ParsePaper(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
	if w, h, name := Letter.size(); w != 215.9 || h != 279.4 || name != "Letter" {
		t.Errorf("Letter is %v × %v mm (%s), want 215.9 × 279.4 (Letter)", w, h, name)
	}
}

func TestMemoErrorFailsTheProforma(t *testing.T) {
	refused := errors.New("supplier has only a Chinese name")
	r, err := New(Options{Regular: fonts.Regular(), Bold: fonts.Bold(),
		Memo: func(*invoice.Order, invoice.Stage) ([]string, error) { return nil, refused }})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = r.RenderSet(sampleOrder(), []Document{Proforma}, []io.Writer{&buf})
	if !errors.Is(err, refused) {
		t.Errorf("RenderSet = %v; want the memo's error, not a PI without its memo lines", err)
	}
	if buf.Len() > 0 {
		t.Errorf("a PI of %d bytes was written although its memo failed", buf.Len())
	}
}

// A paper size as a user types it on the command line (--paper Letter).
func ExampleParsePaper() {
	p, err := ParsePaper("Letter")
	fmt.Println(p, err)
	_, err = ParsePaper("A3")
	fmt.Println(err)
	// Output:
	// letter <nil>
	// paper "A3": want a4 or letter
}
