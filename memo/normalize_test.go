package memo

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        string // substring of the error; "" when none
	}{
		{"plain English name is kept as written", "Ningbo Sunrise Trading Co., Ltd.", "Ningbo Sunrise Trading Co., Ltd.", ""},
		{"ampersand in a mixed-case name becomes and", "Yiwu Import & Export Co., Ltd.", "Yiwu Import and Export Co., Ltd.", ""},
		{"ampersand in a name in capitals becomes AND", "YIWU IMPORT & EXPORT CO., LTD.", "YIWU IMPORT AND EXPORT CO., LTD.", ""},
		{"ampersand between a capitals word and a mixed-case one follows the capitals", "ABC & Sons Ltd", "ABC AND Sons Ltd", ""},
		{"Plastic & Hardware keeps the case of the name", "Ningbo Plastic&Hardware Co., Ltd.", "Ningbo Plastic and Hardware Co., Ltd.", ""},
		{"ampersand without spaces gets spaces", "R&D Electronics", "R AND D Electronics", ""},
		{"percent becomes PCT", "30% deposit", "30PCT deposit", ""},
		{"hash in an order number becomes NO.", "PO#123", "PONO.123", ""},
		{"full-width letters and digits fold to ASCII", "ＡＢＣ Ｔｒａｄｉｎｇ １２３", "ABC Trading 123", ""},
		{"full-width punctuation folds too", "ＡＢＣ Ｃｏ．，Ｌｔｄ．（ＨＫ）", "ABC Co.,Ltd.(HK)", ""},
		{"full-width hash and percent are substituted after folding", "ＰＯ＃１２　５０％", "PONO.12 50PCT", ""},
		{"German accents are stripped", "Café Müller GmbH", "Cafe Muller GmbH", ""},
		{"sharp s becomes ss", "Großhandel Weiß", "Grosshandel Weiss", ""},
		{"Nordic letters", "Ørsted Æble Åkerlund", "Orsted AEble Akerlund", ""},
		{"decomposed accent (e + combining acute)", "Cafe\u0301", "Cafe", ""},
		{"curly apostrophe becomes straight", "O’Brien’s Toys", "O'Brien's Toys", ""},
		{"double quotes become apostrophes", `Xiamen "Sunshine" Outdoor`, "Xiamen 'Sunshine' Outdoor", ""},
		{"e-mail at sign in small letters", "sales@abc.com", "sales at abc.com", ""},
		{"at sign in capitals", "SALES@ABC.COM", "SALES AT ABC.COM", ""},
		{"semicolon and exclamation", "Co.; Ltd!", "Co., Ltd.", ""},
		{"underscore and asterisk become spaces", "ABC_TRADING*HK", "ABC TRADING HK", ""},
		{"brackets become parentheses", "Acme [HK] {Group}", "Acme (HK) (Group)", ""},
		{"en and em dashes become hyphens", "Xin–Da—Long", "Xin-Da-Long", ""},
		{"no-break space from Excel, tabs and newlines become one space", "Acme\u00a0Co.\t\n Ltd", "Acme Co. Ltd", ""},
		{"ideographic space", "Acme\u3000Trading", "Acme Trading", ""},
		{"zero-width space is dropped", "Acme\u200bTrading", "AcmeTrading", ""},
		{"surrounding spaces trimmed", "  Acme  ", "Acme", ""},
		{"Chinese is an error that says Chinese", "深圳市华强电子有限公司", "", "Chinese"},
		{"mixed Chinese and English names the Chinese characters", "Shenzhen 华强 Co.", "", "'华' (U+534E)"},
		{"Cyrillic cannot be represented", "ООО Ромашка", "", "outside the SWIFT character set"},
		{"euro sign cannot be represented", "€100", "", "U+20AC"},
		{"yen sign cannot be represented", "¥500", "", "U+00A5"},
		{"emoji cannot be represented", "Happy Toys 😀", "", "U+1F600"},
		{"the internal glue character is never accepted", "A\uE000B", "", "U+E000"},
		{"empty stays empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("Normalize(%q) = %q, want an error containing %q", tt.in, got, tt.wantErr)
				}
				if !errors.Is(err, ErrNotSWIFT) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Normalize(%q) error = %v, want ErrNotSWIFT containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Normalize(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for _, r := range got {
				if !inX(r) {
					t.Errorf("Normalize(%q) = %q holds %q, outside the X set", tt.in, got, r)
				}
			}
			again, err := Normalize(got)
			if err != nil || again != got {
				t.Errorf("Normalize is not idempotent on %q: %q, %v", got, again, err)
			}
		})
	}
}

func TestUstrd(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"one line", []string{"PAYMENT FOR GOODS"}, "PAYMENT FOR GOODS"},
		{"lines joined by single spaces", []string{"PAYMENT FOR GOODS 30PCT DEPOSIT", "ORDER PO-1", "Acme Co., Ltd."},
			"PAYMENT FOR GOODS 30PCT DEPOSIT ORDER PO-1 Acme Co., Ltd."},
		{"no lines", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Ustrd(tt.lines); got != tt.want {
				t.Errorf("Ustrd = %q, want %q", got, tt.want)
			}
		})
	}
}
