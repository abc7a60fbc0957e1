package isso_test

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// normalise replaces values that change between runs (times) so golden
// files are stable; ids stay, as each test builds its data from scratch.
func normalise(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, val := range x {
			switch {
			case (k == "created" || k == "modified") && val != nil:
				out[k] = "<time>"
			default:
				out[k] = normalise(val)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = normalise(x[i])
		}
		return out
	}
	return v
}

// golden compares a JSON body, normalised, with testdata/<name>.golden.json.
func golden(t *testing.T, name string, body []byte) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(normalise(decode(t, body))); err != nil {
		t.Fatal(err)
	}
	goldenFile(t, name+".golden.json", buf.Bytes())
}

// goldenFile compares bytes with testdata/<name>.
func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// jsonEqual compares JSON texts semantically.
func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	g, w := decode(t, got), decode(t, []byte(want))
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.MarshalIndent(g, "", "  ")
		wb, _ := json.MarshalIndent(w, "", "  ")
		t.Errorf("JSON differs:\ngot:\n%s\nwant:\n%s", gb, wb)
	}
}

var htmlErrorRE = regexp.MustCompile(`^<!doctype html>\n<html lang=en>\n<title>(\d{3}) [^<]+</title>\n<h1>[^<]+</h1>\n<p>(.*)</p>\n$`)

// wantError checks a status and, when msg is non-empty, the description of
// Isso's error page (HTML) or JSON message.
func wantError(t *testing.T, r resp, status int, msg string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d (body %q)", r.status, status, r.body)
	}
	if msg == "" {
		return
	}
	if m := htmlErrorRE.FindSubmatch(r.body); m != nil {
		if got := html.UnescapeString(string(m[2])); got != msg {
			t.Errorf("error message = %q, want %q", got, msg)
		}
		return
	}
	if !strings.Contains(string(r.body), msg) {
		t.Errorf("error body %q does not contain %q", r.body, msg)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
