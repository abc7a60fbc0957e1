package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/natter/natter/internal/comment"
)

func TestAdminQueue_CountsAndStates(t *testing.T) {
	s := newAdminSite(t)
	seed(t, s, "/a", "first pending", "second pending", "third pending")
	a := login(t, s)
	_, body := a.get("/admin/", false)
	if !strings.Contains(body, `data-testid="count-pending">3<`) || strings.Count(body, `data-testid="admin-row"`) != 3 {
		t.Fatalf("pending queue: %.500s", body)
	}
	if _, body := a.get("/admin/?state=approved", false); !strings.Contains(body, `data-testid="empty"`) {
		t.Error("approved queue not empty")
	}
	if resp, _ := a.get("/admin/?state=bogus", false); resp.StatusCode != 400 {
		t.Errorf("bad state = %d", resp.StatusCode)
	}
}

func TestAdminApprove_InPlaceAndFallback(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "first comment text", "second comment text")
	a := login(t, s)

	resp, body := a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[0]), url.Values{"back": {"/admin/?state=pending"}}, true)
	if resp.StatusCode != 200 || !strings.Contains(body, `id="row-c`) || !strings.Contains(body, `data-state="approved"`) || strings.Contains(body, "<html") {
		t.Fatalf("htmx approve = %d: %.300s", resp.StatusCode, body)
	}
	if !strings.Contains(publicThread(t, s, "/post"), "first comment text") {
		t.Fatal("approved comment not in the public thread")
	}
	// Without JavaScript: a form post and a redirect back.
	resp, _ = a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[1]), form(a, "back", "/admin/?state=pending"), false)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "http://example.com/admin/?state=pending" {
		t.Fatalf("form approve = %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if !strings.Contains(publicThread(t, s, "/post"), "second comment text") {
		t.Fatal("second approved comment not public")
	}
	// back never leaves the panel.
	resp, _ = a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[1]), form(a, "back", "https://evil.example/"), false)
	if loc := resp.Header.Get("Location"); loc != "http://example.com/admin/" {
		t.Errorf("open redirect: %q", loc)
	}
	if resp, _ := a.post("/admin/comments/999/approve", nil, true); resp.StatusCode != 404 {
		t.Errorf("missing comment = %d", resp.StatusCode)
	}
}

func TestAdminDeleteAndRestore(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "to be deleted", "stays")
	a := login(t, s)
	a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[0]), nil, true)

	resp, body := a.post(fmt.Sprintf("/admin/comments/%d/delete", ids[0]), nil, true)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-state="deleted"`) || !strings.Contains(body, "action-restore") {
		t.Fatalf("delete = %d %.300s", resp.StatusCode, body)
	}
	if strings.Contains(publicThread(t, s, "/post"), "to be deleted") {
		t.Fatal("deleted comment still public")
	}
	_, body = a.get("/admin/?state=deleted", false)
	if !strings.Contains(body, "to be deleted") || !strings.Contains(body, `data-testid="count-deleted">1<`) {
		t.Fatalf("deleted queue: %.400s", body)
	}
	m := regexp.MustCompile(`/admin/trash/(\d+)/restore`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no restore action")
	}
	resp, body = a.post("/admin/trash/"+m[1]+"/restore", nil, true)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-state="approved"`) {
		t.Fatalf("restore = %d %.300s", resp.StatusCode, body)
	}
	if !strings.Contains(publicThread(t, s, "/post"), "to be deleted") {
		t.Fatal("restored comment not public again")
	}
}

func TestAdminDelete_PlaceholderRules(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "parent comment")
	a := login(t, s)
	a.post(fmt.Sprintf("/admin/comments/%d/approve", ids[0]), nil, true)
	text, parent := "a reply here", ids[0]
	r, err := s.Site.Comments.Create(context.Background(), comment.CreateInput{Input: comment.Input{Text: &text}, URI: "/post", Parent: &parent},
		comment.Actor{IP: "203.0.113.50", Origin: "http://blog.example"})
	if err != nil {
		t.Fatal(err)
	}
	a.post(fmt.Sprintf("/admin/comments/%d/approve", r.ID), nil, true)
	a.post(fmt.Sprintf("/admin/comments/%d/delete", ids[0]), nil, true)
	thread := publicThread(t, s, "/post")
	if !strings.Contains(thread, `"mode": 4`) && !strings.Contains(thread, `"mode":4`) {
		t.Fatalf("parent with a reply must stay as a placeholder: %s", thread)
	}
	if strings.Contains(thread, "parent comment") {
		t.Fatal("placeholder keeps its text")
	}
	// Restoring puts the text back into the placeholder.
	_, body := a.get("/admin/?state=deleted", false)
	m := regexp.MustCompile(`/admin/trash/(\d+)/restore`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no restore action")
	}
	a.post("/admin/trash/"+m[1]+"/restore", nil, true)
	if !strings.Contains(publicThread(t, s, "/post"), "parent comment") {
		t.Fatal("restore into the placeholder failed")
	}
}

func TestAdminEdit(t *testing.T) {
	s := newAdminSite(t)
	ids := seed(t, s, "/post", "original text")
	a := login(t, s)
	path := fmt.Sprintf("/admin/comments/%d/edit", ids[0])

	resp, body := a.get(path+"?back=/admin/", true)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-testid="admin-edit"`) || strings.Contains(body, "<html") {
		t.Fatalf("htmx edit form = %d", resp.StatusCode)
	}
	if resp, body := a.get(path, false); resp.StatusCode != 200 || !strings.Contains(body, "<html") {
		t.Fatalf("no-JS edit page = %d", resp.StatusCode)
	}
	resp, body = a.post(fmt.Sprintf("/admin/comments/%d/preview", ids[0]), url.Values{"text": {"**bold** words"}}, true)
	if resp.StatusCode != 200 || !strings.Contains(body, "<strong>bold</strong>") {
		t.Fatalf("preview = %d %s", resp.StatusCode, body)
	}
	resp, body = a.post(path, form(a, "text", "**bold** words", "preview", "1"), false)
	if resp.StatusCode != 200 || !strings.Contains(body, "<strong>bold</strong>") {
		t.Fatalf("no-JS preview = %d", resp.StatusCode)
	}
	resp, body = a.post(path, url.Values{"text": {"x"}, "author": {"A"}}, true)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-testid="edit-error"`) {
		t.Fatalf("invalid edit = %d %.300s", resp.StatusCode, body)
	}
	resp, body = a.post(path, url.Values{"text": {"edited <text>"}, "author": {"New & Name"}, "email": {"new@example.org"},
		"website": {"https://example.org"}, "back": {"/admin/"}}, true)
	if resp.StatusCode != 200 || !strings.Contains(body, "New &amp; Name") || !strings.Contains(body, "new@example.org") {
		t.Fatalf("edit = %d %.500s", resp.StatusCode, body)
	}
	got, err := s.Site.Comments.Get(context.Background(), ids[0], comment.Actor{Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "edited <text>" || *got.Author != "New &amp; Name" || *got.Email != "new@example.org" || got.Modified != nil {
		t.Errorf("stored: text %q author %q email %q modified %v", got.Text, *got.Author, *got.Email, got.Modified)
	}
}
