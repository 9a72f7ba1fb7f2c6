package templates

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOverlayReplacesFileByFile(t *testing.T) {
	dir := t.TempDir()
	custom := []byte("{{.Purpose}} {{.OrderRef}} {{.Stage}}\n")
	if err := os.WriteFile(filepath.Join(dir, "memo.tmpl"), custom, 0o644); err != nil {
		t.Fatal(err)
	}
	bundledLabels, err := Bundled.ReadFile("labels.json")
	if err != nil || !bytes.Contains(bundledLabels, []byte("形式发票")) {
		t.Fatalf("bundled labels.json: %v, %.60q", err, bundledLabels)
	}
	tests := []struct {
		name, file string
		set        Set
		want       []byte
	}{
		{"a user's memo wording replaces the bundled one", "memo.tmpl", Overlay(dir), custom},
		{"a file the user did not change falls back to the bundled one", "labels.json", Overlay(dir), bundledLabels},
		{"an empty directory changes nothing", "labels.json", Overlay(t.TempDir()), bundledLabels},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.set.ReadFile(tt.file)
			if err != nil || !bytes.Equal(got, tt.want) {
				t.Errorf("ReadFile(%s) = %.60q, %v; want %.60q", tt.file, got, err, tt.want)
			}
		})
	}
	if _, err := Bundled.ReadFile("no-such.tmpl"); err == nil {
		t.Error("reading a template that does not exist succeeded")
	}
}

func TestOverlayOfAFolderThatIsNotThere(t *testing.T) {
	file := filepath.Join(t.TempDir(), "labels.json")
	if err := os.WriteFile(file, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir, want string
	}{
		{"a mistyped --templates folder", filepath.Join(t.TempDir(), "templtes"), "templtes does not exist"},
		{"a file given as the folder", file, "is a file, not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Overlay(tt.dir).ReadFile("memo.tmpl")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadFile = %d bytes, %v; want an error containing %q, not the bundled wording", len(b), err, tt.want)
			}
		})
	}
	if err := Overlay(t.TempDir()).Check(); err != nil {
		t.Errorf("an empty folder that exists: %v", err)
	}
}
