package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// helpDoc is what `tradedocs help CMD` and `tradedocs CMD --help` print
// besides the synopsis and the flags: what the command does, worked
// examples and what its exit statuses mean.
type helpDoc struct {
	description string
	examples    []string
	exits       []string
}

// commonExits are the exit statuses every command shares (see exitOK).
var commonExits = []string{
	"2  the command line is wrong (unknown flag, missing argument, bad value)",
	"3  an internal error: a bug of tradedocs (the message says so; please report it)",
}

// commandHelp holds the help of each command, by name. A command without
// an entry fails TestEveryCommandHasHelp.
var commandHelp = map[string]helpDoc{
	"generate": {
		description: `Reads every order in the given .xlsx and .csv files (a directory contributes
the order files directly in it), checks each one as 'tradedocs check' does,
and writes for each order that passes:

  DIR/<order_no>-PI.pdf    the bilingual proforma invoice
  DIR/<order_no>-CI.pdf    the bilingual commercial invoice
  DIR/<order_no>-PL.pdf    the bilingual packing list (orders with packing data)
  DIR/<order_no>-memo.txt  the wire memos of the deposit and balance

and DIR/manifest.csv with the SHA-256 of every file. An order with an error is
reported with its cells and not issued; the other orders are issued all the
same. Existing files are never overwritten without --force: if any exists,
nothing is written; --resume issues only the orders none of whose files exist
yet and leaves the others untouched. An order can be issued in stages into
one folder (--docs pi at the quote, --docs ci,pl at shipment): files the
manifest lists for that order are kept when the order still gives the same
bytes, and only the missing documents are written. An order's files are
written unseen, synced, and named together, so an error or a crash never
leaves half an order. The same input gives the same bytes
(PDF dates come from the order or SOURCE_DATE_EPOCH, never the clock).`,
		examples: []string{
			"tradedocs generate examples/ -o out",
			"tradedocs generate order.xlsx --docs ci --paper letter -o invoices",
			"tradedocs generate orders/ -o out --force --quiet",
			"tradedocs generate orders/ -o out --resume",
			"tradedocs generate order.xlsx --docs ci,pl -o out   # at shipment, beside its PI",
			"SOURCE_DATE_EPOCH=1700000000 tradedocs generate order.xlsx -o out",
		},
		exits: []string{
			"0  every order was issued (warnings allowed)",
			"1  an order, an order file or an output file had an error (the other orders were issued), or output files already exist",
		},
	},
	"check": {
		description: `Reads and validates order files without writing anything. Prints every problem
on standard output as FILE!SHEET!CELL: message (CSV files: FILE:LINE:COLUMN),
warnings marked "warning:", then a one-line summary. Whatever 'generate' would
refuse, 'check' reports.`,
		examples: []string{
			"tradedocs check order.xlsx",
			"tradedocs check orders/ --verbose",
			"tradedocs check order.xlsx --font MyFont.ttf",
		},
		exits: []string{
			"0  no errors (warnings allowed)",
			"1  at least one error in the files",
		},
	},
	"serve": {
		description: `Starts a web page on this computer for people who do not use a terminal: drop
.xlsx or .csv order files on it, see every problem by file, sheet and cell,
preview the PI, CI and packing list, copy the wire memo, and download one
document, one order's documents or everything as a zip with its manifest. The
page is built into the program and needs no network. It listens on loopback
only unless --addr names another address. The same engine as 'generate': a
document downloaded from the page is byte for byte the file 'generate' writes.
The HTTP API (POST /api/check, POST /api/generate, GET /api/template,
GET /healthz) is described in the README. Stop it with Ctrl-C.`,
		examples: []string{
			"tradedocs serve",
			"tradedocs serve --open",
			"tradedocs serve --addr 127.0.0.1:9000 --max-upload 50",
		},
		exits: []string{
			"0  the server was stopped (Ctrl-C or SIGTERM) after finishing the requests under way",
			"1  the address could not be listened on",
		},
	},
	"extract": {
		description: `Prints, as JSON, the order a tradedocs proforma or commercial invoice
carries inside it (the attached file order.json): every field with the cell
it was read from, amounts as plain decimals ("93416.40"). The format is
described in docs/order-json.md. 'tradedocs generate' and 'check' read such a
.json file as an order file and give the same PDFs again.`,
		examples: []string{
			"tradedocs extract out/PO-2024-0315-CI.pdf",
			"tradedocs extract out/PO-2024-0315-PI.pdf > PO-2024-0315.json && tradedocs generate PO-2024-0315.json -o again",
		},
		exits: []string{
			"0  the order was printed",
			"1  the file cannot be read, or is not a tradedocs PI or CI",
		},
	},
	"template": {
		description: `Writes a blank bilingual order workbook (.xlsx) with one worked example,
drop-down lists for currency and Incoterm, and a sheet of instructions. Fill in
the sheets Order, Items and Charges, then run 'tradedocs check' on it. An
existing file is not overwritten without --force.`,
		examples: []string{
			"tradedocs template",
			"tradedocs template -o po-2024-0315.xlsx",
		},
		exits: []string{
			"0  the workbook was written",
			"1  the file exists already or could not be written",
		},
	},
	"memo": {
		description: `Prints the wire memo of an order: the remittance lines of each payment with the
beneficiary block, or with --stage only that payment's lines, ready to paste
into the bank's transfer form (SWIFT MT103 field 70: at most 4 lines of 35
characters from the SWIFT character set).`,
		examples: []string{
			"tradedocs memo order.xlsx",
			"tradedocs memo order.xlsx --stage deposit",
			"tradedocs memo orders.xlsx --order PO-2024-0315 --stage balance",
		},
		exits: []string{
			"0  the memo was printed (warnings allowed)",
			"1  the order has an error, or its memo cannot be written",
		},
	},
	"words": {
		description: `Prints an amount in English words (line 1), the way Chinese export invoices
write it, and in Chinese financial capitals (大写金额, line 2), the way the
People's Bank of China prescribes. Commas, spaces and underscores in the
amount are ignored. The amount is rounded to the currency's minor unit.`,
		examples: []string{
			"tradedocs words 12345.67",
			"tradedocs words 1,409.50 --currency CNY",
			"tradedocs words 1234 -c JPY",
		},
		exits: []string{
			"0  the amount was written",
		},
	},
	"help": {
		description: `Prints the help of a command: synopsis, description, flags, examples and exit
statuses. Without a command, lists the commands.`,
		examples: []string{
			"tradedocs help",
			"tradedocs help generate",
		},
		exits: []string{
			"0  the help was printed",
		},
	},
	"version": {
		description: `Prints the version of tradedocs (the module version 'go install' fetched, or the
commit it was built from) and the Go version it was built with.`,
		examples: []string{
			"tradedocs version",
			"tradedocs --version",
		},
		exits: []string{
			"0  the version was printed",
		},
	},
	"completion": {
		description: `Prints a script that makes your shell complete tradedocs' commands, flags and
flag values. Load it in the current shell, or install it for every new one.`,
		examples: []string{
			"tradedocs completion bash > ~/.local/share/bash-completion/completions/tradedocs",
			"source <(tradedocs completion bash)",
			"tradedocs completion zsh > \"${fpath[1]}/_tradedocs\"",
			"tradedocs completion fish > ~/.config/fish/completions/tradedocs.fish",
		},
		exits: []string{
			"0  the script was printed",
		},
	},
}

// findCommand returns the command called name.
func findCommand(name string) (command, bool) {
	for _, c := range registry {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// printCommandHelp writes a command's full help: synopsis, description,
// flags, examples and exit statuses.
func printCommandHelp(w io.Writer, c command, fs *pflag.FlagSet) {
	h := commandHelp[c.name]
	fmt.Fprintf(w, "tradedocs %s: %s\n\nUsage:\n  tradedocs %s", c.name, c.summary, c.name)
	if c.args != "" {
		fmt.Fprintf(w, " %s", c.args)
	}
	fmt.Fprint(w, " [flags]\n")
	if h.description != "" {
		fmt.Fprintf(w, "\n%s\n", h.description)
	}
	fmt.Fprint(w, "\nFlags:\n")
	writeFlagTable(w, c.name, fs)
	if len(h.examples) > 0 {
		fmt.Fprint(w, "\nExamples:\n")
		for _, ex := range h.examples {
			fmt.Fprintf(w, "  %s\n", ex)
		}
	}
	fmt.Fprint(w, "\nExit status:\n")
	for _, s := range append(append([]string(nil), h.exits...), commonExits...) {
		fmt.Fprintf(w, "  %s\n", s)
	}
}

// usage writes the top-level help: what tradedocs does, its commands and
// where to read more.
func usage(w io.Writer) {
	fmt.Fprint(w, `tradedocs turns an importer's order spreadsheet into the trade documents of a
purchase from a Chinese supplier: bilingual proforma and commercial invoices
(PDF) and the SWIFT wire memos of the deposit and balance.

Usage:
  tradedocs COMMAND [ARGUMENTS] [FLAGS]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Flags:
  -h, --help      show this help
      --version   print the version

Examples:
  tradedocs template -o order.xlsx         a blank order workbook to fill in
  tradedocs check order.xlsx               every problem, cell by cell
  tradedocs generate order.xlsx -o out     the PI, CI and wire memo in out/

Run 'tradedocs help COMMAND' for a command's flags, examples and exit statuses.
`)
}

// commandFlags returns the flags a command defines, by running it with
// --help against a sink: every command parses its flags before it does
// anything else.
func commandFlags(c command) *pflag.FlagSet {
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	var got *pflag.FlagSet
	e.flagSink = func(fs *pflag.FlagSet) { got = fs }
	_ = c.run(e, []string{"--help"}) // only the flag set is wanted: the help itself went to io.Discard
	return got
}

// runHelp prints the top-level help, or one command's help.
func runHelp(e *env, args []string) error {
	fs := flags(e, "help")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
		usage(e.stdout)
		return nil
	case 1:
	default:
		return usagef("give one command, e.g. tradedocs help generate")
	}
	c, ok := findCommand(fs.Arg(0))
	if !ok {
		return usagef("unknown command %q; the commands are %s", fs.Arg(0), strings.Join(commandNames(), ", "))
	}
	printCommandHelp(e.stdout, c, commandFlags(c))
	return nil
}

func commandNames() []string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return names
}

// valueNames name the value of flags whose value is neither a file, a
// directory nor a short list, by "command --flag".
var valueNames = map[string]string{
	"memo --order":       "NO",
	"words --currency":   "CODE",
	"generate --workers": "N",
}

// writeFlagTable lists a command's flags, one a line, aligned:
//
//	-o, --output DIR        directory to write the documents to (default "out")
//	    --paper a4|letter   paper size: a4 or letter (default "a4")
func writeFlagTable(w io.Writer, cmd string, fs *pflag.FlagSet) {
	type row struct{ names, usage string }
	var rows []row
	if fs != nil {
		fs.VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				return
			}
			names := "    --" + f.Name
			if f.Shorthand != "" {
				names = "-" + f.Shorthand + ", --" + f.Name
			}
			if f.Value.Type() != "bool" {
				names += " " + valueName(cmd, f)
			}
			usage := f.Usage
			switch f.DefValue {
			case "", "false", "0", "[]":
			default:
				if !strings.Contains(usage, "default") {
					usage += fmt.Sprintf(" (default %q)", f.DefValue)
				}
			}
			rows = append(rows, row{names, usage})
		})
	}
	rows = append(rows, row{"-h, --help", "show this help"})
	width := 0
	for _, r := range rows {
		width = max(width, len(r.names))
	}
	for _, r := range rows {
		fmt.Fprintf(w, "  %-*s   %s\n", width, r.names, r.usage)
	}
}

// valueName is how a flag's value is shown in help: DIR, FILE, the
// accepted values (a4|letter) or a name for what it is.
func valueName(cmd string, f *pflag.Flag) string {
	key := cmd + " --" + f.Name
	if n, ok := valueNames[key]; ok {
		return n
	}
	switch hint := valueHints[key]; {
	case len(hint) == 0:
	case hint[0] == completeDir:
		return "DIR"
	case hint[0] == completeFile:
		return "FILE"
	default:
		return strings.Join(hint, "|")
	}
	if f.Value.Type() == "int" {
		return "N"
	}
	return "VALUE"
}
