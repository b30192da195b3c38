// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package sql

import (
	"bytes"
	"context"
	"testing"
	"time"
)

// scanFunc is a Scanner that calls a function.
type scanFunc func(src any) error

func (f scanFunc) Scan(src any) error { return f(src) }

// GO-2025-3849 (CVE-2025-47907): canceling the context of a query while
// Rows.Scan is in progress must not close the driver rows (and so release
// the driver-owned memory being scanned) before Scan returns.
func TestScanNotRacingWithCancel(t *testing.T) {
	db := newTestDB(t, "people")
	defer closeDB(t, db)

	closed := make(chan struct{}, 1)
	setRowsCloseHook(func(*Rows, *error) {
		select {
		case closed <- struct{}{}:
		default:
		}
	})
	defer setRowsCloseHook(nil)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	want := []byte("Alice")
	rows, err := db.QueryContext(ctx, "SELECT|people|name|name=?", string(want))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("rows.Next() = false, want true")
	}

	inScan := make(chan []byte)
	release := make(chan struct{})
	scanDone := make(chan error)
	go func() {
		scanDone <- rows.Scan(scanFunc(func(src any) error {
			b, _ := src.([]byte)
			inScan <- b
			<-release
			return nil
		}))
	}()
	got := <-inScan
	if !bytes.Equal(got, want) {
		close(release)
		<-scanDone
		t.Fatalf("Scan source before cancel = %q, want %q", got, want)
	}

	// Cancel the query while Scan is still using the row. The rows must
	// stay open until Scan returns; give a wrongly running close plenty
	// of time to show up.
	cancel()
	closedEarly := false
	select {
	case <-closed:
		closedEarly = true
	case <-time.After(200 * time.Millisecond):
	}
	if closedEarly {
		t.Errorf("rows were closed while Scan was in progress")
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Scan source after cancel = %q, want %q", got, want)
	}

	close(release)
	if err := <-scanDone; err != nil {
		t.Errorf("Scan: %v", err)
	}
	if !closedEarly {
		// The pending close runs once Scan has released the rows.
		select {
		case <-closed:
		case <-time.After(10 * time.Second):
			t.Errorf("rows not closed after canceling the context")
		}
	}
}
