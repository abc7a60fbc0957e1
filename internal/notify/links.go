package notify

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/natter/natter/internal/signed"
)

type endpointKey struct{}

// WithEndpoint records the URL under which the server was reached by the
// current request (scheme, host and mount path, no trailing slash). Links
// in messages the request causes use it when [server] public-endpoint is
// empty, as Isso uses its own request URL.
func WithEndpoint(ctx context.Context, endpoint string) context.Context {
	return context.WithValue(ctx, endpointKey{}, strings.TrimRight(endpoint, "/"))
}

func endpointFrom(ctx context.Context) string {
	e, _ := ctx.Value(endpointKey{}).(string)
	return e
}

// linker builds Isso's moderation and unsubscribe links.
type linker struct {
	public string // [server] public-endpoint
	signer *signed.Signer
	now    func() time.Time
}

// endpoint is public-endpoint, else the request's endpoint, else "".
func (l linker) endpoint(ctx context.Context) string {
	if l.public != "" {
		return l.public
	}
	return endpointFrom(ctx)
}

// moderation fills the activate, delete and edit links of comment id: one
// key (the signed id) serves every action, as in Isso.
func (l linker) moderation(ctx context.Context, id int64, links *Links) error {
	e := l.endpoint(ctx)
	if e == "" {
		return nil
	}
	key, err := l.signer.SignAt(id, l.now())
	if err != nil {
		return fmt.Errorf("notify: sign moderation key: %w", err)
	}
	base := e + "/id/" + strconv.FormatInt(id, 10)
	links.Activate, links.Delete, links.Edit = base+"/activate/"+key, base+"/delete/"+key, base+"/edit/"+key
	return nil
}

// unsubscribe is Isso's link to stop reply mails to email under parent.
func (l linker) unsubscribe(ctx context.Context, parent int64, email string) (string, error) {
	e := l.endpoint(ctx)
	if e == "" {
		return "", nil
	}
	key, err := l.signer.SignAt([]any{"unsubscribe", email}, l.now())
	if err != nil {
		return "", fmt.Errorf("notify: sign unsubscribe key: %w", err)
	}
	return e + "/id/" + strconv.FormatInt(parent, 10) + "/unsubscribe/" + quote(email) + "/" + key, nil
}

// commentLink is Isso's "Link to comment".
func commentLink(origin, uri string, id int64) string {
	return strings.TrimRight(origin, "/") + uri + "#isso-" + strconv.FormatInt(id, 10)
}

// quote is Python's urllib.parse.quote with its default safe "/": letters,
// digits, "_.-~" and "/" stay, every other byte is %XX-encoded.
func quote(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_.-~/", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
