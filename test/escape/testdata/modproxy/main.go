// modproxy writes a GOPROXY directory (list, .info, .mod, .zip) for one module
// version from a source directory, so tests can serve a dependency locally.
// Usage: modproxy SRC_DIR MODULE_PATH VERSION OUT_DIR
package main

import (
	"archive/zip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: modproxy SRC_DIR MODULE_PATH VERSION OUT_DIR")
		os.Exit(2)
	}
	src, mod, ver, out := os.Args[1], os.Args[2], os.Args[3], os.Args[4]
	dir := filepath.Join(out, filepath.FromSlash(strings.ToLower(mod)), "@v")
	must(os.MkdirAll(dir, 0o755))
	must(os.WriteFile(filepath.Join(dir, "list"), []byte(ver+"\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, ver+".info"), []byte(fmt.Sprintf(`{"Version":%q,"Time":"2024-01-01T00:00:00Z"}`, ver)), 0o644))
	goMod, err := os.ReadFile(filepath.Join(src, "go.mod"))
	must(err)
	must(os.WriteFile(filepath.Join(dir, ver+".mod"), goMod, 0o644))
	f, err := os.Create(filepath.Join(dir, ver+".zip"))
	must(err)
	zw := zip.NewWriter(f)
	must(filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		w, err := zw.Create(mod + "@" + ver + "/" + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}))
	must(zw.Close())
	must(f.Close())
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
