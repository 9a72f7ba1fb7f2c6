// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"sync"
)

// Recycled output buffers (tradedocs patch 12, see PATCHES.md).
//
// A document writes its pages' content streams into one buffer per page and
// the finished PDF into f.buffer; each grows by doubling from empty, about
// three times the final size allocated per buffer. RecycleFontTables, whose
// caller promises the document is written and done with, also hands these
// buffers to the documents made later: their backing arrays come back
// emptied, so a later document's bytes are exactly what they would be in
// fresh buffers.

// maxRecycledBuf is the largest buffer kept: a rare huge document does not
// pin its memory for the rest of the process.
const maxRecycledBuf = 1 << 20

// maxFreeBufs bounds the free list: a few documents being rendered at once,
// a PDF buffer and a page or two each.
const maxFreeBufs = 16

// outputBufs holds emptied backing arrays of page and PDF buffers.
var outputBufs bufFreeList

// bufFreeList is a small free list of byte slices of any capacity. It is
// not a sync.Pool, which the garbage collector empties at every cycle.
type bufFreeList struct {
	mu   sync.Mutex
	free [][]byte
}

// newBuffer returns an empty buffer, on a recycled backing array if there
// is one.
func (l *bufFreeList) newBuffer() *bytes.Buffer {
	return bytes.NewBuffer(l.get())
}

// get returns an empty slice, recycled if there is one.
func (l *bufFreeList) get() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.free); n > 0 {
		b := l.free[n-1]
		l.free[n-1] = nil
		l.free = l.free[:n-1]
		return b
	}
	return nil
}

// put keeps the backing array of b for a later get; b must not be used
// afterwards.
func (l *bufFreeList) put(b *bytes.Buffer) {
	if b == nil {
		return
	}
	b.Reset()
	s := b.Bytes()[:0]
	if cap(s) == 0 || cap(s) > maxRecycledBuf {
		return
	}
	l.mu.Lock()
	if len(l.free) < maxFreeBufs {
		l.free = append(l.free, s)
	}
	l.mu.Unlock()
}

// recycleOutputBuffers gives the document's page buffers and PDF buffer to
// outputBufs and leaves f with fresh empty ones, so a later (erroneous)
// write to f cannot reach a buffer another document uses.
func (f *Fpdf) recycleOutputBuffers() {
	for i, p := range f.pages {
		if i == 0 {
			continue // pages[0] is unused (1-based) and was never recycled
		}
		outputBufs.put(p)
		f.pages[i] = new(bytes.Buffer)
	}
	outputBufs.put(&f.buffer.Buffer)
	f.buffer = fmtBuffer{}
}
