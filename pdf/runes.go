package pdf

import "math/bits"

// runeSet is the set of characters a document draws with one face: what
// its font subset must hold. Every character is recorded as it is drawn,
// so adding must be cheap: a bit per Basic Multilingual Plane code point
// (8 KB), and a map for the rare rune beyond it (the renderer refuses
// those before drawing, so the map stays empty in practice).
type runeSet struct {
	bmp  [0x10000 / 64]uint64
	more map[rune]bool
}

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 0x10000 {
		s.bmp[r>>6] |= 1 << (r & 63)
		return
	}
	if s.more == nil {
		s.more = map[rune]bool{}
	}
	s.more[r] = true
}

func (s *runeSet) addString(str string) {
	for _, r := range str {
		s.add(r)
	}
}

func (s *runeSet) has(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return s.bmp[r>>6]&(1<<(r&63)) != 0
	}
	return s.more[r]
}

// addSet adds every character of t.
func (s *runeSet) addSet(t *runeSet) {
	for i, w := range t.bmp {
		s.bmp[i] |= w
	}
	for r := range t.more {
		s.add(r)
	}
}

// runes lists the set in code point order.
func (s *runeSet) runes() []rune {
	n := len(s.more)
	for _, w := range s.bmp {
		n += bits.OnesCount64(w)
	}
	out := make([]rune, 0, n)
	for i, w := range s.bmp {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, rune(i*64+b))
			w &= w - 1
		}
	}
	start := len(out)
	for r := range s.more {
		out = append(out, r)
	}
	extra := out[start:]
	for i := 1; i < len(extra); i++ { // a handful at most: insertion sort
		for j := i; j > 0 && extra[j] < extra[j-1]; j-- {
			extra[j], extra[j-1] = extra[j-1], extra[j]
		}
	}
	return out
}
