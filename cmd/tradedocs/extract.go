package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/tradedocs/tradedocs/orderjson"
)

// maxPDF bounds the PDF extract reads: tradedocs' own are under 1 MB.
const maxPDF = 64 << 20

// runExtract prints the order a tradedocs PI or CI carries, as JSON (see
// docs/order-json.md); tradedocs generate reads it back.
func runExtract(e *env, args []string) error {
	fs := flags(e, "extract")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("give exactly one PDF")
	}
	path := fs.Arg(0)
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if st.Size() > maxPDF {
		return fmt.Errorf("%s: %d MB is larger than any tradedocs PDF", path, st.Size()>>20)
	}
	pdf, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	data, err := orderjson.Extract(pdf)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, bytes.TrimSpace(data), "", "  "); err != nil {
		return fmt.Errorf("%s: the attached order is not JSON: %w", path, err)
	}
	out.WriteByte('\n')
	_, err = e.stdout.Write(out.Bytes())
	return err
}
