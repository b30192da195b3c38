// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package sumdb

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// backportOps is an in-memory ClientOps whose remote answers come from
// a Server, except for the paths listed in override.
type backportOps struct {
	t        *testing.T
	vkey     string
	server   *Server
	override map[string][]byte

	mu     sync.Mutex
	config map[string][]byte
	cache  map[string][]byte
}

func (o *backportOps) ReadRemote(path string) ([]byte, error) {
	if data, ok := o.override[path]; ok {
		return data, nil
	}
	w := httptest.NewRecorder()
	o.server.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	if w.Code != 200 {
		return nil, fmt.Errorf("GET %s: %d %s", path, w.Code, w.Body.String())
	}
	return w.Body.Bytes(), nil
}

func (o *backportOps) ReadConfig(file string) ([]byte, error) {
	if file == "key" {
		return []byte(o.vkey), nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.config[file], nil
}

func (o *backportOps) WriteConfig(file string, old, new []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !bytes.Equal(o.config[file], old) {
		return ErrWriteConflict
	}
	o.config[file] = new
	return nil
}

func (o *backportOps) ReadCache(file string) ([]byte, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if data, ok := o.cache[file]; ok {
		return data, nil
	}
	return nil, fmt.Errorf("no cache entry for %s", file)
}

func (o *backportOps) WriteCache(file string, data []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.cache[file] = data
}

func (o *backportOps) Log(msg string) {}

func (o *backportOps) SecurityError(msg string) {
	o.t.Errorf("unexpected security error: %s", msg)
}

// GO-2026-6180 (CVE-2026-56864): Lookup must answer only from the record
// text that the transparency log authenticates, not from other lines of
// the response, such as extra text lines in the signed tree note.
func TestLookupIgnoresLinesOutsideRecord(t *testing.T) {
	const name = "localhost.localdev/sumdb"
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}

	gosum := func(path, vers string) ([]byte, error) {
		return []byte(fmt.Sprintf("%s %s h1:good=\n%s %s/go.mod h1:goodmod=\n", path, vers, path, vers)), nil
	}
	ts := NewTestServer(skey, gosum)
	ctx := context.Background()
	if _, err := ts.Lookup(ctx, module.Version{Path: "example.com/real", Version: "v1.0.0"}); err != nil {
		t.Fatal(err)
	}
	srv := NewServer(ts)

	// The honest answer for example.com/real: record id, record text, tree note.
	ops := &backportOps{t: t, vkey: vkey, server: srv, config: map[string][]byte{}, cache: map[string][]byte{}}
	honest, err := ops.ReadRemote("/lookup/example.com/real@v1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	id, text, treeMsg, err := tlog.ParseRecord(honest)
	if err != nil {
		t.Fatal(err)
	}
	n, err := note.Open(treeMsg, note.VerifierList(mustVerifier(t, vkey)))
	if err != nil {
		t.Fatal(err)
	}

	// The same tree head, signed with extra text lines (which ParseTree
	// ignores) that claim a hash for a module the log has never seen.
	const forged = "example.com/evil v1.0.0 h1:forged="
	evilNote, err := note.Sign(&note.Note{Text: n.Text + forged + "\n"}, signer)
	if err != nil {
		t.Fatal(err)
	}
	var resp bytes.Buffer
	fmt.Fprintf(&resp, "%d\n%s\n", id, text)
	resp.Write(evilNote)
	ops.override = map[string][]byte{"/lookup/example.com/evil@v1.0.0": resp.Bytes()}

	c := NewClient(ops)
	lines, err := c.Lookup("example.com/evil", "v1.0.0")
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if len(lines) != 0 {
		t.Errorf("Lookup(example.com/evil, v1.0.0) = %q, want no lines", lines)
	}

	// The authenticated record itself is still used.
	lines, err = c.Lookup("example.com/real", "v1.0.0")
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if want := "example.com/real v1.0.0 h1:good="; len(lines) != 1 || lines[0] != want {
		t.Errorf("Lookup(example.com/real, v1.0.0) = %q, want [%q]", lines, want)
	}
	if !strings.Contains(string(text), "example.com/real v1.0.0/go.mod") {
		t.Errorf("record text %q lacks go.mod line", text)
	}
}

func mustVerifier(t *testing.T, vkey string) note.Verifier {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
