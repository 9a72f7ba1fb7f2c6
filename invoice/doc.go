// Package invoice is the heart of tradedocs: the purchase order an importer
// places with a Chinese supplier, the rules that order must satisfy before it
// can become a proforma invoice (PI, 形式发票), a commercial invoice (CI,
// 商业发票) or a wire memo, and the arithmetic of its totals and of the
// deposit/balance split.
//
// The package knows nothing about spreadsheets or PDFs. Readers translate a
// workbook into an Order, recording in Order.Where and Item.Where (or, for a
// line of a table, its row and the table's Columns) the cell each value came
// from, so that Validate can point a user at the exact cell to fix.
//
// Rule ids in comments (M-1, W-ZH, T-6, ...) are defined in docs/rules/, one
// file per area (docs/rules/README.md lists them).
package invoice
