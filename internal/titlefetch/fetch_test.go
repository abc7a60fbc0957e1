package titlefetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const example = `<article><header><h1>T</h1></header><div id="isso-thread"></div></article>`

// site serves a fixed set of paths and records each request's URI and
// User-Agent, so tests can check where the fetcher went.
type site struct {
	*httptest.Server
	mu   sync.Mutex
	seen []string
}

// requests returns and forgets the recorded requests.
func (s *site) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := s.seen
	s.seen = nil
	return seen
}

func newSite(t *testing.T, routes map[string]http.HandlerFunc) *site {
	t.Helper()
	s := &site{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.seen = append(s.seen, r.URL.RequestURI()+" "+r.UserAgent())
		s.mu.Unlock()
		h, ok := routes[r.URL.RequestURI()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func page(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, body) }
}

func redirect(status int, location string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if location != "" {
			w.Header().Set("Location", location)
		}
		w.WriteHeader(status)
	}
}

func TestTitle(t *testing.T) {
	huge := example + strings.Repeat("<p>filler</p>", 1<<17)
	routes := map[string]http.HandlerFunc{
		"/example":              page(example),
		"/titled":               page(`<div id="isso-thread" data-title="Hello%20World"></div>`),
		"/custom-id":            page(`<h1>T</h1><div id="isso-thread" data-isso-id="%2Fblog%2Fmy%20post"></div>`),
		"/plain":                page(`<p>nothing here</p>`),
		"/moved":                redirect(http.StatusMovedPermanently, "https://elsewhere.invalid/target?x=1#frag"),
		"/target?x=1":           page(example),
		"/moved-twice":          redirect(http.StatusMovedPermanently, "/moved"),
		"/loop1":                redirect(http.StatusMovedPermanently, "/loop2"),
		"/loop2":                redirect(http.StatusMovedPermanently, "/loop3"),
		"/loop3":                redirect(http.StatusMovedPermanently, "/example"),
		"/moved-nowhere":        redirect(http.StatusMovedPermanently, ""),
		"/found":                redirect(http.StatusFound, "/example"),
		"/error":                func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusInternalServerError) },
		"/huge":                 page(huge),
		"/huge-late":            page(strings.Repeat("<p>filler</p>", 1<<17) + example),
		"//elsewhere.invalid/x": page(`<div id="isso-thread" data-title="still home"></div>`),
	}
	srv := newSite(t, routes)

	tests := []struct {
		name     string
		opts     Options
		uri      string
		title    string
		newURI   string
		wantErr  bool
		wantSeen []string
	}{
		{name: "isso-compat example", uri: "/example", title: "T", wantSeen: []string{"/example " + DefaultUserAgent}},
		{name: "custom user agent", opts: Options{UserAgent: "test/1"}, uri: "/example", title: "T", wantSeen: []string{"/example test/1"}},
		{name: "data-title", uri: "/titled", title: "Hello World"},
		{name: "data-isso-id", uri: "/custom-id", title: "T", newURI: "/blog/my post"},
		{name: "no thread element", uri: "/plain", title: Untitled},
		{name: "301 path and query followed on the same origin", uri: "/moved", title: "T",
			wantSeen: []string{"/moved " + DefaultUserAgent, "/target?x=1 " + DefaultUserAgent}},
		{name: "two 301s followed", uri: "/moved-twice", title: "T"},
		{name: "third 301 is an error", uri: "/loop1", wantErr: true},
		{name: "301 without Location", uri: "/moved-nowhere", wantErr: true},
		{name: "302 not followed", uri: "/found", wantErr: true, wantSeen: []string{"/found " + DefaultUserAgent}},
		{name: "302 not followed by an injected client", opts: Options{Client: &http.Client{}}, uri: "/found", wantErr: true},
		{name: "404", uri: "/missing", wantErr: true},
		{name: "500", uri: "/error", wantErr: true},
		{name: "huge page cut without error", opts: Options{MaxBytes: 4096}, uri: "/huge", title: "T"},
		{name: "content past MaxBytes is not seen", opts: Options{MaxBytes: 4096}, uri: "/huge-late", title: Untitled},
		{name: "default MaxBytes reads 1 MiB", uri: "/huge", title: "T"},
		{name: "double slash stays a path", uri: "//elsewhere.invalid/x", title: "still home"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv.requests()
			title, newURI, err := New(tc.opts).Title(context.Background(), srv.URL, tc.uri)
			if tc.wantErr {
				if err == nil || !strings.HasPrefix(err.Error(), "titlefetch: ") {
					t.Fatalf("Title = (%q, %q, %v), want a titlefetch error", title, newURI, err)
				}
			} else if err != nil || title != tc.title || newURI != tc.newURI {
				t.Fatalf("Title = (%q, %q, %v), want (%q, %q, nil)", title, newURI, err, tc.title, tc.newURI)
			}
			if seen := srv.requests(); tc.wantSeen != nil && strings.Join(seen, "|") != strings.Join(tc.wantSeen, "|") {
				t.Errorf("requests = %q, want %q", seen, tc.wantSeen)
			}
		})
	}
}

func TestTitle_Refuses(t *testing.T) {
	tests := []struct{ name, origin, uri string }{
		{"ftp origin", "ftp://blog.example", "/x"},
		{"origin without scheme", "blog.example", "/x"},
		{"empty origin", "", "/x"},
		{"origin without host", "https://", "/x"},
		{"origin with user info", "https://u:p@blog.example", "/x"},
		{"origin with path", "https://blog.example/sub", "/x"},
		{"relative uri", "https://blog.example", "x"},
		{"empty uri", "https://blog.example", ""},
		{"absolute uri", "https://blog.example", "https://evil.example/"},
	}
	// No server: a refused call must not reach the network, so a client
	// that fails every request proves it.
	client := &http.Client{Transport: failTransport{t}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := New(Options{Client: client}).Title(context.Background(), tc.origin, tc.uri)
			if err == nil || !strings.HasPrefix(err.Error(), "titlefetch: ") {
				t.Fatalf("Title(%q, %q) error = %v, want a titlefetch error", tc.origin, tc.uri, err)
			}
		})
	}
}

type failTransport struct{ t *testing.T }

func (f failTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("unexpected request to %s", r.URL)
	return nil, errors.New("no network in this test")
}

// slowSite answers only when the request is abandoned, and reports each
// request's arrival on started.
func slowSite(t *testing.T) (*httptest.Server, <-chan struct{}) {
	t.Helper()
	started := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	return srv, started
}

func TestTitle_Timeout(t *testing.T) {
	srv, _ := slowSite(t)
	f := New(Options{Client: &http.Client{Timeout: 200 * time.Millisecond}})
	if _, _, err := f.Title(context.Background(), srv.URL, "/slow"); err == nil {
		t.Fatal("Title on a slow server succeeded, want a timeout error")
	}
}

func TestTitle_Cancel(t *testing.T) {
	t.Run("before the request", func(t *testing.T) {
		srv, _ := slowSite(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, _, err := New(Options{}).Title(ctx, srv.URL, "/slow")
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Title error = %v, want context.Canceled", err)
		}
	})
	t.Run("during the request", func(t *testing.T) {
		srv, started := slowSite(t)
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			<-started
			cancel()
		}()
		_, _, err := New(Options{}).Title(ctx, srv.URL, "/slow")
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Title error = %v, want context.Canceled", err)
		}
	})
}
