package termsafe

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Amara Okonkwo", "Amara Okonkwo"},
		{"José Núñez 李", "José Núñez 李"},
		{"Amara\x1b]0;pwned\x07\x1b[2J", `Amara\x1b]0;pwned\a\x1b[2J`},
		{"line\nforged", `line\nforged`},
		{"tab\there", `tab\there`},
		{"bad\xffbyte", `bad\ufffdbyte`},
		{"c1\u009bx", `c1\u009bx`},
		{"sep\u2028x", `sep\u2028x`},
		{"rtl\u202eevil", `rtl\u202eevil`},
		{"", ""},
	} {
		require.Equal(t, tc.want, Text(tc.in), "%q", tc.in)
	}
}

// FuzzText: the output never holds a control character or invalid UTF-8,
// and safe input comes back unchanged.
func FuzzText(f *testing.F) {
	for _, s := range []string{"a", "\x1b[2J", "x\ny", "\xff", "\u2028", "ok ✓"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		require.True(t, utf8.ValidString(out))
		require.True(t, safe(out), "%q → %q", s, out)
		if safe(s) {
			require.Equal(t, s, out)
		}
	})
}
