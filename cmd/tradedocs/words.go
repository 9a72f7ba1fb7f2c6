package main

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/internal/lazyregexp"
	"github.com/tradedocs/tradedocs/invoice"
)

// negativeAmount is an argument that looks like a negative number ("-5",
// "-1,000.50"): the flag parser would take it for a flag.
var negativeAmount = lazyregexp.New(`^-[0-9.,_ ]+$`)

// separators are the thousands separators people type in an amount.
var separators = strings.NewReplacer(",", "", " ", "", "_", "")

// runWords prints an amount in English words (line 1) and Chinese financial
// capitals (line 2), as bank forms and invoices ask for.
func runWords(e *env, args []string) error {
	fs := flags(e, "words")
	code := fs.StringP("currency", "c", "USD", "ISO 4217 currency code")
	args = append([]string(nil), args...)
	for i, a := range args {
		if a == "--" {
			break
		}
		if negativeAmount.MatchString(a) {
			if d, err := decimal.NewFromString(separators.Replace(a)); err == nil && d.IsZero() {
				args[i] = a[1:] // -0 is nothing to pay, not a flag
				continue
			}
			return usagef("amount %s is negative: the amount in words is written for a sum to pay, which is never below zero; give it without the minus sign", a)
		}
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("give exactly one amount, e.g. 12345.67")
	}
	cur, _, err := invoice.ParseCurrency(*code)
	if err != nil {
		return usagef("%v", err)
	}
	raw := separators.Replace(fs.Arg(0))
	amount, err := decimal.NewFromString(raw)
	if err != nil {
		return usagef("amount %q is not a number", fs.Arg(0))
	}
	if amount.IsNegative() {
		return usagef("amount %s is negative: the amount in words is written for a sum to pay, which is never below zero; give it without the minus sign", fs.Arg(0))
	}
	fmt.Fprintln(e.stdout, invoice.WordsEN(amount, cur))
	fmt.Fprintln(e.stdout, invoice.WordsZH(amount, cur))
	return nil
}
