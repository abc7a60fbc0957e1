package admin_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/natter/natter/internal/testsite"
)

func doc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Links to a comment's public page never use a wildcard host: the first
// host that is a URL, or none at all.
func TestCommentLinks_SkipWildcardHosts(t *testing.T) {
	for _, tc := range []struct{ name, hosts, want string }{
		{"wildcard first", "\n    http://localhost:*\n    https://blog.example", "https://blog.example/post-1#isso-1"},
		{"only a wildcard", " http://localhost:*", "#natter-comment-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := strings.Replace(adminConfig, "host = http://blog.example", "host ="+tc.hosts, 1)
			s := testsite.New(t, testsite.Options{Config: cfg})
			seed(t, s, "/post-1", "a comment")
			a := login(t, s)
			_, body := a.get("/admin/", false)
			href, _ := doc(t, body).Find(`#row-c1 [data-testid=comment-permalink]`).Attr("href")
			if href != tc.want || strings.Contains(body, "localhost:*") {
				t.Errorf("permalink %q, want %q", href, tc.want)
			}
		})
	}
}

// An in-place approve, delete or restore answers with the row and the
// navigation's counts, swapped out of band.
func TestRowActions_UpdateCounts(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "first", "second")
	a := login(t, s)
	counts := func(body string) string {
		d := doc(t, body)
		var out []string
		for _, k := range []string{"pending", "approved", "deleted"} {
			sel := d.Find(`[hx-swap-oob="true"]#count-` + k)
			out = append(out, k+"="+sel.Text())
		}
		return strings.Join(out, " ")
	}
	resp, body := a.post("/admin/comments/1/approve", form(a, "back", "/admin/"), true)
	if resp.StatusCode != http.StatusOK || counts(body) != "pending=1 approved=1 deleted=0" {
		t.Fatalf("approve: %d %s", resp.StatusCode, counts(body))
	}
	_, body = a.post("/admin/comments/2/delete", form(a, "back", "/admin/"), true)
	if got := counts(body); got != "pending=0 approved=1 deleted=1" {
		t.Fatalf("delete: %s", got)
	}
	trash := doc(t, body).Find(`[data-testid=admin-row]`).AttrOr("id", "")
	_, body = a.post("/admin/trash/"+strings.TrimPrefix(trash, "row-t")+"/restore", form(a, "back", "/admin/"), true)
	if got := counts(body); got != "pending=1 approved=1 deleted=0" {
		t.Fatalf("restore of %s (ids %v): %s", trash, ids, got)
	}
	_, page := a.get("/admin/", false)
	if n := doc(t, page).Find(`#count-pending`).Length(); n != 1 {
		t.Errorf("%d elements with the pending count's id", n)
	}
}

// The chart's labels are HTML text below the SVG, not SVG text that
// shrinks with the chart.
func TestDashboard_ChartLabelsAreText(t *testing.T) {
	s := newAdminSite(t)
	seed(t, s, "/post", "one")
	a := login(t, s)
	_, body := a.get("/admin/dashboard", false)
	d := doc(t, body)
	if d.Find(`[data-testid=chart] text`).Length() != 0 {
		t.Error("labels drawn inside the SVG")
	}
	if got := d.Find(`[data-testid=chart-to]`).Text(); got != "2026-11-01" {
		t.Errorf("last day label %q", got)
	}
	if got := d.Find(`[data-testid=chart-peak]`).Text(); got != "Busiest day: 1" {
		t.Errorf("peak label %q", got)
	}
}
