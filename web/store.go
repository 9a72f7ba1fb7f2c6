package web

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"github.com/tradedocs/tradedocs/batch"
)

// Bounds of the documents kept in memory for the page's previews and
// downloads: past them the oldest drop is forgotten (the page says to drop
// the file again).
const (
	keepFor     = 30 * time.Minute
	keepRuns    = 64
	keepBytes   = 256 << 20
	tokenLength = 16
)

// store keeps each drop's issued documents in memory under a random token
// that only the page that dropped the file learns.
type store struct {
	mu   sync.Mutex
	runs map[string]*kept
	now  func() time.Time
}

type kept struct {
	files []batch.Issued
	size  int64
	at    time.Time
}

func newStore() *store { return &store{runs: map[string]*kept{}, now: time.Now} }

// put keeps files and returns their token.
func (s *store) put(files []batch.Issued) (string, error) {
	b := make([]byte, tokenLength)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := hex.EncodeToString(b)
	k := &kept{files: files, at: s.now()}
	for _, f := range files {
		k.size += int64(len(f.Data))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.runs[token] = k
	s.evict()
	return token, nil
}

// get returns the files kept under token, if they still are.
func (s *store) get(token string) ([]batch.Issued, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.evict()
	k, ok := s.runs[token]
	if !ok {
		return nil, false
	}
	return k.files, true
}

// evict forgets runs older than keepFor, then the oldest ones until the
// count and size bounds hold.
func (s *store) evict() {
	now := s.now()
	var total int64
	for t, k := range s.runs {
		if now.Sub(k.at) > keepFor {
			delete(s.runs, t)
			continue
		}
		total += k.size
	}
	for len(s.runs) > keepRuns || total > keepBytes {
		oldest := ""
		for t, k := range s.runs {
			if oldest == "" || k.at.Before(s.runs[oldest].at) {
				oldest = t
			}
		}
		total -= s.runs[oldest].size
		delete(s.runs, oldest)
	}
}
