package batch

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/pdf"
)

// ErrFileName means an order's number cannot name its documents in the
// output folder: nothing usable is left of it ("..", "///"), it names a
// device on Windows ("NUL.1"), or it gives the same file name as another
// order's ("A/B" and "A_B", "po-1" and "PO-1").
var ErrFileName = errors.New("order number cannot name a file")

// MemoDoc is the document name of the wire memo in an order's file list
// and in the manifest: <order_no>-memo.txt.
const MemoDoc = "memo"

const (
	// nameMax is the longest file name, in bytes, that Linux, macOS and
	// Windows file systems all accept (NAME_MAX on ext4, XFS, APFS; 255
	// UTF-16 units on NTFS, which 255 bytes never exceed).
	nameMax = 255
	// maxSuffix is the room kept for "-PI.pdf", "-memo.txt" or any later
	// document's suffix: the base of a name is cut to fit nameMax with the
	// longest suffix, whichever documents a run issues, so an order's
	// files share one base on every run.
	maxSuffix = 32
	// maxBaseRunes keeps names readable in a file manager.
	maxBaseRunes = 100
)

// SafeName turns an order number into a file name part that every file
// system accepts: path separators, characters Windows forbids and control
// characters become "_", leading and trailing dots and spaces go. Chinese
// and other letters stay. The result is at most 100 characters and
// 255−32 bytes, so that the name with any document's suffix fits the
// 255-byte limit of file names. An order number with nothing usable gives "".
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), unicode.IsControl(r), r == utf8.RuneError:
			b.WriteByte('_')
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Trim(b.String(), ". ")
	if r := []rune(name); len(r) > maxBaseRunes {
		name = string(r[:maxBaseRunes])
	}
	for len(name) > nameMax-maxSuffix {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	name = strings.TrimRight(name, ". ")
	if strings.Trim(name, "_ ") == "" {
		return ""
	}
	return name
}

// FileName is the name of one of an order's documents in the output
// folder, from the order's SafeName: "PO-1-PI.pdf", "PO-1-memo.txt".
func FileName(base, doc string) string {
	if doc == MemoDoc {
		return base + "-memo.txt"
	}
	return base + "-" + doc + ".pdf"
}

// docNames lists the documents a run issues per order, memo last.
func docNames(docs []pdf.Document, memos bool) []string {
	var names []string
	for _, d := range docs {
		names = append(names, string(d))
	}
	if memos {
		names = append(names, MemoDoc)
	}
	return names
}

// windowsDevices are the names Windows keeps for devices: a file whose
// name up to its first dot is one of them ("NUL.1-PI.pdf") cannot be
// created on a Windows share.
var windowsDevices = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"CONIN$": true, "CONOUT$": true}

func init() {
	for _, d := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"} {
		windowsDevices["COM"+d] = true
		windowsDevices["LPT"+d] = true
	}
}

// reservedName reports whether files named from base would name a
// Windows device: "NUL.7-PI.pdf" would, "CON-PI.pdf" would not (Windows
// looks at the name up to its first dot).
func reservedName(base string) bool {
	stem, _, dot := strings.Cut(base, ".")
	return dot && windowsDevices[strings.ToUpper(strings.TrimRight(stem, " "))]
}

// foldName is the form of a base name under which two names are the same
// file on a case-insensitive or normalising file system (Windows, macOS):
// "PO-1" and "po-1", "é" composed and decomposed.
func foldName(base string) string {
	return cases.Fold().String(norm.NFC.String(base))
}

// NameProblems checks that every order's number can name its documents
// in the output folder, the rule generate applies and check reports: the
// number must leave a usable name after SafeName, must not name a
// Windows device, and must not give the same name as an earlier order's
// (compared without case, as Windows and macOS do; an order number that
// appears twice is reported by invoice.ValidateBatch instead). Each
// problem belongs to its order and is returned in orders' order; the
// result has one entry per order (nil when the name is usable).
func NameProblems(orders []*Order) []invoice.Problems {
	out := make([]invoice.Problems, len(orders))
	owner := map[string]*Order{}
	for i, o := range orders {
		if o.Order == nil || o.OrderNo == "" {
			continue // a missing order_no is reported by validation
		}
		base, ps := orderBase(o.Order)
		if ps != nil {
			out[i] = ps
			continue
		}
		key := foldName(base)
		prev, taken := owner[key]
		switch {
		case !taken:
			owner[key] = o
		case prev.OrderNo != o.OrderNo:
			out[i] = append(out[i], invoice.Errorf(o.At("order_no"), ErrFileName,
				"order_no %q would be written as %s, as is order %q (%s); the files would overwrite each other, change one order number",
				o.OrderNo, FileName(base, "PI"), prev.OrderNo, prev.At("order_no")))
		}
	}
	return out
}

// orderBase is the base of an order's file names, or the problem that
// its order number cannot give one.
func orderBase(o *invoice.Order) (string, invoice.Problems) {
	base := SafeName(o.OrderNo)
	switch {
	case base == "":
		return "", invoice.Problems{invoice.Errorf(o.At("order_no"), ErrFileName,
			"order_no %q leaves nothing to name a file with; use letters or digits", o.OrderNo)}
	case reservedName(base):
		return "", invoice.Problems{invoice.Errorf(o.At("order_no"), ErrFileName,
			"order_no %q would name its files %s, a device name Windows reserves; change the order number", o.OrderNo, FileName(base, "PI"))}
	}
	return base, nil
}
