package programme

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestStatusOn(t *testing.T) {
	ev := []StatusEvent{
		{Person: "ana", Date: day("2027-03-01"), Status: Paused, Until: day("2027-04-01")},
		{Person: "ben", Date: day("2027-02-01"), Status: Paused},
		{Person: "ben", Date: day("2027-05-01"), Status: Active},
		{Person: "cy", Date: day("2027-06-01"), Status: Left},
		{Person: "cy", Date: day("2027-01-01"), Status: Paused}, // order does not matter
	}
	tests := []struct {
		id, on string
		want   Status
		until  string
	}{
		{"ana", "2027-02-28", Active, ""},
		{"ana", "2027-03-01", Paused, "2027-04-01"},
		{"ana", "2027-03-31", Paused, "2027-04-01"},
		{"ana", "2027-04-01", Active, ""},
		{"ben", "2027-03-01", Paused, ""},
		{"ben", "2027-05-01", Active, ""},
		{"cy", "2027-02-01", Paused, ""},
		{"cy", "2027-06-01", Left, ""},
		{"dee", "2027-06-01", Active, ""},
	}
	for _, tt := range tests {
		s, u := StatusOn(ev, tt.id, day(tt.on))
		assert.Equal(t, tt.want, s, "%s on %s", tt.id, tt.on)
		want := time.Time{}
		if tt.until != "" {
			want = day(tt.until)
		}
		assert.Equal(t, want, u, "%s on %s", tt.id, tt.on)
		s2, _ := newStatusIndex(ev).on(tt.id, day(tt.on))
		assert.Equal(t, s, s2)
	}
	assert.Equal(t, "paused", Paused.String())
}
