package isso_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/natter/natter/internal/testsite"
)

func moderationPath(t *testing.T, s *testsite.Site, pathID, keyID int, action string) string {
	t.Helper()
	key, err := s.Site.Comments.ModerationKey(int64(keyID))
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("/id/%d/%s/%s", pathID, action, key)
}

func TestModeration(t *testing.T) {
	s := newSite(t, "[moderation]\nenabled = true\n")
	post(t, s, "/m/", map[string]any{"text": "top"})                // 1
	post(t, s, "/m/", map[string]any{"text": "reply", "parent": 1}) // 2
	post(t, s, "/m/", map[string]any{"text": "alone"})              // 3
	ctx := context.Background()
	if _, err := s.Site.Comments.Activate(ctx, 2); err != nil {
		t.Fatal(err)
	}

	t.Run("GET page", func(t *testing.T) {
		for action, label := range map[string]string{"activate": "Activate", "edit": "Edit", "delete": "Delete"} {
			r := get(t, s, moderationPath(t, s, 1, 1, action))
			if r.status != 200 || r.header.Get("Content-Type") != "text/html" {
				t.Fatalf("%s: %s %v", action, r, r.header)
			}
			for _, want := range []string{`confirm("` + label + `: Are you sure?")`, `"http://blog.example/m/#isso-1"`, "'POST'"} {
				if !strings.Contains(string(r.body), want) {
					t.Errorf("%s page lacks %s:\n%s", action, want, r.body)
				}
			}
		}
	})

	tests := []struct {
		name, method, path, body string
		status                   int
		want                     string
	}{
		{"forged key", http.MethodPost, "/id/1/activate/" + "MQ.ZVPxAA.ujEYOGCb2xxwW8hAi1Ld2KdEANI", "", 403, ""},
		{"forged key page", http.MethodGet, "/id/1/activate/garbage", "", 403, ""},
		{"unknown action", http.MethodPost, moderationPath(t, s, 1, 1, "approve"), "", 404, ""},
		{"unknown action page", http.MethodGet, moderationPath(t, s, 1, 1, "approve"), "", 404, ""},
		{"unknown comment", http.MethodPost, moderationPath(t, s, 99, 99, "activate"), "", 404, ""},
		{"unknown comment page", http.MethodGet, moderationPath(t, s, 99, 99, "activate"), "", 404, ""},
		{"activate (path id ignored)", http.MethodPost, moderationPath(t, s, 3, 1, "activate"), "", 200, "Comment has been activated"},
		{"already activated", http.MethodPost, moderationPath(t, s, 1, 1, "activate"), "", 200, "Already activated"},
		{"edit validates", http.MethodPost, moderationPath(t, s, 1, 1, "edit"), `{"text": "no"}`, 400, "text is too short (minimum length: 3)"},
		{"edit needs JSON", http.MethodPost, moderationPath(t, s, 1, 1, "edit"), `{`, 400, "Unable to read JSON request"},
		{"edit", http.MethodPost, moderationPath(t, s, 1, 1, "edit"),
			`{"text": "*moderated*", "author": "<Mod>", "website": "mod.example", "email": "x@y.z"}`, 200, ""},
		{"delete with replies", http.MethodPost, moderationPath(t, s, 1, 1, "delete"), "", 200, "Comment has been deleted"},
		{"delete alone", http.MethodPost, moderationPath(t, s, 1, 3, "delete"), "", 200, "Comment has been deleted"},
		{"deleted", http.MethodPost, moderationPath(t, s, 1, 3, "activate"), "", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, req{method: tt.method, path: tt.path, body: tt.body, headers: map[string]string{"Content-Type": "text/plain"}})
			if tt.status != 200 {
				wantError(t, r, tt.status, tt.want)
				return
			}
			if r.status != 200 {
				t.Fatalf("%s", r)
			}
			if tt.want != "" {
				if string(r.body) != tt.want || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
					t.Errorf("%s (%s)", r, r.header.Get("Content-Type"))
				}
				return
			}
			m := object(t, r.body)
			if m["text"] != "*moderated*" || m["author"] != "&lt;Mod&gt;" || m["website"] != "mod.example" || m["modified"] != nil {
				t.Errorf("edited %v", m)
			}
			if _, ok := m["hash"]; ok {
				t.Errorf("edit answer has hash")
			}
		})
	}
	// 1 is a placeholder, 2 published, 3 gone.
	if got, want := summary(t, get(t, s, "/?uri=/m/").body), "2 0 [1(1,0:2)]"; got != want {
		t.Errorf("listing %s, want %s", got, want)
	}
}

func TestUnsubscribe(t *testing.T) {
	s := newSite(t, "")
	post(t, s, "/u/", map[string]any{"text": "top", "email": "a+b@x.org", "notification": 1})                // 1
	post(t, s, "/u/", map[string]any{"text": "reply", "email": "a+b@x.org", "notification": 1, "parent": 1}) // 2
	post(t, s, "/u/", map[string]any{"text": "other", "email": "c@x.org", "notification": 1, "parent": 1})   // 3
	post(t, s, "/u/", map[string]any{"text": "elsewhere", "email": "a+b@x.org", "notification": 1})          // 4
	key, err := s.Site.Comments.UnsubscribeKey("a+b@x.org")
	if err != nil {
		t.Fatal(err)
	}
	otherKey, _ := s.Site.Comments.UnsubscribeKey("c@x.org")
	modKey, _ := s.Site.Comments.ModerationKey(1)
	for _, tt := range []struct {
		name, path string
		status     int
	}{
		{"wrong email", "/id/1/unsubscribe/c%40x.org/" + key, 403},
		{"key of another email", "/id/1/unsubscribe/a%2Bb%40x.org/" + otherKey, 403},
		{"moderation key", "/id/1/unsubscribe/a%2Bb%40x.org/" + modKey, 403},
		{"forged", "/id/1/unsubscribe/a%2Bb%40x.org/garbage", 403},
		{"unknown comment", "/id/99/unsubscribe/a%2Bb%40x.org/" + key, 404},
		{"ok", "/id/1/unsubscribe/" + url.PathEscape("a+b@x.org") + "/" + key, 200},
		{"percent-encoded", "/id/1/unsubscribe/a%2Bb%40x.org/" + key, 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, s, tt.path)
			if r.status != tt.status {
				t.Fatalf("%s", r)
			}
			if tt.status == 200 && (r.header.Get("Content-Type") != "text/html" || !strings.Contains(string(r.body), "Successfully unsubscribed")) {
				t.Errorf("%s %v", r, r.header)
			}
		})
	}
	var got []int
	s.Site.DB.Reader().Raw("SELECT notification FROM comments ORDER BY id").Scan(&got)
	if fmt.Sprint(got) != "[0 0 1 1]" {
		t.Errorf("notifications %v, want [0 0 1 1]", got)
	}
	m := object(t, get(t, s, "/?uri=/u/").body)
	if n := m["replies"].([]any)[0].(map[string]any)["notification"]; n != 0.0 {
		t.Errorf("listing still shows notification %v", n)
	}
}
