package fpdf

import "testing"

// TestNextIntKey checks tradedocs patch 21: put(nil, …) still takes the
// smallest non-negative int that is not a key.
func TestNextIntKey(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []interface{}
		want int
	}{
		{"empty", nil, 0},
		{"0 1 2", []interface{}{0, 1, 2}, 3},
		{"a hole at 1", []interface{}{0, 2, 3}, 1},
		{"interval among them", []interface{}{0, 1, "interval", 2}, 3},
		{"only the interval", []interface{}{"interval"}, 0},
		{"unordered", []interface{}{3, 0, 2, 1, 5}, 4},
		{"negative keys do not count", []interface{}{-1, 0}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := untypedKeyMap{keySet: tc.keys, valueSet: make([]int, len(tc.keys))}
			if got := m.nextIntKey(); got != tc.want {
				t.Errorf("nextIntKey = %d, want %d", got, tc.want)
			}
			m.put(nil, 7)
			if got := m.keySet[len(m.keySet)-1]; got != tc.want {
				t.Errorf("put(nil) used key %v, want %d", got, tc.want)
			}
		})
	}
	long := untypedKeyMap{}
	for i := 0; i < 100; i++ {
		long.put(nil, i)
	}
	for i, k := range long.keySet {
		if k != i {
			t.Fatalf("key %d of 100 puts is %v", i, k)
		}
	}
}
