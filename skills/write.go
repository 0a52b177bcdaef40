package skills

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// WriteCSV writes the roster in the CSV format described in the package
// documentation: the fixed columns, then have:<skill> and want:<skill> for
// every skill in catalog order, then tag:<key> for every tag key in sorted
// order. Zero levels are written as blank cells and runs of consecutive
// unavailable days as ranges. ReadCSV reads the output back to an equal
// roster (skill categories are not part of the CSV format).
//
// WriteCSV takes O(n·(k+t)) time for n people, k skills and t tag keys.
func WriteCSV(w io.Writer, r *Roster) error {
	cw := csv.NewWriter(w)
	k := r.Catalog.Len()
	keySet := map[string]bool{}
	for i := range r.People {
		for key := range r.People[i].Tags {
			keySet[key] = true
		}
	}
	keys := make([]string, 0, len(keySet))
	for key := range keySet {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	rec := append([]string(nil), fixedColumns...)
	for j := 0; j < k; j++ {
		rec = append(rec, "have:"+r.Catalog.Skill(j).Name)
	}
	for j := 0; j < k; j++ {
		rec = append(rec, "want:"+r.Catalog.Skill(j).Name)
	}
	for _, key := range keys {
		rec = append(rec, "tag:"+key)
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	levels := [MaxLevel + 1]string{"", "1", "2", "3", "4", "5"}
	level := func(l uint8) string {
		if int(l) < len(levels) {
			return levels[l]
		}
		return strconv.Itoa(int(l))
	}
	for i := range r.People {
		p := &r.People[i]
		rec = rec[:0]
		rec = append(rec, p.ID, p.Name, p.Email, intCell(p.Grade),
			floatCell(p.Years), p.Department, p.Manager, p.Location,
			strconv.Itoa(p.Capacity), p.Focus, formatDates(p.Unavailable, " "), strings.Join(p.Lead, "|"))
		for j := 0; j < k; j++ {
			rec = append(rec, level(levelAt(p.Have, j)))
		}
		for j := 0; j < k; j++ {
			rec = append(rec, level(levelAt(p.Want, j)))
		}
		for _, key := range keys {
			rec = append(rec, p.Tags[key])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func levelAt(ls []uint8, j int) uint8 {
	if j < len(ls) {
		return ls[j]
	}
	return 0
}

func intCell(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}

func floatCell(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// formatDates writes sorted days with runs of three or more consecutive days
// as FROM..TO ranges, separated by sep.
func formatDates(days []time.Time, sep string) string {
	var b strings.Builder
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && days[j+1].Equal(days[j].AddDate(0, 0, 1)) {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		switch {
		case j-i >= 2:
			b.WriteString(days[i].Format(dateLayout))
			b.WriteString("..")
			b.WriteString(days[j].Format(dateLayout))
		default:
			for d := i; d <= j; d++ {
				if d > i {
					b.WriteString(sep)
				}
				b.WriteString(days[d].Format(dateLayout))
			}
		}
		i = j + 1
	}
	return b.String()
}
