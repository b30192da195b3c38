// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package tls

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"
)

// GO-2025-4008 (CVE-2025-58189): when ALPN negotiation fails, the error
// names the client's protocols quoted, so control characters and other
// attacker-chosen bytes are escaped rather than copied into the error.
func TestALPNErrorQuotesClientProtocols(t *testing.T) {
	clientProtos := []string{"evil\n\x1b[31mfake log line", "ok"}
	const want = `tls: client requested unsupported application protocols (["evil\n\x1b[31mfake log line" "ok"])`

	_, err := negotiateALPN([]string{"h3"}, clientProtos, false)
	if err == nil || err.Error() != want {
		t.Errorf("negotiateALPN error: got %v, want %s", err, want)
	}

	for _, v := range []uint16{VersionTLS12, VersionTLS13} {
		serverConfig := testConfig.Clone()
		serverConfig.NextProtos = []string{"h3"}
		serverConfig.MaxVersion = v
		clientConfig := testConfig.Clone()
		clientConfig.NextProtos = clientProtos
		clientConfig.MaxVersion = v
		_, _, err := testHandshake(t, clientConfig, serverConfig)
		if err == nil {
			t.Errorf("version %x: handshake succeeded, want ALPN failure", v)
			continue
		}
		if got := err.Error(); got != want || strings.ContainsAny(got, "\n\x1b") {
			t.Errorf("version %x: server handshake error: got %q, want %q", v, got, want)
		}
	}
}

// handshakeRecord returns a plaintext handshake record carrying all of msgs.
func handshakeRecord(t *testing.T, msgs ...handshakeMessage) []byte {
	var body []byte
	for _, m := range msgs {
		b, err := m.marshal()
		if err != nil {
			t.Fatalf("marshal %T: %v", m, err)
		}
		body = append(body, b...)
	}
	hdr := []byte{byte(recordTypeHandshake), VersionTLS12 >> 8, VersionTLS12 & 0xff, byte(len(body) >> 8), byte(len(body))}
	return append(hdr, body...)
}

// GO-2026-4340 (CVE-2025-61730): a TLS 1.3 peer must not be able to place
// handshake messages for the next encryption level in the same record as
// the last message of the current level; the handshake fails when the read
// keys change with handshake data still buffered.
func TestHandshakeDataAcrossKeyChange(t *testing.T) {
	const wantKeyChange = "tls: handshake buffer not empty before setting read traffic secret"
	const wantHRR = "tls: handshake buffer not empty before HelloRetryRequest"

	tests := []struct {
		name string
		// peer runs the misbehaving side on conn; it returns the record to write.
		peer func(t *testing.T, conn net.Conn) []byte
		// local returns the well-behaved side under test.
		local func(conn net.Conn) *Conn
		want  string
	}{
		{
			name: "ServerHello+EncryptedExtensions",
			peer: func(t *testing.T, conn net.Conn) []byte {
				ctx := context.Background()
				srv := Server(conn, testConfig)
				ch, err := srv.readClientHello(ctx)
				if err != nil {
					t.Errorf("readClientHello: %v", err)
					return nil
				}
				hs := serverHandshakeStateTLS13{c: srv, ctx: ctx, clientHello: ch}
				if err := hs.processClientHello(); err != nil {
					t.Errorf("processClientHello: %v", err)
					return nil
				}
				return handshakeRecord(t, hs.hello, &encryptedExtensionsMsg{alpnProtocol: "h2"})
			},
			local: func(conn net.Conn) *Conn { return Client(conn, testConfig) },
			want:  wantKeyChange,
		},
		{
			name: "ClientHello+Certificate",
			peer: func(t *testing.T, conn net.Conn) []byte {
				hello, _, err := Client(conn, testConfig).makeClientHello()
				if err != nil {
					t.Errorf("makeClientHello: %v", err)
					return nil
				}
				return handshakeRecord(t, hello, &certificateMsgTLS13{})
			},
			local: func(conn net.Conn) *Conn { return Server(conn, testConfig) },
			want:  wantKeyChange,
		},
		{
			name: "ClientHello+ClientHello before HRR",
			peer: func(t *testing.T, conn net.Conn) []byte {
				hello, _, err := Client(conn, testConfig).makeClientHello()
				if err != nil {
					t.Errorf("makeClientHello: %v", err)
					return nil
				}
				hello.keyShares = nil // forces a HelloRetryRequest
				return handshakeRecord(t, hello, hello)
			},
			local: func(conn net.Conn) *Conn { return Server(conn, testConfig) },
			want:  wantHRR,
		},
	}
	for _, tt := range tests {
		c, s := localPipe(t)
		peerConn, localConn := c, s
		if tt.local(nil).isClient {
			peerConn, localConn = s, c
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer peerConn.Close()
			if rec := tt.peer(t, peerConn); rec != nil {
				peerConn.Write(rec)
			}
		}()
		localConn.SetDeadline(time.Now().Add(5 * time.Second)) // hang guard
		err := tt.local(localConn).Handshake()
		localConn.Close()
		<-done
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: handshake error: got %v, want %q", tt.name, err, tt.want)
		}
	}
}

// GO-2026-4870 (CVE-2026-32283): two KeyUpdate messages in one record must
// fail the connection with unexpected_message. When the first one requests
// an update, the reply is written while c.out is held; reporting the error
// must not then block on c.out again.
func TestKeyUpdatesInOneRecord(t *testing.T) {
	const wantServer = "tls: handshake buffer not empty before setting read traffic secret"
	const wantClient = "tls: unexpected message"
	for _, requested := range []bool{false, true} {
		c, s := localPipe(t)
		cfg := testConfig.Clone()
		cfg.MinVersion = VersionTLS13
		client := Client(c, cfg)
		server := Server(s, cfg)

		serverErr := make(chan error, 1)
		go func() {
			if err := server.Handshake(); err != nil {
				serverErr <- err
				return
			}
			_, err := io.Copy(io.Discard, server)
			serverErr <- err
		}()
		if err := client.Handshake(); err != nil {
			t.Fatalf("client handshake: %v", err)
		}

		ku, err := (&keyUpdateMsg{updateRequested: requested}).marshal()
		if err != nil {
			t.Fatal(err)
		}
		client.out.Lock()
		_, err = client.writeRecordLocked(recordTypeHandshake, append(ku, ku...))
		client.out.Unlock()
		if err != nil {
			t.Fatalf("writing KeyUpdates: %v", err)
		}

		// Hang guard: before the fix the server either accepted both
		// messages and kept waiting for data, or blocked on its own lock.
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		s.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, err = io.Copy(io.Discard, client)
		if err == nil || !strings.HasSuffix(err.Error(), wantClient) {
			t.Errorf("updateRequested=%v: client read error: got %v, want one ending in %q", requested, err, wantClient)
		}
		select {
		case err := <-serverErr:
			if err == nil || err.Error() != wantServer {
				t.Errorf("updateRequested=%v: server read error: got %v, want %q", requested, err, wantServer)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("updateRequested=%v: server Read is stuck (deadlocked)", requested)
		}
		c.Close()
		s.Close()
	}
}

// GO-2026-6090 (CVE-2026-56862): after the handshake, a peer that sends
// only handshake records (here KeyUpdates, one per record) must hit the
// maxUselessRecords limit; application data resets the count.
func TestPostHandshakeMessageLimit(t *testing.T) {
	const wantErr = "tls: too many non-advancing records"
	tests := []struct {
		name      string
		updates   int  // KeyUpdate records sent in a row
		dataAfter bool // whether application data follows them
		wantFail  bool
	}{
		{"at limit", maxUselessRecords, true, false},
		{"above limit", maxUselessRecords + 1, true, true},
		{"many, but interleaved with data", 4 * maxUselessRecords, true, false},
	}
	for _, tt := range tests {
		c, s := localPipe(t)
		cfg := testConfig.Clone()
		cfg.MinVersion = VersionTLS13

		go func() {
			defer c.Close()
			cli := Client(c, cfg)
			if err := cli.Handshake(); err != nil {
				t.Errorf("%s: client handshake: %v", tt.name, err)
				return
			}
			ku, err := (&keyUpdateMsg{}).marshal()
			if err != nil {
				t.Error(err)
				return
			}
			suite := cipherSuiteTLS13ByID(cli.cipherSuite)
			for i := 0; i < tt.updates; i++ {
				if tt.updates > maxUselessRecords+1 && i > 0 && i%maxUselessRecords == 0 {
					cli.Write([]byte("x"))
				}
				cli.out.Lock()
				cli.writeRecordLocked(recordTypeHandshake, ku)
				cli.setWriteTrafficSecret(suite, QUICEncryptionLevelInitial, suite.nextTrafficSecret(cli.out.trafficSecret))
				cli.out.Unlock()
			}
			if tt.dataAfter {
				cli.Write([]byte("end"))
			}
			// Wait for the server to finish reading.
			io.Copy(io.Discard, cli)
		}()

		srv := Server(s, cfg)
		s.SetDeadline(time.Now().Add(5 * time.Second)) // hang guard
		if err := srv.Handshake(); err != nil {
			t.Fatalf("%s: server handshake: %v", tt.name, err)
		}
		var err error
		buf := make([]byte, 16)
		for {
			var n int
			n, err = srv.Read(buf)
			if err != nil || (n > 0 && strings.Contains(string(buf[:n]), "end")) {
				break
			}
		}
		srv.Close()
		if tt.wantFail {
			if err == nil || err.Error() != wantErr {
				t.Errorf("%s: server Read error: got %v, want %q", tt.name, err, wantErr)
			}
		} else if err != nil {
			t.Errorf("%s: server Read error: got %v, want nil", tt.name, err)
		}
	}
}

// GO-2026-4337 (CVE-2025-68121): a session may only be resumed if a chain
// stored in it is still trusted by the Config in use for the new
// connection: ClientCAs on the server (which may come from
// GetConfigForClient) and RootCAs on the client (which may be a mutated
// Clone). A change of trust anchors forces a full handshake.
func TestResumptionRechecksTrustAnchors(t *testing.T) {
	now := time.Now()
	newKey := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	// newChain returns a root and a leaf for example.com (usable as both
	// client and server certificate) signed by it.
	leafKey := newKey()
	newChain := func() (*x509.Certificate, []byte) {
		rootKey := newKey()
		rootTmpl := &x509.Certificate{
			SerialNumber:          big1(),
			Subject:               pkix.Name{CommonName: "backport root"},
			NotBefore:             now.Add(-time.Hour),
			NotAfter:              now.Add(time.Hour),
			IsCA:                  true,
			BasicConstraintsValid: true,
			KeyUsage:              x509.KeyUsageCertSign,
		}
		rootDER, err := x509.CreateCertificate(rand.Reader, rootTmpl, rootTmpl, &rootKey.PublicKey, rootKey)
		if err != nil {
			t.Fatal(err)
		}
		root, err := x509.ParseCertificate(rootDER)
		if err != nil {
			t.Fatal(err)
		}
		leafTmpl := &x509.Certificate{
			SerialNumber: big1(),
			DNSNames:     []string{"example.com"},
			NotBefore:    now.Add(-time.Hour),
			NotAfter:     now.Add(time.Hour),
			KeyUsage:     x509.KeyUsageDigitalSignature,
		}
		leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, root, &leafKey.PublicKey, rootKey)
		if err != nil {
			t.Fatal(err)
		}
		return root, leafDER
	}
	rootA, leafA := newChain()
	rootB, leafB := newChain()
	pool := func(c *x509.Certificate) *x509.CertPool {
		p := x509.NewCertPool()
		p.AddCert(c)
		return p
	}

	for _, version := range []uint16{VersionTLS12, VersionTLS13} {
		for _, side := range []string{"server ClientCAs", "client RootCAs"} {
			serverConfig := testConfig.Clone()
			serverConfig.MaxVersion = version
			serverConfig.Time = func() time.Time { return now }
			serverConfig.Certificates = []Certificate{{Certificate: [][]byte{leafA}, PrivateKey: leafKey}}
			serverConfig.ClientAuth = RequireAndVerifyClientCert
			serverConfig.ClientCAs = pool(rootA)
			swap := false
			base := serverConfig
			serverConfig.GetConfigForClient = func(*ClientHelloInfo) (*Config, error) {
				if !swap || side != "server ClientCAs" {
					return nil, nil
				}
				cfg := base.Clone()
				cfg.ClientCAs = pool(rootB)
				return cfg, nil
			}

			clientConfig := testConfig.Clone()
			clientConfig.MaxVersion = version
			clientConfig.Time = func() time.Time { return now }
			clientConfig.InsecureSkipVerify = false
			clientConfig.ServerName = "example.com"
			clientConfig.RootCAs = pool(rootA)
			clientConfig.Certificates = []Certificate{{Certificate: [][]byte{leafA}, PrivateKey: leafKey}}
			clientConfig.ClientSessionCache = NewLRUClientSessionCache(4)

			handshake := func(step string, wantResume bool) {
				ss, cs, err := testHandshake(t, clientConfig, serverConfig)
				if err != nil {
					t.Fatalf("%x %s %s: handshake: %v", version, side, step, err)
				}
				if cs.DidResume != wantResume || ss.DidResume != wantResume {
					t.Errorf("%x %s %s: DidResume client=%v server=%v, want %v", version, side, step, cs.DidResume, ss.DidResume, wantResume)
				}
			}
			handshake("first", false)
			handshake("unchanged", true)

			// Trust moves from root A to root B; the peer now presents a
			// leaf from B, so a full handshake succeeds, but the session
			// from the A chain must not be resumed.
			swap = true
			if side == "server ClientCAs" {
				clientConfig.Certificates = []Certificate{{Certificate: [][]byte{leafB}, PrivateKey: leafKey}}
			} else {
				clientConfig = clientConfig.Clone()
				clientConfig.RootCAs = pool(rootB)
				serverConfig.Certificates = []Certificate{{Certificate: [][]byte{leafB}, PrivateKey: leafKey}}
			}
			handshake("after trust change", false)
		}
	}
}

func big1() *big.Int { return big.NewInt(1) }
