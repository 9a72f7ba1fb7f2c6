package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtractedOrderGivesTheSamePDFs issues every example, extracts the
// order each PI and CI carries, and issues the documents again from the
// extracted JSON: they must be the same files, byte for byte.
func TestExtractedOrderGivesTheSamePDFs(t *testing.T) {
	needTool(t, "pdfdetach")
	first, again, jsonDir := t.TempDir(), t.TempDir(), t.TempDir()
	vars := map[string]string{"SOURCE_DATE_EPOCH": "1714608000"}
	if code, out, errs := runCmd(t, vars, "generate", "../../examples", "-o", first, "--quiet"); code != exitOK {
		t.Fatalf("generate: exit %d\n%s%s", code, out, errs)
	}
	pis, _ := filepath.Glob(filepath.Join(first, "*-PI.pdf"))
	if len(pis) < 5 {
		t.Fatalf("%d PIs issued from the examples", len(pis))
	}
	for _, pi := range pis {
		ci := strings.TrimSuffix(pi, "-PI.pdf") + "-CI.pdf"
		list, err := exec.Command("pdfdetach", "-list", pi).CombinedOutput()
		if err != nil || !strings.Contains(string(list), "order.json") {
			t.Errorf("pdfdetach -list %s: %v\n%s", filepath.Base(pi), err, list)
		}
		code, fromPI, errs := runCmd(t, nil, "extract", pi)
		if code != exitOK {
			t.Fatalf("extract %s: exit %d: %s", pi, code, errs)
		}
		if _, fromCI, _ := runCmd(t, nil, "extract", ci); fromCI != fromPI {
			t.Errorf("%s and its CI carry different orders", filepath.Base(pi))
		}
		var doc struct {
			Format string `json:"format"`
			File   string `json:"file"`
			Order  map[string]struct{ Value, Cell string }
		}
		if err := json.Unmarshal([]byte(fromPI), &doc); err != nil {
			t.Fatalf("extract printed no JSON: %v\n%s", err, fromPI)
		}
		if doc.Format != "tradedocs-order/1" || doc.File == "" || doc.Order["order_no"].Value == "" {
			t.Errorf("extracted JSON lacks format, file or order number: %+v", doc)
		}
		if strings.HasSuffix(doc.File, ".xlsx") && doc.Order["order_no"].Cell == "" {
			t.Errorf("%s: order number without its cell", doc.File)
		}
		name := strings.TrimSuffix(filepath.Base(pi), "-PI.pdf") + ".json"
		if err := os.WriteFile(filepath.Join(jsonDir, name), []byte(fromPI), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out, errs := runCmd(t, vars, "generate", jsonDir, "-o", again, "--quiet"); code != exitOK {
		t.Fatalf("generate from the extracted JSON: exit %d\n%s%s", code, out, errs)
	}
	made, _ := filepath.Glob(filepath.Join(first, "*.pdf"))
	for _, a := range made {
		want, _ := os.ReadFile(a)
		got, err := os.ReadFile(filepath.Join(again, filepath.Base(a)))
		if err != nil {
			t.Errorf("%s not issued from the JSON: %v", filepath.Base(a), err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s from the JSON differs from the one from the spreadsheet (%d and %d bytes)", filepath.Base(a), len(got), len(want))
		}
	}
}

func TestExtractRefusesWhatItCannotRead(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "scan.pdf")
	if err := os.WriteFile(plain, []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"a PDF tradedocs did not issue", []string{plain}, exitFail, "carries no tradedocs order"},
		{"a missing file", []string{filepath.Join(dir, "nope.pdf")}, exitFail, "nope.pdf"},
		{"no file", nil, exitUsage, "give exactly one PDF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, nil, append([]string{"extract"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.want) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errs, tc.code, tc.want)
			}
		})
	}
}
