package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/internal/pdftools"
)

// runCmd runs the command line in-process and returns exit status, stdout
// and stderr.
func runCmd(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code := run(e, args)
	return code, out.String(), errb.String()
}

// needTool skips a test when a PDF reader is missing and the user allowed
// it (TRADEDOCS_SKIP_PDF_TOOLS=1), and fails it otherwise.
func needTool(t *testing.T, name string) {
	t.Helper()
	pdftools.Need(t, name)
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// pdfTextRaw is the PDF's text in the order it is drawn (pdftotext -raw).
func pdfTextRaw(t *testing.T, path string) string {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -raw %s: %v", path, err)
	}
	return string(out)
}

func TestUsageAndExitStatus(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no command", nil, exitUsage, "Usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "unknown command"},
		{"unknown flag", []string{"check", "--no-such-flag"}, exitUsage, "unknown flag"},
		{"check without files", []string{"check"}, exitUsage, "no order file"},
		{"generate with a bad paper size", []string{"generate", "--paper", "a3", "x.xlsx"}, exitUsage, "a4 or letter"},
		{"generate with a bad document list", []string{"generate", "--docs", "pl,xx", "x.xlsx"}, exitUsage, "pi, ci, pl"},
		{"words with letters", []string{"words", "12abc"}, exitUsage, "not a number"},
		{"words with a made-up currency", []string{"words", "1", "--currency", "XYZ"}, exitUsage, "ISO 4217"},
		{"memo with an unknown stage", []string{"memo", "x.xlsx", "--stage", "tip"}, exitUsage, "deposit, balance"},
		{"check of a file that is not there", []string{"check", "no-such-order.xlsx"}, exitFail, "no-such-order.xlsx"},
		{"help", []string{"--help"}, exitOK, "tradedocs generate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out+errOut, tt.err) {
				t.Errorf("output does not mention %q:\n%s%s", tt.err, out, errOut)
			}
		})
	}
}

func TestWordsCommand(t *testing.T) {
	tests := []struct {
		name, amount, currency, en, zh string
	}{
		{"dollar total with cents", "12,345.67", "USD", "SAY TOTAL US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY", "美元壹万贰仟叁佰肆拾伍元陆角柒分"},
		{"yuan with a zero inside (PBOC example)", "1409.50", "CNY", "", "人民币壹仟肆佰零玖元伍角"},
		{"yuan with zero jiao (PBOC example)", "325.04", "RMB", "", "人民币叁佰贰拾伍元零肆分"},
		{"whole yen", "1234", "JPY", "SAY TOTAL JAPANESE YEN ONE THOUSAND TWO HUNDRED THIRTY-FOUR ONLY", "日元壹仟贰佰叁拾肆元整"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, nil, "words", tt.amount, "--currency", tt.currency)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 2 {
				t.Fatalf("want 2 lines, got %q", out)
			}
			if tt.en != "" && lines[0] != tt.en {
				t.Errorf("English = %q, want %q", lines[0], tt.en)
			}
			if lines[1] != tt.zh {
				t.Errorf("Chinese = %q, want %q", lines[1], tt.zh)
			}
		})
	}
}

func TestCheckPassesEveryExample(t *testing.T) {
	code, out, errOut := runCmd(t, nil, "check", "../../examples")
	if code != exitOK {
		t.Fatalf("check examples/ exit %d\n%s%s", code, out, errOut)
	}
	if !regexp.MustCompile(`(?m)^\d+ files, \d+ orders: 0 errors, \d+ warnings?$`).MatchString(out) {
		t.Errorf("summary line missing or wrong:\n%s", out)
	}
}

// TestCheckFindsEachBrokenCell runs check on every workbook in
// testdata/broken and expects each problem listed in expected.tsv, at its
// cell.
func TestCheckFindsEachBrokenCell(t *testing.T) {
	dir := "../../testdata/broken"
	f, err := os.Open(filepath.Join(dir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type want struct{ loc, sev, msg string }
	byFile := map[string][]want{}
	var files []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 4 {
			t.Fatalf("expected.tsv: bad line %q", line)
		}
		if _, ok := byFile[parts[0]]; !ok {
			files = append(files, parts[0])
		}
		byFile[parts[0]] = append(byFile[parts[0]], want{parts[1], parts[2], parts[3]})
	}
	if len(files) < 15 {
		t.Fatalf("only %d broken workbooks listed", len(files))
	}
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			code, out, errOut := runCmd(t, nil, "check", file)
			hasError := false
			for _, w := range byFile[file] {
				if w.sev == "error" {
					hasError = true
				}
				found := false
				for _, line := range strings.Split(out, "\n") {
					if strings.HasPrefix(line, w.loc+": ") && strings.Contains(line, w.msg) &&
						(w.sev == "error") == !strings.HasPrefix(line, w.loc+": warning:") {
						found = true
					}
				}
				if !found {
					t.Errorf("want %s %s: ...%s... in\n%s%s", w.sev, w.loc, w.msg, out, errOut)
				}
			}
			if hasError && code != exitFail || !hasError && code != exitOK {
				t.Errorf("exit %d (errors expected: %v)", code, hasError)
			}
		})
	}
}

// TestTemplateLeftoversFailCheck: the blank workbook's worked example is a
// valid order, but check on the untouched template exits 1, naming each
// value left from the example.
func TestTemplateLeftoversFailCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "order.xlsx")
	if code, _, errOut := runCmd(t, nil, "template", "-o", path); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, errOut)
	}
	code, out, _ := runCmd(t, nil, "check", path)
	if code != exitFail {
		t.Errorf("check of the untouched template: exit %d, want %d\n%s", code, exitFail, out)
	}
	for _, want := range []string{
		path + `!Order!B18: buyer_name "Example Imports LLC" is still the template's example value`,
		path + `!Order!B21: buyer_email "purchasing@example.com" is still the template's example value`,
		path + `!Order!B47: bank_account "7421 0000 0000 1234" is still the template's example value`,
		path + `!Order!B4: pi_date 2024-03-05 is still the template's example date`,
		path + `!Order!B61: remarks "Example order: replace`,
		path + `!Items!C2: description_en "USB-C to USB-C charging cable, 1 m, braided nylon" is still the template's example line`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	for _, mayStay := range []string{"currency", "incoterm ", "deposit_percent", "bank_swift"} {
		if strings.Contains(out, ": "+mayStay) {
			t.Errorf("check calls %s a leftover, though real orders share it:\n%s", mayStay, out)
		}
	}
	if code, _, errOut := runCmd(t, nil, "template", "-o", path); code != exitFail || !strings.Contains(errOut, "already exists") {
		t.Errorf("second template run: exit %d, %q; want a refusal to overwrite", code, errOut)
	}
}

func hashDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = fmt.Sprintf("%x", sha256.Sum256(b))
	}
	return m
}

var swiftLine = regexp.MustCompile(`^[A-Za-z0-9/\-?:().,'+ ]{1,35}$`)
