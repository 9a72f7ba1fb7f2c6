package pdf

import (
	"slices"
	"testing"
)

func TestRuneSet(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		want []rune
	}{
		{"nothing drawn", "", "", []rune{}},
		{"a bilingual label, repeated characters once", "Total 合计 Total", "", []rune(" Talot合计")},
		{"the edges of each 64-bit word and of the plane", "\u0000?@\u007f\u0080\uffff", "", []rune("\u0000?@\u007f\u0080\uffff")},
		{"a PI's and a CI's characters together", "形式发票 PI", "商业发票 CI", []rune(" CIP业发商式形票")},
		{"characters beyond the plane, kept apart", "𠀀a", "😀𠀀", []rune("a𠀀😀")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a, b runeSet
			a.addString(tc.a)
			b.addString(tc.b)
			a.addSet(&b)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if got := a.runes(); !slices.Equal(got, want) {
				t.Errorf("runes() = %q, want %q", string(got), string(want))
			}
			for _, r := range tc.a + tc.b {
				if !a.has(r) {
					t.Errorf("has(%q) = false", r)
				}
			}
			if a.has('Z') {
				t.Error("has('Z') = true for a character never added")
			}
		})
	}
}
