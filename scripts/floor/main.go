//go:build unix

// Command floor measures the compression-and-write floor of a tradedocs
// output folder (issue 16): the work no generator of the same files can
// avoid, timed, so that `tradedocs generate` can say how far it is from it.
//
// Usage:
//
//	go run ./scripts/floor [-o DIR] [-j N] OUTPUT-FOLDER
//
// OUTPUT-FOLDER is a folder made by `tradedocs generate` (PDFs, memos,
// manifest.csv). Untimed, floor reads every file and inflates each
// FlateDecode stream of each PDF once. Then, timed, with N workers (the
// number of CPUs unless -j), it does what writing the same output costs
// at least:
//
//   - deflates every stream again with the compressor our fpdf fork uses
//     (github.com/klauspost/compress/zlib, one reused writer per level)
//     at the level the stream was written at, which its zlib header
//     records: BestSpeed (page contents, attachments), 2 (font programs
//     compressed fast), the default level or BestCompression (compact
//     documents). Identical font programs, CIDToGIDMaps and attachments
//     (the same bytes at the same level) are deflated once, as fpdf's
//     content-keyed caches do. fpdf writes a CIDToGIDMap with its own
//     run-length coder, which is not exported: floor deflates those at
//     BestSpeed, a little more work than fpdf does (some 85 µs a map
//     instead of 55, by internal/fpdf's BenchmarkCIDToGIDMapCompress: 30 ms
//     more for the 1,002 maps of scripts/bench.sh's batch);
//   - computes the SHA-256 of every file, as the manifest lists it;
//   - writes every file into a fresh folder (DIR, by default a temporary
//     folder removed afterwards) with batch.WriteFile, the staged and
//     synced write tradedocs uses.
//
// It prints the files, the streams, how many were deflated (after merging
// identical ones), how many of those are CIDToGIDMaps and how many came
// out byte for byte as in the PDF (all but the CIDToGIDMaps when the
// levels are right), and the CPU time (user + system, from getrusage) and
// wall time of the timed part:
//
//	floor: 35 files (25 PDFs), 146 streams, 73 deflated (18 CIDToGIDMaps; 55 byte-identical), 0.027 s CPU (0.017 user + 0.010 sys), 0.044 s wall
package main

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	kzlib "github.com/klauspost/compress/zlib"
	"github.com/tradedocs/tradedocs/batch"
)

func main() {
	out := flag.String("o", "", "folder to write the files to (must not exist; default: a temporary folder, removed afterwards)")
	workers := flag.Int("j", runtime.NumCPU(), "workers")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: floor [-o DIR] [-j N] OUTPUT-FOLDER")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *workers < 1 {
		flag.Usage()
		os.Exit(2)
	}
	dest := *out
	if dest == "" {
		tmp, err := os.MkdirTemp("", "floor-")
		if err != nil {
			fail(err)
		}
		defer os.RemoveAll(tmp)
		dest = filepath.Join(tmp, "out")
	}
	r, err := run(flag.Arg(0), dest, *workers)
	if err != nil {
		fail(err)
	}
	fmt.Println(r)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "floor:", err)
	os.Exit(1)
}

// result is what run measured.
type result struct {
	Files, PDFs int
	// Streams counts the FlateDecode streams of the PDFs; Deflated those
	// deflated, identical ones once; Identical those whose deflated bytes
	// are the PDF's own; Maps counts the CIDToGIDMaps among those
	// deflated.
	Streams, Deflated, Identical, Maps int
	// CPU is user + system time of the timed part (User and Sys), Wall
	// its wall time.
	CPU, User, Sys, Wall time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("floor: %d files (%d PDFs), %d streams, %d deflated (%d CIDToGIDMaps; %d byte-identical), %.3f s CPU (%.3f user + %.3f sys), %.3f s wall",
		r.Files, r.PDFs, r.Streams, r.Deflated, r.Maps, r.Identical, r.CPU.Seconds(), r.User.Seconds(), r.Sys.Seconds(), r.Wall.Seconds())
}

// file is one file of the output folder.
type file struct {
	rel  string // path inside the folder
	data []byte
}

// stream is one deflate job: a stream's inflated content, the level to
// deflate it at, and the bytes the PDF holds for it.
type stream struct {
	content, deflated []byte
	level             int
	cidMap            bool // a CIDToGIDMap, which fpdf codes with its own coder
}

// run measures the floor of the output folder dir, writing the copy to
// dest (which must not exist) with the given number of workers.
func run(dir, dest string, workers int) (result, error) {
	var r result
	files, err := readFolder(dir)
	if err != nil {
		return r, err
	}
	var jobs []stream
	// A shared stream is keyed by its level and the SHA-256 of its content.
	type key struct {
		level int
		sum   [sha256.Size]byte
	}
	shared := map[key]bool{}
	for _, f := range files {
		if !strings.HasSuffix(strings.ToLower(f.rel), ".pdf") {
			continue
		}
		r.PDFs++
		ss, err := pdfStreams(f.data)
		if err != nil {
			return r, fmt.Errorf("%s: %w", f.rel, err)
		}
		r.Streams += len(ss)
		for _, s := range ss {
			if s.shared {
				k := key{s.level, sha256.Sum256(s.content)}
				if shared[k] {
					continue
				}
				shared[k] = true
			}
			jobs = append(jobs, s.stream)
			if s.cidMap {
				r.Maps++
			}
		}
	}
	r.Files, r.Deflated = len(files), len(jobs)
	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dest, f.rel)), 0o755); err != nil {
			return r, err
		}
	}

	runtime.GC() // the garbage of reading and inflating is not the floor's
	user0, sys0, err := cpuTime()
	if err != nil {
		return r, err
	}
	start := time.Now()
	identical, err := work(jobs, files, dest, workers)
	r.Wall = time.Since(start)
	user1, sys1, err1 := cpuTime()
	if err == nil {
		err = err1
	}
	r.User, r.Sys, r.Identical = user1-user0, sys1-sys0, identical
	r.CPU = r.User + r.Sys
	return r, err
}

// work deflates the jobs and hashes and writes the files with the given
// number of workers, and returns how many deflated streams came out as
// the PDFs hold them.
func work(jobs []stream, files []file, dest string, workers int) (int, error) {
	var next, identical atomic.Int64
	sums := make([][sha256.Size]byte, len(files)) // as the manifest lists them
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			writers := map[int]*kzlib.Writer{}
			var buf bytes.Buffer
			for {
				i := int(next.Add(1)) - 1
				var err error
				switch {
				case i < len(jobs):
					var same bool
					same, err = deflate(writers, &buf, jobs[i])
					if same {
						identical.Add(1)
					}
				case i < len(jobs)+len(files):
					f := files[i-len(jobs)]
					sums[i-len(jobs)] = sha256.Sum256(f.data)
					err = batch.WriteFile(filepath.Join(dest, f.rel), f.data, false)
				default:
					return
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return int(identical.Load()), firstErr
}

// deflate compresses s as fpdf does (a reused writer of the level, reset
// onto the output buffer, one Write, Close) and reports whether the
// result is the PDF's bytes.
func deflate(writers map[int]*kzlib.Writer, buf *bytes.Buffer, s stream) (bool, error) {
	zw := writers[s.level]
	if zw == nil {
		var err error
		if zw, err = kzlib.NewWriterLevel(nil, s.level); err != nil {
			return false, err
		}
		writers[s.level] = zw
	}
	buf.Reset()
	buf.Grow(len(s.content))
	zw.Reset(buf)
	if _, err := zw.Write(s.content); err != nil {
		return false, err
	}
	if err := zw.Close(); err != nil {
		return false, err
	}
	return bytes.Equal(buf.Bytes(), s.deflated), nil
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() (user, sys time.Duration, err error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, err
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano()), nil
}

// readFolder reads every regular file under dir but tradedocs' own
// hidden ones (its lock), in name order.
func readFolder(dir string) ([]file, error) {
	var files []file
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files = append(files, file{rel, data})
		return nil
	})
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("%s: no files", dir)
	}
	return files, err
}

// pdfStream is a FlateDecode stream of a PDF, and whether fpdf keeps it in
// a content-keyed cache (a font program, a CIDToGIDMap, an attachment).
type pdfStream struct {
	stream
	shared bool
}

var (
	objStart  = regexp.MustCompile(`(\d+) 0 obj\s`)
	lengthKey = regexp.MustCompile(`/Length\s+(\d+)`)
	streamKey = regexp.MustCompile(`>>\s*stream\r?\n`)
	cidMapRef = regexp.MustCompile(`/CIDToGIDMap\s+(\d+) 0 R`)
)

// levels maps the FLEVEL field of a zlib header to the level fpdf
// compresses at for it (RFC 1950: 0 fastest, 1 fast, 2 default, 3
// maximum; klauspost/compress/zlib writes 0 for BestSpeed, 1 for levels
// 2-5, 2 for the default, 3 for 7-9).
var levels = [4]int{kzlib.BestSpeed, 2, kzlib.DefaultCompression, kzlib.BestCompression}

// pdfStreams inflates the FlateDecode streams of a PDF as fpdf writes it:
// objects "N 0 obj", a stream's dictionary ending ">>" before "stream",
// its direct /Length.
func pdfStreams(pdf []byte) ([]pdfStream, error) {
	cidMaps := map[string]bool{}
	for _, m := range cidMapRef.FindAllSubmatch(pdf, -1) {
		cidMaps[string(m[1])] = true
	}
	var ss []pdfStream
	for pos := 0; ; {
		loc := objStart.FindSubmatchIndex(pdf[pos:])
		if loc == nil {
			break
		}
		num := string(pdf[pos+loc[2] : pos+loc[3]])
		body := pos + loc[1]
		// A stream's dictionary ends before its data, and so before any
		// "endobj" the data may hold.
		end := bytes.Index(pdf[body:], []byte("endobj"))
		text := pdf[body:]
		if end >= 0 {
			text = text[:end]
		}
		sl := streamKey.FindIndex(text)
		if sl == nil { // not a stream
			if end < 0 {
				break
			}
			pos = body + end
			continue
		}
		dict := pdf[body : body+sl[0]+2]
		data := body + sl[1]
		m := lengthKey.FindSubmatch(dict)
		if m == nil {
			return nil, fmt.Errorf("object %s: stream without a direct /Length", num)
		}
		n, err := strconv.Atoi(string(m[1]))
		if err != nil || n < 0 || data+n > len(pdf) {
			return nil, fmt.Errorf("object %s: /Length %s past the end of the file", num, m[1])
		}
		pos = data + n
		if !bytes.Contains(dict, []byte("/FlateDecode")) {
			continue
		}
		raw := pdf[data : data+n]
		if len(raw) < 2 {
			return nil, fmt.Errorf("object %s: a FlateDecode stream of %d bytes", num, n)
		}
		content, err := inflate(raw)
		if err != nil {
			return nil, fmt.Errorf("object %s: %w", num, err)
		}
		ss = append(ss, pdfStream{
			stream: stream{content: content, deflated: raw, level: levels[raw[1]>>6], cidMap: cidMaps[num]},
			shared: bytes.Contains(dict, []byte("/Length1")) || bytes.Contains(dict, []byte("/EmbeddedFile")) || cidMaps[num],
		})
	}
	if len(ss) == 0 {
		return nil, errors.New("no FlateDecode stream: not a PDF made by tradedocs")
	}
	return ss, nil
}

// inflate is the content of a zlib stream.
func inflate(raw []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}
