package markup

import (
	"strings"
	"testing"
)

// xssCorpus is hostile input; every entry must come out inert under every
// configuration, including the raw-HTML one.
var xssCorpus = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
	`<scr<script>ipt>alert(1)</script>`,
	`[x](javascript:alert(1))`,
	`[x](JaVaScRiPt:alert(1))`,
	`[x](javascript&#58;alert(1))`,
	`[x](&#106;avascript:alert(1))`,
	`[x](<java script:alert(1)>)`,
	`[x](vbscript:msgbox(1))`,
	`[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`![x](data:image/svg+xml;base64,PHN2Zz4=)`,
	`![x](javascript:alert(1))`,
	`<javascript:alert(1)>`,
	`[x]: javascript:alert(1)` + "\n\n[x]",
	`<a href="javascript:alert(1)">x</a>`,
	`<a href="jav&#x09;ascript:alert(1)">x</a>`,
	`<a href=" javascript:alert(1)">x</a>`,
	`<a href="data:text/html,<script>alert(1)</script>">x</a>`,
	`<img src=x onerror=alert(1)>`,
	`<img src="x" OnError="alert(1)">`,
	`<svg onload=alert(1)><circle/></svg>`,
	`<svg><script>alert(1)</script></svg>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
	`<object data="javascript:alert(1)"></object>`,
	`<embed src="javascript:alert(1)">`,
	`<form action="javascript:alert(1)"><button>x</button></form>`,
	`<p style="position:fixed;top:0">x</p>`,
	`<b style="background:url(javascript:alert(1))">x</b>`,
	`<b hx-get="/admin/delete" hx-trigger="load">x</b>`,
	`<b data-hx-get="/x" data-foo="1">x</b>`,
	`<b x-data x-init="alert(1)">x</b>`,
	`<b id="location" name="cookie" class="fixed inset-0">x</b>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<base href="javascript:alert(1)//">`,
	`<link rel=stylesheet href=//evil.example/x.css>`,
	`<style>body{display:none}</style>`,
	`<!--<img src=x onerror=alert(1)>-->`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`&#60;script&#62;alert(1)&#60;/script&#62;`,
	"**<img src=x onerror=alert(1)>**",
	"> <script>alert(1)</script>",
	"- [x](javascript:alert(1))\n- <a href=javascript:alert(1)>y</a>",
	"```\n</code></pre><script>alert(1)</script>\n```",
	"`<img src=x onerror=alert(1)>`",
	"[<img src=x onerror=alert(1)>](http://x.org)",
	`[x](http://x.org "title\" onmouseover=\"alert(1)")`,
	`<a href="http://x.org" onclick="alert(1)" target="_blank">x</a>`,
	"x</li></ul></div><script>alert(1)</script>",
}

// xssConfigs are the configurations the corpus is run against.
var xssConfigs = map[string]Options{
	"mistune defaults":   mistuneDefaults,
	"article (raw html)": articleConfig,
	"everything on": {
		RawHTML:           true,
		Extensions:        []string{"strikethrough", "autolink", "tables", "footnotes", "task_lists", "subscript", "superscript"},
		Parameters:        []string{"hard_wrap"},
		AllowedElements:   []string{"img", "u", "span", "abbr"},
		AllowedAttributes: []string{"src", "title", "alt", "rel", "href", "width"},
	},
}

func TestRender_XSSCorpusIsNeutralised(t *testing.T) {
	for cname, o := range xssConfigs {
		r := mustNew(t, o)
		for _, in := range xssCorpus {
			t.Run(cname+"/"+in, func(t *testing.T) {
				if got := string(r.Render(in)); activeContent(got) != "" {
					t.Errorf("Render(%q) = %q: active content %s", in, got, activeContent(got))
				}
			})
		}
	}
}

func TestRender_ScriptTextIsNotExecutable(t *testing.T) {
	got := string(mustNew(t, articleConfig).Render(`<script>alert(1)</script><b>ok</b>`))
	if strings.Contains(got, "<script") || !strings.Contains(got, "<b>ok</b>") {
		t.Errorf("got %q", got)
	}
}

func TestActiveContent_DetectsWhatItGuards(t *testing.T) {
	for _, s := range []string{`<script>x</script>`, `<img src=x onerror=y>`, `<a href=" JavaScript:x">`, `<b style="x">`, `<b hx-get="/x">`, `<svg>`} {
		if activeContent(s) == "" {
			t.Errorf("activeContent(%q) found nothing", s)
		}
	}
	if got := activeContent(`<p>&lt;script&gt; onerror=x javascript:</p>`); got != "" {
		t.Errorf("escaped text flagged: %s", got)
	}
}
