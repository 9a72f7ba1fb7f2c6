// Command tradedocs turns an importer's order spreadsheet into the trade
// documents of a purchase from a Chinese supplier: a bilingual proforma
// invoice (PI), a bilingual commercial invoice (CI), a bilingual packing list
// (PL) and the wire memos of the deposit and balance payments.
//
//	tradedocs generate FILE|DIR... [-o DIR]   issue PI, CI, packing list and memo for every order
//	tradedocs check FILE...                   list every problem of the order files
//	tradedocs template [-o FILE]              write a blank order workbook
//	tradedocs memo FILE [--stage deposit]     print the wire memo text
//	tradedocs words AMOUNT [--currency CODE]  write an amount in English and Chinese words
//	tradedocs serve [--addr ADDR] [--open]     a local web page doing all of the above
//	tradedocs extract FILE.pdf                print the order a PI or CI carries, as JSON
//	tradedocs help [COMMAND]                  a command's synopsis, flags, examples and exit statuses
//	tradedocs version                         the version and the Go it was built with
//	tradedocs completion bash|zsh|fish        a shell completion script
//
// Install it with
//
//	go install github.com/tradedocs/tradedocs/cmd/tradedocs@latest
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"
)

// Exit statuses: 0 all well (warnings allowed), 1 a problem in the input or
// output, 2 the command line itself was wrong, 3 an internal error (a bug
// of tradedocs, never the user's input).
const (
	exitOK       = 0
	exitFail     = 1
	exitUsage    = 2
	exitInternal = 3
)

// usageError marks a mistake on the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errFailed says the problems were already printed; exit 1 quietly.
var errFailed = errors.New("failed")

// errBug says an internal error was already printed; exit 3.
var errBug = errors.New("internal error")

// runCommand runs c, turning a panic into an internal error reported as
// such, with the stack to send with a bug report.
func runCommand(e *env, c command, args []string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(e.stderr, "tradedocs %s: internal error (a bug of tradedocs; please report it with this message): %v\n%s", c.name, v, debug.Stack())
			err = errBug
		}
	}()
	return c.run(e, args)
}

type command struct {
	name, args, summary string
	run                 func(env *env, args []string) error
}

var commands = []command{
	{"generate", "FILE|DIR... [-o DIR]", "issue the PI, CI, packing list and wire memo of every order", runGenerate},
	{"check", "FILE... [--amazon]", "list every problem of the order files, cell by cell", runCheck},
	{"template", "[-o FILE]", "write a blank bilingual order workbook to fill in", runTemplate},
	{"memo", "FILE [--order NO] [--stage deposit|balance]", "print the wire memo for the bank transfer", runMemo},
	{"words", "AMOUNT [--currency CODE]", "write an amount in English words and Chinese capitals", runWords},
	{"serve", "[--addr 127.0.0.1:8080] [--open]", "open a local web page: drop a workbook, preview and download", runServe},
	{"extract", "FILE.pdf", "print the order a PI or CI carries, as JSON (generate reads it)", runExtract},
}

// The commands that are about tradedocs itself rather than orders come
// last in the list; they are added here because they read the list.
func init() {
	commands = append(commands,
		command{"help", "[COMMAND]", "show a command's synopsis, flags, examples and exit statuses", runHelp},
		command{"version", "", "print the version and the Go it was built with", runVersion},
		command{"completion", "bash|zsh|fish", "print a shell completion script", runCompletion},
	)
	registry = commands
}

// registry is commands, for the code the commands themselves call (their
// help): referring to commands there would make its initialization a cycle.
var registry []command

// env is where a command reads and writes: the process's streams in main,
// buffers in tests.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     bool
	// flagSink, when set, receives each flag set a command makes (help and
	// completion read the flags of a command that way).
	flagSink func(*pflag.FlagSet)
}

func main() {
	e := &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, isTerminal: stderrIsTerminal()}
	os.Exit(withBallast(func() int { return run(e, os.Args[1:]) }))
}

func run(e *env, args []string) int {
	switch {
	case len(args) == 0:
		usage(e.stderr)
		return exitUsage
	case args[0] == "-h" || args[0] == "--help":
		usage(e.stdout)
		return exitOK
	case args[0] == "--version":
		args = append([]string{"version"}, args[1:]...)
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := runCommand(e, c, args[1:])
		var ue usageError
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, pflag.ErrHelp):
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(e.stderr, "tradedocs %s: %v\nusage: tradedocs %s %s\nRun 'tradedocs help %s' for the flags and examples.\n", c.name, err, c.name, c.args, c.name)
			return exitUsage
		case errors.Is(err, errFailed):
			return exitFail
		case errors.Is(err, errBug):
			return exitInternal
		default:
			fmt.Fprintf(e.stderr, "tradedocs %s: %v\n", c.name, err)
			return exitFail
		}
	}
	if strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(e.stderr, "tradedocs: unknown flag %s: a command comes first (tradedocs COMMAND [flags])\n", args[0])
	} else {
		fmt.Fprintf(e.stderr, "tradedocs: unknown command %q; the commands are %s\n", args[0], strings.Join(commandNames(), ", "))
	}
	fmt.Fprintln(e.stderr, "Run 'tradedocs help' for usage.")
	return exitUsage
}

// flags makes a command's flag set: --help prints the command's full help
// on standard output; parse errors are usage errors.
func flags(e *env, name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stdout)
	fs.SortFlags = false
	fs.Usage = func() {
		c, _ := findCommand(name)
		printCommandHelp(e.stdout, c, fs)
	}
	if e.flagSink != nil {
		e.flagSink(fs)
	}
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
