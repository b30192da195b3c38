// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package x509

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"
)

// backportCA creates a self-signed ECDSA CA certificate with the given
// template fields filled in and returns it with its key.
func backportCA(t *testing.T, tmpl *Certificate) (*Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if tmpl.SerialNumber == nil {
		tmpl.SerialNumber = big.NewInt(1)
	}
	if tmpl.NotBefore.IsZero() {
		tmpl.NotBefore = time.Now().Add(-time.Hour)
		tmpl.NotAfter = time.Now().Add(time.Hour)
	}
	tmpl.IsCA = true
	tmpl.BasicConstraintsValid = true
	tmpl.KeyUsage |= KeyUsageCertSign
	der, err := CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

// backportIssue issues a certificate from tmpl, signed by parent/parentKey,
// for a fresh ECDSA key.
func backportIssue(t *testing.T, tmpl, parent *Certificate, parentKey *ecdsa.PrivateKey) (*Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if tmpl.SerialNumber == nil {
		tmpl.SerialNumber = big.NewInt(2)
	}
	if tmpl.NotBefore.IsZero() {
		tmpl.NotBefore = time.Now().Add(-time.Hour)
		tmpl.NotAfter = time.Now().Add(time.Hour)
	}
	der, err := CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

// dsaKeyedCert builds, by hand, the DER of a certificate named
// CN=<name> (both subject and issuer) that carries a DSA public key. The
// key uses toy group parameters and the signature is a placeholder: the
// certificate only has to parse, it never has to verify.
func dsaKeyedCert(t *testing.T, name string) *Certificate {
	t.Helper()
	params, err := asn1.Marshal(struct{ P, Q, G *big.Int }{big.NewInt(23), big.NewInt(11), big.NewInt(4)})
	if err != nil {
		t.Fatal(err)
	}
	y, err := asn1.Marshal(big.NewInt(9))
	if err != nil {
		t.Fatal(err)
	}
	rdn, err := asn1.Marshal(pkix.Name{CommonName: name}.ToRDNSequence())
	if err != nil {
		t.Fatal(err)
	}
	sigAlg := pkix.AlgorithmIdentifier{Algorithm: oidSignatureDSAWithSHA256}
	der, err := asn1.Marshal(certificate{
		TBSCertificate: tbsCertificate{
			SerialNumber:       big.NewInt(77),
			SignatureAlgorithm: sigAlg,
			Issuer:             asn1.RawValue{FullBytes: rdn},
			Subject:            asn1.RawValue{FullBytes: rdn},
			Validity: validity{
				NotBefore: time.Now().Add(-time.Hour).UTC().Truncate(time.Second),
				NotAfter:  time.Now().Add(time.Hour).UTC().Truncate(time.Second),
			},
			PublicKey: publicKeyInfo{
				Algorithm: pkix.AlgorithmIdentifier{
					Algorithm:  oidPublicKeyDSA,
					Parameters: asn1.RawValue{FullBytes: params},
				},
				PublicKey: asn1.BitString{Bytes: y, BitLength: 8 * len(y)},
			},
		},
		SignatureAlgorithm: sigAlg,
		SignatureValue:     asn1.BitString{Bytes: []byte{0x00}, BitLength: 8},
	})
	if err != nil {
		t.Fatal(err)
	}
	cert, err := ParseCertificate(der)
	if err != nil {
		t.Fatalf("parsing DSA certificate: %v", err)
	}
	return cert
}

// GO-2025-4013 (CVE-2025-58188): chain building must not panic when a
// candidate issuer has a DSA public key and shares its subject with a
// certificate already in the chain.
func TestVerifyDSACandidateSameSubject(t *testing.T) {
	ca, caKey := backportCA(t, &Certificate{Subject: pkix.Name{CommonName: "Shared Name"}})
	leaf, _ := backportIssue(t, &Certificate{
		Subject:     pkix.Name{CommonName: "leaf"},
		ExtKeyUsage: []ExtKeyUsage{ExtKeyUsageServerAuth},
	}, ca, caKey)
	dsaCert := dsaKeyedCert(t, "Shared Name")

	inters := NewCertPool()
	inters.AddCert(ca)
	inters.AddCert(dsaCert)

	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("Verify panicked: %v", r)
			}
		}()
		_, err = leaf.Verify(VerifyOptions{Roots: NewCertPool(), Intermediates: inters})
	}()
	if _, ok := err.(UnknownAuthorityError); !ok {
		t.Errorf("Verify error = %v (%T), want UnknownAuthorityError", err, err)
	}
}

// GO-2025-4007 (CVE-2025-58187): while checking a CA's name constraints,
// each SAN and each constraint is split into labels once, not once per
// (name, constraint) pair. Splitting a many-label name allocates several
// times, so the test counts allocations per comparison, which is
// deterministic, instead of measuring time.
func TestNameConstraintsSplitOnce(t *testing.T) {
	const numNames, numConstraints, depth = 200, 200, 30
	inner := strings.Repeat("lbl.", depth)
	var excluded, names []string
	for i := 0; i < numConstraints; i++ {
		excluded = append(excluded, fmt.Sprintf("blocked%d.%sexample.org", i, inner))
	}
	for i := 0; i < numNames; i++ {
		names = append(names, fmt.Sprintf("host%d.%sexample.com", i, inner))
	}
	root, rootKey := backportCA(t, &Certificate{
		Subject:            pkix.Name{CommonName: "Constrained Root"},
		ExcludedDNSDomains: excluded,
	})
	leaf, _ := backportIssue(t, &Certificate{
		Subject:     pkix.Name{CommonName: "leaf"},
		DNSNames:    names,
		ExtKeyUsage: []ExtKeyUsage{ExtKeyUsageServerAuth},
	}, root, rootKey)

	roots := NewCertPool()
	roots.AddCert(root)
	opts := VerifyOptions{Roots: roots}
	if _, err := leaf.Verify(opts); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	allocs := testing.AllocsPerRun(1, func() {
		leaf.Verify(opts)
	})
	// Splitting both strings of every pair costs about a dozen allocations
	// per comparison; with each string split once, what remains per
	// comparison is the boxing of the constraint into an interface.
	const comparisons = numNames * numConstraints
	if perComparison := allocs / comparisons; perComparison > 3 {
		t.Errorf("Verify made %v allocations (%.1f per comparison) for %d names and %d constraints, want at most 3 per comparison", allocs, perComparison, numNames, numConstraints)
	}
}

// GO-2025-4007 (CVE-2025-58187): a DNS SAN with a leading empty label, such
// as ".example.com", is not a valid name and must not be treated as matching
// a constraint; malformed constraints are rejected when parsing.
func TestNameConstraintsLeadingPeriod(t *testing.T) {
	root, rootKey := backportCA(t, &Certificate{
		Subject:             pkix.Name{CommonName: "Constrained Root"},
		PermittedDNSDomains: []string{"example.com"},
	})
	leaf, _ := backportIssue(t, &Certificate{
		Subject:     pkix.Name{CommonName: "leaf"},
		DNSNames:    []string{".example.com"},
		ExtKeyUsage: []ExtKeyUsage{ExtKeyUsageServerAuth},
	}, root, rootKey)
	roots := NewCertPool()
	roots.AddCert(root)
	_, err := leaf.Verify(VerifyOptions{Roots: roots})
	if want := `cannot parse dnsName ".example.com"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Verify error = %v, want one containing %q", err, want)
	}

	for _, tc := range []struct {
		constraint string
		ok         bool
	}{
		{"example.com", true},
		{".example.com", true},
		{"", true},
		{"..example.com", false},
		{".", false},
		{"example..com", false},
		{"example.com.", false},
	} {
		_, _, err := parseCAWithConstraint(t, tc.constraint)
		if got := err == nil; got != tc.ok {
			t.Errorf("parsing a CA with DNS constraint %q: err = %v, want success %v", tc.constraint, err, tc.ok)
		}
	}

	// The host of a URI SAN is held to the same rules as a DNS name.
	for _, tc := range []struct {
		uri string
		ok  bool
	}{
		{"https://example.com/x", true},
		{"https://.example.com/x", false},
		{"https://example..com/x", false},
	} {
		u, err := url.Parse(tc.uri)
		if err != nil {
			t.Fatal(err)
		}
		_, err = parseLeafWithURI(t, u)
		if got := err == nil; got != tc.ok {
			t.Errorf("parsing a certificate with URI SAN %q: err = %v, want success %v", tc.uri, err, tc.ok)
		}
	}
}

// parseLeafWithURI creates a self-signed certificate with the URI SAN u and
// parses it back.
func parseLeafWithURI(t *testing.T, u *url.URL) (*Certificate, error) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &Certificate{
		SerialNumber: big.NewInt(3),
		Subject:      pkix.Name{CommonName: "uri"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		URIs:         []*url.URL{u},
	}
	der, err := CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return ParseCertificate(der)
}

// parseCAWithConstraint creates a CA certificate carrying the permitted DNS
// constraint c and parses it back.
func parseCAWithConstraint(t *testing.T, c string) (*Certificate, []byte, error) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              KeyUsageCertSign,
		PermittedDNSDomains:   []string{c},
	}
	der, err := CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := ParseCertificate(der)
	return cert, der, err
}

// GO-2025-4175 (CVE-2025-61727): an excluded DNS subtree must also rule out
// a wildcard SAN whose range contains it: excluding foo.example.com forbids
// *.example.com. Wildcards still cover exactly one label.
func TestExcludedConstraintWildcardSAN(t *testing.T) {
	for _, tc := range []struct {
		permitted, excluded []string
		san                 string
		wantErr             string // "" means Verify must succeed
	}{
		{excluded: []string{"foo.example.com"}, san: "*.example.com", wantErr: `"*.example.com" is excluded by constraint "foo.example.com"`},
		{excluded: []string{"FOO.Example.COM"}, san: "*.example.com", wantErr: `"*.example.com" is excluded by constraint "FOO.Example.COM"`},
		{excluded: []string{"example.com"}, san: "*.com", wantErr: `"*.com" is excluded by constraint "example.com"`},
		{excluded: []string{"foo.example.com"}, san: "*.foo.example.com", wantErr: `"*.foo.example.com" is excluded by constraint "foo.example.com"`},
		{excluded: []string{"foo.example.com"}, san: "*.bar.foo.example.com", wantErr: `"*.bar.foo.example.com" is excluded by constraint "foo.example.com"`},
		{excluded: []string{".example.com"}, san: "*.example.com", wantErr: `"*.example.com" is excluded by constraint ".example.com"`},
		{excluded: []string{"foo.example.com"}, san: "*.com"},
		{excluded: []string{"foo.example.com"}, san: "*.bar.example.com"},
		{excluded: []string{"foo.example.com"}, san: "*.example.org"},
		{excluded: []string{"tld"}, san: "*.example.com"},
		{excluded: []string{"foo.example.com"}, san: "bar.example.com"},
		{permitted: []string{"foo.example.com"}, san: "*.example.com", wantErr: `"*.example.com" is not permitted by any constraint`},
		{permitted: []string{"foo.example.com"}, san: "*.com", wantErr: `"*.com" is not permitted by any constraint`},
		{permitted: []string{"foo.example.com"}, san: "*.foo.example.com"},
		{permitted: []string{"foo.example.com"}, san: "*.bar.foo.example.com"},
	} {
		root, rootKey := backportCA(t, &Certificate{
			Subject:             pkix.Name{CommonName: "Constrained Root"},
			PermittedDNSDomains: tc.permitted,
			ExcludedDNSDomains:  tc.excluded,
		})
		leaf, _ := backportIssue(t, &Certificate{
			Subject:     pkix.Name{CommonName: "leaf"},
			DNSNames:    []string{tc.san},
			ExtKeyUsage: []ExtKeyUsage{ExtKeyUsageServerAuth},
		}, root, rootKey)
		roots := NewCertPool()
		roots.AddCert(root)
		_, err := leaf.Verify(VerifyOptions{Roots: roots})
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("permitted %q, excluded %q, SAN %q: Verify error = %v, want success", tc.permitted, tc.excluded, tc.san, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("permitted %q, excluded %q, SAN %q: Verify error = %v, want one containing %q", tc.permitted, tc.excluded, tc.san, err, tc.wantErr)
		}
	}
}

// GO-2025-4155 (CVE-2025-61729): HostnameError.Error must not list an
// unbounded number of SANs; from 100 names (or IP addresses) on it reports
// only how many there are.
func TestHostnameErrorManySANs(t *testing.T) {
	dnsNames := func(n int) []string {
		var names []string
		for i := 0; i < n; i++ {
			names = append(names, fmt.Sprintf("n%d.example.com", i))
		}
		return names
	}
	ips := func(n int) []net.IP {
		var addrs []net.IP
		for i := 0; i < n; i++ {
			addrs = append(addrs, net.IPv4(10, 0, byte(i>>8), byte(i)))
		}
		return addrs
	}
	for _, tc := range []struct {
		cert *Certificate
		host string
		want string
	}{
		{
			cert: &Certificate{DNSNames: dnsNames(100)},
			host: "other.example.net",
			want: "x509: certificate is valid for 100 names, but none matched other.example.net",
		},
		{
			cert: &Certificate{DNSNames: dnsNames(5000)},
			host: "other.example.net",
			want: "x509: certificate is valid for 5000 names, but none matched other.example.net",
		},
		{
			cert: &Certificate{DNSNames: dnsNames(2)},
			host: "other.example.net",
			want: "x509: certificate is valid for n0.example.com, n1.example.com, not other.example.net",
		},
		{
			cert: &Certificate{IPAddresses: ips(100)},
			host: "192.0.2.1",
			want: "x509: certificate is valid for 100 IP SANs, but none matched 192.0.2.1",
		},
		{
			cert: &Certificate{IPAddresses: ips(2)},
			host: "192.0.2.1",
			want: "x509: certificate is valid for 10.0.0.0, 10.0.0.1, not 192.0.2.1",
		},
	} {
		if got := (HostnameError{tc.cert, tc.host}).Error(); got != tc.want {
			t.Errorf("HostnameError{%d DNS names, %d IPs, %q}.Error() = %q, want %q", len(tc.cert.DNSNames), len(tc.cert.IPAddresses), tc.host, got, tc.want)
		}
	}

	// The 99-name message still lists every name.
	if got := (HostnameError{&Certificate{DNSNames: dnsNames(99)}, "x.test"}).Error(); !strings.Contains(got, "n98.example.com, not x.test") {
		t.Errorf("HostnameError with 99 names: got %q, want the names listed", got)
	}
}

// GO-2026-5037 (CVE-2026-27145): VerifyHostname splits the host name into
// labels once, not once per DNS SAN. With a long host name and many SANs,
// per-SAN splitting allocates a label slice for every SAN; the test
// measures the bytes allocated by one call, which does not depend on timing.
func TestVerifyHostnameSplitsHostOnce(t *testing.T) {
	const numSANs, hostLabels = 2000, 120
	var sans []string
	for i := 0; i < numSANs; i++ {
		sans = append(sans, fmt.Sprintf("*.n%d.example.com", i))
	}
	c := &Certificate{DNSNames: sans}
	host := strings.Repeat("a.", hostLabels-2) + "example.com"

	var err error
	allocated := ^uint64(0)
	for i := 0; i < 3; i++ {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err = c.VerifyHostname(host)
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n < allocated {
			allocated = n
		}
	}
	if _, ok := err.(HostnameError); !ok {
		t.Fatalf("VerifyHostname error = %v, want a HostnameError", err)
	}
	// One split of the host costs about hostLabels*16 bytes; doing it for
	// every SAN would cost numSANs times that.
	if perSAN := allocated / numSANs; perSAN > 400 {
		t.Errorf("VerifyHostname allocated %d bytes (%d per SAN) for %d SANs and a %d-label host, want at most 400 per SAN", allocated, perSAN, numSANs, hostLabels)
	}

	// Matching itself is unchanged.
	for _, tc := range []struct {
		pattern, host string
		ok            bool
	}{
		{"*.example.com", "www.EXAMPLE.com.", true},
		{"*.example.com", "a.b.example.com", false},
		{"www.example.com", "WWW.example.com", true},
		{"www.example.com", "example.com", false},
	} {
		c := &Certificate{DNSNames: []string{"unrelated.test", tc.pattern}}
		if got := c.VerifyHostname(tc.host) == nil; got != tc.ok {
			t.Errorf("VerifyHostname(%q) with SAN %q = %v, want %v", tc.host, tc.pattern, got, tc.ok)
		}
	}
}

// GO-2026-4947 (CVE-2026-32280): during chain building every candidate
// issuer counts towards the signature-check limit, including candidates that
// are skipped because they are already in the chain, and the search stops
// once the limit is hit.
func TestChainBuildingCountsSkippedCandidates(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	// Many distinct CA certificates that share one subject and one key:
	// each of them issued the leaf, and once one is in the chain all the
	// others are "already in the chain" candidates for the next step.
	const numCAs = 60
	inters := NewCertPool()
	var first *Certificate
	for i := 0; i < numCAs; i++ {
		tmpl := &Certificate{
			SerialNumber:          big.NewInt(int64(1000 + i)),
			Subject:               pkix.Name{CommonName: "Looping CA"},
			NotBefore:             time.Now().Add(-time.Hour),
			NotAfter:              time.Now().Add(time.Hour),
			IsCA:                  true,
			BasicConstraintsValid: true,
			KeyUsage:              KeyUsageCertSign,
		}
		der, err := CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
		if err != nil {
			t.Fatal(err)
		}
		ca, err := ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = ca
		}
		inters.AddCert(ca)
	}
	leaf, _ := backportIssue(t, &Certificate{
		Subject:     pkix.Name{CommonName: "leaf"},
		ExtKeyUsage: []ExtKeyUsage{ExtKeyUsageServerAuth},
	}, first, key)

	// Each of the 60 first-level candidates is followed by 60 second-level
	// ones, so the limit of 100 is exceeded.
	_, err = leaf.Verify(VerifyOptions{Roots: NewCertPool(), Intermediates: inters})
	if want := "x509: signature check attempts limit reached while verifying certificate chain"; err == nil || err.Error() != want {
		t.Errorf("Verify error = %v, want %q", err, want)
	}

	// With a trusted root among them, a chain is still found before the
	// limit.
	roots := NewCertPool()
	roots.AddCert(first)
	if _, err := leaf.Verify(VerifyOptions{Roots: roots, Intermediates: inters}); err != nil {
		t.Errorf("Verify with a trusted root: %v", err)
	}
}

// GO-2026-6809 (CVE-2026-111943): Verify rejects every chain that contains a certificate
// whose public key is on the distrusted list, even though the chain is
// otherwise valid and anchored in a trusted root. The listed keys belong to
// real intermediates, so the test temporarily adds its own intermediate's
// key to the list.
func TestVerifyDistrustedIntermediate(t *testing.T) {
	root, rootKey := backportCA(t, &Certificate{Subject: pkix.Name{CommonName: "Root"}})
	inter, interKey := backportIssue(t, &Certificate{
		SerialNumber:          big.NewInt(10),
		Subject:               pkix.Name{CommonName: "Intermediate"},
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              KeyUsageCertSign,
	}, root, rootKey)
	leaf, _ := backportIssue(t, &Certificate{
		SerialNumber: big.NewInt(11),
		Subject:      pkix.Name{CommonName: "leaf"},
		DNSNames:     []string{"leaf.example"},
		ExtKeyUsage:  []ExtKeyUsage{ExtKeyUsageServerAuth},
	}, inter, interKey)
	codeSigning, _ := backportIssue(t, &Certificate{
		SerialNumber: big.NewInt(12),
		Subject:      pkix.Name{CommonName: "signer"},
		ExtKeyUsage:  []ExtKeyUsage{ExtKeyUsageCodeSigning},
	}, inter, interKey)

	roots := NewCertPool()
	roots.AddCert(root)
	inters := NewCertPool()
	inters.AddCert(inter)
	opts := VerifyOptions{Roots: roots, Intermediates: inters, DNSName: "leaf.example"}
	if _, err := leaf.Verify(opts); err != nil {
		t.Fatalf("Verify before distrusting the intermediate: %v", err)
	}

	sum := sha256.Sum256(inter.RawSubjectPublicKeyInfo)
	hash := hex.EncodeToString(sum[:])
	distrustedSPKIHashes[hash] = struct{}{}
	t.Cleanup(func() { delete(distrustedSPKIHashes, hash) })

	for _, tc := range []struct {
		name       string
		cert       *Certificate
		opts       VerifyOptions
		wantReason InvalidReason
		wantErr    string
	}{
		// Reason 10 is the value of upstream's NoValidChains.
		{"server auth", leaf, opts, 10, "x509: no valid chains built"},
		{"any usage", leaf, VerifyOptions{Roots: roots, Intermediates: inters, KeyUsages: []ExtKeyUsage{ExtKeyUsageAny}}, 10, "x509: no valid chains built"},
		{"wrong usage", codeSigning, VerifyOptions{Roots: roots, Intermediates: inters}, IncompatibleUsage, "x509: certificate specifies an incompatible key usage"},
	} {
		chains, err := tc.cert.Verify(tc.opts)
		cie, ok := err.(CertificateInvalidError)
		if !ok {
			t.Errorf("%s: Verify = %d chains, error %v (%T); want CertificateInvalidError", tc.name, len(chains), err, err)
			continue
		}
		if cie.Reason != tc.wantReason || cie.Error() != tc.wantErr {
			t.Errorf("%s: Verify error = %q (reason %d), want %q (reason %d)", tc.name, cie.Error(), cie.Reason, tc.wantErr, tc.wantReason)
		}
	}
}
