package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, errOut := runCmd(t, nil, args...)
		if code != exitOK || !strings.HasPrefix(out, "tradedocs ") || !strings.Contains(out, "(go1.") || errOut != "" {
			t.Errorf("tradedocs %s: exit %d, stdout %q, stderr %q; want \"tradedocs VERSION (goX)\" on stdout", args[0], code, out, errOut)
		}
	}
	if code, _, errOut := runCmd(t, nil, "version", "extra"); code != exitUsage || !strings.Contains(errOut, "extra") {
		t.Errorf("version extra: exit %d, %q; want a usage error", code, errOut)
	}

	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"installed with go install @v1.2.0", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"}},
			"tradedocs v1.2.0 (go1.26.0)"},
		{"built in a clean checkout", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "3f2a9c1d7e0b5a6c7d8e9f00112233445566778", "vcs.time", "2026-12-01T14:00:00Z", "vcs.modified", "false")},
			"tradedocs (devel) 3f2a9c1d7e0b 2026-12-01T14:00:00Z (go1.26.0)"},
		{"built with uncommitted changes", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "3f2a9c1d7e0b5a6c", "vcs.modified", "true")},
			"tradedocs (devel) 3f2a9c1d7e0b+dirty (go1.26.0)"},
		{"built without module information", nil, "tradedocs unknown (built without module information)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionLine(tt.info); got != tt.want {
				t.Errorf("versionLine = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestHelpOnStdout: `tradedocs CMD --help` and `tradedocs help CMD` print
// the same full help on standard output, so | less and | grep work.
func TestHelpOnStdout(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, nil, c.name, "--help")
			if code != exitOK || errOut != "" {
				t.Fatalf("%s --help: exit %d, stderr %q", c.name, code, errOut)
			}
			for _, want := range []string{"Usage:\n  tradedocs " + c.name, "Flags:", "--help", "Examples:\n  tradedocs ", "Exit status:\n  0 ", "2  the command line is wrong"} {
				if !strings.Contains(out, want) {
					t.Errorf("%s --help lacks %q:\n%s", c.name, want, out)
				}
			}
			code2, out2, _ := runCmd(t, nil, "help", c.name)
			if code2 != exitOK || out2 != out {
				t.Errorf("help %s (exit %d) differs from %s --help:\n%s\n---\n%s", c.name, code2, c.name, out2, out)
			}
		})
	}
	if _, out, _ := runCmd(t, nil, "generate", "--help"); !strings.Contains(out, "--font FILE") || !strings.Contains(out, "--paper a4|letter") {
		t.Errorf("generate --help does not list --font FILE and --paper a4|letter:\n%s", out)
	}
	code, out, _ := runCmd(t, nil, "help")
	for _, c := range commands {
		if code != exitOK || !strings.Contains(out, "\n  "+c.name+" ") {
			t.Errorf("help (exit %d) does not list %s:\n%s", code, c.name, out)
		}
	}
	if code, _, errOut := runCmd(t, nil, "help", "frobnicate"); code != exitUsage || !strings.Contains(errOut, `"frobnicate"`) {
		t.Errorf("help frobnicate: exit %d, %q; want a usage error naming it", code, errOut)
	}
	if code, out, errOut := runCmd(t, nil, "--help"); code != exitOK || errOut != "" || !strings.Contains(out, "Commands:") {
		t.Errorf("--help: exit %d, stdout %q, stderr %q; want the command list on stdout", code, out, errOut)
	}
}

// TestHelpExamplesParse runs each example's flags through its command's
// flag set: an example that a renamed flag broke fails here.
func TestHelpExamplesParse(t *testing.T) {
	for _, c := range commands {
		h, ok := commandHelp[c.name]
		if !ok || h.description == "" || len(h.examples) == 0 || len(h.exits) == 0 {
			t.Errorf("command %s has no description, examples or exit statuses in commandHelp", c.name)
			continue
		}
		for _, ex := range h.examples {
			fields := strings.Fields(ex)
			for len(fields) > 0 && strings.Contains(fields[0], "=") { // VAR=value prefix
				fields = fields[1:]
			}
			if i := strings.IndexAny(strings.Join(fields, " "), "<>"); i >= 0 || len(fields) < 2 {
				continue // shell redirection: not the command's own arguments
			}
			if fields[0] != "tradedocs" {
				t.Errorf("%s example %q does not start with tradedocs", c.name, ex)
				continue
			}
			name, rest := fields[1], fields[2:]
			if name == "--version" {
				continue
			}
			ec, ok := findCommand(name)
			if !ok {
				t.Errorf("%s example %q: no command %s", c.name, ex, name)
				continue
			}
			if err := commandFlags(ec).Parse(rest); err != nil {
				t.Errorf("%s example %q: %v", c.name, ex, err)
			}
		}
	}
}

func TestRefusals(t *testing.T) {
	labels := filepath.Join(t.TempDir(), "labels.json")
	if err := os.WriteFile(labels, []byte(`{"titel_pi": {"en": "PROFORMA", "zh": "形式发票"}, "remarks": {"en": "Notes", "zh": "备注"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	const order = "../../examples/usd-fob-30-70.xlsx"
	tests := []struct {
		name   string
		args   []string
		code   int
		want   string // in stderr
		forbid string // not in stderr
	}{
		{"a templates folder that does not exist", []string{"generate", order, "--templates", "no-such-folder"}, exitFail, "no-such-folder does not exist", ""},
		{"memo with a templates folder that does not exist", []string{"memo", order, "--templates", "no-such-folder"}, exitFail, "no-such-folder does not exist", ""},
		{"a labels file with a misspelled key", []string{"generate", order, "--templates", filepath.Dir(labels)}, exitFail, "unknown key titel_pi", ""},
		{"template written as .csv", []string{"template", "-o", "my.csv"}, exitUsage, ".xlsx", ""},
		{"template without an extension", []string{"template", "-o", "order"}, exitUsage, ".xlsx", ""},
		{"words of a negative amount", []string{"words", "-5"}, exitUsage, "negative", "unknown flag"},
		{"words of a negative amount with thousands", []string{"words", "-1,000.50", "--currency", "CNY"}, exitUsage, "negative", "unknown"},
		{"words of a negative amount after --", []string{"words", "--", "-5"}, exitUsage, "negative", "unknown flag"},
		{"words of minus zero, which is zero", []string{"words", "-0.00", "--currency", "CNY"}, exitOK, "", "negative"},
		{"completion for a shell we do not write", []string{"completion", "powershell"}, exitUsage, "bash, zsh, fish", ""},
		{"a flag before the command", []string{"--paper", "a4"}, exitUsage, "a command comes first", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			wd, _ := os.Getwd()
			args := append(append([]string(nil), tt.args...), "-o", filepath.Join(out, "x"))
			if tt.args[0] == "template" || tt.args[0] == "words" || tt.args[0] == "memo" || tt.args[0] == "completion" || strings.HasPrefix(tt.args[0], "-") {
				args = tt.args
				t.Chdir(out) // template must not leave a file here
			}
			if !filepath.IsAbs(order) && (tt.args[0] == "generate" || tt.args[0] == "memo") {
				for i, a := range args {
					if a == order {
						args[i] = filepath.Join(wd, order)
					}
				}
			}
			code, stdout, stderr := runCmd(t, nil, args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) || (tt.forbid != "" && strings.Contains(stderr, tt.forbid)) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q (not %q)\nstdout %q", code, stderr, tt.code, tt.want, tt.forbid, stdout)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("a refused command wrote %s", entries[0].Name())
			}
		})
	}
}

// Enum flags take the case people type: --paper A4 as printed on the ream,
// --docs PI as the documents are called.
func TestEnumFlagsIgnoreCase(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"paper A4 and docs PI", []string{"--paper", "A4", "--docs", "PI"}, []string{"-PI.pdf"}},
		{"paper Letter and docs Ci", []string{"--paper", "Letter", "--docs", "Ci"}, []string{"-CI.pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			code, _, errOut := runCmd(t, nil, append([]string{"generate", "../../examples/usd-fob-30-70.xlsx", "-o", out, "-q"}, tt.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
			if len(pdfs) != 1 || !strings.HasSuffix(pdfs[0], tt.want[0]) {
				t.Errorf("wrote %v, want one %s", pdfs, tt.want[0])
			}
		})
	}
	if code, out, errOut := runCmd(t, nil, "memo", "../../examples/usd-fob-30-70.xlsx", "--stage", "Deposit"); code != exitOK || !strings.Contains(out, "DEPOSIT") {
		t.Errorf("memo --stage Deposit: exit %d, %q %q", code, out, errOut)
	}
}

// The README's first command run twice: the second run says in a few lines
// that the documents exist and how to go on, instead of a line per file.
func TestSecondRunOfTheFirstCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code, _, errOut := runCmd(t, nil, "generate", "../../examples", "-o", out, "-q"); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, errOut)
	}
	code, _, errOut := runCmd(t, nil, "generate", "../../examples", "-o", out)
	// Warnings about the orders' content are said again; the refusal itself
	// takes a few lines.
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(errOut), "\n") {
		if !strings.Contains(l, ": warning: ") {
			lines = append(lines, l)
		}
	}
	if code != exitFail || len(lines) > 3 || !strings.Contains(errOut, "--force") || !strings.Contains(errOut, out) ||
		!strings.Contains(errOut, "already exists, as do ") {
		t.Errorf("second run: exit %d, %d lines of stderr:\n%s\nwant exit 1 and at most 3 lines naming %s and --force", code, len(lines), errOut, out)
	}
}

// The summary of a batch with bad orders names the output folder and each
// order that was not issued, with its first problem.
func TestGenerateSummaryNamesFolderAndFailures(t *testing.T) {
	in := t.TempDir()
	copyFile(t, "../../examples/usd-fob-30-70.xlsx", filepath.Join(in, "a-good.xlsx"))
	copyFile(t, "../../testdata/broken/qty-not-a-number.xlsx", filepath.Join(in, "b-bad.xlsx"))
	if err := os.WriteFile(filepath.Join(in, "c-not-an-order.csv"), []byte("hello,world\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "issued")
	code, stdout, stderr := runCmd(t, nil, "generate", in, "-o", out, "-q")
	if code != exitFail {
		t.Errorf("exit %d, want 1\n%s", code, stderr)
	}
	for _, want := range []string{
		"documents in " + out,
		"not issued (2)",
		": " + filepath.Join(in, "b-bad.xlsx") + "!Items!",
		`"12pcs"`,
		filepath.Join(in, "c-not-an-order.csv"),
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
}

// TestCompletionScripts checks that each script names every command and
// flag, and runs the bash one: completing "tradedocs generate --paper "
// offers the paper sizes.
func TestCompletionScripts(t *testing.T) {
	scripts := map[string]string{}
	for _, sh := range shells {
		code, out, errOut := runCmd(t, nil, "completion", sh)
		if code != exitOK || errOut != "" {
			t.Fatalf("completion %s: exit %d, %s", sh, code, errOut)
		}
		scripts[sh] = out
		for _, s := range completionSpecs() {
			if !strings.Contains(out, s.name) {
				t.Errorf("%s script does not name command %s", sh, s.name)
			}
			for _, f := range s.flags {
				if !strings.Contains(out, f.long) {
					t.Errorf("%s script does not name %s --%s", sh, s.name, f.long)
				}
			}
		}
	}
	// What each shell offers after --paper and for a memo's stage.
	for sh, want := range map[string][]string{
		"zsh":  {"'--paper[paper size - a4 or letter]:paper:(a4 letter)'", ":stage:(deposit balance full)", "'*:argument:(bash zsh fish)'"},
		"fish": {"-n '__fish_seen_subcommand_from generate' -l paper -x -a 'a4 letter'", "-l stage -x -a 'deposit balance full'", "-l output -s o -x -a '(__fish_complete_directories)'"},
	} {
		for _, w := range want {
			if !strings.Contains(scripts[sh], w) {
				t.Errorf("%s script lacks %q", sh, w)
			}
		}
	}
	for k := range valueHints {
		cmd, flag, _ := strings.Cut(k, " --")
		c, ok := findCommand(cmd)
		if !ok || commandFlags(c).Lookup(flag) == nil {
			t.Errorf("valueHints has %q, but %s has no flag --%s", k, cmd, flag)
		}
	}

	dir := t.TempDir()
	for sh, text := range scripts {
		if err := os.WriteFile(filepath.Join(dir, sh), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	complete := func(words ...string) string {
		t.Helper()
		script := `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _tradedocs; printf '%s\n' "${COMPREPLY[@]}"`
		out, err := exec.Command("bash", append([]string{"-c", script, "bash", filepath.Join(dir, "bash")}, words...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("bash completion of %q: %v\n%s", words, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	bashTests := []struct {
		name  string
		words []string
		want  string
	}{
		{"a command", []string{"tradedocs", "gen"}, "generate"},
		{"paper sizes", []string{"tradedocs", "generate", "--paper", ""}, "a4\nletter"},
		{"a memo's stages", []string{"tradedocs", "memo", "x.xlsx", "--stage", "b"}, "balance"},
		{"a flag", []string{"tradedocs", "words", "--cur"}, "--currency"},
		{"the shells", []string{"tradedocs", "completion", "z"}, "zsh"},
		{"help's commands", []string{"tradedocs", "help", "tem"}, "template"},
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatalf("bash is needed to test its completion: %v", err)
	}
	for _, tt := range bashTests {
		if got := complete(tt.words...); got != tt.want {
			t.Errorf("bash: %s: completing %q gives %q, want %q", tt.name, tt.words, got, tt.want)
		}
	}
	// zsh and fish check their scripts' syntax without running them.
	for _, sh := range []string{"zsh", "fish"} {
		if _, err := exec.LookPath(sh); err != nil {
			if os.Getenv("CI") != "" {
				t.Errorf("%s is required in CI to check its completion script (apt-get install zsh fish)", sh)
			} else {
				t.Logf("!!! NOT CHECKED: %s is not installed, its completion script's syntax was not checked (apt-get install %s) !!!", sh, sh)
			}
			continue
		}
		if out, err := exec.Command(sh, "-n", filepath.Join(dir, sh)).CombinedOutput(); err != nil {
			t.Errorf("%s -n on its completion script: %v\n%s", sh, err, out)
		}
	}
}
