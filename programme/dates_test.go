package programme

import (
	"errors"
	"testing"
	"time"

	"github.com/peermatch/peermatch/schedule"
)

func TestCheckDate(t *testing.T) {
	if MinYear != schedule.MinYear || MaxYear != schedule.MaxYear {
		t.Fatalf("the programme's years %d–%d differ from the schedule's", MinYear, MaxYear)
	}
	for _, d := range []time.Time{{}, time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if err := CheckDate(d); !errors.Is(err, ErrDateRange) {
			t.Errorf("CheckDate(%s) = %v, want ErrDateRange", d.Format(dateFmt), err)
		}
	}
	for _, d := range []time.Time{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9998, 12, 31, 0, 0, 0, 0, time.UTC)} {
		if err := CheckDate(d); err != nil {
			t.Errorf("CheckDate(%s) = %v", d.Format(dateFmt), err)
		}
	}
}
