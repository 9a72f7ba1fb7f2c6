package memo

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/tradedocs/tradedocs/invoice"
)

// bankProblems checks the supplier's bank details that every stage's wire
// needs: the BIC (T-6, an error when malformed), the CNAPS code (T-8, when
// given), and the account number (a warning when missing: the memo can be
// written, but no wire can be sent without it).
//
// A BIC is not upper-cased before the check: T-6 says capital letters, and
// invoice.Validate reports "bkchcnbj" as malformed too, so the memo and the
// check command agree; the message shows the upper-case form to type.
func bankProblems(o *invoice.Order) invoice.Problems {
	var ps invoice.Problems
	b := o.Bank
	switch {
	case b.SWIFT == "" && o.Unread.Has("bank_swift"):
		// the reader reported the unreadable cell already.
	case b.SWIFT == "":
		ps = append(ps, invoice.Warnf(o.At("bank_swift"), invoice.ErrMissing,
			"bank_swift (SWIFT/BIC of the supplier's bank) is missing; an international wire needs it"))
	default:
		if err := invoice.CheckBIC(b.SWIFT); err != nil {
			msg := fmt.Sprintf("bank_swift: %v", err)
			if up := strings.ToUpper(strings.ReplaceAll(b.SWIFT, " ", "")); up != b.SWIFT && invoice.CheckBIC(up) == nil {
				msg += fmt.Sprintf("; write it as %s", up)
			}
			ps = append(ps, invoice.Problem{Where: o.At("bank_swift"), Severity: invoice.Error, Kind: invoice.ErrBIC, Message: msg})
		}
	}
	if b.CNAPS != "" {
		if err := invoice.CheckCNAPS(b.CNAPS); err != nil {
			ps = append(ps, invoice.Errorf(o.At("bank_cnaps"), invoice.ErrCNAPS, "bank_cnaps: %v", err))
		}
	}
	if strings.TrimSpace(b.Account) == "" && !o.Unread.Has("bank_account") {
		ps = append(ps, invoice.Warnf(o.At("bank_account"), invoice.ErrMissing,
			"bank_account (the supplier's account number, 收款账号) is missing; the wire cannot be sent without it"))
	}
	return ps
}

// beneficiary is the beneficiary block's content for an order, normalised
// into the X set where the bank form needs it.
type beneficiary struct {
	name, address, account, bank, bankAddress, swift, cnaps string
	// intermediary and intermediarySWIFT are the correspondent bank (field
	// 56A), charges the bank charges option (field 71A, T-10).
	intermediary, intermediarySWIFT, charges string
}

// beneficiaryBlock normalises the names of the beneficiary block. The
// beneficiary name must be exactly as the bank holds it (T-7): it is never
// shortened, and a warning says when normalising changed it. A bank name or
// address that SWIFT cannot carry is a warning, printed as written: the BIC
// identifies the bank.
func beneficiaryBlock(o *invoice.Order) (beneficiary, invoice.Problems) {
	var ps invoice.Problems
	var bf beneficiary
	key := "bank_beneficiary"
	if o.Bank.Beneficiary == "" {
		key = "seller_name_en"
	}
	raw := o.Beneficiary()
	switch n, err := Normalize(raw); {
	case raw == "":
		// supplierName already reports the missing or Chinese-only name.
	case err != nil:
		kind := ErrNotSWIFT
		if _, bad := fold(raw, false); hasHan(bad) {
			kind = ErrChineseOnly
		}
		ps = append(ps, invoice.Errorf(o.At(key), kind,
			"beneficiary name cannot go on a SWIFT transfer: %v; fill %s with the English or pinyin name exactly as the bank holds it (T-7)", err, key))
	default:
		bf.name = n
		if n != strings.Join(strings.Fields(raw), " ") {
			ps = append(ps, invoice.Warnf(o.At(key), ErrTransliterated,
				"beneficiary name %q is written %q on the wire (SWIFT character set, T-3); check that the bank holds it so (T-7)", raw, n))
		}
	}
	bf.account = strings.TrimSpace(o.Bank.Account)
	if bf.account != "" {
		n, err := Normalize(bf.account)
		if err != nil {
			ps = append(ps, invoice.Errorf(o.At("bank_account"), ErrNotSWIFT, "bank_account: %v", err))
		}
		bf.account = n
	}
	text := func(key, s string) string {
		if s == "" {
			return ""
		}
		n, err := Normalize(s)
		if err != nil {
			ps = append(ps, invoice.Warnf(o.At(key), ErrNotSWIFT,
				"%s: %v; the bank form needs it in English (the SWIFT/BIC identifies the bank)", key, err))
			return strings.Join(strings.Fields(s), " ")
		}
		return n
	}
	bf.bank = text("bank_name", o.Bank.Name)
	bf.bankAddress = text("bank_address", o.Bank.Address)
	bf.swift = o.Bank.SWIFT
	bf.cnaps = o.Bank.CNAPS
	bf.address = text("bank_beneficiary_address", o.Bank.BeneficiaryAddress)
	bf.intermediary = text("intermediary_bank", o.Bank.IntermediaryBank)
	bf.intermediarySWIFT = o.Bank.IntermediarySWIFT
	bf.charges = o.BankCharges()
	return bf, ps
}

// stageTitle is the heading of one stage in the memo file.
func stageTitle(s invoice.Stage) string {
	switch s.Kind {
	case invoice.DepositPayment:
		return "DEPOSIT (" + StageText(s) + ")"
	case invoice.BalancePayment:
		return "BALANCE (" + StageText(s) + ")"
	default:
		return "FULL PAYMENT (" + StageText(s) + ")"
	}
}

// Write writes the content of <order_no>-memo.txt: the order number and the
// supplier's name, then for every payment stage (deposit and balance, or one
// full payment) the beneficiary block the bank form asks for (beneficiary,
// account, bank name and address, SWIFT/BIC, CNAPS when given, the stage's
// amount and currency exactly as on the PI, M-4) and the remittance lines
// (field 70, and the same text on one line for ISO 20022 Ustrd).
//
// The text is plain UTF-8 and the same order always gives the same bytes.
// When any problem is an error nothing is written, so a half-right memo
// never reaches a bank form; warnings are returned with the written text.
func (w *Writer) Write(out io.Writer, o *invoice.Order) invoice.Problems {
	ps := bankProblems(o)
	if o.Currency.IsZero() {
		ps = append(ps, invoice.Errorf(o.At("currency"), invoice.ErrMissing, "currency (币种) is required: the wire states the amount in it"))
	}
	bf, bps := beneficiaryBlock(o)
	ps = append(ps, bps...)
	totals := o.Totals()
	stages := totals.Stages()
	memos := make([][]string, len(stages))
	for i, s := range stages {
		lines, rps := w.remittance(o, s)
		memos[i] = lines
		ps = appendNew(ps, rps...)
	}
	if ps.HasErrors() {
		return ps
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "WIRE MEMO - ORDER %s\n", o.OrderNo)
	supplier := o.Seller.Name
	if supplier == "" {
		supplier = o.Beneficiary()
	}
	fmt.Fprintf(&b, "Supplier: %s\n", supplier)
	if o.Seller.NameZH != "" {
		fmt.Fprintf(&b, "供应商: %s\n", o.Seller.NameZH)
	}
	if o.PINo != "" && o.PINo != o.OrderNo {
		fmt.Fprintf(&b, "PI No.: %s\n", o.PINo)
	}
	if o.CINo != "" && o.CINo != o.OrderNo {
		fmt.Fprintf(&b, "CI No.: %s\n", o.CINo)
	}
	fmt.Fprintf(&b, "Total: %s %s\n", o.Currency.Code, o.Currency.Format(totals.Total))
	for i, s := range stages {
		fmt.Fprintf(&b, "\n== PAYMENT %d OF %d: %s ==\n", i+1, len(stages), stageTitle(s))
		field := func(label, v string) {
			if v != "" {
				fmt.Fprintf(&b, "%-21s%s\n", label+":", v)
			}
		}
		field("Amount", o.Currency.Code+" "+o.Currency.Format(s.Amount))
		field("Beneficiary", bf.name)
		field("Beneficiary address", bf.address)
		field("Account No.", bf.account)
		field("Bank", bf.bank)
		field("Bank address", bf.bankAddress)
		field("SWIFT/BIC", bf.swift)
		field("CNAPS", bf.cnaps)
		field("Intermediary bank", bf.intermediary)
		field("Intermediary BIC", bf.intermediarySWIFT)
		field("Bank charges", bf.charges+" (field 71A)")
		b.WriteString("Remittance information (MT103 field 70):\n")
		for _, l := range memos[i] {
			b.WriteString(l + "\n")
		}
		b.WriteString("ISO 20022 Ustrd:\n" + Ustrd(memos[i]) + "\n")
	}
	if _, err := out.Write(b.Bytes()); err != nil {
		ps = append(ps, invoice.Errorf(o.Source, invoice.ErrFile, "writing the wire memo: %v", err))
	}
	return ps
}

// appendNew appends the problems not already in ps: both stages may warn
// the same thing.
func appendNew(ps invoice.Problems, more ...invoice.Problem) invoice.Problems {
next:
	for _, p := range more {
		for _, q := range ps {
			if p == q {
				continue next
			}
		}
		ps = append(ps, p)
	}
	return ps
}

// WriteStage writes only the remittance lines of one payment stage, one per
// line and nothing else, ready to paste into a bank form (`tradedocs memo
// FILE --stage deposit`). Asking for a stage the order does not have (the
// deposit of an order paid 100% up front) is an error that names the stages
// it has. Nothing is written when there is an error.
func (w *Writer) WriteStage(out io.Writer, o *invoice.Order, kind invoice.StageKind) invoice.Problems {
	stages := o.Totals().Stages()
	var names []string
	for _, s := range stages {
		if s.Kind != kind {
			names = append(names, string(s.Kind))
			continue
		}
		lines, ps := w.Remittance(o, s)
		if ps.HasErrors() {
			return ps
		}
		if _, err := io.WriteString(out, strings.Join(lines, "\n")+"\n"); err != nil {
			ps = append(ps, invoice.Errorf(o.Source, invoice.ErrFile, "writing the wire memo: %v", err))
		}
		return ps
	}
	return invoice.Problems{invoice.Errorf(o.At("deposit_percent"), ErrNoStage,
		"order %q has no %s payment; its payments are: %s", o.OrderNo, kind, strings.Join(names, ", "))}
}

// Check returns every problem Write would report for the order, writing
// nothing: the check command's view of the wire memo, so that a name
// shortened to fit is reported before generate runs.
func (w *Writer) Check(o *invoice.Order) invoice.Problems {
	return w.Write(io.Discard, o)
}
