package admin_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const issoExport = `[{"id": "/moved/", "title": "Moved", "comments": [
  {"id": 1, "author": "Ann", "email": "", "website": "", "remote_addr": "203.0.113.1",
   "created": "2024-05-01 10:00:00", "text": "Carried over from Isso"}]}]`

// TestBrowserAdminImport uploads an export in the browser, reads the dry
// run's summary and confirms; the comment then shows on its page.
func TestBrowserAdminImport(t *testing.T) {
	b := newAdminBrowser(t)
	b.login()
	b.navigate("/admin/data")
	// The file chooser is filled from script, as a person's pick would.
	js := fmt.Sprintf(`(() => { const dt = new DataTransfer();
		dt.items.add(new File([%q], "isso-export.json", {type: "application/json"}));
		document.querySelector("[data-testid=import-file]").files = dt.files; return true })()`, issoExport)
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js)); err != nil {
		t.Fatal(err)
	}
	b.submit(`[data-testid=import-check]`)
	if got := b.text(`[data-testid=import-counts]`); got != "1 thread, 1 comment" {
		t.Fatalf("dry run summary = %q", got)
	}
	dir := os.Getenv("NATTER_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	b.shoot(filepath.Join(dir, "admin-data-summary-desktop-light.png"))
	if strings.Contains(b.public("/moved/"), "Carried over") {
		t.Fatal("the dry run imported")
	}
	b.submit(`[data-testid=import-confirm]`)
	if f := b.text(`[data-testid=flash]`); !strings.Contains(f, "1 comment.") {
		t.Fatalf("flash = %q", f)
	}
	b.s.Clock.Advance(2 * time.Second) // the page cache looks for other connections' writes once a second
	if !strings.Contains(b.public("/moved/"), "Carried over from Isso") {
		t.Fatal("the imported comment is not on its page")
	}
	b.screenshots(page{"data", "/admin/data"})
}
