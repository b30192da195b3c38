package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Debian changelogs of golang-1.NN-src name CVEs in three forms.
const changelog126 = `golang-1.26 (1.26.11-1) unstable; urgency=medium

  * New upstream version 1.26.11
    - CVE-2026-97054: net/http: HTTP/1 server crash due to MaxBytesReader
      header race
    - CVE-2026-97040: cmd/go, cmd/link: cgo directive injection via .syso
      files disguised as Go object files
    - Remove patch, applied upstream

 -- Someone <a@b>  Tue, 10 Nov 2026 22:12:07 +0100

golang-1.26 (1.26.6-1) unstable; urgency=medium

  * New upstream version 1.26.6 (Closes: #1144341)
    - CVE-2026-56865
      A malicious GOPROXY was previously capable of forging up to two sumdb
      tiles.
    - CVE-2026-56859
      Previously, DecodeElement would reset the depth counter.

 -- Someone <a@b>  Wed, 19 Aug 2026 10:54:46 +0200

golang-1.25 (1.25.6-1) unstable; urgency=medium

  * New upstream version 1.25.6
    - CVE-2025-61728: https://go.dev/issue/77102
`

const changelog127 = `golang-1.27 (1.27.4-1~bpo13+1) trixie-backports; urgency=medium

  * Rebuild for trixie-backports.

 -- Someone <a@b>  Fri, 13 Nov 2026 14:20:41 +0000

golang-1.27 (1.27.4-1) unstable; urgency=medium

  * New upstream version 1.27.4
    - CVE-2026-97054: net/http: HTTP/1 server crash due to MaxBytesReader
      header race

 -- Someone <a@b>  Tue, 10 Nov 2026 22:12:07 +0100

golang-1.27 (1.27~rc3-1) unstable; urgency=medium

  * New upstream release candidate
    - CVE-2026-56865
      A malicious GOPROXY was previously capable of forging up to two sumdb
      tiles.
`

func TestReadChangelog(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "changelog")
	if err := os.WriteFile(plain, []byte(changelog126), 0o666); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	z := gzip.NewWriter(&gz)
	z.Write([]byte(changelog127))
	z.Close()
	zipped := filepath.Join(dir, "changelog.Debian.gz")
	if err := os.WriteFile(zipped, gz.Bytes(), 0o666); err != nil {
		t.Fatal(err)
	}
	a, err := readChangelog(plain)
	if err != nil {
		t.Fatal(err)
	}
	b, err := readChangelog(zipped)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*noted{}
	var order []string
	for _, n := range mergeNoted(append(a, b...)) {
		got[n.cve] = n
		order = append(order, n.cve)
	}
	if want := []string{"CVE-2026-97054", "CVE-2026-97040", "CVE-2026-56865", "CVE-2026-56859", "CVE-2025-61728"}; !slices.Equal(order, want) {
		t.Fatalf("CVEs %q, want %q", order, want)
	}
	for _, tt := range []struct {
		cve, fixed, packages, summary, url, sources string
	}{
		{"CVE-2026-97054", "1.26.11 1.27.4", "net/http", "HTTP/1 server crash due to MaxBytesReader header race", "",
			"golang-1.26 1.26.11-1|golang-1.27 1.27.4-1"},
		{"CVE-2026-97040", "1.26.11", "cmd/go cmd/link", "cgo directive injection via .syso files disguised as Go object files", "", "golang-1.26 1.26.11-1"},
		{"CVE-2026-56865", "1.26.6 1.27.0-rc.3", "", "A malicious GOPROXY was previously capable of forging up to two sumdb tiles.", "",
			"golang-1.26 1.26.6-1|golang-1.27 1.27~rc3-1"},
		{"CVE-2026-56859", "1.26.6", "", "Previously, DecodeElement would reset the depth counter.", "", "golang-1.26 1.26.6-1"},
		{"CVE-2025-61728", "1.25.6", "", "", "https://go.dev/issue/77102", "golang-1.25 1.25.6-1"},
	} {
		n := got[tt.cve]
		if f := strings.Join(n.fixed, " "); f != tt.fixed {
			t.Errorf("%s: fixed %q, want %q", tt.cve, f, tt.fixed)
		}
		if p := strings.Join(n.packages, " "); p != tt.packages {
			t.Errorf("%s: packages %q, want %q", tt.cve, p, tt.packages)
		}
		if n.summary != tt.summary || n.url != tt.url {
			t.Errorf("%s: summary %q, url %q; want %q, %q", tt.cve, n.summary, n.url, tt.summary, tt.url)
		}
		if s := strings.Join(n.sources, "|"); s != tt.sources {
			t.Errorf("%s: sources %q, want %q", tt.cve, s, tt.sources)
		}
	}

	// The record of each keeps what the changelogs say and reads back.
	for _, cve := range order {
		r := got[cve].record()
		if want := map[bool]string{true: "toolchain", false: "std"}[cve == "CVE-2026-97040"]; r.kind() != want {
			t.Errorf("%s: record kind %s, want %s", cve, r.kind(), want)
		}
		e, err := parseOSV(r.data)
		if err != nil {
			t.Fatalf("%s: record does not parse: %v\n%s", cve, err, r.data)
		}
		back := noteOf(&entry{e, r.data})
		if back.record() == nil || !bytes.Equal(back.record().data, r.data) {
			t.Errorf("%s: record does not read back:\n%s\n%s", cve, r.data, back.record().data)
		}
	}
	if f := got["CVE-2026-56865"].record().fixed(); !slices.Equal(f, []string{"go1.26.6", "go1.27.0-rc.3"}) {
		t.Errorf("record of CVE-2026-56865: fixed %q", f)
	}
	if !got["CVE-2026-97054"].record().concernsFork() {
		t.Errorf("record of CVE-2026-97054 does not concern the fork")
	}
}

func TestReadChangelogRefuses(t *testing.T) {
	for name, text := range map[string]string{
		"not a changelog": "hello\n",
		"no heading":      "    - CVE-2026-1234: net/http: x\n",
		"not a release":   "golang-1.26 (banana-1) unstable; urgency=medium\n",
	} {
		if _, err := parseChangelog(strings.NewReader(text)); err == nil {
			t.Errorf("%s: parseChangelog took %q", name, text)
		}
	}
	path := filepath.Join(t.TempDir(), "x.gz")
	os.WriteFile(path, []byte("not gzip"), 0o666)
	if _, err := readChangelog(path); err == nil {
		t.Errorf("readChangelog took a .gz that is not gzip")
	}
}
