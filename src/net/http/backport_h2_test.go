// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !nethttpomithttp2

// Regression tests for HTTP/2 security fixes backported to this tree.
// They drive one side of a connection by hand with an http2Framer
// and run the real client or server code on the other side.

package http

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/http2/hpack"
	"golang.org/x/net/idna"
)

// h2RawPeer is the hand-driven end of an HTTP/2 connection.
type h2RawPeer struct {
	t    *testing.T
	conn net.Conn
	fr   *http2Framer
	enc  *hpack.Encoder
	hbuf bytes.Buffer
}

// h2ConnPair returns two ends of a loopback TCP connection.
// TCP (rather than net.Pipe) buffers writes, so neither side blocks
// while the other one is busy writing.
func h2ConnPair(t *testing.T) (a, b net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			accepted <- nil
			return
		}
		accepted <- c
	}()
	a, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	b = <-accepted
	if b == nil {
		a.Close()
		t.Fatal("accept failed")
	}
	t.Cleanup(func() {
		a.Close()
		b.Close()
	})
	return a, b
}

func newH2RawPeer(t *testing.T, c net.Conn) *h2RawPeer {
	p := &h2RawPeer{t: t, conn: c}
	p.fr = http2NewFramer(c, c)
	p.fr.ReadMetaHeaders = hpack.NewDecoder(http2initialHeaderTableSize, nil)
	p.enc = hpack.NewEncoder(&p.hbuf)
	// Hang guard only: no test is expected to get near it.
	c.SetDeadline(time.Now().Add(20 * time.Second))
	return p
}

// readFrame returns the next frame, or nil once the connection is closed.
func (p *h2RawPeer) readFrame() http2Frame {
	p.t.Helper()
	f, err := p.fr.ReadFrame()
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			p.t.Fatalf("timed out reading a frame")
		}
		return nil
	}
	return f
}

// encodeHeaders hpack-encodes the given name/value pairs.
func (p *h2RawPeer) encodeHeaders(kv ...string) []byte {
	p.hbuf.Reset()
	for i := 0; i < len(kv); i += 2 {
		p.enc.WriteField(hpack.HeaderField{Name: kv[i], Value: kv[i+1]})
	}
	return bytes.Clone(p.hbuf.Bytes())
}

// newH2RawServer starts an http2ClientConn on one end of a connection and
// returns it along with the hand-driven server end, after the client's
// preface has been consumed.
func newH2RawServer(t *testing.T, tr *http2Transport) (*http2ClientConn, *h2RawPeer) {
	t.Helper()
	cliConn, srvConn := h2ConnPair(t)
	if tr == nil {
		tr = &http2Transport{}
	}
	cc, err := tr.NewClientConn(cliConn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	p := newH2RawPeer(t, srvConn)
	preface := make([]byte, len(http2ClientPreface))
	if _, err := io.ReadFull(srvConn, preface); err != nil {
		t.Fatal(err)
	}
	if string(preface) != http2ClientPreface {
		t.Fatalf("client preface = %q", preface)
	}
	return cc, p
}

// GO-2026-4918 (CVE-2026-33814): a SETTINGS frame carrying an invalid
// SETTINGS_MAX_FRAME_SIZE (0) must be a connection error for the client,
// not a setting it acts upon (which made it write CONTINUATION frames
// forever).
func TestH2TransportRejectsInvalidMaxFrameSize(t *testing.T) {
	cc, p := newH2RawServer(t, nil)
	if err := p.fr.WriteSettings(http2Setting{ID: http2SettingMaxFrameSize, Val: 0}); err != nil {
		t.Fatal(err)
	}
	for {
		f := p.readFrame()
		if f == nil {
			break // client closed the connection: what we want
		}
		if sf, ok := f.(*http2SettingsFrame); ok && sf.IsAck() {
			t.Fatalf("client acknowledged SETTINGS_MAX_FRAME_SIZE=0; want connection error")
		}
		if _, ok := f.(*http2GoAwayFrame); ok {
			break
		}
	}

	// The connection is unusable: a request fails instead of spinning.
	done := make(chan error, 1)
	go func() {
		req, _ := NewRequest("GET", "https://example.com/", nil)
		res, err := cc.RoundTrip(req)
		if err == nil {
			res.Body.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Errorf("RoundTrip succeeded on a connection with a bad SETTINGS frame")
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("RoundTrip did not return")
	}
}

// GO-2026-5026 (CVE-2026-39821): a Punycode ("xn--") label that decodes to
// plain ASCII is not a valid IDNA label, so "xn--example-.com" must not be
// turned into "example.com" by the idna package or by the HTTP/2
// transport's connection pool key.
func TestIDNARejectsASCIIPunycodeLabel(t *testing.T) {
	for _, tt := range []struct {
		name string
		fn   func(string) (string, error)
	}{
		{"ToASCII", idna.ToASCII},
		{"ToUnicode", idna.ToUnicode},
		{"Lookup.ToASCII", idna.Lookup.ToASCII},
		{"Lookup.ToUnicode", idna.Lookup.ToUnicode},
		{"Punycode.ToASCII", idna.Punycode.ToASCII},
		{"Display.ToUnicode", idna.Display.ToUnicode},
	} {
		for _, in := range []string{"xn--example-.com", "www.xn--example-.com", "xn--a-.xn--b-"} {
			if got, err := tt.fn(in); err == nil {
				t.Errorf("idna.%s(%q) = %q, nil; want error", tt.name, in, got)
			}
		}
		// Real Punycode labels still work.
		if _, err := tt.fn("xn--bcher-kva.example"); err != nil {
			t.Errorf("idna.%s(%q): unexpected error %v", tt.name, "xn--bcher-kva.example", err)
		}
	}

	for _, tt := range []struct {
		authority, want string
	}{
		{"xn--example-.com", "xn--example-.com:443"},
		{"xn--example-.com:8443", "xn--example-.com:8443"},
		{"bücher.example", "xn--bcher-kva.example:443"},
	} {
		if got := http2authorityAddr("https", tt.authority); got != tt.want {
			t.Errorf("http2authorityAddr(%q, %q) = %q; want %q", "https", tt.authority, got, tt.want)
		}
	}
}

// roundTrip sends req on cc and plays the server side of it on p: the
// response is the given header fields followed, if body is non-nil, by a
// DATA frame holding body. It returns the client's response.
func (p *h2RawPeer) roundTrip(cc *http2ClientConn, req *Request, body []byte, kv ...string) (*Response, error) {
	p.t.Helper()
	type result struct {
		res *Response
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := cc.RoundTrip(req)
		done <- result{res, err}
	}()
	var streamID uint32
	for streamID == 0 {
		f := p.readFrame()
		if f == nil {
			p.t.Fatalf("connection closed before the request arrived")
		}
		if hf, ok := f.(*http2MetaHeadersFrame); ok {
			streamID = hf.StreamID
		}
	}
	if err := p.fr.WriteHeaders(http2HeadersFrameParam{
		StreamID:      streamID,
		BlockFragment: p.encodeHeaders(kv...),
		EndHeaders:    true,
		EndStream:     body == nil,
	}); err != nil {
		p.t.Fatal(err)
	}
	if body != nil {
		if err := p.fr.WriteData(streamID, true, body); err != nil {
			p.t.Fatal(err)
		}
	}
	select {
	case r := <-done:
		return r.res, r.err
	case <-time.After(10 * time.Second):
		p.t.Fatalf("RoundTrip did not return")
	}
	return nil, nil
}

// GO-2026-6610 (CVE-2026-78660): the HTTP/2 transport must not hand on a response with
// several conflicting Content-Length values (or connection-specific
// fields), which an HTTP/1 peer behind a proxy could frame differently.
func TestH2TransportContentLengthHeaders(t *testing.T) {
	for _, tt := range []struct {
		name       string
		fields     []string
		wantLen    int64
		wantHeader Header
	}{{
		name:       "single",
		fields:     []string{"content-length", "5"},
		wantLen:    5,
		wantHeader: Header{"Content-Length": {"5"}},
	}, {
		name:       "identical repeats",
		fields:     []string{"content-length", "5", "content-length", "5"},
		wantLen:    5,
		wantHeader: Header{"Content-Length": {"5"}},
	}, {
		name:       "conflicting",
		fields:     []string{"content-length", "5", "content-length", "10"},
		wantLen:    -1,
		wantHeader: Header{},
	}, {
		name:       "conflicting comma list",
		fields:     []string{"content-length", "5", "content-length", "5,5"},
		wantLen:    -1,
		wantHeader: Header{},
	}, {
		name:       "invalid",
		fields:     []string{"content-length", "five"},
		wantLen:    -1,
		wantHeader: Header{},
	}, {
		name: "connection-specific fields",
		fields: []string{
			"content-length", "5",
			"transfer-encoding", "chunked",
			"connection", "close",
			"keep-alive", "timeout=5",
			"proxy-connection", "keep-alive",
			"upgrade", "foo",
			"x-other", "kept",
		},
		wantLen:    5,
		wantHeader: Header{"Content-Length": {"5"}, "X-Other": {"kept"}},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			cc, p := newH2RawServer(t, nil)
			if err := p.fr.WriteSettings(); err != nil {
				t.Fatal(err)
			}
			req, _ := NewRequest("GET", "https://example.com/", nil)
			fields := append([]string{":status", "200"}, tt.fields...)
			res, err := p.roundTrip(cc, req, []byte("hello"), fields...)
			if err != nil {
				t.Fatalf("RoundTrip: %v", err)
			}
			defer res.Body.Close()
			if res.ContentLength != tt.wantLen {
				t.Errorf("ContentLength = %d, want %d", res.ContentLength, tt.wantLen)
			}
			if !reflect.DeepEqual(res.Header, tt.wantHeader) {
				t.Errorf("Header = %v, want %v", res.Header, tt.wantHeader)
			}
		})
	}
}

// newH2RawClient serves HTTP/2 with handler (and base, if not nil) on one
// end of a connection (optionally wrapped by wrap) and returns the
// hand-driven client end, after the preface and the SETTINGS exchange.
func newH2RawClient(t *testing.T, base *Server, handler HandlerFunc, wrap func(net.Conn) net.Conn, settings ...http2Setting) *h2RawPeer {
	t.Helper()
	cliConn, srvConn := h2ConnPair(t)
	if wrap != nil {
		srvConn = wrap(srvConn)
	}
	if base == nil {
		base = &Server{}
	}
	s := &http2Server{}
	go s.ServeConn(srvConn, &http2ServeConnOpts{Handler: handler, BaseConfig: base})
	p := newH2RawPeer(t, cliConn)
	if _, err := io.WriteString(cliConn, http2ClientPreface); err != nil {
		t.Fatal(err)
	}
	if err := p.fr.WriteSettings(settings...); err != nil {
		t.Fatal(err)
	}
	sawSettings, sawAck := false, false
	for !sawSettings || !sawAck {
		f := p.readFrame()
		if f == nil {
			t.Fatalf("server closed the connection during the handshake")
		}
		if sf, ok := f.(*http2SettingsFrame); ok {
			if sf.IsAck() {
				sawAck = true
			} else {
				sawSettings = true
				if err := p.fr.WriteSettingsAck(); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return p
}

// writeRequest sends a HEADERS frame opening stream id with the given
// fields after the usual GET pseudo-header fields (a pseudo-header field
// in kv replaces the default one).
func (p *h2RawPeer) writeRequest(id uint32, endStream bool, kv ...string) {
	p.t.Helper()
	var fields []string
	for _, d := range [][2]string{
		{":method", "GET"},
		{":scheme", "https"},
		{":authority", "example.com"},
		{":path", "/"},
	} {
		v := d[1]
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i] == d[0] {
				v = kv[i+1]
				kv = append(kv[:i:i], kv[i+2:]...)
				break
			}
		}
		fields = append(fields, d[0], v)
	}
	fields = append(fields, kv...)
	if err := p.fr.WriteHeaders(http2HeadersFrameParam{
		StreamID:      id,
		BlockFragment: p.encodeHeaders(fields...),
		EndHeaders:    true,
		EndStream:     endStream,
	}); err != nil {
		p.t.Fatal(err)
	}
}

// readResponseHeaders reads frames until the response HEADERS for stream
// id and returns them.
func (p *h2RawPeer) readResponseHeaders(id uint32) *http2MetaHeadersFrame {
	p.t.Helper()
	for {
		f := p.readFrame()
		if f == nil {
			p.t.Fatalf("connection closed while waiting for the response on stream %d", id)
		}
		switch f := f.(type) {
		case *http2MetaHeadersFrame:
			if f.StreamID == id {
				return f
			}
		case *http2RSTStreamFrame:
			if f.StreamID == id {
				p.t.Fatalf("stream %d reset: %v", id, f.ErrCode)
			}
		case *http2GoAwayFrame:
			p.t.Fatalf("GOAWAY while waiting for stream %d: %v", id, f.ErrCode)
		}
	}
}

// h2GatedConn calls onWrite (once) at the first Write after armed is set,
// from the writing goroutine, before the bytes are written.
type h2GatedConn struct {
	net.Conn
	armed   atomic.Bool
	onWrite func(p []byte)
}

func (c *h2GatedConn) Write(p []byte) (int, error) {
	if c.armed.CompareAndSwap(true, false) {
		c.onWrite(p)
	}
	return c.Conn.Write(p)
}

// GO-2026-6617 (CVE-2026-97032): a SETTINGS_HEADER_TABLE_SIZE from the client must not be
// applied to the server's HPACK encoder while a frame write running on
// another goroutine may be using it; the change takes effect before the
// next frame write instead.
func TestH2ServerHeaderTableSizeDuringWrite(t *testing.T) {
	scc := make(chan *http2serverConn, 1)
	http2testHookGetServerConn = func(sc *http2serverConn) { scc <- sc }
	defer func() { http2testHookGetServerConn = nil }()

	big := strings.Repeat("v", 10000) // larger than the server's write buffer
	gc := &h2GatedConn{}
	p := newH2RawClient(t, nil, func(w ResponseWriter, r *Request) {
		w.Header().Set("X-Big", big)
		w.WriteHeader(200)
	}, func(c net.Conn) net.Conn {
		gc.Conn = c
		return gc
	})
	var sc *http2serverConn
	select {
	case sc = <-scc:
	case <-time.After(10 * time.Second):
		t.Fatal("no server connection")
	}

	inWrite := make(chan struct{})
	release := make(chan struct{})
	var frameType byte
	var sizeDuringWrite uint32
	gc.onWrite = func(b []byte) {
		if len(b) > 3 {
			frameType = b[3]
		}
		close(inWrite)
		<-release
		// Ordered after the serve goroutine's SETTINGS handling by
		// the release channel, so this is not itself a data race.
		sizeDuringWrite = sc.hpackEncoder.MaxDynamicTableSize()
	}
	gc.armed.Store(true)
	p.writeRequest(1, true)
	select {
	case <-inWrite:
	case <-time.After(10 * time.Second):
		t.Fatal("server did not write the response headers")
	}

	// The response HEADERS frame is now being written. Shrink the table
	// and wait until the serve goroutine has handled that.
	if err := p.fr.WriteSettings(http2Setting{ID: http2SettingHeaderTableSize, Val: 0}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; {
		handled := make(chan bool, 1)
		sc.serveMsgCh <- func(int) { handled <- sc.needToSendSettingsAck }
		if <-handled {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("server did not process SETTINGS")
		}
		time.Sleep(time.Millisecond)
	}
	close(release)

	if got := p.readResponseHeaders(1).PseudoValue("status"); got != "200" {
		t.Errorf("first response :status = %q, want 200", got)
	}
	if frameType != byte(http2FrameHeaders) {
		t.Fatalf("gated write started with frame type %d, want HEADERS", frameType)
	}
	if want := uint32(http2initialHeaderTableSize); sizeDuringWrite != want {
		t.Errorf("HPACK encoder table size changed to %d during a frame write; want %d until the write is done", sizeDuringWrite, want)
	}

	// The new size is in effect for later responses, which still decode.
	p.writeRequest(3, true)
	res := p.readResponseHeaders(3)
	if got := res.PseudoValue("status"); got != "200" {
		t.Errorf("second response :status = %q, want 200", got)
	}
	gotBig := ""
	for _, f := range res.RegularFields() {
		if f.Name == "x-big" {
			gotBig = f.Value
		}
	}
	if gotBig != big {
		t.Errorf("second response x-big has %d bytes, want %d", len(gotBig), len(big))
	}
	done := make(chan uint32, 1)
	sc.serveMsgCh <- func(int) { done <- sc.hpackEncoder.MaxDynamicTableSize() }
	if got := <-done; got != 0 {
		t.Errorf("HPACK encoder table size after the next write = %d, want 0", got)
	}
}

// GO-2026-6603 (CVE-2026-78659): each name declared in a request's Trailer field becomes a
// map entry on the server, so the field is charged per declared name
// (like a separate header field) against a budget of its own.
func TestH2ServerTrailerDeclarationLimit(t *testing.T) {
	const maxHeaderBytes = 4096 // HTTP/2 header list limit: 4096 + 10*32
	names := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "t%d", i)
		}
		return b.String()
	}
	for _, tt := range []struct {
		name       string
		fields     []string
		wantStatus string
	}{{
		// Under 2 KB on the wire, but 500 trailer keys.
		name:       "many declared trailers",
		fields:     []string{"trailer", names(500)},
		wantStatus: "431",
	}, {
		name:       "a few declared trailers",
		fields:     []string{"trailer", names(20)},
		wantStatus: "200",
	}, {
		// The Trailer field does not eat into the budget for the
		// other fields (nor the other way round).
		name:       "large header and trailer declaration",
		fields:     []string{"x-big", strings.Repeat("x", 4150), "trailer", names(40)},
		wantStatus: "200",
	}, {
		name:       "header over the limit",
		fields:     []string{"x-big", strings.Repeat("x", 4400)},
		wantStatus: "431",
	}} {
		t.Run(tt.name, func(t *testing.T) {
			trailerKeys := make(chan int, 1)
			p := newH2RawClient(t, &Server{MaxHeaderBytes: maxHeaderBytes}, func(w ResponseWriter, r *Request) {
				trailerKeys <- len(r.Trailer)
			}, nil)
			p.writeRequest(1, false, tt.fields...)
			res := p.readResponseHeaders(1)
			if got := res.PseudoValue("status"); got != tt.wantStatus {
				n := -1
				select {
				case n = <-trailerKeys:
				default:
				}
				t.Errorf(":status = %s, want %s (handler saw %d trailer keys)", got, tt.wantStatus, n)
			}
		})
	}
}

// pingSync sends a PING and reads frames until its ACK, passing every
// other frame to fn. Frames the server queued before handling the PING
// arrive before the ACK.
func (p *h2RawPeer) pingSync(fn func(http2Frame)) {
	p.t.Helper()
	data := [8]byte{'s', 'y', 'n', 'c'}
	if err := p.fr.WritePing(false, data); err != nil {
		p.t.Fatal(err)
	}
	for {
		f := p.readFrame()
		if f == nil {
			p.t.Fatalf("connection closed while waiting for PING ack")
		}
		if pf, ok := f.(*http2PingFrame); ok && pf.IsAck() && pf.Data == data {
			return
		}
		if fn != nil {
			fn(f)
		}
	}
}

// GO-2026-6612 (CVE-2026-78663): data buffered for a stream that is then reset must return
// its connection-level flow control exactly once, whether or not the handler
// goes on to read it; otherwise a client can keep the connection window
// growing beyond what it has been allowed to send.
func TestH2ServerResetStreamFlowControlRefund(t *testing.T) {
	const bodySize = 10000
	for _, readBody := range []bool{true, false} {
		t.Run(fmt.Sprintf("read=%v", readBody), func(t *testing.T) {
			proceed := make(chan struct{})
			handlerDone := make(chan int, 1)
			p := newH2RawClient(t, nil, func(w ResponseWriter, r *Request) {
				<-r.Context().Done()
				<-proceed
				n := 0
				if readBody {
					b, _ := io.ReadAll(r.Body)
					n = len(b)
				}
				handlerDone <- n
			}, nil)

			var refunded int64
			countConnRefund := func(f http2Frame) {
				if wu, ok := f.(*http2WindowUpdateFrame); ok && wu.StreamID == 0 {
					refunded += int64(wu.Increment)
				}
			}
			p.pingSync(nil) // skip the connection's initial WINDOW_UPDATE
			p.writeRequest(1, false, "content-length", fmt.Sprint(bodySize))
			if err := p.fr.WriteData(1, false, make([]byte, bodySize)); err != nil {
				t.Fatal(err)
			}
			if err := p.fr.WriteRSTStream(1, http2ErrCodeCancel); err != nil {
				t.Fatal(err)
			}
			p.pingSync(countConnRefund) // the server has handled the reset
			close(proceed)
			var n int
			select {
			case n = <-handlerDone:
			case <-time.After(10 * time.Second):
				t.Fatal("handler did not finish")
			}
			if readBody && n != bodySize {
				t.Fatalf("handler read %d bytes after the reset, want %d", n, bodySize)
			}
			// Let the handler's exit (which closes the body) be processed.
			for i := 0; i < 3; i++ {
				p.pingSync(countConnRefund)
			}
			if refunded > bodySize {
				t.Errorf("server returned %d bytes of connection flow control for %d bytes of DATA", refunded, bodySize)
			}
			if !readBody && refunded != bodySize {
				t.Errorf("server returned %d bytes of connection flow control for %d unread bytes of DATA, want %d", refunded, bodySize, bodySize)
			}
		})
	}
}

// GO-2026-6611 (CVE-2026-78669): a SETTINGS_INITIAL_WINDOW_SIZE change must not walk every
// open stream (a peer repeating it on a connection with many streams burned
// CPU). Stream windows are now kept relative to the initial window size, so
// the change is O(1) and a stream window it pushes past 2^31-1 is found
// when that stream next sends: the SETTINGS frame is acknowledged and the
// connection then fails with FLOW_CONTROL_ERROR.
func TestH2ServerInitialWindowSizeChange(t *testing.T) {
	const maxWindow = 1<<31 - 1
	const increment = 1000
	const streams = 50
	for _, tt := range []struct {
		name       string
		initial    uint32
		wantGoAway bool
	}{
		{"within limit", maxWindow - increment, false},
		{"beyond limit", maxWindow - increment + 1, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			write := make(chan struct{})
			p := newH2RawClient(t, nil, func(w ResponseWriter, r *Request) {
				w.WriteHeader(200)
				w.(Flusher).Flush()
				select {
				case <-write:
				case <-r.Context().Done():
					return
				}
				if r.URL.Path == "/1" {
					w.Write([]byte("hello"))
					w.(Flusher).Flush()
				}
				<-r.Context().Done()
			}, nil)
			// Many open streams; stream 1 gets extra window.
			for i := 0; i < streams; i++ {
				id := uint32(2*i + 1)
				p.writeRequest(id, false, ":path", fmt.Sprintf("/%d", id))
			}
			for seen := 0; seen < streams; {
				switch f := p.readFrame().(type) {
				case nil:
					t.Fatal("connection closed while waiting for responses")
				case *http2MetaHeadersFrame:
					seen++
				case *http2RSTStreamFrame:
					t.Fatalf("stream %d reset: %v", f.StreamID, f.ErrCode)
				}
			}
			if err := p.fr.WriteWindowUpdate(1, increment); err != nil {
				t.Fatal(err)
			}
			if err := p.fr.WriteSettings(http2Setting{ID: http2SettingInitialWindowSize, Val: tt.initial}); err != nil {
				t.Fatal(err)
			}
			for {
				f := p.readFrame()
				if f == nil {
					t.Fatal("connection closed before SETTINGS ACK")
				}
				if sf, ok := f.(*http2SettingsFrame); ok && sf.IsAck() {
					break
				}
				if ga, ok := f.(*http2GoAwayFrame); ok {
					t.Fatalf("GOAWAY %v before SETTINGS ACK; want the setting accepted and the error found lazily", ga.ErrCode)
				}
			}
			close(write)
			for {
				f := p.readFrame()
				if f == nil {
					t.Fatal("connection closed without GOAWAY or DATA")
				}
				switch f := f.(type) {
				case *http2DataFrame:
					if f.StreamID != 1 {
						t.Fatalf("DATA on stream %d, want only stream 1", f.StreamID)
					}
					if tt.wantGoAway {
						t.Fatalf("server sent DATA on a stream whose window exceeds 2^31-1")
					}
					if got := string(f.Data()); got != "hello" {
						t.Fatalf("DATA = %q, want %q", got, "hello")
					}
					return
				case *http2GoAwayFrame:
					if !tt.wantGoAway {
						t.Fatalf("unexpected GOAWAY %v", f.ErrCode)
					}
					if f.ErrCode != http2ErrCodeFlowControl {
						t.Fatalf("GOAWAY code = %v, want %v", f.ErrCode, http2ErrCodeFlowControl)
					}
					return
				}
			}
		})
	}
}

// GO-2026-6611 (CVE-2026-78669): the same for the client: the change is accepted in O(1),
// and a request body write on a stream it pushed past 2^31-1 closes the
// connection with FLOW_CONTROL_ERROR instead of sending.
func TestH2TransportInitialWindowSizeChange(t *testing.T) {
	const maxWindow = 1<<31 - 1
	const increment = 1000
	for _, tt := range []struct {
		name       string
		initial    uint32
		wantGoAway bool
	}{
		{"within limit", maxWindow - increment, false},
		{"beyond limit", maxWindow - increment + 1, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cc, p := newH2RawServer(t, nil)
			if err := p.fr.WriteSettings(); err != nil {
				t.Fatal(err)
			}
			for {
				f := p.readFrame()
				if f == nil {
					t.Fatal("connection closed before SETTINGS ACK")
				}
				if sf, ok := f.(*http2SettingsFrame); ok && sf.IsAck() {
					break
				}
			}
			pr, pw := io.Pipe()
			defer pw.Close()
			req, _ := NewRequest("POST", "https://example.com/", pr)
			go func() {
				res, err := cc.RoundTrip(req)
				if err == nil {
					res.Body.Close()
				}
			}()
			var streamID uint32
			for streamID == 0 {
				f := p.readFrame()
				if f == nil {
					t.Fatal("connection closed before the request arrived")
				}
				if hf, ok := f.(*http2MetaHeadersFrame); ok {
					streamID = hf.StreamID
				}
			}
			if err := p.fr.WriteWindowUpdate(streamID, increment); err != nil {
				t.Fatal(err)
			}
			if err := p.fr.WriteSettings(http2Setting{ID: http2SettingInitialWindowSize, Val: tt.initial}); err != nil {
				t.Fatal(err)
			}
			for {
				f := p.readFrame()
				if f == nil {
					t.Fatal("connection closed before SETTINGS ACK")
				}
				if sf, ok := f.(*http2SettingsFrame); ok && sf.IsAck() {
					break
				}
			}
			go func() {
				pw.Write([]byte("x"))
				pw.Close()
			}()
			for {
				f := p.readFrame()
				if f == nil {
					if tt.wantGoAway {
						t.Fatal("connection closed without GOAWAY")
					}
					t.Fatal("connection closed without DATA")
				}
				switch f := f.(type) {
				case *http2DataFrame:
					if len(f.Data()) == 0 {
						continue
					}
					if tt.wantGoAway {
						t.Fatalf("client sent DATA on a stream whose window exceeds 2^31-1 (%q)", f.Data())
					}
					return
				case *http2GoAwayFrame:
					if !tt.wantGoAway {
						t.Fatalf("unexpected GOAWAY %v", f.ErrCode)
					}
					if f.ErrCode != http2ErrCodeFlowControl {
						t.Fatalf("GOAWAY code = %v, want %v", f.ErrCode, http2ErrCodeFlowControl)
					}
					return
				}
			}
		})
	}
}
