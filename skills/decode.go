package skills

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings reported in ReadInfo.Encoding.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8 with BOM"
	EncodingUTF16LE = "UTF-16LE"
	EncodingUTF16BE = "UTF-16BE"
	// EncodingUTF16LENoBOM and EncodingUTF16BENoBOM are UTF-16 recognised
	// without a byte order mark, from the zero bytes of its first
	// characters (see decodeInput).
	EncodingUTF16LENoBOM = "UTF-16LE without BOM"
	EncodingUTF16BENoBOM = "UTF-16BE without BOM"
	EncodingWindows1252  = "Windows-1252"
)

// zipSignature starts every .xlsx file (a zip archive).
var zipSignature = []byte("PK\x03\x04")

// decodeInput returns a reader of UTF-8 text for a CSV input: a UTF-8 byte
// order mark is dropped, UTF-16 with a byte order mark is converted, UTF-16
// without one is recognised by utf16Order and converted, and anything else
// passes through a fallbackReader, which reads bytes that are not valid
// UTF-8 as Windows-1252. enc is the encoding as far as it is known before
// reading (the fallbackReader may switch later). It looks at the first
// utf16Probe bytes at most.
func decodeInput(br *bufio.Reader) (r io.Reader, enc string, fb *fallbackReader) {
	head, _ := br.Peek(utf16Probe)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		_, _ = br.Discard(3)
		fb = &fallbackReader{r: br}
		return fb, EncodingUTF8BOM, fb
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		return &replacementReader{r: transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())}, EncodingUTF16LE, nil
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		return &replacementReader{r: transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())}, EncodingUTF16BE, nil
	}
	if order, ok := utf16Order(head); ok {
		enc = EncodingUTF16BENoBOM
		if order == unicode.LittleEndian {
			enc = EncodingUTF16LENoBOM
		}
		return &replacementReader{r: transform.NewReader(br, unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder())}, enc, nil
	}
	fb = &fallbackReader{r: br}
	return fb, EncodingUTF8, fb
}

// replacementReader passes the UTF-8 output of a UTF-16 decoder through
// and records the line of the first replacement character (U+FFFD) in it:
// the decoder writes one for each unpaired surrogate, a code unit that is
// not text, so a name would change without a word. O(1) a byte.
type replacementReader struct {
	r     io.Reader
	lines int // newlines passed
	match int // bytes of "\uFFFD" (EF BF BD) matched so far
	line  int // 1-based line of the first U+FFFD; 0 for none
}

func (f *replacementReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if f.line != 0 {
		return n, err
	}
	for _, c := range p[:n] {
		switch {
		case c == '\n':
			f.lines++
			f.match = 0
		case c == "\uFFFD"[f.match]:
			if f.match++; f.match == 3 {
				f.line = f.lines + 1
				return n, err
			}
		case c == 0xEF:
			f.match = 1
		default:
			f.match = 0
		}
	}
	return n, err
}

// warning returns the warning that the UTF-16 input held code units that
// are not text, and whether there is one.
func (f *replacementReader) warning(file string) (Warning, bool) {
	if f == nil || f.line == 0 {
		return Warning{}, false
	}
	return Warning{File: file, Line: f.line, Message: fmt.Sprintf("the file holds UTF-16 code units that are not text (an unpaired surrogate) from line %d: each was read as the replacement character \uFFFD; check the names on that line, or save the file again as CSV UTF-8", f.line)}, true
}

// utf16Probe is how many bytes utf16Order looks at.
const utf16Probe = 64

// utf16Order recognises UTF-16 without a byte order mark from the start of
// a file, and returns its byte order, and false when it is not UTF-16. A CSV
// header is mostly ASCII (column names, separators), and an ASCII or Latin-1
// character in UTF-16 is its code and a zero byte: little-endian has the
// zero second, big-endian first. So head is UTF-16LE when, over its first
// utf16Probe bytes (at least two characters), at least three quarters of
// the odd bytes are zero and no even byte is, and UTF-16BE the other way
// round. Text in UTF-8 or Windows-1252 has no zero bytes, so it is never
// mistaken for UTF-16; a header in a script beyond Latin-1 (no zero bytes)
// is not recognised and is read as before. O(utf16Probe).
func utf16Order(head []byte) (unicode.Endianness, bool) {
	n := min(len(head), utf16Probe) &^ 1
	if n < 4 {
		return false, false
	}
	var zeroEven, zeroOdd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			zeroEven++
		}
		if head[i+1] == 0 {
			zeroOdd++
		}
	}
	pairs := n / 2
	switch {
	case zeroEven == 0 && 4*zeroOdd >= 3*pairs:
		return unicode.LittleEndian, true
	case zeroOdd == 0 && 4*zeroEven >= 3*pairs:
		return unicode.BigEndian, true
	}
	return false, false
}

// fallbackReader passes valid UTF-8 through unchanged and, from the first
// byte that is not part of valid UTF-8 on, decodes every byte as
// Windows-1252 (the "ANSI" code page of a Windows spreadsheet's CSV). It
// records the line of that first byte, so the reader can say which lines it
// read as Windows-1252. The switch is one-way and depends only on the bytes,
// so the result is deterministic. Each byte is looked at once: O(b) time for
// b bytes, with a fixed buffer.
type fallbackReader struct {
	r        io.Reader
	raw      [32 << 10]byte
	carry    int    // bytes at the start of raw kept from the last read (an incomplete rune)
	out      []byte // decoded bytes not yet returned
	dec      []byte // buffer of Windows-1252 output
	lines    int    // newlines passed on before the switch
	err      error
	switched bool // reading as Windows-1252
	line     int  // 1-based line of the first byte that is not valid UTF-8
	nonASCII bool // valid non-ASCII UTF-8 was seen before the switch
}

func (f *fallbackReader) Read(p []byte) (int, error) {
	for len(f.out) == 0 {
		if f.err != nil {
			return 0, f.err
		}
		f.fill()
	}
	n := copy(p, f.out)
	f.out = f.out[n:]
	return n, nil
}

// fill reads the next chunk of raw bytes into f.out.
func (f *fallbackReader) fill() {
	n, err := f.r.Read(f.raw[f.carry:])
	data := f.raw[:f.carry+n]
	f.carry = 0
	if err != nil {
		f.err = err
	}
	if f.switched {
		f.out = f.decode(data)
		return
	}
	if utf8.Valid(data) {
		f.passed(data)
		f.out = data
		return
	}
	i := 0
	for i < len(data) {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		if !utf8.FullRune(data[i:]) && f.err == nil {
			break // an incomplete rune at the end: keep it for the next read
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			f.passed(data[:i])
			f.switched = true
			f.line = f.lines + 1
			f.out = append(data[:i:i], f.decode(data[i:])...)
			return
		}
		f.nonASCII = true
		i += size
	}
	f.passed(data[:i])
	f.out = data[:i]
	if rest := len(data) - i; rest > 0 {
		// data[:i] is returned before the next fill overwrites raw, so
		// the carried bytes go to the front only then.
		f.out = append([]byte(nil), data[:i]...)
		copy(f.raw[:], data[i:])
		f.carry = rest
	}
}

// passed counts the lines of valid UTF-8 passed on.
func (f *fallbackReader) passed(b []byte) {
	f.lines += bytes.Count(b, []byte{'\n'})
	if !f.nonASCII {
		for _, c := range b {
			if c >= utf8.RuneSelf {
				f.nonASCII = true
				break
			}
		}
	}
}

// decode returns b read as Windows-1252, in UTF-8.
func (f *fallbackReader) decode(b []byte) []byte {
	out := f.dec[:0]
	for _, c := range b {
		if c < utf8.RuneSelf {
			out = append(out, c)
			continue
		}
		out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(c))
	}
	f.dec = out
	return out
}

// warning returns the warning that the input was read as Windows-1252, and
// whether there is one.
func (f *fallbackReader) warning(file string) (Warning, bool) {
	if f == nil || !f.switched {
		return Warning{}, false
	}
	msg := fmt.Sprintf("the file is not valid UTF-8 from line %d: it was read as Windows-1252 (the Windows \"ANSI\" code page) from there on; check accented letters in names, or save the file as CSV UTF-8", f.line)
	if f.nonASCII {
		msg += fmt.Sprintf("; lines before %d hold UTF-8 and were read as UTF-8, so the file mixes two encodings", f.line)
	}
	return Warning{File: file, Line: f.line, Message: msg}, true
}

// detectDelimiter returns the field separator of a CSV header line: the
// most frequent of comma, semicolon and tab outside double quotes in the
// first line of head, ties going to comma, then semicolon, then tab; comma
// when the line has none. It takes O(len(head)) time.
func detectDelimiter(head []byte) rune {
	var comma, semi, tab int
	quoted := false
scan:
	for _, c := range head {
		switch c {
		case '"':
			quoted = !quoted
		case '\n', '\r':
			if !quoted {
				break scan
			}
		case ',':
			if !quoted {
				comma++
			}
		case ';':
			if !quoted {
				semi++
			}
		case '\t':
			if !quoted {
				tab++
			}
		}
	}
	switch {
	case comma >= semi && comma >= tab:
		return ','
	case semi >= tab:
		return ';'
	}
	return '\t'
}
