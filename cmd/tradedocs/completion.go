package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/pflag"
	"github.com/tradedocs/tradedocs/pdf"
)

// shells are the shells `tradedocs completion` writes scripts for.
var shells = []string{"bash", "zsh", "fish"}

// completeFile and completeDir mark a flag whose value is a file or a
// directory name; any other hint is the list of values the flag accepts.
const (
	completeFile = "<file>"
	completeDir  = "<dir>"
)

// valueHints says what each flag that takes a value completes to, by
// "command --flag". A flag without an entry completes to nothing.
var valueHints = map[string][]string{
	"generate --output":    {completeDir},
	"generate --docs":      {"pi", "ci", "pl", "pi,ci", "pi,ci,pl"},
	"generate --paper":     paperNames(),
	"generate --font":      {completeFile},
	"generate --bold-font": {completeFile},
	"generate --templates": {completeDir},
	"check --docs":         {"pi", "ci", "pl", "pi,ci", "pi,ci,pl"},
	"check --paper":        paperNames(),
	"check --font":         {completeFile},
	"check --bold-font":    {completeFile},
	"check --templates":    {completeDir},
	"serve --paper":        paperNames(),
	"serve --templates":    {completeDir},
	"template --output":    {completeFile},
	"memo --stage":         {"deposit", "balance", "full"},
	"memo --templates":     {completeDir},
	"words --currency":     {"USD", "CNY", "EUR", "GBP", "HKD", "JPY"},
}

// argHints says what each command's arguments complete to.
var argHints = map[string][]string{
	"generate":   {completeFile},
	"check":      {completeFile},
	"memo":       {completeFile},
	"completion": shells,
}

func paperNames() []string {
	var names []string
	for _, p := range pdf.Papers {
		names = append(names, string(p))
	}
	return names
}

// runCompletion prints the completion script for a shell.
func runCompletion(e *env, args []string) error {
	fs := flags(e, "completion")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("name one shell: %s", strings.Join(shells, ", "))
	}
	specs := completionSpecs()
	switch strings.ToLower(fs.Arg(0)) {
	case "bash":
		writeBash(e.stdout, specs)
	case "zsh":
		writeZsh(e.stdout, specs)
	case "fish":
		writeFish(e.stdout, specs)
	default:
		return usagef("shell %q: want %s", fs.Arg(0), strings.Join(shells, ", "))
	}
	return nil
}

// cmdSpec is what a completion script needs to know of one command.
type cmdSpec struct {
	name, summary string
	flags         []flagSpec
	args          []string // argHints
}

// flagSpec is one flag: its names, whether it takes a value, its usage
// line and what its value completes to.
type flagSpec struct {
	long, short, usage string
	takesValue         bool
	hint               []string
}

func completionSpecs() []cmdSpec {
	var specs []cmdSpec
	for _, c := range commands {
		s := cmdSpec{name: c.name, summary: c.summary, args: argHints[c.name]}
		if c.name == "help" {
			s.args = commandNames()
		}
		if fs := commandFlags(c); fs != nil {
			fs.VisitAll(func(f *pflag.Flag) {
				s.flags = append(s.flags, flagSpec{
					long: f.Name, short: f.Shorthand, usage: f.Usage,
					takesValue: f.Value.Type() != "bool",
					hint:       valueHints[c.name+" --"+f.Name],
				})
			})
		}
		s.flags = append(s.flags, flagSpec{long: "help", short: "h", usage: "show this help"})
		specs = append(specs, s)
	}
	return specs
}

func (f flagSpec) names() []string {
	n := []string{"--" + f.long}
	if f.short != "" {
		n = append(n, "-"+f.short)
	}
	return n
}

// values are the hint's fixed values, nil for a file or directory hint.
func values(hint []string) []string {
	if len(hint) == 1 && (hint[0] == completeFile || hint[0] == completeDir) {
		return nil
	}
	return hint
}

func writeBash(w io.Writer, specs []cmdSpec) {
	var names []string
	for _, s := range specs {
		names = append(names, s.name)
	}
	fmt.Fprintf(w, `# bash completion for tradedocs
# Load in this shell:   source <(tradedocs completion bash)
# For every new shell:  tradedocs completion bash > ~/.local/share/bash-completion/completions/tradedocs
_tradedocs() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    COMPREPLY=()
    if (( COMP_CWORD == 1 )); then
        COMPREPLY=($(compgen -W '%s --help --version' -- "$cur"))
        return
    fi
    case "${COMP_WORDS[1]} $prev" in
`, strings.Join(names, " "))
	for _, s := range specs {
		for _, f := range s.flags {
			if !f.takesValue {
				continue
			}
			var pats []string
			for _, n := range f.names() {
				pats = append(pats, "'"+s.name+" "+n+"'")
			}
			fmt.Fprintf(w, "        %s) %s; return ;;\n", strings.Join(pats, "|"), bashReply(f.hint))
		}
	}
	fmt.Fprint(w, "    esac\n    case ${COMP_WORDS[1]} in\n")
	for _, s := range specs {
		var fl []string
		for _, f := range s.flags {
			fl = append(fl, f.names()...)
		}
		fmt.Fprintf(w, "        %s)\n            if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '%s' -- \"$cur\")); return; fi\n", s.name, strings.Join(fl, " "))
		if len(s.args) > 0 {
			fmt.Fprintf(w, "            %s ;;\n", bashReply(s.args))
		} else {
			fmt.Fprint(w, "            ;;\n")
		}
	}
	fmt.Fprint(w, "    esac\n}\ncomplete -o filenames -F _tradedocs tradedocs\n")
}

func bashReply(hint []string) string {
	switch {
	case len(hint) == 0:
		return "COMPREPLY=()"
	case hint[0] == completeDir:
		return `COMPREPLY=($(compgen -d -- "$cur"))`
	case hint[0] == completeFile:
		return `COMPREPLY=($(compgen -f -- "$cur"))`
	}
	return fmt.Sprintf(`COMPREPLY=($(compgen -W '%s' -- "$cur"))`, strings.Join(hint, " "))
}

// zshText makes a description safe inside a single-quoted _arguments spec.
func zshText(s string) string {
	return strings.NewReplacer("'", "", "[", "(", "]", ")", ":", " -", "\\", "/", "`", "").Replace(s)
}

func writeZsh(w io.Writer, specs []cmdSpec) {
	fmt.Fprint(w, `#compdef tradedocs
# zsh completion for tradedocs
# Install: tradedocs completion zsh > "${fpath[1]}/_tradedocs", then start a new shell.
_tradedocs() {
    local -a commands
    commands=(
`)
	for _, s := range specs {
		fmt.Fprintf(w, "        '%s:%s'\n", s.name, zshText(s.summary))
	}
	fmt.Fprint(w, `    )
    if (( CURRENT == 2 )); then
        _describe -t commands 'tradedocs command' commands
        return
    fi
    local cmd=${words[2]}
    shift words
    (( CURRENT-- ))
    case $cmd in
`)
	for _, s := range specs {
		fmt.Fprintf(w, "        %s)\n            _arguments -s \\\n", s.name)
		for _, f := range s.flags {
			names := f.names()
			spec := "'" + names[0]
			if len(names) > 1 {
				spec = "'(" + strings.Join(names, " ") + ")'{" + strings.Join(names, ",") + "}'"
			}
			spec += "[" + zshText(f.usage) + "]"
			if f.takesValue {
				spec += ":" + f.long + ":" + zshAction(f.hint)
			}
			fmt.Fprintf(w, "                %s' \\\n", spec)
		}
		switch {
		case len(s.args) > 0:
			fmt.Fprintf(w, "                '*:argument:%s'\n            ;;\n", zshAction(s.args))
		default:
			fmt.Fprint(w, "                && return 0\n            ;;\n")
		}
	}
	fmt.Fprint(w, `    esac
}
if [[ $funcstack[1] == _tradedocs ]]; then
    _tradedocs "$@"
else
    compdef _tradedocs tradedocs
fi
`)
}

func zshAction(hint []string) string {
	switch {
	case len(hint) == 0:
		return " "
	case hint[0] == completeDir:
		return "_files -/"
	case hint[0] == completeFile:
		return "_files"
	}
	return "(" + strings.Join(hint, " ") + ")"
}

// fishText makes a description safe inside single quotes in fish.
func fishText(s string) string {
	return strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s)
}

func writeFish(w io.Writer, specs []cmdSpec) {
	var names []string
	for _, s := range specs {
		names = append(names, s.name)
	}
	sort.Strings(names)
	fmt.Fprint(w, "# fish completion for tradedocs\n# Install: tradedocs completion fish > ~/.config/fish/completions/tradedocs.fish\n")
	fmt.Fprint(w, "complete -c tradedocs -f\n")
	fmt.Fprint(w, "complete -c tradedocs -n __fish_use_subcommand -l version -d 'print the version'\n")
	for _, s := range specs {
		fmt.Fprintf(w, "complete -c tradedocs -n __fish_use_subcommand -a %s -d '%s'\n", s.name, fishText(s.summary))
	}
	for _, s := range specs {
		cond := fmt.Sprintf("-n '__fish_seen_subcommand_from %s'", s.name)
		for _, f := range s.flags {
			line := fmt.Sprintf("complete -c tradedocs %s -l %s", cond, f.long)
			if f.short != "" {
				line += " -s " + f.short
			}
			if f.takesValue {
				switch {
				case len(f.hint) == 0:
					line += " -x"
				case f.hint[0] == completeDir:
					line += " -x -a '(__fish_complete_directories)'"
				case f.hint[0] == completeFile:
					line += " -r -F"
				default:
					line += " -x -a '" + strings.Join(values(f.hint), " ") + "'"
				}
			}
			fmt.Fprintf(w, "%s -d '%s'\n", line, fishText(f.usage))
		}
		switch {
		case len(s.args) == 0:
		case s.args[0] == completeFile:
			fmt.Fprintf(w, "complete -c tradedocs %s -F\n", cond)
		default:
			fmt.Fprintf(w, "complete -c tradedocs %s -a '%s'\n", cond, strings.Join(s.args, " "))
		}
	}
}
