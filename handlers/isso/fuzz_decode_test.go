package isso

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzDecodeRequest feeds arbitrary bodies to the decoders behind POST
// /new, PUT /id/<id> and POST /count. They must never panic; a body is
// taken as a comment only when it is a JSON object (or null); what is
// taken keeps the typed fields as sent; an array of strings is counted as
// itself.
func FuzzDecodeRequest(f *testing.F) {
	for _, s := range []string{
		`{"text": "hello", "author": "Jane", "email": "j@example.org", "website": "example.org", "parent": 3, "title": "T", "notification": 1}`,
		`{"text": null, "parent": null}`, `{"parent": true}`, `{"parent": 1.0}`, `{"parent": "1"}`, `{"parent": 1e3}`,
		`{"text": 5}`, `{"notification": "yes"}`, `{"text": "a", "text": "b"}`, `null`, `[]`, `"x"`, `{}`, ``,
		`["/a/", "/b/"]`, `["/a/", 1, null, {"x": 1}]`, `"/ab"`, `{"/a/": 1, "/b/": [1, {"c": 2}]}`, `{"a" 1}`, `{1: 2}`,
		"\xff", `{"text": "\ud800"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := decodeObject(body)
		if err == nil {
			if m == nil || !json.Valid(body) {
				t.Fatalf("accepted %q as %v", body, m)
			}
			trimmed := bytes.TrimSpace(body)
			if !bytes.HasPrefix(trimmed, []byte("{")) && string(trimmed) != "null" {
				t.Fatalf("accepted a non-object %q", body)
			}
			in, msg := newCommentInput(m)
			if msg == "" {
				checkTyped(t, m, "text", in.Text)
				checkTyped(t, m, "author", in.Author)
				checkTyped(t, m, "email", in.Email)
				checkTyped(t, m, "website", in.Website)
				if in.Parent != nil && *in.Parent == 0 {
					t.Fatalf("parent 0 kept from %q", body)
				}
			}
			if e, msg := editInput(m); msg == "" {
				checkTyped(t, m, "text", e.Text)
			}
		}
		uris, err := countURIs(body)
		var strs []string
		if json.Unmarshal(body, &strs) == nil && (err != nil || !reflect.DeepEqual(uris, strs)) {
			t.Fatalf("count of %q = %q, %v", body, uris, err)
		}
		if err == nil && !json.Valid(body) {
			t.Fatalf("count accepted invalid JSON %q", body)
		}
	})
}

// checkTyped: a string field is what was sent; null or absence is nil.
func checkTyped(t *testing.T, m map[string]json.RawMessage, key string, got *string) {
	t.Helper()
	raw, ok := m[key]
	if !ok || string(raw) == "null" {
		if got != nil {
			t.Fatalf("%s: %q from %s", key, *got, raw)
		}
		return
	}
	var want string
	if json.Unmarshal(raw, &want) != nil || got == nil || *got != want {
		t.Fatalf("%s: got %v from %s", key, got, raw)
	}
}
