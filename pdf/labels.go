package pdf

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/tradedocs/tradedocs/templates"
)

// label is one bilingual caption: "Invoice No." and "发票号".
type label struct {
	EN string `json:"en"`
	ZH string `json:"zh"`
	// both is String's result, joined once by loadLabels.
	both string
}

// String is the caption as the documents print it, English then Chinese:
// "Invoice No. 发票号".
func (l label) String() string {
	if l.both != "" {
		return l.both
	}
	switch {
	case l.EN == "":
		return l.ZH
	case l.ZH == "":
		return l.EN
	}
	return l.EN + " " + l.ZH
}

// labels are the captions of both documents by key (see labels.json).
type labels map[string]label

// labelsFile is the template file the captions are read from.
const labelsFile = "labels.json"

// requiredLabels are the keys the renderer draws; a labels.json missing one
// is an error at New, not a blank on paper.
var requiredLabels = []string{
	"title_pi", "title_ci", "name_pi", "name_ci", "continued", "page",
	"pi_no", "invoice_no", "date", "valid_until", "order_no", "contract_no", "currency",
	"seller", "buyer", "consignee", "notify_party", "tel", "email", "website", "tax_id", "uscc",
	"shipment", "incoterm", "port_of_loading", "port_of_discharge", "port_of_entry",
	"country_of_origin", "country_of_destination", "transport", "vessel", "tracking_no",
	"ship_date", "lead_time",
	"col_no", "col_description", "col_spec", "col_hs_code", "col_origin", "col_quantity",
	"col_unit", "col_cartons", "col_net_weight", "col_gross_weight", "col_unit_price",
	"col_amount", "sku", "spec", "material",
	"goods_total", "total", "deposit_received", "balance_due", "words",
	"payment_terms", "stage_deposit", "stage_balance", "stage_full", "memo",
	"bank", "beneficiary", "account", "bank_name", "bank_address", "swift", "cnaps",
	"beneficiary_address", "intermediary_bank", "intermediary_swift", "bank_charges",
	"named_value", "manufacturer", "destination", "rebates", "assists",
	"remarks", "quotation",
	"packing_totals", "total_cartons", "total_net_weight", "total_gross_weight", "total_cbm",
	"shipping_marks", "packing", "declaration",
	"for_seller", "signature", "buyer_confirmation", "buyer_signature",
}

// loadLabels reads the bundled labels.json and lays the set's own
// labels.json over it key by key, so a user's file may change a single
// caption. Every required key must end up with text in both languages
// (the page footer also needs its {page} and {pages} placeholders).
func loadLabels(set templates.Set) (labels, error) {
	ls := labels{}
	base, err := templates.Bundled.ReadFile(labelsFile)
	if err != nil {
		return nil, fmt.Errorf("pdf: bundled %s: %w", labelsFile, err)
	}
	if err := json.Unmarshal(base, &ls); err != nil {
		return nil, fmt.Errorf("pdf: bundled %s: %w", labelsFile, err)
	}
	if set != templates.Bundled {
		own, err := set.ReadFile(labelsFile)
		if err != nil {
			return nil, fmt.Errorf("pdf: %s: %w", labelsFile, err)
		}
		over := labels{}
		if err := json.Unmarshal(own, &over); err != nil {
			return nil, fmt.Errorf("pdf: %s: %w (want {\"key\": {\"en\": \"...\", \"zh\": \"...\"}, ...})", labelsFile, err)
		}
		// A key the bundled file does not have is a misspelling the
		// renderer would never draw: the caption meant stays unchanged.
		var unknown []string
		for k := range over {
			if _, ok := ls[k]; !ok {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			slices.Sort(unknown)
			return nil, fmt.Errorf("pdf: %s: unknown key %s (the keys are those of the bundled %s, e.g. title_pi, invoice_no)", labelsFile, strings.Join(unknown, ", "), labelsFile)
		}
		for k, v := range over {
			ls[k] = v
		}
	}
	var missing []string
	for _, k := range append(requiredLabels[:len(requiredLabels):len(requiredLabels)], packingLabels...) {
		l, ok := ls[k]
		if !ok || strings.TrimSpace(l.EN) == "" || strings.TrimSpace(l.ZH) == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("pdf: %s has no English and Chinese text for %s", labelsFile, strings.Join(missing, ", "))
	}
	for _, lang := range []string{ls["page"].EN, ls["page"].ZH} {
		if !strings.Contains(lang, "{page}") || !strings.Contains(lang, "{pages}") {
			return nil, fmt.Errorf("pdf: %s: page label %q needs {page} and {pages}", labelsFile, lang)
		}
	}
	for k, l := range ls {
		for _, s := range []string{l.EN, l.ZH} {
			for _, r := range s {
				if r > 0xFFFF || r < 0x20 {
					return nil, fmt.Errorf("pdf: %s: label %s has character %q (U+%04X), which cannot be drawn", labelsFile, k, r, r)
				}
			}
		}
	}
	for k, l := range ls {
		l.both = l.String()
		ls[k] = l
	}
	return ls, nil
}
