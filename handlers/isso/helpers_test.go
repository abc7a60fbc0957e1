package isso_test

import (
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/natter/natter/internal/testsite"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// baseConfig keeps the guard out of the way unless a test wants it.
const baseConfig = "[general]\nhost = http://blog.example\n" +
	"[guard]\nratelimit = 100\ndirect-reply = 100\nreply-to-self = true\n"

func newSite(t *testing.T, extra string) *testsite.Site {
	t.Helper()
	return testsite.New(t, testsite.Options{Config: mergeConfig(baseConfig, extra)})
}

// mergeConfig appends extra sections; a repeated option wins because the
// later section occurrence is merged over the earlier one. To stay on the
// safe side options of a repeated section are merged here textually.
func mergeConfig(base, extra string) string {
	type sec struct {
		name string
		opts []string
	}
	var order []*sec
	byName := map[string]*sec{}
	add := func(text string) {
		var cur *sec
		for _, line := range strings.Split(text, "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			if line[0] == ' ' || line[0] == '\t' { // continuation of a multi-line value
				cur.opts[len(cur.opts)-1] += "\n" + line
				continue
			}
			line = strings.TrimSpace(line)
			if strings.HasPrefix(line, "[") {
				name := line
				if byName[name] == nil {
					byName[name] = &sec{name: name}
					order = append(order, byName[name])
				}
				cur = byName[name]
				continue
			}
			key := strings.TrimSpace(strings.SplitN(line, "=", 2)[0])
			replaced := false
			for i, o := range cur.opts {
				if strings.TrimSpace(strings.SplitN(o, "=", 2)[0]) == key {
					cur.opts[i], replaced = line, true
				}
			}
			if !replaced {
				cur.opts = append(cur.opts, line)
			}
		}
	}
	add(base)
	add(extra)
	var b strings.Builder
	for _, s := range order {
		b.WriteString(s.name + "\n")
		for _, o := range s.opts {
			b.WriteString(o + "\n")
		}
	}
	return b.String()
}

// req describes one request.
type req struct {
	method  string
	path    string
	body    string
	headers map[string]string
	cookies []*http.Cookie
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) String() string { return strconv.Itoa(r.status) + " " + string(r.body) }

func do(t *testing.T, s *testsite.Site, r req) resp {
	t.Helper()
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	hr := httptest.NewRequest(r.method, "http://natter.test"+r.path, body)
	for k, v := range r.headers {
		if v == "" {
			hr.Header.Del(k)
			continue
		}
		hr.Header.Set(k, v)
	}
	for _, c := range r.cookies {
		hr.AddCookie(c)
	}
	res, err := s.App.Test(hr, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp{status: res.StatusCode, header: res.Header, body: b}
}

func get(t *testing.T, s *testsite.Site, path string) resp {
	t.Helper()
	return do(t, s, req{method: http.MethodGet, path: path})
}

var jsonCT = map[string]string{"Content-Type": "application/json"}

// post creates a comment and fails the test unless it is accepted.
func post(t *testing.T, s *testsite.Site, uri string, body map[string]any) (map[string]any, *http.Cookie) {
	t.Helper()
	r := postRaw(t, s, uri, body, nil)
	if r.status != http.StatusCreated && r.status != http.StatusAccepted {
		t.Fatalf("POST /new: %s", r)
	}
	return object(t, r.body), editCookie(t, r)
}

func postRaw(t *testing.T, s *testsite.Site, uri string, body map[string]any, headers map[string]string) resp {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	h := map[string]string{"Content-Type": "application/json"}
	for k, v := range headers {
		h[k] = v
	}
	return do(t, s, req{method: http.MethodPost, path: "/new?uri=" + uri, body: string(b), headers: h})
}

// editCookie returns the <id> cookie of a response.
func editCookie(t *testing.T, r resp) *http.Cookie {
	t.Helper()
	for _, line := range r.header.Values("Set-Cookie") {
		c, err := http.ParseSetCookie(line)
		if err == nil && !strings.HasPrefix(c.Name, "isso-") {
			return &http.Cookie{Name: c.Name, Value: c.Value}
		}
	}
	return nil
}

func object(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not a JSON object: %v: %s", err, b)
	}
	return m
}

func decode(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not JSON: %v: %s", err, b)
	}
	return v
}

func idOf(t *testing.T, m map[string]any) int {
	t.Helper()
	f, ok := m["id"].(float64)
	if !ok {
		t.Fatalf("no id in %v", m)
	}
	return int(f)
}

// tick moves the test clock so consecutive comments differ in created.
func tick(s *testsite.Site) { s.Clock.Advance(time.Second) }
