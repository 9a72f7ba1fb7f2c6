// Command tradedocs turns an importer's order spreadsheet into the trade
// documents of a purchase from a Chinese supplier: a bilingual proforma
// invoice (PI), a bilingual commercial invoice (CI) and the wire memos of the
// deposit and balance payments.
//
//	tradedocs generate FILE|DIR... [-o DIR]   issue PI, CI and memo for every order
//	tradedocs check FILE...                   list every problem of the order files
//	tradedocs template [-o FILE]              write a blank order workbook
//	tradedocs memo FILE [--stage deposit]     print the wire memo text
//	tradedocs words AMOUNT [--currency CODE]  write an amount in English and Chinese words
//	tradedocs extract FILE.pdf                print the order a PI or CI carries, as JSON
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"
)

// Exit statuses: 0 all well (warnings allowed), 1 a problem in the input or
// output, 2 the command line itself was wrong.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// usageError marks a mistake on the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errFailed says the problems were already printed; exit 1 quietly.
var errFailed = errors.New("failed")

type command struct {
	name, args, summary string
	run                 func(env *env, args []string) error
}

var commands = []command{
	{"generate", "FILE|DIR... [-o DIR]", "issue the PI, CI and wire memo of every order", runGenerate},
	{"check", "FILE...", "list every problem of the order files, cell by cell", runCheck},
	{"template", "[-o FILE]", "write a blank bilingual order workbook to fill in", runTemplate},
	{"memo", "FILE [--order NO] [--stage deposit|balance]", "print the wire memo for the bank transfer", runMemo},
	{"words", "AMOUNT [--currency CODE]", "write an amount in English words and Chinese capitals", runWords},
	{"extract", "FILE.pdf", "print the order a PI or CI carries, as JSON (generate reads it)", runExtract},
}

// env is where a command reads and writes: the process's streams in main,
// buffers in tests.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     bool
}

func main() {
	e := &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, isTerminal: stderrIsTerminal()}
	os.Exit(run(e, os.Args[1:]))
}

func run(e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(e, args[1:])
		var ue usageError
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, pflag.ErrHelp):
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(e.stderr, "tradedocs %s: %v\nusage: tradedocs %s %s\n", c.name, err, c.name, c.args)
			return exitUsage
		case errors.Is(err, errFailed):
			return exitFail
		default:
			fmt.Fprintf(e.stderr, "tradedocs %s: %v\n", c.name, err)
			return exitFail
		}
	}
	fmt.Fprintf(e.stderr, "tradedocs: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tradedocs turns an order spreadsheet into bilingual trade documents.")
	fmt.Fprintln(w, "\nusage:")
	for _, c := range commands {
		fmt.Fprintf(w, "  tradedocs %-9s %-45s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'tradedocs COMMAND --help' for a command's flags.")
}

// flags makes a command's flag set; parse errors are usage errors.
func flags(e *env, name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.SortFlags = false
	return fs
}

func parse(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}
