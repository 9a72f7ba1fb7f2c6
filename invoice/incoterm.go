package invoice

import (
	"fmt"
	"strings"
)

// Incoterm is an Incoterms 2020 rule (I-1): who pays for and bears the risk
// of carriage, and where the goods change hands.
type Incoterm string

// The eleven Incoterms 2020 rules.
const (
	EXW Incoterm = "EXW"
	FCA Incoterm = "FCA"
	CPT Incoterm = "CPT"
	CIP Incoterm = "CIP"
	DAP Incoterm = "DAP"
	DPU Incoterm = "DPU"
	DDP Incoterm = "DDP"
	FAS Incoterm = "FAS"
	FOB Incoterm = "FOB"
	CFR Incoterm = "CFR"
	CIF Incoterm = "CIF"
)

// incotermPlace says what the named place of each rule is (I-1), for the
// documents and for error messages.
var incotermPlace = map[Incoterm]string{
	EXW: "place of delivery", FCA: "place of delivery",
	FAS: "port of shipment", FOB: "port of shipment",
	CFR: "port of destination", CIF: "port of destination",
	CPT: "place of destination", CIP: "place of destination",
	DAP: "place of destination", DDP: "place of destination",
	DPU: "place of unloading",
}

// obsoleteIncoterms maps rules withdrawn from Incoterms 2020 to the rule
// that replaced them.
var obsoleteIncoterms = map[string]Incoterm{
	"DAT": DPU, "DDU": DAP, "DAF": DAP, "DES": DAP, "DEQ": DPU, "C&F": CFR, "CNF": CFR, "CFR&I": CIF,
}

// ParseIncoterm reads an Incoterms 2020 rule, case-insensitively; "FOB
// Shenzhen" yields FOB and the place "Shenzhen". A withdrawn rule (DAT, DDU,
// DAF, DES, DEQ) is an error that names its 2020 replacement.
func ParseIncoterm(s string) (term Incoterm, place string, err error) {
	s = strings.TrimSpace(s)
	code, rest, _ := strings.Cut(s, " ")
	code = strings.ToUpper(strings.TrimSuffix(code, ","))
	place = strings.TrimSpace(rest)
	place = strings.TrimSpace(strings.TrimSuffix(place, "Incoterms 2020"))
	place = strings.TrimSpace(strings.TrimSuffix(place, ","))
	if _, ok := incotermPlace[Incoterm(code)]; ok {
		return Incoterm(code), place, nil
	}
	if repl, ok := obsoleteIncoterms[code]; ok {
		return "", "", fmt.Errorf("%w: %q is not in Incoterms 2020; use %s (%s)", ErrIncoterm, s, repl, incotermPlace[repl])
	}
	return "", "", fmt.Errorf("%w: %q is not one of EXW, FCA, CPT, CIP, DAP, DPU, DDP, FAS, FOB, CFR, CIF", ErrIncoterm, s)
}

// NamedPlace says what kind of place the rule names: "port of shipment" for
// FOB, "port of destination" for CIF.
func (t Incoterm) NamedPlace() string { return incotermPlace[t] }

// Written is the rule as invoices write it: "FOB Shenzhen, Incoterms 2020".
func (t Incoterm) Written(place string) string {
	if place == "" {
		return string(t) + ", Incoterms 2020"
	}
	return string(t) + " " + place + ", Incoterms 2020"
}
