// Copyright ©2026 tradedocs. MIT licence, as the rest of this package.

package fpdf

// Tradedocs patch 22: what a PDF says about itself. Subset fonts named as
// the PDF specification wants (a six-letter tag and the PostScript name),
// a file identifier derived from the content, and XMP metadata built from
// the document information dictionary and linked from the catalog.

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"strings"
	"unicode/utf16"
)

// A subset font program is embedded under a tag of six capital letters
// derived from its bytes, a plus sign and the font's PostScript name from
// its name table ("KFQWAM+NotoSansSC-Regular"; PDF 32000-1 §9.6.4). The
// same program gets the same tag, so output stays byte-identical; a
// different subset gets a different one.

// subsetTag is six capital letters derived from src, the program: its
// CRC-32C (hardware-assisted, a tenth of the time a SHA-256 of a 70 KB
// subset took per document) and length, in base 26. The tag only has to
// tell this document's subsets apart and be the same for the same bytes.
func subsetTag(src []byte) string {
	n := uint64(crc32.Checksum(src, castagnoli))<<20 ^ uint64(len(src))
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + byte(n%26)
		n /= 26
	}
	return string(tag[:])
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// postScriptNameOr is the PostScript name of ttf, or fallback.
func postScriptNameOr(ttf []byte, fallback string) string {
	if name := postScriptName(ttf); name != "" {
		return name
	}
	return fallback
}

// postScriptName reads name ID 6 from a TrueType font's name table,
// preferring the Windows (UTF-16BE) record; "" when there is none or the
// table cannot be read. Only the characters a PDF name may hold without
// escaping are kept.
func postScriptName(ttf []byte) string {
	if len(ttf) < 12 {
		return ""
	}
	numTables := int(binary.BigEndian.Uint16(ttf[4:]))
	var table []byte
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return ""
		}
		if string(ttf[rec:rec+4]) == "name" {
			off := int(binary.BigEndian.Uint32(ttf[rec+8:]))
			n := int(binary.BigEndian.Uint32(ttf[rec+12:]))
			if off < 0 || n < 0 || off+n > len(ttf) || off+n < off {
				return ""
			}
			table = ttf[off : off+n]
			break
		}
	}
	if len(table) < 6 {
		return ""
	}
	count := int(binary.BigEndian.Uint16(table[2:]))
	strings0 := int(binary.BigEndian.Uint16(table[4:]))
	var mac string
	for i := 0; i < count; i++ {
		rec := 6 + 12*i
		if rec+12 > len(table) {
			break
		}
		platform := binary.BigEndian.Uint16(table[rec:])
		nameID := binary.BigEndian.Uint16(table[rec+6:])
		n := int(binary.BigEndian.Uint16(table[rec+8:]))
		off := strings0 + int(binary.BigEndian.Uint16(table[rec+10:]))
		if nameID != 6 || off+n > len(table) {
			continue
		}
		raw := table[off : off+n]
		switch platform {
		case 3, 0:
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(raw[2*j:])
			}
			if s := pdfNameChars(string(utf16.Decode(u))); s != "" {
				return s
			}
		case 1:
			mac = pdfNameChars(string(raw))
		}
	}
	return mac
}

// pdfNameChars keeps the printable ASCII characters a PDF name may hold
// unescaped.
func pdfNameChars(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
			return -1
		}
		return r
	}, s)
}

// contentID is the trailer's /ID entry for a document whose bytes up to
// the trailer are content: both identifiers are the first 16 bytes of the
// SHA-256 of those bytes (several times faster than MD5 where the CPU has
// SHA instructions), so the same document gets the same identifier (PDF
// 32000-1 §14.4).
func contentID(content []byte) string {
	sum := sha256.Sum256(content)
	h := hex.EncodeToString(sum[:16])
	return "/ID [<" + h + "><" + h + ">]"
}

// SetXmpFromInfo asks for XMP metadata built, when the document is
// closed, from its information dictionary (title, author, subject,
// keywords, creator, producer, creation and modification dates) and its
// language, so that the two agree; it replaces what SetXmpMetadata gave.
// The stream is linked from the catalog as /Metadata. (Tradedocs patch
// 22.)
func (f *Fpdf) SetXmpFromInfo(on bool) {
	f.xmpFromInfo = on
}

// xmlEscaper escapes text for XML content and attributes.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// infoXMP is the XMP packet that says what the information dictionary
// says.
func (f *Fpdf) infoXMP() []byte {
	var b strings.Builder
	esc := xmlEscaper.Replace
	lang := f.lang
	if lang == "" {
		lang = "x-default"
	}
	alt := func(tag, v string) {
		if v == "" {
			return
		}
		b.WriteString("<" + tag + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(v) + "</rdf:li></rdf:Alt></" + tag + ">\n")
	}
	simple := func(tag, v string) {
		if v != "" {
			b.WriteString("<" + tag + ">" + esc(v) + "</" + tag + ">\n")
		}
	}
	created := timeOrNow(f.creationDate).Format("2006-01-02T15:04:05Z07:00")
	modified := timeOrNow(f.modDate).Format("2006-01-02T15:04:05Z07:00")
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
	b.WriteString("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
	alt("dc:title", infoText(f.title))
	if a := infoText(f.author); a != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(a) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	alt("dc:description", infoText(f.subject))
	if f.lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	simple("pdf:Keywords", infoText(f.keywords))
	simple("pdf:Producer", infoText(f.producer))
	simple("xmp:CreatorTool", infoText(f.creator))
	simple("xmp:CreateDate", created)
	simple("xmp:ModifyDate", modified)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

// infoText turns an information string as stored (UTF-16BE with a byte
// order mark when it was given as UTF-8, else Latin-1) back into UTF-8.
func infoText(s string) string {
	if strings.HasPrefix(s, "\xFE\xFF") {
		raw := s[2:]
		u := make([]uint16, len(raw)/2)
		for i := range u {
			u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		r = append(r, rune(s[i]))
	}
	return string(r)
}

// SetCompactStreams asks for the document's streams to be compressed at
// zlib's BestCompression rather than for speed: page contents, embedded
// files and XMP metadata (which is then compressed), and font programs
// unless SetFastFontCompression asked for speed. About 7% smaller
// pages and 2% smaller fonts, for documents with a size budget.
// (Tradedocs patch 23.)
func (f *Fpdf) SetCompactStreams(on bool) {
	f.compact = on
}
