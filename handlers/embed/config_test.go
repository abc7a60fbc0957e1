package embed_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/natter/natter/internal/testsite"
)

func TestEmbedSiteDefaultLanguage(t *testing.T) {
	tests := []struct {
		name, config, acceptLang, query, want string
	}{
		{"site default when the browser names nothing known", "[natter]\nlang = zh-CN\n", "xx", "", "条评论"},
		{"browser before site default", "[natter]\nlang = zh-CN\n", "en-GB", "", "0 comments"},
		{"snippet before browser", "[natter]\nlang = en\n", "en", "&lang=zh-CN", "条评论"},
		{"English without a setting", "", "xx", "", "0 comments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newEmbedSite(t, tt.config)
			r := edo(t, s, "GET", "/embed/counts?uri=/a"+tt.query, "", "Origin", blog, "Accept-Language", tt.acceptLang)
			if r.StatusCode != 200 || !strings.Contains(r.body, tt.want) {
				t.Errorf("got %d %s, want %q", r.StatusCode, r.body, tt.want)
			}
		})
	}
}

func TestIssoClientFolder(t *testing.T) {
	dir := t.TempDir()
	const script = "/* Isso's own client, as the owner built it */"
	if err := os.WriteFile(filepath.Join(dir, "embed.min.js"), []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	s := newEmbedSite(t, "[natter]\nisso-client = "+dir+"\n")
	r := edo(t, s, "GET", "/js/embed.min.js", "", "Origin", blog)
	if r.StatusCode != 200 || r.body != script {
		t.Fatalf("Isso's client not served: %d %q", r.StatusCode, r.body)
	}
	if r.Header.Get("Access-Control-Allow-Origin") != blog {
		t.Errorf("Isso's static files carry CORS headers; got %v", r.Header)
	}
	if r := edo(t, s, "GET", "/embed.js", "", "Origin", blog); !strings.Contains(r.body, "/static/htmx.min.") {
		t.Error("Natter's own loader must stay at /embed.js")
	}
}

func TestIssoClientFolderMustHoldTheClient(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a folder without embed.min.js was accepted")
		}
	}()
	// testsite fails the test on a construction error; run it under a
	// recorder that turns Fatal into a panic.
	testsite.New(panicTB{t}, testsite.Options{Config: "[general]\nhost = " + blog + "\n[natter]\nisso-client = " + t.TempDir() + "\n"})
}

type panicTB struct{ *testing.T }

func (p panicTB) Fatal(args ...any)                 { panic("fatal") }
func (p panicTB) Fatalf(format string, args ...any) { panic("fatal") }
