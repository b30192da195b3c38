// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package httputil

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// GO-2026-4976 (CVE-2026-39825): ReverseProxy must not forward query
// parameters that url.ParseQuery refused to parse because the query has more
// than urlmaxqueryparams parameters, so Rewrite never saw them.
func TestReverseProxyQueryParamsOverLimit(t *testing.T) {
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.URL.RawQuery)
	}))
	defer backend.Close()
	backendURL, err := url.Parse(backend.URL)
	if err != nil {
		t.Fatal(err)
	}
	var sawHidden bool
	proxy := &ReverseProxy{
		Rewrite: func(r *ProxyRequest) {
			sawHidden = r.In.URL.Query().Has("hidden")
			r.SetURL(backendURL)
		},
	}
	frontend := httptest.NewServer(proxy)
	defer frontend.Close()

	over := strings.Repeat("a=x&", 10000) + "hidden=y"
	for _, tt := range []struct {
		godebug string
		query   string
		want    string
	}{
		// Within the default limit: forwarded untouched.
		{"", "b=2&a=1", "b=2&a=1"},
		{"", strings.Repeat("a=x&", 9999) + "hidden=y", strings.Repeat("a=x&", 9999) + "hidden=y"},
		// Over it: ParseQuery sees nothing, so nothing is forwarded.
		{"", over, ""},
		// With an explicit setting the query is always re-encoded.
		{"urlmaxqueryparams=3", "b=2&a=1", "a=1&b=2"},
		{"urlmaxqueryparams=3", "b=2&a=1&hidden=y", ""},
		{"urlmaxqueryparams=0", "a=x&a=x&hidden=y", "a=x&a=x&hidden=y"},
	} {
		t.Setenv("GODEBUG", tt.godebug)
		sawHidden = false
		res, err := frontend.Client().Get(frontend.URL + "/?" + tt.query)
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if got := string(body); got != tt.want {
			t.Errorf("GODEBUG=%q: query of %d bytes forwarded as %.40q (%d bytes), want %.40q (%d bytes)",
				tt.godebug, len(tt.query), got, len(got), tt.want, len(tt.want))
		}
		if !sawHidden && strings.Contains(string(body), "hidden=y") {
			t.Errorf("GODEBUG=%q: backend received hidden=y, which Rewrite could not see", tt.godebug)
		}
	}

	// cleanQueryParams on its own.
	t.Setenv("GODEBUG", "")
	if got := cleanQueryParams(over); got != "" {
		t.Errorf("cleanQueryParams(10001 params) = %.40q, want \"\"", got)
	}
	if q := strings.Repeat("a=x&", 9999) + "a=x"; cleanQueryParams(q) != q {
		t.Errorf("cleanQueryParams(10000 params) changed the query")
	}
}

// GO-2026-6605 (CVE-2026-56866): ReverseProxy must answer a CONNECT request itself with
// 405 Method Not Allowed (or through its ErrorHandler) and never forward it
// to the backend over the shared Transport.
func TestBackportReverseProxyRejectsConnect(t *testing.T) {
	var backendHits atomic.Int32
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		backendHits.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer backend.Close()
	backendURL, err := url.Parse(backend.URL)
	if err != nil {
		t.Fatal(err)
	}

	newConnect := func() *http.Request {
		req := httptest.NewRequest("CONNECT", "http://frontend.example/", strings.NewReader("body"))
		req.Host = "backend.example:443"
		return req
	}

	// Without an ErrorHandler: a 405 reply.
	for _, p := range []*ReverseProxy{
		{Rewrite: func(r *ProxyRequest) { r.SetURL(backendURL) }},
		NewSingleHostReverseProxy(backendURL),
	} {
		p.ErrorLog = log.New(io.Discard, "", 0)
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, newConnect())
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("CONNECT through ReverseProxy: status %d, want %d", rec.Code, http.StatusMethodNotAllowed)
		}
	}

	// With an ErrorHandler: it gets the error and writes the reply.
	var gotErr error
	p := &ReverseProxy{
		Rewrite: func(r *ProxyRequest) { r.SetURL(backendURL) },
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			gotErr = err
			w.WriteHeader(http.StatusTeapot)
		},
	}
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, newConnect())
	if rec.Code != http.StatusTeapot {
		t.Errorf("CONNECT with ErrorHandler: status %d, want %d", rec.Code, http.StatusTeapot)
	}
	if want := "client sent unsupported CONNECT request"; gotErr == nil || gotErr.Error() != want {
		t.Errorf("CONNECT with ErrorHandler: error %v, want %q", gotErr, want)
	}

	if n := backendHits.Load(); n != 0 {
		t.Errorf("backend received %d requests, want 0", n)
	}
}
