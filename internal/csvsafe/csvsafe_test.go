package csvsafe

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Ada", "Ada"},
		{"=SUM(A1)", "'=SUM(A1)"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@cmd", "'@cmd"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a=b", "a=b"},
		{"3.5", "3.5"},
	} {
		assert.Equal(t, tc.want, Cell(tc.in), "Cell(%q)", tc.in)
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(csv.NewWriter(&b))
	require.NoError(t, w.Write([]string{"id", "=HYPERLINK(\"x\")", "-2"}))
	w.Flush()
	require.NoError(t, w.Error())
	assert.Equal(t, "id,\"'=HYPERLINK(\"\"x\"\")\",'-2\n", b.String())
}
