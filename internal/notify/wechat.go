package notify

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// sendKeyUID matches ServerChan³ SendKeys, "sctp<uid>t…", which have
// their own host.
var sendKeyUID = regexp.MustCompile(`^sctp(\d+)t`)

// wechatChannel is isso-cn's ServerChan push, on today's endpoints.
type wechatChannel struct {
	key     string
	apiBase string // replaces scheme and host; its path is prefixed
	post    poster
}

func (w wechatChannel) Name() string { return WeChat }

// Send posts title, desp (Markdown) and short, as ServerChan expects.
func (w wechatChannel) Send(ctx context.Context, m Message) (string, error) {
	p := newPushText(m)
	form := url.Values{"title": {truncate(p.Title, 32)}, "desp": {p.Markdown()}, "short": {truncate(p.Body, 64)}}
	target, err := serverChanURL(w.key, w.apiBase)
	if err != nil {
		return "", Permanent(err)
	}
	answer, data, err := w.post.postForm(ctx, target, form)
	if err != nil {
		return answer, err
	}
	return answer, apiCode(data)
}

// serverChanURL is https://<uid>.push.ft07.com/send/<key>.send for
// ServerChan³ keys and https://sctapi.ftqq.com/<key>.send for the others;
// apiBase, when set, replaces scheme and host (keeping its own path as a
// prefix, for relays).
func serverChanURL(key, apiBase string) (string, error) {
	u := &url.URL{Scheme: "https", Host: "sctapi.ftqq.com", Path: "/" + key + ".send"}
	if m := sendKeyUID.FindStringSubmatch(key); m != nil {
		u.Host, u.Path = m[1]+".push.ft07.com", "/send/"+key+".send"
	}
	if apiBase == "" {
		return u.String(), nil
	}
	b, err := url.Parse(apiBase)
	if err != nil || b.Host == "" {
		return "", fmt.Errorf("[wechat] api-base is not a URL")
	}
	u.Scheme, u.Host, u.Path = b.Scheme, b.Host, strings.TrimRight(b.Path, "/")+u.Path
	return u.String(), nil
}
