package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"forktools/internal/patchset"
)

// fork names the trees of the patch workflow.
type fork struct {
	root   string // the repository: patches/ and the overlay
	base   string // the unpatched upstream tree
	goroot string // the built tree, where the edits are
}

// overlayDirs are the GOROOT folders the overlay mirrors at the
// repository's root (scripts/env.sh's OVERLAY_DIRS).
var overlayDirs = []string{"src", "api", "test", "misc"}

// edits is what the built tree holds that the repository does not.
type edits struct {
	patches   []patch  // every patches/*.patch, regenerated from the tree
	unclaimed []string // upstream files that differ from the base and belong to no patch
	secTree   string   // the files of the security series: the base with all of it applied
	secDrift  []string // files of secTree whose copy in the tree differs
}

// A patch is one file of patches/, by name, and its text.
type patch struct {
	name string
	text []byte
}

// scan finds the tree's edits. The security tree is built under tmp.
func (f *fork) scan(tmp string) (*edits, error) {
	e := &edits{secTree: filepath.Join(tmp, "security-tree")}
	claimed := map[string]bool{}
	names, err := filepath.Glob(filepath.Join(f.root, "patches", "*.patch"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		old, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		for _, file := range patchset.Files(old) {
			claimed[file] = true
		}
		text, err := f.regenerate(old)
		if err != nil {
			return nil, err
		}
		e.patches = append(e.patches, patch{filepath.Base(name), text})
	}
	secFiles, err := f.applySeries(e.secTree)
	if err != nil {
		return nil, err
	}
	for _, file := range secFiles {
		claimed[file] = true
		if !sameFile(filepath.Join(e.secTree, file), filepath.Join(f.goroot, file)) {
			e.secDrift = append(e.secDrift, file)
		}
	}
	changed, err := f.changedUpstream()
	if err != nil {
		return nil, err
	}
	for _, file := range changed {
		if !claimed[file] {
			e.unclaimed = append(e.unclaimed, file)
		}
	}
	return e, nil
}

// regenerate returns the patch text again from the tree: its header (all
// before the first "--- a/" line), then a diff from the base of each file
// it claims, in byte order.
func (f *fork) regenerate(text []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Write(patchHeader(text))
	for _, file := range patchset.Files(text) {
		d, err := diff(filepath.Join(f.base, file), filepath.Join(f.goroot, file), file)
		if err != nil {
			return nil, err
		}
		b.Write(d)
	}
	return b.Bytes(), nil
}

// patchHeader returns the lines of a patch before its first file.
func patchHeader(text []byte) []byte {
	if bytes.HasPrefix(text, []byte("--- a/")) {
		return nil
	}
	if i := bytes.Index(text, []byte("\n--- a/")); i >= 0 {
		return text[:i+1]
	}
	return text
}

// applySeries copies into dir the base's copy of every file the security
// series changes and applies the series to them. It returns those files
// in byte order.
func (f *fork) applySeries(dir string) ([]string, error) {
	names, err := patchset.ReadSeries(filepath.Join(f.root, "patches", "security", "series"))
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var files []string
	for _, name := range names {
		path := filepath.Join(f.root, "patches", "security", name)
		changed, err := patchset.FilesOf(path)
		if err != nil {
			return nil, err
		}
		for _, file := range changed {
			if seen[file] {
				continue
			}
			seen[file] = true
			files = append(files, file)
			err := patchset.CopyFile(filepath.Join(f.base, file), filepath.Join(dir, file))
			if err != nil && !errors.Is(err, fs.ErrNotExist) { // else the patch creates it
				return nil, err
			}
		}
		if err := patchset.Apply(dir, path, "--fuzz=0", "--forward", "--no-backup-if-mismatch"); err != nil {
			return nil, fmt.Errorf("%s does not apply after the patches before it in patches/security/series: %v", path, err)
		}
	}
	sort.Strings(files)
	return files, nil
}

// changedUpstream returns the base's files under the overlay folders whose
// copy in the tree differs, in byte order. Files the tree lacks, and the
// tree's files the base lacks (the overlay's, generated ones), are not
// changes of upstream files.
func (f *fork) changedUpstream() ([]string, error) {
	var changed []string
	for _, dir := range overlayDirs {
		err := filepath.WalkDir(filepath.Join(f.base, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			file, _ := filepath.Rel(f.base, path)
			other := filepath.Join(f.goroot, file)
			if st, err := os.Stat(other); err == nil && st.Mode().IsRegular() && !sameFile(path, other) {
				changed = append(changed, filepath.ToSlash(file))
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	sort.Strings(changed)
	return changed, nil
}

// overlayDrift returns the overlay files whose copy in the tree differs,
// in byte order; with missing, also those the tree lacks, saying so.
func (f *fork) overlayDrift(missing bool) ([]string, error) {
	var drift []string
	for _, dir := range overlayDirs {
		err := filepath.WalkDir(filepath.Join(f.root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			file, _ := filepath.Rel(f.root, path)
			file = filepath.ToSlash(file)
			switch st, err := os.Stat(filepath.Join(f.goroot, file)); {
			case err == nil && st.Mode().IsRegular():
				if !sameFile(path, filepath.Join(f.goroot, file)) {
					drift = append(drift, file)
				}
			case missing:
				drift = append(drift, file+" (not in goroot/: run ./make.bash)")
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	sort.Strings(drift)
	return drift, nil
}

// diff returns GNU diff's unified diff from a to b, labelled a/file and
// b/file, with no dates: empty when they are the same.
func diff(a, b, file string) ([]byte, error) {
	cmd := exec.Command("diff", "-u", "--label", "a/"+file, "--label", "b/"+file, a, b)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if e, ok := err.(*exec.ExitError); ok && e.ExitCode() == 1 {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("diff %s: %v: %s", file, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return out, nil
}

// diffs returns the diffs of files from the tree under dir to the built tree.
func (f *fork) diffs(dir string, files []string) ([]byte, error) {
	var b bytes.Buffer
	for _, file := range files {
		d, err := diff(filepath.Join(dir, file), filepath.Join(f.goroot, file), file)
		if err != nil {
			return nil, err
		}
		b.Write(d)
	}
	return b.Bytes(), nil
}

// sameFile reports whether a and b can both be read and hold the same bytes.
func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 != nil || err2 != nil || sa.Size() != sb.Size() {
		return false
	}
	da, err1 := os.ReadFile(a)
	db, err2 := os.ReadFile(b)
	return err1 == nil && err2 == nil && bytes.Equal(da, db)
}

// list returns title and the items, one an indented line.
func list(title string, items []string) string {
	var b strings.Builder
	b.WriteString(title)
	for _, s := range items {
		b.WriteString("\n  " + s)
	}
	return b.String()
}

// patchName and advisoryID are what save and security accept as a new
// patch's name: they become file names under patches/.
var (
	patchName  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	advisoryID = regexp.MustCompile(`^(GO|CVE)-20[0-9][0-9]-[0-9]+$`)
)
