// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package tlog

import (
	"fmt"
	"testing"
)

// forgingTileReader serves the tiles of an honest log, except that the
// tiles in forged are replaced by the given data.
type forgingTileReader struct {
	height int
	hashes HashReader
	forged map[Tile][]byte
}

func (r *forgingTileReader) Height() int { return r.height }

func (r *forgingTileReader) ReadTiles(tiles []Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		if data, ok := r.forged[t]; ok {
			out[i] = data
			continue
		}
		data, err := ReadTileData(t, r.hashes)
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (r *forgingTileReader) SaveTiles(tiles []Tile, data [][]byte) {}

// GO-2026-6179 (CVE-2026-56865): every tile that ReadHashes uses must be
// authenticated, either against the tree hash or against its parent tile.
// When several subtree hashes of the tree head live in the same tile,
// the tiles fetched for the requested indexes must still be checked.
func TestReadHashesAuthenticatesEveryTile(t *testing.T) {
	const (
		height = 2
		n      = 15 // subtrees of sizes 8, 4, 2, 1: four hashes in two tiles
	)
	var stored []Hash
	hr := HashReaderFunc(func(indexes []int64) ([]Hash, error) {
		out := make([]Hash, len(indexes))
		for i, x := range indexes {
			if x >= int64(len(stored)) {
				return nil, fmt.Errorf("hash %d not stored", x)
			}
			out[i] = stored[x]
		}
		return out, nil
	})
	for i := int64(0); i < n; i++ {
		hs, err := StoredHashes(i, []byte(fmt.Sprintf("record %d\n", i)), hr)
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, hs...)
	}
	th, err := TreeHash(n, hr)
	if err != nil {
		t.Fatal(err)
	}
	tree := Tree{N: n, Hash: th}

	for rec := int64(0); rec < n; rec++ {
		index := StoredHashIndex(0, rec)
		// The tile holding the record's hash, as wide as the tree allows.
		tile := tileParent(TileForIndex(height, index), 0, n)
		honest, err := ReadTileData(tile, hr)
		if err != nil {
			t.Fatal(err)
		}

		// Without forgery, the true hash comes back.
		got, err := TileHashReader(tree, &forgingTileReader{height, hr, nil}).ReadHashes([]int64{index})
		if err != nil {
			t.Fatalf("record %d: honest tiles: ReadHashes: %v", rec, err)
		}
		if got[0] != stored[index] {
			t.Fatalf("record %d: honest tiles: ReadHashes = %v, want %v", rec, got[0], stored[index])
		}

		// Replace the record's hash in its level-0 tile.
		forged := append([]byte(nil), honest...)
		off := (rec - tile.N<<height) * HashSize
		fake := RecordHash([]byte("forged record\n"))
		copy(forged[off:], fake[:])
		tr := &forgingTileReader{height, hr, map[Tile][]byte{tile: forged}}
		got, err = TileHashReader(tree, tr).ReadHashes([]int64{index})
		if err == nil {
			t.Errorf("record %d: forged tile %v: ReadHashes = %v, nil; want error", rec, tile.Path(), got[0])
		}
	}
}
