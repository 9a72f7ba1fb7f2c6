package main

import (
	"bytes"
	"fmt"
	"os"

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
	var buf bytes.Buffer
	if err := spreadsheet.WriteTemplate(&buf); err != nil {
		return err
	}
	if err := writeFile(*out, buf.Bytes(), *force); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s: fill in sheets Order, Items and Charges, then run: tradedocs check %s\n", *out, *out)
	return nil
}

// writeFile writes a single output file without ever leaving half of it, and
// refuses to replace an existing file unless force.
func writeFile(path string, data []byte, force bool) error {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s already exists (use --force to overwrite)", path)
		}
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
