package markup

import (
	"strings"
	"testing"
)

func TestRender_IssoDefaults(t *testing.T) {
	r := mustNew(t, mistuneDefaults)
	cases := []struct{ name, in, want string }{
		{"empty text", "", "<p></p>"},
		{"plain paragraph", "Hello", "<p>Hello</p>"},
		{"hard wrap", "line one\nline two", "<p>line one<br>\nline two</p>"},
		{"two paragraphs", "para one\n\npara two", "<p>para one</p>\n<p>para two</p>"},
		{"emphasis", "*em* _em_ **strong** `code`", "<p><em>em</em> <em>em</em> <strong>strong</strong> <code>code</code></p>"},
		{"no intra-word underscore emphasis", "snake_case_name", "<p>snake_case_name</p>"},
		{"strike sub sup", "~~strike~~ H~2~O x^2^", "<p><del>strike</del> H<sub>2</sub>O x<sup>2</sup></p>"},
		{"sup needs no spaces", "a ^b c^ d", "<p>a ^b c^ d</p>"},
		{"link gets rel", "[link](http://example.org/)", `<p><a href="http://example.org/" rel="nofollow noopener">link</a></p>`},
		{"relative link", "[rel](/path?q=1#x)", `<p><a href="/path?q=1#x" rel="nofollow noopener">rel</a></p>`},
		{"javascript link is harmful", "[js](javascript:alert(1))", `<p><a href="#harmful-link" rel="nofollow noopener">js</a></p>`},
		{"mailto has no rel", "[mail](mailto:a@b.c)", `<p><a href="mailto:a@b.c">mail</a></p>`},
		{"bare url not linked", "http://example.org/ bare url", "<p>http://example.org/ bare url</p>"},
		{"angle autolink", "<http://example.org/>", `<p><a href="http://example.org/" rel="nofollow noopener">http://example.org/</a></p>`},
		{"email autolink", "<a@b.c>", `<p><a href="mailto:a@b.c">a@b.c</a></p>`},
		{"raw html escaped", "<b>raw</b> <script>x</script>", "<p>&lt;b&gt;raw&lt;/b&gt; &lt;script&gt;x&lt;/script&gt;</p>"},
		{"html block escaped", "<div>\nhi\n</div>", "<p>&lt;div&gt;\nhi\n&lt;/div&gt;</p>"},
		{"image stripped", "![img](http://example.org/a.png)", "<p></p>"},
		{"headings", "# H1\n## H2\n###### H6", "<p></p><h1>H1</h1>\n<h2>H2</h2>\n<h6>H6</h6><p></p>"},
		{"blockquote", "> quote", "<p></p><blockquote>\n<p>quote</p>\n</blockquote><p></p>"},
		{"unordered list", "- a\n- b", "<p></p><ul>\n<li>a</li>\n<li>b</li>\n</ul><p></p>"},
		{"ordered list", "1. a\n2. b", "<p></p><ol>\n<li>a</li>\n<li>b</li>\n</ol><p></p>"},
		{"fenced code language", "```python\nprint(1)\n```", `<p></p><pre><code class="language-python">print(1)` + "\n</code></pre><p></p>"},
		{"bad language class dropped", "```c++\nx\n```", "<p></p><pre><code>x\n</code></pre><p></p>"},
		{"code escapes html", "```\n<script>\n```", "<p></p><pre><code>&lt;script&gt;\n</code></pre><p></p>"},
		{"indented code", "    indented code", "<p></p><pre><code>indented code</code></pre><p></p>"},
		{"horizontal rule", "a\n\n---\n\nb", "<p>a</p>\n<hr>\n<p>b</p>"},
		{"special characters", `a & b < c > d`, "<p>a &amp; b &lt; c &gt; d</p>"},
		{"double quotes escaped, apostrophes as typed", `don't say "no"`, `<p>don't say &quot;no&quot;</p>`},
		{"quote in a link", `[a "q"](http://example.org/?a=1&b='2')`, `<p><a href="http://example.org/?a=1&amp;b='2'" rel="nofollow noopener">a &quot;q&quot;</a></p>`},
		{"tables off", "| a |\n|---|\n| 1 |", "<p>| a |<br>\n|---|<br>\n| 1 |</p>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(r.Render(tc.in)); got != tc.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestRender_Options(t *testing.T) {
	cases := []struct {
		name    string
		opts    Options
		in      string
		want    []string
		notWant []string
	}{
		{"autolink on links bare urls", Options{Extensions: []string{"autolink"}}, "see http://example.org/ now",
			[]string{`<a href="http://example.org/" rel="nofollow noopener">http://example.org/</a>`}, nil},
		{"mistune url plugin links bare urls", Options{Extensions: []string{"url"}}, "www.example.org",
			[]string{`<a href="http://www.example.org" rel="nofollow noopener">`}, nil},
		{"autolink off", Options{}, "see http://example.org/ now", nil, []string{"<a"}},
		{"no hard wrap without parameter", Options{}, "a\nb", []string{"<p>a\nb</p>"}, []string{"<br"}},
		{"misaka hard-wrap spelling", Options{Parameters: []string{"hard-wrap"}}, "a\nb", []string{"<br>"}, nil},
		{"strikethrough off", Options{}, "~~x~~", []string{"~~x~~"}, []string{"<del>"}},
		{"tables keep rows and alignment", Options{Extensions: []string{"tables"}}, "| a | b |\n|:--|--:|\n| 1 | 2 |",
			[]string{"<table>", "<tr>", `<th align="left">a</th>`, `<td align="right">2</td>`}, []string{"style="}},
		{"footnotes", Options{Extensions: []string{"footnotes"}}, "x[^1]\n\n[^1]: note",
			[]string{"<sup>", "note"}, []string{"id=", "class=", "role="}},
		{"task lists drop the checkbox", Options{Extensions: []string{"task_lists"}}, "- [x] done",
			[]string{"<li>", "done"}, []string{"<input"}},
		{"extra element", Options{AllowedElements: []string{"u"}, RawHTML: true}, "<u>x</u>", []string{"<p><u>x</u></p>"}, nil},
		{"escape flag beats raw html", Options{RawHTML: true, Parameters: []string{"escape"}}, "<b>x</b>",
			[]string{"&lt;b&gt;"}, []string{"<b>"}},
		{"user rel is merged", Options{RawHTML: true, AllowedAttributes: []string{"rel"}},
			`<a href="http://x.org/" rel="ugc NOFOLLOW">x</a>`, []string{`rel="ugc NOFOLLOW noopener"`}, nil},
		{"unclosed raw tags are balanced", Options{RawHTML: true}, "<blockquote>open", []string{"</blockquote>"}, nil},
		{"stray closing tags dropped", Options{RawHTML: true}, "x</ul></div></li>", []string{"<p>x</p>"}, []string{"</ul>", "</li>"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := string(mustNew(t, tc.opts).Render(tc.in))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Render(%q) = %q, want it to contain %q", tc.in, got, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("Render(%q) = %q, must not contain %q", tc.in, got, w)
				}
			}
		})
	}
}

func TestRender_ArticleConfig(t *testing.T) {
	r := mustNew(t, articleConfig)
	cases := []struct{ name, in, want string }{
		{"image with size", `<img src="https://example.org/a.png" width="100" height="50">`,
			`<p><img src="https://example.org/a.png" width="100" height="50"></p>`},
		{"underline italic bold", "<u>u</u> <i>i</i> <b>b</b>", "<p><u>u</u> <i>i</i> <b>b</b></p>"},
		{"markdown image keeps src only", "![alt](https://example.org/a.png)", `<p><img src="https://example.org/a.png"></p>`},
		{"image javascript src dropped", `<img src="javascript:alert(1)" width="1">`, `<p><img width="1"></p>`},
		{"bare url linked", "go to https://example.org", `<p>go to <a href="https://example.org" rel="nofollow noopener">https://example.org</a></p>`},
		{"div still stripped", "<div>x</div>", "<p>x</p>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(r.Render(tc.in)); got != tc.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}
