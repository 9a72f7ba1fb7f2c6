package spreadsheet

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// heapPeak samples the heap while a read runs: the most bytes of heap
// objects (live and not yet collected, what the process's memory follows)
// and the most live bytes the collector found.
type heapPeak struct {
	stop    chan struct{}
	done    sync.WaitGroup
	objects uint64
	live    uint64
}

func startHeapPeak() *heapPeak {
	runtime.GC()
	p := &heapPeak{stop: make(chan struct{})}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			p.objects = max(p.objects, s[0].Value.Uint64())
			p.live = max(p.live, s[1].Value.Uint64())
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *heapPeak) end() {
	close(p.stop)
	p.done.Wait()
}

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkReadMemory reports the peak and retained heap of reading one
// big many-order workbook (issue 16: a batch in flat memory; 3,600
// orders of 20 lines is near the bound of a million cells): peak-MB is
// the most heap objects seen while reading, live-MB the most live heap a
// collection found, kept-MB what the results hold once read.
func BenchmarkReadMemory(b *testing.B) {
	dir := b.TempDir()
	for _, n := range []int{1000, 3600} {
		path := filepath.Join(dir, "orders.xlsx")
		if err := os.WriteFile(path, manyOrdersWorkbook(b, n, 20), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(itoa(n)+"orders/ReadFile", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				base := heapInUse()
				p := startHeapPeak()
				rs, fps := ReadFile(path, Options{})
				p.end()
				if len(rs) != n || len(fps) > 0 {
					b.Fatalf("%d orders, %v", len(rs), fps)
				}
				kept := heapInUse()
				runtime.KeepAlive(rs)
				b.ReportMetric(float64(p.objects-base)/(1<<20), "peak-MB")
				b.ReportMetric(float64(p.live-min(p.live, base))/(1<<20), "live-MB")
				b.ReportMetric(float64(kept-min(kept, base))/(1<<20), "kept-MB")
			}
		})
		b.Run(itoa(n)+"orders/ReadEach", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				base := heapInUse()
				p := startHeapPeak()
				got := 0
				fps := ReadEach(path, Options{}, func(r Result) bool { got++; return true })
				p.end()
				if got != n || len(fps) > 0 {
					b.Fatalf("%d orders, %v", got, fps)
				}
				b.ReportMetric(float64(p.objects-base)/(1<<20), "peak-MB")
				b.ReportMetric(float64(p.live-min(p.live, base))/(1<<20), "live-MB")
			}
		})
	}
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}
