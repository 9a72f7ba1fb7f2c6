package memo

import "errors"

// Kinds of memo problem, in addition to invoice.ErrBIC, invoice.ErrCNAPS and
// invoice.ErrMissing. Each invoice.Problem the package returns wraps one, so
// callers and tests can ask errors.Is.
var (
	// ErrNotSWIFT means a text has a character that the SWIFT X character
	// set (T-3) cannot carry even after normalising: Chinese, emoji, €.
	ErrNotSWIFT = errors.New("character outside the SWIFT X character set")
	// ErrChineseOnly means the supplier has only a Chinese name, which no
	// SWIFT transfer can carry (T-7).
	ErrChineseOnly = errors.New("supplier has no English name")
	// ErrTooLong means the order number and the payment stage alone do not
	// fit in field 70's 4 lines of 35 characters (T-2).
	ErrTooLong = errors.New("memo does not fit SWIFT field 70")
	// ErrShortened warns that the supplier's name was shortened by whole
	// words so that the memo fits field 70.
	ErrShortened = errors.New("supplier name shortened in memo")
	// ErrTemplate means the memo template failed or produced text that breaks
	// the SWIFT rules (T-2 to T-4).
	ErrTemplate = errors.New("memo template produces an invalid memo")
	// ErrTransliterated warns that a name was changed by normalising (accents
	// stripped, & written AND) and may no longer match the bank's records.
	ErrTransliterated = errors.New("name changed to fit the SWIFT character set")
	// ErrNoStage means a payment stage was asked for that the order does not
	// have, such as the deposit of an order paid in full.
	ErrNoStage = errors.New("order has no such payment stage")
)
