package memo

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"

	"github.com/shopspring/decimal"
	"github.com/tradedocs/tradedocs/invoice"
	"github.com/tradedocs/tradedocs/templates"
)

// TemplateName is the file of the template set that words the remittance
// information.
const TemplateName = "memo.tmpl"

// Purpose is what the payment is for, the words banks and the supplier read
// first (T-1: a bare invoice number is not enough).
const Purpose = "PAYMENT FOR GOODS"

// Fields is the data the memo template is executed with: one payment stage
// of one order. Every text is already normalised into the SWIFT X set.
type Fields struct {
	// Purpose is "PAYMENT FOR GOODS".
	Purpose string
	// OrderRef is the order number, or the PI number when the order has
	// none: the reference the supplier matches the money against (T-1).
	OrderRef string
	// OrderNo, PINo and CINo are the order, PI and CI numbers as given
	// (PINo and CINo are empty when the document has no number of its own).
	OrderNo string
	PINo    string
	CINo    string
	// Ref is the reference the supplier books the payment against (T-9):
	// "PI SZBW-PI-240318 ORDER HL-2024-0318" for a deposit, "CI
	// SZBW-CI-240502 ORDER HL-2024-0318" for a balance, the order number
	// dropped when it does not fit, "ORDER HL-2024-0318" when the supplier's
	// document has no number of its own.
	Ref string
	// Stage says which payment this is: "30PCT DEPOSIT", "70PCT BALANCE",
	// "100PCT PAYMENT", "33.5PCT DEPOSIT".
	Stage string
	// Kind is deposit, balance or full.
	Kind invoice.StageKind
	// Percent is the stage's share of the total: "30", "33.5".
	Percent string
	// Supplier is the supplier's English name, possibly shortened by whole
	// words from its end to fit.
	Supplier string
	// Amount is the stage's amount as the PI shows it ("3,703.70") and
	// Currency its ISO code ("USD").
	Amount   string
	Currency string
}

// Writer formats the memos of orders from one memo template.
type Writer struct {
	tmpl *template.Template
}

// New parses memo.tmpl from the template set once; the Writer can then
// format any number of orders.
func New(set templates.Set) (*Writer, error) {
	b, err := set.ReadFile(TemplateName)
	if err != nil {
		return nil, fmt.Errorf("memo template: %w", err)
	}
	t, err := template.New(TemplateName).Funcs(template.FuncMap{
		"upper": strings.ToUpper,
		"lower": strings.ToLower,
	}).Option("missingkey=error").Parse(string(b))
	if err != nil {
		return nil, fmt.Errorf("memo template: %w", err)
	}
	return &Writer{tmpl: t}, nil
}

// templateWhere is where template problems are reported: the template file.
var templateWhere = invoice.Location{File: TemplateName}

// StageText is the words of a payment stage in a memo (T-1): "30PCT
// DEPOSIT", "70PCT BALANCE", "100PCT PAYMENT"; a fractional percentage keeps
// its decimals ("33.5PCT DEPOSIT").
func StageText(s invoice.Stage) string {
	p := percentText(s.Percent)
	switch s.Kind {
	case invoice.DepositPayment:
		return p + "PCT DEPOSIT"
	case invoice.BalancePayment:
		return p + "PCT BALANCE"
	default:
		return p + "PCT PAYMENT"
	}
}

// percentText writes 30 as "30", 30.00 as "30" and 33.50 as "33.5".
func percentText(d decimal.Decimal) string {
	return d.String()
}

// PrintedLines are the remittance lines of one payment stage as the PI
// prints them in its payment terms: Remittance's lines, or its errors as
// the error (warnings are reported by Check and by the memo file, not
// here). Its signature is that of pdf.Options.Memo.
func (w *Writer) PrintedLines(o *invoice.Order, s invoice.Stage) ([]string, error) {
	lines, ps := w.Remittance(o, s)
	if ps.HasErrors() {
		return nil, ps
	}
	return lines, nil
}

// Remittance is the remittance information of one payment stage: the lines
// of MT103 field 70, at most 4 of at most 35 characters from the SWIFT X set
// (T-2 to T-4), whose join by spaces (Ustrd) is also the ISO 20022 text
// (T-5). problems holds warnings (the supplier's name shortened, no bank
// account) and errors (a Chinese-only supplier, a character that cannot be
// represented, an invalid BIC, a memo that cannot fit); lines is nil when
// there is an error.
func (w *Writer) Remittance(o *invoice.Order, s invoice.Stage) (lines []string, problems invoice.Problems) {
	problems = bankProblems(o)
	lines, ps := w.remittance(o, s)
	problems = append(problems, ps...)
	if problems.HasErrors() {
		return nil, problems
	}
	return lines, problems
}

// orderRef is the normalised order (or PI) number with the key it came from.
func orderRef(o *invoice.Order) (ref string, p *invoice.Problem) {
	key, raw := "order_no", o.OrderNo
	if raw == "" {
		key, raw = "pi_no", o.PINo
	}
	if raw == "" {
		e := invoice.Errorf(o.At("order_no"), invoice.ErrMissing, "order_no is required: the wire memo must name the order (T-1)")
		return "", &e
	}
	n, err := Normalize(raw)
	if err != nil {
		e := invoice.Errorf(o.At(key), ErrNotSWIFT, "%s cannot go in a wire memo: %v", key, err)
		return "", &e
	}
	if n == "" {
		e := invoice.Errorf(o.At(key), invoice.ErrMissing, "%s %q has nothing a wire memo can carry (T-1)", key, raw)
		return "", &e
	}
	return n, nil
}

// supplierName is the normalised English name of the supplier for the memo
// (T-1, T-7): the seller's English name, else the bank's beneficiary name.
func supplierName(o *invoice.Order) (string, *invoice.Problem) {
	key, raw := "seller_name_en", o.Seller.Name
	if raw == "" {
		key, raw = "bank_beneficiary", o.Bank.Beneficiary
	}
	if raw == "" {
		if o.Seller.NameZH != "" {
			e := invoice.Errorf(o.At("seller_name_en"), ErrChineseOnly,
				"supplier %q has only a Chinese name; SWIFT cannot carry Chinese, so fill seller_name_en (or bank_beneficiary) with the English or pinyin name registered with the bank (T-7)", o.Seller.NameZH)
			return "", &e
		}
		e := invoice.Errorf(o.At("seller_name_en"), invoice.ErrMissing, "seller_name_en is required: the wire memo must name the supplier (T-1)")
		return "", &e
	}
	n, err := Normalize(raw)
	if err != nil {
		kind := ErrNotSWIFT
		if _, bad := fold(raw, false); hasHan(bad) {
			kind = ErrChineseOnly
		}
		e := invoice.Errorf(o.At(key), kind,
			"%s cannot go in a wire memo: %v; fill %s with the English or pinyin name registered with the bank (T-7)", key, err, key)
		return "", &e
	}
	if n == "" {
		e := invoice.Errorf(o.At(key), invoice.ErrMissing, "%s %q has nothing a wire memo can carry (T-1)", key, raw)
		return "", &e
	}
	return n, nil
}

// glued joins the words of a field so that wrapping never splits it.
func glued(s string) string { return strings.ReplaceAll(s, " ", string(glue)) }

func (w *Writer) remittance(o *invoice.Order, s invoice.Stage) ([]string, invoice.Problems) {
	var ps invoice.Problems
	ref, p := orderRef(o)
	if p != nil {
		ps = append(ps, *p)
	}
	supplier, p := supplierName(o)
	if p != nil {
		ps = append(ps, *p)
	}
	if ps.HasErrors() {
		return nil, ps
	}
	orderNo, _ := Normalize(o.OrderNo)
	own := func(key, no string) (string, *invoice.Problem) {
		if no == "" || no == o.OrderNo {
			return "", nil
		}
		n, err := Normalize(no)
		if err != nil {
			e := invoice.Errorf(o.At(key), ErrNotSWIFT, "%s cannot go in a wire memo: %v", key, err)
			return "", &e
		}
		return n, nil
	}
	piNo, p := own("pi_no", o.PINo)
	if p != nil {
		return nil, append(ps, *p)
	}
	ciNo, p := own("ci_no", o.CINo)
	if p != nil {
		return nil, append(ps, *p)
	}
	f := Fields{
		Purpose:  glued(Purpose),
		OrderRef: glued(ref),
		OrderNo:  glued(orderNo),
		PINo:     glued(piNo),
		CINo:     glued(ciNo),
		Stage:    glued(StageText(s)),
		Kind:     s.Kind,
		Percent:  percentText(s.Percent),
		Currency: o.Currency.Code,
	}
	if !o.Currency.IsZero() {
		f.Amount = o.Currency.Format(s.Amount)
	}
	noDeposit := o.DepositPercent != nil && o.DepositPercent.IsZero()
	refs := references(s, noDeposit, ref, orderNo, piNo, ciNo)
	words := strings.Fields(supplier)
	for i, r := range refs {
		f.Ref = r
		last := i == len(refs)-1
		for n := len(words); n >= 1; n-- {
			if n < len(words) && !last {
				break // drop the order number before shortening the name
			}
			f.Supplier = shortName(words, n)
			if n > 1 && n < len(words) && strings.Count(f.Supplier, "(") > strings.Count(f.Supplier, ")") {
				continue // never end a shortened name inside "(General Partnership)"
			}
			lines, fits, err := w.render(f)
			if err != nil {
				return nil, append(ps, *err)
			}
			if !fits {
				continue
			}
			if i > 0 {
				ps = append(ps, invoice.Warnf(o.At("order_no"), ErrShortened,
					"wire memo for the %s leaves out the order number %q to fit SWIFT's 4 lines of 35 characters; it carries %q, the supplier's reference (T-2, T-9)",
					StageText(s), orderNo, unglue(r)))
			}
			if n < len(words) {
				ps = append(ps, invoice.Warnf(o.At("seller_name_en"), ErrShortened,
					"wire memo for the %s shortens the supplier's name to %q (from %q) to fit SWIFT's 4 lines of 35 characters (T-2)",
					StageText(s), f.Supplier, supplier))
			}
			return lines, ps
		}
	}
	return nil, append(ps, invoice.Errorf(o.At("order_no"), ErrTooLong,
		"the wire memo for order %q, %s cannot fit SWIFT's 4 lines of 35 characters with even one word of the supplier's name (T-2); shorten order_no or the wording in %s",
		ref, StageText(s), TemplateName))
}

// references are the memo references of a stage to try, best first (T-9):
// the supplier's own document, PI number for the deposit (and a payment
// made in full up front), CI number for the balance (or the PI number when
// the CI has none), first, then the order number; then the supplier's
// document alone. When the supplier's documents carry the order number
// itself, the reference is "ORDER <number>".
func references(s invoice.Stage, noDeposit bool, orderRef, orderNo, piNo, ciNo string) []string {
	doc, no := "PI", piNo
	afterGoods := s.Kind == invoice.BalancePayment || (s.Kind == invoice.FullPayment && noDeposit)
	if afterGoods && ciNo != "" {
		doc, no = "CI", ciNo
	}
	if no == "" {
		return []string{labelled("ORDER", orderRef)}
	}
	own := labelled(doc, no)
	if orderNo == "" {
		return []string{own}
	}
	return []string{own + " " + labelled("ORDER", orderNo), own}
}

// labelled is a number with the word before it ("PI", "ORDER"), kept on
// one memo line when the two fit one; a number is never split.
func labelled(label, no string) string {
	if len(label)+1+len(no) <= MaxLineLen {
		return glued(label + " " + no)
	}
	return label + " " + glued(no)
}

// shortName is the supplier's name cut to its first n words, without the
// punctuation or the "and" a cut leaves dangling at its end ("Yiwu Hongda
// Import and Export Co.," → "… Co.", "Plastic and" → "Plastic").
func shortName(words []string, n int) string {
	if n >= len(words) {
		return strings.Join(words, " ")
	}
	ws := append([]string(nil), words[:n]...)
	for len(ws) > 1 {
		last := strings.TrimRight(ws[len(ws)-1], ",;:/-+")
		switch {
		case last == "":
			ws = ws[:len(ws)-1]
			continue
		case strings.EqualFold(last, "and") || strings.EqualFold(last, "of") || strings.EqualFold(last, "at"):
			ws = ws[:len(ws)-1]
			continue
		}
		ws[len(ws)-1] = last
		break
	}
	if len(ws) == 1 {
		ws[0] = strings.TrimRight(ws[0], ",;:/-+")
	}
	return strings.Join(ws, " ")
}

// render executes the template for f and lays the result out in field-70
// lines. fits is false when the result is too long (more than 4 lines, a
// line of an unbreakable field over 35 characters, or Ustrd over 140); err
// is a template problem that no shortening can fix.
func (w *Writer) render(f Fields) (lines []string, fits bool, err *invoice.Problem) {
	fail := func(format string, args ...any) ([]string, bool, *invoice.Problem) {
		e := invoice.Errorf(templateWhere, ErrTemplate, format, args...)
		return nil, false, &e
	}
	var buf bytes.Buffer
	if x := w.tmpl.Execute(&buf, f); x != nil {
		return fail("%v", x)
	}
	out := buf.String()
	if !mentions(out, f.Ref, f.OrderRef, f.OrderNo, f.PINo, f.CINo) {
		return fail("%s leaves out the order number {{.OrderRef}}; a wire memo must name the order (T-1)", TemplateName)
	}
	if !mentions(out, f.Stage) {
		return fail("%s leaves out the payment stage {{.Stage}}; a wire memo must say which payment it is (T-1)", TemplateName)
	}
	for _, para := range strings.Split(out, "\n") {
		folded, bad := fold(para, true)
		if len(bad) > 0 {
			return fail("%s writes %s, which SWIFT cannot carry (T-3)", TemplateName, describe(bad))
		}
		if folded == "" {
			continue
		}
		if c := folded[0]; c == '-' || c == ':' {
			return fail("%s starts a memo line with %q, which SWIFT forbids (T-4): %q", TemplateName, c, unglue(folded))
		}
		wrapped, ok := wrap(folded, MaxLineLen)
		if !ok {
			return nil, false, nil
		}
		lines = append(lines, wrapped...)
	}
	if len(lines) == 0 {
		return fail("%s produces an empty memo", TemplateName)
	}
	if len(lines) > MaxLines || len(Ustrd(lines)) > MaxUstrd {
		return nil, false, nil
	}
	for _, l := range lines {
		if !LinePattern.MatchString(l) || l[0] == '-' || l[0] == ':' {
			return fail("%s produces the memo line %q, which breaks SWIFT's rules (T-2 to T-4)", TemplateName, l)
		}
	}
	return lines, true, nil
}

// mentions reports whether out holds one of the (glued) fields whole, in
// any case, since the template may upper-case them.
func mentions(out string, fields ...string) bool {
	up := strings.ToUpper(out)
	for _, f := range fields {
		if f != "" && strings.Contains(up, strings.ToUpper(f)) {
			return true
		}
	}
	return false
}

func unglue(s string) string { return strings.ReplaceAll(s, string(glue), " ") }

// wrap breaks a paragraph at spaces into lines of at most width characters.
// Words joined by glue are never split; a word starting with '-' or ':' is
// kept on the line of the word before it, so that no line starts with one
// (T-4). Any other word longer than a line is cut at the width. ok is false
// when an unbreakable word is longer than a line.
func wrap(para string, width int) (lines []string, ok bool) {
	var words []string
	for _, w := range strings.Split(para, " ") {
		if w == "" {
			continue
		}
		if len(words) > 0 && (w[0] == '-' || w[0] == ':') {
			words[len(words)-1] += string(glue) + w
			continue
		}
		words = append(words, w)
	}
	var cur string
	flush := func() {
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
	}
	for _, w := range words {
		plain := unglue(w)
		if len(plain) > width {
			if strings.ContainsRune(w, glue) {
				return nil, false
			}
			flush()
			for len(plain) > width {
				cut := width
				// never leave '-' or ':' at the start of the next piece
				for cut > 1 && (plain[cut] == '-' || plain[cut] == ':') {
					cut--
				}
				lines = append(lines, plain[:cut])
				plain = plain[cut:]
			}
			cur = plain
			continue
		}
		switch {
		case cur == "":
			cur = plain
		case len(cur)+1+len(plain) <= width:
			cur += " " + plain
		default:
			flush()
			cur = plain
		}
	}
	flush()
	return lines, true
}

// Ustrd is the ISO 20022 unstructured remittance information (pacs.008,
// pain.001 <Ustrd>) for the lines of a field-70 memo: the lines joined by
// single spaces (T-5). For lines from Remittance it is never longer than
// MaxUstrd (140) characters: Remittance shortens the memo until it is.
func Ustrd(lines []string) string { return strings.Join(lines, " ") }
