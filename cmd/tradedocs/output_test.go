package main

import (
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tradedocs/tradedocs/batch"
	"github.com/tradedocs/tradedocs/internal/testorders"
)

// buildBinary builds the tradedocs command for tests that run it as a
// user would: several at once, killed, under a file size limit.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tradedocs")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writeOrders writes a CSV of one-line orders with the given numbers.
func writeOrders(t *testing.T, path string, nos ...string) {
	t.Helper()
	b, err := testorders.CSV("../../examples/orders.csv", nos...)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func numbered(prefix string, n int) []string {
	var nos []string
	for i := 1; i <= n; i++ {
		nos = append(nos, fmt.Sprintf("%s-%03d", prefix, i))
	}
	return nos
}

// manifestRows reads manifest.csv as a spreadsheet program would: file →
// SHA-256, and the number of rows.
func manifestRows(t *testing.T, dir string) (map[string]string, int) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, batch.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("manifest.csv: %v", err)
	}
	m := map[string]string{}
	for _, r := range recs[1:] {
		m[r[2]] = r[3]
	}
	return m, len(recs) - 1
}

// documents lists the documents in dir with their SHA-256; hidden files
// are reported separately (ours: the lock file, and temporary files
// that must not outlive a run).
func documents(t *testing.T, dir string) (docs map[string]string, hidden []string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	docs = map[string]string{}
	for _, e := range entries {
		switch {
		case strings.HasPrefix(e.Name(), "."):
			hidden = append(hidden, e.Name())
		case e.Name() != batch.ManifestName:
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			docs[e.Name()] = fmt.Sprintf("%x", sha256.Sum256(b))
		}
	}
	return docs, hidden
}

// wholeOrders checks that each order has all three of its files or none,
// and returns how many are whole. Orders named in allowed may be half
// (a run was killed while committing them).
func wholeOrders(t *testing.T, docs map[string]string, nos []string, allowed map[string]bool) (whole int) {
	t.Helper()
	for _, no := range nos {
		n := 0
		for _, suffix := range []string{"-PI.pdf", "-CI.pdf", "-memo.txt"} {
			if _, ok := docs[no+suffix]; ok {
				n++
			}
		}
		switch {
		case n == 3:
			whole++
		case n != 0 && !allowed[no]:
			t.Errorf("order %s is half issued: %d of its 3 files", no, n)
		}
	}
	return whole
}

// Twelve runs into one folder at once: every run issues its orders and
// the manifest lists every file, with its true SHA-256.
func TestConcurrentRunsKeepEveryManifestRow(t *testing.T) {
	td := buildBinary(t)
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	var all []string
	var cmds []*exec.Cmd
	for i := 0; i < 12; i++ {
		nos := numbered(fmt.Sprintf("RUN%02d", i), 3)
		all = append(all, nos...)
		file := filepath.Join(in, fmt.Sprintf("run%02d.csv", i))
		writeOrders(t, file, nos...)
		cmds = append(cmds, exec.Command(td, "generate", file, "-o", out, "-q", "--workers", "1"))
	}
	var wg sync.WaitGroup
	outs := make([][]byte, len(cmds))
	errs := make([]error, len(cmds))
	for i, c := range cmds {
		wg.Add(1)
		go func() { defer wg.Done(); outs[i], errs[i] = c.CombinedOutput() }()
	}
	wg.Wait()
	for i := range cmds {
		if errs[i] != nil {
			t.Errorf("run %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	docs, hidden := documents(t, out)
	if len(docs) != 3*len(all) || wholeOrders(t, docs, all, nil) != len(all) {
		t.Errorf("%d documents for %d orders", len(docs), len(all))
	}
	rows, n := manifestRows(t, out)
	if n != len(docs) {
		t.Errorf("manifest has %d rows for %d documents", n, len(docs))
	}
	for name, sum := range docs {
		if rows[name] != sum {
			t.Errorf("%s: manifest SHA-256 %q, file %s", name, rows[name], sum)
		}
	}
	if len(hidden) != 1 {
		t.Errorf("hidden files left: %v, want only the lock file", hidden)
	}
}

// A batch killed with SIGKILL half-way leaves whole orders (each in the
// manifest) or none, and --resume issues the rest without touching them.
func TestKilledBatchResumes(t *testing.T) {
	td := buildBinary(t)
	in := filepath.Join(t.TempDir(), "orders.csv")
	out := filepath.Join(t.TempDir(), "out")
	nos := numbered("KILL", 300)
	writeOrders(t, in, nos...)
	cmd := exec.Command(td, "generate", in, "-o", out, "-q", "--workers", "2")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	manifest := filepath.Join(out, batch.ManifestName)
	deadline := time.Now().Add(60 * time.Second)
poll:
	for {
		select {
		case err := <-exited:
			t.Fatalf("the batch ended (%v) before it could be killed: make it larger", err)
		default:
		}
		if b, _ := os.ReadFile(manifest); strings.Count(string(b), "\n") > 1+3*20 || time.Now().After(deadline) {
			break poll
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Kill() // SIGKILL
	<-exited

	docs, hidden := documents(t, out)
	// A kill between the links of one order's files leaves that order's
	// journal; the next run undoes or completes it.
	inCommit := map[string]bool{}
	for _, h := range hidden {
		if strings.HasSuffix(h, ".commit") {
			b, _ := os.ReadFile(filepath.Join(out, h))
			no, _, _ := strings.Cut(string(b), ",")
			inCommit[no] = true
		}
	}
	whole := wholeOrders(t, docs, nos, inCommit)
	if whole < 20 || whole >= len(nos) {
		t.Fatalf("%d whole orders after the kill", whole)
	}
	rows, _ := manifestRows(t, out)
	for name, sum := range docs {
		no := name[:len("KILL-000")]
		if !inCommit[no] && rows[name] != sum {
			t.Errorf("%s of a whole order is not in the manifest", name)
		}
	}
	before := map[string]time.Time{}
	for name := range docs {
		st, _ := os.Stat(filepath.Join(out, name))
		before[name] = st.ModTime()
	}

	code, stdout, _ := runBinary(t, td, "generate", in, "-o", out, "-q", "--resume")
	if code != 0 || !strings.Contains(stdout, "already issued, left untouched") {
		t.Fatalf("--resume: exit %d, %s", code, stdout)
	}
	after, hidden := documents(t, out)
	if wholeOrders(t, after, nos, nil) != len(nos) {
		t.Error("--resume did not complete the batch")
	}
	for name, sum := range docs {
		if inCommit[name[:len("KILL-000")]] {
			continue
		}
		st, _ := os.Stat(filepath.Join(out, name))
		if after[name] != sum || !st.ModTime().Equal(before[name]) {
			t.Errorf("--resume touched %s", name)
		}
	}
	rows, n := manifestRows(t, out)
	if n != 3*len(nos) {
		t.Errorf("manifest has %d rows, want %d", n, 3*len(nos))
	}
	for name, sum := range after {
		if rows[name] != sum {
			t.Errorf("%s not in the manifest with its SHA-256", name)
		}
	}
	if len(hidden) != 1 {
		t.Errorf("hidden files left after --resume: %v, want only the lock file", hidden)
	}
}

func runBinary(t *testing.T, td string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr strings.Builder
	cmd := exec.Command(td, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), stdout.String(), stderr.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, stdout.String(), stderr.String()
}

// A disk that fills up (here: a file size limit, which fails a write the
// same way) fails the orders whose files do not fit, whole, and leaves the
// others issued; --resume then issues the rest.
func TestFullDiskLeavesNoHalfOrder(t *testing.T) {
	td := buildBinary(t)
	ref := t.TempDir()
	if code, _, stderr := runBinary(t, td, "generate", "../../examples", "-o", ref, "-q"); code != 0 {
		t.Fatalf("reference run: %d %s", code, stderr)
	}
	docs, _ := documents(t, ref)
	var nos []string
	smallest, largest := int64(1<<62), int64(0)
	for name := range docs {
		if no, ok := strings.CutSuffix(name, "-PI.pdf"); ok {
			nos = append(nos, no)
		}
		if strings.HasSuffix(name, ".pdf") {
			st, _ := os.Stat(filepath.Join(ref, name))
			smallest, largest = min(smallest, st.Size()), max(largest, st.Size())
		}
	}
	limit := (smallest + largest) / 2 / 1024 // bash counts 1024-byte blocks
	if limit*1024 <= smallest || limit*1024 >= largest {
		t.Fatalf("the examples' PDFs (%d to %d bytes) are too alike to split with a size limit", smallest, largest)
	}
	out := t.TempDir()
	code, _, stderr := runBinary(t, "bash", "-c", fmt.Sprintf(`ulimit -f %d && exec "$0" "$@"`, limit), td, "generate", "../../examples", "-o", out, "-q")
	if code != exitFail || !strings.Contains(stderr, "file too large") || !strings.Contains(stderr, "none of its files written") {
		t.Errorf("exit %d, stderr:\n%s\nwant each order that did not fit reported", code, stderr)
	}
	got, hidden := documents(t, out)
	if whole := wholeOrders(t, got, nos, nil); whole == 0 || whole == len(nos) {
		t.Errorf("%d of %d orders issued under a limit of %d KiB; want some but not all", whole, len(nos), limit)
	}
	rows, _ := manifestRows(t, out)
	if len(rows) != len(got) || len(hidden) != 1 {
		t.Errorf("manifest lists %d files of %d; hidden files %v", len(rows), len(got), hidden)
	}
	if code, stdout, stderr := runBinary(t, td, "generate", "../../examples", "-o", out, "-q", "--resume"); code != 0 {
		t.Errorf("--resume: exit %d %s %s", code, stdout, stderr)
	}
	if got, _ := documents(t, out); len(got) != len(docs) {
		t.Errorf("after --resume %d documents, want %d", len(got), len(docs))
	}
}

// File names that cannot be written are errors of their orders, in check
// as in generate, and the rest of the batch is issued.
func TestUnusableFileNamesArePerOrder(t *testing.T) {
	in := filepath.Join(t.TempDir(), "orders.csv")
	writeOrders(t, in, "PO-1", "A/B", "A_B", "..", strings.Repeat("订", 100))
	for _, cmd := range []string{"check", "generate"} {
		t.Run(cmd, func(t *testing.T) {
			out := t.TempDir()
			code, stdout, stderr := runCmd(t, nil, cmd, in, "-o", out, "-q")
			if cmd == "check" {
				code, stdout, stderr = runCmd(t, nil, cmd, in)
			}
			text := stdout + stderr
			for _, want := range []string{`orders.csv:4:1: order_no "A_B" would be written as A_B-PI.pdf, as is order "A/B" (`, `orders.csv:5:1: order_no ".." leaves nothing`} {
				if !strings.Contains(text, want) {
					t.Errorf("%s output lacks %q:\n%s", cmd, want, text)
				}
			}
			if code != exitFail {
				t.Errorf("exit %d, want 1", code)
			}
			if cmd == "generate" {
				docs, _ := documents(t, out)
				if len(docs) != 6 || docs["PO-1-PI.pdf"] == "" || docs["A_B-memo.txt"] == "" {
					t.Errorf("issued %v; want PO-1 and A/B", sortedNames(docs))
				}
			}
		})
	}
}

func sortedNames(m map[string]string) []string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	return names
}

func TestGenerateFlagBounds(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"no workers", nil, []string{"--workers", "0"}, exitUsage, "--workers 0: want 1 to 256"},
		{"a huge worker count", nil, []string{"--workers", "9223372036854775807"}, exitUsage, "--workers 9223372036854775807: want 1 to 256"},
		{"negative workers", nil, []string{"-j", "-3"}, exitUsage, "want 1 to 256"},
		{"a negative SOURCE_DATE_EPOCH", map[string]string{"SOURCE_DATE_EPOCH": "-1"}, nil, exitUsage, `SOURCE_DATE_EPOCH="-1"`},
		{"a SOURCE_DATE_EPOCH past year 9999", map[string]string{"SOURCE_DATE_EPOCH": "253402300800"}, nil, exitUsage, `SOURCE_DATE_EPOCH="253402300800"`},
		{"a SOURCE_DATE_EPOCH with a fraction", map[string]string{"SOURCE_DATE_EPOCH": "1709596800.5"}, nil, exitUsage, "SOURCE_DATE_EPOCH"},
		{"resume and force together", nil, []string{"--resume", "--force"}, exitUsage, "--resume and --force"},
		{"the last date a PDF can carry", map[string]string{"SOURCE_DATE_EPOCH": "253402300799"}, []string{"--workers", "256"}, exitOK, "1 order, 3 PDFs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"generate", "../../examples/usd-fob-30-70.xlsx", "-o", t.TempDir()}, tt.args...)
			code, stdout, stderr := runCmd(t, tt.env, args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
				t.Errorf("exit %d, output %q; want %d and %q", code, stdout+stderr, tt.code, tt.want)
			}
		})
	}
}

// A panic is an internal error with its own exit status and the words
// to report it, never a usage error.
func TestPanicIsAnInternalError(t *testing.T) {
	saved := commands
	defer func() { commands = saved }()
	commands = append(commands, command{name: "crash", run: func(*env, []string) error {
		var m map[string]int
		m["x"]++ // a nil map: the kind of bug a panic is
		return nil
	}})
	code, _, stderr := runCmd(t, nil, "crash")
	if code != exitInternal || code == exitUsage || !strings.Contains(stderr, "internal error") ||
		!strings.Contains(stderr, "please report") || strings.Contains(stderr, "usage:") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// A manifest edited by hand stops generate before it writes anything,
// naming the file and the line, with exit status 1.
func TestGenerateRefusesAnEditedManifest(t *testing.T) {
	out := t.TempDir()
	manifest := "order_no,document,file,sha256,total,currency,paid\n"
	os.WriteFile(filepath.Join(out, batch.ManifestName), []byte(manifest), 0o644)
	code, _, stderr := runCmd(t, nil, "generate", "../../examples/usd-fob-30-70.xlsx", "-o", out, "-q")
	if code != exitFail || !strings.Contains(stderr, filepath.Join(out, "manifest.csv")+":1: header") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if docs, _ := documents(t, out); len(docs) != 0 {
		t.Errorf("documents written: %v", sortedNames(docs))
	}
}
