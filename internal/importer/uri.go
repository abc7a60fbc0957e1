package importer

import (
	"net/url"
	"strings"
)

// threadURI maps a page reference to the URI Isso keys threads on: the
// path and query of a full URL (so http://, https:// and a bare path of
// the same page merge), without a fragment and without sorting or tracking
// parameters. An empty path is "/".
func threadURI(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if !strings.HasPrefix(p, "/") && u.Host == "" && u.Scheme == "" {
		return ref // an opaque identifier (data-isso-id), kept as given
	}
	if q := cleanQuery(u.RawQuery); q != "" {
		return p + "?" + q
	}
	return p
}

func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	var kept []string
	for _, kv := range strings.Split(raw, "&") {
		k, _, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		if kv == "" || dropParam(strings.ToLower(k)) {
			continue
		}
		kept = append(kept, kv)
	}
	return strings.Join(kept, "&")
}

// dropParam tells query parameters that only choose how a page lists its
// comments, or track a visit, from those that name the page.
func dropParam(k string) bool {
	switch k {
	case "sort", "order", "orderby", "comments_order", "replytocom", "cpage":
		return true
	}
	return strings.HasPrefix(k, "utm_")
}
