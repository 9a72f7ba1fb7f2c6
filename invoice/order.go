package invoice

import "github.com/shopspring/decimal"

// Party is a company on the documents: the seller (supplier, exporter), the
// buyer (importer of record), the consignee.
type Party struct {
	// Name is the legal name in English (or pinyin), exactly as registered:
	// customs, Amazon and the bank match on it.
	Name string
	// NameZH is the Chinese legal name, e.g. 深圳市某某科技有限公司.
	NameZH string
	// Address is the full address in English.
	Address string
	// AddressZH is the address in Chinese.
	AddressZH string
	// Phone, Email and Website are how to reach the company; Amazon wants
	// the supplier's phone or website on the invoice (CI-7).
	Phone   string
	Email   string
	Website string
	// TaxID is the seller's 统一社会信用代码 (unified social credit code,
	// GB 32100-2015) or the buyer's tax or EORI number.
	TaxID string
}

// IsZero reports whether no field of the party was given.
func (p Party) IsZero() bool { return p == Party{} }

// Shipment is how and where the goods travel, and under which Incoterm the
// price was agreed.
type Shipment struct {
	// Incoterm is the Incoterms 2020 rule of the price: FOB, CIF, EXW ...
	Incoterm Incoterm
	// Place is the Incoterm's named place: FOB Shenzhen, CIF Los Angeles.
	Place string
	// PortOfLoading is where the goods are loaded in China (装运港).
	PortOfLoading string
	// PortOfDischarge is where they are unloaded (目的港).
	PortOfDischarge string
	// PortOfEntry is the US port where the goods clear customs (19 CFR
	// 141.86(a)(1)).
	PortOfEntry string
	// CountryOfOrigin is where the goods were made, default CN.
	CountryOfOrigin string
	// CountryOfDestination is where they are shipped to.
	CountryOfDestination string
	// Transport is the mode: sea, air, express, rail.
	Transport string
	// Vessel is the ship or flight.
	Vessel string
	// TrackingNo is the bill of lading, air waybill or courier number.
	TrackingNo string
	// ShipDate is the day the goods left.
	ShipDate Date
	// LeadTime is the production and delivery time promised on the PI, as
	// written: "25 days after deposit".
	LeadTime string
	// ShippingMarks are the marks on the cartons (唛头).
	ShippingMarks string
	// Packing describes how the goods are packed: "export cartons".
	Packing string
	// PackageType is what the packages are: cartons (the default), pallets,
	// bags …; the packing list counts them in words (PL-1).
	PackageType string
}

// Bank is the supplier's account that the deposit and balance are wired to.
type Bank struct {
	// Beneficiary is the account holder's name exactly as the bank holds it
	// (T-7); defaults to the seller's English name.
	Beneficiary string
	Account     string
	// Name is the beneficiary's bank, e.g. BANK OF CHINA SHENZHEN BRANCH.
	Name    string
	Address string
	// SWIFT is the bank's BIC (T-6).
	SWIFT string
	// CNAPS is China's 12-digit interbank clearing code (T-8).
	CNAPS string
	// BeneficiaryAddress is the account holder's address, which bank forms
	// ask for with the name (T-10).
	BeneficiaryAddress string
	// IntermediaryBank and IntermediarySWIFT name the correspondent bank the
	// wire passes through on some corridors (MT103 field 56A, T-10).
	IntermediaryBank  string
	IntermediarySWIFT string
	// Charges is who pays the banks' fees (MT103 field 71A, T-10): OUR, SHA
	// or BEN; empty means SHA (see BankCharges).
	Charges string
}

// Order is one purchase from one supplier: the single source of the PI, the
// CI and the wire memos.
type Order struct {
	// OrderNo is the buyer's (or supplier's) order number; it names the
	// output files and must appear on every document and memo.
	OrderNo string
	// PINo is the proforma invoice number; defaults to OrderNo.
	PINo string
	// PIDate is the date of the proforma invoice.
	PIDate Date
	// ValidUntil is the last day the PI's prices hold.
	ValidUntil Date
	// CINo is the commercial invoice number; defaults to OrderNo.
	CINo string
	// CIDate is the commercial invoice's issue date (CI-7).
	CIDate Date
	// ContractNo is the sales contract the order belongs to, if any.
	ContractNo string

	Seller Party
	// Signatory is the name and title of the seller's employee who signs
	// the invoices (CI-6): "Li Wei, Sales Manager".
	Signatory string
	Buyer     Party
	// Consignee receives the goods, when not the buyer.
	Consignee Party
	// NotifyParty is who the carrier notifies on arrival.
	NotifyParty string

	// Currency prices every amount of the order.
	Currency Currency
	Shipment Shipment

	// DepositPercent is the share of the total paid up front, 0–100; nil
	// means the customary 30 (M-4).
	DepositPercent *decimal.Decimal
	// DepositTerms says when the deposit is due: "upon PI confirmation".
	DepositTerms string
	// BalanceTerms says when the balance is due: "before shipment".
	BalanceTerms string
	// DepositReceived is the deposit the supplier has received, shown on the
	// CI (CI-8); nil when nothing was stated.
	DepositReceived *decimal.Decimal

	Bank Bank
	// Remarks is free text for the documents' remarks box.
	Remarks string
	// Logo and Chop are paths to PNG images: the supplier's logo for the
	// header and its company chop (公章) for the signature.
	Logo string
	Chop string
	// PictureDir is the folder the logo and chop were put in when they did
	// not come beside the order file (the web page's upload); the pictures
	// may be read from there or from the order file's folder, nowhere else.
	// No field of an order file sets it.
	PictureDir string

	// Manufacturer is the company that made the goods when the seller is a
	// trading company; customs derive the MID from its name and address
	// (CI-10). An item's own manufacturer overrides it.
	Manufacturer Party
	// Rebates states rebates, drawbacks and bounties not in the price, and
	// Assists the assists (moulds, tools, engineering) supplied free (CI-9,
	// 19 CFR 141.86(a)(8),(10)); "none" (无) prints a statement that there
	// are none; empty prints nothing.
	Rebates string
	Assists string
	// IncludedInPrices lists the charges the unit prices already include
	// (freight, insurance), so that a CIF order without an insurance charge
	// is coherent (I-2).
	IncludedInPrices []ChargeKind

	Items   []Item
	Charges []Charge

	// StatedTotal is the total the spreadsheet itself shows (a 合计 row),
	// checked against the computed total (M-5); nil when absent.
	StatedTotal *decimal.Decimal

	// Where records, by canonical key (currency, incoterm, stated_total ...),
	// the cell each value was read from.
	Where map[string]Location
	// Unread holds the fields whose cells could not be read (already
	// reported by the reader).
	Unread Unread
	// Source is where the order as a whole was read from (its sheet or row).
	Source Location
}

// At returns where the field with the canonical key was read from, falling
// back to the order's own source.
func (o *Order) At(key string) Location {
	if l, ok := o.Where[key]; ok {
		return l
	}
	return o.Source
}

// ProformaNo is the PI number, the order number when none was given.
func (o *Order) ProformaNo() string {
	if o.PINo != "" {
		return o.PINo
	}
	return o.OrderNo
}

// InvoiceNo is the CI number, the order number when none was given.
func (o *Order) InvoiceNo() string {
	if o.CINo != "" {
		return o.CINo
	}
	return o.OrderNo
}

// Beneficiary is the name the wire is addressed to (T-7): the bank's
// beneficiary name, or else the seller's English name.
func (o *Order) Beneficiary() string {
	if o.Bank.Beneficiary != "" {
		return o.Bank.Beneficiary
	}
	return o.Seller.Name
}

// OriginCountry is the country of origin of the goods, CN unless stated.
func (o *Order) OriginCountry() string {
	if o.Shipment.CountryOfOrigin != "" {
		return o.Shipment.CountryOfOrigin
	}
	return "CN"
}
