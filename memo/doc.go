// Package memo writes the wire memos a buyer pastes into a bank's transfer
// form when paying a Chinese supplier: for each payment stage of an order
// (30% deposit and 70% balance, or one full payment) the remittance
// information, which travels in SWIFT MT103 field 70 and in the ISO 20022
// unstructured remittance element Ustrd, and the beneficiary block the form
// asks for (beneficiary, account, bank, SWIFT/BIC, CNAPS, amount).
//
// The remittance text is worded by the template templates/memo.tmpl, which a
// user may change; whatever it produces is normalised into the SWIFT X
// character set (T-3) and then checked against T-2 to T-5 of
// docs/rules/memo.md: at most 4 lines of at most 35 characters, no line
// starting with '-' or ':', and at most 140 characters when the lines are
// joined for Ustrd. The order number and the payment stage are never cut;
// the supplier's name loses whole words from its end when the memo would not
// fit otherwise, and a warning says so.
//
// Rule ids in comments (T-1 ... T-8, M-4) are defined in docs/rules/memo.md
// and docs/rules/money.md.
package memo
