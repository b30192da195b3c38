// Package patchset reads the fork's patches: the files a patch changes,
// the order of the security series, and applying a patch with GNU patch.
// The ledger and the patch workflow (tools/ledger, tools/patches) share it.
package patchset

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Files returns the files the patch text changes, each once, in byte order.
func Files(text []byte) []string {
	seen := map[string]bool{}
	var files []string
	for _, line := range strings.Split(string(text), "\n") {
		if file, ok := strings.CutPrefix(line, "+++ b/"); ok && !seen[file] {
			seen[file] = true
			files = append(files, file)
		}
	}
	sort.Strings(files)
	return files
}

// FilesOf returns the files the patch file at path changes, as Files.
func FilesOf(path string) ([]string, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Files(text), nil
}

// ReadSeries returns the patch names of a series file in the order they
// apply: one a line, # starts a comment. A missing file is an empty series.
func ReadSeries(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		if line = strings.TrimSpace(line); line != "" {
			names = append(names, line)
		}
	}
	return names, nil
}

// Apply applies the patch file at path to the tree dir with GNU patch
// (-p1, never asking), with args added (-R, --dry-run, --fuzz=0, ...).
// The error holds what patch printed.
func Apply(dir, path string, args ...string) error {
	text, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	cmd := exec.Command("patch", append([]string{"-s", "-d", dir, "-p1", "--batch"}, args...)...)
	cmd.Stdin = bytes.NewReader(text)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("patch %s: %v\n%s", filepath.Base(path), err, out)
	}
	return nil
}

// CopyFile copies src to dst with src's permissions, making dst's folder.
func CopyFile(src, dst string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, info.Mode().Perm())
}
