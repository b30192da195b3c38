package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// check reports on standard output every way patches/ and the overlay
// disagree with the tree, and fails if there is one.
func (f *fork) check() error {
	e, done, err := f.scanTemp()
	if err != nil {
		return err
	}
	defer done()
	bad := false
	for _, p := range e.patches {
		if old, err := os.ReadFile(f.path("patches", p.name)); err != nil || !bytes.Equal(old, p.text) {
			fmt.Printf("patches/%s disagrees with goroot/\n", p.name)
			bad = true
		}
	}
	drift, err := f.overlayDrift(true)
	if err != nil {
		return err
	}
	for _, l := range []struct {
		title string
		items []string
	}{
		{"upstream files edited in goroot/ but in no patch:", e.unclaimed},
		{"files that differ in goroot/ from base + patches/security/series:", e.secDrift},
		{"overlay files that differ in goroot/:", drift},
	} {
		if len(l.items) > 0 {
			fmt.Println(list(l.title, l.items))
			bad = true
		}
	}
	if bad {
		return errors.New("patches/ or the overlay disagree with goroot/")
	}
	fmt.Println("patches.bash: patches/ and the overlay match goroot/")
	return nil
}

// save writes the tree's edits into the repository: overlay files edited
// in the tree, the regenerated patches, and upstream files no patch claims
// into the patch called name.
func (f *fork) save(name string) error {
	if name != "" && !patchName.MatchString(name) {
		return fmt.Errorf("patch name %q: use lower-case letters, digits and '-'", name)
	}
	e, done, err := f.scanTemp()
	if err != nil {
		return err
	}
	defer done()
	if len(e.secDrift) > 0 {
		return errors.New(list("files of the security patches were edited in goroot/: ./patches.bash security ID makes a new patch of them", e.secDrift))
	}
	if err := f.saveOverlay(); err != nil {
		return err
	}
	for _, p := range e.patches {
		if err := f.update(p.name, p.text); err != nil {
			return err
		}
	}
	if len(e.unclaimed) == 0 {
		return nil
	}
	if name == "" {
		return errors.New(list("upstream files edited but in no patch; name a new one: ./patches.bash save NAME", e.unclaimed))
	}
	d, err := f.diffs(f.base, e.unclaimed)
	if err != nil {
		return err
	}
	if old, _ := filepath.Glob(f.path("patches", "[0-9]*-"+name+".patch")); len(old) > 0 {
		return f.addToPatch(filepath.Base(old[0]), d)
	}
	all, err := filepath.Glob(f.path("patches", "*.patch"))
	if err != nil {
		return err
	}
	new := fmt.Sprintf("%04d-%s.patch", len(all)+1, name)
	header := name + ": WHAT THIS PATCH DOES (one line)\n\nWHY: the hook, and where the logic lives in the overlay.\n\n"
	if err := os.WriteFile(f.path("patches", new), append([]byte(header), d...), 0o644); err != nil {
		return err
	}
	fmt.Printf("patch: patches/%s (write its header)\n", new)
	return nil
}

// saveOverlay copies back the overlay files edited in the tree: those
// whose copy there is newer than the repository's.
func (f *fork) saveOverlay() error {
	drift, err := f.overlayDrift(false)
	if err != nil {
		return err
	}
	for _, file := range drift {
		edited, err1 := os.Stat(filepath.Join(f.goroot, file))
		ours, err2 := os.Stat(f.path(file))
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		if !edited.ModTime().After(ours.ModTime()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(f.goroot, file))
		if err != nil {
			return err
		}
		if err := os.WriteFile(f.path(file), data, ours.Mode().Perm()); err != nil {
			return err
		}
		fmt.Printf("overlay: %s\n", file)
	}
	return nil
}

// update writes patches/name if its text changed.
func (f *fork) update(name string, text []byte) error {
	if old, err := os.ReadFile(f.path("patches", name)); err == nil && bytes.Equal(old, text) {
		return nil
	}
	if err := os.WriteFile(f.path("patches", name), text, 0o644); err != nil {
		return err
	}
	fmt.Printf("patch: patches/%s\n", name)
	return nil
}

// addToPatch adds the diffs d to patches/name and regenerates it, which
// puts its files back in byte order.
func (f *fork) addToPatch(name string, d []byte) error {
	old, err := os.ReadFile(f.path("patches", name))
	if err != nil {
		return err
	}
	text, err := f.regenerate(append(old, d...))
	if err != nil {
		return err
	}
	if err := os.WriteFile(f.path("patches", name), text, 0o644); err != nil {
		return err
	}
	fmt.Printf("patch: patches/%s\n", name)
	return nil
}

// security writes the tree's edits of upstream files, less what the
// patches already make, into patches/security/id.patch and adds it to the
// end of the series.
func (f *fork) security(id string) error {
	if !advisoryID.MatchString(id) {
		return errors.New("usage: ./patches.bash security GO-YYYY-NNNN (or CVE-YYYY-NNNN)")
	}
	new := f.path("patches", "security", id+".patch")
	if _, err := os.Lstat(new); err == nil {
		return fmt.Errorf("patches/security/%s.patch exists: a security patch is written once, for one advisory", id)
	}
	e, done, err := f.scanTemp()
	if err != nil {
		return err
	}
	defer done()
	if len(e.unclaimed) == 0 && len(e.secDrift) == 0 {
		return errors.New("no upstream file in goroot/ differs from base + patches")
	}
	unclaimed, err := f.diffs(f.base, e.unclaimed)
	if err != nil {
		return err
	}
	drift, err := f.diffs(e.secTree, e.secDrift)
	if err != nil {
		return err
	}
	header := id + `: PACKAGE: WHAT THE FIX DOES (one line)

CVE: 
Upstream: golang/go#NNNNN, CL NNNNNN; fixed in go1.X.Y
Packages: 
GODEBUG: none
Test: PACKAGE TestName (src/PACKAGE/backport_test.go)
Backport: what had to change for Go 1.22

`
	text := append(append([]byte(header), unclaimed...), drift...)
	if err := os.MkdirAll(filepath.Dir(new), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(new, text, 0o644); err != nil {
		return err
	}
	series, err := os.OpenFile(f.path("patches", "security", "series"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(series, "%s.patch\n", id); err != nil {
		series.Close()
		return err
	}
	if err := series.Close(); err != nil {
		return err
	}
	fmt.Printf("patch: patches/security/%s.patch, added to patches/security/series (write its header and its ledger row)\n", id)
	return nil
}

// scanTemp scans the tree with a scratch folder that done removes.
func (f *fork) scanTemp() (e *edits, done func(), err error) {
	tmp, err := os.MkdirTemp("", "patches-")
	if err != nil {
		return nil, nil, err
	}
	done = func() { os.RemoveAll(tmp) }
	if e, err = f.scan(tmp); err != nil {
		done()
		return nil, nil, err
	}
	return e, done, nil
}

// path returns the repository's file with the given path elements.
func (f *fork) path(elem ...string) string {
	return filepath.Join(append([]string{f.root}, elem...)...)
}
