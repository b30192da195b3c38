// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package xml

import (
	"runtime"
	"strings"
	"testing"
)

// selfDecodingNode decodes itself through DecodeElement on a method-less
// copy of its type, whose Child field leads back to UnmarshalXML: every
// level of the document passes through a fresh DecodeElement call.
type selfDecodingNode struct {
	Child *selfDecodingNode `xml:"n"`
}

func (n *selfDecodingNode) UnmarshalXML(d *Decoder, start StartElement) error {
	type plain selfDecodingNode
	return d.DecodeElement((*plain)(n), &start)
}

// tokenLoopNode walks its element with Token and hands every child
// element to DecodeElement.
type tokenLoopNode struct {
	Kids []*tokenLoopNode
}

func (n *tokenLoopNode) UnmarshalXML(d *Decoder, start StartElement) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case StartElement:
			kid := new(tokenLoopNode)
			if err := d.DecodeElement(kid, &t); err != nil {
				return err
			}
			n.Kids = append(n.Kids, kid)
		case EndElement:
			return nil
		}
	}
}

// rawTokenInside calls RawToken from a nested UnmarshalXML.
type rawTokenInside struct {
	Inner *rawTokenInner `xml:"inner"`
}

type rawTokenInner struct{}

func (*rawTokenInner) UnmarshalXML(d *Decoder, start StartElement) error {
	if _, err := d.RawToken(); err != errRawToken {
		return err
	}
	return d.Skip()
}

// GO-2026-6088 (CVE-2026-56859): the maximum unmarshal depth applies to
// the whole document, also when UnmarshalXML methods decode the inner
// elements with DecodeElement (which used to restart the count at zero,
// leaving the recursion, and so the stack, unbounded).
func TestUnmarshalDepthThroughDecodeElement(t *testing.T) {
	maxDepth := maxUnmarshalDepth
	if runtime.GOARCH == "wasm" {
		maxDepth = maxUnmarshalDepthWasm
	}
	nested := func(depth int) []byte {
		return []byte(strings.Repeat("<n>", depth) + strings.Repeat("</n>", depth))
	}
	tests := []struct {
		name    string
		val     func() any
		depth   int
		wantErr error
	}{
		{"DecodeElement at the limit", func() any { return new(selfDecodingNode) }, maxDepth, nil},
		{"DecodeElement past the limit", func() any { return new(selfDecodingNode) }, maxDepth + 1, errUnmarshalDepth},
		{"Token loop at the limit", func() any { return new(tokenLoopNode) }, maxDepth, nil},
		{"Token loop past the limit", func() any { return new(tokenLoopNode) }, maxDepth + 1, errUnmarshalDepth},
	}
	for _, tt := range tests {
		err := Unmarshal(nested(tt.depth), tt.val())
		if err != tt.wantErr {
			t.Errorf("%s: Unmarshal of %d nested elements: got error %v, want %v", tt.name, tt.depth, err, tt.wantErr)
		}
	}

	// RawToken stays refused inside nested UnmarshalXML methods.
	var v rawTokenInside
	if err := Unmarshal([]byte("<x><inner><y/></inner></x>"), &v); err != nil {
		t.Errorf("Unmarshal with RawToken in nested UnmarshalXML: %v", err)
	}
}
