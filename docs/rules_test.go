package docs

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// ruleID matches a rule id as the code cites it: an area prefix, a hyphen
// and a number of one or two digits (M-4, CI-12) or EN/ZH (W-ZH). Order
// numbers such as CI-240502 or PI-2024-01 do not match.
var ruleID = regexp.MustCompile(`\b(M|W|T|CI|IN|I|H|U|N|PL|A)-([0-9]{1,2}|EN|ZH)\b`)

// areaFile is the file of docs/rules each id prefix is defined in.
var areaFile = map[string]string{
	"M": "money.md", "W": "words.md", "T": "memo.md", "CI": "invoice.md",
	"I": "terms.md", "H": "terms.md", "U": "terms.md", "N": "numbers.md",
	"PL": "packing.md", "A": "amazon.md", "IN": "input.md",
}

const root = ".."

// rule is one section of docs/rules: its heading and the text under it.
type rule struct {
	file, heading, body string
}

// readRules returns the sections of docs/rules/*.md whose heading starts
// with a rule id, by id.
func readRules(t *testing.T) map[string]rule {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("rules", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule files in docs/rules: %v", err)
	}
	rules := map[string]rule{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cur string
		for n, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "#") {
				cur = ""
				heading := strings.TrimSpace(strings.TrimLeft(line, "#"))
				id, _, _ := strings.Cut(heading, " ")
				if ruleID.FindString(id) != id {
					continue
				}
				if prev, ok := rules[id]; ok {
					t.Errorf("%s:%d: %s is defined twice (also in %s)", f, n+1, id, prev.file)
				}
				cur = id
				rules[id] = rule{file: filepath.Base(f), heading: heading}
				continue
			}
			if cur != "" {
				r := rules[cur]
				r.body += line + "\n"
				rules[cur] = r
			}
		}
	}
	return rules
}

// citation is one rule id in a Go file.
type citation struct {
	id, where string
}

// goCitations returns every rule id cited in the module's .go files, with
// file:line.
func goCitations(t *testing.T) []citation {
	t.Helper()
	var cites []citation
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for n := 1; sc.Scan(); n++ {
			for _, id := range ruleID.FindAllString(sc.Text(), -1) {
				rel, _ := filepath.Rel(root, path)
				cites = append(cites, citation{id, rel + ":" + strconv.Itoa(n)})
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return cites
}

func TestEveryCitedRuleIsDefined(t *testing.T) {
	rules := readRules(t)
	cites := goCitations(t)
	if len(cites) < 100 {
		t.Fatalf("found only %d rule citations in the .go files; the scan is broken", len(cites))
	}
	for _, c := range cites {
		if _, ok := rules[c.id]; !ok {
			t.Errorf("%s cites rule %s, which no heading in docs/rules/*.md defines", c.where, c.id)
		}
	}
}

func TestRulesAreInTheirAreaWithASource(t *testing.T) {
	rules := readRules(t)
	for _, want := range []string{"M-1", "M-4", "W-EN", "W-ZH", "T-1", "T-10", "CI-1", "CI-12", "I-1", "I-3", "H-1", "U-1", "N-1", "N-3", "PL-1", "PL-2", "A-1", "A-2"} {
		if _, ok := rules[want]; !ok {
			t.Errorf("rule %s is not defined in docs/rules", want)
		}
	}
	ids := make([]string, 0, len(rules))
	for id := range rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r := rules[id]
		prefix, _, _ := strings.Cut(id, "-")
		if want := areaFile[prefix]; r.file != want {
			t.Errorf("%s is defined in %s, want %s", id, r.file, want)
		}
		if !strings.Contains(r.body, "Source:") {
			t.Errorf("%s (%s) names no source: want a line \"Source: [S] …\" or \"Source: [U] …\"", id, r.file)
		}
		if len(strings.Fields(r.body)) < 15 {
			t.Errorf("%s (%s) is too short to state a rule: %q", id, r.file, r.body)
		}
	}
}

// TestNoPathOutsideTheRepository keeps comments, docs and scripts from
// pointing at files a reader of the repository does not have.
func TestNoPathOutsideTheRepository(t *testing.T) {
	outside := []string{"/wo" + "rk/", "shared/" + "domain.md", "pdf-" + "notes.md", "domain " + "notes"}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && strings.HasPrefix(name, ".") && name != ".ci" {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".md", ".sh", ".tmpl", ".json", "":
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if len(data) > 1<<20 || bytes.IndexByte(data, 0) >= 0 {
			return nil // not a text file anyone reads as documentation
		}
		for n, line := range strings.Split(string(data), "\n") {
			for _, s := range outside {
				if strings.Contains(line, s) {
					rel, _ := filepath.Rel(root, path)
					t.Errorf("%s:%d points outside the repository (%q): %s", rel, n+1, s, strings.TrimSpace(line))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
