package pyjson

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The expected outputs are what Python 3's json.dumps(value) prints.
func TestMarshal_MatchesPython(t *testing.T) {
	type comment struct {
		ID       int     `json:"id"`
		Parent   *int    `json:"parent"`
		Created  Float   `json:"created"`
		Modified *Float  `json:"modified"`
		Text     string  `json:"text"`
		Author   *string `json:"author"`
	}
	zoe := "Zoë"
	whole := Float(1464940838)
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"separators", map[string]any{"a": []int{1, 2}, "b": nil}, `{"a": [1, 2], "b": null}`},
		{"html is not escaped", map[string]string{"text": `<p>a & "b"</p>`}, `{"text": "<p>a & \"b\"</p>"}`},
		{"non-ASCII", []string{"Ünïcode 你好"}, `["\u00dcn\u00efcode \u4f60\u597d"]`},
		{"astral plane as a surrogate pair", []string{"😀"}, `["\ud83d\ude00"]`},
		{"control characters", []string{"a\tb\nc\x01\x7f\b\f"}, `["a\tb\nc\u0001\u007f\b\f"]`},
		{"separators inside strings stay", []string{"a, b: c"}, `["a, b: c"]`},
		{"escaped quote before a separator", []string{`x"`, "y"}, `["x\"", "y"]`},
		{"struct in field order", comment{ID: 1, Created: 1464940838.254393, Modified: &whole, Text: "hi", Author: &zoe},
			`{"id": 1, "parent": null, "created": 1464940838.254393, "modified": 1464940838.0, "text": "hi", "author": "Zo\u00eb"}`},
		{"empty containers", map[string]any{"replies": []int{}, "config": map[string]bool{}}, `{"config": {}, "replies": []}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func BenchmarkMarshal(b *testing.B) {
	v := make([]map[string]any, 200)
	for i := range v {
		v[i] = map[string]any{"id": i, "text": "<p>Some text with a <a href=\"x\">link</a> and ümlauts</p>", "created": Float(1464940838.25)}
	}
	for b.Loop() {
		if _, err := Marshal(v); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzMarshal_RoundTrips: whatever the string, the output is ASCII, valid
// JSON, and decodes to the same value (go test runs the seeds; go test
// -fuzz explores further).
func FuzzMarshal_RoundTrips(f *testing.F) {
	for _, s := range []string{"", "plain", `q"uo\te`, "a, b: c", "\x00\x1f\x7f", "Zoë 你好 😀", "\u2028\u2029", "<&>", "\xff\xfe bad utf-8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in := map[string]any{"k" + s: []string{s, s}, "n": 1.5}
		out, err := Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range out {
			if b >= 0x80 {
				t.Fatalf("non-ASCII byte in %q", out)
			}
		}
		var back map[string]any
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("invalid JSON %q: %v", out, err)
		}
		want, _ := json.Marshal(in) // encoding/json's own view of s (invalid UTF-8 becomes U+FFFD)
		var wantBack map[string]any
		if err := json.Unmarshal(want, &wantBack); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, wantBack) {
			t.Fatalf("round trip: got %v, want %v", back, wantBack)
		}
	})
}
