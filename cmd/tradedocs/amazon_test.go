package main

import (
	"regexp"
	"strings"
	"testing"
)

func TestCheckAmazon(t *testing.T) {
	const example = "../../examples/usd-fob-30-70.xlsx"
	const address = "2150 East Maple Avenue, Unit B, El Segundo, CA 90245, USA"
	tests := []struct {
		name   string
		args   []string
		code   int
		notMet []string // requirements printed NOT MET
		stderr string
	}{
		{"seller account matching the invoice, uploaded in June 2024",
			[]string{"--account-name", "HARBOR LANE GOODS LLC", "--account-address", "2150  East Maple Avenue, Unit B, El Segundo, CA 90245, USA", "--as-of", "2024-06-01"},
			exitOK, nil, ""},
		{"account name without LLC, a year and a half later",
			[]string{"--account-name", "Harbor Lane Goods", "--account-address", address, "--as-of", "2025-09-01"},
			exitFail, []string{"CI date within 365 days", "buyer name matches the account"}, ""},
		{"no account address", []string{"--account-name", "Harbor Lane Goods LLC"}, exitUsage, nil, "--account-address"},
		{"as-of that is not a date", []string{"--account-name", "A", "--account-address", "B", "--as-of", "June"}, exitUsage, nil, "--as-of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"check", "--amazon", example}, tt.args...)
			code, out, errOut := runCmd(t, nil, args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
			if tt.stderr != "" {
				if !strings.Contains(errOut, tt.stderr) {
					t.Errorf("stderr %q lacks %q", errOut, tt.stderr)
				}
				return
			}
			if !strings.Contains(out, "Amazon invoice requirements, order HL-2024-0318") {
				t.Fatalf("no readiness report:\n%s", out)
			}
			var notMet []string
			for _, m := range regexp.MustCompile(`(?m)^  NOT MET  ([^:]+):.*\((.+)\)$`).FindAllStringSubmatch(out, -1) {
				notMet = append(notMet, m[1])
				if !strings.HasPrefix(m[2], example+"!Order!") {
					t.Errorf("requirement %q points at %q, not a cell of the Order sheet", m[1], m[2])
				}
			}
			if n := strings.Count(out, "\n  met      ") + len(notMet); n != 8 {
				t.Errorf("%d requirements reported, want 8:\n%s", n, out)
			}
			if len(notMet) != len(tt.notMet) {
				t.Fatalf("not met %q, want %q\n%s", notMet, tt.notMet, out)
			}
			for i := range notMet {
				if !strings.HasPrefix(notMet[i], tt.notMet[i]) {
					t.Errorf("not met %q, want %q", notMet[i], tt.notMet[i])
				}
			}
		})
	}
}

// check reports what generate's wire memo would warn about, at the cell.
func TestCheckReportsMemoShortening(t *testing.T) {
	code, out, _ := runCmd(t, nil, "check", "../../testdata/broken/memo-drops-order-number.xlsx")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	want := `../../testdata/broken/memo-drops-order-number.xlsx!Order!B1: warning: wire memo for the 30PCT DEPOSIT leaves out the order number "PO-2024-0117"`
	if !strings.Contains(out, want) {
		t.Errorf("check output lacks %q:\n%s", want, out)
	}
	if strings.Count(out, "30PCT DEPOSIT leaves out the order number") != 1 {
		t.Errorf("the same shortening reported more than once:\n%s", out)
	}
}
