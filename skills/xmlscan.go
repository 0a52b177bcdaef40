package skills

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small pull tokenizer over the bytes of an XML part of a
// workbook: start and end tags, character data (with entities decoded and
// line ends normalised as encoding/xml does), CDATA sections; comments,
// processing instructions and declarations are skipped. It does no
// namespace resolution: names are compared by their local part, as
// excelize compares them. Each byte is looked at a bounded number of times,
// so scanning b bytes takes O(b) time; it allocates only when text holds an
// entity or a carriage return.
type xmlScanner struct {
	b   []byte
	pos int
	err error

	// the last token
	kind     xmlKind
	name     []byte // qualified name of a start or end tag
	local    []byte // its local part
	attrs    []byte // the attribute bytes of a start tag
	empty    bool   // a start tag that closes itself (<c/>)
	start    int    // offset of the token's '<'
	text     []byte // character data, decoded
	buf      []byte // scratch for decoded text
	pendEnd  bool   // the end of a self-closing tag is still to be returned
	pendName []byte
}

type xmlKind uint8

const (
	xmlEOF xmlKind = iota
	xmlStart
	xmlEnd
	xmlText
)

// errXML marks malformed XML; the caller wraps it with the part's name.
var errXML = errors.New("malformed XML")

func (s *xmlScanner) fail(format string, a ...any) xmlKind {
	if s.err == nil {
		s.err = fmt.Errorf("%w at byte %d: %s", errXML, s.pos, fmt.Sprintf(format, a...))
	}
	s.kind = xmlEOF
	return xmlEOF
}

// next reads the next token and returns its kind; xmlEOF at the end or on
// an error (s.err).
func (s *xmlScanner) next() xmlKind {
	if s.err != nil {
		s.kind = xmlEOF
		return xmlEOF
	}
	if s.pendEnd {
		s.pendEnd = false
		s.kind, s.name = xmlEnd, s.pendName
		s.local = localName(s.name)
		return xmlEnd
	}
	for {
		if s.pos >= len(s.b) {
			s.kind = xmlEOF
			return xmlEOF
		}
		if s.b[s.pos] != '<' {
			end := bytes.IndexByte(s.b[s.pos:], '<')
			if end < 0 {
				end = len(s.b)
			} else {
				end += s.pos
			}
			raw := s.b[s.pos:end]
			s.pos = end
			if !s.decode(raw) {
				return xmlEOF
			}
			s.kind = xmlText
			return xmlText
		}
		s.start = s.pos
		rest := s.b[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return s.fail("unterminated CDATA section")
			}
			s.text = s.normalise(rest[9:end])
			s.pos += end + 3
			s.kind = xmlText
			return xmlText
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return s.fail("unterminated comment")
			}
			s.pos += 4 + end + 3
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			end := bytes.Index(rest, []byte("?>"))
			if end < 0 {
				return s.fail("unterminated processing instruction")
			}
			s.pos += end + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			if !s.skipDecl() {
				return xmlEOF
			}
			continue
		case bytes.HasPrefix(rest, []byte("</")):
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return s.fail("unterminated end tag")
			}
			s.name = rest[2:end]
			if n := len(s.name); n > 0 && isXMLSpace(s.name[n-1]) {
				s.name = bytes.TrimRight(s.name, " \t\r\n")
			}
			s.local = localName(s.name)
			if len(s.name) == 0 {
				return s.fail("end tag without a name")
			}
			s.pos += end + 1
			s.kind = xmlEnd
			return xmlEnd
		}
		return s.startTag()
	}
}

// skipDecl skips a <!DOCTYPE …> declaration, with its internal subset.
func (s *xmlScanner) skipDecl() bool {
	depth := 0
	for i := s.pos + 2; i < len(s.b); i++ {
		switch s.b[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				s.pos = i + 1
				return true
			}
		}
	}
	s.fail("unterminated declaration")
	return false
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// startTag reads a start tag at s.pos.
func (s *xmlScanner) startTag() xmlKind {
	i := s.pos + 1
	for i < len(s.b) && !isXMLSpace(s.b[i]) && s.b[i] != '>' && s.b[i] != '/' {
		i++
	}
	if i == s.pos+1 {
		return s.fail("tag without a name")
	}
	s.name = s.b[s.pos+1 : i]
	s.local = localName(s.name)
	// attributes: find the closing '>' outside quotes
	a := i
	var quote byte
	for ; i < len(s.b); i++ {
		c := s.b[i]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
			continue
		}
		if c == '<' {
			return s.fail("'<' inside a tag")
		}
		if c == '>' {
			break
		}
	}
	if i >= len(s.b) {
		return s.fail("unterminated start tag")
	}
	s.attrs = s.b[a:i]
	s.empty = len(s.attrs) > 0 && s.attrs[len(s.attrs)-1] == '/'
	if s.empty {
		s.attrs = s.attrs[:len(s.attrs)-1]
		s.pendEnd, s.pendName = true, s.name
	}
	s.pos = i + 1
	s.kind = xmlStart
	return xmlStart
}

// localName returns the part of a qualified name after its prefix.
func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func (s *xmlScanner) is(local string) bool { return string(s.local) == local }

// eachAttr calls f with the local name and decoded value of each attribute
// of the last start tag, in order, until f returns false. It reports
// whether the attributes were well formed (s.err says why not).
func (s *xmlScanner) eachAttr(f func(local, value []byte) bool) bool {
	a := s.attrs
	for {
		for len(a) > 0 && isXMLSpace(a[0]) {
			a = a[1:]
		}
		if len(a) == 0 {
			return true
		}
		eq := bytes.IndexByte(a, '=')
		if eq <= 0 {
			s.fail("attribute without a value")
			return false
		}
		name := bytes.TrimRight(a[:eq], " \t\r\n")
		a = a[eq+1:]
		for len(a) > 0 && isXMLSpace(a[0]) {
			a = a[1:]
		}
		if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
			s.fail("attribute value without quotes")
			return false
		}
		end := bytes.IndexByte(a[1:], a[0])
		if end < 0 {
			s.fail("unterminated attribute value")
			return false
		}
		raw := a[1 : 1+end]
		a = a[end+2:]
		val := raw
		if bytes.IndexByte(raw, '&') >= 0 || bytes.IndexByte(raw, '\r') >= 0 {
			if !s.decode(raw) {
				return false
			}
			val = s.text
		}
		if !f(localName(name), val) {
			return true
		}
	}
}

// normalise turns "\r\n" and lone "\r" into "\n", as encoding/xml does.
func (s *xmlScanner) normalise(raw []byte) []byte {
	if bytes.IndexByte(raw, '\r') < 0 {
		return raw
	}
	out := s.buf[:0]
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '\r' {
			if i+1 < len(raw) && raw[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		out = append(out, c)
	}
	s.buf = out
	return out
}

// decode sets s.text to raw with entities and character references
// replaced and line ends normalised. An unknown entity, or a reference to
// a character XML does not allow, is an error, as in encoding/xml.
func (s *xmlScanner) decode(raw []byte) bool {
	if bytes.IndexByte(raw, '&') < 0 {
		s.text = s.normalise(raw)
		return true
	}
	out := s.buf[:0]
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				continue
			}
			out = append(out, '\n')
			continue
		case '&':
		default:
			out = append(out, c)
			continue
		}
		semi := bytes.IndexByte(raw[i:], ';')
		if semi < 0 {
			s.fail("'&' without ';'")
			return false
		}
		ent := raw[i+1 : i+semi]
		i += semi
		switch string(ent) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "apos":
			out = append(out, '\'')
		case "quot":
			out = append(out, '"')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				s.fail("unknown entity &%s;", printable(ent))
				return false
			}
			var n uint64
			var err error
			if ent[1] == 'x' {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			r := rune(n)
			if err != nil || !isXMLChar(r) {
				s.fail("bad character reference &%s;", printable(ent))
				return false
			}
			out = utf8.AppendRune(out, r)
		}
	}
	s.buf = out
	s.text = out
	return true
}

// isXMLChar reports whether XML 1.0 allows r in a document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// printable quotes at most 20 bytes of b for an error message.
func printable(b []byte) string {
	if len(b) > 20 {
		b = b[:20]
	}
	return strconv.Quote(string(b))[1 : len(strconv.Quote(string(b)))-1]
}

// skipElement skips the content of the element whose start tag was just
// read, up to and including its end tag. It reports false at the end of
// the input or on an error.
func (s *xmlScanner) skipElement() bool {
	depth := 1
	for {
		switch s.next() {
		case xmlStart:
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

// directText reads the content of the element whose start tag was just
// read, up to its end tag, and appends its own character data (not that
// of nested elements, as encoding/xml does for a ",chardata" field) to
// dst.
func (s *xmlScanner) directText(dst []byte) ([]byte, bool) {
	depth := 1
	for {
		switch s.next() {
		case xmlStart:
			depth++
		case xmlEnd:
			depth--
			if depth == 0 {
				return dst, true
			}
		case xmlText:
			if depth == 1 {
				dst = append(dst, s.text...)
			}
		case xmlEOF:
			return dst, false
		}
	}
}
