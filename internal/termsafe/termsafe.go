// Package termsafe escapes user data for a terminal, so that a name, id or
// skill read from a survey cannot clear the screen, set the window title,
// write the clipboard or forge table lines. Every text writer and every
// error message that echoes input passes user strings through Text.
package termsafe

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns s unchanged when it holds no control characters (C0, DEL,
// C1, and the Unicode line and paragraph separators) and no invalid UTF-8;
// otherwise it returns s with each such character written as a Go escape
// (\x1b, \n, \u2028, \ufffd for a bad byte), so that it shows as text.
// Printable characters of every script pass unchanged. O(len(s)).
func Text(s string) string {
	if safe(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\ufffd`)
		case unsafeRune(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// safe reports whether s needs no escaping.
func safe(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || unsafeRune(r) {
			return false
		}
		i += size
	}
	return true
}

// unsafeRune reports whether r could act on a terminal or break a line.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r)
}
