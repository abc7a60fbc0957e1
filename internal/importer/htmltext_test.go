package importer

import (
	"strings"
	"testing"
)

func TestHTMLToMarkdown(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>One</p><p>Two<br>lines</p>", "One\n\nTwo  \nlines"},
		{"entities decoded, markup-looking text escaped", "<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b</p>",
			"a &lt;script>alert(1)&lt;/script> & b"},
		{"script dropped", `<p>hi<script>alert(1)</script></p><style>p{}</style>`, "hi"},
		{"handlers and images dropped", `<p onclick="x()">x<img src=x onerror=alert(1)></p>`, "x"},
		{"safe link kept", `<a href="https://example.org/a b">site</a>`, "[site](https://example.org/a%20b)"},
		{"unsafe link text only", `<a href="javascript:alert(1)">click</a>`, "click"},
		{"emphasis and code", "<b>bold</b> <i>it</i> <code>x()</code>", "**bold** *it* `x()`"},
		{"quote", "<blockquote><p>quoted</p><p>more</p></blockquote><p>reply</p>", "> quoted\n>\n> more\n\nreply"},
		{"pre keeps spaces", "<pre>  a\n    b</pre>", "```\n  a\n    b\n```"},
		{"unicode kept", "<p>日本語のコメント 👍 مرحبا</p>", "日本語のコメント 👍 مرحبا"},
		{"whitespace collapsed", "<p>  a\n  b  </p>", "a b"},
		{"no-break and ideographic spaces kept", "<p>10&nbsp;km　先</p>", "10\u00a0km\u3000先"},
		{"unclosed quote", "<blockquote>open", "> open"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := htmlToMarkdown(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestHTMLToMarkdown_NothingExecutable(t *testing.T) {
	hostile := `<p><a href="java&#x09;script:alert(1)">x</a><iframe src=//evil></iframe>` +
		`<svg onload=alert(1)><script>alert(2)</script></svg>&lt;img src=x onerror=alert(3)&gt;</p>`
	got := htmlToMarkdown(hostile)
	for _, bad := range []string{"<script", "<img", "<iframe", "<svg", "javascript"} {
		if strings.Contains(strings.ToLower(got), bad) {
			t.Errorf("%q survived in %q", bad, got)
		}
	}
}
