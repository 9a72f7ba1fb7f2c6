package pdf

import (
	"fmt"
	"slices"
	"strings"
)

// ParseDocuments reads the documents a user asks for, as typed on the
// command line or in the web form: a comma-separated list of pi, ci and pl
// in any case ("PI,ci"). "" asks for none in particular: each order gets
// its own set (its PI and CI, and its packing list when it has packing
// data), which is nil here. A document named twice counts once.
func ParseDocuments(s string) ([]Document, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var docs []Document
	for _, part := range strings.Split(s, ",") {
		var d Document
		switch strings.ToLower(strings.TrimSpace(part)) {
		case "pi":
			d = Proforma
		case "ci":
			d = Commercial
		case "pl":
			d = Packing
		default:
			return nil, fmt.Errorf("docs %q: want a list of pi, ci, pl such as pi,ci,pl", s)
		}
		if !slices.Contains(docs, d) {
			docs = append(docs, d)
		}
	}
	return docs, nil
}
