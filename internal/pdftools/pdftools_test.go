package pdftools

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMissingAndExplain(t *testing.T) {
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "pdftotext"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	got := Missing("pdftotext", "qpdf", "pdffonts", "qpdf")
	if strings.Join(got, " ") != "pdffonts qpdf" {
		t.Errorf("Missing = %q, want [pdffonts qpdf]: pdftotext is on PATH, qpdf listed twice", got)
	}
	tests := []struct {
		name, ci string
		want     []string
		forbid   string
	}{
		{"on a developer's machine", "", []string{"pdffonts, qpdf, which are not installed", "apt-get install poppler-utils qpdf", SkipVar + "=1 go test ./..."}, "CI is set"},
		{"on CI", "true", []string{"apt-get install poppler-utils qpdf", "on CI the PDF checks are required"}, SkipVar},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			var b bytes.Buffer
			explain(&b, got)
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("explanation lacks %q:\n%s", w, b.String())
				}
			}
			if strings.Contains(b.String(), tt.forbid) {
				t.Errorf("explanation has %q:\n%s", tt.forbid, b.String())
			}
		})
	}
}

func TestSkipAllowedOnlyOutsideCI(t *testing.T) {
	tests := []struct {
		name, skip, ci string
		want           bool
	}{
		{"the user asked to skip", "1", "", true},
		{"nobody asked", "", "", false},
		{"asked, but on CI", "1", "true", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(SkipVar, tt.skip)
			t.Setenv("CI", tt.ci)
			if got := skipAllowed(); got != tt.want {
				t.Errorf("skipAllowed() = %v, want %v", got, tt.want)
			}
		})
	}
}
