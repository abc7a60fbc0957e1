package titlefetch

import (
	"strings"
	"testing"
)

func TestDiscover(t *testing.T) {
	long := strings.Repeat("é", 300)
	tests := []struct {
		name, page, title, uri string
	}{
		{"isso-compat example", `<article><header><h1>T</h1></header><div id="isso-thread"></div></article>`, "T", ""},
		{"data-title is percent-decoded", `<h1>No</h1><div id="isso-thread" data-title="Caf%C3%A9+%26%20Co"></div>`, "Café+& Co", ""},
		{"data-isso-id is percent-decoded", `<h1>T</h1><div id="isso-thread" data-isso-id="%2Fposts%2Fh%C3%A9llo%20world"></div>`, "T", "/posts/héllo world"},
		{"both attributes", `<div id="isso-thread" data-isso-id="/x" data-title="Y"></div>`, "Y", "/x"},
		{"empty data-title wins over h1", `<h1>T</h1><div id="isso-thread" data-title=""></div>`, "", ""},
		{"empty data-isso-id keeps the uri", `<div id="isso-thread" data-isso-id="" data-title="Y"></div>`, "Y", ""},
		{"malformed escapes kept", `<div id="isso-thread" data-title="100%zz%4"></div>`, "100%zz%4", ""},
		{"no thread element", `<h1>T</h1><div id="comments"></div>`, Untitled, ""},
		{"thread element must be div or section", `<h1>T</h1><p id="isso-thread" data-title="P"></p>`, Untitled, ""},
		{"section works", `<section id="isso-thread" data-title="S"></section>`, "S", ""},
		{"div preferred to earlier section", `<section id="isso-thread" data-title="S"></section><div id="isso-thread" data-title="D"></div>`, "D", ""},
		{"first of two divs", `<div id="isso-thread" data-title="A"></div><div id="isso-thread" data-title="B"></div>`, "A", ""},
		{"natter marker", `<h1>T</h1><span data-natter-thread data-title="N"></span>`, "N", ""},
		{"isso marker preferred to natter marker", `<span data-natter-thread data-title="N"></span><div id="isso-thread" data-title="I"></div>`, "I", ""},
		{"no h1 anywhere", `<div><p>x</p><div id="isso-thread"></div></div>`, Untitled, ""},
		{"h1 inside the thread element", `<div id="isso-thread"><h1>Inner</h1></div><h1>Outer</h1>`, "Inner", ""},
		{"h1 after the thread among siblings", `<main><div id="isso-thread"></div><h1>After</h1></main>`, "After", ""},
		{"text is nested, trimmed, comments dropped", "<main><h1>\n  A <em>b<!-- c --></em>\u00a0d \x1f</h1><div id=\"isso-thread\"></div></main>", "A b\u00a0d", ""},
		{"empty h1 gives empty title", `<main><h1> </h1><div id="isso-thread"></div></main>`, "", ""},
		// Isso descends only into the first unvisited element child, so the
		// <nav> hides the later <h1>.
		{"only the first unvisited child is searched", `<main><nav><p>menu</p></nav><div id="isso-thread"></div><h1>Late</h1></main>`, Untitled, ""},
		{"descent follows first children deeply", `<main><div><section><h1>Deep</h1></section></div><div id="isso-thread"></div></main>`, "Deep", ""},
		{"visited branch is skipped", `<main><div><div id="isso-thread"></div></div><header><h1>Next</h1></header></main>`, "Next", ""},
		{"long title cut to 256 code points", `<div id="isso-thread" data-title="` + long + `"></div>`, long[:256*len("é")], ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			title, uri, err := discover(strings.NewReader(tc.page))
			if err != nil {
				t.Fatalf("discover: %v", err)
			}
			if title != tc.title || uri != tc.uri {
				t.Errorf("discover = (%q, %q), want (%q, %q)", title, uri, tc.title, tc.uri)
			}
		})
	}
}

func TestUnquote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain+text", "plain+text"},
		{"%41%62%2f", "Ab/"},
		{"%", "%"},
		{"%4", "%4"},
		{"%g1", "%g1"},
		{"%C3%A9", "é"},
		{"%FF", "\uFFFD"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := unquote(tc.in); got != tc.want {
				t.Errorf("unquote(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
