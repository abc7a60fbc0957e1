package isso_test

import (
	"fmt"
	"net/http"
	"testing"
)

func withoutConfig(m map[string]any) map[string]any {
	delete(m, "config")
	return m
}

func TestVote(t *testing.T) {
	s := newSite(t, proxied)
	postRaw(t, s, "/v/", map[string]any{"text": "vote on me"}, from("10.0.0.1"))
	vote := func(id int, action, ip string, headers map[string]string) resp {
		h := from(ip)
		for k, v := range headers {
			h[k] = v
		}
		return do(t, s, req{method: http.MethodPost, path: fmt.Sprintf("/id/%d/%s", id, action), headers: h})
	}
	tests := []struct {
		name, action, ip string
		id               int
		headers          map[string]string
		want             string
	}{
		{"author", "like", "10.0.0.99", 1, nil,
			`{"likes": 0, "dislikes": 0, "message": "Upvote denied because a vote has already been registered for this remote address: 10.0.0.0"}`},
		{"author dislike", "dislike", "10.0.0.1", 1, nil,
			`{"likes": 0, "dislikes": 0, "message": "Downvote denied because a vote has already been registered for this remote address: 10.0.0.0"}`},
		{"other address", "like", "10.0.1.1", 1, nil, `{"likes": 1, "dislikes": 0}`},
		{"same /24 again", "like", "10.0.1.200", 1, nil,
			`{"likes": 1, "dislikes": 0, "message": "Upvote denied because a vote has already been registered for this remote address: 10.0.1.0"}`},
		{"same /24 dislike", "dislike", "10.0.1.200", 1, nil,
			`{"likes": 1, "dislikes": 0, "message": "Downvote denied because a vote has already been registered for this remote address: 10.0.1.0"}`},
		{"third address dislikes", "dislike", "10.0.2.1", 1, nil, `{"likes": 1, "dislikes": 1}`},
		{"a body is ignored", "like", "10.0.3.1", 1, map[string]string{"Content-Type": "application/json"}, `{"likes": 2, "dislikes": 1}`},
		{"unknown comment", "like", "10.0.4.1", 42, nil, `null`},
		{"unknown comment dislike", "dislike", "10.0.4.1", 42, nil, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := vote(tt.id, tt.action, tt.ip, tt.headers)
			if r.status != 200 || r.header.Get("Content-Type") != "application/json" {
				t.Fatalf("%s", r)
			}
			jsonEqual(t, r.body, tt.want)
		})
	}
	t.Run("CSRF", func(t *testing.T) {
		for _, action := range []string{"like", "dislike"} {
			wantError(t, vote(1, action, "10.9.9.9", map[string]string{"Content-Type": "text/plain"}), 403, "CSRF")
		}
	})
	t.Run("listing shows votes", func(t *testing.T) {
		item := object(t, get(t, s, "/?uri=/v/").body)["replies"].([]any)[0].(map[string]any)
		if item["likes"] != 2.0 || item["dislikes"] != 1.0 {
			t.Errorf("listed %v", item)
		}
	})
	t.Run("142 limit", func(t *testing.T) {
		if err := s.Site.DB.Writer().Exec("UPDATE comments SET likes = 100, dislikes = 41 WHERE id = 1").Error; err != nil {
			t.Fatal(err)
		}
		jsonEqual(t, vote(1, "like", "10.0.5.1", nil).body, `{"likes": 101, "dislikes": 41}`)
		jsonEqual(t, vote(1, "like", "10.0.6.1", nil).body,
			`{"likes": 101, "dislikes": 41, "message": "Upvote denied due to a \"likes + dislikes\" total too high (142 >= 142)"}`)
		jsonEqual(t, vote(1, "dislike", "10.0.6.1", nil).body,
			`{"likes": 101, "dislikes": 41, "message": "Downvote denied due to a \"likes + dislikes\" total too high (142 >= 142)"}`)
	})
}
