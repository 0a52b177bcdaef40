package report

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peermatch/peermatch/schedule"
	"github.com/peermatch/peermatch/skills"
)

const chromiumPath = "/usr/bin/chromium"

// chromium returns the path of the headless browser, skipping the test when
// it is missing outside CI and failing it in CI (CI=true), where .ci/extra
// installs it.
func chromium(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing in CI: .ci/extra should install it (apt-get install -y chromium)", chromiumPath)
		}
		t.Skipf("%s not installed; install it with `apt-get install -y chromium` to run the browser test", chromiumPath)
	}
	return chromiumPath
}

// headless runs chromium on the file with the extra flags and returns its
// standard output.
func headless(t *testing.T, file string, extra ...string) string {
	t.Helper()
	profile, err := os.MkdirTemp("", "peermatch-chromium-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(profile) })
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + profile}
	args = append(args, extra...)
	args = append(args, "file://"+file)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium(t), args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "chromium: %s", stderr.String())
	return string(out)
}

// TestChromiumRendersReport opens the demo report in headless Chromium and
// checks that the rendered DOM holds the people, groups and sessions.
func TestChromiumRendersReport(t *testing.T) {
	chromium(t)
	r := skills.Demo()
	in := demoInput(t, r)
	// A hostile name must stay text in the browser too.
	in.Title = "Demo <script>document.title='owned'</script>"
	file := filepath.Join(t.TempDir(), "report.html")
	f, err := os.Create(file)
	require.NoError(t, err)
	require.NoError(t, Write(f, in))
	require.NoError(t, f.Close())

	dom := headless(t, file, "--dump-dom")
	require.Contains(t, dom, "</html>", "chromium printed no DOM")
	assert.Contains(t, dom, "<title>Demo &lt;script&gt;document.title='owned'&lt;/script&gt;</title>")
	assert.NotContains(t, dom, "<script")
	for _, p := range r.People {
		assert.Contains(t, dom, p.Name)
	}
	for _, g := range in.Groups.Groups {
		assert.Contains(t, dom, "Group "+schedule.GroupID(g.ID))
	}
	assert.Equal(t, len(in.Groups.Groups), strings.Count(dom, `<table class="grid">`))
	assert.Equal(t, len(in.Plan.Sessions), strings.Count(dom, `<td class="date">`))
	for _, s := range in.Plan.Sessions {
		if s.Kind == schedule.KindSession {
			assert.Contains(t, dom, s.Group+"</a></td><td>"+s.Topic+"</td><td>"+r.Person(s.Facilitators[0]).Name+`<span class="id">`+s.Facilitators[0], "session %s %s", s.Group, s.Topic)
		}
	}
}
