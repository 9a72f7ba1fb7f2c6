package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/spreadsheet"
)

// runTemplate writes the blank order workbook a user fills in.
func runTemplate(e *env, args []string) error {
	fs := flags(e, "template")
	out := fs.StringP("output", "o", "order-template.xlsx", "file to write")
	force := fs.Bool("force", false, "overwrite the file if it exists")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if ext := filepath.Ext(*out); !strings.EqualFold(ext, ".xlsx") {
		return usagef("-o %s: the template is an Excel workbook, so its name must end in .xlsx (got %q)", *out, ext)
	}
	var buf bytes.Buffer
	if err := spreadsheet.WriteTemplate(&buf); err != nil {
		return err
	}
	if err := batch.WriteFile(*out, buf.Bytes(), *force); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s: fill in sheets Order, Items and Charges, then run: tradedocs check %s\n", *out, *out)
	return nil
}
