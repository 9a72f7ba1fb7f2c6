// Package images loads the pictures an order names (the supplier's logo and
// company chop, 公章) for the documents, within bounds: an order file comes
// from a supplier or a web form, and the path it names must not make
// tradedocs read a device (logo=/dev/zero filled the memory), wait on a
// FIFO forever, decode a 20000×20000 image, or print a PNG from anywhere on
// the computer. check and generate load pictures through this package, so
// check reports every picture generate would refuse; the pdf package
// receives the verified bytes.
package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/tradedocs/tradedocs/internal/fpdf"
	"github.com/tradedocs/tradedocs/invoice"
)

// Bounds on a picture (IN-5).
const (
	// MaxBytes is the largest picture file read: 5 MB, far more than a
	// logo or chop PNG needs.
	MaxBytes = 5 << 20
	// MaxSide is the most pixels a picture may have across or down.
	MaxSide = 6000
	// MaxPixels is the most pixels in all: a 2000×2000 chop at 600 dpi is
	// 4 million; decoding 16 million takes 64 MB.
	MaxPixels = 16_000_000
)

// ErrPicture is a logo or chop that is not read: outside the allowed
// folders, not a regular file, too large, not a PNG the PDF writer takes.
var ErrPicture = errors.New("picture not read")

// Picture is a verified PNG: its file, bytes and size in pixels.
type Picture struct {
	Path          string
	Data          []byte
	Width, Height int
}

// Roots are the folders an order's pictures may be in: the folder of the
// order file itself, the folder its pictures were put in (PictureDir), and
// any more the caller names.
func Roots(o *invoice.Order, more ...string) []string {
	roots := append([]string(nil), more...)
	if o.PictureDir != "" {
		roots = append(roots, o.PictureDir)
	}
	if f := o.Source.File; f != "" {
		roots = append(roots, filepath.Dir(f))
	}
	return roots
}

// Load reads the PNG at path, which must be a regular file inside one of
// the roots (after following symbolic links), at most MaxBytes, at most
// MaxSide by MaxSide and MaxPixels, and one the PDF writer accepts. The
// file is opened without blocking and checked to be a regular file before
// a byte is read, so a FIFO or a device is refused, not waited on.
func Load(path string, roots []string) (*Picture, error) {
	real, err := inside(path, roots)
	if err != nil {
		return nil, err
	}
	f, err := openNoFollow(real)
	if err != nil {
		return nil, fmt.Errorf("%w: cannot open %s: %v", ErrPicture, path, unwrap(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrPicture, path, unwrap(err))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file (%s)", ErrPicture, path, kind(st.Mode()))
	}
	if st.Size() > MaxBytes {
		return nil, fmt.Errorf("%w: %s is %.1f MB; a logo or chop may be at most %d MB", ErrPicture, path, float64(st.Size())/(1<<20), MaxBytes>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: cannot read %s: %v", ErrPicture, path, unwrap(err))
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%w: %s is more than %d MB", ErrPicture, path, MaxBytes>>20)
	}
	key := cacheKey{real, st.Size(), st.ModTime().UnixNano()}
	if c, ok := verified.Load(key); ok {
		v := c.(verdict)
		if v.err != nil {
			return nil, v.err
		}
		return &Picture{Path: path, Data: data, Width: v.w, Height: v.h}, nil
	}
	w, h, err := verify(path, data)
	verified.Store(key, verdict{w, h, err})
	if err != nil {
		return nil, err
	}
	return &Picture{Path: path, Data: data, Width: w, Height: h}, nil
}

// verified remembers the verdict on each file (by path, size and
// modification time): a batch of 1,000 orders shares one logo, decoded once.
var verified sync.Map

type cacheKey struct {
	path  string
	size  int64
	mtime int64
}

type verdict struct {
	w, h int
	err  error
}

// verify checks a PNG's header before decoding it, then decodes it and has
// the PDF writer parse it, as generate will.
func verify(path string, data []byte) (int, int, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %s is not a readable PNG (%v)", ErrPicture, path, err)
	}
	if format != "png" {
		return 0, 0, fmt.Errorf("%w: %s is a %s image; save it as PNG", ErrPicture, path, strings.ToUpper(format))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxSide || cfg.Height > MaxSide || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return 0, 0, fmt.Errorf("%w: %s is %d×%d pixels; a logo or chop may be at most %d×%d and %d million pixels", ErrPicture, path, cfg.Width, cfg.Height, MaxSide, MaxSide, MaxPixels/1_000_000)
	}
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		return 0, 0, fmt.Errorf("%w: %s is a damaged PNG (%v)", ErrPicture, path, err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.RegisterImageOptionsReader("p", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(data))
	if pdf.Err() {
		return 0, 0, fmt.Errorf("%w: %s cannot go into a PDF (%v); save it again as a plain PNG", ErrPicture, path, pdf.Error())
	}
	return cfg.Width, cfg.Height, nil
}

// inside resolves path (following symbolic links) and returns it when it
// lies inside one of the roots.
func inside(path string, roots []string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", fmt.Errorf("%w: cannot open %s: %v", ErrPicture, path, unwrap(err))
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrPicture, path, err)
	}
	for _, root := range roots {
		r, err := filepath.EvalSymlinks(root)
		if err != nil {
			continue
		}
		if r, err = filepath.Abs(r); err != nil {
			continue
		}
		if rel, err := filepath.Rel(r, real); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return real, nil
		}
	}
	return "", fmt.Errorf("%w: %s is outside the order file's folder (%s); put the picture in the order file's folder or a folder inside it", ErrPicture, path, strings.Join(roots, ", "))
}

func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a FIFO"
	case m&os.ModeDevice != 0, m&os.ModeCharDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	}
	return m.String()
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Check loads the order's logo and chop as generate will and returns an
// error at the cell of each that would be refused (IN-5).
func Check(o *invoice.Order, more ...string) invoice.Problems {
	var ps invoice.Problems
	roots := Roots(o, more...)
	for _, p := range []struct{ key, path string }{{"logo", o.Logo}, {"chop", o.Chop}} {
		if p.path == "" {
			continue
		}
		if _, err := Load(p.path, roots); err != nil {
			ps = append(ps, invoice.Errorf(o.At(p.key), ErrPicture, "%s: %s", p.key, strings.TrimPrefix(err.Error(), ErrPicture.Error()+": ")))
		}
	}
	return ps
}
