package skills

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// xlsxBook is an .xlsx workbook opened for reading: its parts by name, the
// sheets in workbook order with the parts that hold them, the shared
// strings and the number format of each cell style. Only these parts are
// unzipped; each is bounded by the sizes checkZipSizes has accepted.
type xlsxBook struct {
	data   []byte
	zr     *zip.Reader
	parts  map[string]*zip.File
	sheets []xlsxSheetRef
	sst    xlsxStrings
	styles xlsxStyles
	// maxStrings bounds the shared strings read (0: sharedStringsFor of
	// the default ReadOptions).
	maxStrings int
}

// xlsxStrings is the shared-string table: the texts end to end and where
// each ends, 4 bytes an item besides its text. A []string would take 16
// more, 800 MB for the 50 million one-letter items a workbook within
// maxXLSXBytes can hold.
type xlsxStrings struct {
	text []byte
	end  []uint32 // end[i] is where item i's text ends in text
}

func (t *xlsxStrings) len() int { return len(t.end) }

// at returns item i, sharing text's memory (text is never changed once
// read).
func (t *xlsxStrings) at(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.end[i-1]
	}
	if start == t.end[i] {
		return ""
	}
	return unsafe.String(&t.text[start], int(t.end[i]-start))
}

// sharedStringsPerPerson is how many shared strings a workbook may hold a
// person of ReadOptions.MaxPeople: a survey's distinct texts are each
// person's id, name, e-mail and a few more, the headers and the answer
// words. 8,000,000 by default.
const sharedStringsPerPerson = 8

// sharedStringsFor is the most shared strings read for opt.
func sharedStringsFor(opt ReadOptions) int {
	return max(sharedStringsPerPerson*opt.withDefaults().MaxPeople, 1<<16)
}

type xlsxSheetRef struct {
	name string
	part string // "" when the workbook names no part for the sheet
}

// openXLSXBook reads the workbook structure from data, an .xlsx file whose
// zip directory checkZipSizes has accepted.
func openXLSXBook(data []byte, zr *zip.Reader) (*xlsxBook, error) {
	b := &xlsxBook{data: data, zr: zr, parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, "\\", "/")
		if _, dup := b.parts[name]; !dup {
			b.parts[name] = f
		}
	}
	// the workbook part, from the package relationships
	wbPath := ""
	if rels, err := b.rels("_rels/.rels"); err != nil {
		return nil, err
	} else {
		for _, r := range rels {
			if r.Type == relOfficeDocument || r.Type == relOfficeDocumentStrict {
				wbPath = strings.TrimPrefix(r.Target, "/")
				break
			}
		}
	}
	if wbPath == "" {
		wbPath = "xl/workbook.xml"
	}
	raw, err := b.read(wbPath)
	if err != nil {
		return nil, err
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	if raw != nil {
		if err := xml.Unmarshal(raw, &wb); err != nil {
			return nil, fmt.Errorf("%w: not a readable .xlsx workbook: %s: %v", ErrFormat, wbPath, err)
		}
	}
	dir := path.Dir(wbPath)
	relsPath := strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "./")
	rels, err := b.rels(relsPath)
	if err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		ref := xlsxSheetRef{name: s.Name}
		for _, r := range rels {
			if r.ID != s.ID {
				continue
			}
			p := strings.TrimPrefix(path.Clean(dir+"/"+r.Target), "/")
			if strings.HasPrefix(r.Target, "/") {
				p = strings.TrimPrefix(path.Clean(r.Target), "/")
			}
			if _, ok := b.parts[p]; ok {
				ref.part = p
			}
		}
		b.sheets = append(b.sheets, ref)
	}
	if err := b.readStyles(); err != nil {
		return nil, err
	}
	return b, nil
}

const (
	relOfficeDocument       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relOfficeDocumentStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
)

type xlsxRel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// sheetPart returns the part that holds the named sheet, or "": the sheet
// of that exact name, else the first whose name matches ignoring case (as
// excelize looks a sheet up).
func (b *xlsxBook) sheetPart(name string) string {
	for _, s := range b.sheets {
		if s.name == name && s.part != "" {
			return s.part
		}
	}
	for _, s := range b.sheets {
		if strings.EqualFold(s.name, name) && s.part != "" {
			return s.part
		}
	}
	return ""
}

// rels reads a relationships part; a missing part has none.
func (b *xlsxBook) rels(name string) ([]xlsxRel, error) {
	raw, err := b.read(name)
	if err != nil || raw == nil {
		return nil, err
	}
	var rels struct {
		Rels []xlsxRel `xml:"Relationship"`
	}
	if err := xml.Unmarshal(raw, &rels); err != nil {
		return nil, fmt.Errorf("%w: not a readable .xlsx workbook: %s: %v", ErrFormat, name, err)
	}
	return rels.Rels, nil
}

// read unzips a part, or returns nil for a part the archive does not have.
// archive/zip checks that a part unzips to exactly the size its header
// claims, which checkZipSizes has bounded, so the buffer is allocated
// once at that size.
func (b *xlsxBook) read(name string) ([]byte, error) {
	f, ok := b.parts[name]
	if !ok {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: not a readable .xlsx workbook: %s: %v", ErrFormat, name, err)
	}
	defer rc.Close()
	out := make([]byte, f.UncompressedSize64)
	if _, err := io.ReadFull(rc, out); err != nil {
		return nil, fmt.Errorf("%w: not a readable .xlsx workbook: %s: %v", ErrFormat, name, err)
	}
	// reading on to the end makes archive/zip check the size and checksum
	if n, err := rc.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		return nil, fmt.Errorf("%w: not a readable .xlsx workbook: %s: larger than its header claims or damaged", ErrFormat, name)
	}
	if !utf8.Valid(out) {
		return nil, fmt.Errorf("%w: not a readable .xlsx workbook: %s is not valid UTF-8", ErrFormat, name)
	}
	return out, nil
}

// xlsxStyles says how a cell style shows numbers: styleRaw (the value as
// stored), styleGeneral (the General format) or styleFormatted (any other
// number format, left to excelize).
type xlsxStyles struct {
	kinds []styleKind // by cell style index
	// unknown is set when styles.xml could not be read: every styled cell
	// is then left to excelize.
	unknown bool
}

type styleKind uint8

const (
	styleRaw styleKind = iota
	styleGeneral
	styleFormatted
)

func (st *xlsxStyles) kind(s int) styleKind {
	if s == 0 {
		return styleRaw
	}
	if st.unknown {
		return styleFormatted
	}
	if s < 0 || s >= len(st.kinds) {
		return styleRaw
	}
	return st.kinds[s]
}

// readStyles reads the number format of each cell style from
// xl/styles.xml (the path excelize reads): General for format 0 without a
// custom code, formatted for any other.
func (b *xlsxBook) readStyles() error {
	raw, err := b.read("xl/styles.xml")
	if err != nil {
		return err
	}
	if raw == nil {
		return nil
	}
	var ss struct {
		NumFmts []struct {
			ID int `xml:"numFmtId,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID *int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
		HasXfs *struct{} `xml:"cellXfs"`
	}
	if err := xml.Unmarshal(raw, &ss); err != nil {
		b.styles.unknown = true
		return nil
	}
	custom0 := false
	for _, f := range ss.NumFmts {
		if f.ID == 0 {
			custom0 = true
		}
	}
	b.styles.kinds = make([]styleKind, len(ss.Xfs))
	for i, x := range ss.Xfs {
		switch {
		case x.NumFmtID != nil && *x.NumFmtID != 0, custom0:
			b.styles.kinds[i] = styleFormatted
		default:
			b.styles.kinds[i] = styleGeneral
		}
	}
	return nil
}

// readSharedStrings reads xl/sharedStrings.xml (the path excelize reads):
// each item's text is its own text followed by that of its rich text runs,
// with _xHHHH_ escapes decoded; phonetic runs are left out. It takes
// O(b) time for b bytes.
func (b *xlsxBook) readSharedStrings() error {
	raw, err := b.read("xl/sharedStrings.xml")
	if err != nil || raw == nil {
		return err
	}
	limit := b.maxStrings
	if limit == 0 {
		limit = sharedStringsFor(ReadOptions{})
	}
	s := &xmlScanner{b: raw}
	depth := 0
	var t, runs []byte
	for {
		switch s.next() {
		case xmlStart:
			depth++
			if depth == 2 && s.is("si") {
				t, runs = t[:0], runs[:0]
				if !s.stringItem(&t, &runs) {
					break
				}
				depth--
				if b.sst.len() >= limit {
					return fmt.Errorf("%w: xl/sharedStrings.xml holds more than %d strings (%d a person of ReadOptions.MaxPeople)", ErrTooLarge, limit, sharedStringsPerPerson)
				}
				t = append(t, runs...)
				if bytes.Contains(t, []byte("_x")) {
					t = append(t[:0], bstrUnmarshal(string(t))...)
				}
				b.sst.text = append(b.sst.text, t...)
				b.sst.end = append(b.sst.end, uint32(len(b.sst.text)))
			}
		case xmlEnd:
			depth--
		case xmlEOF:
			if s.err != nil {
				return fmt.Errorf("%w: not a readable .xlsx workbook: xl/sharedStrings.xml: %v", ErrFormat, s.err)
			}
			return nil
		}
	}
}

// stringItem reads the content of an <si> or <is> element after its start
// tag: the text of its last direct <t> into t, and the text of the last
// <t> of each direct <r> run, concatenated, into runs.
func (s *xmlScanner) stringItem(t, runs *[]byte) bool {
	depth := 1
	for {
		switch s.next() {
		case xmlStart:
			if depth == 1 && s.is("t") {
				var ok bool
				if *t, ok = s.directText((*t)[:0]); !ok {
					return false
				}
				continue
			}
			if depth == 1 && s.is("r") {
				mark := len(*runs)
				rdepth := 1
				for rdepth > 0 {
					switch s.next() {
					case xmlStart:
						if rdepth == 1 && s.is("t") {
							var ok bool
							if *runs, ok = s.directText((*runs)[:mark]); !ok {
								return false
							}
							continue
						}
						rdepth++
					case xmlEnd:
						rdepth--
					case xmlEOF:
						return false
					}
				}
				continue
			}
			depth++
		case xmlEnd:
			depth--
			if depth == 0 {
				return true
			}
		case xmlEOF:
			return false
		}
	}
}

// bstrUnmarshal decodes the _xHHHH_ escapes of an OOXML string (ECMA-376
// 22.9.2.19) exactly as excelize does: each escape, found left to right
// without overlap, becomes its character, or nothing when the code is not
// a valid character (a surrogate). O(len(s)).
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	cursor := 0
	for i := 0; i+7 <= len(s); {
		if s[i] == '_' && s[i+1] == 'x' && isHex(s[i+2]) && isHex(s[i+3]) && isHex(s[i+4]) && isHex(s[i+5]) && s[i+6] == '_' {
			out.WriteString(s[cursor:i])
			if v, err := strconv.Unquote(`"\u` + s[i+2:i+6] + `"`); err == nil {
				out.WriteString(v)
			}
			i += 7
			cursor = i
			continue
		}
		i++
	}
	out.WriteString(s[cursor:])
	return out.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
