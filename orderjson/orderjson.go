// Package orderjson writes an order as the JSON file that travels inside
// its PI and CI (an embedded file of the PDF), and reads it back as an
// order: `tradedocs extract` prints it, and `tradedocs generate` accepts it
// as an input format, giving the same PDFs byte for byte. Every value is a
// string (amounts and quantities as plain decimals, "93416.40", no
// thousands separators) with the cell of the source file it was read
// from, so an accountant or an auditor can take the invoice's figures
// without retyping them and trace each to the spreadsheet. The format is
// described in docs/order-json.md.
package orderjson

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/tradedocs/tradedocs/invoice"
)

// Format is the value of the "format" member: the name and version of the
// layout. A reader accepts its own version and ignores members it does not
// know, so that later versions may add fields.
const Format = "tradedocs-order/1"

// FileName is the name the JSON is attached under in each PDF.
const FileName = "order.json"

// Bounds on what Read accepts: an order file is never larger, and no
// value is longer than a spreadsheet cell.
const (
	maxSize     = 16 << 20
	maxItems    = 100_000
	maxCharges  = 1_000
	maxValueLen = 32_767
)

// Value is one value of the order and the cell it was read from: "Items!F12"
// for a workbook cell, "12:5" for a CSV line and column, "Items" for a whole
// sheet; empty when the value was not read from a cell.
type Value struct {
	Value string `json:"value"`
	Cell  string `json:"cell,omitempty"`
}

// document is the JSON file.
type document struct {
	Format string `json:"format"`
	// File is the order file the order was read from, as the user named it.
	File string `json:"file"`
	// Source is where in File the order as a whole was read from.
	Source  string           `json:"source,omitempty"`
	Order   map[string]Value `json:"order"`
	Items   []line           `json:"items"`
	Charges []line           `json:"charges,omitempty"`
	// Totals are the figures tradedocs computed from the order (M-1, M-4,
	// CI-8), for a reader's convenience; Read ignores them.
	Totals map[string]string `json:"totals,omitempty"`
}

// line is an item or charge: its row and its values by key.
type line struct {
	Source string           `json:"source,omitempty"`
	Values map[string]Value `json:"values"`
}

// Marshal writes the order as JSON. The same order gives the same bytes:
// members in a fixed order (keys sorted), strings escaped by this package
// (not by whichever Go release builds it), no clock.
func Marshal(o *invoice.Order) ([]byte, error) {
	var t invoice.Totals
	if !o.Currency.IsZero() {
		t = o.Totals()
	}
	return MarshalTotals(o, t)
}

// MarshalTotals is Marshal for a caller that has the order's totals
// already (a renderer): t must be o.Totals().
func MarshalTotals(o *invoice.Order, t invoice.Totals) ([]byte, error) {
	file := o.Source.File
	w := &writer{b: make([]byte, 0, 1024+600*len(o.Items))}
	w.raw(`{"format":`)
	w.str(Format)
	// The file's name, not its path: where the user keeps it is not part
	// of the order, and the same workbook gives the same bytes wherever it
	// is read from (the command line or the web page).
	w.raw(`,"file":`)
	w.str(filepath.Base(file))
	if src := cellOf(o.Source, file); src != "" {
		w.raw(`,"source":`)
		w.str(src)
	}
	w.raw(`,"order":{`)
	first := true
	for _, f := range orderFieldsSorted {
		if v := f.get(o); v != "" {
			w.value(&first, f.key, v, cellOf(o.Where[f.key], file))
		}
	}
	w.raw(`},"items":`)
	if len(o.Items) == 0 {
		w.raw("null")
	} else {
		for i := range o.Items {
			it := &o.Items[i]
			w.sep(i == 0, '[')
			writeLine(w, o, it, itemFieldsSorted, func(k string) invoice.Location { l, _ := it.Cell(k); return l }, it.Source, file)
		}
		w.raw("]")
	}
	for i := range o.Charges {
		c := &o.Charges[i]
		if i == 0 {
			w.raw(`,"charges":[`)
		} else {
			w.raw(",")
		}
		writeLine(w, o, c, chargeFieldsSorted, func(k string) invoice.Location { return c.Where[k] }, c.Source, file)
		if i == len(o.Charges)-1 {
			w.raw("]")
		}
	}
	if !o.Currency.IsZero() {
		m := func(d decimal.Decimal) string { return o.Currency.Round(d).StringFixed(o.Currency.MinorUnits) }
		totals := [][2]string{{"balance", m(t.Balance)}, {"charges", m(t.Charges)}, {"deposit", m(t.Deposit)},
			{"deposit_percent", t.DepositPercent.String()}}
		if o.DepositReceived != nil {
			totals = append(totals, [2]string{"due", m(t.Due)})
		}
		totals = append(totals, [2]string{"goods", m(t.Goods)})
		if o.DepositReceived != nil {
			totals = append(totals, [2]string{"received", m(t.Received)})
		}
		totals = append(totals, [2]string{"total", m(t.Total)})
		w.raw(`,"totals":{`)
		for i, kv := range totals {
			if i > 0 {
				w.raw(",")
			}
			w.str(kv[0])
			w.raw(":")
			w.str(kv[1])
		}
		w.raw("}")
	}
	w.raw("}\n")
	return w.b, nil
}

// cellOf writes a location of the order file as a cell: "Sheet!B3",
// "12:5", "Sheet"; with the file's name in front when it is not the order's
// own file ("other.xlsx!Sheet!B3" is never written by tradedocs itself).
func cellOf(l invoice.Location, file string) string {
	if l.IsZero() {
		return ""
	}
	s := strings.TrimPrefix(l.String(), l.File)
	if l.File != file {
		return l.String()
	}
	return strings.TrimPrefix(strings.TrimPrefix(s, "!"), ":")
}

// locationOf reads a cell written by cellOf back into a location in file.
func locationOf(cell, file string) invoice.Location {
	if cell == "" {
		return invoice.Location{}
	}
	l := invoice.Location{File: file}
	if a, b, ok := strings.Cut(cell, ":"); ok && isDigits(a) {
		l.Line, _ = strconv.Atoi(a)
		l.Column, _ = strconv.Atoi(b)
		return l
	}
	if isDigits(cell) {
		l.Line, _ = strconv.Atoi(cell)
		return l
	}
	if i := strings.LastIndexByte(cell, '!'); i >= 0 {
		l.Sheet, l.Cell = cell[:i], cell[i+1:]
		return l
	}
	l.Sheet = cell
	return l
}

func isDigits(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ReadFile reads an order JSON file written by Marshal (or extracted from
// a PDF). Problems name the file and the member: "order.json: items[3]
// .quantity: "12pcs" is not a number".
func ReadFile(path string) (*invoice.Order, invoice.Problems) {
	at := invoice.Location{File: path}
	st, err := os.Stat(path)
	if err != nil {
		return nil, invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "cannot read the file: %v", err)}
	}
	if st.Size() > maxSize {
		return nil, invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "file is %d MB; an order file is at most %d MB", st.Size()>>20, maxSize>>20)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, invoice.Problems{invoice.Errorf(at, invoice.ErrFile, "cannot read the file: %v", err)}
	}
	return Read(path, data)
}

// Read is ReadFile on bytes in memory; name is used in problems. The
// order's own locations are those of the file it was first read from (the
// JSON's "file"), so that later problems still send the user to the
// spreadsheet cell.
func Read(name string, data []byte) (*invoice.Order, invoice.Problems) {
	at := invoice.Location{File: name}
	fail := func(kind error, format string, args ...any) (*invoice.Order, invoice.Problems) {
		return nil, invoice.Problems{invoice.Errorf(at, kind, format, args...)}
	}
	if len(data) > maxSize {
		return fail(invoice.ErrFile, "file is %d MB; an order file is at most %d MB", len(data)>>20, maxSize>>20)
	}
	if !utf8.Valid(data) {
		return fail(invoice.ErrFile, "not UTF-8 text: not an order JSON file")
	}
	var doc document
	if err := json.Unmarshal(data, &doc); err != nil {
		return fail(invoice.ErrFile, "not an order JSON file: %v", err)
	}
	if doc.Format != Format {
		return fail(invoice.ErrFile, "format %q: want %q (a file written by tradedocs extract)", doc.Format, Format)
	}
	if len(doc.Items) > maxItems || len(doc.Charges) > maxCharges {
		return fail(invoice.ErrFile, "%d items and %d charges: at most %d and %d", len(doc.Items), len(doc.Charges), maxItems, maxCharges)
	}
	r := &reader{name: name, file: doc.File}
	o := &invoice.Order{Where: map[string]invoice.Location{}, Source: locationOf(doc.Source, doc.File)}
	if o.Source.IsZero() {
		o.Source = invoice.Location{File: doc.File}
	}
	for _, key := range sortedKeys(doc.Order) {
		v := doc.Order[key]
		f, ok := orderFieldsByKey[key]
		if !ok || !r.check("order."+key, v) {
			continue // a member of a later version, or a bad value
		}
		if err := f.set(o, v.Value); err != nil {
			r.bad("order."+key, v.Value, err)
			o.Unread.Mark(key, invoice.Location{File: name}) // reported: not "missing" as well
			continue
		}
		if l := locationOf(v.Cell, doc.File); !l.IsZero() {
			o.Where[key] = l
		}
	}
	for i, l := range doc.Items {
		it := invoice.Item{Where: map[string]invoice.Location{}, Source: locationOf(l.Source, doc.File)}
		readLine(r, fmt.Sprintf("items[%d]", i), l.Values, itemFieldsByKey, &it, it.Where, &it.Unread)
		o.Items = append(o.Items, it)
	}
	for i, l := range doc.Charges {
		c := invoice.Charge{Where: map[string]invoice.Location{}, Source: locationOf(l.Source, doc.File)}
		readLine(r, fmt.Sprintf("charges[%d]", i), l.Values, chargeFieldsByKey, &c, c.Where, &c.Unread)
		o.Charges = append(o.Charges, c)
	}
	if len(r.ps) > 0 {
		return o, r.ps
	}
	return o, nil
}

// writeLine writes an item or charge l: its row and its values with their
// cells.
func writeLine[T any](w *writer, o *invoice.Order, l *T, fields []lineField[T], where func(key string) invoice.Location, source invoice.Location, file string) {
	w.raw("{")
	if src := cellOf(source, file); src != "" {
		w.raw(`"source":`)
		w.str(src)
		w.raw(",")
	}
	w.raw(`"values":{`)
	first := true
	for _, f := range fields {
		if v := f.get(o, l); v != "" {
			w.value(&first, f.key, v, cellOf(where(f.key), file))
		}
	}
	w.raw("}}")
}

// readLine sets the fields of an item or charge l from its values, and
// where each was read; path names the line in problems ("items[3]").
func readLine[T any](r *reader, path string, values map[string]Value, fields map[string]lineField[T], l *T, where map[string]invoice.Location, unread *invoice.Unread) {
	for _, key := range sortedKeys(values) {
		v := values[key]
		f, ok := fields[key]
		if !ok || !r.check(path+"."+key, v) {
			continue // a member of a later version, or a bad value
		}
		if err := f.set(l, v.Value); err != nil {
			r.bad(path+"."+key, v.Value, err)
			unread.Mark(key, invoice.Location{File: r.name}) // reported: not "missing" as well
			continue
		}
		if loc := locationOf(v.Cell, r.file); !loc.IsZero() {
			where[key] = loc
		}
	}
}

// reader collects the problems of one JSON file.
type reader struct {
	name, file string
	ps         invoice.Problems
}

func (r *reader) check(path string, v Value) bool {
	if len(v.Value) > maxValueLen || len(v.Cell) > 300 {
		r.ps = append(r.ps, invoice.Errorf(invoice.Location{File: r.name}, invoice.ErrFile, "%s: value of %d characters is longer than a spreadsheet cell allows", path, len(v.Value)))
		return false
	}
	return true
}

func (r *reader) bad(path, v string, err error) {
	kind := invoice.ErrFile
	if k, ok := err.(kindError); ok {
		kind = k.kind
	}
	r.ps = append(r.ps, invoice.Errorf(invoice.Location{File: r.name}, kind, "%s: %q %v", path, v, err))
}

// kindError is a value that cannot be read, of a problem kind.
type kindError struct {
	kind error
	msg  string
}

func (e kindError) Error() string { return e.msg }

func sortedKeys(m map[string]Value) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
