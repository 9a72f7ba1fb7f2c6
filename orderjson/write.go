package orderjson

import (
	"strconv"
	"unicode/utf8"
)

// writer builds the JSON text.
type writer struct{ b []byte }

func (w *writer) raw(s string) { w.b = append(w.b, s...) }

// sep writes open before the first element of a list, a comma before the
// others.
func (w *writer) sep(first bool, open byte) {
	if first {
		w.b = append(w.b, open)
	} else {
		w.b = append(w.b, ',')
	}
}

// value writes one member "key":{"value":v,"cell":cell} of an object.
func (w *writer) value(first *bool, key, v, cell string) {
	if !*first {
		w.b = append(w.b, ',')
	}
	*first = false
	w.str(key)
	w.raw(`:{"value":`)
	w.str(v)
	if cell != "" {
		w.raw(`,"cell":`)
		w.str(cell)
	}
	w.b = append(w.b, '}')
}

// str writes s as a JSON string (RFC 8259): quotation mark, reverse
// solidus and control characters escaped, \n \r \t by their short forms,
// U+2028 and U+2029 escaped (JavaScript reads them as line ends), invalid
// UTF-8 as U+FFFD; everything else, Chinese included, as is.
func (w *writer) str(s string) {
	w.b = append(w.b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				w.b = append(w.b, '\\', c)
			case c == '\n':
				w.b = append(w.b, '\\', 'n')
			case c == '\r':
				w.b = append(w.b, '\\', 'r')
			case c == '\t':
				w.b = append(w.b, '\\', 't')
			case c < 0x20 || c == 0x7F:
				w.b = append(w.b, `\u00`...)
				w.b = append(w.b, hex[c>>4], hex[c&0xF])
			default:
				w.b = append(w.b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			w.b = append(w.b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			w.b = append(w.b, `\u`...)
			w.b = strconv.AppendInt(w.b, int64(r), 16)
		default:
			w.b = append(w.b, s[i:i+size]...)
		}
		i += size
	}
	w.b = append(w.b, '"')
}

const hex = "0123456789abcdef"
