package schedule

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFileNames(t *testing.T) {
	assert.Equal(t, "group-G1-7b778e4c1d1f33c9.ics", GroupFileName("G1"), "the documented example")
	assert.Equal(t, "person-jos_-d994e1d001886fe5.ics", PersonFileName("josé"))
	// Issue 20 item 5: ids that the slug makes equal get different names.
	for _, ids := range [][2]string{
		{"josé", "josè"}, {"a/b", "a_b"}, {"Ann", "ann"}, {"a//b", "a/b"},
		{strings.Repeat("x", 300) + "1", strings.Repeat("x", 300) + "2"},
		{"../x", ".._x"}, {"", "_"},
	} {
		a, b := PersonFileName(ids[0]), PersonFileName(ids[1])
		assert.NotEqual(t, strings.ToLower(a), strings.ToLower(b), "%q and %q", ids[0], ids[1])
	}
	for _, id := range []string{"", "c02", "../../etc/passwd", strings.Repeat("é", 500), "\x00\n\x1b[2J", "CON", ".hidden"} {
		for _, name := range []string{GroupFileName(id), PersonFileName(id)} {
			requireSafeName(t, name)
			assert.Equal(t, name, fileName(name[:strings.IndexByte(name, '-')+1], id), "stable")
		}
	}
	assert.Len(t, PersonFileName(strings.Repeat("a", 1000)), MaxFileNameLen)
	assert.Equal(t, "person-a_b-", PersonFileName("a/é/b")[:11], "a run of other characters is one '_'")
}

// TestIsCalendarFileName: every name of the scheme is recognised, so that
// a folder's calendars of people no longer in a plan can be listed, and
// nothing else is.
func TestIsCalendarFileName(t *testing.T) {
	for _, id := range []string{"", "G1", "c02", "josé", "../../etc/passwd", strings.Repeat("é", 500), strings.Repeat("a", 1000), "\x00\n\x1b[2J", ".hidden", "a-b.c_d"} {
		assert.True(t, IsCalendarFileName(GroupFileName(id)), "%q", id)
		assert.True(t, IsCalendarFileName(PersonFileName(id)), "%q", id)
	}
	good := PersonFileName("c02")
	for _, name := range []string{
		"", "person-.ics", "notes.ics", "group-G1.ics", "pair-G1-7b778e4c1d1f33c9.ics",
		"group-G1-7b778e4c1d1f33c9.ICS", "group-G1-7B778E4C1D1F33C9.ics", "group-G1-7b778e4c1d1f33c.ics",
		"group-G1_7b778e4c1d1f33c9.ics", "group-G 1-7b778e4c1d1f33c9.ics", "group-G1-7b778e4c1d1f33c9.ics.bak",
		"person-" + strings.Repeat("a", 49) + "-d994e1d001886fe5.ics", good[:len(good)-1], ".peermatch-1.tmp",
	} {
		assert.False(t, IsCalendarFileName(name), "%q", name)
	}
}

func requireSafeName(t testing.TB, name string) {
	t.Helper()
	require.LessOrEqual(t, len(name), MaxFileNameLen, name)
	require.True(t, strings.HasPrefix(name, "group-") || strings.HasPrefix(name, "person-"), name)
	require.True(t, strings.HasSuffix(name, ".ics"), name)
	for _, r := range name {
		require.True(t, r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.", r), "%q in %q", r, name)
	}
}

func TestCalendars(t *testing.T) {
	p := yearPlan(t, "UTC")
	files, err := p.Calendars()
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	want := []string{GroupFileName("g1"), GroupFileName("g2")}
	for _, id := range []string{"ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ida", "jo", "kim", "lee", "zoe"} {
		want = append(want, PersonFileName(id))
	}
	assert.Equal(t, want, names, "groups in order, then everyone in a group or pair by id")
	assert.Equal(t, Selection{Group: "g2"}, files[1].Selection)
	assert.Equal(t, Selection{Person: "zoe"}, files[len(files)-1].Selection)

	// Ids that used to share a file now have one each.
	g := Group{ID: "g", Members: members("josé", "josè", "a/b", "a_b"), Topics: []Topic{{Skill: "t"}}}
	q, err := Build([]Group{g}, Options{Start: date(2027, 1, 11)})
	require.NoError(t, err)
	files, err = q.Calendars()
	require.NoError(t, err)
	assert.Len(t, files, 1+4)

	// A collision, forced with the former scheme (unsafe characters
	// replaced, no hash), is an error that names both ids.
	_, err = q.calendars(func(prefix, id string) string {
		return prefix + strings.Map(func(r rune) rune {
			if r < 128 && r != '/' {
				return r
			}
			return '_'
		}, id) + ".ics"
	})
	require.ErrorIs(t, err, ErrInvalidInput)
	assert.Contains(t, err.Error(), `person-a_b.ics would hold both "a/b" and "a_b"`)
}

func TestIsCalendar(t *testing.T) {
	p := yearPlan(t, "Europe/Paris")
	var buf bytes.Buffer
	require.NoError(t, WriteICS(&buf, p, Selection{Person: "kim"}))
	assert.True(t, IsCalendar(buf.Bytes()[:CalendarHeadLen]))
	assert.False(t, IsCalendar([]byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//")))
	assert.False(t, IsCalendar([]byte("#!/bin/sh\n")))
	assert.False(t, IsCalendar(nil))
}

// FuzzFileName checks that any id gives a safe, bounded, stable name and
// that two different ids give different names (ignoring case).
func FuzzFileName(f *testing.F) {
	f.Add("josé", "josè")
	f.Add("a/b", "a_b")
	f.Add("Ann", "ann")
	f.Add(strings.Repeat("x", 300), strings.Repeat("x", 301))
	f.Fuzz(func(t *testing.T, a, b string) {
		na, nb := PersonFileName(a), PersonFileName(b)
		requireSafeName(t, na)
		requireSafeName(t, nb)
		require.Equal(t, na, PersonFileName(a))
		if a != b {
			require.NotEqual(t, strings.ToLower(na), strings.ToLower(nb), "%q and %q", a, b)
		}
	})
}

// TestICSWriterMatchesOneCalendar checks that one ICSWriter, reused for
// every calendar of a plan (and from several goroutines), writes each
// exactly as a writer made for that calendar's sessions alone.
func TestICSWriterMatchesOneCalendar(t *testing.T) {
	for _, zone := range []string{"UTC", "Europe/Paris", "America/New_York"} {
		p := yearPlan(t, zone)
		files, err := p.Calendars()
		require.NoError(t, err)
		sels := []Selection{{}, {Groups: []string{"g2", "pair:ann+zoe", "g2"}}, {Group: "g1", Person: "ann"},
			{Groups: []string{"g1"}, Person: "zoe"}, {Person: "nobody"}, {Group: "nothing"}}
		for _, f := range files {
			sels = append(sels, f.Selection)
		}
		x, err := NewICSWriter(p)
		require.NoError(t, err)
		got := make([][]byte, len(sels))
		var wg sync.WaitGroup
		for i, sel := range sels {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var b bytes.Buffer
				assert.NoError(t, x.Write(&b, sel))
				got[i] = b.Bytes()
			}()
		}
		wg.Wait()
		for i, sel := range sels {
			alone, err := NewICSWriter(p.Select(sel))
			require.NoError(t, err)
			var want bytes.Buffer
			require.NoError(t, alone.Write(&want, sel))
			require.Equal(t, want.String(), string(got[i]), "%s %+v", zone, sel)
			var direct bytes.Buffer
			require.NoError(t, WriteICS(&direct, p, sel))
			require.Equal(t, want.String(), direct.String(), "%s %+v", zone, sel)
		}
		assert.Contains(t, string(got[0]), "BEGIN:VEVENT")
		assert.NotContains(t, string(got[len(sels)-len(files)-1]), "BEGIN:VEVENT", "no sessions for an unknown group")
	}
}
