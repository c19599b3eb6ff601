package bench_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/flexsim/flexsim/bench"
)

// chromium is where Debian's chromium package installs the browser.
const chromium = "/usr/bin/chromium"

// TestHTMLReportInChromium renders a comparison report in headless
// Chromium and checks, in the DOM the browser built, that every chart is
// an SVG element with a series per run and the summary table a column per
// run.
func TestHTMLReportInChromium(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("%s is not installed (apt-get install -y chromium); skipping the browser check of the HTML report", chromium)
	}
	reports, err := bench.Compare(context.Background(), []bench.Run{smallRun(t, "small-1v1.json", "small-1v1"), smallRun(t, "small-1v1-wide.json", "small-1v1-wide")}, bench.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := bench.WriteHTML(&page, reports...); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	dom := string(out)
	for _, id := range bench.ChartIDs() {
		svg := regexp.MustCompile(`(?s)<svg id="` + id + `"[^>]*>(.*?)</svg>`).FindStringSubmatch(dom)
		if svg == nil {
			t.Errorf("chart %s is not in the DOM", id)
			continue
		}
		for _, label := range []string{"small-1v1", "small-1v1-wide"} {
			if !strings.Contains(svg[1], `data-series="`+label) {
				t.Errorf("chart %s has no series for run %s", id, label)
			}
		}
		if !strings.Contains(svg[1], "<polyline") && !strings.Contains(svg[1], "<rect class=\"bar\"") {
			t.Errorf("chart %s draws no line or bar", id)
		}
	}
	if n := strings.Count(dom, "<svg "); n != len(bench.ChartIDs()) {
		t.Errorf("%d SVG elements, want %d", n, len(bench.ChartIDs()))
	}
	if !regexp.MustCompile(`<th>small-1v1</th>\s*<th>small-1v1-wide</th>`).MatchString(dom) {
		t.Error("the summary table has no column per run")
	}
	rest := strings.ReplaceAll(page.String(), "http://www.w3.org/2000/svg", "")
	for _, ref := range []string{"<script", "<link", "http://", "https://", "<img"} {
		if strings.Contains(rest, ref) {
			t.Errorf("the report holds %q: it is not self-contained", ref)
		}
	}
}
