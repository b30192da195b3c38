// Copyright 2026 The Go crashout fork Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// The database API (https://go.dev/security/vuln/database#api): a client
// asks for $base/ENDPOINT.json.gz over http(s), and reads
// $base/ENDPOINT.json from a file:// database.
var endpointRE = regexp.MustCompile(`^/(index/(db|modules|vulns)|ID/[A-Za-z0-9][A-Za-z0-9-]*)\.json\.gz$`)

// maxEndpointSize bounds what is read of one endpoint: the whole
// database's module index is a few MB.
const maxEndpointSize = 256 << 20

// A filteredDB serves a vulnerability database on the loopback interface:
// the database at URL, with the standard-library and toolchain ranges of
// the advisories in drop left out.
type filteredDB struct {
	URL      string
	srv      *http.Server
	upstream func(endpoint string) ([]byte, error)
	drop     dropSet
}

// serveFiltered starts serving the database at db (file:// or http(s)://)
// less what drop names.
func serveFiltered(db string, drop dropSet) (*filteredDB, error) {
	upstream, err := databaseReader(db)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serving the filtered database: %v", err)
	}
	f := &filteredDB{URL: "http://" + ln.Addr().String(), upstream: upstream, drop: drop}
	f.srv = &http.Server{Handler: f, ReadHeaderTimeout: time.Minute}
	go f.srv.Serve(ln)
	return f, nil
}

func (f *filteredDB) Close() error { return f.srv.Close() }

func (f *filteredDB) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m := endpointRE.FindStringSubmatch(r.URL.Path)
	if m == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		http.NotFound(w, r)
		return
	}
	endpoint := m[1]
	data, err := f.upstream(endpoint)
	if err == nil && strings.HasPrefix(endpoint, "ID/") {
		data, err = f.drop.filterEntry(data)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "forkvulncheck: database: %s: %v\n", endpoint, err)
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	w.Header().Set("Content-Type", "application/gzip")
	w.Write(gz.Bytes())
}

// databaseReader returns a function that reads an endpoint of the database
// at db, uncompressed.
func databaseReader(db string) (func(endpoint string) ([]byte, error), error) {
	u, err := url.Parse(strings.TrimRight(db, "/"))
	if err != nil {
		return nil, fmt.Errorf("-db %s: %v", db, err)
	}
	switch u.Scheme {
	case "file":
		dir := filepath.FromSlash(u.Path)
		if _, err := os.Stat(filepath.Join(dir, "index", "modules.json")); err != nil {
			return nil, fmt.Errorf("-db %s: not a vulnerability database: %v", db, err)
		}
		return func(endpoint string) ([]byte, error) {
			return readLimited(os.Open(filepath.Join(dir, filepath.FromSlash(endpoint)+".json")))
		}, nil
	case "http", "https":
		c := &http.Client{Timeout: 5 * time.Minute}
		base := u.String()
		return func(endpoint string) ([]byte, error) {
			resp, err := c.Get(base + "/" + endpoint + ".json.gz")
			if err != nil {
				return nil, err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return nil, fmt.Errorf("%s", resp.Status)
			}
			zr, err := gzip.NewReader(resp.Body)
			if err != nil {
				return nil, err
			}
			return readLimited(zr, nil)
		}, nil
	}
	return nil, fmt.Errorf("-db %s: want a file://, http:// or https:// URL", db)
}

func readLimited(r io.Reader, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	if c, ok := r.(io.Closer); ok {
		defer c.Close()
	}
	data, err := io.ReadAll(io.LimitReader(r, maxEndpointSize+1))
	if err == nil && len(data) > maxEndpointSize {
		err = fmt.Errorf("larger than %d bytes", maxEndpointSize)
	}
	return data, err
}

// filterEntry returns an OSV entry without the standard-library and
// toolchain ranges that s leaves out; an entry it leaves as it is comes
// back byte for byte.
func (s dropSet) filterEntry(data []byte) ([]byte, error) {
	var entry map[string]json.RawMessage
	var head struct {
		ID       string   `json:"id"`
		Aliases  []string `json:"aliases"`
		Affected []struct {
			Package struct {
				Name string `json:"name"`
			} `json:"package"`
		} `json:"affected"`
	}
	if err := json.Unmarshal(data, &entry); err != nil {
		return nil, fmt.Errorf("not an OSV entry: %v", err)
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("not an OSV entry: %v", err)
	}
	dropStd, dropToolchain := s.std.names(head.ID, head.Aliases), s.toolchain.names(head.ID, head.Aliases)
	if !dropStd && !dropToolchain || len(head.Affected) == 0 {
		return data, nil
	}
	var affected []json.RawMessage
	if err := json.Unmarshal(entry["affected"], &affected); err != nil {
		return nil, fmt.Errorf("%s: affected: %v", head.ID, err)
	}
	var kept []json.RawMessage
	for i, a := range affected {
		switch name := head.Affected[i].Package.Name; {
		case name == "stdlib" && dropStd, name == "toolchain" && dropToolchain:
			continue
		}
		kept = append(kept, a)
	}
	if len(kept) == len(affected) {
		return data, nil
	}
	if kept == nil {
		kept = []json.RawMessage{}
	}
	entry["affected"], _ = json.Marshal(kept)
	return json.Marshal(entry)
}

// names reports whether set resolves an advisory: by its id, or, when no
// statement names the id, by all of its CVE aliases (an advisory the
// ledger knows only by CVE).
func (set nameSet) names(id string, aliases []string) bool {
	if r, ok := set[id]; ok {
		return r
	}
	cves := 0
	for _, a := range aliases {
		if !strings.HasPrefix(a, "CVE-") {
			continue
		}
		if !set[a] {
			return false
		}
		cves++
	}
	return cves > 0
}
