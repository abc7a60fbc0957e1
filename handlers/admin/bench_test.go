package admin_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/natter/natter/internal/testsite"
)

// seedBulk inserts n comments over n/100 threads in one transaction:
// 80% approved, 15% pending, 5% soft-deleted, one in 500 mentions "needle".
func seedBulk(b *testing.B, s *testsite.Site, n int) {
	b.Helper()
	start := float64(s.Clock.Now().Unix()) - float64(n)*60
	err := s.Site.DB.Write(b.Context(), func(tx *gorm.DB) error {
		for t := 1; t <= n/100; t++ {
			if err := tx.Exec("INSERT INTO threads (id, uri, title) VALUES (?, ?, ?)", t, fmt.Sprintf("/post/%d", t), fmt.Sprintf("Post %d", t)).Error; err != nil {
				return err
			}
		}
		const batch = 500
		for i := 0; i < n; i += batch {
			var sb strings.Builder
			args := make([]any, 0, batch*9)
			sb.WriteString("INSERT INTO comments (tid, id, parent, created, mode, remote_addr, text, author, email, voters) VALUES ")
			for j := i; j < i+batch && j < n; j++ {
				if j > i {
					sb.WriteString(",")
				}
				sb.WriteString("(?, ?, NULL, ?, ?, ?, ?, ?, ?, x'00')")
				mode := 1
				switch {
				case j%20 == 0:
					mode = 4
				case j%20 < 4:
					mode = 2
				}
				text := fmt.Sprintf("Comment number %d about the post, with a few words of ordinary text to search through.", j)
				if j%500 == 7 { // an approved comment
					text += " needle"
				}
				args = append(args, j%(n/100)+1, j+1, start+float64(j)*60, mode, fmt.Sprintf("203.0.%d.0", j%256),
					text, fmt.Sprintf("Reader %d", j%1000), fmt.Sprintf("reader%d@example.org", j%1000))
			}
			if err := tx.Exec(sb.String(), args...).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func benchAdmin(b *testing.B, paths map[string]string) {
	s := newAdminSite(b)
	seedBulk(b, s, 100000)
	a := login(b, s)
	for name, path := range paths {
		b.Run(name, func(b *testing.B) {
			resp, body := a.get(path, false)
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, `data-testid="admin-row"`) {
				b.Fatalf("%s = %d", path, resp.StatusCode)
			}
			b.ResetTimer()
			for b.Loop() {
				a.get(path, false)
			}
		})
	}
}

// BenchmarkAdminQueue measures queue pages (50 rows) over 100,000 comments,
// through the whole app: session check, queries, templ rendering.
func BenchmarkAdminQueue(b *testing.B) {
	benchAdmin(b, map[string]string{
		"approved-first-page": "/admin/?state=approved",
		"approved-deep-page":  "/admin/?state=approved&after=1795000000_1",
		"pending-oldest":      "/admin/?state=pending&sort=oldest",
		"most-liked":          "/admin/?state=approved&sort=likes",
		"deleted":             "/admin/?state=deleted",
		"thread-filter":       "/admin/?state=approved&thread=7",
	})
}

// BenchmarkAdminSearch measures full-text search and filters over 100,000
// comments; each page also states the exact number of matches, from the
// same scan (store.AdminPage).
func BenchmarkAdminSearch(b *testing.B) {
	benchAdmin(b, map[string]string{
		"text":         "/admin/?state=approved&q=needle",
		"author-email": "/admin/?state=approved&q=reader7@",
		"ip-prefix":    "/admin/?state=approved&ip=203.0.7.",
		"date-range":   "/admin/?state=approved&from=2026-10-01&to=2026-10-15",
	})
}
