package isso_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/natter/natter/internal/store"
)

// RFC 8058 one-click: a mail client POSTs "List-Unsubscribe=One-Click" to
// the List-Unsubscribe URL of a reply mail; it unsubscribes like the GET.
func TestUnsubscribe_OneClickPost(t *testing.T) {
	s := newSite(t, "")
	post(t, s, "/u/", map[string]any{"text": "top", "email": "a+b@x.org", "notification": 1})
	key, err := s.Site.Comments.UnsubscribeKey("a+b@x.org")
	if err != nil {
		t.Fatal(err)
	}
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	bad := do(t, s, req{method: http.MethodPost, path: "/id/1/unsubscribe/a%2Bb%40x.org/forged",
		body: "List-Unsubscribe=One-Click", headers: form})
	if bad.status != http.StatusForbidden {
		t.Errorf("forged key: %s", bad)
	}
	r := do(t, s, req{method: http.MethodPost, path: "/id/1/unsubscribe/a%2Bb%40x.org/" + key,
		body: "List-Unsubscribe=One-Click", headers: form})
	if r.status != http.StatusOK {
		t.Fatalf("one-click POST: %s", r)
	}
	var got []int
	s.Site.DB.Reader().Raw("SELECT notification FROM comments ORDER BY id").Scan(&got)
	if fmt.Sprint(got) != "[0]" {
		t.Errorf("notifications %v, want [0]", got)
	}
}

// Without [server] public-endpoint, the links in the owner's message use
// the URL the comment was posted to, as Isso's do; following the activate
// link's POST publishes the comment.
func TestNotify_LinksUseTheRequestURL(t *testing.T) {
	s := newSite(t, "[moderation]\nenabled = true\n")
	post(t, s, "/n/", map[string]any{"text": "pending one"})
	ds, err := s.Site.Notify.Deliveries(t.Context(), store.OutboxFilter{})
	if err != nil || len(ds) != 1 {
		t.Fatalf("deliveries %v, %v", ds, err)
	}
	link := ds[0].Message.Links.Activate
	if !strings.HasPrefix(link, "http://natter.test/id/1/activate/") {
		t.Fatalf("activate link %q", link)
	}
	r := do(t, s, req{method: http.MethodPost, path: strings.TrimPrefix(link, "http://natter.test")})
	if r.status != http.StatusOK || string(r.body) != "Comment has been activated" {
		t.Errorf("POST %s: %s", link, r)
	}
}

// Actions through signed links are audited: which, on which comment and
// from which address prefix; the confirmation page (GET) acts on nothing.
func TestNotify_LinkActionsAreAudited(t *testing.T) {
	s := newSite(t, "[moderation]\nenabled = true\n")
	post(t, s, "/a/", map[string]any{"text": "first one"})
	post(t, s, "/a/", map[string]any{"text": "second one"})
	key1, _ := s.Site.Comments.ModerationKey(1)
	key2, _ := s.Site.Comments.ModerationKey(2)
	if r := get(t, s, "/id/1/activate/"+key1); r.status != http.StatusOK {
		t.Fatalf("GET: %s", r)
	}
	for _, path := range []string{"/id/1/activate/" + key1, "/id/2/delete/" + key2} {
		if r := do(t, s, req{method: http.MethodPost, path: path, headers: map[string]string{"X-Forwarded-For": ""}}); r.status != http.StatusOK {
			t.Fatalf("POST %s: %s", path, r)
		}
	}
	acts, err := s.Site.Notify.LinkActions(t.Context(), 10)
	if err != nil || len(acts) != 2 {
		t.Fatalf("LinkActions = %+v, %v", acts, err)
	}
	if acts[0].Action != "comment.deleted" || acts[0].CommentID != 2 || acts[1].Action != "comment.activated" ||
		acts[1].CommentID != 1 || acts[1].Via != "link" || acts[1].Addr == "" {
		t.Errorf("audit %+v", acts)
	}
}
