package skills

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func utf16NoBOM(t testing.TB, e unicode.Endianness, s string) []byte {
	b, err := unicode.UTF16(e, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

// TestReadUTF16WithoutBOM: issue 20, a CSV saved as UTF-16 without a byte
// order mark reads as the same roster as in UTF-8, and says its encoding.
func TestReadUTF16WithoutBOM(t *testing.T) {
	want, err := ReadCSVWith(strings.NewReader(joinRows(",")), ReadOptions{Name: "survey.csv"})
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		in   []byte
		sep  rune
		enc  string
	}{
		{"LE comma", utf16NoBOM(t, unicode.LittleEndian, joinRows(",")), ',', EncodingUTF16LENoBOM},
		{"LE tab", utf16NoBOM(t, unicode.LittleEndian, joinRows("\t")), '\t', EncodingUTF16LENoBOM},
		{"BE semicolon", utf16NoBOM(t, unicode.BigEndian, joinRows(";")), ';', EncodingUTF16BENoBOM},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(bytes.NewReader(tc.in), ReadOptions{Name: "survey.csv"})
			require.NoError(t, err)
			assert.Equal(t, want.People, got.People)
			assert.Equal(t, want.Catalog, got.Catalog)
			assert.Equal(t, tc.enc, got.ReadInfo.Encoding)
			assert.Equal(t, tc.sep, got.ReadInfo.Delimiter)
			assert.Contains(t, got.ReadInfo.String(), "without BOM")
		})
	}
	// the reproduction of issue 20: a two-line file
	r, err := ReadCSV(strings.NewReader("i\x00d\x00,\x00n\x00a\x00m\x00e\x00\n\x00a\x00,\x00J\x00o\x00s\x00\xe9\x00\n\x00"))
	require.NoError(t, err)
	assert.Equal(t, "José", r.People[0].Name)
	assert.Equal(t, EncodingUTF16LENoBOM, r.ReadInfo.Encoding)
}

func TestUTF16Order(t *testing.T) {
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes([]byte("id,name\na,José Núñez\n"))
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		in    []byte
		order unicode.Endianness
		ok    bool
	}{
		{"UTF-8", []byte("id,name,have:Coaching\n"), false, false},
		{"Windows-1252", cp1252, false, false},
		{"too short", []byte("i\x00"), false, false},
		{"LE", utf16NoBOM(t, unicode.LittleEndian, "id,name\n"), unicode.LittleEndian, true},
		{"BE", utf16NoBOM(t, unicode.BigEndian, "id,name\n"), unicode.BigEndian, true},
		{"LE Latin-1", utf16NoBOM(t, unicode.LittleEndian, "id,prénom,équipe\n"), unicode.LittleEndian, true},
		{"LE mostly Greek", utf16NoBOM(t, unicode.LittleEndian, "id,όνομα,ομάδα\n"), false, false},
		{"LE a few Greek letters", utf16NoBOM(t, unicode.LittleEndian, "id,name,department,όνομα\n"), unicode.LittleEndian, true},
		{"zeros everywhere", make([]byte, 64), false, false},
	} {
		order, ok := utf16Order(tc.in)
		assert.Equal(t, tc.ok, ok, tc.name)
		if ok {
			assert.Equal(t, tc.order, order, tc.name)
		}
	}
}

// TestUTF16UnpairedSurrogate: a UTF-16 file holding an unpaired surrogate
// (a code unit that is not text) was read with a replacement character in
// its place and no word; the roster now carries a warning naming the line.
func TestUTF16UnpairedSurrogate(t *testing.T) {
	enc := func(bom bool, parts ...any) []byte {
		var out []byte
		if bom {
			out = []byte{0xff, 0xfe}
		}
		for _, p := range parts {
			switch p := p.(type) {
			case string:
				for _, c := range p {
					out = append(out, byte(c), byte(c>>8))
				}
			case uint16:
				out = append(out, byte(p), byte(p>>8))
			}
		}
		return out
	}
	for _, bom := range []bool{true, false} {
		in := enc(bom, "id,name,have:A,want:A\na,Ann,1,2\nb,Zo", uint16(0xD800), ",2,1\n")
		r, err := ReadCSVWith(bytes.NewReader(in), ReadOptions{Name: "u.csv"})
		require.NoError(t, err)
		require.Equal(t, "Zo\uFFFD", r.People[1].Name)
		require.Len(t, r.Warnings, 1, "bom %v", bom)
		assert.Equal(t, 3, r.Warnings[0].Line)
		assert.Contains(t, r.Warnings[0].String(), "u.csv:3: the file holds UTF-16 code units that are not text (an unpaired surrogate) from line 3")
	}
	r, err := ReadCSV(bytes.NewReader(enc(true, "id,name,have:A,want:A\na,Zoë,1,2\nb,Bo,2,1\n")))
	require.NoError(t, err)
	assert.Empty(t, r.Warnings)
	assert.Equal(t, "Zoë", r.People[0].Name)
}

func TestReplacementReaderAcrossReads(t *testing.T) {
	for _, tc := range []struct {
		in   string
		line int
	}{{"a\nb\uFFFD\n", 2}, {"a\nb\xef\xef\xbf\xbd", 2}, {"a\n\xef\xbf\n\uFFFD", 3}, {"a\n\xef\xbf", 0}} {
		rr := &replacementReader{r: iotest.OneByteReader(strings.NewReader(tc.in))}
		_, err := io.ReadAll(rr)
		require.NoError(t, err)
		assert.Equal(t, tc.line, rr.line, "%q", tc.in)
	}
}
