package markup

import "testing"

// TestRender_LikeIsso014 pins answers recorded from Isso 0.14: with
// mistune's escape parameter (Isso's default) entity references are shown
// as typed, double quotes come out as &quot;, and indented code has no
// trailing newline inside <code>.
func TestRender_LikeIsso014(t *testing.T) {
	noEscape := Options{Extensions: mistuneDefaults.Extensions, Parameters: []string{"hard_wrap"}}
	cases := []struct {
		name string
		opts Options
		in   string
		want string
	}{
		{"entities shown as typed", mistuneDefaults, `&amp; &copy; < > " '`, `<p>&amp;amp; &amp;copy; &lt; &gt; &quot; '</p>`},
		{"numeric references shown as typed", mistuneDefaults, "&#60;b&#62; &#x41;", "<p>&amp;#60;b&amp;#62; &amp;#x41;</p>"},
		{"entity inside emphasis", mistuneDefaults, "**&amp;**", "<p><strong>&amp;amp;</strong></p>"},
		{"entity in a code span", mistuneDefaults, "`&amp;`", "<p><code>&amp;amp;</code></p>"},
		{"backslash escapes still apply", mistuneDefaults, `\*not em\* \&copy;`, "<p>*not em* &amp;copy;</p>"},
		{"bare ampersand", mistuneDefaults, "fish & chips", "<p>fish &amp; chips</p>"},
		{"entity in a link label", mistuneDefaults, "[&copy;](http://x.org/)", `<p><a href="http://x.org/" rel="nofollow noopener">&amp;copy;</a></p>`},
		{"NUL replaced", mistuneDefaults, "a\x00b", "<p>a\ufffdb</p>"},
		{"mistune without escape decodes", noEscape, "&amp; &copy;", "<p>&amp; ©</p>"},
		{"misaka decodes", articleConfig, "&amp; &copy; \"", "<p>&amp; © &quot;</p>"},
		{"indented code, one line", mistuneDefaults, "    x = 1", "<p></p><pre><code>x = 1</code></pre><p></p>"},
		{"indented code, lines", mistuneDefaults, "    a\n    b", "<p></p><pre><code>a\nb</code></pre><p></p>"},
		{"indented code, blank line inside", mistuneDefaults, "    a\n\n    b\n", "<p></p><pre><code>a\n\nb</code></pre><p></p>"},
		{"indented code escapes", mistuneDefaults, "    <b>&amp;</b>", "<p></p><pre><code>&lt;b&gt;&amp;amp;&lt;/b&gt;</code></pre><p></p>"},
		{"indented code after text", mistuneDefaults, "text\n\n    code", "<p>text</p>\n<pre><code>code</code></pre>"},
		{"fenced code keeps its newline", mistuneDefaults, "```\nx\n```", "<p></p><pre><code>x\n</code></pre><p></p>"},
		{"misaka indented code keeps its newline", articleConfig, "    x", "<p></p><pre><code>x\n</code></pre><p></p>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(mustNew(t, tc.opts).Render(tc.in)); got != tc.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}
