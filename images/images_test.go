//go:build unix

package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tradedocs/tradedocs/invoice"
)

// pngOf encodes a w×h PNG with a red dot.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	img.SetNRGBA(w/2, h/2, color.NRGBA{200, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// claimSize rewrites a PNG's header to claim w×h pixels (with a valid
// checksum), as a hostile file would: 1.5 MB that decode to gigabytes.
func claimSize(data []byte, w, h uint32) []byte {
	out := append([]byte(nil), data...)
	binary.BigEndian.PutUint32(out[16:], w)
	binary.BigEndian.PutUint32(out[20:], h)
	binary.BigEndian.PutUint32(out[29:], crc32.ChecksumIEEE(out[12:29]))
	return out
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	other := t.TempDir()
	write := func(d, name string, data []byte) string {
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	logo := write(dir, "logo.png", pngOf(t, 240, 120))
	outside := write(other, "secret.png", pngOf(t, 10, 10))
	fifo := filepath.Join(dir, "fifo.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	devLink := filepath.Join(dir, "zero.png")
	if err := os.Symlink("/dev/zero", devLink); err != nil {
		t.Fatal(err)
	}
	outLink := filepath.Join(dir, "linked.png")
	if err := os.Symlink(outside, outLink); err != nil {
		t.Fatal(err)
	}
	inLink := filepath.Join(dir, "same.png")
	if err := os.Symlink("logo.png", inLink); err != nil {
		t.Fatal(err)
	}
	var gifData bytes.Buffer
	gif.Encode(&gifData, image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black}), nil)
	huge := bytes.Repeat([]byte{0}, MaxBytes+1)
	copy(huge, pngOf(t, 1, 1))
	tests := []struct {
		name, path, want string
	}{
		{"logo next to the order file", logo, ""},
		{"a link to it in the same folder", inLink, ""},
		{"logo=/dev/zero (filled the memory before)", "/dev/zero", "outside the order file's folder"},
		{"a link in the folder to /dev/zero", devLink, "outside the order file's folder"},
		{"a FIFO in the folder (hung forever before)", fifo, "not a regular file (a FIFO)"},
		{"another folder's PNG by ../", filepath.Join(dir, "..", filepath.Base(other), "secret.png"), "outside the order file's folder"},
		{"another folder's PNG by an absolute path", outside, "outside the order file's folder"},
		{"a link in the folder to another folder's PNG", outLink, "outside the order file's folder"},
		{"the folder itself", dir, "not a regular file (a folder)"},
		{"a 20000×20000 PNG header (exhausted the memory before)", write(dir, "big.png", claimSize(pngOf(t, 8, 8), 20000, 20000)), "20000×20000 pixels"},
		{"a file over 5 MB", write(dir, "heavy.png", huge), "at most 5 MB"},
		{"a GIF named .png", write(dir, "logo-gif.png", gifData.Bytes()), "is a GIF image"},
		{"a PNG cut short", write(dir, "cut.png", pngOf(t, 64, 64)[:60]), "PNG"},
		{"no such file", filepath.Join(dir, "missing.png"), "cannot open"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			p, err := Load(tc.path, []string{dir})
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("took %v", took)
			}
			if tc.want == "" {
				if err != nil || p.Width == 0 || len(p.Data) == 0 {
					t.Fatalf("%v", err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrPicture) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

func TestCheckNamesTheCell(t *testing.T) {
	dir := t.TempDir()
	o := &invoice.Order{
		Logo:   "/dev/zero",
		Chop:   filepath.Join(dir, "chop.png"),
		Source: invoice.Location{File: filepath.Join(dir, "order.xlsx"), Sheet: "Order"},
		Where: map[string]invoice.Location{
			"logo": {File: filepath.Join(dir, "order.xlsx"), Sheet: "Order", Cell: "B30"},
			"chop": {File: filepath.Join(dir, "order.xlsx"), Sheet: "Order", Cell: "B31"},
		},
	}
	ps := Check(o)
	if len(ps) != 2 || ps[0].Where.Cell != "B30" || ps[1].Where.Cell != "B31" || !ps.HasErrors() ||
		!strings.HasPrefix(ps[0].Message, "logo: /dev/zero is outside") || !strings.Contains(ps[1].Message, "chop.png") {
		t.Fatalf("got %v", ps)
	}
}
