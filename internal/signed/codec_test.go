package signed

import (
	"bytes"
	"compress/zlib"
	"strings"
	"testing"

	"github.com/natter/natter/internal/pyjson"
)

// freshPayload is encodePayload as it was before writers were pooled: a
// new zlib writer per value. Pooled writers must give the same tokens.
func freshPayload(t testing.TB, v any) string {
	data, err := pyjson.Compact(v)
	if err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if z.Len() < len(data)-1 {
		return "." + b64.EncodeToString(z.Bytes())
	}
	return b64.EncodeToString(data)
}

func TestEncodePayload_SameAsFreshWriter(t *testing.T) {
	values := []any{
		0, 13, int64(999999999999), int64(1) << 62, "", "a", "aaaaaaaaaa", strings.Repeat("a", 11),
		[]any{23, "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"},
		[]any{7, "0000000000000000000000000000000000000000"},
		[]string{"unsubscribe", "alice@example.com"},
		[]string{strings.Repeat("abc", 50)},
		[]string{strings.Repeat("x", 100)},
		map[string]bool{"logged": true},
	}
	for i := range 300 { // lengths across the compress/raw boundary
		values = append(values, strings.Repeat("ab", i%40)+strings.Repeat("z", i/40))
	}
	for _, v := range values {
		got, err := encodePayload(v)
		if err != nil {
			t.Fatal(err)
		}
		if want := freshPayload(t, v); got != want {
			t.Errorf("encodePayload(%#v) = %s, want %s", v, got, want)
		}
	}
}

func TestMinZlib(t *testing.T) {
	// The floor behind the short-payload shortcut: nothing compresses to
	// fewer bytes than the empty input.
	for _, s := range []string{"", "a", "aaaaaaaaaaaa", "0"} {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write([]byte(s))
		w.Close()
		if z.Len() < minZlib {
			t.Errorf("zlib(%q) is %d bytes, under minZlib %d", s, z.Len(), minZlib)
		}
	}
}

func FuzzEncodePayload(f *testing.F) {
	f.Add("")
	f.Add(strings.Repeat("abc", 20))
	f.Add("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed")
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := pyjson.Compact(s); err != nil {
			t.Skip("not encodable")
		}
		got, err := encodePayload(s)
		if err != nil {
			t.Fatal(err)
		}
		if want := freshPayload(t, s); got != want {
			t.Fatalf("encodePayload(%q) = %s, want %s", s, got, want)
		}
	})
}
