package markup

import "testing"

func FuzzRender(f *testing.F) {
	for _, s := range xssCorpus {
		f.Add(s)
	}
	f.Add("# h\n\n*a* **b** ~~c~~ H~2~O x^2^ [l](http://x.org) <http://y.org>\n\n```go\nx\n```")
	renderers := []*Renderer{mustNew(f, mistuneDefaults), mustNew(f, xssConfigs["everything on"])}
	f.Fuzz(func(t *testing.T, in string) {
		for _, r := range renderers {
			if out := string(r.Render(in)); activeContent(out) != "" {
				t.Fatalf("Render(%q) = %q: active content %s", in, out, activeContent(out))
			}
		}
	})
}
