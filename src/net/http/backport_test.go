// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Regression tests for security fixes backported to this Go 1.22 fork.

// std's go.mod says go 1.22, for which httpservecontentmaxranges defaults to
// 1 (GO-2026-6609); upstream's multi-range tests in this package expect the
// limit of 200 that upstream's std, a go 1.26 module, has.
//
//go:debug httpservecontentmaxranges=200

package http_test

import (
	"bufio"
	"fmt"
	"internal/testenv"
	"io"
	"net"
	. "net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
)

// GO-2025-3563 (CVE-2025-22871): a chunked request body whose framing uses a
// bare LF instead of CRLF must be rejected by the server-side body reader.
func TestBackportChunkedBodyBareLF(t *testing.T) {
	for _, body := range []string{
		"1\na\r\n0\r\n\r\n",
		"1;ext\na\r\n0\r\n\r\n",
		"1\r\na\r\n0\n\r\n",
	} {
		raw := "POST / HTTP/1.1\r\n" +
			"Host: example.com\r\n" +
			"Transfer-Encoding: chunked\r\n" +
			"\r\n" + body
		req, err := ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil {
			t.Fatalf("ReadRequest: %v", err)
		}
		got, err := io.ReadAll(req.Body)
		if err == nil {
			t.Errorf("body %q: read %q with no error; want an error", body, got)
		}
	}
}

// GO-2025-3751 (CVE-2025-4673): when the client follows a redirect to a
// different host, Proxy-Authorization and Proxy-Authenticate must be dropped
// together with the other sensitive headers; same-domain redirects keep them.
func TestBackportRedirectStripsProxyAuthHeaders(t *testing.T) {
	sensitive := []string{
		"Authorization",
		"Proxy-Authorization",
		"Proxy-Authenticate",
	}
	seen := map[string]Header{}
	c := &Client{Transport: roundTripFunc(func(r *Request) (*Response, error) {
		seen[r.URL.Host+r.URL.Path] = r.Header.Clone()
		res := &Response{
			StatusCode: StatusOK,
			Header:     Header{},
			Body:       io.NopCloser(strings.NewReader("")),
			Request:    r,
		}
		switch r.URL.Host + r.URL.Path {
		case "example.com/start":
			res.StatusCode = StatusFound
			res.Header.Set("Location", "http://sub.example.com/same")
		case "sub.example.com/same":
			res.StatusCode = StatusFound
			res.Header.Set("Location", "http://other.example/cross")
		}
		return res, nil
	})}
	req, err := NewRequest("GET", "http://example.com/start", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range sensitive {
		req.Header.Set(h, "secret")
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()

	for _, h := range sensitive {
		if got := seen["sub.example.com/same"].Get(h); got != "secret" {
			t.Errorf("redirect to subdomain: %s = %q, want %q", h, got, "secret")
		}
		if got, ok := seen["other.example/cross"][h]; ok {
			t.Errorf("redirect to other host: %s = %q, want no header", h, got)
		}
	}
}

// GO-2025-4012 (CVE-2025-58186): Request.Cookies and Response.Cookies parse
// at most 3000 cookies (counted over all Cookie/Set-Cookie lines) and return
// none when there are more; GODEBUG=httpcookiemaxnum=N changes the limit and
// httpcookiemaxnum=0 removes it.
func TestBackportCookieCountLimit(t *testing.T) {
	const defaultMax = 3000
	repeat := func(s string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = s
		}
		return out
	}
	tests := []struct {
		godebug string
		cookie  []string // Cookie header lines
		set     []string // Set-Cookie header lines
		want    int
	}{
		{"", []string{strings.Repeat("a=1; ", defaultMax-1) + "a=1"}, repeat("a=1", defaultMax), defaultMax},
		{"", []string{strings.Repeat("a=1; ", defaultMax) + "a=1"}, repeat("a=1", defaultMax+1), 0},
		{"", repeat("a=1; b=2", defaultMax/2+1), nil, 0},
		{"httpcookiemaxnum=5", repeat("a=1", 5), repeat("a=1", 5), 5},
		{"httpcookiemaxnum=5", []string{"a=1; a=1; a=1", "a=1; a=1; a=1"}, repeat("a=1", 6), 0},
		{"httpcookiemaxnum=0", []string{strings.Repeat("a=1; ", defaultMax) + "a=1"}, repeat("a=1", defaultMax+1), defaultMax + 1},
		{fmt.Sprintf("httpcookiemaxnum=%d", defaultMax+1), []string{strings.Repeat("a=1; ", defaultMax) + "a=1"}, repeat("a=1", defaultMax+1), defaultMax + 1},
	}
	for i, tt := range tests {
		t.Setenv("GODEBUG", tt.godebug)
		req := &Request{Header: Header{"Cookie": tt.cookie}}
		if got := len(req.Cookies()); got != tt.want {
			t.Errorf("#%d GODEBUG=%q: len(Request.Cookies()) = %d, want %d", i, tt.godebug, got, tt.want)
		}
		if tt.set == nil {
			continue
		}
		res := &Response{Header: Header{"Set-Cookie": tt.set}}
		if got := len(res.Cookies()); got != tt.want {
			t.Errorf("#%d GODEBUG=%q: len(Response.Cookies()) = %d, want %d", i, tt.godebug, got, tt.want)
		}
	}
}

// GO-2025-3503 (CVE-2025-22870): in ProxyFromEnvironment, an IPv6 zone ID
// is part of an address, not a host name, so it must not make the request
// host match a NO_PROXY domain pattern such as "*.example.com".
func TestBackportProxyNoProxyIPv6Zone(t *testing.T) {
	t.Setenv("HTTP_PROXY", "http://proxy.test:3128")
	t.Setenv("HTTPS_PROXY", "")
	t.Setenv("NO_PROXY", "*.example.com,.example.org")
	t.Setenv("REQUEST_METHOD", "")
	for _, k := range []string{"http_proxy", "https_proxy", "no_proxy"} {
		t.Setenv(k, "")
	}
	ResetCachedEnvironment()
	t.Cleanup(ResetCachedEnvironment)

	tests := []struct {
		url       string
		wantProxy bool
	}{
		{"http://www.example.com/", false},
		{"http://www.example.org/", false},
		{"http://[1000::%25.example.com]:123/", true},
		{"http://[1000::%25.example.org]/", true},
		{"http://[fe80::1%25.example.com]/", true},
		{"http://[1000::1]/", true},
		{"http://other.test/", true},
	}
	for _, tt := range tests {
		req, err := NewRequest("GET", tt.url, nil)
		if err != nil {
			t.Fatalf("NewRequest(%q): %v", tt.url, err)
		}
		u, err := ProxyFromEnvironment(req)
		if err != nil {
			t.Fatalf("ProxyFromEnvironment(%q): %v", tt.url, err)
		}
		if got := u != nil; got != tt.wantProxy {
			t.Errorf("ProxyFromEnvironment(%q) = %v; want proxied = %v", tt.url, u, tt.wantProxy)
		}
	}
}

// GO-2026-6609 (CVE-2026-78667): ServeContent ignores a Range header that lists
// more ranges than httpservecontentmaxranges allows and serves the whole
// content. As upstream, the limit is 200 for a program whose go.mod declares go
// 1.26 or later and 1 for older ones, which every module built by this Go 1.22
// is: a request for several ranges gets 200 OK and the whole content, one range
// still 206. GODEBUG=httpservecontentmaxranges=200 restores up to 200 ranges,
// =N allows N and =0 removes the limit.
func TestBackportServeContentMaxRanges(t *testing.T) {
	t.Run("go1.22 module", testServeContentRangesGo122Module)
	t.Run("GODEBUG", testServeContentRangesGODEBUG)
}

// rangesProgram serves a Range header of each number of ranges in its
// arguments and prints the answer, then how often the non-default limit
// decided an answer.
const rangesProgram = `package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

func main() {
	content := strings.Repeat("x", 1000)
	for _, arg := range os.Args[1:] {
		n, _ := strconv.Atoi(arg)
		req := httptest.NewRequest("GET", "/f", nil)
		req.Header.Set("Range", "bytes="+strings.Repeat("0-0,", n-1)+"0-0")
		rec := httptest.NewRecorder()
		http.ServeContent(rec, req, "f", time.Time{}, strings.NewReader(content))
		fmt.Printf("%d ranges: %d, whole content %v\n", n, rec.Code, rec.Body.String() == content)
	}
	s := []metrics.Sample{{Name: "/godebug/non-default-behavior/httpservecontentmaxranges:events"}}
	metrics.Read(s)
	fmt.Printf("non-default: %d\n", s[0].Value.Uint64())
}
`

// testServeContentRangesGo122Module builds a program in a module declaring go
// 1.22 and checks its answers with GODEBUG unset and set to the way out.
// (This test binary cannot show the default: std's go.mod says 1.22 too, so
// the //go:debug line of this file sets 200 for upstream's range tests.)
func testServeContentRangesGo122Module(t *testing.T) {
	testenv.MustHaveGoBuild(t)
	dir := t.TempDir()
	for name, text := range map[string]string{"go.mod": "module ranges\n\ngo 1.22\n", "main.go": rangesProgram} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GODEBUG=") && !strings.HasPrefix(kv, "GOFLAGS=") {
			env = append(env, kv)
		}
	}
	exe := filepath.Join(dir, "ranges")
	build := testenv.Command(t, testenv.GoToolPath(t), "build", "-o", exe, ".")
	build.Dir, build.Env = dir, append(env, "GO111MODULE=on", "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	tests := []struct {
		godebug string
		want    string
	}{
		{"", `1 ranges: 206, whole content false
2 ranges: 200, whole content true
200 ranges: 200, whole content true
201 ranges: 200, whole content true
non-default: 2
`},
		{"httpservecontentmaxranges=200", `1 ranges: 206, whole content false
2 ranges: 206, whole content false
200 ranges: 206, whole content false
201 ranges: 200, whole content true
non-default: 0
`},
	}
	for _, tt := range tests {
		cmd := testenv.Command(t, exe, "1", "2", "200", "201")
		cmd.Env = append(env, "GODEBUG="+tt.godebug)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("GODEBUG=%q: %v\n%s", tt.godebug, err, out)
		}
		if string(out) != tt.want {
			t.Errorf("go 1.22 module, GODEBUG=%q:\n%s\nwant:\n%s", tt.godebug, out, tt.want)
		}
	}
}

// testServeContentRangesGODEBUG checks each value of the setting in this
// process, and when the non-default metric counts an answer: whenever the
// limit decides it otherwise than 200 would.
func testServeContentRangesGODEBUG(t *testing.T) {
	const defaultMax = 200
	content := strings.Repeat("x", 10000)
	tests := []struct {
		godebug    string
		numRanges  int
		wantCode   int
		wantNonDef bool // whether the non-default metric must count this request
	}{
		{"httpservecontentmaxranges=1", 1, StatusPartialContent, false},
		{"httpservecontentmaxranges=1", 2, StatusOK, true},
		{"httpservecontentmaxranges=1", defaultMax + 1, StatusOK, false},
		{"httpservecontentmaxranges=200", 2, StatusPartialContent, false},
		{"httpservecontentmaxranges=200", defaultMax, StatusPartialContent, false},
		{"httpservecontentmaxranges=200", defaultMax + 1, StatusOK, false},
		{"httpservecontentmaxranges=10", 10, StatusPartialContent, false},
		{"httpservecontentmaxranges=10", 11, StatusOK, true},
		{"httpservecontentmaxranges=300", 300, StatusPartialContent, true},
		{"httpservecontentmaxranges=300", 301, StatusOK, false},
		{"httpservecontentmaxranges=0", 2 * defaultMax, StatusPartialContent, true},
		{"httpservecontentmaxranges=-1", defaultMax + 1, StatusOK, false},
		{"httpservecontentmaxranges=x", defaultMax + 1, StatusOK, false},
	}
	sample := []metrics.Sample{{Name: "/godebug/non-default-behavior/httpservecontentmaxranges:events"}}
	for _, tt := range tests {
		t.Setenv("GODEBUG", tt.godebug)
		metrics.Read(sample)
		var before uint64
		if sample[0].Value.Kind() == metrics.KindUint64 {
			before = sample[0].Value.Uint64()
		}

		req := httptest.NewRequest("GET", "/f", nil)
		req.Header.Set("Range", "bytes="+strings.Repeat("0-0,", tt.numRanges-1)+"0-0")
		rec := httptest.NewRecorder()
		ServeContent(rec, req, "f", time.Time{}, strings.NewReader(content))
		if rec.Code != tt.wantCode {
			t.Errorf("GODEBUG=%q, %d ranges: status %d, want %d", tt.godebug, tt.numRanges, rec.Code, tt.wantCode)
		}
		if tt.wantCode == StatusOK && rec.Body.String() != content {
			t.Errorf("GODEBUG=%q, %d ranges: body has %d bytes, want the whole %d", tt.godebug, tt.numRanges, rec.Body.Len(), len(content))
		}

		metrics.Read(sample)
		var after uint64
		if sample[0].Value.Kind() == metrics.KindUint64 {
			after = sample[0].Value.Uint64()
		}
		if got := after > before; got != tt.wantNonDef {
			t.Errorf("GODEBUG=%q, %d ranges: non-default metric went %d -> %d, want an increment: %v", tt.godebug, tt.numRanges, before, after, tt.wantNonDef)
		}
	}
}

// GO-2026-6605 (CVE-2026-56866): after a CONNECT request the Transport must not reuse the
// connection for another request, even when the proxy refused the CONNECT.
func TestBackportTransportNoReuseAfterConnect(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()

	serveLater := func() {
		// Any later connection gets a plain 200.
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(10 * time.Second))
				if _, err := ReadRequest(bufio.NewReader(c)); err == nil {
					io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
				}
			}()
		}
	}

	// The fake proxy refuses the CONNECT on the first connection and then
	// reports what it sees next on that connection: EOF (closed by the
	// client, as wanted) or another request (connection reused).
	secondOnFirstConn := make(chan string, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			secondOnFirstConn <- "accept: " + err.Error()
			return
		}
		defer c.Close()
		// Serve other connections only now, so that the first one
		// cannot be taken by serveLater.
		go serveLater()
		c.SetDeadline(time.Now().Add(10 * time.Second)) // hang guard only
		br := bufio.NewReader(c)
		if _, err := ReadRequest(br); err != nil {
			secondOnFirstConn <- "reading CONNECT: " + err.Error()
			return
		}
		io.WriteString(c, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
		req, err := ReadRequest(br)
		if err != nil {
			if err == io.EOF {
				secondOnFirstConn <- ""
			} else {
				secondOnFirstConn <- "after CONNECT: " + err.Error()
			}
			return
		}
		secondOnFirstConn <- req.Method + " " + req.RequestURI + " reused the CONNECT connection"
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
	}()

	tr := &Transport{}
	defer tr.CloseIdleConnections()
	addr := ln.Addr().String()
	res, err := tr.RoundTrip(&Request{
		Method: "CONNECT",
		URL:    &url.URL{Scheme: "http", Host: addr, Opaque: "backend.example:80"},
		Host:   addr,
		Header: Header{},
	})
	if err != nil {
		t.Fatalf("CONNECT: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != StatusMethodNotAllowed {
		t.Fatalf("CONNECT: status %d, want %d", res.StatusCode, StatusMethodNotAllowed)
	}

	req, _ := NewRequest("GET", "http://"+addr+"/next", nil)
	res, err = tr.RoundTrip(req)
	if err != nil {
		t.Fatalf("GET after CONNECT: %v", err)
	}
	res.Body.Close()

	if msg := <-secondOnFirstConn; msg != "" {
		t.Errorf("first connection: %s; want it closed by the client after the CONNECT", msg)
	}
}

// GO-2026-6613 (CVE-2026-94439): the HTTP/1 server must not keep using a connection as HTTP
// after a CONNECT request. A 2xx reply starts a tunnel, so it carries neither
// Content-Length nor Transfer-Encoding (and no "Connection: close"), and the
// connection is closed once the handler returns; a refused CONNECT is sent
// with "Connection: close" and the connection is closed too.
func TestBackportServerConnectClosesConn(t *testing.T) {
	tests := []struct {
		code      int
		setLength bool
	}{
		{StatusOK, false},
		{StatusOK, true},
		{StatusNoContent, false},
		{StatusConflict, true},
		{StatusMethodNotAllowed, false},
	}
	const body = "body"
	for _, tt := range tests {
		ts := httptest.NewServer(HandlerFunc(func(w ResponseWriter, r *Request) {
			if tt.setLength {
				w.Header().Set("Content-Length", "4")
			}
			w.WriteHeader(tt.code)
			w.Write([]byte(body))
		}))
		func() {
			defer ts.Close()
			c, err := net.Dial("tcp", ts.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(10 * time.Second)) // hang guard only
			io.WriteString(c, "CONNECT backend.example:80 HTTP/1.1\r\nHost: backend.example:80\r\n\r\n")
			br := bufio.NewReader(c)
			res, err := ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("%d: ReadResponse: %v", tt.code, err)
			}
			if res.StatusCode != tt.code {
				t.Fatalf("%d: got status %d", tt.code, res.StatusCode)
			}
			success := tt.code >= 200 && tt.code < 300
			if success {
				for _, h := range []string{"Content-Length", "Transfer-Encoding", "Connection"} {
					if v, ok := res.Header[h]; ok {
						t.Errorf("%d: reply to CONNECT has %s: %q; want no such header", tt.code, h, v)
					}
				}
				if len(res.TransferEncoding) > 0 {
					t.Errorf("%d: TransferEncoding = %q; want none", tt.code, res.TransferEncoding)
					return
				}
			} else if !res.Close {
				t.Errorf("%d: refused CONNECT reply lacks Connection: close", tt.code)
				return
			}
			// The handler's bytes follow the header as they are.
			want := body
			if tt.code == StatusNoContent {
				want = ""
			}
			got := make([]byte, len(want))
			if _, err := io.ReadFull(br, got); err != nil || string(got) != want {
				t.Errorf("%d: after the header got %q (%v); want %q", tt.code, got, err, want)
				return
			}
			// The server must not read another request from this
			// connection: send one and expect no reply, just the close
			// (EOF, or a reset since our request went unread).
			io.WriteString(c, "GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")
			if rest, _ := io.ReadAll(br); len(rest) > 0 {
				t.Errorf("%d: server answered a request sent after CONNECT: %q", tt.code, rest)
			}
		}()
	}
}

// CVE-2026-97054: when a MaxBytesReader hits its limit, the server must not
// change the handler's header map (the body may be read on another goroutine
// while the handler sets headers: a concurrent map write crashes the
// process). The reply still carries "Connection: close" and the connection
// is not reused.
func TestBackportMaxBytesReaderLeavesHeaderAlone(t *testing.T) {
	handlerHeader := make(chan Header, 1)
	ts := httptest.NewServer(HandlerFunc(func(w ResponseWriter, r *Request) {
		w.Header().Set("X-Test", "1")
		done := make(chan struct{})
		go func() { // read the body off the handler goroutine, as in the report
			defer close(done)
			io.ReadAll(MaxBytesReader(w, r.Body, 4))
		}()
		<-done
		handlerHeader <- w.Header().Clone()
		w.WriteHeader(StatusRequestEntityTooLarge)
	}))
	defer ts.Close()

	c, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second)) // hang guard only
	io.WriteString(c, "POST / HTTP/1.1\r\nHost: example.com\r\nContent-Length: 5\r\n\r\nhello")
	br := bufio.NewReader(c)
	res, err := ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("ReadResponse: %v", err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()

	h := <-handlerHeader
	if v, ok := h["Connection"]; ok {
		t.Errorf("after the body limit was hit, handler's Header has Connection: %q; want the header map left alone", v)
	}
	if got := h.Get("X-Test"); got != "1" {
		t.Errorf("handler's Header X-Test = %q, want %q", got, "1")
	}
	if res.StatusCode != StatusRequestEntityTooLarge {
		t.Errorf("status %d, want %d", res.StatusCode, StatusRequestEntityTooLarge)
	}
	if !res.Close {
		t.Errorf("reply after hitting the body limit lacks Connection: close")
	}
	// The connection must not be reused: another request gets no answer.
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")
	if rest, _ := io.ReadAll(br); len(rest) > 0 {
		t.Errorf("server answered a second request on the connection: %q", rest)
	}
}
