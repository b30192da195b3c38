// Command patches keeps the fork's patches and overlay in step with edits
// made inside the built tree goroot/ (CONTRIBUTING.md, "Editing").
// patches.bash runs it.
//
// Usage:
//
//	patches -root DIR -base DIR -goroot DIR check
//	patches -root DIR -base DIR -goroot DIR save [NAME]
//	patches -root DIR -base DIR -goroot DIR security ID
//
// -root is the fork's repository, -base the unpatched Go 1.22.12 tree and
// -goroot the built tree the edits were made in.
//
// Each patches/NNNN-*.patch is regenerated from the tree: its header kept,
// then a diff of every upstream file it claims, in byte order, labelled
// a/FILE and b/FILE with no dates, so an unchanged tree gives byte-identical
// patches. The security patches (patches/security/series) stack, several
// on one file, so they are not regenerated: their files are compared with
// the base plus the whole series.
//
// check fails, naming each, if a patch disagrees with the tree, an
// upstream file differs from the base but no patch claims it, a file of
// the security series was edited, or an overlay file differs from its copy
// in the tree (or the tree lacks it).
//
// save copies overlay files edited in the tree (newer than the repository's
// copy) back into the repository and writes the regenerated patches. Edited
// upstream files no patch claims go into patches/NNNN-NAME.patch: added to
// it if it exists, else created with a header to fill in.
//
// security writes what differs in the tree from the base plus the patches
// into patches/security/ID.patch, with a header to fill in, and adds it to
// the end of the series.
//
// The diffs are GNU diff's (diff -u) and the series is applied with GNU
// patch, both on PATH.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	fs := flag.NewFlagSet("patches", flag.ExitOnError)
	fs.Usage = usage
	root := fs.String("root", ".", "the fork's repository")
	base := fs.String("base", "", "the unpatched Go 1.22.12 tree")
	goroot := fs.String("goroot", "", "the built tree the edits were made in")
	fs.Parse(os.Args[1:])
	if *base == "" || *goroot == "" || fs.NArg() == 0 {
		usage()
	}
	f := &fork{root: *root, base: *base, goroot: *goroot}
	verb, args := fs.Arg(0), fs.Args()[1:]
	var err error
	switch {
	case verb == "check" && len(args) == 0:
		err = f.check()
	case verb == "save" && len(args) <= 1:
		name := ""
		if len(args) == 1 {
			name = args[0]
		}
		err = f.save(name)
	case verb == "security" && len(args) == 1:
		err = f.security(args[0])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "patches.bash: %v\n", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: ./patches.bash save [NAME] | security ID | check")
	os.Exit(2)
}
