// Package static embeds Natter's built front-end files (the Tailwind output
// and the minified loaders in dist/, vendored htmx in vendor/) and serves them
// under content-hashed names, so responses can be cached for a year.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// Prefix is the path under which assets are served, relative to Natter's
// public base path. URL returns paths that start with it.
const Prefix = "/static/"

// hashLen is the number of hex digits of the SHA-256 kept in file names.
const hashLen = 10

//go:embed dist vendor isso
var embedded embed.FS

// File is one asset, held in memory. Its byte slices are shared: callers
// must not modify them.
type File struct {
	// Name is the logical name, e.g. "natter.css".
	Name string
	// Body is the file content.
	Body []byte
	// gz compresses Body on first use (see Gzip).
	gz *lazyGzip
	// ContentType is the Content-Type header value.
	ContentType string
	// ETag is a weak validator derived from the content hash. Weak, because
	// the same tag is sent for the identity and the gzip encoding.
	ETag string
}

// Assets maps logical names to hashed URLs and hashed names to files. It is
// built once by New and is read-only afterwards, so it is safe for
// concurrent use.
type Assets struct {
	urls   map[string]string // logical name -> Prefix + hashed name
	byHash map[string]File   // hashed name -> file
}

// New reads the embedded files and builds the asset table.
func New() (*Assets, error) {
	return newFromFS(embedded)
}

// newFromFS builds the asset table from any file system, for tests. Files
// are flattened to their base names; only known types are served (so
// vendor/README.md is not), and two files with the same base name are an
// error.
func newFromFS(fsys fs.FS) (*Assets, error) {
	a := &Assets{urls: map[string]string{}, byHash: map[string]File{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := path.Base(p)
		ctype := contentType(name)
		if ctype == "" {
			return nil
		}
		if _, dup := a.urls[name]; dup {
			return fmt.Errorf("static: two assets named %q", name)
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("static: read %s: %w", p, err)
		}
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])[:hashLen]
		hashed := hashedName(name, hash)
		a.urls[name] = Prefix + hashed
		a.byHash[hashed] = File{
			Name:        name,
			Body:        body,
			gz:          &lazyGzip{body: body},
			ContentType: ctype,
			ETag:        `W/"` + hash + `"`,
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// URL returns the hashed path of the named asset relative to Natter's base
// path, e.g. "natter.css" -> "/static/natter.3f2a1b9c0d.css". Callers prefix
// the public sub-path. It returns "" for a name that is not an asset.
func (a *Assets) URL(name string) string {
	return a.urls[name]
}

// Lookup finds an asset by its hashed name, given either bare
// ("natter.3f2a1b9c0d.css") or as returned by URL ("/static/natter.3f2a1b9c0d.css").
// A stale or wrong hash is not found.
func (a *Assets) Lookup(hashedPath string) (File, bool) {
	f, ok := a.byHash[strings.TrimPrefix(hashedPath, Prefix)]
	return f, ok
}

// hashedName inserts the hash before the last extension:
// "htmx.min.js" -> "htmx.min.<hash>.js".
func hashedName(name, hash string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hash + ext
}

// contentType maps the extensions we ship to Content-Type values. A fixed
// table rather than mime.TypeByExtension, whose answer depends on the host's
// /etc/mime.types. JavaScript is text/javascript per RFC 9239.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".woff2":
		return "font/woff2"
	default:
		return ""
	}
}

// Gzip returns Body gzip-compressed at the best level, or nil when that
// would not make it smaller. It compresses on the first call, not at
// start: the server answers sooner, and files nobody asks for compressed
// (the loaders' templates, isso.css without Isso's client) never are.
func (f File) Gzip() []byte {
	if f.gz == nil {
		return nil
	}
	f.gz.once.Do(f.gz.compress)
	return f.gz.out
}

// lazyGzip is one file's compressed form, made once.
type lazyGzip struct {
	once sync.Once
	body []byte
	out  []byte
}

func (z *lazyGzip) compress() {
	var buf bytes.Buffer
	// Neither call fails: the level is valid and a bytes.Buffer takes
	// every write.
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(z.body)
	zw.Close()
	if buf.Len() < len(z.body) {
		z.out = buf.Bytes()
	}
}

// Prepare compresses every file now (each once), so that the first
// requests after a start do not wait for it; servers call it in the
// background once they listen.
func (a *Assets) Prepare() {
	for _, f := range a.byHash {
		f.Gzip()
	}
}

// Named returns a file by its logical name, for the few paths that must
// stay fixed (Isso's client loads /css/isso.css by that name).
func (a *Assets) Named(name string) (File, bool) {
	u, ok := a.urls[name]
	if !ok {
		return File{}, false
	}
	return a.byHash[strings.TrimPrefix(u, Prefix)], true
}
