package config

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

// FuzzLoad feeds arbitrary files through the whole loader (parser,
// interpolation, environment, decoding, validation). It must never panic;
// a file loads or is refused with located problems; and what loads prints
// (WriteEffective) a listing that loads back to the same listing. Secret
// files are stubbed, so a fuzzed "-file" key never reads the machine's
// files.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		minimal,
		"[general]\nhost =\n    http://a.example\n    https://b.example:8443/\nmax-age = 1h30m\n[guard]\nratelimit = 2\n",
		"[DEFAULT]\nbase = /var/lib\n[general]\ndbpath = %(base)s/comments.db\nhost = $HOST\n",
		"[server]\nlisten = unix:///run/natter.sock\n[admin]\nenabled = true\npassword-file = secret\n",
		"[markup]\noptions = strikethrough, autolink\nallowed-elements = img\n[markup.misaka]\nflags = hard-wrap\n",
		"[general]\nhost = http://x.example ; comment\n[general]\nnotify = smtp\n",
		"key = outside\n[natter]\nlang = zh_CN\ndatabase = postgres://u:p@h/db\n",
	} {
		f.Add([]byte(s))
	}
	if data, err := os.ReadFile("testdata/article.cfg"); err == nil {
		f.Add(data)
	}
	fakeSecret := func(string) ([]byte, error) { return []byte("fuzzed-secret\n"), nil }
	env := []string{"HOST=http://env.example", "NATTER_GENERAL_GRAVATAR=true"}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, _, err := loadWith("/fuzz/isso.cfg", data, env, fakeSecret)
		if err != nil {
			var e *Error
			if c != nil || !errors.As(err, &e) || len(e.Problems) == 0 {
				t.Fatalf("refusal without problems: cfg %v, err %v", c != nil, err)
			}
			return
		}
		if c == nil {
			t.Fatal("no configuration and no error")
		}
		var first bytes.Buffer
		if err := c.WriteEffective(&first); err != nil {
			t.Fatal(err)
		}
		again, _, err := loadWith("/fuzz/isso.cfg", first.Bytes(), env, fakeSecret)
		if err != nil {
			t.Fatalf("effective listing does not load: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := again.WriteEffective(&second); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("listing changes on reload:\n%s\n---\n%s", first.Bytes(), second.Bytes())
		}
	})
}
