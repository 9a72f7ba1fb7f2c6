package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"sync"
)

// fpdf compresses every stream with zlib.BestSpeed. Font programs are most
// of an invoice's bytes, and the default level makes them ~7% smaller
// (BestCompression gains 0.1% more at twice the time), which with
// compactWidths keeps a 20-line bilingual PI (~400 distinct glyphs) under
// 80 KB. recompress rewrites fpdf's output with each Flate stream
// recompressed and the cross-reference table rebuilt. It handles the
// classic xref table fpdf writes and nothing else: anything unexpected is
// an error, and the caller keeps fpdf's own bytes.

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reXrefHead  = regexp.MustCompile(`^xref\n0 (\d+)\n`)
	reObjHead   = regexp.MustCompile(`^(\d+) 0 obj\n`)
	reLength    = regexp.MustCompile(`/Length (\d+)`)
)

// writers are reused: a new flate writer allocates ~1 MB.
var writers = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(io.Discard, zlib.DefaultCompression)
	return w
}}

func recompress(in []byte) ([]byte, error) {
	m := reStartXref.FindSubmatch(in)
	if m == nil {
		return nil, errors.New("no startxref")
	}
	xrefAt, _ := strconv.Atoi(string(m[1]))
	if xrefAt <= 0 || xrefAt >= len(in) {
		return nil, errors.New("startxref out of range")
	}
	xm := reXrefHead.FindSubmatch(in[xrefAt:])
	if xm == nil {
		return nil, errors.New("no classic xref table")
	}
	n, _ := strconv.Atoi(string(xm[1]))
	entries := in[xrefAt+len(xm[0]):]
	if len(entries) < 20*n {
		return nil, errors.New("short xref table")
	}
	trailer := entries[20*n:]
	if i := bytes.Index(trailer, []byte("startxref")); i >= 0 {
		trailer = trailer[:i]
	}
	type obj struct{ num, off int }
	var objs []obj
	for i := 1; i < n; i++ {
		e := entries[20*i : 20*i+20]
		if e[17] != 'n' {
			return nil, fmt.Errorf("xref entry %d is not in use", i)
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off >= xrefAt {
			return nil, fmt.Errorf("bad xref entry %d", i)
		}
		objs = append(objs, obj{i, off})
	}
	slices.SortFunc(objs, func(a, b obj) int { return a.off - b.off })
	if len(objs) == 0 {
		return nil, errors.New("no objects")
	}

	out := bytes.NewBuffer(make([]byte, 0, len(in)))
	out.Write(in[:objs[0].off])
	offsets := make([]int, n)
	for k, o := range objs {
		end := xrefAt
		if k+1 < len(objs) {
			end = objs[k+1].off
		}
		body := in[o.off:end]
		if h := reObjHead.FindSubmatch(body); h == nil || string(h[1]) != strconv.Itoa(o.num) {
			return nil, fmt.Errorf("object %d not at its offset", o.num)
		}
		offsets[o.num] = out.Len()
		nb, err := recompressObject(body)
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", o.num, err)
		}
		out.Write(nb)
	}
	start := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", n)
	for i := 1; i < n; i++ {
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[i])
	}
	out.Write(trailer)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", start)
	return out.Bytes(), nil
}

// recompressObject recompresses the object's stream if it is a Flate
// stream with a direct length; other objects are returned as they are.
func recompressObject(body []byte) ([]byte, error) {
	si := bytes.Index(body, []byte(">>\nstream\n"))
	if si < 0 {
		return compactWidths(body), nil
	}
	dict := body[:si+2]
	if !bytes.Contains(dict, []byte("/Filter /FlateDecode")) {
		return body, nil
	}
	lm := reLength.FindSubmatchIndex(dict)
	if lm == nil {
		return nil, errors.New("stream without a direct /Length")
	}
	length, _ := strconv.Atoi(string(dict[lm[2]:lm[3]]))
	dataAt := si + len(">>\nstream\n")
	if dataAt+length > len(body) {
		return nil, errors.New("stream runs past its object")
	}
	data := body[dataAt : dataAt+length]
	rest := body[dataAt+length:]
	if !bytes.HasPrefix(rest, []byte("\nendstream")) {
		return nil, errors.New("stream length does not match endstream")
	}
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	var z bytes.Buffer
	zw := writers.Get().(*zlib.Writer)
	defer writers.Put(zw)
	zw.Reset(&z)
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if z.Len() >= len(data) {
		return body, nil
	}
	var nb bytes.Buffer
	nb.Write(dict[:lm[2]])
	nb.WriteString(strconv.Itoa(z.Len()))
	nb.Write(dict[lm[3]:])
	nb.WriteString("\nstream\n")
	nb.Write(z.Bytes())
	nb.Write(rest)
	return nb.Bytes(), nil
}

// compactWidths drops from a CID font's /W array the entries "c c 1000"
// that repeat its default width /DW 1000: fpdf lists every ideograph, ~17
// bytes each, uncompressed. Anything it does not recognise is kept.
func compactWidths(body []byte) []byte {
	if !bytes.Contains(body, []byte("/CIDFontType2")) || !bytes.Contains(body, []byte("/DW 1000")) {
		return body
	}
	start := bytes.Index(body, []byte("/W ["))
	if start < 0 {
		return body
	}
	start += len("/W [")
	// Find the array's end: the first "]" at depth zero.
	depth, end := 0, -1
	for i := start; i < len(body) && end < 0; i++ {
		switch body[i] {
		case '[':
			depth++
		case ']':
			if depth == 0 {
				end = i
			}
			depth--
		}
	}
	if end < 0 {
		return body
	}
	var out bytes.Buffer
	toks := bytes.Fields(bytes.ReplaceAll(bytes.ReplaceAll(body[start:end], []byte("["), []byte(" [ ")), []byte("]"), []byte(" ] ")))
	for i := 0; i < len(toks); {
		if i+1 < len(toks) && string(toks[i+1]) == "[" {
			j := i + 2
			for j < len(toks) && string(toks[j]) != "]" {
				j++
			}
			if j >= len(toks) {
				return body
			}
			out.WriteString(" ")
			out.Write(bytes.Join(toks[i:j+1], []byte(" ")))
			out.WriteString("\n")
			i = j + 1
			continue
		}
		if i+2 >= len(toks) {
			return body
		}
		for _, t := range toks[i : i+3] {
			if _, err := strconv.Atoi(string(t)); err != nil {
				return body
			}
		}
		if string(toks[i+2]) != "1000" {
			out.WriteString(" ")
			out.Write(bytes.Join(toks[i:i+3], []byte(" ")))
		}
		i += 3
	}
	var nb bytes.Buffer
	nb.Write(body[:start])
	nb.Write(out.Bytes())
	nb.WriteString(" ")
	nb.Write(body[end:])
	return nb.Bytes()
}
