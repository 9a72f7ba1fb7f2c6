package spreadsheet

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tradedocs/tradedocs/invoice"
)

// Round trips through a real spreadsheet program (N-1, N-2): every example
// and every broken file is opened by LibreOffice and saved again as .xlsx
// and as CSV, as users do, and read back. Each must read as the same order,
// or its problems must name the cells the program damaged; an order
// without errors (one generate would issue) never holds a damaged value.

// needSoffice returns LibreOffice's command, skipping the test loudly when
// it is missing; in CI (CI set) a missing LibreOffice fails the test.
func needSoffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("LibreOffice (soffice) is required in CI: apt-get install libreoffice-calc-nogui")
	}
	t.Skip("!!! SKIPPING: LibreOffice (soffice) is not installed (apt-get install libreoffice-calc-nogui); round trips through a spreadsheet program are not tested !!!")
	return ""
}

// loConvert saves files with LibreOffice in format to dir, with its own
// user profile so that parallel runs do not collide.
func loConvert(t *testing.T, soffice, format, infilter, dir string, files []string) {
	t.Helper()
	if len(files) == 0 {
		return
	}
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile")), "--headless"}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	args = append(args, "--convert-to", format, "--outdir", dir)
	args = append(args, files...)
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice %s: %v\n%s", format, err, out)
	}
}

// loCSV is LibreOffice's CSV export: comma, double quotes, UTF-8.
const loCSV = "csv:Text - txt - csv (StarCalc):44,34,76,1"

// orderDigest is everything an order says, without where it was read from,
// for comparing an order with its round trip.
func orderDigest(o *invoice.Order) string {
	c := *o
	c.Where, c.Unread, c.Source = nil, nil, invoice.Location{}
	c.Logo, c.Chop = filepath.Base(c.Logo), filepath.Base(c.Chop)
	c.Items = slices.Clone(o.Items)
	for i := range c.Items {
		c.Items[i].Where, c.Items[i].Unread, c.Items[i].Source = nil, nil, invoice.Location{}
		c.Items[i].Columns, c.Items[i].Row = nil, 0
	}
	c.Charges = slices.Clone(o.Charges)
	for i := range c.Charges {
		c.Charges[i].Where, c.Charges[i].Unread, c.Charges[i].Source = nil, nil, invoice.Location{}
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%s dates %s %s %s %s", b, o.PIDate, o.ValidUntil, o.CIDate, o.Shipment.ShipDate)
}

// damaged are the kinds of problem a spreadsheet program causes by reading
// digits as a number: an identifier whose digits were lost (N-1), an HS
// code whose trailing zeros were dropped (6912.00 → 6912).
var damaged = []error{invoice.ErrDigitsLost, invoice.ErrHSCode}

// lostDigits finds a value in exponent form or a run of zeros left where
// digits were lost: what must never reach a document.
var lostDigits = regexp.MustCompile(`\d[eE][-+]?\d|\d{10,}0000\b`)

type roundTrip struct {
	orig, saved string // files
	format      string // "xlsx" or "csv"
}

func TestLibreOfficeRoundTrips(t *testing.T) {
	soffice := needSoffice(t)
	var xlsx, csvUTF8, csvGBK []string
	for _, dir := range []string{fixtureExamplesDir, fixtureBrokenDir} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			p, _ := filepath.Abs(filepath.Join(dir, e.Name()))
			switch {
			case e.Name() == "not-a-spreadsheet.xlsx" || e.Name() == "corrupt.xlsx":
				// Not workbooks: LibreOffice opens them as something else.
			case strings.HasSuffix(e.Name(), ".xlsx"):
				xlsx = append(xlsx, p)
			case strings.HasPrefix(e.Name(), "gbk-"):
				csvGBK = append(csvGBK, p)
			case strings.HasSuffix(e.Name(), ".csv"):
				csvUTF8 = append(csvUTF8, p)
			}
		}
	}
	toX, toC := t.TempDir(), t.TempDir()
	loConvert(t, soffice, "xlsx", "", toX, xlsx)
	loConvert(t, soffice, loCSV, "", toC, xlsx)
	for _, in := range []struct {
		files  []string
		filter string
	}{{csvUTF8, "CSV:44,34,76,1"}, {csvGBK, "CSV:44,34,85,1"}} { // 76 UTF-8, 85 GB 18030
		loConvert(t, soffice, "xlsx", in.filter, toX, in.files)
		loConvert(t, soffice, loCSV, in.filter, toC, in.files)
	}
	var trips []roundTrip
	for _, f := range append(append(xlsx, csvUTF8...), csvGBK...) {
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		trips = append(trips, roundTrip{f, filepath.Join(toX, base+".xlsx"), "xlsx"}, roundTrip{f, filepath.Join(toC, base+".csv"), "csv"})
	}
	if len(trips) < 60 {
		t.Fatalf("only %d round trips", len(trips))
	}
	for _, rt := range trips {
		t.Run(filepath.Base(rt.orig)+" as "+rt.format, func(t *testing.T) {
			if _, err := os.Stat(rt.saved); err != nil {
				t.Fatalf("LibreOffice wrote no %s: %v", rt.saved, err)
			}
			checkRoundTrip(t, rt)
		})
	}
}

// readAll reads a file's orders, each with its reading and validation
// problems.
func readAll(path string) ([]*invoice.Order, []invoice.Problems, invoice.Problems) {
	rs, fps := ReadFile(path, Options{})
	var orders []*invoice.Order
	var ps []invoice.Problems
	for _, r := range rs {
		orders = append(orders, r.Order)
		ps = append(ps, append(append(invoice.Problems(nil), r.Problems...), r.Order.Validate()...))
	}
	return orders, ps, fps
}

// message is a problem without its location, which differs between a
// workbook and its CSV copy, and without the file's name and folder.
func message(p invoice.Problem, file string) string {
	m := strings.ReplaceAll(p.Message, file, "FILE")
	m = strings.ReplaceAll(m, filepath.Dir(file), "DIR")
	return p.Severity.String() + ": " + m
}

// messages are message of each of a file's problems, sorted.
func messages(file string, fps invoice.Problems, ps []invoice.Problems) []string {
	var ms []string
	for _, p := range append(slices.Concat(ps...), fps...) {
		ms = append(ms, message(p, file))
	}
	slices.Sort(ms)
	return ms
}

func checkRoundTrip(t *testing.T, rt roundTrip) {
	orders, ps, fps := readAll(rt.orig)
	rOrders, rps, rfps := readAll(rt.saved)
	if filepath.Base(rt.orig) == "orders.csv" {
		// LibreOffice reads the 19- and 20-digit accounts as numbers: each
		// of the five lines' account cell (column L, the 12th) is named.
		var at []string
		for _, p := range slices.Concat(rps...) {
			if errors.Is(p, invoice.ErrDigitsLost) && strings.HasPrefix(p.Message, "bank_account ") {
				at = append(at, fmt.Sprintf("%s%d", p.Where.Cell, p.Where.Column))
			}
		}
		want := []string{"L20", "L30", "L40", "L50", "L60"}
		if rt.format == "csv" {
			want = []string{"12", "12", "12", "12", "12"}
		}
		if !slices.Equal(at, want) {
			t.Errorf("damaged accounts reported at %q, want %q", at, want)
		}
	}
	// Never a damaged value in an order that would be issued.
	for i, o := range rOrders {
		if rps[i].HasErrors() {
			continue
		}
		d := orderDigest(o)
		if m := lostDigits.FindString(d); m != "" {
			t.Errorf("order %s would be issued with a damaged value (%s): %s", o.OrderNo, m, d)
		}
		same := false
		for _, orig := range orders {
			same = same || orderDigest(orig) == d
		}
		if !same {
			t.Errorf("order %s reads differently after the round trip and has no error:\n%s", o.OrderNo, d)
		}
	}
	before, after := messages(rt.orig, fps, ps), messages(rt.saved, rfps, rps)
	if slices.Equal(before, after) && len(orders) == len(rOrders) {
		for i := range orders {
			if a, b := orderDigest(orders[i]), orderDigest(rOrders[i]); a != b {
				t.Errorf("order %d differs:\n%s\n%s", i+1, a, b)
			}
		}
		return
	}
	// Otherwise every new problem names a cell the program damaged, or the
	// file as a whole (a workbook of several sheets is no CSV file).
	if rt.format == "xlsx" && filepath.Dir(rt.orig) == must(filepath.Abs(fixtureExamplesDir)) && strings.HasSuffix(rt.orig, ".xlsx") {
		t.Errorf("an example workbook saved again by LibreOffice reads differently:\n%q\n%q", before, after)
	}
	was := map[string]bool{}
	for _, m := range before {
		was[m] = true
	}
	newErrors := 0
	for _, p := range append(slices.Concat(rps...), rfps...) {
		if was[message(p, rt.saved)] {
			continue
		}
		if p.Severity == invoice.Error {
			newErrors++
		}
		isDamage := slices.ContainsFunc(damaged, func(k error) bool { return errors.Is(p, k) })
		wholeFile := rt.format == "csv" && len(rOrders) == 0
		derived := p.Severity == invoice.Warning || errors.Is(p, invoice.ErrMissing) && rt.format == "csv"
		// Logo and chop paths are relative to the workbook, which moved.
		moved := errors.Is(p, invoice.ErrFile) && (strings.HasPrefix(p.Message, "logo ") || strings.HasPrefix(p.Message, "chop "))
		if !isDamage && !wholeFile && !derived && !moved {
			t.Errorf("new problem that names no damaged cell: %v", p)
		}
		if isDamage && p.Where.Cell == "" && p.Where.Line == 0 {
			t.Errorf("damage reported without its cell: %v", p)
		}
	}
	if newErrors == 0 && !hasErrors(ps, fps) {
		t.Errorf("the round trip changed the problems without an error:\n%q\n%q", before, after)
	}
}

func hasErrors(ps []invoice.Problems, fps invoice.Problems) bool {
	return fps.HasErrors() || slices.ContainsFunc(ps, invoice.Problems.HasErrors)
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}
