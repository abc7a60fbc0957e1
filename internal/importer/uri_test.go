package importer

import "testing"

func TestThreadURI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://example.org/2014/test/", "/2014/test/"},
		{"https://example.org/2014/test/", "/2014/test/"},
		{"/2014/test/", "/2014/test/"},
		{"https://example.org", "/"},
		{"http://example.tld/?p=4", "/?p=4"},
		{"https://example.org/post?sort=newest", "/post"},
		{"https://example.org/post?p=4&orderby=date&utm_source=x", "/post?p=4"},
		{"https://example.org/post#comment-12", "/post"},
		{"https://example.org/caf%C3%A9/", "/caf%C3%A9/"},
		{"some-identifier", "some-identifier"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := threadURI(tc.in); got != tc.want {
			t.Errorf("threadURI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
