package invoice

import (
	"errors"
	"strings"
	"sync"

	"github.com/tradedocs/tradedocs/internal/lazyregexp"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Kinds of problem of the customs content of the CI (CI-9, CI-10).
var (
	// ErrPortOfEntry warns that goods bound for the US have no port of
	// entry (19 CFR 141.86(a)(1)).
	ErrPortOfEntry = errors.New("no port of entry")
	// ErrFallback warns that the CI takes its number or date from another
	// document's (the order number, the PI date).
	ErrFallback = errors.New("commercial invoice number or date taken from another document")
	// ErrCountry warns that a country of origin is neither an ISO 3166 code
	// nor a country name the tool knows.
	ErrCountry = errors.New("unknown country")
	// ErrBankCharges means bank_charges is not OUR, SHA or BEN.
	ErrBankCharges = errors.New("bank charges option not OUR, SHA or BEN")
)

// InvoiceDate is the date the CI carries: the CI date, or the PI date when
// none was given (the check command warns about the fallback).
func (o *Order) InvoiceDate() Date {
	if !o.CIDate.IsZero() {
		return o.CIDate
	}
	return o.PIDate
}

// usAddress recognises an address in the United States by its country.
var usAddress = lazyregexp.New(`(?i)(\bUSA\b|\bU\.S\.A\.?|\bUnited States\b|,\s*US\s*$)`)

// ToUS reports whether the goods go to the United States: the country of
// destination is the US, or it is not given and the buyer's or consignee's
// address is in the US.
func (o *Order) ToUS() bool {
	if c := o.Shipment.CountryOfDestination; c != "" {
		code, _ := CountryCode(c)
		return code == "US"
	}
	return usAddress.MatchString(o.Buyer.Address) || usAddress.MatchString(o.Consignee.Address)
}

// Destination is what the CI prints where the port of entry goes: the port
// of entry, or, while it is not known (often so when the PI is issued), the
// port of discharge; entry says which.
func (o *Order) Destination() (place string, entry bool) {
	if s := strings.TrimSpace(o.Shipment.PortOfEntry); s != "" {
		return s, true
	}
	return o.Shipment.PortOfDischarge, false
}

// checkCustoms warns about the CI's customs content (CI-9): no port of
// entry for goods bound for the US, a CI number or date that falls back to
// the order number or the PI date, an origin that is not a known country,
// and validates the bank charges option and the intermediary's BIC (T-10).
func (o *Order) checkCustoms() Problems {
	var ps Problems
	if o.ToUS() && strings.TrimSpace(o.Shipment.PortOfEntry) == "" {
		instead := "nothing"
		if o.Shipment.PortOfDischarge != "" {
			instead = "the port of discharge, " + o.Shipment.PortOfDischarge
		}
		ps = append(ps, Warnf(o.At("port_of_entry"), ErrPortOfEntry,
			"port_of_entry is not given for goods bound for the US (19 CFR 141.86(a)(1), CI-9); the CI prints %s as the destination", instead))
	}
	if o.CINo == "" && o.OrderNo != "" {
		ps = append(ps, Warnf(o.At("ci_no"), ErrFallback,
			"ci_no is not given: the commercial invoice is numbered with the order number %q; give the supplier's own invoice number (CI-9)", o.OrderNo))
	}
	// With no PI date either, the order is refused (pi_date is required).
	if o.CIDate.IsZero() && !o.Unread.Has("ci_date") {
		if !o.PIDate.IsZero() {
			ps = append(ps, Warnf(o.At("ci_date"), ErrFallback,
				"ci_date is not given: the commercial invoice is dated with the PI date %s; give the date the supplier issues it (CI-9)", o.PIDate))
		}
	}
	if c := o.Shipment.CountryOfOrigin; c != "" {
		if _, ok := CountryCode(c); !ok {
			ps = append(ps, Warnf(o.At("country_of_origin"), ErrCountry, "country_of_origin %q is not an ISO 3166 country code or name; write e.g. CN or China", c))
		}
	}
	for i := range o.Items {
		it := &o.Items[i]
		if it.Origin != "" {
			if _, ok := CountryCode(it.Origin); !ok {
				ps = append(ps, Warnf(it.At("origin"), ErrCountry, "origin %q is not an ISO 3166 country code or name; write e.g. CN or China", it.Origin))
			}
		}
	}
	if b := o.Bank.Charges; b != "" {
		if _, err := ParseBankCharges(b); err != nil {
			ps = append(ps, Errorf(o.At("bank_charges"), ErrBankCharges, "bank_charges %q: want OUR (the buyer pays every bank's fee), SHA (each side pays its own bank) or BEN (the supplier pays) (T-10)", b))
		}
	}
	if s := o.Bank.IntermediarySWIFT; s != "" {
		if err := CheckBIC(s); err != nil {
			ps = append(ps, Errorf(o.At("intermediary_swift"), ErrBIC, "intermediary_swift: %v", err))
		}
	}
	return ps
}

// ParseBankCharges reads the bank charges option (MT103 field 71A, T-10):
// OUR, SHA or BEN, in any case.
func ParseBankCharges(s string) (string, error) {
	switch v := strings.ToUpper(strings.TrimSpace(s)); v {
	case "OUR", "SHA", "BEN":
		return v, nil
	}
	return "", ErrBankCharges
}

// BankCharges is the order's bank charges option: OUR, SHA or BEN as
// stated, SHA (each side pays its own bank) when not (T-10).
func (o *Order) BankCharges() string {
	if v, err := ParseBankCharges(o.Bank.Charges); err == nil {
		return v
	}
	return "SHA"
}

// countries maps upper-cased English and Chinese country names and ISO
// codes to ISO 3166 alpha-2 codes, from golang.org/x/text's CLDR tables.
var countries = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	en := display.English.Regions()
	zh := display.Regions(language.SimplifiedChinese)
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code {
				continue
			}
			m[code] = code
			if n := en.Name(r); n != "" {
				m[strings.ToUpper(n)] = code
			}
			if n := zh.Name(r); n != "" {
				m[n] = code
			}
		}
	}
	for name, code := range map[string]string{
		"USA": "US", "U.S.A.": "US", "U.S.": "US", "UNITED STATES OF AMERICA": "US", "AMERICA": "US", "美国": "US",
		"PRC": "CN", "P.R.C.": "CN", "P.R. CHINA": "CN", "MAINLAND CHINA": "CN", "PEOPLE'S REPUBLIC OF CHINA": "CN", "中国": "CN", "中国大陆": "CN",
		"UK": "GB", "ENGLAND": "GB", "GREAT BRITAIN": "GB", "英国": "GB",
		"HONG KONG": "HK", "香港": "HK", "TAIWAN": "TW", "台湾": "TW", "VIETNAM": "VN", "KOREA": "KR", "SOUTH KOREA": "KR",
	} {
		m[name] = code
	}
	return m
})

// CountryCode reads a country as users write it, an ISO 3166 code or an
// English or Chinese name (CN, China, P.R. China, 中国, USA), as its ISO
// 3166 alpha-2 code.
func CountryCode(s string) (string, bool) {
	k := strings.ToUpper(strings.Join(strings.Fields(s), " "))
	code, ok := countries()[k]
	return code, ok
}

// CountryName writes a country as the CI prints it (CI-9): its English
// name and ISO code, "China (CN)", "United States (US)"; a country the
// tool does not know is printed as written.
func CountryName(s string) string {
	code, ok := CountryCode(s)
	if !ok {
		return strings.TrimSpace(s)
	}
	r := language.MustParseRegion(code)
	return display.English.Regions().Name(r) + " (" + code + ")"
}

// ItemOrigin is the country of origin of one line as the CI prints it,
// "China (CN)": the line's own or else the order's (CI-2, CI-9).
func (o *Order) ItemOrigin(it *Item) string {
	if strings.TrimSpace(it.Origin) != "" {
		return CountryName(it.Origin)
	}
	return CountryName(o.OriginCountry())
}

// isNone reports whether a statement says there is nothing to state:
// "none", "no", "n/a", "nil", 无, 没有.
func isNone(s string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(s), ".。")) {
	case "none", "no", "n/a", "na", "nil", "0", "无", "没有", "无。":
		return true
	}
	return false
}

// Statement is how the CI words a rebates or assists field (CI-9): "None"
// when the user said there are none, the user's text otherwise, empty when
// nothing was said.
func Statement(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return ""
	case isNone(s):
		return "None 无"
	}
	return strings.TrimSpace(s)
}

// ItemManufacturer is the manufacturer of a line (CI-10): the line's own
// name and address, else the order's.
func (o *Order) ItemManufacturer(it *Item) Party {
	if it.ManufacturerName != "" || it.ManufacturerAddress != "" {
		return Party{Name: it.ManufacturerName, Address: it.ManufacturerAddress}
	}
	return o.Manufacturer
}
