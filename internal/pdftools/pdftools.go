// Package pdftools is for the tests that check PDFs with real readers:
// poppler's pdftotext, pdffonts, pdfinfo and pdfimages, and qpdf. Without
// them those checks cannot run, and a test run must not pass quietly as if
// they had: a package's TestMain calls Main, which stops the run with the
// install instruction unless the user has said, with
// TRADEDOCS_SKIP_PDF_TOOLS=1, that the PDF checks may be skipped. On CI
// (CI set) the tools are always required.
package pdftools

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// SkipVar is the environment variable that lets the PDF checks skip when
// their tools are missing.
const SkipVar = "TRADEDOCS_SKIP_PDF_TOOLS"

// packages are the Debian packages that hold each tool.
var packages = map[string]string{
	"pdftotext": "poppler-utils",
	"pdffonts":  "poppler-utils",
	"pdfinfo":   "poppler-utils",
	"pdfimages": "poppler-utils",
	"pdftoppm":  "poppler-utils",
	"pdfdetach": "poppler-utils",
	"qpdf":      "qpdf",
}

// Missing returns the tools of names that are not on PATH, sorted.
func Missing(names ...string) []string {
	var missing []string
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			missing = append(missing, n)
		}
	}
	slices.Sort(missing)
	return slices.Compact(missing)
}

// skipAllowed reports whether missing tools may skip the checks: the user
// asked for it, and this is not CI.
func skipAllowed() bool { return os.Getenv(SkipVar) == "1" && os.Getenv("CI") == "" }

// Main runs a package's tests (call it from TestMain) when every tool in
// names is installed. When one is missing it prints what to install and
// exits with status 1 before any test runs, unless skipping is allowed:
// then the tests run, those needing a tool skip (see Need), and the last
// line says which checks were skipped.
func Main(m *testing.M, names ...string) {
	missing := Missing(names...)
	if len(missing) > 0 && !skipAllowed() {
		explain(os.Stderr, missing)
		os.Exit(1)
	}
	code := m.Run()
	if len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "SKIPPED: the PDF checks that need %s (not installed; %s=1)\n", strings.Join(missing, ", "), SkipVar)
	}
	os.Exit(code)
}

// explain writes why the tests stop and the two ways on.
func explain(w io.Writer, missing []string) {
	var pkgs []string
	for _, t := range missing {
		pkgs = append(pkgs, packages[t])
	}
	slices.Sort(pkgs)
	pkgs = slices.Compact(pkgs)
	verb := "is"
	if len(missing) > 1 {
		verb = "are"
	}
	fmt.Fprintf(w, "\n!!! The PDF checks need %s, which %s not installed.\n", strings.Join(missing, ", "), verb)
	fmt.Fprintf(w, "!!! Install: sudo apt-get install %s   (macOS: brew install poppler qpdf)\n", strings.Join(pkgs, " "))
	if os.Getenv("CI") != "" {
		fmt.Fprintf(w, "!!! CI is set: on CI the PDF checks are required.\n\n")
		return
	}
	fmt.Fprintf(w, "!!! Or run without the PDF checks: %s=1 go test ./...\n\n", SkipVar)
}

// Need skips t when the tool is missing and skipping is allowed, and fails
// it otherwise (a test called without Main, or on CI).
func Need(t testing.TB, name string) {
	t.Helper()
	if len(Missing(name)) == 0 {
		return
	}
	if skipAllowed() {
		t.Skipf("SKIPPED: %s is not installed (%s=1); install %s to run this check", name, SkipVar, packages[name])
	}
	t.Fatalf("%s is not installed: install %s (or set %s=1 outside CI to skip the PDF checks)", name, packages[name], SkipVar)
}
