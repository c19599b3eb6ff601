package api_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/api"
)

// chromiumBinary finds headless Chromium (Debian's chromium package) or
// skips the test.
func chromiumBinary(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium is not installed (apt-get install -y chromium); skipping the browser check of the web page")
	return ""
}

// dumpDOM loads url in headless Chromium and returns the DOM once the
// page's scripts have run: the virtual time budget lets the first status
// fetch (which pauses virtual time while it is in flight) and a refresh
// or two happen.
func dumpDOM(t *testing.T, bin, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-proxy-server",
		"--user-data-dir="+filepath.Join(t.TempDir(), "profile"), "--virtual-time-budget=5000", "--dump-dom", url)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return string(out)
}

// domText is s as Chromium serializes a text node.
var domText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\u00a0", "&nbsp;").Replace

// TestWebPageInChromium loads / in a browser and checks that the DOM it
// built shows what /_flexsim/status reports: the configuration with its
// ticket counts, the match's teams and players, the rule counts, the clock.
func TestWebPageInChromium(t *testing.T) {
	bin := chromiumBinary(t)
	e := statusScenario(t)
	st := e.getStatus() // the virtual clock stands still: the page sees the same
	dom := dumpDOM(t, bin, e.srv.URL+"/")

	if !strings.Contains(dom, `<span id="clock-kind">virtual</span>`) || !strings.Contains(dom, `datetime="2026-01-02T03:04:06.678Z"`) {
		t.Error("the header does not show the virtual clock and its time")
	}
	if !regexp.MustCompile(`<p id="error" role="alert" hidden="">\s*</p>`).MatchString(dom) {
		t.Error("the error line shows though the fetch succeeded")
	}
	c := st.Configurations[0]
	row := regexp.MustCompile(`(?s)<tr data-config="ranked">(.*?)</tr>`).FindStringSubmatch(dom)
	if row == nil {
		t.Fatalf("no table row of configuration ranked in the DOM:\n%s", dom)
	}
	for _, want := range []string{`<th scope="row">ranked</th>`, `<td>1v1</td>`, `<td>STANDALONE[^<]*</td>`} {
		if !regexp.MustCompile(want).MatchString(row[1]) {
			t.Errorf("the configuration row has no %s", want)
		}
	}
	for _, s := range st.TicketStatuses {
		cell := regexp.MustCompile(`<td [^>]*data-status="` + s + `"[^>]*>(\d+)</td>`).FindStringSubmatch(row[1])
		if want := c.Tickets[s]; cell == nil || cell[1] != strconv.Itoa(want) {
			t.Errorf("status %s: cell %v, want %d", s, cell, want)
		}
	}
	m := c.RecentMatches[0]
	match := regexp.MustCompile(`(?s)<tr data-match="` + m.MatchID + `">(.*?)</tr>`).FindStringSubmatch(dom)
	if match == nil {
		t.Fatalf("match %s is not in the DOM", m.MatchID)
	}
	if !strings.Contains(match[1], "<td>COMPLETED</td>") {
		t.Error("the match's status is not shown")
	}
	for _, team := range m.Teams {
		want := `<li data-team="` + team.Name + `"><b>` + team.Name + `</b>: ` + domText(strings.Join(team.PlayerIDs, ", ")) +
			` <span class="muted">(ticket ` + strings.Join(team.TicketIDs, ", ") + `)</span></li>`
		if !strings.Contains(match[1], want) {
			t.Errorf("team %s is not shown as %s", team.Name, want)
		}
	}
	if strings.Contains(dom, "<img") || !strings.Contains(dom, "<title>flexsim</title>") {
		t.Error("a player ID was parsed as HTML")
	}
	for _, r := range c.Rules {
		want := `<tr data-rule="` + r.Name + `"><td>` + r.Name + `</td><td class="n[^"]*" data-count="passed">` + strconv.Itoa(r.Passed) +
			`</td><td class="n[^"]*" data-count="failed">` + strconv.Itoa(r.Failed) + `</td>`
		if !regexp.MustCompile(want).MatchString(dom) {
			t.Errorf("rule %s is not shown with %d passed and %d failed", r.Name, r.Passed, r.Failed)
		}
	}
}

// TestWebPageInChromiumShowsFetchErrors serves the page with a status
// endpoint that fails: the page must say so.
func TestWebPageInChromiumShowsFetchErrors(t *testing.T) {
	bin := chromiumBinary(t)
	e := newEnv(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == api.PathStatus {
			http.Error(w, "engine on fire", http.StatusServiceUnavailable)
			return
		}
		e.srv.Config.Handler.ServeHTTP(w, r)
	}))
	defer srv.Close()
	dom := dumpDOM(t, bin, srv.URL+"/")
	line := regexp.MustCompile(`<p id="error" role="alert">([^<]*)</p>`).FindStringSubmatch(dom)
	if line == nil || !strings.Contains(line[1], "HTTP 503: engine on fire") || !strings.Contains(line[1], "Retrying every 2 s.") {
		t.Errorf("error line %v, want one naming HTTP 503 and the retry", line)
	}
}
