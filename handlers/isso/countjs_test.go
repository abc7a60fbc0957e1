package isso_test

import (
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/natter/natter/internal/i18n"
)

// TestCountLoader_IssoTexts runs the count loader Natter serves at
// /js/count.min.js (in Node, on a stub page): counter links follow the
// page's data-isso-* i18n settings as Isso's client does.
func TestCountLoader_IssoTexts(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	s := newSite(t, "")
	loader := filepath.Join(t.TempDir(), "count.min.js")
	if err := os.WriteFile(loader, get(t, s, "/js/count.min.js").body, 0o644); err != nil {
		t.Fatal(err)
	}
	isso := func(attrs map[string]string) map[string]string {
		out := map[string]string{"src": "https://c.example/js/count.min.js"}
		for k, v := range attrs {
			out[k] = v
		}
		return out
	}
	links := []map[string]any{{"href": "/a/#isso-thread"}, {"href": "/b/#isso-thread"}, {"href": "/c/#isso-thread"}}
	res := map[string]any{"counts": []int{0, 1, 2}, "labels": []string{"L0", "L1", "L2"}}
	tests := []struct {
		name      string
		scripts   []map[string]string
		languages []string
		links     []map[string]any
		wantLang  string
		want      []string
	}{
		{"English reader: Isso's English", []map[string]string{isso(nil)}, []string{"en-US"}, links, "en",
			[]string{"0 Comments", "One Comment", "2 Comments"}},
		{"page text for English", []map[string]string{isso(map[string]string{"data-isso-num-comments-text-en": `One reply\n{{ n }} replies`})},
			[]string{"en"}, links, "en", []string{"0 replies", "One reply", "2 replies"}},
		{"page text on another script", []map[string]string{{"data-isso-num-comments-text-en": `{{n}} x`}, isso(nil)},
			[]string{"en"}, links, "en", []string{"0 x", "1 x", "2 x"}},
		{"forced language with page text", []map[string]string{isso(map[string]string{"data-isso-lang": "de",
			"data-isso-num-comments-text-de": `Ein Kommentar\n{{ n }} Kommentare`})}, []string{"en"}, links, "de",
			[]string{"0 Kommentare", "Ein Kommentar", "2 Kommentare"}},
		{"German reader, no page text: Natter's label", []map[string]string{isso(nil)}, []string{"de-AT", "en"}, links, "de",
			[]string{"L0", "L1", "L2"}},
		{"Chinese reader", []map[string]string{isso(nil)}, []string{"zh-CN"}, links, "zh-cn", []string{"L0", "L1", "L2"}},
		{"French page text, 0 is singular", []map[string]string{isso(map[string]string{"data-isso-num-comments-text-fr": `{{ n }} commentaire\n{{ n }} commentaires`})},
			[]string{"fr"}, links, "fr", []string{"0 commentaire", "1 commentaire", "2 commentaires"}},
		{"default-lang when the browser's is unknown", []map[string]string{isso(map[string]string{"data-isso-default-lang": "es"})},
			[]string{"xx"}, links, "es", []string{"L0", "L1", "L2"}},
		{"nothing known: the server decides", []map[string]string{isso(nil)}, []string{"xx"}, links, "", []string{"L0", "L1", "L2"}},
		{"Natter counters keep Natter's label", []map[string]string{isso(nil)}, []string{"en"},
			[]map[string]any{{"href": "/a/#comments", "attrs": map[string]string{"data-natter-count": "/a/"}}, {"href": "/b/#isso-thread"}},
			"en", []string{"L0", "One Comment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scripts := make([]map[string]any, len(tt.scripts))
			for i, a := range tt.scripts {
				scripts[i] = map[string]any{"attrs": a, "src": a["src"]}
			}
			spec := map[string]any{"page": "https://blog.example/", "scripts": scripts, "me": len(scripts) - 1,
				"links": tt.links, "languages": tt.languages, "res": res}
			out, err := exec.Command(node, "testdata/count_harness.js", loader, string(mustJSON(t, spec))).CombinedOutput()
			if err != nil {
				t.Fatalf("node: %v\n%s", err, out)
			}
			var got struct {
				URL   string   `json:"url"`
				Texts []string `json:"texts"`
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			u, err := url.Parse(got.URL)
			if err != nil || !strings.HasPrefix(got.URL, "https://c.example/embed/counts?") {
				t.Fatalf("request %q", got.URL)
			}
			if lang := u.Query().Get("lang"); lang != tt.wantLang {
				t.Errorf("lang = %q, want %q", lang, tt.wantLang)
			}
			if !reflect.DeepEqual(got.Texts, tt.want) {
				t.Errorf("texts %q, want %q", got.Texts, tt.want)
			}
		})
	}
}

// TestCountLoader_KnowsNattersLanguages: the loader's language list is
// internal/i18n's.
func TestCountLoader_KnowsNattersLanguages(t *testing.T) {
	src, err := os.ReadFile("../../static/src/js/count.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`var LANGS = \[([^\]]*)\]`).FindSubmatch(src)
	if m == nil {
		t.Fatal("no LANGS in count.js")
	}
	var got []string
	if err := json.Unmarshal([]byte("["+string(m[1])+"]"), &got); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, tag := range i18n.Tags() {
		want = append(want, strings.ToLower(tag))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("count.js LANGS %q, internal/i18n %q", got, want)
	}
}
