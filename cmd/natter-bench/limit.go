package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/valyala/fasthttp"
)

// captured is one of Natter's responses, kept byte for byte.
type captured struct {
	status int
	header http.Header // as sent, minus what the limit server writes itself
	body   []byte
}

// connectionHeaders are written by any server per connection or per
// response; the limit server sets its own.
var connectionHeaders = []string{"Date", "Content-Length", "Connection", "Keep-Alive", "Transfer-Encoding", "Server"}

// request is what a row asks: method, path and query, headers, body.
type request struct {
	method  string
	path    string
	headers map[string]string
	body    string
}

// do sends r to base with client, which must not decompress (the limit
// serves the encoded bytes).
func (r request) do(ctx context.Context, client *http.Client, base string) (*http.Response, error) {
	var body io.Reader
	if r.body != "" {
		body = bytes.NewBufferString(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, base+r.path, body)
	if err != nil {
		return nil, err
	}
	for k, v := range r.headers {
		req.Header.Set(k, v)
	}
	return client.Do(req)
}

// rawClient keeps Content-Encoding as sent.
func rawClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: time.Minute}
}

// capture asks Natter for r once and keeps the answer.
func capture(ctx context.Context, base string, r request) (captured, error) {
	res, err := r.do(ctx, rawClient(), base)
	if err != nil {
		return captured{}, fmt.Errorf("capture %s: %w", r.path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return captured{}, fmt.Errorf("capture %s: %w", r.path, err)
	}
	h := res.Header.Clone()
	for _, k := range connectionHeaders {
		h.Del(k)
	}
	return captured{status: res.StatusCode, header: h, body: body}, nil
}

// limitServer answers every request with one captured response from
// memory: the physical limit Natter is measured against.
type limitServer struct {
	ln  net.Listener
	srv *fasthttp.Server
}

// startLimit serves c on a free loopback port.
func startLimit(c captured) (*limitServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("limit server: %w", err)
	}
	srv := &fasthttp.Server{
		Handler: func(ctx *fasthttp.RequestCtx) {
			ctx.SetStatusCode(c.status)
			for k, vs := range c.header {
				for _, v := range vs {
					ctx.Response.Header.Add(k, v)
				}
			}
			ctx.SetBody(c.body)
		},
		NoDefaultServerHeader:         true,
		NoDefaultContentType:          true,
		DisableHeaderNamesNormalizing: true,
	}
	go srv.Serve(ln) //nolint:errcheck // returns when Shutdown closes ln
	return &limitServer{ln: ln, srv: srv}, nil
}

func (l *limitServer) url() string { return "http://" + l.ln.Addr().String() }

func (l *limitServer) stop() error { return l.srv.Shutdown() }
