// Copyright 2026 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"strings"
	"testing"
	"text/template/parse"
)

// backportCase is one template, the data it is executed with and the output
// expected from the fixed escaper.
type backportCase struct {
	name string
	tmpl string
	data any
	want string
}

func runBackportCases(t *testing.T, tests []backportCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tmpl, err := New(tc.name).Parse(tc.tmpl)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.tmpl, err)
			}
			var b strings.Builder
			if err := tmpl.Execute(&b, tc.data); err != nil {
				t.Fatalf("Execute(%q): %v", tc.tmpl, err)
			}
			if got := b.String(); got != tc.want {
				t.Errorf("Execute(%q):\ngot  %q\nwant %q", tc.tmpl, got, tc.want)
			}
		})
	}
}

// GO-2026-4603 (CVE-2026-27142): an action after "url=" in the content
// attribute of a <meta> element is a URL and must be filtered like one.
func TestMetaContentURLEscaped(t *testing.T) {
	runBackportCases(t, []backportCase{
		{
			name: "refresh javascript url",
			tmpl: `<meta http-equiv="refresh" content="5; url={{.}}">`,
			data: "javascript:alert(document.domain)",
			want: `<meta http-equiv="refresh" content="5; url=#ZgotmplZ">`,
		},
		{
			name: "upper case URL=",
			tmpl: `<meta http-equiv="refresh" content="0;URL={{.}}">`,
			data: "JavaScript:alert(1)",
			want: `<meta http-equiv="refresh" content="0;URL=#ZgotmplZ">`,
		},
		{
			name: "single quoted and several urls",
			tmpl: `<META HTTP-EQUIV=refresh CONTENT='x; Url={{.}}; y; uRl={{.}};'>`,
			data: "vbscript:msgbox(1)",
			want: `<META HTTP-EQUIV=refresh CONTENT='x; Url=#ZgotmplZ; y; uRl=#ZgotmplZ;'>`,
		},
		{
			name: "safe url kept",
			tmpl: `<meta http-equiv="refresh" content="0; url={{.}}">`,
			data: "https://example.com/a b?q=<x>",
			want: `<meta http-equiv="refresh" content="0; url=https://example.com/a b?q=&lt;x&gt;">`,
		},
		{
			name: "value before url= is only attribute escaped",
			tmpl: `<meta http-equiv="refresh" content="{{.}}">`,
			data: `javascript:1 "x"`,
			want: `<meta http-equiv="refresh" content="javascript:1 &#34;x&#34;">`,
		},
		{
			name: "text after meta",
			tmpl: `<meta charset="utf-8">{{.}}`,
			data: "<b>",
			want: `<meta charset="utf-8">&lt;b&gt;`,
		},
		{
			name: "meta inside a branch",
			tmpl: `{{if .}}<meta name="a" content="url={{.}}">{{end}}<p>`,
			data: "javascript:x",
			want: `<meta name="a" content="url=#ZgotmplZ"><p>`,
		},
	})

	t.Run("GODEBUG=htmlmetacontenturlescape=0", func(t *testing.T) {
		t.Setenv("GODEBUG", "htmlmetacontenturlescape=0")
		runBackportCases(t, []backportCase{{
			name: "old behaviour",
			tmpl: `<meta http-equiv="refresh" content="5; url={{.}}">`,
			data: "javascript:alert(1)",
			want: `<meta http-equiv="refresh" content="5; url=javascript:alert(1)">`,
		}})
	})
}

// GO-2026-4865 (CVE-2026-32289): the brace depth inside JS template literal
// substitutions is part of the context. Branches must not share it, must
// agree on it, and templates called at different depths are escaped apart.
func TestJSBraceDepthContext(t *testing.T) {
	branchErrors := []string{
		// The {{if}} adds an open brace that the else branch lacks, so
		// the final } closes the substitution on one path only.
		"<script>var s = `${ {{if .}} { {{end}} } {{.}} }`</script>",
		"<script>var s = `${ {{if .}}{{else}} { {{end}} } {{.}} }`</script>",
		"<script>var s = `${ {{with .}} { { {{else}} { {{end}} } } {{.}} }`</script>",
	}
	for _, src := range branchErrors {
		tmpl := Must(New("x").Parse(src))
		err := tmpl.Execute(new(strings.Builder), "x")
		if err == nil {
			t.Errorf("Execute(%q): got no error, want ErrBranchEnd", src)
			continue
		}
		if e, ok := err.(*Error); !ok || e.ErrorCode != ErrBranchEnd {
			t.Errorf("Execute(%q): got error %v, want ErrBranchEnd", src, err)
		}
	}

	runBackportCases(t, []backportCase{
		{
			name: "branches with equal depth",
			tmpl: "<script>var s = `${ {{if .}}{ a }{{else}}b{{end}} } {{.}}`</script>",
			data: "`${x}",
			want: "<script>var s = `${ { a } } \\u0060\\u0024\\u007bx\\u007d`</script>",
		},
		{
			name: "template called at two depths",
			tmpl: "{{define \"T\"}}} {{.}}{{end}}" +
				"<script>`${ {{template \"T\" .}} ${ { {{template \"T\" .}} } }`</script>",
			data: "`${x}",
			want: "<script>`${ } \\u0060\\u0024\\u007bx\\u007d ${ { } \"`${x}\" } }`</script>",
		},
	})
}

// GO-2026-4980 (CVE-2026-39826): a <script> whose type attribute is empty or
// only white space holds JavaScript, so actions in it get JS escaping.
func TestScriptEmptyTypeIsJS(t *testing.T) {
	const data = `</script><script>alert(1)</script>`
	const js = `"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"`
	runBackportCases(t, []backportCase{
		{"empty", `<script type="">var v = {{.}};</script>`, data, `<script type="">var v = ` + js + `;</script>`},
		{"space", `<script type=' '>var v = {{.}};</script>`, data, `<script type=' '>var v = ` + js + `;</script>`},
		{"tab and newline", "<script type=\"\t\n\">var v = {{.}};</script>", data, "<script type=\"\t\n\">var v = " + js + ";</script>"},
		{"empty parameters", `<script type=" ;charset=utf-8">var v = {{.}};</script>`, data, `<script type=" ;charset=utf-8">var v = ` + js + `;</script>`},
		{"not js", `<script type="text/template">{{.}}</script>`, "<b>", `<script type="text/template">&lt;b&gt;</script>`},
	})
	for _, typ := range []string{"", " ", "\t", "\r\n", "  ;x=y"} {
		if !isJSType(typ) {
			t.Errorf("isJSType(%q) = false, want true", typ)
		}
	}
}

// GO-2026-4982 (CVE-2026-39823): white space between "url" and "=" in a
// <meta> content attribute must not hide the URL from the URL filter.
func TestMetaContentURLSpacedEquals(t *testing.T) {
	const data = "javascript:alert(1)"
	runBackportCases(t, []backportCase{
		{"space before", `<meta http-equiv="refresh" content="1;url ={{.}}">`, data, `<meta http-equiv="refresh" content="1;url =#ZgotmplZ">`},
		{"spaces around", `<meta http-equiv="refresh" content="1; URL  =  {{.}}">`, data, `<meta http-equiv="refresh" content="1; URL  =  #ZgotmplZ">`},
		{"tab cr lf ff", "<meta http-equiv=refresh content='1;Url\t\r\n\f={{.}}'>", data, "<meta http-equiv=refresh content='1;Url\t\r\n\f=#ZgotmplZ'>"},
		{"second url", `<meta http-equiv="refresh" content="url=a; url ={{.}}">`, data, `<meta http-equiv="refresh" content="url=a; url =#ZgotmplZ">`},
		{"no equals", `<meta name="x" content="url {{.}}">`, data, `<meta name="x" content="url javascript:alert(1)">`},
	})
}

// GO-2026-6091 (CVE-2026-56858): '{' and '}' in JS code are followed by a
// regexp, not a division, so an action inside /.../ after a brace must get
// regexp escaping rather than being taken as a division operand.
func TestJSRegexpAfterBrace(t *testing.T) {
	const data = `./;alert(1);var q=/.`
	const re = `\.\/;alert\(1\);var q=\/\.`
	runBackportCases(t, []backportCase{
		{"after open brace", `<script>if (x) {/{{.}}/.test(y)}</script>`, data, `<script>if (x) {/` + re + `/.test(y)}</script>`},
		{"after close brace", `<script>if (x) {y()}/{{.}}/i.exec(z)</script>`, data, `<script>if (x) {y()}/` + re + `/i.exec(z)</script>`},
		{"in event handler", `<a onclick="function f(){/{{.}}/g.test(z)}">`, data, `<a onclick="function f(){/` + re + `/g.test(z)}">`},
		{"in template literal substitution", "<script>`${ (function () {/{{.}}/.test(z)})() }`</script>", data, "<script>`${ (function () {/" + re + "/.test(z)})() }`</script>"},
		{"division after paren in substitution", "<script>`${ (() => {})/{{.}}/ }`</script>", data, "<script>`${ (() => {})/\"" + data + "\"/ }`</script>"},
	})
}

// GO-2026-6599 (CVE-2026-94448): each ${ in a JS template literal starts a fresh expression,
// so the JS context left by a previous substitution must not carry over.
func TestJSTmplLitSubstitutionResetsJSCtx(t *testing.T) {
	const data = `x/.exec(alert(1))}`
	const re = `x\/\.exec\(alert\(1\)\)\}`
	runBackportCases(t, []backportCase{
		{"second substitution", "<script>let s = `${1}${/{{.}}/g}`;</script>", data, "<script>let s = `${1}${/" + re + "/g}`;</script>"},
		{"after text", "<script>let s = `${a} and ${/{{.}}/.source}`;</script>", data, "<script>let s = `${a} and ${/" + re + "/.source}`;</script>"},
		{"nested literal", "<script>let s = `${`${b}${/{{.}}/}`}`;</script>", data, "<script>let s = `${`${b}${/" + re + "/}`}`;</script>"},
	})

	for _, tc := range []struct {
		in   string
		want context
	}{
		{"<script>`${x}${", context{state: stateJS, element: elementScript, jsCtx: jsCtxRegexp, jsBraceDepth: []int{0}}},
		{"<script>`${`${x)}${", context{state: stateJS, element: elementScript, jsCtx: jsCtxRegexp, jsBraceDepth: []int{0, 0}}},
	} {
		b, e := []byte(tc.in), makeEscaper(nil)
		if got := e.escapeText(context{}, &parse.TextNode{NodeType: parse.NodeText, Text: b}); !tc.want.eq(got) {
			t.Errorf("context after %q:\ngot  %v\nwant %v", tc.in, got, tc.want)
		}
	}
}

// GO-2026-6600 (CVE-2026-97030): yield can precede a regexp literal, while a keyword used
// as a property name (a.in, a.yield, this.#yield) precedes a division.
func TestJSRegexpPrecederKeywords(t *testing.T) {
	const stmt = `0;document.title=1;0`
	const quoted = `"0;document.title=1;0"`
	runBackportCases(t, []backportCase{
		{"yield regexp", `<script>function* g() { yield /{{.}}/i }</script>`, `/;alert(1)//`, `<script>function* g() { yield /\/;alert\(1\)\/\//i }</script>`},
		{"in property", "<script>var k = net.in / 8;\nvar v = {{.}}; // n\n</script>", stmt, "<script>var k = net.in / 8;\nvar v = " + quoted + "; \n</script>"},
		{"yield property", "<script>var r = bond?.yield / 2;\nvar v = {{.}}; // n\n</script>", stmt, "<script>var r = bond?.yield / 2;\nvar v = " + quoted + "; \n</script>"},
		{"private yield", "<script>class B { #yield = 1; f() { return this.#yield / 2; } }\nvar v = {{.}}; // n\n</script>", stmt, "<script>class B { #yield = 1; f() { return this.#yield / 2; } }\nvar v = " + quoted + "; \n</script>"},
	})

	for _, tc := range []struct {
		in   string
		want jsCtx
	}{
		{"yield", jsCtxRegexp},
		{"x = yield", jsCtxRegexp},
		{"typeof", jsCtxRegexp},
		{"a.yield", jsCtxDivOp},
		{"a?.yield", jsCtxDivOp},
		{"a.\n\tyield", jsCtxDivOp},
		{"a.in", jsCtxDivOp},
		{"a . typeof", jsCtxDivOp},
		{"yields", jsCtxDivOp},
	} {
		if got := nextJSCtx([]byte(tc.in), jsCtxDivOp); got != tc.want {
			t.Errorf("nextJSCtx(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
