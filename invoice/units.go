package invoice

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/tradedocs/tradedocs/templates"
)

// UnitsFile is the template file of the bilingual unit table.
const UnitsFile = "units.json"

// ErrNoEnglish warns that a text the CI prints has no English: a Chinese
// unit not in the unit table, a Chinese-only specification (CI-4, CI-11).
var ErrNoEnglish = errors.New("text on the commercial invoice has no English")

// Units is the bilingual unit table (CI-11): the English trade unit of each
// Chinese unit (个 → pcs, 套 → sets, 千克 → kg).
type Units struct{ en map[string]string }

// ParseUnits reads a unit table: a JSON object from Chinese unit to English
// unit, {"个": "pcs", "套": "sets"}.
func ParseUnits(data []byte) (Units, error) {
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		return Units{}, fmt.Errorf("%s: %w (want {\"个\": \"pcs\", ...})", UnitsFile, err)
	}
	for zh, en := range m {
		if strings.TrimSpace(zh) == "" || !isEnglish(en) {
			return Units{}, fmt.Errorf("%s: %q → %q: each unit needs an English name in Latin letters", UnitsFile, zh, en)
		}
	}
	return Units{en: m}, nil
}

// LoadUnits reads the bundled unit table and lays the set's own units.json
// over it unit by unit, so that a user's file adds units (or changes one)
// without repeating the table.
func LoadUnits(set templates.Set) (Units, error) {
	base, err := templates.Bundled.ReadFile(UnitsFile)
	if err != nil {
		return Units{}, fmt.Errorf("bundled %s: %w", UnitsFile, err)
	}
	u, err := ParseUnits(base)
	if err != nil {
		return Units{}, fmt.Errorf("bundled %w", err)
	}
	if set == templates.Bundled {
		return u, nil
	}
	own, err := set.ReadFile(UnitsFile)
	if err != nil {
		return Units{}, err
	}
	over, err := ParseUnits(own)
	if err != nil {
		return Units{}, err
	}
	for k, v := range over.en {
		u.en[k] = v
	}
	return u, nil
}

// BundledUnits is the unit table shipped in the binary.
func BundledUnits() Units {
	u, err := LoadUnits(templates.Bundled)
	if err != nil {
		panic(err) // the bundled table is tested
	}
	return u
}

// English is the English unit of a unit as written: itself when it is
// already English ("pcs", "sets") or bilingual ("pcs/个", "kg公斤"), the
// table's entry for a Chinese one ("个" → "pcs"); ok is false for a Chinese
// unit the table lacks.
func (u Units) English(unit string) (en string, ok bool) {
	unit = strings.TrimSpace(unit)
	if !hasHan(unit) || strings.IndexFunc(unit, isLatin) >= 0 {
		return unit, true
	}
	en, ok = u.en[unit]
	return en, ok
}

// OnCI is the unit as the CI prints it (CI-11): "pcs 个" for a Chinese unit
// the table knows, the unit itself when it is English or unknown.
func (u Units) OnCI(unit string) string {
	unit = strings.TrimSpace(unit)
	if en, ok := u.English(unit); ok && en != unit {
		return en + " " + unit
	}
	return unit
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// isEnglish reports whether s can name a unit in English: Latin letters
// ("pcs", "m", "kg") and no Chinese.
func isEnglish(s string) bool {
	return !hasHan(s) && strings.IndexFunc(s, isLatin) >= 0
}

func isLatin(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }

// HasEnglish reports whether a text the CI prints can be read in English
// (CI-4): it has no Chinese, or with its Chinese an English word of three
// Latin letters or more ("304 stainless steel 304不锈钢"). "500ml 304不锈钢"
// has none: "ml" is a unit, not a translation.
func HasEnglish(s string) bool {
	if !hasHan(s) {
		return true
	}
	run := 0
	for _, r := range s {
		if !isLatin(r) {
			run = 0
			continue
		}
		if run++; run >= 3 {
			return true
		}
	}
	return false
}

// CheckEnglish warns, cell by cell, about each text the CI prints without
// English (CI-4, CI-11): a Chinese unit the table does not know, a
// specification or material in Chinese only, a charge named only in Chinese
// whose kind is not recognised, a manufacturer's, consignee's or notify
// party's Chinese-only name or address, the buyer's, ports and the named
// place, shipping marks, packing or remarks in Chinese only.
func (o *Order) CheckEnglish(u Units) Problems {
	var ps Problems
	warn := func(where Location, key, s string) {
		ps = append(ps, Warnf(where, ErrNoEnglish,
			"%s %q has no English; the commercial invoice must be in English (19 CFR 141.86(d), CI-4): add the English, e.g. \"304 stainless steel 304不锈钢\"", key, s))
	}
	for _, f := range []struct{ key, s string }{
		{"manufacturer_name", o.Manufacturer.Name}, {"manufacturer_address", o.Manufacturer.Address},
		{"shipping_marks", o.Shipment.ShippingMarks}, {"packing", o.Shipment.Packing},
		{"remarks", o.Remarks}, {"rebates", o.Rebates}, {"assists", o.Assists},
		{"consignee_name", o.Consignee.Name}, {"consignee_address", o.Consignee.Address},
		{"notify_party", o.NotifyParty}, {"port_of_discharge", o.Shipment.PortOfDischarge},
		{"port_of_entry", o.Shipment.PortOfEntry},
		{"buyer_name", o.Buyer.Name}, {"buyer_address", o.Buyer.Address},
		{"incoterm_place", o.Shipment.Place}, {"port_of_loading", o.Shipment.PortOfLoading},
	} {
		if !HasEnglish(f.s) && !isNone(f.s) {
			warn(o.At(f.key), f.key, f.s)
		}
	}
	for i := range o.Items {
		it := &o.Items[i]
		if it.Unit != "" {
			if _, ok := u.English(it.Unit); !ok {
				ps = append(ps, Warnf(it.At("unit"), ErrNoEnglish,
					"unit %q is not in the unit table (%s); the CI prints it without English (CI-11): write the English unit (pcs, sets, kg) or add it to %s in your templates folder",
					it.Unit, UnitsFile, UnitsFile))
			}
		}
		for _, f := range []struct{ key, s string }{
			{"spec", it.Spec}, {"material", it.Material},
			{"manufacturer_name", it.ManufacturerName}, {"manufacturer_address", it.ManufacturerAddress},
		} {
			if !HasEnglish(f.s) {
				warn(it.At(f.key), f.key, f.s)
			}
		}
	}
	for i := range o.Charges {
		c := &o.Charges[i]
		if !HasEnglish(c.Label()) {
			warn(c.At("description_zh"), "charge", c.Label())
		}
	}
	return ps
}

// IsZero reports whether the table is the zero Units, holding no unit.
func (u Units) IsZero() bool { return u.en == nil }
