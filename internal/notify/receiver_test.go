package notify

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
)

// request is one request a receiver got.
type request struct {
	Method, Path string
	Query        url.Values
	Header       http.Header
	Body         string
}

// receiver is a local HTTP endpoint standing in for a push API. answer
// decides each reply from the request's sequence number (1-based).
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	got    []request
	Got    chan request
	answer func(n int, w http.ResponseWriter)
}

func newReceiver(t *testing.T, answer func(n int, w http.ResponseWriter)) *receiver {
	t.Helper()
	rc := &receiver{Got: make(chan request, 64), answer: answer}
	if rc.answer == nil {
		rc.answer = func(int, http.ResponseWriter) {}
	}
	rc.Server = httptest.NewServer(http.HandlerFunc(rc.serve))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: string(body)}
	rc.mu.Lock()
	rc.got = append(rc.got, req)
	n := len(rc.got)
	rc.mu.Unlock()
	rc.Got <- req
	w.Header().Set("Content-Type", "application/json")
	rc.answer(n, w)
	if w.Header().Get("X-Answered") == "" {
		io.WriteString(w, `{"code":0,"errcode":0,"ok":true}`)
	}
}

// count is how many requests arrived so far.
func (rc *receiver) count() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return len(rc.got)
}

// requests returns the requests so far.
func (rc *receiver) requests() []request {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]request(nil), rc.got...)
}

// status answers with code and a body of its own.
func status(w http.ResponseWriter, code int, body string) {
	w.Header().Set("X-Answered", "1")
	w.WriteHeader(code)
	io.WriteString(w, body)
}
