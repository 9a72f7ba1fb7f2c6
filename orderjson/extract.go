package orderjson

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// ErrNoOrder is the error of Extract on a PDF that carries no order JSON.
var ErrNoOrder = errors.New("the PDF carries no tradedocs order (not issued by tradedocs, or saved again by another program)")

// Extract returns the order JSON a tradedocs PI or CI carries as an
// embedded file. It reads the PDF as tradedocs writes it (embedded file
// streams with their /Length, deflated): a PDF another program has
// rewritten, for instance into object streams, may not be read, and gets
// ErrNoOrder rather than a guess. The JSON is at most 16 MB.
func Extract(pdf []byte) ([]byte, error) {
	const marker = "/Type /EmbeddedFile"
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte(marker))
		if i < 0 {
			return nil, ErrNoOrder
		}
		rest = rest[i+len(marker):]
		dictEnd := bytes.Index(rest, []byte("stream"))
		if dictEnd < 0 {
			return nil, ErrNoOrder
		}
		dict := rest[:dictEnd]
		n, ok := intAfter(dict, "/Length ")
		if !ok || !bytes.Contains(dict, []byte("/Filter /FlateDecode")) {
			continue
		}
		body := rest[dictEnd+len("stream"):]
		body = bytes.TrimPrefix(body, []byte("\r"))
		body = bytes.TrimPrefix(body, []byte("\n"))
		if n < 0 || n > len(body) {
			return nil, fmt.Errorf("orderjson: embedded file of %d bytes runs past the end of the PDF", n)
		}
		data, err := inflate(body[:n])
		if err != nil {
			return nil, fmt.Errorf("orderjson: embedded file: %w", err)
		}
		if bytes.Contains(data[:min(len(data), 200)], []byte(`"format":"`+Format+`"`)) {
			return data, nil
		}
	}
}

// intAfter reads the integer that follows key in a dictionary.
func intAfter(dict []byte, key string) (int, bool) {
	i := bytes.Index(dict, []byte(key))
	if i < 0 {
		return 0, false
	}
	s := dict[i+len(key):]
	j := 0
	for j < len(s) && j < 10 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	n, err := strconv.Atoi(string(s[:j]))
	return n, err == nil
}

// inflate decompresses a zlib stream of at most maxSize bytes.
func inflate(b []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	data, err := io.ReadAll(io.LimitReader(zr, maxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("more than %d MB", maxSize>>20)
	}
	return data, nil
}
