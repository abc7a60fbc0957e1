package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// maxAnswer bounds the part of a remote's reply that is read and kept.
const maxAnswer = 1024

// poster sends push requests. Its client must have a timeout; errors and
// answers never contain the request URL, which holds keys and tokens.
type poster struct {
	client *http.Client
}

// postJSON posts v as JSON and returns the remote's answer.
func (p poster) postJSON(ctx context.Context, target string, v any, hdr http.Header) (string, []byte, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return "", nil, Permanent(fmt.Errorf("encode request: %w", err))
	}
	if hdr == nil {
		hdr = http.Header{}
	}
	hdr.Set("Content-Type", "application/json")
	return p.post(ctx, target, body, hdr)
}

// postForm posts form fields.
func (p poster) postForm(ctx context.Context, target string, form url.Values) (string, []byte, error) {
	hdr := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	return p.post(ctx, target, []byte(form.Encode()), hdr)
}

// post sends body and classifies the reply: 2xx is accepted, 408, 429
// and 5xx are retried, other statuses are permanent refusals.
func (p poster) post(ctx context.Context, target string, body []byte, hdr http.Header) (string, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return "", nil, Permanent(errors.New("invalid endpoint URL"))
	}
	req.Header = hdr
	req.Header.Set("User-Agent", "Natter")
	resp, err := p.client.Do(req)
	if err != nil {
		return "", nil, withoutURL(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	answer := fmt.Sprintf("HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(data)))
	switch s := resp.StatusCode; {
	case s >= 200 && s < 300:
		return answer, data, nil
	case s == http.StatusRequestTimeout || s == http.StatusTooManyRequests || s >= 500:
		return answer, data, errors.New(answer)
	default:
		return answer, data, Permanent(errors.New(answer))
	}
}

// withoutURL drops the URL net/http puts in its errors.
func withoutURL(err error) error {
	var u *url.Error
	if errors.As(err, &u) {
		return fmt.Errorf("POST failed: %w", u.Err)
	}
	return err
}

// apiCode reads a JSON reply's status fields: ServerChan and Feishu say
// "code", WeCom and DingTalk "errcode", Telegram "ok". A reply without
// them (or not JSON) is taken as accepted, the HTTP status having said so.
// A refusal is retried: rate limits are reported this way too.
func apiCode(data []byte) error {
	var r struct {
		Code    *int   `json:"code"`
		ErrCode *int   `json:"errcode"`
		OK      *bool  `json:"ok"`
		Message string `json:"message"`
	}
	if json.Unmarshal(data, &r) != nil {
		return nil
	}
	if r.Code != nil && *r.Code != 0 || r.ErrCode != nil && *r.ErrCode != 0 || r.OK != nil && !*r.OK {
		return fmt.Errorf("refused: %s", strings.TrimSpace(string(data)))
	}
	return nil
}
