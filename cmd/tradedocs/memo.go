package main

import (
	"fmt"
	"strings"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/fonts"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/memo"
	"github.com/tradedocs/tradedocs/templates"
)

// runMemo prints the wire memo of an order: both payments with the
// beneficiary block, or with --stage only the remittance lines to paste into
// the bank form.
func runMemo(e *env, args []string) error {
	fs := flags(e, "memo")
	orderNo := fs.String("order", "", "order number, when the file holds several orders")
	stage := fs.String("stage", "", "print only this payment's remittance lines: deposit, balance or full")
	tmplDir := fs.String("templates", "", "directory whose files override the bundled templates")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("give exactly one order file")
	}
	var kind invoice.StageKind
	switch strings.ToLower(*stage) {
	case "":
	case "deposit":
		kind = invoice.DepositPayment
	case "balance":
		kind = invoice.BalancePayment
	case "full":
		kind = invoice.FullPayment
	default:
		return usagef("--stage %q: want deposit, balance or full", *stage)
	}
	w, err := memo.New(templateSet(*tmplDir))
	if err != nil {
		return err
	}
	orders, fileProblems := load(e, fs.Args(), false, batch.LoadOptions{Covers: fonts.Regular().Covers, CharSeverity: invoice.Warning})
	if fileProblems.HasErrors() {
		printProblems(e, fileProblems)
		return errFailed
	}
	o, err := pickOrder(orders, *orderNo)
	if err != nil {
		return err
	}
	if !o.OK() {
		printProblems(e, o.Problems)
		return errFailed
	}
	var ps invoice.Problems
	if kind == "" {
		ps = w.Write(e.stdout, o.Order)
	} else {
		ps = w.WriteStage(e.stdout, o.Order, kind)
	}
	printProblems(e, ps)
	if ps.HasErrors() {
		return errFailed
	}
	return nil
}

// pickOrder finds the order the user asked for; with one order in the file
// no number is needed.
func pickOrder(orders []*batch.Order, no string) (*batch.Order, error) {
	if no == "" {
		if len(orders) == 1 {
			return orders[0], nil
		}
		var nos []string
		for _, o := range orders {
			nos = append(nos, o.OrderNo)
		}
		if len(orders) == 0 {
			return nil, fmt.Errorf("the file holds no order")
		}
		return nil, usagef("the file holds %d orders (%s): choose one with --order", len(orders), strings.Join(nos, ", "))
	}
	for _, o := range orders {
		if o.OrderNo == no {
			return o, nil
		}
	}
	return nil, fmt.Errorf("no order %q in the file", no)
}

// printProblems writes problems (errors and warnings) to stderr in file
// order.
// printProblems prints each problem once (a memo's warning is found both
// when the order is checked and when its memo is written).
func printProblems(e *env, ps invoice.Problems) {
	seen := map[string]bool{}
	for _, p := range ps.Sorted() {
		if msg := p.Error(); !seen[msg] {
			seen[msg] = true
			fmt.Fprintln(e.stderr, msg)
		}
	}
}

func templateSet(dir string) templates.Set {
	if dir == "" {
		return templates.Bundled
	}
	return templates.Overlay(dir)
}
