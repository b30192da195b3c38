// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package tar

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
)

// rawHeaderBlock returns a PAX-format (USTAR magic) header block.
func rawHeaderBlock(name string, typeflag byte, size int64) []byte {
	var blk block
	var f formatter
	v7 := blk.toV7()
	copy(v7.name(), name)
	f.formatOctal(v7.mode(), 0644)
	f.formatOctal(v7.size(), size)
	v7.typeFlag()[0] = typeflag
	blk.setFormat(FormatPAX)
	return blk[:]
}

// padBlock pads b with NULs to a whole number of blocks.
func padBlock(b []byte) []byte {
	if n := len(b) % blockSize; n != 0 {
		b = append(b, make([]byte, blockSize-n)...)
	}
	return b
}

// gnuSparse1x0Archive returns the start of an archive holding one PAX
// 1.0 GNU sparse file whose data (the sparse map comes first) is
// mapPrefix followed by zeros, dataSize bytes in all.
func gnuSparse1x0Archive(t *testing.T, mapPrefix string, dataSize int64) io.Reader {
	var recs string
	for _, kv := range [][2]string{
		{paxGNUSparseMajor, "1"},
		{paxGNUSparseMinor, "0"},
		{paxGNUSparseName, "sparse"},
		{paxGNUSparseRealSize, "1024"},
	} {
		rec, err := formatPAXRecord(kv[0], kv[1])
		if err != nil {
			t.Fatal(err)
		}
		recs += rec
	}
	var hdrs []byte
	hdrs = append(hdrs, rawHeaderBlock("PaxHeaders/sparse", TypeXHeader, int64(len(recs)))...)
	hdrs = append(hdrs, padBlock([]byte(recs))...)
	hdrs = append(hdrs, rawHeaderBlock("sparse", TypeReg, dataSize)...)
	return io.MultiReader(
		bytes.NewReader(hdrs),
		strings.NewReader(mapPrefix),
		io.LimitReader(zeroReader{}, dataSize-int64(len(mapPrefix))))
}

// GO-2025-4014 (CVE-2025-58183): the sparse map of a PAX 1.0 GNU sparse
// file is limited to maxSpecialFileSize bytes, however many blocks the
// archive supplies.
func TestGNUSparseMap1x0TooLong(t *testing.T) {
	// One entry announced, but its two fields never arrive: a megabyte
	// and more of NUL blocks follow.
	const dataSize = 2 << 20
	tr := NewReader(gnuSparse1x0Archive(t, "1\n", dataSize))
	if hdr, err := tr.Next(); !isSparseTooLong(err) {
		t.Errorf("Next() = %v, %v; want error %q", hdr, err, sparseTooLong)
	}

	// The same through readGNUSparseMap1x0: many newline-free blocks,
	// and a huge entry count backed by too many blocks of tokens.
	tests := []struct {
		name string
		in   io.Reader
	}{{
		name: "no tokens",
		in: io.MultiReader(strings.NewReader("1\n"),
			io.LimitReader(zeroReader{}, maxSpecialFileSize+2*blockSize)),
	}, {
		name: "many tokens",
		in: io.MultiReader(strings.NewReader("1000000000\n"),
			strings.NewReader(strings.Repeat("0\n", maxSpecialFileSize))),
	}}
	for _, tt := range tests {
		got, err := readGNUSparseMap1x0(tt.in)
		if !isSparseTooLong(err) {
			t.Errorf("%s: readGNUSparseMap1x0() = %d entries, %v; want error %q", tt.name, len(got), err, sparseTooLong)
		}
	}

	// A map that fits in the limit is still accepted.
	got, err := readGNUSparseMap1x0(strings.NewReader("2\n0\n5\n10\n5\n" + strings.Repeat("\x00", 2*blockSize)))
	want := sparseDatas{{0, 5}, {10, 5}}
	if err != nil || !equalSparseEntries(got, want) {
		t.Errorf("readGNUSparseMap1x0() = %v, %v; want %v, nil", got, err, want)
	}
}

// oldGNUSparseArchive returns an old-format GNU sparse file header
// followed by as many extension blocks as needed to hold n map entries.
// Entry i maps one byte at offset 2*i.
func oldGNUSparseArchive(n int) []byte {
	var f formatter
	entry := func(i int) []byte {
		var b [24]byte
		f.formatNumeric(b[:12], int64(2*i))
		f.formatNumeric(b[12:], 1)
		return b[:]
	}
	fill := func(sa sparseArray, next int) int {
		for i := 0; next < n && i < sa.maxEntries(); i++ {
			copy(sa.entry(i), entry(next))
			next++
		}
		if next < n {
			sa.isExtended()[0] = 1
		}
		return next
	}

	var blk block
	gnu := blk.toGNU()
	v7 := gnu.v7()
	copy(v7.name(), "sparse")
	f.formatOctal(v7.mode(), 0644)
	f.formatNumeric(v7.size(), int64(n))
	f.formatNumeric(gnu.realSize(), int64(2*n))
	v7.typeFlag()[0] = TypeGNUSparse
	next := fill(gnu.sparse(), 0)
	blk.setFormat(FormatGNU)
	out := append([]byte(nil), blk[:]...)
	for next < n {
		var ext block
		next = fill(ext.toSparse(), next)
		out = append(out, ext[:]...)
	}
	return out
}

// GO-2026-4869 (CVE-2026-32288): the extension blocks of an old-format
// GNU sparse map may not exceed maxSpecialFileSize bytes in all.
func TestOldGNUSparseMapTooLong(t *testing.T) {
	// Each extension block holds 21 entries; 60000 entries need about
	// 2857 blocks (1.4 MiB), beyond the limit.
	tests := []struct {
		entries int
		tooLong bool // want the "sparse map too long" error
	}{
		{entries: 60000, tooLong: true},
		{entries: 1000, tooLong: false},
	}
	for _, tt := range tests {
		tr := NewReader(bytes.NewReader(oldGNUSparseArchive(tt.entries)))
		hdr, err := tr.Next()
		if isSparseTooLong(err) != tt.tooLong || !tt.tooLong && err != nil {
			t.Errorf("%d entries: Next() error = %v, want too long: %v", tt.entries, err, tt.tooLong)
			continue
		}
		if err == nil && hdr.Size != int64(2*tt.entries) {
			t.Errorf("%d entries: Next() Size = %d, want %d", tt.entries, hdr.Size, 2*tt.entries)
		}
	}

	// A chain of extension blocks that never ends must stop at the
	// limit rather than read until the input runs out.
	var blk block
	blk.toGNU().sparse().isExtended()[0] = 1
	blk.setFormat(FormatGNU)
	var ext block
	ext.toSparse().isExtended()[0] = 1
	rd := Reader{r: strings.NewReader(strings.Repeat(string(ext[:]), 3*maxSpecialFileSize/blockSize))}
	var hdr Header
	if spd, err := rd.readOldGNUSparseMap(&hdr, &blk); !isSparseTooLong(err) {
		t.Errorf("readOldGNUSparseMap(endless chain) = %d entries, %v; want error %q", len(spd), err, sparseTooLong)
	}
}

// GO-2026-4869 (CVE-2026-32288): no sparse map may hold more than
// 1<<20 entries (maxSparseFileEntries), whatever its encoding.
func TestSparseMapEntryLimit(t *testing.T) {
	for _, tt := range []struct {
		entries int
		tooLong bool // want the "sparse map too long" error
	}{
		{entries: 10, tooLong: false},
		{entries: 1<<20 + 1, tooLong: true},
	} {
		paxHdrs := map[string]string{
			paxGNUSparseNumBlocks: strconv.Itoa(tt.entries),
			paxGNUSparseMap:       strings.Repeat("0,", 2*tt.entries-1) + "0",
		}
		spd, err := readGNUSparseMap0x1(paxHdrs)
		if isSparseTooLong(err) != tt.tooLong || !tt.tooLong && err != nil {
			t.Errorf("readGNUSparseMap0x1(%d entries) = %d entries, %v; want too long: %v", tt.entries, len(spd), err, tt.tooLong)
		}
	}
}

// sparseTooLong is the error text upstream gives a sparse map over its
// limits. The tests compare the text, not the variable, so that they build,
// and fail, without the fixes.
const sparseTooLong = "archive/tar: sparse map too long"

func isSparseTooLong(err error) bool { return err != nil && err.Error() == sparseTooLong }
