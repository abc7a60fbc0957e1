package importer_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/natter/natter/internal/importer"
	"github.com/natter/natter/internal/store"
	"github.com/natter/natter/internal/testsite"
)

// An external test package: the admin panel (imported through testsite)
// imports the importer, so an internal test may not import testsite.

// TestImportIntoRunningServer imports, as `natter import` does (its own
// connections to the file), while a server is running and has already
// served the page: within a second the page shows the imported comments,
// threaded and rendered.
func TestImportIntoRunningServer(t *testing.T) {
	ts := testsite.New(t, testsite.Options{})
	if n := threadTotal(t, ts, "/blog/hello/"); n != 0 {
		t.Fatalf("%d comments before the import", n)
	}
	cli, err := store.Open(context.Background(), store.Options{Path: ts.Site.DBPath,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := importer.Run(context.Background(), cli, importer.Options{Path: "testdata/disqus.xml"}); err != nil {
		t.Fatal(err)
	}
	if err := cli.Close(); err != nil {
		t.Fatal(err)
	}
	ts.Clock.Advance(2 * time.Second)
	if n := threadTotal(t, ts, "/blog/hello/"); n != 9 {
		t.Errorf("the running server shows %d comments on /blog/hello/, want 9", n)
	}
}

// threadTotal fetches a thread through Isso's API and counts what it shows.
func threadTotal(t *testing.T, ts *testsite.Site, uri string) int {
	t.Helper()
	req := httptest.NewRequest("GET", "/?uri="+uri+"&nested_limit=100", nil)
	resp, err := ts.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return 0
	}
	var body struct {
		Replies []struct {
			Text    string `json:"text"`
			Replies []struct {
				Text string `json:"text"`
			} `json:"replies"`
		} `json:"replies"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range body.Replies {
		n += 1 + len(r.Replies)
	}
	return n
}
