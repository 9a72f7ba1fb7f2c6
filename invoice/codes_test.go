package invoice

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckHSCode(t *testing.T) {
	tests := []struct {
		name, code string
		ok         bool
	}{
		{"six-digit international subheading", "851310", true},
		{"written with a dot", "8513.10", true},
		{"US HTSUS ten digits dotted", "8513.10.20.00", true},
		{"China ten digits", "8513102000", true},
		{"thirteen digits on a declaration", "8513102000123", true},
		{"spaces between groups", "8513 10 20", true},
		{"chapter only is too short", "8513", false},
		{"fourteen digits", "85131020001234", false},
		{"a letter", "85A310", false},
		{"dashes are not allowed", "8513-10", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckHSCode(tt.code)
			if (err == nil) != tt.ok {
				t.Errorf("CheckHSCode(%q) = %v, want ok=%v", tt.code, err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrHSCode) {
				t.Errorf("error %v is not ErrHSCode", err)
			}
		})
	}
}

func TestCheckTaxID(t *testing.T) {
	tests := []struct {
		name, code string
		ok         bool
	}{
		{"valid code of a listed company", "91350100M000100Y43", true},
		{"valid code ending in a digit", "914403001922038216", true},
		{"lower case is accepted", "91350100m000100y43", true},
		{"wrong check character", "91350100M000100Y44", false},
		{"seventeen characters", "91350100M000100Y4", false},
		{"letter I is not in the alphabet", "91350100I000100Y43", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckTaxID(tt.code)
			if (err == nil) != tt.ok {
				t.Errorf("CheckTaxID(%q) = %v, want ok=%v", tt.code, err, tt.ok)
			}
		})
	}
}

func TestCheckBIC(t *testing.T) {
	tests := []struct {
		name, bic string
		ok        bool
	}{
		{"bank of china head office", "BKCHCNBJ", true},
		{"bank of china branch", "BKCHCNBJ300", true},
		{"hsbc hong kong", "HSBCHKHHHKH", true},
		{"icbc shenzhen", "ICBKCNBJSZN", true},
		{"lower case", "bkchcnbj", false},
		{"digits in the country", "BKCH12BJ", false},
		{"unknown country", "BKCHQQBJ", false},
		{"nine characters", "BKCHCNBJ3", false},
		{"with a space", "BKCH CNBJ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckBIC(tt.bic); (err == nil) != tt.ok {
				t.Errorf("CheckBIC(%q) = %v, want ok=%v", tt.bic, err, tt.ok)
			}
		})
	}
}

func TestParseIncoterm(t *testing.T) {
	tests := []struct {
		name, in  string
		term      Incoterm
		place     string
		errSubstr string
	}{
		{"plain rule", "FOB", FOB, "", ""},
		{"rule with its place", "FOB Shenzhen", FOB, "Shenzhen", ""},
		{"as invoices write it", "CIF Los Angeles, Incoterms 2020", CIF, "Los Angeles", ""},
		{"lower case", "exw", EXW, "", ""},
		{"DAT was replaced by DPU", "DAT", "", "", "DPU"},
		{"DDU was replaced by DAP", "DDU", "", "", "DAP"},
		{"not a rule", "FOO", "", "", "not one of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term, place, err := ParseIncoterm(tt.in)
			if tt.errSubstr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errSubstr) || !errors.Is(err, ErrIncoterm) {
					t.Fatalf("ParseIncoterm(%q) err = %v, want one mentioning %q", tt.in, err, tt.errSubstr)
				}
				return
			}
			if err != nil || term != tt.term || place != tt.place {
				t.Errorf("ParseIncoterm(%q) = %q, %q, %v; want %q, %q", tt.in, term, place, err, tt.term, tt.place)
			}
		})
	}
	if got := FOB.Written("Shenzhen"); got != "FOB Shenzhen, Incoterms 2020" {
		t.Errorf("Written = %q", got)
	}
}
