// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"

	"fmt"
	kzlib "github.com/klauspost/compress/zlib"
	"sync"
)

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() interface{} {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

// zwPool holds zlib writers at level BestSpeed for xmempool.compress. It
// is a small free list rather than a sync.Pool, which the garbage
// collector empties at every cycle: documents with UTF-8 fonts allocate
// enough to trigger a cycle every few documents.
var zwPool = zwFreeList{level: kzlib.BestSpeed}

// zwFontPool holds writers at the default level for embedded font programs,
// which are most of a document's bytes and shrink ~7% more at that level
// (tradedocs patch 6, see PATCHES.md).
var zwFontPool = zwFreeList{level: kzlib.DefaultCompression}

type zwFreeList struct {
	mu    sync.Mutex
	level int
	free  []*kzlib.Writer
}

// Get returns an idle writer or a new one.
func (l *zwFreeList) Get() *kzlib.Writer {
	l.mu.Lock()
	if n := len(l.free); n > 0 {
		zw := l.free[n-1]
		l.free = l.free[:n-1]
		l.mu.Unlock()
		return zw
	}
	l.mu.Unlock()
	zw, err := kzlib.NewWriterLevel(nil, l.level)
	if err != nil {
		panic(fmt.Errorf("could not create zlib writer: %w", err))
	}
	return zw
}

// Put keeps zw for reuse, up to a few writers (~1 MB each).
func (l *zwFreeList) Put(zw *kzlib.Writer) {
	l.mu.Lock()
	if len(l.free) < 8 {
		l.free = append(l.free, zw)
	}
	l.mu.Unlock()
}

func (pool *xmempool) compress(data []byte) *membuffer {
	return pool.compressWith(&zwPool, data)
}

// zwFontFastPool holds writers at level 2 for documents that ask for fast
// font compression (tradedocs patch 18).
var zwFontFastPool = zwFreeList{level: 2}

// compressFont compresses an embedded font program at the default level,
// or at level 2 when fast.
func (pool *xmempool) compressFont(data []byte, fast, compact bool) *membuffer {
	switch {
	case fast:
		return pool.compressWith(&zwFontFastPool, data)
	case compact:
		return pool.compressWith(&zwFontBestPool, data)
	}
	return pool.compressWith(&zwFontPool, data)
}

// zwBestPool and zwFontBestPool hold writers at BestCompression for
// documents that ask for compact streams (tradedocs patch 23): pages,
// embedded files and metadata, and font programs.
var (
	zwBestPool     = zwFreeList{level: kzlib.BestCompression}
	zwFontBestPool = zwFreeList{level: kzlib.BestCompression}
)

// compressStream compresses a content stream or an embedded file at
// BestSpeed, or at BestCompression when compact.
func (pool *xmempool) compressStream(data []byte, compact bool) *membuffer {
	if compact {
		return pool.compressWith(&zwBestPool, data)
	}
	return pool.compressWith(&zwPool, data)
}

func (pool *xmempool) compressWith(writers *zwFreeList, data []byte) *membuffer {
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data))

	// A zlib writer holds ~1 MB of compressor state: reuse it rather than
	// allocate one per stream (tradedocs patch, see PATCHES.md). Reset
	// makes a reused writer produce exactly the bytes a new one would.
	zw := writers.Get()
	defer writers.Put(zw)
	zw.Reset(buf)
	_, err := zw.Write(data)
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}

	err = zw.Close()
	if err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return mem
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.Get().(*membuffer)
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	xmem.Put(mem)
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}
